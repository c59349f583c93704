"""`docket export`: write records already made by `docket ingest` in other formats, without re-ingesting."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from .base import EXPORTERS, atomic_write, get_exporter
from .columns import TABLES
from .writer import safe_filename

# How each format is laid out under the output folder. Table formats write one file per table of
# columns.py; "json" writes one file per document, as `docket ingest` does; the others one file.
PER_TABLE = {"csv": "csv", "parquet": "parquet"}  # format -> subfolder
PER_DOCUMENT = {"json": "json"}
SINGLE_FILE = {"jsonl": "documents.jsonl", "xlsx": "documents.xlsx"}
NEUTRALISING = frozenset({"csv", "xlsx"})  # formats that take raw=


def export_records(
    records: Iterable[dict[str, Any]], out_dir: str | Path, formats: Sequence[str], raw: bool = False
) -> list[Path]:
    """Stream ``records`` once into every format in ``formats``; return the files written.

    Layout: ``csv/<table>.csv``, ``parquet/<table>.parquet``, ``json/<file>.json`` (one per
    document), ``documents.jsonl`` and ``documents.xlsx`` (one sheet per table). Each file is
    written atomically, so an interrupted export leaves no half-written file behind.
    """
    out = Path(out_dir)
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
                    streams.append((exporter, out / PER_TABLE[fmt] / f"{table}{exporter.suffix}"))
            elif fmt not in PER_DOCUMENT:
                exporter = get_exporter(fmt, **options)
                streams.append((exporter, out / SINGLE_FILE.get(fmt, f"documents{exporter.suffix}")))
        for exporter, path in streams:
            exporter.start(stack.enter_context(atomic_write(path)))
            written.append(path)
        used: set[str] = set()
        for record in records:
            for exporter, _ in streams:
                exporter.write(record)
            for fmt, folder in PER_DOCUMENT.items():
                if fmt in formats:
                    written.append(_write_one(record, out / folder, fmt, used))
        for exporter, _ in streams:
            exporter.finish()
    return written


def _write_one(record: dict[str, Any], folder: Path, fmt: str, used: set[str]) -> Path:
    doc = record["document"]
    exporter = get_exporter(fmt)
    stem = safe_filename(str(doc.get("source_file") or doc["id"]))
    if stem + exporter.suffix in used:  # same file name in two folders
        stem += f".{str(doc['id'])[:8]}"
    used.add(stem + exporter.suffix)
    path = folder / (stem + exporter.suffix)
    with atomic_write(path) as fh:
        exporter.start(fh)
        exporter.write(record)
        exporter.finish()
    return path


@click.command("export")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the exports into.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    required=True,
    type=click.Choice(sorted(EXPORTERS)),
    help="Output format; repeat for several.",
)
@click.option(
    "--raw", is_flag=True, help="Do not neutralise CSV/Excel cells that spreadsheets run as formulas."
)
@click.option("-q", "--quiet", is_flag=True, help="Do not list the files written.")
def export_command(
    sources: tuple[Path, ...], out_dir: Path, formats: tuple[str, ...], raw: bool, quiet: bool
) -> None:
    """Re-export records from docket outputs (no re-ingesting) as CSV, JSON, JSONL, Parquet or Excel.

    SOURCES are output folders of `docket ingest` (documents.jsonl, json/*.json or catalog.sqlite),
    or .json / .jsonl record files. Writes csv/<table>.csv, parquet/<table>.parquet,
    json/<file>.json, documents.jsonl and documents.xlsx under OUTPUT.

    \b
    Examples:
      docket export outputs/ -o exports/ --format parquet --format xlsx
      docket export outputs/documents.jsonl -o exports/ -f csv
    """
    from ..api import RecordsFileError, iter_records

    count = 0

    def records():
        nonlocal count
        for source in sources:
            for record in iter_records(source):
                count += 1
                yield record

    try:
        written = export_records(records(), out_dir, formats, raw=raw)
    except RecordsFileError as e:
        raise click.ClickException(str(e)) from e
    if not quiet:
        for path in written:
            click.echo(str(path))
    click.echo(f"{count} documents, {len(written)} files -> {out_dir}")
