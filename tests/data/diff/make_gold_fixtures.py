"""Rebuild the gold-derived diff fixtures (S3, S4, S6) from ../shared/corpus/gold.

Run from the repository root: python tests/data/diff/make_gold_fixtures.py
The S3 Rev.1 record adds the layout noise a PDF reflow brings (line breaks at other places,
end-of-line hyphenation) and lists the Wednesday-morning items in the revised timetable order
(14, 13, 12, 16, 15), as printed in E/ICEF/2025/11/Rev.1.
"""

import json
from pathlib import Path

GOLD = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "gold"
OUT = Path(__file__).resolve().parent


def record(stem: str, gold: dict, recs: list, agenda: list) -> dict:
    return {
        "schema_version": "1.1",
        "document": {
            "id": stem,
            "source_file": f"{stem}.pdf",
            "format": "pdf",
            "doc_type": gold["document"]["doc_type"],
            "title": gold["document"].get("title_contains", ""),
            "date": gold["document"].get("date"),
        },
        "objectives": [
            {"text": t, "provenance": {"source_file": f"{stem}.pdf"}} for t in gold.get("objectives", [])
        ],
        "agenda_items": agenda,
        "recommendations": recs,
    }


def recs_of(stem: str, gold: dict) -> list:
    return [
        {
            "number": r["number"],
            "label": f"Recommendation {r['number']}",
            "text": r["text"],
            "actors": [{"name": a[0]} for a in r.get("actors", [])],
            "provenance": {"source_file": f"{stem}.pdf"},
        }
        for r in gold.get("recommendations", [])
    ]


def agenda_of(stem: str, gold: dict) -> list:
    return [
        {k: a.get(k) for k in ("date", "start", "end", "number")}
        | {"title": a["title"], "provenance": {"source_file": f"{stem}.pdf"}}
        for a in gold.get("agenda_items", [])
    ]


def reflow(text: str, n: int) -> str:
    """Break the line somewhere else, as a re-laid-out PDF does; hyphenate a long word now and then."""
    words = text.split(" ")
    if len(words) < 4:
        return text
    cut = 2 + n % (len(words) - 3)
    long = [k for k, w in enumerate(words) if len(w) > 8 and w.isalpha() and w.islower()]
    if n % 3 == 0 and long:
        w = words[long[0]]
        words[long[0]] = w[:4] + "-\n" + w[4:]
        return " ".join(words)
    return " ".join(words[:cut]) + "\n" + " ".join(words[cut:])


def main() -> None:
    for stem in ("DP_2025_6.en", "DP_2025_7.en"):
        gold = json.loads((GOLD / f"{stem}.gold.json").read_text(encoding="utf-8"))
        write(f"s4_{stem}.json", record(stem, gold, recs_of(stem, gold), []))
    for stem in ("programme_2020-02-14", "programme_2020-03-19"):
        gold = json.loads((GOLD / f"{stem}.gold.json").read_text(encoding="utf-8"))
        write(f"s6_{stem}.json", record(stem, gold, [], agenda_of(stem, gold)))
    stem = "E_ICEF_2025_11.en"
    gold = json.loads((GOLD / f"{stem}.gold.json").read_text(encoding="utf-8"))
    write(f"s3_{stem}.json", record(stem, gold, [], agenda_of(stem, gold)))
    stem = "E_ICEF_2025_11_Rev.1.en"
    gold = json.loads((GOLD / f"{stem}.gold.json").read_text(encoding="utf-8"))
    items = agenda_of(stem, gold)
    for n, item in enumerate(items):
        item["title"] = reflow(item["title"], n)
    by_number = {a["number"]: a for a in items}
    wednesday = ["14", "13", "12", "16", "15"]
    order = [a for a in items if a["number"] not in wednesday]
    at = next(i for i, a in enumerate(order) if int(a["number"]) > 16)
    order[at:at] = [by_number[k] for k in wednesday]
    write(f"s3_{stem}.json", record(stem, gold, [], order))


def write(name: str, data: dict) -> None:
    (OUT / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
