"""`docket export`: write records already made by `docket ingest` in other formats, without re-ingesting."""

from __future__ import annotations

from pathlib import Path

import click

from ..api import RecordsFileError, iter_records
from ..export.base import EXPORTERS
from ..export.folder import export_records
from .formats import formats_option


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
