"""The `docket serve` command: Datasette over OUT/catalog.sqlite, read-only, local by default."""

from __future__ import annotations

import json
import signal
import socket
import tempfile
from pathlib import Path

import click

from ..errors import DocketError
from ..outputs import CATALOG_NAME
from ..serve.browse import build
from ..serve.metadata import DATABASE, metadata


class ServeError(DocketError):
    pass


class NoCatalogError(ServeError):
    pass


def find_catalog(out: Path) -> Path:
    """OUT's catalog, or a one-line error saying how to make one."""
    catalog = out / CATALOG_NAME if out.is_dir() else out
    if not catalog.is_file():
        raise NoCatalogError(f"{out}: no {CATALOG_NAME} here; make one with: docket ingest SOURCES -o {out}")
    return catalog


@click.command("serve")
@click.argument("out", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0 shares it on the network).",
)
@click.option(
    "--port",
    default=8001,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0 picks a free one).",
)
def serve_command(out: Path, host: str, port: int) -> None:
    """Browse the collection in OUT with Datasette (read-only) at http://HOST:PORT/.

    \b
    Example:
      docket serve outputs/
    """
    catalog = find_catalog(out)
    port = free_port(host, port)
    with tempfile.TemporaryDirectory(prefix="docket-serve-") as tmp:
        db, meta = prepare(catalog, Path(tmp))
        from datasette.cli import cli as datasette  # start-up: datasette loads only to serve

        # uvicorn stops on SIGTERM, then raises it again: let that end the with block, which
        # removes the copy, instead of killing the process around it.
        signal.signal(signal.SIGTERM, _exit)

        click.echo(f"serving {catalog} read-only at http://{host}:{port}/ (Ctrl-C stops)", err=True)
        datasette.main(
            ["serve", "-i", str(db), "-m", str(meta), "--host", host, "--port", str(port)],
            prog_name="docket serve",
            standalone_mode=False,
        )


def _exit(signum, frame) -> None:
    raise SystemExit(0)


def free_port(host: str, port: int) -> int:
    """``port`` if it can be listened on (0: a free one), else a one-line error naming the fix."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        try:
            s.bind((host, port))
        except OSError as e:
            raise ServeError(
                f"cannot listen on {host}:{port} ({e.strerror}); choose another with --port"
            ) from e
        return s.getsockname()[1]


def prepare(catalog: Path, folder: Path) -> tuple[Path, Path]:
    """The browsing copy of ``catalog`` and its Datasette metadata file, written in ``folder``."""
    db = build(catalog, folder / f"{DATABASE}.sqlite")
    meta = folder / "metadata.json"
    meta.write_text(json.dumps(metadata(), indent=2, ensure_ascii=False), encoding="utf-8")
    return db, meta
