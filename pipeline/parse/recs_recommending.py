"""Recommendations a meeting report records in its numbered paragraphs:

    2.2. The meeting recommended that the element Keywords be mandatory ...
    4.10. The meeting further recommended:
        • To include matters related to metadata in the WIS presentation ...
    5.5. ... The meeting therefore recommended that, in its review of ..., the ICT-ISS considers ...

A numbered paragraph in which a sentence has the meeting (or "it", "the Committee", any subject of up
to six words) as the subject of a reporting verb (``[recommendations] reporting_verbs``) followed by
"that", "to" or ":" holds one recommendation: its number is the paragraph's, its wording runs from
that sentence to the end of the paragraph and the points listed under it. Two or more such
paragraphs make the strategy; it is tried when no recommendations block, label or list was found,
so a report with a recommendations chapter is read from that chapter.
"""

from __future__ import annotations

import re
from functools import cache

from ..models import Recommendation
from . import vocab
from .addressees import raw_actors
from .numbering import Marker, follows, parse_marker, split_leading
from .recs_common import Unit, assemble, is_furniture, plausible_text
from .recs_reported import addressee

_MIN_PARAGRAPHS = 2


@cache
def _sentence(verbs: str) -> re.Pattern[str]:
    return re.compile(
        r"(?:^|(?<=[.;]\s))(?P<s>(?:The|It|This|These|They)\b(?:\s+[\w'’-]+){0,6}?\s+(?:" + verbs + r")"
        r"(?:\s+that\b|\s+to\b|\s*:))",
    )


def _recommending(text: str) -> re.Match[str] | None:
    v = vocab.current().pattern("recommendations", "reporting_verbs")
    return _sentence(v).search(text)


def _paragraph_number(u: Unit) -> str | None:
    """'2.2' for a paragraph numbered by its marker or by the number it opens with (plain text)."""
    if u.kind == "cell":
        return None
    lead = None if u.marker else split_leading(u.text)
    m = parse_marker(u.marker) if u.marker else (lead[0] if lead else None)
    if m is None or not all(t.isdigit() for t in m.tokens) or m.frame not in ("{}.", "{}", "{})"):
        return None
    return ".".join(m.tokens)


def from_recommending_paragraphs(units: list[Unit]) -> list[Recommendation]:
    found: list[tuple[int, str, re.Match[str]]] = []
    for i, u in enumerate(units):
        number = _paragraph_number(u)
        if number is None:
            continue
        m = _recommending(u.text)
        if m:
            found.append((i, number, m))
    if len(found) < _MIN_PARAGRAPHS:
        return []
    out = []
    for i, number, m in found:
        if units[i].text.rstrip().endswith(":"):
            items = _listed_items(units, i, number)
            if items:
                out.extend(items)  # "66. This group made the following recommendations:" (a) ... (d)
                continue
        pieces = [units[i].text[m.start("s") :]]
        for u in units[i + 1 :]:
            if is_furniture(u):
                continue
            if u.kind == "heading" or _paragraph_number(u) is not None:
                break  # the next numbered paragraph or section
            if u.marker or pieces[-1].rstrip().endswith(":"):
                pieces.append(u.text)  # the points listed under "recommended:" / "as follows:"
                continue
            break
        text = assemble(pieces)
        if plausible_text(text):
            # "recommended that, in its review ..., the ICT-ISS considers": the that-clause's subject
            who = (
                addressee(text[m.end("s") - m.start("s") :].lstrip(" ,"))
                if m.group("s").endswith("that")
                else ""
            )
            out.append(
                Recommendation(
                    number=number,
                    text=text,
                    provenance=units[i].provenance,
                    actors_raw=who,
                    actors=raw_actors(who),
                )
            )
    return out if len(out) >= _MIN_PARAGRAPHS else []


def _listed_items(units: list[Unit], i: int, number: str) -> list[Recommendation]:
    """The lettered (or numbered) items under a recommending paragraph that ends in a colon, one
    record each, numbered by the paragraph and the item ("66.a"); [] when fewer than two follow."""
    items: list[tuple[Marker, list[str], Unit]] = []
    for u in units[i + 1 :]:
        if is_furniture(u):
            continue
        if u.kind == "heading" and not u.marker:
            break
        if _paragraph_number(u) is not None and not items:
            break
        lead = split_leading(u.text)
        m = parse_marker(u.marker) if u.marker else (lead[0] if lead else None)
        text = lead[1] if lead and (not u.marker or u.text.startswith(u.marker)) else u.text
        if m is not None and (not items and m.is_first() or items and follows(items[-1][0], m) == "next"):
            items.append((m, [text], u))
        elif items and m is None and u.kind == "paragraph" and u.text[:1].islower():
            items[-1][1].append(u.text)  # a wrapped line of the item
        else:
            break
    if len(items) < 2:
        return []
    out = []
    for m, pieces, u in items:
        text = assemble(pieces)
        if not plausible_text(text):
            return []
        out.append(Recommendation(number=f"{number}.{m.number}", text=text, provenance=u.provenance))
    return out
