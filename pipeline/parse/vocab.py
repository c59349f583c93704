"""The words the parsers look for, as data: ``config/vocabulary.toml``, editable by users.

Structure (numbering, table geometry, type size, the grammar of dates and times) decides where a
record is; words only help to name what a structure is ("Objectives", "Coffee break", the names of
organisations). Those words live here, not in the parser code, so that a user who meets a new
publisher's vocabulary adds a line to the TOML file instead of waiting for a release.

Each section of the file is a table of named phrase lists. A phrase matches case-insensitively,
with any run of white space for a space and an optional hyphen or space where it has a hyphen.
The file is ``vocabulary.toml`` in the settings folder (``--config``, ``$DOCKET_CONFIG`` or the
repository's ``config/``); a folder without one uses the copy shipped in ``pipeline/data/``.
Organisation names are the exception to case-insensitive matching (an acronym "AND" is not the word "and").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..config import PACKAGE_DATA, default_config_dir
from ..errors import ConfigError

FILE_NAME = "vocabulary.toml"
PACKAGE_FILE = PACKAGE_DATA / FILE_NAME


@dataclass(frozen=True)
class Vocabulary:
    """Phrase lists by section and key (``vocab.phrases("agenda", "breaks")``)."""

    sections: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    source: str = ""

    def phrases(self, section: str, key: str) -> tuple[str, ...]:
        return self.sections.get(section, {}).get(key, ())

    def pattern(self, section: str, key: str) -> str:
        """A regex alternation (no anchors, no groups) matching any phrase of the list; a list
        that is empty gives a pattern that never matches."""
        return _alternation(self.phrases(section, key))

    def regex(self, section: str, key: str, template: str = r"\b(?:{})\b") -> re.Pattern[str]:
        """``template`` with the list's alternation put in, compiled case-insensitively."""
        return _compiled(template.format(self.pattern(section, key)))


def phrase_pattern(p: str) -> str:
    """One phrase as a regex (see the module's matching rules)."""
    parts = [re.escape(w) for w in p.strip().split()]
    body = r"\s+".join(parts)
    body = re.sub("['\u2019]", "['\u2019]", body)  # a straight apostrophe matches a curly one, and back
    return body.replace(r"\-", r"[-\u2010\u2011\u2013 ]?")


@cache
def _alternation(phrases: tuple[str, ...]) -> str:
    if not phrases:
        return r"(?!x)x"
    # longest first, so that "coffee break" wins over "coffee"
    return "|".join(phrase_pattern(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p)))


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


def read(path: Path) -> Vocabulary:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(str(path), f"cannot read the vocabulary file ({e})") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(str(path), f"not valid TOML: {e}") from e
    sections: dict[str, dict[str, tuple[str, ...]]] = {}
    for name, table in data.items():
        if not isinstance(table, dict):
            raise ConfigError(str(path), f"[{name}] must be a table of phrase lists", key=name)
        lists: dict[str, tuple[str, ...]] = {}
        for key, value in table.items():
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(str(path), f"{name}.{key} must be a list of strings", key=f"{name}.{key}")
            lists[key] = tuple(v for v in value if v.strip())
        sections[name] = lists
    return Vocabulary(sections, str(path))


def locate(folder: Path | str | None) -> Path:
    """The vocabulary file for a settings folder: its own, else the packaged copy."""
    if folder is not None:
        own = Path(folder) / FILE_NAME
        if own.is_file():
            return own
    return PACKAGE_FILE


@cache
def _load(path: str, mtime_ns: int) -> Vocabulary:
    return read(Path(path))


def load(folder: Path | str | None = None) -> Vocabulary:
    path = locate(folder)
    return _load(str(path), path.stat().st_mtime_ns)


_active: list[Vocabulary | None] = [None]


def use(folder: Path | str | None) -> None:
    """Make the vocabulary of a settings folder the one parsers read (``ingest`` calls this, once
    per document).

    The file is located and read here, once: parsers ask for the vocabulary a hundred thousand
    times on a large batch, and looking the file up again each time (two ``stat`` calls) cost
    more than some parsers. An edit to the file is seen from the next document on.
    """
    _active[0] = load(folder) if folder is not None else None


def current() -> Vocabulary:
    """The vocabulary in use: the settings folder's (``use``), else the repository's ``config/``,
    else the packaged copy."""
    active = _active[0]
    return active if active is not None else load(default_config_dir())
