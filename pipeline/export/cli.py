"""`docket export`: write records already made by `docket ingest` in other formats, without re-ingesting."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import click

from ..cli_formats import formats_option
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
@formats_option(sorted(EXPORTERS), short=True)
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
      docket export outputs/ -o exports/ --format parquet,xlsx
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
