"""The exporter interface (scrapy's, cut down), the format registry, and atomic writes."""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Protocol


class Exporter(Protocol):
    """Writes records to an open binary stream it is handed; never opens files itself."""

    name: str
    suffix: str

    def start(self, stream: IO[bytes]) -> None:
        """Begin output on ``stream`` (write headers, opening brackets)."""

    def write(self, record: dict[str, Any]) -> None:
        """Write one document record (the SCHEMA.md dict)."""

    def finish(self) -> None:
        """Write trailers and flush; does not close the stream."""


# name -> "module:ClassName"; the CLI's --format choices come from sorted(EXPORTERS).
EXPORTERS: dict[str, str] = {
    "json": "pipeline.export.json_exporter:JsonExporter",
    "jsonl": "pipeline.export.json_exporter:JsonLinesExporter",
    "csv": "pipeline.export.csv_exporter:CsvExporter",
    "parquet": "pipeline.export.parquet_exporter:ParquetExporter",
    "xlsx": "pipeline.export.xlsx_exporter:XlsxExporter",
}


def get_exporter(name: str, **options: Any) -> Exporter:
    if name not in EXPORTERS:
        raise ValueError(f"unknown export format {name!r}; choose one of {', '.join(sorted(EXPORTERS))}")
    module_name, _, class_name = EXPORTERS[name].partition(":")
    return getattr(importlib.import_module(module_name), class_name)(**options)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "wb") -> Iterator[IO[Any]]:
    """Open a temp file beside ``path`` and move it into place only when the block succeeds.

    An interrupted run therefore leaves either the old file or the new one, never half a file.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp makes the file 0600; an output gets the mode any new file gets (0644 under umask 022),
        # so colleagues, a BI gateway or a web server sharing the folder can read it.
        os.fchmod(fd, 0o666 & ~current_umask())
        kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(e, OSError) and e.filename is None:  # a full disk says no file name: name the output
            raise OSError(e.errno, e.strerror, str(target)) from e
        raise


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux), since
    setting it to read it back races with other threads creating files."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def dumps(record: Any, indent: int | None = 2) -> str:
    """The one JSON encoding every exporter uses: sorted nowhere, stable, UTF-8."""
    return json.dumps(record, ensure_ascii=False, indent=indent)
