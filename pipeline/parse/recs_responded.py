"""Recommendations recognised by the response that answers each of them.

A government or management response often quotes the recommendations it answers as plain
numbered paragraphs, with no "Recommendations" heading and no "Recommendation N" label:

    1. The Department should publish a workforce plan every two years. (Paragraph 34)
    Government response
    The Government agrees with this recommendation ...
    2. The Agency should ...

The cue is the alternation, not the words: numbered statements, each followed by a response
field (``recs_common.MR_MARK`` at a field start) before the next numbered statement. Two or more
such pairs, numbered in increasing order, make the strategy. The record's text runs from its
number to the response; the response runs to the next numbered statement or heading.
"""

from __future__ import annotations

from ..models import Recommendation
from . import vocab
from .numbering import Marker, split_leading
from .recs_common import (
    MR_MARK,
    Unit,
    assemble,
    is_furniture,
    plausible_text,
    starts_field,
    wording,
)
from .recs_lists import unit_marker
from .responses import answers, make_response

_MIN_PAIRS = 2
_MAX_STATEMENT_UNITS = 12  # a quoted recommendation is a paragraph or a few, not a chapter


def from_responded(units: list[Unit]) -> list[Recommendation]:
    responses = [k for k in range(len(units)) if _response_field(units, k)]
    if len(responses) < _MIN_PAIRS:
        return []
    pairs: list[tuple[int, Marker, int]] = []  # statement start, its number, response at
    previous_end = 0
    labelled: list[tuple[int, int]] = []  # "Recommendation: ..." with no number, response at
    for k in responses:
        start = _statement_start(units, previous_end, k)
        bare = _labelled_start(units, previous_end, k)
        if bare is not None and (start is None or bare > start):
            labelled.append((bare, k))  # "2. Policing" / "Recommendation: ...": the label is nearer
        elif start is not None:
            marker = unit_marker(units[start])
            assert marker is not None
            pairs.append((start, marker, k))
        previous_end = k + 1
    if len(labelled) >= _MIN_PAIRS and len(labelled) > len(pairs):
        # label-led statements, numbered in reading order as an unnumbered list is
        first = _bare_label_rx()
        return _records(units, [(s, first.sub("", units[s].full, count=1), None, k) for s, k in labelled])
    if len(pairs) < _MIN_PAIRS or not _increasing([m for _, m, _ in pairs]):
        return []
    return _records(units, [(s, _first_line(units[s]), m.tokens[0], k) for s, m, k in pairs])


def _records(units: list[Unit], statements: list[tuple[int, str, str | None, int]]) -> list[Recommendation]:
    """One record per (statement start, its first paragraph, its number or None, response at): the
    wording runs to the response, the response to the next statement."""
    starts = {s for s, _, _, _ in statements}
    out: list[Recommendation] = []
    for n, (start, first, number, k) in enumerate(statements):
        statement = [first] + [wording(u) for u in units[start + 1 : k] if not is_furniture(u)]
        text = assemble(statement)
        if not plausible_text(text):
            continue
        end = statements[n + 1][0] if n + 1 < len(statements) else len(units)
        answer = _answer(units, k, end, starts)
        out.append(
            Recommendation(
                number=number or str(len(out) + 1),
                text=text,
                provenance=units[start].provenance,
                management_response=make_response(answer) if answer else None,
            )
        )
    return out if len(out) >= _MIN_PAIRS else []


def _labelled_start(units: list[Unit], lo: int, k: int) -> int | None:
    """A statement led by its label and no number ("Recommendation: The Government should ..."),
    the nearest before the response at k."""
    for i in range(k - 1, max(lo, k - _MAX_STATEMENT_UNITS) - 1, -1):
        if _bare_label_rx().match(units[i].text):
            return i
    return None


def _bare_label_rx():
    return vocab.current().regex("recommendations", "labels", r"^(?:{})\s*:\s*(?=\S)")


def _response_field(units: list[Unit], k: int) -> bool:
    """A response starts at unit k: a field "Government response", "Management response:",
    "Response of the Secretariat:" at a field start (not a wrapped line of running text), or a
    plain paragraph that answers ("The Government agrees ...") right after a statement printed bold."""
    u = units[k]
    if u.kind == "cell":
        return False
    m = MR_MARK.match(u.text)
    if m:
        alone = len(u.text.split()) <= 6 and (u.bold or u.kind == "heading" or not m.group("rest").strip())
        return alone or bool(starts_field(units, k))
    return _answers_bold_statement(units, k)


def _answers_bold_statement(units: list[Unit], k: int) -> bool:
    u = units[k]
    if k == 0 or u.bold or u.kind != "paragraph" or u.marker or not answers(u.text):
        return False
    for i in range(k - 1, max(0, k - _MAX_STATEMENT_UNITS) - 1, -1):
        before = units[i]
        if not before.bold or before.kind == "cell" or MR_MARK.match(before.text):
            return False
        if unit_marker(before) is not None:
            return not _section_title(before)
    return False


def _statement_start(units: list[Unit], lo: int, k: int) -> int | None:
    """The numbered unit a statement begins with: the nearest one before the response at k,
    after the previous response, no more than a few paragraphs away."""
    for i in range(k - 1, max(lo, k - _MAX_STATEMENT_UNITS) - 1, -1):
        u = units[i]
        numbered = unit_marker(u) is not None
        if numbered and not _section_title(u):
            return i
        if u.kind == "heading":
            return None
    return None


def _section_title(u: Unit) -> bool:
    """A numbered section title ("2. Workforce supply"), not a statement printed bold: short and
    not a sentence."""
    return u.kind == "heading" and len(u.text.split()) <= 12 and not u.text.rstrip().endswith((".", ")"))


def _first_line(unit: Unit) -> str:
    """The statement's first paragraph without its number."""
    lead = split_leading(unit.full)
    return lead[1] if lead else unit.text


def _increasing(markers: list[Marker]) -> bool:
    """Numbers in increasing order (gaps allowed: a response may answer only some paragraphs)."""
    values = []
    for m in markers:
        if len(m.tokens) != 1 or not m.tokens[0].isdigit():
            return False
        values.append(int(m.tokens[0]))
    return all(a < b for a, b in zip(values, values[1:], strict=False))


def _answer(units: list[Unit], k: int, end: int, starts: set[int]) -> str:
    """The response's text: the field's own rest and the paragraphs after it, to the next statement
    or heading."""
    m = MR_MARK.match(units[k].text)
    parts = [m.group("rest") if m else units[k].text]
    for i in range(k + 1, end):
        u = units[i]
        if i in starts or u.kind == "heading":
            break
        if not is_furniture(u):
            parts.append(u.text)
    return "\n\n".join(p for p in parts if p.strip())
