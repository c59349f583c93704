"""``docket diff`` and ``docket history``: thin click wrappers over the diff API."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..cli_formats import formats_option
from .align import AlignOptions
from .history import (
    history,
    write_history_csv,
    write_history_html,
    write_history_json,
    write_history_markdown,
)
from .items import Kind
from .load import RECORD_SUFFIXES, DiffInputError, load_document
from .output import write_outputs
from .report import compare
from .report_csv import write_csv
from .report_html import write_html
from .report_json import write_json
from .report_md import write_markdown

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
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
    "all": tuple(Kind),
}
SOURCE_SUFFIXES = {".pdf", ".docx", ".docm", ".txt", ".md", ".doc"} | RECORD_SUFFIXES


def _options(threshold: float, ignore_case: bool) -> AlignOptions:
    try:
        return AlignOptions(threshold=threshold, ignore_case=ignore_case)
    except ValueError as e:
        raise click.BadParameter(str(e)) from e


def _load(path: str):
    try:
        return load_document(path)
    except DiffInputError as e:
        raise click.ClickException(str(e)) from e


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
        default="recommendations",
        show_default=True,
        help="Which records to compare.",
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
    return f


@click.command("diff", context_settings=CONTEXT_SETTINGS)
@click.argument("old", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", type=click.Path(exists=True, dir_okay=False))
@_common
def diff_command(old, new, out_dir, formats, what, threshold, ignore_case):
    """Compare the recommendations (agenda items, objectives) of two versions.

    OLD and NEW are documents (PDF, DOCX, text) or JSON records written by `docket ingest`.

    \b
    Example:
        docket diff DP_2025_6.en.pdf DP_2025_7.en.pdf -o outputs/diff --format html,csv
    """
    fmts = list(formats)
    opts = _options(threshold, ignore_case)
    report = compare(_load(old), _load(new), WHAT[what], opts, os.path.basename(old), os.path.basename(new))
    for path in write_outputs(report, out_dir, DIFF_WRITERS, fmts):
        click.echo(str(path))
    counts = report.counts()
    click.echo(", ".join(f"{n} {c}" for c, n in counts.items() if n) or "nothing to compare")


@click.command("history", context_settings=CONTEXT_SETTINGS)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@_common
def history_command(files, out_dir, formats, what, threshold, ignore_case):
    """Follow each recommendation across three or more versions or years of one series.

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
    docs = [_load(p) for p in paths]
    report = history(docs, WHAT[what], opts, [os.path.basename(p) for p in paths])
    for path in write_outputs(report, out_dir, HISTORY_WRITERS, fmts):
        click.echo(str(path))
    click.echo(" -> ".join(v.label for v in report.versions))
