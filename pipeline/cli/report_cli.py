"""`docket report`: the collection report of an output folder, as one HTML file."""

from __future__ import annotations

from pathlib import Path

import click

from ..api import RecordsFileError, iter_failures, iter_records
from ..export.base import atomic_write
from ..outputs import Layout
from ..report.build import build_stats
from ..report.html import render_html


@click.command("report")
@click.argument("output_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="HTML file to write (default: OUTPUT_DIR/report.html).",
)
@click.option("--title", default="docket collection report", show_default=True, help="Page title.")
def report_command(output_dir: Path, out_file: Path | None, title: str) -> None:
    """Write a self-contained HTML overview of an output folder of `docket ingest`.

    Documents by type and year, recommendations by actor and topic, a topic x year heat map,
    the most frequent unregistered actors, and the files that failed (from failures.csv).
    The page has no scripts and loads nothing from the network.

    \b
    Example:
      docket report outputs/ -o outputs/report.html
    """
    try:
        stats = build_stats(iter_records(output_dir), iter_failures(output_dir))
    except RecordsFileError as e:
        raise click.ClickException(str(e)) from e
    target = out_file or Layout(output_dir).report
    with atomic_write(target, "w") as fh:
        fh.write(render_html(stats, title, source=str(output_dir)))
    click.echo(
        f"{stats.n_documents} documents, {stats.n_recommendations} recommendations, "
        f"{len(stats.failures)} failed -> {target}"
    )
