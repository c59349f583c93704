"""CSV change records: one row per aligned pair, formula-looking cells neutralised.

Like the export tables, the file starts with a UTF-8 BOM (Excel then reads accents right), and
each row names the records it pairs by the ``document_id`` and ``record_id`` of the export
tables, so a change joins back to ``recommendations.csv`` or the catalog."""

from __future__ import annotations

import csv
import json
from typing import IO

from ..cells import neutralise
from .align import Pair
from .items import Kind, record_id
from .report import DiffReport

COLUMNS = (
    "kind",
    "change",
    "old_document_id",
    "old_record_id",
    "new_document_id",
    "new_record_id",
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
    "detail_changes",
    "old_text",
    "new_text",
    "word_ops",
)
BOM = "\ufeff"


def pair_row(kind: Kind, pair: Pair, old_id: str = "", new_id: str = "") -> dict[str, str]:
    """One pair as a row; ``old_id``/``new_id`` are the compared documents' ids."""
    return {
        "kind": str(kind),
        "change": str(pair.change),
        "old_document_id": old_id if pair.old else "",
        "old_record_id": "; ".join(record_id(old_id, kind, i) for i in pair.old),
        "new_document_id": new_id if pair.new else "",
        "new_record_id": "; ".join(record_id(new_id, kind, i) for i in pair.new),
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
        "detail_changes": json.dumps([list(c) for c in pair.detail_changes], ensure_ascii=False)
        if pair.detail_changes
        else "",
        "old_text": pair.old_text,
        "new_text": pair.new_text,
        "word_ops": json.dumps([op.to_list() for op in pair.ops if op.op != "equal"], ensure_ascii=False)
        if pair.ops
        else "",
    }


def write_csv(report: DiffReport, stream: IO[str], safe: bool = True) -> None:
    """Write the rows to a text stream opened with ``newline=""``."""
    stream.write(BOM)
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for kind, pairs in report.sections:
        for pair in pairs:
            row = pair_row(kind, pair, report.old.document_id, report.new.document_id)
            writer.writerow({k: neutralise(v) for k, v in row.items()} if safe else row)
