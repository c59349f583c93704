"""The `docket` command: a thin click layer over the Python API. Only this module prints or exits."""

from __future__ import annotations

import difflib
import errno
import importlib
import logging
import sys
from dataclasses import replace
from pathlib import Path

import click

from ..config import PDF_READERS, Settings, default_config_dir
from ..errors import DocketError
from ..version import __version__

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
EXIT_SOME_FAILED = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


# Feature commands are imported only when they run (spaCy and scipy cost seconds to load), so
# `docket --help`, `docket --version` or a re-run that skips everything starts fast.
# name -> (module, attribute, the one-line help `docket --help` lists; a test checks it is the command's)
LAZY_COMMANDS = {
    "ingest": (
        "pipeline.cli.ingest_cli",
        "ingest_command",
        "Ingest documents (PDF, DOCX, TXT, MD) or folders of them (recursively) into OUTPUT.",
    ),
    "remove": (
        "pipeline.cli.ingest_cli",
        "remove_command",
        "Take documents out of the collection in OUT, then rebuild its flat outputs.",
    ),
    "repair": (
        "pipeline.cli.ingest_cli",
        "repair_command",
        "Rebuild a damaged catalog.sqlite in OUT from the collection's records.",
    ),
    "actors": (
        "pipeline.cli.actors_cli",
        "actors_command",
        "List every actor seen in docket outputs (every *.json under OUTPUT_DIR), with counts.",
    ),
    "diff": (
        "pipeline.cli.diff_cli",
        "diff_command",
        "Compare the recommendations (agenda items, objectives) of two versions.",
    ),
    "history": (
        "pipeline.cli.diff_cli",
        "history_command",
        "Follow each recommendation and decision across three or more versions or years of one series.",
    ),
    "track": (
        "pipeline.cli.track_cli",
        "track_command",
        "Link every recommendation to its counterparts across documents and years.",
    ),
    "export": (
        "pipeline.cli.export_cli",
        "export_command",
        "Re-export records from docket outputs (no re-ingesting) as CSV, JSON, JSONL, Parquet or Excel.",
    ),
    "report": (
        "pipeline.cli.report_cli",
        "report_command",
        "Write a self-contained HTML overview of an output folder of `docket ingest`.",
    ),
    "serve": (
        "pipeline.cli.serve_cli",
        "serve_command",
        "Browse the collection in OUT with Datasette (read-only) at http://HOST:PORT/.",
    ),
}


def _debug_flag(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.find_root().meta["docket.debug"] = True
    return value


class DocketGroup(click.Group):
    """Turns DocketError into `Error: ...` (exit 1); tracebacks only with --debug, which every
    command accepts. Feature commands are imported on first use (LAZY_COMMANDS); a misspelt
    command gets a "did you mean"."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is None and name in LAZY_COMMANDS:
            module, attr, _ = LAZY_COMMANDS[name]
            command = getattr(importlib.import_module(module), attr)
        if command is not None and not any(p.name == "debug" for p in command.params):
            command.params.append(
                click.Option(
                    ["--debug"],
                    is_flag=True,
                    expose_value=False,
                    is_eager=True,
                    callback=_debug_flag,
                    help="Show full tracebacks on errors.",
                )
            )
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from LAZY_COMMANDS' one-liners: listing them imports none of them."""
        rows = []
        for name in self.list_commands(ctx):
            if name in self.commands:
                short = self.commands[name].get_short_help_str(formatter.width)
            else:
                short = LAZY_COMMANDS[name][2]
            rows.append((name, short))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=3, cutoff=0.6)
            hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            ctx.fail(f"No such command {name!r}.{hint} Commands: {', '.join(self.list_commands(ctx))}.")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as e:  # Ctrl-C: one line (Interrupted says what was saved), no traceback
            if ctx.params.get("debug") or ctx.meta.get("docket.debug"):
                raise
            below = "\n" if sys.stderr.isatty() else ""  # off the line the terminal echoed ^C on
            click.echo(f"{below}interrupted: {e}" if str(e) else f"{below}interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except DocketError as e:
            if ctx.params.get("debug") or ctx.meta.get("docket.debug"):
                raise
            raise click.ClickException(str(e)) from e
        except OSError as e:
            if ctx.params.get("debug") or ctx.meta.get("docket.debug"):
                raise
            where = f"{e.filename}: " if getattr(e, "filename", None) else ""
            if e.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
                fix = "What was saved before is intact: free some space and run the same command to finish."
            elif e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                fix = "The folder cannot be written: make it writable or choose another folder."
            else:
                fix = "Check the path and its permissions."
            raise click.ClickException(f"{where}{e.strerror or e}. {fix}") from e


@click.group(cls=DocketGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="docket")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
def cli(debug: bool) -> None:
    """docket: extract, tag, export and compare intergovernmental meeting documents.

    \b
    Examples:
      docket ingest inputs/ -o outputs/
      docket show inputs/neaspec-nfp-2021-concept-note.pdf
      docket diff old.pdf new.pdf -o diff/
    """


def settings_options(f):
    f = click.option(
        "--config",
        "config_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder with docket.toml, actors.csv, topics.toml (default: ./config).",
    )(f)
    f = click.option("--no-tag", is_flag=True, help="Skip the NLP tagging stage (actors, topics, entities).")(
        f
    )
    f = click.option(
        "--ocr",
        is_flag=True,
        expose_value=False,
        callback=_remember,
        help="OCR scanned PDFs with ocrmypdf/tesseract when they are installed.",
    )(f)
    f = click.option(
        "--reader",
        type=click.Choice(PDF_READERS),
        expose_value=False,
        callback=_remember,
        help="What reads PDF pages: pdfium (the default: many times faster; pages it cannot read "
        "faithfully go to pdfplumber) or pdfplumber (the reference). Overrides [ingest] reader in docket.toml.",
    )(f)
    return f


def _remember(ctx: click.Context, param: click.Parameter, value):
    """Options every settings-taking command shares, kept on the context for make_settings."""
    ctx.meta[f"docket.{param.name}"] = value
    return value


def make_settings(config_dir: Path | None, no_tag: bool, **overrides) -> Settings:
    # without --config, the [ingest] section of the folder docket reads its other settings from
    # ($DOCKET_CONFIG, ./config, the repository's): the same file the catalog's versions are taken from
    settings = Settings.from_dir(config_dir or default_config_dir())
    values = {k: v for k, v in overrides.items() if v is not None}
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.meta.get("docket.ocr"):
        values["ocr"] = True
    if ctx is not None and ctx.meta.get("docket.reader"):
        values["reader"] = ctx.meta["docket.reader"]
    if no_tag:
        values["tag"] = False
    if values.get("tag", settings.tag):
        try:
            from ..nlp.config import check_settings  # start-up: spaCy loads only where tagging is on
        except ImportError:  # installed without the NLP extras: nothing to check
            pass
        else:
            check_settings(settings.config_path)
    if not values:
        return settings
    return replace(settings, **values)


@cli.command("show")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON record instead of a summary.")
@settings_options
def show_command(file: Path, as_json: bool, config_dir: Path | None, no_tag: bool) -> None:
    """Print a readable summary of what docket finds in one document.

    \b
    Example:
      docket show inputs/neaspec-nfp-2021-concept-note.pdf
    """
    # start-up: `docket --help` and the lazy commands load no reader, parser or tagger
    from ..process import process_file
    from ..show import render_summary

    result = process_file(file, make_settings(config_dir, no_tag), source_file=str(file))
    if result.document is None:
        raise click.ClickException(result.failure.message if result.failure else f"{file}: no record")
    if as_json:
        from ..export.base import dumps  # start-up: as above

        click.echo(dumps(result.document.to_dict()))
    else:
        click.echo(render_summary(result.document))


def main() -> None:
    # pdfminer logs every font quirk of real PDFs as a warning; a failure is reported by docket itself.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    cli(prog_name="docket")
