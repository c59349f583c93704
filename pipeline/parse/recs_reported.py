"""Recommendations quoted as reported speech: "24. In paragraph 96, the Board recommended that
the Fund perform ...", the way follow-up reports restate recommendations made in another report.

A unit that opens with the frame "[In paragraph P,] <recommender> <reporting verb> that <clause>"
(``[recommendations] citation_words`` and ``reporting_verbs``) starts one recommendation; two or
more such units make the strategy. The record's:

- number is the cited paragraph P (the number the recommendation has in the report that made it),
  else a register number printed in brackets at its end ("(018/14)"), else the unit's own printed
  number; a cited number printed again under another heading (the
  same paragraph number of an earlier year's report) is qualified by the year of the heading in
  force ("2022.37"), else by that heading's letter or its position;
- text is the that-clause, which starts with the addressee ("the Fund put in place ..."), where the
  frame cites a paragraph (the citation is the recommendation's label); a frame without one ("On
  30 June 2014 the Commission recommended that ...") is kept as printed; wrapped
  lines printed in the same weight (the quoted recommendation is often bold) or continuing an
  unfinished sentence join it, up to the next field ("Department(s) responsible:"), numbered
  paragraph or frame;
- addressee is the subject of the clause: the capitalised name it opens with, after an optional
  lower-case introductory phrase ("based on a risk analysis, the Fund develop ...").
"""

from __future__ import annotations

import re
from functools import cache

from ..models import Recommendation
from ..textutil import join_lines
from . import vocab
from .addressees import raw_actors
from .numbering import parse_marker, split_leading
from .recs_common import Unit, assemble, is_furniture, plausible_text, starts_field

# a register number printed in brackets at the end of the wording: "... Melling Station. (018/14)"
_CODE = re.compile(r"\s*\((?P<code>\d{1,4}/\d{2,4})\)\s*\.?\s*$")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_NAME_WORD = r"[A-Z\u00c0-\u00dd][\w'\u2019.&/-]*"
_JOINER = r"(?:of|for|and|on|the|in|de|du|des|et|la|le|les|l'|l\u2019|d'|d\u2019)"
_SUBJECT = re.compile(
    r"^(?:[a-z][^,]{0,160},\s*)?(?P<who>(?:(?i:the|le|la|les|l'|l\u2019)\s*)?"
    + _NAME_WORD
    + r"(?:\s+(?:"
    + _JOINER
    + r"\s*)*"
    + _NAME_WORD
    + r")*)"
)


@cache
def _frame(pattern_citation: str, pattern_verbs: str) -> re.Pattern[str]:
    return re.compile(
        r"^(?:(?:in|at|under)\s+(?:" + pattern_citation + r")\s*(?P<cited>\d{1,4}[a-z]?)"
        r"(?:\s+(?:of|in)\s+[^,]{1,80})?\s*,\s*)?"
        r"(?P<who>(?:the\s+)?[A-Z][\w'\u2019.&-]*(?:\s+[\w'\u2019.&()-]+){0,8}?)\s+"
        r"(?:" + pattern_verbs + r")\s+that\s*,?\s+(?P<clause>\S.*)$",
        re.I | re.S,
    )


def frame() -> re.Pattern[str]:
    v = vocab.current()
    return _frame(
        v.pattern("recommendations", "citation_words"), v.pattern("recommendations", "reporting_verbs")
    )


def addressee(clause: str) -> str:
    """The subject a that-clause opens with ("the Fund", "the Executive Board"), or ""."""
    m = _SUBJECT.match(clause)
    return m.group("who").strip() if m else ""


def from_reported(units: list[Unit]) -> list[Recommendation]:
    rx = frame()
    starts: list[tuple[int, re.Match[str]]] = []
    for i, u in enumerate(units):
        if u.kind == "cell":
            continue
        text = join_lines(u.text)
        m = rx.match(text)
        if m is None:
            lead = split_leading(text)
            m = rx.match(lead[1]) if lead else None
        if m:
            starts.append((i, m))
    if len(starts) < 2:
        return []
    out: list[tuple[bool, Recommendation]] = []
    seen: set[str] = set()
    start_idx = {i for i, _ in starts}
    for n, (i, m) in enumerate(starts):
        u = units[i]
        pieces = [m.group("clause")]
        j = i + 1
        while j < len(units) and j not in start_idx:
            nxt = units[j]
            if is_furniture(nxt):
                j += 1
                continue
            if nxt.kind == "cell" or nxt.marker or starts_field(units, j):
                break
            unfinished = not pieces[-1].rstrip().endswith((".", "!", "?", ";"))
            if not ((u.bold and nxt.bold) or unfinished):
                break
            pieces.append(nxt.text)
            j += 1
        text = assemble(pieces)
        code = _CODE.search(text)
        if code:
            text = text[: code.start()].rstrip()
        who = addressee(text)
        if not m.group("cited"):
            # no citation: the frame ("On 30 June 2014 the Commission recommended that") is part
            # of the sentence as printed, not a label
            text = assemble([m.group(0)[: m.start("clause")], text])
        if not plausible_text(text):
            continue
        number = m.group("cited") or (code.group("code") if code else "") or _own_number(u) or str(n + 1)
        if number in seen:
            number = f"{_qualifier(units, i, start_idx)}.{number}"
        seen.add(number)
        out.append(
            (
                bool(m.group("cited") or code),
                Recommendation(
                    number=number,
                    text=text,
                    provenance=u.provenance.by("recommendations.reported"),
                    label=f"Recommendation {number}",
                    actors_raw=who,
                    actors=raw_actors(who),
                ),
            )
        )
    # where some carry their own identifier (a cited paragraph, a register number), those are the
    # formal statements; the others restate them in the analysis ("The Commission recommended that")
    formal = [rec for named, rec in out if named]
    return formal if formal else [rec for _, rec in out]


def _own_number(u: Unit) -> str:
    marker = parse_marker(u.marker) if u.marker else None
    if marker is None:
        lead = split_leading(join_lines(u.text))
        marker = lead[0] if lead else None
    return marker.number if marker is not None else ""


def _qualifier(units: list[Unit], i: int, starts: set[int]) -> str:
    """What tells a repeated cited number apart: the year of the heading in force (the report the
    recommendation comes from), else that heading's letter, else its position in the stream."""
    for j in range(i - 1, -1, -1):
        u = units[j]
        if j in starts or u.kind != "heading":
            continue
        year = _YEAR.findall(u.text)
        if year:
            return year[-1]
        marker = parse_marker(u.marker) if u.marker else None
        if marker is not None:
            return marker.number
        return str(j)
    return str(i)
