"""CSV change records: one row per aligned pair, formula-looking cells neutralised."""

from __future__ import annotations

import csv
import json
from typing import IO

from .align import Pair
from .report import DiffReport

COLUMNS = (
    "kind",
    "change",
    "old_number",
    "new_number",
    "similarity",
    "renumbered",
    "moved",
    "actors_added",
    "actors_removed",
    "topics_added",
    "topics_removed",
    "slot_changes",
    "old_text",
    "new_text",
    "word_ops",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Prefix a quote so a spreadsheet shows the cell as text instead of running it as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def pair_row(kind: str, pair: Pair) -> dict[str, str]:
    return {
        "kind": kind,
        "change": str(pair.change),
        "old_number": pair.old_number,
        "new_number": pair.new_number,
        "similarity": f"{pair.similarity:.4f}",
        "renumbered": "yes" if pair.renumbered else "no",
        "moved": "yes" if pair.moved else "no",
        "actors_added": "; ".join(pair.actors_added),
        "actors_removed": "; ".join(pair.actors_removed),
        "topics_added": "; ".join(pair.topics_added),
        "topics_removed": "; ".join(pair.topics_removed),
        "slot_changes": "; ".join(f"{k}: {a} -> {b}" for k, a, b in pair.slot_changes),
        "old_text": pair.old_text,
        "new_text": pair.new_text,
        "word_ops": json.dumps([op.to_list() for op in pair.ops if op.op != "equal"], ensure_ascii=False)
        if pair.ops
        else "",
    }


def write_csv(report: DiffReport, stream: IO[str], safe: bool = True) -> None:
    """Write the rows to a text stream opened with ``newline=""``."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for kind, pairs in report.sections:
        for pair in pairs:
            row = pair_row(str(kind), pair)
            writer.writerow({k: neutralise(v) for k, v in row.items()} if safe else row)
