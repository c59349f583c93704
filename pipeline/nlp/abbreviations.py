"""Abbreviations a document defines itself, Schwartz–Hearst style.

Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation definitions in
biomedical text": for every "long form (SF)" the short form is matched character by character,
right to left, against the words before the parenthesis; the shortest long form whose words
contain all the short form's characters in order, with the first character at a word start, wins.
The reverse order "SF (long form)" is tried when the parenthesis holds several words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_PAREN = re.compile(r"\(([^()]{1,120})\)")
_WORD = re.compile(r"[\w'’-]+")


def _valid_short(sf: str) -> bool:
    return (
        2 <= len(sf) <= 10
        and sf[0].isalnum()
        and any(c.isalpha() for c in sf)
        and len(sf.split()) <= 2
        and any(c.isupper() for c in sf)
    )


def _best_long_form(sf: str, candidate: str) -> str | None:
    """Shortest suffix of ``candidate`` that defines ``sf`` (the Schwartz–Hearst core loop)."""
    s = sf.lower()
    c = candidate.lower()
    s_i, l_i = len(s) - 1, len(c) - 1
    while s_i >= 0:
        ch = s[s_i]
        if not ch.isalnum():
            s_i -= 1
            continue
        while l_i >= 0 and (c[l_i] != ch or (s_i == 0 and l_i > 0 and c[l_i - 1].isalnum())):
            l_i -= 1
        if l_i < 0:
            return None
        l_i -= 1
        s_i -= 1
    start = c.rfind(" ", 0, l_i + 1) + 1
    long_form = candidate[start:].strip()
    if len(long_form) <= len(sf) or sf.lower() in long_form.lower().split():
        return None
    return long_form


def _candidate_before(text: str, end: int, sf: str) -> str:
    words = list(_WORD.finditer(text[:end]))
    n = min(len(sf) + 5, len(sf) * 2)
    window = words[-n:] if words else []
    if not window:
        return ""
    chunk = text[window[0].start() : end]
    # a long form does not run across a sentence or clause end
    chunk = re.split(r"[.;:!?]\s|\n", chunk)[-1]
    return chunk.strip()


def find_abbreviations(text: str) -> dict[str, str]:
    """Short form -> long form for every definition in ``text`` (first definition wins)."""
    out: dict[str, str] = {}
    for m in _PAREN.finditer(text):
        inner = m.group(1).strip()
        if _valid_short(inner):
            candidate = _candidate_before(text, m.start(), inner)
            long_form = _best_long_form(inner, candidate) if candidate else None
            if long_form:
                out.setdefault(inner, long_form)
            continue
        # "SF (long form)": the word before the parenthesis is the short form
        before = _WORD.findall(text[max(0, m.start() - 12) : m.start()])
        if before and len(inner.split()) >= 2 and _valid_short(before[-1]) and before[-1].isupper():
            long_form = _best_long_form(before[-1], inner)
            if long_form and long_form == inner:
                out.setdefault(before[-1], long_form)
    return out


def learn_abbreviations(texts: Iterable[str]) -> dict[str, str]:
    """The abbreviations defined anywhere in a document's texts."""
    out: dict[str, str] = {}
    for t in texts:
        if t and "(" in t:
            for k, v in find_abbreviations(t).items():
                out.setdefault(k, v)
    return out
