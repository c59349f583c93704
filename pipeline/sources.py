"""Which files a run reads: folders walked recursively, and the include/exclude rules.

A folder of meeting documents often carries files that are not documents: a README, a
SOURCES.md listing where the documents came from, a LICENSE, hidden files of an editor or a
sync client. They are excluded by default (``DEFAULT_EXCLUDES``, hidden files and folders), and
the run counts them as excluded, not as failures. ``--include``/``--exclude`` globs match a
file's path relative to the folder given (``drafts/*``) or its name (``*.txt``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from .extract.base import SUPPORTED_SUFFIXES  # the extractors' registry says what a walk takes

DEFAULT_EXCLUDES = ("README*", "SOURCES*", "LICENSE*")  # any case; and hidden files and folders


@dataclass(frozen=True)
class SourceFilter:
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    default_excludes: bool = True

    def why_excluded(self, relative: str, named: bool = False) -> str | None:
        """The rule that excludes a file (its path relative to the folder walked), or None.
        The default exclusions do not apply to a file named on the command line."""
        name = relative.rsplit("/", 1)[-1]
        if self.default_excludes and not named:
            if name.startswith("."):
                return "hidden file"
            for glob in DEFAULT_EXCLUDES:
                if fnmatchcase(name.casefold(), glob.casefold()):
                    return f"not a document ({glob})"
        for glob in self.exclude:
            if _matches(relative, name, glob):
                return f"--exclude {glob}"
        if self.include and not any(_matches(relative, name, g) for g in self.include):
            return "not matched by --include"
        return None


def _matches(relative: str, name: str, glob: str) -> bool:
    return fnmatchcase(relative, glob) or fnmatchcase(name, glob)


@dataclass
class Selection:
    """The files to read, in walk order, and those a rule left out (path, rule)."""

    sources: list[Path] = field(default_factory=list)
    excluded: list[tuple[Path, str]] = field(default_factory=list)


def select_sources(paths: Iterable[str | os.PathLike[str]], rules: SourceFilter | None = None) -> Selection:
    selection = Selection()
    for path, why in _candidates(paths, rules or SourceFilter()):
        if why is None:
            selection.sources.append(path)
        else:
            selection.excluded.append((path, why))
    return selection


def iter_sources(
    paths: Iterable[str | os.PathLike[str]], rules: SourceFilter | None = None
) -> Iterator[Path]:
    """Expand folders recursively (sorted, excluded files and hidden folders skipped, symlink loops survived)."""
    for path, why in _candidates(paths, rules or SourceFilter()):
        if why is None:
            yield path


def _candidates(
    paths: Iterable[str | os.PathLike[str]], rules: SourceFilter
) -> Iterator[tuple[Path, str | None]]:
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, seen_dirs, rules.default_excludes):
                yield found, rules.why_excluded(found.relative_to(path).as_posix())
        else:
            yield path, rules.why_excluded(path.as_posix(), named=True)


def _walk(folder: Path, seen: set[tuple[int, int]], skip_hidden: bool) -> Iterator[Path]:
    try:
        st = folder.stat()
    except OSError:
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return
    seen.add(key)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        p = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            if p.suffix.lower() in SUPPORTED_SUFFIXES or (skip_hidden and entry.name.startswith(".")):
                continue  # a directory named like a document is not one; hidden folders are not walked
            yield from _walk(p, seen, skip_hidden)
        elif p.suffix.lower() in SUPPORTED_SUFFIXES:
            yield p
