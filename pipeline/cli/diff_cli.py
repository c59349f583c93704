"""``docket diff`` and ``docket history``: thin click wrappers over the diff API."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..diff.history import (
    history,
    write_history_csv,
    write_history_html,
    write_history_json,
    write_history_markdown,
)
from ..diff.items import Kind, items_of
from ..diff.load import RECORD_SUFFIXES, DiffInputError
from ..diff.matching import AlignOptions
from ..diff.output import write_outputs
from ..diff.report import KIND_TITLES, compare
from ..diff.report_csv import write_csv
from ..diff.report_html import write_html
from ..diff.report_json import write_json
from ..diff.report_md import write_markdown
from ..load import StoredRecords, load_document
from . import CONTEXT_SETTINGS
from .formats import formats_option

DIFF_WRITERS = {
    "html": ("diff.html", write_html),
    "md": ("diff.md", write_markdown),
    "csv": ("diff.csv", write_csv),
    "json": ("diff.json", write_json),
}
HISTORY_WRITERS = {
    "html": ("history.html", write_history_html),
    "md": ("history.md", write_history_markdown),
    "csv": ("history.csv", write_history_csv),
    "json": ("history.json", write_history_json),
}
WHAT = {
    "recommendations": (Kind.RECOMMENDATIONS,),
    "agenda": (Kind.AGENDA,),
    "objectives": (Kind.OBJECTIVES,),
    "decisions": (Kind.DECISIONS,),
    "all": (Kind.RECOMMENDATIONS, Kind.DECISIONS, Kind.AGENDA, Kind.OBJECTIVES),
}
WHAT_OF = {
    Kind.RECOMMENDATIONS: "recommendations",
    Kind.DECISIONS: "decisions",
    Kind.AGENDA: "agenda",
    Kind.OBJECTIVES: "objectives",
}
# What an analyst follows first: recommendations and decisions (operative paragraphs); agenda
# items, then objectives, only where no version has either.
RECORDS = (Kind.RECOMMENDATIONS, Kind.DECISIONS)
SOURCE_SUFFIXES = {".pdf", ".docx", ".docm", ".txt", ".md", ".doc"} | RECORD_SUFFIXES


def _options(threshold: float, ignore_case: bool) -> AlignOptions:
    try:
        return AlignOptions(threshold=threshold, ignore_case=ignore_case)
    except ValueError as e:
        raise click.BadParameter(str(e)) from e


def _load(path: str, stored: StoredRecords | None = None):
    try:
        return load_document(path, stored)
    except DiffInputError as e:
        raise click.ClickException(str(e)) from e


def _stored(folder: str | None) -> StoredRecords | None:
    try:
        return StoredRecords(folder) if folder else None
    except DiffInputError as e:
        raise click.ClickException(str(e)) from e


def chosen_kinds(what: str | None, docs) -> tuple[tuple[Kind, ...], str]:
    """The record kinds to compare and a note for the user: ``what`` as asked, or (when not asked)
    the recommendations and decisions the versions have, else the first of agenda items and
    objectives that any version has."""
    present = [k for k in WHAT["all"] if any(items_of(d, k) for d in docs)]
    if what is not None:
        kinds = WHAT[what]
        if any(k in present for k in kinds):
            return kinds, ""
        hint = "; ".join(f"they have {KIND_TITLES[k].lower()}: use --what {WHAT_OF[k]}" for k in present)
        return kinds, f"nothing to compare: no version has {what}" + (f"; {hint}" if hint else "")
    if not present:
        return (
            Kind.RECOMMENDATIONS,
        ), "nothing to compare: no version has recommendations, decisions, agenda items or objectives"
    records = tuple(k for k in present if k in RECORDS)
    if records:
        return records, ""
    kind = present[0]
    return (kind,), (
        f"no version has recommendations or decisions; compared the {KIND_TITLES[kind].lower()} "
        f"(--what {WHAT_OF[kind]})"
    )


def _common(f):
    f = click.option(
        "-o",
        "--output",
        "out_dir",
        required=True,
        type=click.Path(file_okay=False),
        help="Folder for the reports (created if missing).",
    )(f)
    f = formats_option(tuple(DIFF_WRITERS), default=tuple(DIFF_WRITERS))(f)
    f = click.option(
        "--what",
        type=click.Choice(sorted(WHAT)),
        default=None,
        help="Which records to compare [default: recommendations and decisions (operative paragraphs "
        "of resolutions), or the agenda items (then the objectives) when no version has either].",
    )(f)
    f = click.option(
        "--threshold",
        type=float,
        default=0.6,
        show_default=True,
        help="Least similarity (0-1) for two items to count as the same one.",
    )(f)
    f = click.option("--ignore-case", is_flag=True, help="Treat changes of letter case alone as unchanged.")(
        f
    )
    f = click.option(
        "--records",
        "records_dir",
        type=click.Path(exists=True),
        default=None,
        help="Output folder of `docket ingest` (or its catalog.sqlite): files it holds, read by this "
        "version of docket, are taken from it instead of being read again.",
    )(f)
    return f


@click.command("diff", context_settings=CONTEXT_SETTINGS)
@click.argument("old", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", type=click.Path(exists=True, dir_okay=False))
@_common
def diff_command(old, new, out_dir, formats, what, threshold, ignore_case, records_dir):
    """Compare the recommendations (agenda items, objectives) of two versions.

    OLD and NEW are documents (PDF, DOCX, text) or JSON records written by `docket ingest`.

    \b
    Example:
        docket diff DP_2025_6.en.pdf DP_2025_7.en.pdf -o outputs/diff --format html,csv
    """
    fmts = list(formats)
    opts = _options(threshold, ignore_case)
    stored = _stored(records_dir)
    docs = (_load(old, stored), _load(new, stored))
    if stored is not None:
        click.echo(stored.summary())
    kinds, note = chosen_kinds(what, docs)
    report = compare(*docs, kinds, opts, os.path.basename(old), os.path.basename(new))
    for path in write_outputs(report, out_dir, DIFF_WRITERS, fmts):
        click.echo(str(path))
    if note:
        click.echo(note)
    counts = report.counts()
    summary = ", ".join(f"{n} {c}" for c, n in counts.items() if n)
    if summary:
        click.echo(summary)


@click.command("history", context_settings=CONTEXT_SETTINGS)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@_common
def history_command(files, out_dir, formats, what, threshold, ignore_case, records_dir):
    """Follow each recommendation and decision across three or more versions or years of one series.

    Decisions are the operative paragraphs of resolutions, decisions and agreed conclusions.

    FILES are documents or JSON records, or one folder holding them; they are put in date order
    when every version has a date, otherwise kept in the order given.

    \b
    Example:
        docket history A_51_595.en.pdf A_52_620.en.pdf A_53_601.en.pdf -o outputs/history
    """
    fmts = list(formats)
    opts = _options(threshold, ignore_case)
    paths: list[str] = []
    for f in files:
        if os.path.isdir(f):
            paths += sorted(
                str(p)
                for p in Path(f).iterdir()
                if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SOURCE_SUFFIXES
            )
        else:
            paths.append(f)
    if len(paths) < 3:
        raise click.UsageError(
            f"history needs three or more versions, got {len(paths)}; use `docket diff` for two"
        )
    stored = _stored(records_dir)
    docs = [_load(p, stored) for p in paths]
    if stored is not None:
        click.echo(stored.summary())
    kinds, note = chosen_kinds(what, docs)
    if note:
        click.echo(note)
    report = history(docs, kinds, opts, [os.path.basename(p) for p in paths])
    for path in write_outputs(report, out_dir, HISTORY_WRITERS, fmts):
        click.echo(str(path))
    click.echo(" -> ".join(v.label for v in report.versions))
