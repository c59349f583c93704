"""Write records into an output folder in any of the export formats, laid out as `docket ingest`
lays out its own (pipeline/outputs.py): the library half of `docket export`, also used by
``Collection.export`` and the collection rebuild."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

from ..outputs import JSON_DIR, JSONL_NAME, XLSX_NAME, DocumentNames, Layout
from .base import EXPORTERS, atomic_write, get_exporter
from .columns import TABLES

# How each format is laid out under the output folder (pipeline/outputs.py). Table formats write
# one file per table of columns.py; "json" one file per document, as `docket ingest` does; the
# others one file.
PER_TABLE = ("csv", "parquet")
PER_DOCUMENT = {"json": JSON_DIR}
SINGLE_FILE = {"jsonl": JSONL_NAME, "xlsx": XLSX_NAME}
NEUTRALISING = frozenset({"csv", "xlsx"})  # formats that take raw=


def export_records(
    records: Iterable[dict[str, Any]], out_dir: str | PathLike[str], formats: Sequence[str], raw: bool = False
) -> list[Path]:
    """Stream ``records`` once into every format in ``formats``; return the files written.

    Layout: ``csv/<table>.csv``, ``parquet/<table>.parquet``, ``json/<file>.json`` (one per
    document), ``documents.jsonl`` and ``documents.xlsx`` (one sheet per table). Each file is
    written atomically, so an interrupted export leaves no half-written file behind.
    """
    out = Path(out_dir)
    layout = Layout(out)
    unknown = sorted(set(formats) - set(EXPORTERS))
    if unknown:
        raise ValueError(
            f"unknown export format {', '.join(unknown)}; choose one of {', '.join(sorted(EXPORTERS))}"
        )
    written: list[Path] = []
    with contextlib.ExitStack() as stack:
        streams = []  # (exporter, path) written to for every record
        for fmt in dict.fromkeys(formats):
            options = {"raw": raw} if fmt in NEUTRALISING else {}
            if fmt in PER_TABLE:
                for table in TABLES:
                    exporter = get_exporter(fmt, table=table, **options)
                    streams.append((exporter, layout.table(table, fmt, exporter.suffix)))
            elif fmt not in PER_DOCUMENT:
                exporter = get_exporter(fmt, **options)
                streams.append((exporter, out / SINGLE_FILE.get(fmt, f"documents{exporter.suffix}")))
        for exporter, path in streams:
            exporter.start(stack.enter_context(atomic_write(path)))
            written.append(path)
        names = {fmt: DocumentNames(get_exporter(fmt).suffix) for fmt in PER_DOCUMENT}
        for record in records:
            for exporter, _ in streams:
                exporter.write(record)
            for fmt, folder in PER_DOCUMENT.items():
                if fmt in formats:
                    written.append(_write_one(record, out / folder / names[fmt].name(record), fmt))
        for exporter, _ in streams:
            exporter.finish()
    return written


def _write_one(record: dict[str, Any], path: Path, fmt: str) -> Path:
    exporter = get_exporter(fmt)
    with atomic_write(path) as fh:
        exporter.start(fh)
        exporter.write(record)
        exporter.finish()
    return path
