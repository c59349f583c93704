"""`docket ingest`: files and folders in, records out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli import EXIT_SOME_FAILED, make_settings, settings_options
from .export.writer import OutputWriter, results_summary
from .ingest import iter_sources, process_file


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs"),
              show_default=True, help="Folder for JSON, JSONL and CSV outputs.")
@click.option("--raw-csv", is_flag=True, help="Do not neutralise CSV cells that spreadsheets run as formulas.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or per-file messages.")
@settings_options
def ingest_command(paths: tuple[Path, ...], out_dir: Path, raw_csv: bool, quiet: bool,
                   config_dir: Path | None, no_tag: bool) -> None:
    """Ingest documents (PDF, DOCX, TXT, MD) or folders of them into OUTPUT.

    Writes json/<file>.json per document, documents.jsonl, csv/<table>.csv and failures.csv.
    Exit status: 0 all ingested, 3 some files failed (see failures.csv), 1 fatal error.

    \b
    Examples:
      docket ingest inputs/ -o outputs/
      docket ingest report.pdf notes/*.docx -o out/ --no-tag
    """
    settings = make_settings(config_dir, no_tag, raw_csv=raw_csv or None)
    sources = list(iter_sources(paths))
    with OutputWriter(out_dir, raw_csv=settings.raw_csv) as writer:
        for path in sources:
            result = process_file(path, settings, source_file=str(path))
            writer.add(result)
            if result.failure is not None:
                click.echo(f"failed: {result.failure.message} [{result.failure.reason}]", err=True)
    click.echo(f"{results_summary(writer.counts)} -> {out_dir}")
    if writer.counts.get("failed"):
        sys.exit(EXIT_SOME_FAILED)
