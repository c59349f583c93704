"""Recommendation regions: where a document prints its recommendations, found from structure.

A region opens at a heading in the semantic field of ``[recommendations] heading_words``
("RECOMMENDATIONS", "KEY-RECOMMENDATIONS", "What the evaluation recommends", "3.2
Recommendations of the evaluation"), or at a lead-in line that ends with a colon ("The evaluation
makes the following recommendations:"). It ends at the next heading printed at least as large and
as bold as its own (or, where the format gives no type sizes, at the same or a higher heading
level), or at a heading of another part of the report (``other_sections``). Running heads (the
same line on several pages) neither open nor end a region.

A region also knows its lead-in addressees: a line before the first item that names who the items
are for ("The executive heads of the organizations are called on to:", "The agency should:",
"Recommendations to the Executive Board:").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

from ..textutil import join_lines
from . import vocab
from .numbering import Marker, label_pattern, parse_marker, split_leading
from .recs_common import Unit, is_furniture

_MAX_HEADING_WORDS = 14
_SIZE_TOLERANCE = 0.6  # points: two headings within this are printed the same size
_LARGER = 1.12  # a line this much larger than the body text reads as a heading
_TOC_ENTRY = re.compile(r"[A-Za-z)]\s*(?:\.\s*){0,40}\s\d{1,3}$|\.{4,}")
_OBJECT_OF = re.compile(
    r"\b(?:of|on|about|with|regarding|concerning|from|to)\s+(?:(?:the|these|those|its|their|such|previous|past|earlier)\s+)*$",
    re.I,
)
_NAMED_ONE = re.compile(r"^\w*\s*(?:\(\w{1,4}\)|[A-Za-z]?\d{1,3}[a-z]?\b|[A-Z]\b|[ivxl]{1,5}\b)\s*[.:]?\s*$")
# a word after the field word that is neither a preposition, a conjunction nor an article: the field
# word modifies it ("Recommendations sub-group")
_MODIFIED = re.compile(
    r"^[ \t]+(?!(?:of|on|for|to|from|by|in|and|or|made|arising|addressed|issued|contained|&|the|a|an|de|du|des|à|aux|pour|et|la|le|les|sur|d'|l')\b)[A-Za-z][\w-]*",
    re.I,
)
_PREPOSITION = re.compile(r"\b(?:on|of|about|with|to|for|from|into|regarding|concerning)\b", re.I)


@dataclass(frozen=True, slots=True)
class Region:
    """Units ``start`` (the heading) to ``end`` (exclusive) of the linear stream."""

    start: int
    end: int
    heading: str
    summary: bool = False  # the heading, or the part it stands in, is a summary
    lead_actors: str = ""  # addressees named by a lead-in line for the whole region
    lead_at: int = -1  # the unit of that lead-in


def _words(section: str, key: str, template: str = r"\b(?:{})") -> re.Pattern[str]:
    return vocab.current().regex("recommendations", key, template)


def heading_field() -> re.Pattern[str]:
    return _words("recommendations", "heading_words", r"\b(?:{})\w*")


def label_regex() -> re.Pattern[str]:
    return label_pattern(vocab.current().pattern("recommendations", "labels"))


def body_size(units: list[Unit]) -> float | None:
    """The type size of most running text (weighted by length)."""
    sizes: Counter[float] = Counter()
    for u in units:
        if u.size and u.kind in ("paragraph", "list_item"):
            sizes[round(u.size, 1)] += len(u.text)
    if not sizes:
        return None
    return sizes.most_common(1)[0][0]


def running_heads(units: list[Unit]) -> set[str]:
    """Lines printed on three or more pages at the top or foot of the page (running heads and
    feet). A label repeated inside the text ("Inquiry Recommendation" over each boxed item) is
    printed as often, but among the page's lines, not at its edge."""
    pages: dict[str, set[int]] = {}
    at_edge: dict[str, int] = {}
    seen: dict[str, int] = {}
    by_page: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        if u.kind != "cell" and u.provenance.page is not None:
            by_page.setdefault(u.provenance.page, []).append(i)
    edges = {k for ids in by_page.values() for k in (ids[:2] + ids[-2:])}
    for i, u in enumerate(units):
        if u.kind != "cell" and len(u.text) <= 160 and u.provenance.page is not None:
            key = u.text.strip().lower()
            pages.setdefault(key, set()).add(u.provenance.page)
            seen[key] = seen.get(key, 0) + 1
            at_edge[key] = at_edge.get(key, 0) + (i in edges)
    return {t for t, p in pages.items() if len(p) >= 3 and at_edge[t] * 2 >= seen[t]}


@dataclass(frozen=True, slots=True)
class _Style:
    size: float | None
    bold: bool
    level: int
    kind: str


def _style(u: Unit) -> _Style:
    return _Style(u.size, u.bold, u.level if u.kind == "heading" else 0, u.kind)


def heading_like(u: Unit, body: float | None) -> bool:
    """A heading, or a short line printed as one (bold, larger or in capitals, no full stop)."""
    if u.kind == "heading":
        # a bold sentence set as a heading ("106. On the basis of the foregoing, ... recommends the
        # following:", "(a) Member States ... must comply with their") is body text
        text = join_lines(u.text).rstrip()
        return len(text.split()) <= 6 or not (
            text.endswith((":", ";")) or len(text.split()) > _MAX_HEADING_WORDS
        )
    if u.kind not in ("paragraph",) or u.marker:
        return False
    text = join_lines(u.text)
    words = text.split()
    if not words or len(words) > _MAX_HEADING_WORDS or text.rstrip().endswith((".", ";", ",")):
        return False
    larger = body is not None and u.size is not None and u.size >= body * _LARGER
    caps = sum(c.isupper() for c in text) >= 0.6 * max(1, sum(c.isalpha() for c in text))
    return u.bold or larger or caps


def _strip_number(text: str) -> str:
    lead = split_leading(text)
    text = lead[1] if lead else text
    return re.sub(r"^(?:chapter|section|part)\s+\w{1,4}[.:]?\s+", "", text, flags=re.I)


def is_recs_heading(text: str) -> bool:
    """Whether a heading's words are in the recommendations field and it is not itself a label
    ("Recommendation 3") or a sentence."""
    text = _strip_number(join_lines(text)).strip()
    field = heading_field().search(text) if text else None
    if field is None or _TOC_ENTRY.search(text):
        return False  # no field word, or a table-of-contents line ("RECOMMENDATIONS 34")
    if label_regex().match(text):
        return False  # "Recommendation 1." opens one recommendation, not a region
    words = text.split()
    if len(words) > _MAX_HEADING_WORDS:
        return False
    if _MODIFIED.match(text[field.end() :]) and not _words(
        "recommendations", "heading_tails", r"^\s*(?:{})\b"
    ).match(text[field.end() :]):
        return (
            False  # "Recommendations sub-group", "Recommendations Report": the field word names another thing
        )
    if _NAMED_ONE.match(text[field.end() :]) and _PREPOSITION.search(text[: field.start()]):
        return False  # "Progress on recommendation (b)": about one recommendation, not a list
    # "Report on the recommendations of the Board", "Evidence of outcomes of the recommendations":
    # the field word is the object of another topic, unless the heading is a short name
    # ("Implementation of recommendations")
    return not (_PREPOSITION.search(text[: field.start()]) and len(words) > 6)


def _lead_line(u: Unit) -> bool:
    """A line that introduces a list of recommendations: "The evaluation makes the following
    recommendations:"."""
    text = join_lines(u.text).rstrip()
    if u.kind not in ("paragraph", "list_item") or not text.endswith(":") or len(text.split()) > 40:
        return False
    if u.kind == "list_item" and (u.level > 0 or _own_marker(u) is None):
        return False  # a numbered paragraph may lead in ("8. The review made three recommendations:")
    field = heading_field().search(text)
    # "Evidence of outcomes of the implementation of the recommendations included:" speaks about
    # recommendations made elsewhere
    return field is not None and not _OBJECT_OF.search(text[: field.start()])


def _own_marker(u: Unit) -> Marker | None:
    """The number a unit is printed with (its list marker, or a leading number in its text)."""
    if u.marker:
        return parse_marker(u.marker)
    lead = split_leading(join_lines(u.text))
    return lead[0] if lead else None


def _other_section(text: str) -> bool:
    text = _strip_number(join_lines(text))
    return bool(_words("recommendations", "other_sections").search(text)) and not heading_field().search(text)


def _ends(head: _Style, u: Unit, body: float | None) -> bool:
    """Whether heading-like unit ``u`` closes a region opened by a heading of style ``head``."""
    if head.size is not None and u.size is not None:
        if u.size > head.size + _SIZE_TOLERANCE:
            return True
        if abs(u.size - head.size) <= _SIZE_TOLERANCE:
            return u.bold or not head.bold
        return False
    if u.kind == "heading" and head.kind == "heading":
        return u.level <= head.level
    return u.kind == "heading" and head.kind != "heading"


def find_regions(units: list[Unit]) -> list[Region]:
    """Every recommendations region of the stream, in order (nested ones too)."""
    return scan_regions(units)[0]


def scan_regions(units: list[Unit]) -> tuple[list[Region], list[tuple[int, int]]]:
    """The recommendations regions, and the parts of the stream under a summary heading
    ("EXECUTIVE SUMMARY", "Sommaire exécutif"), each up to the heading that ends it (first unit,
    end exclusive)."""
    body = body_size(units)
    heads = running_heads(units)
    summary_rx = _words("recommendations", "summary_words")
    regions: list[Region] = []
    spans: list[tuple[int, int]] = []
    summary_until = -1
    summary_style: _Style | None = None
    for i, u in enumerate(units):
        if u.kind == "cell" or is_furniture(u) or u.text.strip().lower() in heads:
            continue
        like = heading_like(u, body)
        if like and summary_style is not None and _ends(summary_style, u, body):
            spans[-1] = (spans[-1][0], i)
            summary_style, summary_until = None, -1
        if like and summary_rx.search(u.text) and not heading_field().search(u.text):
            summary_style, summary_until = _style(u), len(units)  # an executive summary
            spans.append((i, len(units)))
        opens = (like and is_recs_heading(u.text)) or _lead_line(u)
        if not opens:
            continue
        end = _region_end(units, i, body, heads)
        summary = bool(summary_rx.search(u.text)) or summary_until > i
        regions.append(Region(i, end, join_lines(u.text), summary))
    return regions, spans


def _region_end(units: list[Unit], i: int, body: float | None, heads: set[str]) -> int:
    head = units[i]
    style = _style(head)
    lead = not heading_like(head, body)
    own = _own_marker(head) if lead else None
    numbered = None if lead else _own_marker(head)
    for j in range(i + 1, len(units)):
        u = units[j]
        if u.kind == "cell" or is_furniture(u) or u.text.strip().lower() in heads:
            continue
        if lead:
            if u.kind == "heading" and not join_lines(u.text).rstrip().endswith("."):
                return j  # a sentence printed in bold ("Completed in 2023.") is no heading
            mark = _own_marker(u) if own is not None else None
            if mark is not None and own is not None and mark.shape() == own.shape():
                return j  # the numbered paragraph after the lead-in's own: its list is over
            continue
        if not heading_like(u, body):
            continue
        if numbered is not None and descends(_own_marker(u), numbered):
            continue  # "6.1 Energy" under "6. RECOMMENDATIONS": a part of the region, not its end
        if _other_section(u.text) or _ends(style, u, body):
            return j
    return len(units)


def descends(m: Marker | None, parent: Marker) -> bool:
    """Whether number ``m`` is inside section ``parent`` ("6.1" and "6.1.2" inside "6.")."""
    return (
        m is not None
        and len(m.tokens) > len(parent.tokens)
        and m.tokens[: len(parent.tokens)] == parent.tokens
    )


# ---- lead-in addressees ------------------------------------------------------------------------------


def lead_in_actors(text: str) -> str:
    """The addressees a lead-in line names for the items after it, or "".

    "The executive heads of the organizations are called on to:" -> "The executive heads of the
    organizations"; "The evaluation recommends that the agency:" -> "the agency"; "For the Executive Board:"
    -> "the Executive Board"; "Recommendations to the secretariat:" -> "the secretariat".
    """
    text = join_lines(text).strip()
    if not text.endswith(":") or len(text.split()) > 30:
        return ""
    body = text[:-1].strip()
    rec = _words("recommendations", "lead_in_recommending", r"\b(?:{})\s+").search(body)
    if rec:
        who = body[rec.end() :]
        relay = _words("recommendations", "lead_in_relay", r"\s(?:{})\s+").search(who)
        if relay:
            who = who[relay.end() :]  # "that the House requests the Ministers to:": the Ministers
        who = re.sub(r"\s+(?:should|must|shall|to)\b.*$", "", who, flags=re.I)
        return who.strip() if _names(who) else ""
    verb = _words("recommendations", "lead_in_verbs", r"\s(?:{})(?:\s+(?:to|consider|be))?\s*$").search(body)
    if verb:
        who = body[: verb.start()].strip()
        who = re.sub(
            r"^(?:(?:in\s+particular|specifically|therefore|accordingly|thus),?\s+)", "", who, flags=re.I
        )
        return who if _names(who) and len(who.split()) <= 20 else ""
    field = re.match(r"^(?:for|to)\s+(?P<who>.+)$", body, re.I)
    if field and _names(field.group("who")) and len(body.split()) <= 12:
        return field.group("who").strip()
    return ""


def _names(who: str) -> bool:
    """Whether a phrase can name addressees: it has a capital, or is a plural body ("managers")."""
    who = who.strip()
    if not who or re.match(r"^(?:it|this|these|that|there|we|they|you|one)\b", who, re.I):
        return False
    if re.search(r"\b(?:following|below|above)\b", who, re.I):
        return False
    return bool(re.search(r"[A-Z]", who)) or bool(re.search(r"\w{3,}s\b", who))


def _summary(units: list[Unit], region: Region) -> bool:
    return region.summary


def first_lead(units: list[Unit], region: Region, first_item: int) -> tuple[str, int]:
    """The lead-in addressees printed between a region's heading and its first item."""
    for j in range(region.start, min(first_item, region.end)):
        u = units[j]
        if u.kind == "cell":
            continue
        who = lead_in_actors(u.text)
        if who:
            return who, j
    return "", -1


def median_size(units: list[Unit]) -> float | None:
    sizes = [u.size for u in units if u.size]
    return median(sizes) if sizes else None
