"""Split raw addressee text ("For NEASPEC secretariat, SOM, and ESCAP") into names.

The NLP stage normalises these names against the actor registry; this is the format-blind,
registry-free first cut that every record gets, tagged or not.
"""

from __future__ import annotations

import re

from ..models import Actor

_LEAD = re.compile(r"^\s*(?:recommendation\s+(?:addressed\s+)?to|addressed\s+to|for|to)\s*:?\s+", re.I)
_SPLIT = re.compile(r"\s*(?:;|,\s*and\s+|,\s*&\s*|,|\s+and\s+|\s*&\s*|\n|\s+as\s+well\s+as\s+)\s*", re.I)


_NOISE = re.compile(r"\s*(?:\bpriority\s+level\b.*|\s\d(?:\s*[-\u2013]\s*\d)?)\s*$", re.I)


def clean_addressee_line(line: str) -> str:
    """One printed addressee line without its bullet, a trailing ';' or a priority printed beside it."""
    text = re.sub(r"^\s*[\u2022\u25cf\u25aa\u25e6\-\u2013*\uf0b7\uf0a7]\s*", "", line.strip())
    text = _NOISE.sub("", text)
    return text.strip().rstrip(";,").strip()


def split_addressees(raw: str) -> list[str]:
    text = _LEAD.sub("", raw.strip()).strip().rstrip(".;:")
    parts = [p.strip(" .;:•-–") for p in _SPLIT.split(text)]
    return [p for p in parts if p and len(p) > 1]


def raw_actors(raw: str) -> tuple[Actor, ...]:
    return tuple(Actor(name=n, matched_as=n, registered=False) for n in split_addressees(raw))
