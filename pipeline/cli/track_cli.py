"""``docket track``: follow every recommendation across a collection."""

from __future__ import annotations

from pathlib import Path

import click

from ..track.collect import collect, is_output_folder
from ..track.link import DEFAULT_THRESHOLD, link
from ..track.series import find_series
from ..track.write import (
    rows,
    series_lines,
    series_rows,
    series_summary,
    write_catalog,
    write_csv,
    write_html,
    write_json,
    write_series_csv,
)
from . import CONTEXT_SETTINGS


@click.command("track", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the lineage.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0, min_open=True),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Least similarity (0-1) of two wordings for them to be the same recommendation.",
)
def track_command(paths, out_dir, threshold):
    """Link every recommendation to its counterparts across documents and years.

    The same recommendation in an evaluation, its management response, a brief, a follow-up,
    next year's version; the same operative paragraph in next year's resolution or decision.

    PATHS are documents, folders of documents, JSON records, or output folders of `docket ingest`
    (their stored records are used; nothing is read again). Prints the series the collection holds
    (a symbol and its revisions, one title in several years, a report and its response), with the
    command that compares each, and writes them to DIR/series.csv. Writes DIR/lineage.csv, lineage.json,
    lineage.html and a `lineage` table in DIR/catalog.sqlite: one row per recommendation (and
    decision, kind "decision"), with its chain_id.

    \b
    Example:
        docket track outputs/ingested "IOM MANAGEMENT RESPONSE MATRIX.pdf" -o outputs/lineage
    """
    found = collect(paths)
    chains = link(found.documents, threshold)
    table = rows(found.documents, chains)
    every = [*found.documents, *found.skipped]  # the chains index the first ones
    series = find_series(every, chains)
    records = next((str(p) for p in paths if is_output_folder(Path(p))), "")
    series_table = series_rows(every, series, records)
    linked = sum(1 for c in chains if len(c.members) > 1)
    n_decisions = sum(1 for r in table if r["kind"] == "decision")
    summary = {
        "documents": len(found.documents),
        "recommendations": len(table) - n_decisions,
        "decisions": n_decisions,
        "chains": len(chains),
        "linked_chains": linked,
        "skipped_without_recommendations": found.without_recommendations,
        "failed": found.failed,
        "threshold": threshold,
        "series": series_summary(every, series, records),
    }
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(table, out / "lineage.csv")
    write_series_csv(series_table, out / "series.csv")
    write_json(table, summary, out / "lineage.json")
    write_html(table, out / "lineage.html")
    write_catalog(table, out / "catalog.sqlite")
    for name in ("lineage.csv", "lineage.json", "lineage.html", "series.csv", "catalog.sqlite"):
        click.echo(str(out / name))
    for line in series_lines(every, series, records):
        click.echo(line)
    if len(found.documents) == 1:
        click.echo("note: one document with recommendations; every recommendation is a chain of its own")
    if found.without_recommendations:
        click.echo(
            f"skipped {len(found.without_recommendations)} without recommendations or decisions: "
            + ", ".join(found.without_recommendations)
        )
    for failure in found.failed:
        click.echo(f"not read: {failure}")
    decisions = f", {n_decisions} decisions" if n_decisions else ""
    click.echo(
        f"{len(found.documents)} documents, {len(table) - n_decisions} recommendations{decisions}, "
        f"{len(chains)} chains ({linked} across documents)"
        + (f"; {found.from_records} from stored records" if found.from_records else "")
    )
