"""`docket ingest`: files and folders in, records out, in parallel, resumable."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from ..outputs import Layout
from ..sources import SourceFilter, select_sources
from . import EXIT_SOME_FAILED, make_settings, settings_options


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("outputs"),
    show_default=True,
    help="Folder for JSON, JSONL and CSV outputs, the manifest and the catalog.",
)
@click.option(
    "--raw-csv", is_flag=True, help="Do not neutralise CSV cells that spreadsheets run as formulas."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or per-file messages.")
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the number of cores).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Seconds one document may take before it is stopped and recorded as failed "
    "(default: [ingest] timeout in docket.toml, else 300).",
)
@click.option("--force", is_flag=True, help="Redo every document, even those the catalog has up to date.")
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Run documents in local worker processes or on a Dask cluster.",
)
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")
@click.option(
    "--send-bytes",
    is_flag=True,
    help="With --executor dask: send file contents to the workers instead of paths (no shared storage).",
)
@click.option(
    "--wait/--no-wait",
    default=False,
    show_default=True,
    help="When another run is using the output folder: wait for it, or stop with an error.",
)
@click.option(
    "--include",
    "include",
    multiple=True,
    metavar="GLOB",
    help="Read only files whose path (relative to the folder given) or name matches; repeat for several.",
)
@click.option(
    "--exclude",
    "exclude",
    multiple=True,
    metavar="GLOB",
    help="Leave out files whose relative path or name matches, e.g. 'drafts/*' or '*.txt'; repeatable.",
)
@click.option(
    "--no-default-exclude",
    is_flag=True,
    help="Also read README*, SOURCES*, LICENSE* and hidden files and folders found in folders.",
)
@settings_options
def ingest_command(
    paths: tuple[Path, ...],
    out_dir: Path,
    raw_csv: bool,
    quiet: bool,
    workers: int | None,
    timeout: float | None,
    force: bool,
    executor: str,
    scheduler: str | None,
    send_bytes: bool,
    wait: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    no_default_exclude: bool,
    config_dir: Path | None,
    no_tag: bool,
) -> None:
    """Ingest documents (PDF, DOCX, TXT, MD) or folders of them (recursively) into OUTPUT.

    OUTPUT is a collection: it keeps every document ever ingested into it (take some out with
    `docket remove`). catalog.sqlite holds them all (by content hash, with their records in SQL
    tables); json/<file>.json per document, documents.jsonl, csv/<table>.csv, failures.csv and
    manifest.csv (every source: status, reason, pages, seconds, duplicates) are rebuilt from it
    after each run. One text in several files (PDF, DOCX, TXT, or a copy) is one document with
    several sources. Unchanged documents are skipped on a re-run; an interrupted run finishes
    when the same command is run again.
    Exit status: 0 all ingested, 3 some files failed (see failures.csv), 1 fatal error, 2 usage.

    \b
    Examples:
      docket ingest inputs/ -o outputs/
      docket ingest report.pdf notes/*.docx -o out/ --no-tag --workers 2 --timeout 60
      docket ingest /shared/docs -o out/ --executor dask --scheduler tcp://10.0.0.5:8786
    """
    from ..batch import BatchOptions, run_batch  # start-up: `docket ingest --help` loads no batch runner
    from ..batch.lock import OutputLock

    if executor == "dask" and not scheduler:
        raise click.UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    if executor == "local" and (scheduler or send_bytes):
        raise click.UsageError("--scheduler and --send-bytes need --executor dask")
    settings = make_settings(config_dir, no_tag, raw_csv=raw_csv or None)
    options = BatchOptions(
        workers=workers or os.cpu_count() or 1,
        timeout=timeout,
        force=force,
        executor=executor,
        scheduler=scheduler,
        send_bytes=send_bytes,
    )
    with OutputLock(out_dir, wait=wait, on_wait=None if quiet else lambda m: click.echo(m, err=True)):
        selection = select_sources(paths, SourceFilter(include, exclude, not no_default_exclude))
        sources = selection.sources
        hidden = quiet or not sys.stderr.isatty()
        progress = _Progress(len(sources), hidden, quiet)
        with progress:
            summary = run_batch(
                sources, out_dir, settings, options, progress=progress.update, command=" ".join(sys.argv)
            )
    summary.excluded = len(selection.excluded)
    click.echo(summary.line())
    if selection.excluded and not quiet:
        path, why = selection.excluded[0]
        more = f" and {len(selection.excluded) - 1} more" if len(selection.excluded) > 1 else ""
        click.echo(f"excluded (not read, not failed): {path} ({why}){more}", err=True)
    if not quiet:
        click.echo(summary.collection_line())
    if summary.duplicates:
        click.echo(
            f"note: {len(summary.duplicates)} source(s) hold the same content as another source of the "
            "collection (another format or a copy): kept as one document with several sources "
            "(documents' sources; duplicate_of in manifest.csv)",
            err=True,
        )
    if summary.counts["failed"]:
        sys.exit(EXIT_SOME_FAILED)


class _Progress:
    """A progress bar on stderr: files done, failures, rate, ETA (hidden when not a terminal)."""

    def __init__(self, total: int, hidden: bool, quiet: bool):
        self.quiet = quiet
        self.hidden = hidden
        self.failed = 0
        self.done = 0
        self.started = time.monotonic()
        self.bar = click.progressbar(
            length=total,
            label="ingesting",
            file=sys.stderr,
            hidden=hidden,
            show_eta=True,
            show_pos=True,
            item_show_func=self._status,
        )

    def __enter__(self):
        self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)

    def _status(self, _item) -> str:
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        return f"{self.failed} failed, {rate:.1f} files/s"

    def update(self, row: dict) -> None:
        self.done += 1
        if row["status"] == "failed":
            self.failed += 1
            if not self.quiet:
                clear = "" if self.hidden else "\r\x1b[K"  # the bar redraws below the message
                click.echo(f"{clear}failed: {row['message']} [{row['reason']}]", err=True)
        self.bar.update(1, row["source_file"])


@click.command("remove")
@click.argument("out_dir", metavar="OUT", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("targets", metavar="(PATH|ID|GLOB)...", nargs=-1, required=True)
@click.option("-n", "--dry-run", is_flag=True, help="List what would be removed; change nothing.")
@click.option("--raw-csv", is_flag=True, help="Rebuild CSV files without neutralising formula-like cells.")
@click.option(
    "--wait/--no-wait",
    default=False,
    help="When another run is using OUT: wait for it, or stop with an error.",
)
def remove_command(out_dir: Path, targets: tuple[str, ...], dry_run: bool, raw_csv: bool, wait: bool) -> None:
    """Take documents out of the collection in OUT, then rebuild its flat outputs.

    Each target is a source path as it was ingested (or the same file by another path), a
    document id (or its first 8 or more hex digits), or a glob on the path or the file name
    (quote it). A target that matches nothing stops the command before anything is removed.
    A removed file that is still in an ingested folder comes back on the next ingest of that
    folder unless excluded (--exclude).

    \b
    Examples:
      docket remove outputs/ inputs/old-draft.pdf
      docket remove outputs/ 3f9a0c1d2e4b5a69 '*.txt'
    """
    from ..batch.catalog import Catalog  # start-up: `docket remove --help` loads no batch runner
    from ..batch.collection import rebuild
    from ..batch.lock import OutputLock

    layout = Layout(out_dir)
    if not layout.catalog.is_file():
        raise click.ClickException(
            f"{out_dir}: no {layout.catalog.name}; is it an output folder of `docket ingest`?"
        )
    with OutputLock(out_dir, wait=wait):
        catalog = Catalog(layout.catalog)
        try:
            matches = {target: catalog.match(target) for target in targets}
            missing = [t for t, names in matches.items() if not names]
            if missing:
                raise click.ClickException(
                    f"{out_dir}: nothing in the collection matches {', '.join(map(repr, missing))}; "
                    "nothing was removed (see manifest.csv for the sources it holds)"
                )
            names = list(dict.fromkeys(n for found in matches.values() for n in found))
            for name in names:
                click.echo(f"{'would remove' if dry_run else 'removed'}: {name}")
            if dry_run:
                return
            with catalog.transaction():
                for name in names:
                    catalog.forget(name)
            rebuild(catalog, out_dir, raw_csv)
            left = sum(1 for _ in catalog.collection(with_record=False))
        finally:
            catalog.close()
    click.echo(f"{len(names)} removed; the collection holds {left} sources -> {out_dir}")


@click.command("repair")
@click.argument("out_dir", metavar="OUT", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--wait/--no-wait",
    default=False,
    help="When another run is using OUT: wait for it, or stop with an error.",
)
def repair_command(out_dir: Path, wait: bool) -> None:
    """Rebuild a damaged catalog.sqlite in OUT from the collection's records.

    The records come from documents.jsonl (else json/*.json) and the failed files from
    failures.csv, so every document of the collection is kept, even one whose source is gone.
    The damaged catalog is kept beside it (catalog.sqlite.damaged-<time>). The next ingest reads
    again the sources that still exist.

    \b
    Example:
      docket repair outputs/
    """
    from ..batch.lock import OutputLock  # start-up: `docket repair --help` loads no batch runner
    from ..batch.repair import repair

    with OutputLock(out_dir, wait=wait):
        done = repair(out_dir)
    aside = f"; the damaged catalog is kept as {done.damaged}" if done.damaged else ""
    click.echo(f"catalog rebuilt from {done.records} records and {done.failures} failed files{aside}")
