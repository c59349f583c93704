# ruff: noqa
# fmt: off
# Vendored verbatim (below the next line) from /work/shared/tools/score_extraction.py, the
# project's gold scorer, so that tests/test_gold_extra.py scores with exactly its matching rules
# (titles, text similarity, actor names) also where the shared corpus is not mounted.
# tests/test_gold_extra.py checks that this copy still equals the shared file when it is there.
# --- vendored copy starts here ---
#!/usr/bin/env python3
"""Score the pipeline's JSON output against hand-made gold annotations.

Usage: score_extraction.py GOLD_DIR OUTPUT_DIR [--verbose]

GOLD_DIR holds one <stem>.gold.json per source document (see ../corpus/GOLD.md).
OUTPUT_DIR is searched recursively for document records: *.json files holding one
record (or a list of records), and *.jsonl files holding one record a line. A record
is a JSON object with the keys named in ../SCHEMA.md; a record found twice (same source_file
and sha256, e.g. in a per-document .json and a batch .jsonl) is scored once. Records are matched to gold
files by the stem of document.source_file; every format of a source (.pdf, .docx,
.txt, ...) is scored against the same gold file.

Prints one row per scored record and field, then per-field micro F1 over all records,
and last a line 'extraction F1 = X' (the mean of the per-field F1 figures of the fields
that some gold file checks).
Exit status 0 unless the arguments are unusable. Standard library only.
"""
from __future__ import annotations

import difflib
import json
import re
import sys
import unicodedata
from pathlib import Path

FIELDS = ("document", "objectives", "agenda_items", "recommendations", "actors")


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text.rstrip(" .;,")


def similar(a: str | None, b: str | None) -> float:
    a, b = norm(a), norm(b)
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def hhmm(value: str | None) -> str:
    m = re.search(r"(\d{1,2})[:.h](\d{2})", value or "")
    return f"{int(m.group(1)):02d}:{m.group(2)}" if m else norm(value)


def load_records(out_dir: Path) -> list[dict]:
    records: list[dict] = []
    for path in sorted(out_dir.rglob("*")):
        if path.suffix == ".json":
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError):
                continue
            items = data if isinstance(data, list) else [data]
        elif path.suffix == ".jsonl":
            items = []
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    items.append(json.loads(line))
                except ValueError:
                    continue
        else:
            continue
        records += [r for r in items if isinstance(r, dict) and isinstance(r.get("document"), dict)
                    and "recommendations" in r]
    # The same document may be written twice (a .json per document and a batch .jsonl): score it once.
    unique: dict[tuple, dict] = {}
    for r in records:
        unique.setdefault((str(r["document"].get("source_file")), r["document"].get("sha256")), r)
    return list(unique.values())


def stem_of(record: dict) -> str:
    name = str(record["document"].get("source_file") or "")
    base = re.split(r"[\\/]", name)[-1]
    return base.rsplit(".", 1)[0] if "." in base else base


class Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp; self.fp += fp; self.fn += fn

    def f1(self) -> float:
        if self.tp == 0:
            return 0.0 if (self.fp or self.fn) else 1.0
        p, r = self.tp / (self.tp + self.fp), self.tp / (self.tp + self.fn)
        return 2 * p * r / (p + r)


def match_lists(gold: list, pred: list, same) -> tuple[int, int, int, list]:
    """Greedy one-to-one matching; returns tp, fp, fn and the unmatched gold items."""
    left = list(pred)
    tp, missed = 0, []
    for g in gold:
        hit = next((p for p in left if same(g, p)), None)
        if hit is None:
            missed.append(g)
        else:
            left.remove(hit); tp += 1
    return tp, len(left), len(missed), missed


def agenda_match(g: dict, p: dict) -> bool:
    """Gold keys present decide what must agree: start/end (HH:MM), date (ISO), number; title always."""
    if "start" in g and hhmm(p.get("start")) != g["start"]:
        return False
    if "end" in g and hhmm(p.get("end")) != g["end"]:
        return False
    if "date" in g and str(p.get("date") or "")[:10] != g["date"]:
        return False
    if "number" in g and norm(str(p.get("number"))) != norm(str(g["number"])):
        return False
    return similar(g["title"], p.get("title")) >= 0.9


def actor_names(rec: dict) -> list[str]:
    names = []
    for a in rec.get("actors") or []:
        names.append(norm(a.get("name") if isinstance(a, dict) else a))
    return names


def actors_match(gold_groups: list[list[str]], pred: list[str]) -> tuple[int, int, int]:
    left = list(pred)
    tp = 0
    for group in gold_groups:
        options = {norm(o) for o in group}
        hit = next((p for p in left if p in options), None)
        if hit is not None:
            left.remove(hit); tp += 1
    return tp, len(left), len(gold_groups) - tp


def score(gold: dict, rec: dict, tallies: dict[str, Tally], verbose: bool) -> list[str]:
    rows = []
    doc, gdoc = rec.get("document") or {}, gold.get("document") or {}
    tp = fp = fn = 0
    for key, want in gdoc.items():
        if key == "title_contains":
            ok = norm(want) in norm(doc.get("title"))
        elif key == "date":  # gold may have reduced precision ("2025-02"): the output must match it
            got = str(doc.get("date") or "")
            ok = got == want or (len(want) == 10 and got[:10] == want)
        else:
            ok = norm(str(doc.get(key))) == norm(str(want))
        tp += ok; fn += not ok
        if not ok:
            rows.append(f"    document.{key}: want {want!r}, got {doc.get(key.replace('_contains', ''))!r}")
    tallies["document"].add(tp, fp, fn)

    def objective_text(o):
        return o.get("text") if isinstance(o, dict) else o
    if "objectives" in gold:
        t = match_lists(gold["objectives"], rec.get("objectives") or [],
                        lambda g, p: similar(g, objective_text(p)) >= 0.9)
        tallies["objectives"].add(*t[:3]); rows += [f"    objective missed: {g[:70]!r}" for g in t[3]]

    if "agenda_items" in gold:
        t = match_lists(gold["agenda_items"], rec.get("agenda_items") or [], agenda_match)
        extra = 0 if gold.get("partial_agenda") else t[1]  # a partial gold agenda cannot judge extras
        tallies["agenda_items"].add(t[0], extra, t[2])
        rows += [f"    agenda item missed: {g.get('date', '')} {g.get('start', '')}-{g.get('end', '')} "
                 f"{g.get('number', '')} {g['title'][:50]!r}" for g in t[3]]

    if "recommendations" not in gold:
        return rows if verbose else rows[:12]
    preds = {norm(str(r.get("number"))): r for r in rec.get("recommendations") or []}
    rtp = rfp = rfn = 0
    for g in gold.get("recommendations", []):
        p = preds.pop(norm(str(g["number"])), None)
        if p is None:
            rfn += 1; rows.append(f"    recommendation {g['number']} missed")
            tallies["actors"].add(0, 0, len(g.get("actors", [])))
            continue
        s = similar(g["text"], p.get("text"))
        if s >= 0.98:
            rtp += 1
        else:
            rfp += 1; rfn += 1; rows.append(f"    recommendation {g['number']} text similarity {s:.2f}")
        if "actors" not in g:  # the document names no addressees: nothing to check
            continue
        a = actors_match(g["actors"], actor_names(p))
        tallies["actors"].add(*a)
        if a[1] or a[2]:
            rows.append(f"    recommendation {g['number']} actors: got {actor_names(p)}, want {g.get('actors')}")
    rfp += len(preds)
    rows += [f"    recommendation {n!r} not in gold" for n in preds]
    tallies["recommendations"].add(rtp, rfp, rfn)
    return rows if verbose else rows[:12]


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__.strip().splitlines()[2]); return 2
    gold_dir, out_dir = Path(args[0]), Path(args[1])
    golds = {p.name[: -len(".gold.json")]: json.loads(p.read_text(encoding="utf-8"))
             for p in sorted(gold_dir.glob("*.gold.json"))}
    tallies = {f: Tally() for f in FIELDS}
    records = load_records(out_dir)
    scored = set()
    for rec in records:
        stem = stem_of(rec)
        if stem not in golds:
            continue
        scored.add(stem)
        before = {f: (t.tp, t.fp, t.fn) for f, t in tallies.items()}
        rows = score(golds[stem], rec, tallies, "--verbose" in argv)
        delta = {f: (tallies[f].tp - before[f][0], tallies[f].fp - before[f][1], tallies[f].fn - before[f][2]) for f in FIELDS}
        print(f"{rec['document'].get('source_file')}: " + ", ".join(f"{f} {d[0]}/{d[0]+d[2]} (+{d[1]} extra)" for f, d in delta.items()))
        for row in rows:
            print(row)
    for stem in sorted(set(golds) - scored):
        print(f"{stem}: no record found in the output; every gold item counts as missed")
        g = golds[stem]
        tallies["document"].add(0, 0, len(g.get("document", {})))
        for f in ("objectives", "agenda_items", "recommendations"):
            tallies[f].add(0, 0, len(g.get(f, [])))
        tallies["actors"].add(0, 0, sum(len(r.get("actors", [])) for r in g.get("recommendations", [])))
    f1s = {f: t.f1() for f, t in tallies.items() if t.tp + t.fp + t.fn}  # fields never checked don't count
    print("per-field F1: " + ", ".join(f"{f} {v:.3f}" for f, v in f1s.items()))
    print(f"extraction F1 = {sum(f1s.values()) / max(len(f1s), 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
