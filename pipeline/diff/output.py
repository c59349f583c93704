"""Write reports to a folder, atomically, one file per requested format."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from ..export.base import atomic_write

Writer = Callable[[Any, IO[str]], None]


def write_outputs(
    report: Any,
    out_dir: str | os.PathLike[str],
    writers: dict[str, tuple[str, Writer]],
    formats: Iterable[str],
) -> list[Path]:
    """Render ``report`` with each writer named in ``formats``; returns the paths written."""
    written = []
    for fmt in formats:
        if fmt not in writers:
            raise ValueError(f"unknown report format {fmt!r}; choose from {', '.join(sorted(writers))}")
        name, writer = writers[fmt]
        path = Path(out_dir) / name
        with atomic_write(path, "w") as fh:
            writer(report, fh)
        written.append(path)
    return written
