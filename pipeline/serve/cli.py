"""The `docket serve` command: Datasette over OUT/catalog.sqlite, read-only, local by default."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import DocketError
from ..outputs import CATALOG_NAME


class NoCatalogError(DocketError):
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
    from datasette.cli import cli as datasette

    click.echo(f"serving {catalog} read-only at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    datasette.main(
        ["serve", "-i", str(catalog), "--host", host, "--port", str(port)],
        prog_name="docket serve",
        standalone_mode=False,
    )
