"""Score the topic tagger on hand-labelled recommendations: micro-F1, precision and recall.

    .venv/bin/python benchmarks/score_topics.py                      # the 84 in-sample + dev labels
    .venv/bin/python benchmarks/score_topics.py tests/data/topics_labelled_dev.jsonl -v
    .venv/bin/python benchmarks/score_topics.py FILE --ids first     # only the first taxonomy's 15 ids

A labels file is JSON lines with ``text`` and ``topics`` (default taxonomy ids) and, optionally,
``environment`` (environment taxonomy ids) and ``source``. ``--ids first`` scores only the 15 ids
of the first taxonomy (the in-sample file was labelled with those, so new topics do not count
against the tagger there); ``--ids all`` (the default for the issue-17 files) scores every id the
file's labels and the tagger use. ``-v`` lists the errors by document and by topic.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.nlp import get_tagger  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
FIRST_IDS = frozenset(
    "governance strategy funding secretariat_capacity partnerships communication participation "
    "meetings_digital monitoring_evaluation gender_inclusion air_pollution nature_conservation "
    "marine_protected_areas low_carbon_cities desertification".split()
)
# The first taxonomy's environment ids now live in their own taxonomy.
ENVIRONMENT_IDS = frozenset(
    "air_pollution nature_conservation marine_protected_areas low_carbon_cities desertification".split()
)


def load_rows(path: Path) -> list[dict]:
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [r for r in rows if "text" in r]


def gold_of(row: dict) -> set[str]:
    return set(row.get("topics", ())) | set(row.get("environment", ()))


def predict(texts: list[str]) -> list[set[str]]:
    nlp = get_tagger().nlp
    out = []
    for doc in nlp.pipe(texts):
        out.append({t.id for t in doc._.docket_topics if t.taxonomy != "sdg"})
    return out


def score(rows: list[dict], preds: list[set[str]], ids: frozenset[str] | None) -> dict:
    """Micro counts, overall and per document and per topic."""
    tp = fp = fn = 0
    by_doc: dict[str, Counter] = {}
    by_topic: dict[str, Counter] = {}
    for row, pred in zip(rows, preds, strict=True):
        gold = gold_of(row)
        if ids is not None:
            gold, pred = gold & ids, pred & ids
        doc = by_doc.setdefault(row.get("source", ""), Counter())
        for t in pred | gold:
            kind = "tp" if t in pred and t in gold else "fp" if t in pred else "fn"
            doc[kind] += 1
            by_topic.setdefault(t, Counter())[kind] += 1
        tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
    return {"tp": tp, "fp": fp, "fn": fn, "by_doc": by_doc, "by_topic": by_topic}


def prf(c) -> tuple[float, float, float]:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    return f, p, r


def report(path: Path, ids_mode: str, verbose: bool) -> None:
    rows = load_rows(path)
    preds = predict([r["text"] for r in rows])
    ids = FIRST_IDS if ids_mode == "first" else None
    s = score(rows, preds, ids)
    f, p, r = prf(s)
    print(
        f"{path.name}: {len(rows)} recommendations, ids={ids_mode}: micro-F1 {f:.3f} "
        f"(P {p:.3f}, R {r:.3f}; tp={s['tp']} fp={s['fp']} fn={s['fn']})"
    )
    if not verbose:
        return
    for name, c in sorted(s["by_doc"].items()):
        print(f"  {prf(c)[0]:.2f}  tp={c['tp']:3d} fp={c['fp']:3d} fn={c['fn']:3d}  {name[:70]}")
    for name, c in sorted(s["by_topic"].items()):
        print(f"  {prf(c)[0]:.2f}  tp={c['tp']:3d} fp={c['fp']:3d} fn={c['fn']:3d}  [{name}]")
    for row, pred in zip(rows, preds, strict=True):
        gold = gold_of(row)
        if ids is not None:
            gold, pred = gold & ids, pred & ids
        if gold != pred:
            print(
                f"  - {row.get('source', '')[:24]} #{row.get('number', '')}: "
                f"missed {sorted(gold - pred)} extra {sorted(pred - gold)} | {row['text'][:110]}"
            )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--ids", choices=["first", "all", "auto"], default="auto")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    files = args.files or [DATA / "topics_labelled.jsonl", DATA / "topics_labelled_dev.jsonl"]
    for path in files:
        mode = args.ids
        if mode == "auto":
            mode = "first" if path.name == "topics_labelled.jsonl" else "all"
        report(path, mode, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
