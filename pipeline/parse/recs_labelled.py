"""Label-led recommendations: "Recommendation 3." / "Evaluation recommendation # 4:" / boxed
"Recommendation N" / "Recommendation N reads as follows:", each followed by its wording.

The wording runs from the label to the first stop: the next label, a response ("Management
response:", "IEO response:"), an addressee field ("Recommendation to:"), an "Indicator of
achievement", a key-action table, a section heading, or the next numbered paragraph of the body
text (the end of a boxed recommendation). Sub-points ("1.1.", "(a)") stay inside, with their markers.
After the wording, the rest of the recommendation's stretch is searched for its response,
addressees and key actions.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Set
from functools import cache

from ..models import Block, BlockKind, ManagementResponse, Recommendation
from ..textutil import join_lines
from . import vocab
from .addressees import join_addressee_lines, raw_actors
from .numbering import label_pattern
from .recs_common import (
    ACTORS_MARK,
    MR_MARK,
    Label,
    Unit,
    assemble,
    is_furniture,
    is_header,
    is_title,
    match_label,
    paragraph_number,
    plausible_text,
    starts_field,
    wording,
)
from .recs_regions import running_heads, scan_regions
from .recs_tables import column_header
from .responses import MAX_RESPONSE, answers, make_response

_GROUP = re.compile(r"^(?:area|theme|cluster|pillar|group|category)\s+[\dA-Z]{1,3}\b", re.I)
_SUB_MARK = re.compile(
    r"^(?:\(?[a-z]{1,4}[.)]|\d{1,2}\.\d{1,2}\.?|[\u2022\u25cf\u25aa\u25e6\u2013\u2014\-*\u27a2\uf0b7])$"
)
_MAX_CHARS = 12000
_SECTION = re.compile(r"^(?:(?:[IVXL]{1,5}|[A-H])\.\s+[A-Z]|(?:Annex|Annexes|Appendix|ANNEX|APPENDIX)\b)")
_INNER_MR = re.compile(r"(?<=\s)(?-i:M)anagement\s+response\s*(?::|[-\u2013\u2014]\s)", re.I)
ACTION_HEAD = re.compile(r"^(?:key\s+actions?|actions?)\b(?!\s+to\s+respond)", re.I)


def from_labels(units: list[Unit], blocks: tuple[Block, ...]) -> list[Recommendation]:
    labels = [(i, match_label(u)) for i, u in enumerate(units)]
    starts = [(i, lab) for i, lab in labels if lab is not None and not _contents_line(units, i)]
    if not starts:
        return []
    start_idx = {i for i, _ in starts}
    heads = running_heads(units)
    regions, spans = scan_regions(units)
    summaries = [(r.start, r.end) for r in regions if r.summary] + spans
    out: list[Recommendation] = []
    in_summary: list[bool] = []
    group = ""
    group_at = _groups(units)
    for n, (i, lab) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(units)
        body, title, stop, more_actors = _body(units, i, end, lab, start_idx, heads)
        text = assemble(body)
        nxt = starts[n + 1][1] if n + 1 < len(starts) else None
        if (
            not lab.rest
            and not title
            and nxt is not None
            and nxt.number == lab.number
            and stop == end
            and len(text.split()) <= 12
            and not text.endswith(".")
        ):
            title, text = (
                text,
                "",
            )  # "Recommendation 1" / "Improved planning" / "Recommendation 1 reads as follows:"
        if lab.rest and not title and _titled_box(units[i], lab.rest) and len(body) > 1:
            # "Recommendation 2: Privacy Principles in the Core Service Requirements" set bold, the
            # wording in plain paragraphs under it: the label line's rest is the title
            title, text = join_lines(lab.rest), assemble(body[1:])
        group = group_at.get(i, group)
        actors_raw, response, actions = _tail(units, stop, end, blocks, units[i].table)
        if response is None and stop < end and answers(_PARA_LEAD.sub("", units[stop].text, count=1)):
            response = _answer(units, stop, end)
        actors_raw = join_lines("\n".join([lab.actors, *more_actors])) if lab.actors else actors_raw
        if not text and not title:
            continue
        if text and not plausible_text(text):
            continue
        if response is not None and actions:
            response = ManagementResponse(
                response.category, response.text, response.responder, tuple(actions)
            )
        u = units[i]
        out.append(
            Recommendation(
                number=lab.number,
                text=text,
                provenance=u.provenance,
                label=lab.label,
                title=title,
                group=group,
                actors_raw=actors_raw,
                actors=raw_actors(actors_raw),
                management_response=response,
            )
        )
        in_summary.append(any(a <= i < b for a, b in summaries))
    return _without_summary_repeats(out, in_summary)


_PAGE_END = re.compile(r"(?:\s|\.{2,}|…)\s*\d{1,3}$")


def _contents_line(units: list[Unit], i: int) -> bool:
    """'Recommendation 2: Privacy Principles ... 25' in a table of contents: a label line ending with a
    page number between lines that do too."""
    if not _PAGE_END.search(units[i].text.strip()):
        return False
    near = [units[k] for k in (i - 1, i + 1) if 0 <= k < len(units)]
    return any(_PAGE_END.search(u.text.strip()) for u in near)


def _titled_box(unit: Unit, rest: str) -> bool:
    """The label line is a heading (bold or a heading) whose rest is a short title, not a sentence."""
    return (
        (unit.kind == "heading" or bool(unit.bold))
        and unit.kind != "cell"
        and len(rest.split()) <= 15
        and not rest.rstrip().endswith((".", ";", ":"))
    )


def _without_summary_repeats(recs: list[Recommendation], in_summary: list[bool]) -> list[Recommendation]:
    """Recommendations printed under a summary heading give way to the same numbers printed in the
    body (the formal statement); a title or addressees only the summary prints are kept."""
    body = {r.number: k for k, r in enumerate(recs) if not in_summary[k] and r.text}
    out = list(recs)
    for k, r in enumerate(recs):
        if not in_summary[k] or r.number not in body:
            continue
        b = body[r.number]
        if not out[b].actors_raw and r.actors_raw:
            out[b] = dataclasses.replace(out[b], actors_raw=r.actors_raw, actors=r.actors)
        if not out[b].title and r.title:
            out[b] = dataclasses.replace(out[b], title=r.title)
    return [r for k, r in enumerate(out) if not (in_summary[k] and r.number in body)]


def _groups(units: list[Unit]) -> dict[int, str]:
    """Index of each unit -> the group heading ("Area 2. ...") in force there."""
    out: dict[int, str] = {}
    current = ""
    for i, u in enumerate(units):
        if u.kind in ("heading", "paragraph") and _GROUP.match(u.text) and len(u.text.split()) <= 12:
            current = join_lines(u.full)
        out[i] = current
    return out


def _body(
    units: list[Unit], i: int, end: int, lab: Label, starts: set[int], heads: Set[str] = frozenset()
) -> tuple[list[str], str, int, list[str]]:
    """The wording after label unit i: (pieces, title, index where the wording stopped, wrapped
    lines of the label's addressees)."""
    first = units[i]
    pieces = [lab.rest] if lab.rest else []
    title = lab.title
    if pieces and first.kind != "cell" and _titled_label(units, i, end, lab, starts):
        # "Recommendation 2: Cabinet Office leadership for ..." over its wording
        pieces, title = [], join_lines(lab.rest)
    bold_box = first.kind == "heading" and not lab.rest  # a boxed "Recommendation N", set as a heading
    bold_lead = first.bold and first.kind != "cell" and bool(lab.rest)  # "Recommendation 8. Support ..."
    body_units: list[Unit] = []
    extra_actors: list[str] = []
    size = len(lab.rest)
    # a label printed on a shaded box with its wording: the wording is what the box holds (a label
    # on a band of its own, the wording under it on the page, is not such a box)
    box = first.shade if first.kind != "cell" else ""
    after = next((u for u in units[i + 1 : end] if not is_furniture(u)), None)
    if box and (after is None or after.shade != box):
        box = ""
    j = i + 1
    while j < end:
        u = units[j]
        if (
            is_furniture(u)
            or ((u.kind == "cell" or len(u.text) < 40) and is_header(u))
            or (u.kind == "paragraph" and not u.bold and j not in starts and u.text.strip().lower() in heads)
        ):
            j += 1  # page furniture and running heads (a page break inside the wording)
            continue
        if j in starts or starts_field(units, j):
            break
        if box and u.kind != "cell" and u.shade != box and (pieces or u.kind != "heading"):
            break  # the shaded box that holds the label and its wording has ended: the response follows
        if u.kind != "cell" and (_other_label(u.text) or _other_label(_PARA_LEAD.sub("", u.text, count=1))):
            break  # "Finding 8. ...", "Conclusion 14. ...", "2: Committee conclusion: ...": another kind
        if (
            pieces
            and u.kind != "cell"
            and not u.bold
            and not (u.marker and not u.marker[0].isdigit())  # "(a) Support ...": a sub-point
            and answers(_PARA_LEAD.sub("", u.text, count=1))
        ):
            break  # "1.1 The government agrees with the Committee's recommendation.": the answer
        if _section_heading(u):
            break  # "III. Inter-agency coordination ..." printed as a paragraph, or a long "Annex ..." heading
        if (
            first.kind == "cell"
            and u.kind == "cell"
            and u.table == first.table
            and u.row == first.row
            and u.col != first.col
        ):
            j += 1  # other columns of the label's row (priority, status) are not wording
            continue
        if u.kind == "heading" and pieces and _continues(pieces[-1], u):
            pass  # the last line of a bold paragraph taken for a heading ("policies as well as ...")
        elif u.kind == "heading" and not _SUB_MARK.match(u.marker or "-x-"):
            words = len(u.text.split())
            if not pieces and not title and is_title(u.text):
                title = join_lines(u.text)  # "Recommendation 1" / "Improved planning and coordination"
                j += 1
                continue
            if words <= 15 and (pieces or title or not u.text.rstrip().endswith((".", ";"))):
                break  # a short heading after the wording; a sentence right under the label is its wording
        num = paragraph_number(u)
        if num is not None and u.kind != "cell" and pieces and not pieces[-1].rstrip().endswith(":"):
            break  # the next numbered paragraph of the body text: a boxed recommendation has ended
        if bold_lead and all(b.bold for b in body_units) and not u.bold and _foreign_number(u, lab.number):
            break  # a bold recommendation printed in the body, then the next numbered paragraph ("5.3.")
        if (
            bold_box
            and body_units
            and all(b.bold or b.kind == "heading" for b in body_units)
            and not u.bold
            and u.kind not in ("cell", "heading")
            and pieces[-1].rstrip().endswith((".", "!", "?"))
            and not _response_follows(units, j, end, starts)
        ):
            break  # the box was bold, this is not (and no response closes the box further on)
        if (
            lab.actors
            and not pieces
            and not lab.rest
            and u.text[:1].islower()
            and len(u.text.split()) <= 6
            and not u.text.rstrip().endswith(".")
        ):
            extra_actors.append(u.text)  # "For the programme" / "secretariat and SOM": the label wrapped
            j += 1
            continue
        pieces.append(wording(u))
        body_units.append(u)
        size += len(u.full)
        if size > _MAX_CHARS:
            break
        j += 1
    return pieces, title, j, extra_actors


def _titled_label(units: list[Unit], i: int, end: int, lab: Label, starts: set[int]) -> bool:
    """Whether what follows the label on its line is the recommendation's title: a line of its own,
    short and capitalised with no full stop, over wording that begins a sentence of its own
    ("Recommendation 2: Cabinet Office leadership for whole-system civil emergencies" / "The UK
    government should: ..."). A short recommendation followed by the next label is wording."""
    if not is_title(lab.rest) or units[i].text.rstrip().endswith((".", ";", ":")):
        return False
    j = i + 1
    while j < end and is_furniture(units[j]):
        j += 1
    if j >= end or j in starts:
        return False
    nxt = units[j]
    text = _PARA_LEAD.sub("", nxt.text, count=1)
    return (
        nxt.kind in ("paragraph", "list_item")
        and nxt.block != units[i].block
        and text[:1].isupper()
        and len(text.split()) >= 4
        and not answers(text)
    )


_DECIMAL = re.compile(r"^(\d{1,2})\.\d{1,2}\.?$")


# a paragraph number before an answer or another box's label ("1.1 The government agrees ...",
# "2: Committee conclusion: ...")
_PARA_LEAD = re.compile(r"^\(?\d{1,3}(?:\.\d{1,2})?[.:)]?\s+")


def _answer(units: list[Unit], start: int, end: int) -> ManagementResponse | None:
    """The response printed as numbered paragraphs after the wording, without their numbers, up to
    the next field or heading."""
    parts = []
    for k in range(start, end):
        u = units[k]
        if k > start and (
            u.kind == "heading" or starts_field(units, k) or _other_label(_PARA_LEAD.sub("", u.text, count=1))
        ):
            break
        if not is_furniture(u):
            parts.append(_PARA_LEAD.sub("", u.text, count=1))
    return make_response("\n\n".join(parts)) if parts else None


def _foreign_number(unit: Unit, number: str) -> bool:
    """Whether a unit is marked by a decimal paragraph number of another series than the
    recommendation's own sub-points ("5.3." after recommendation 8; "8.1" would be its own)."""
    m = _DECIMAL.match(unit.marker or "")
    return m is not None and m.group(1) != number.split(".")[0]


def _other_label(text: str) -> bool:
    """A label of another part of a report ("Finding 8.", "Conclusion 14:"; the words are
    ``[recommendations] other_sections``) at the start of a text."""
    words = vocab.current().pattern("recommendations", "other_sections")
    m = _other_labels(words).match(text)
    return m is not None and m.group("r") is None and bool(m.group("sep"))


@cache
def _other_labels(words: str) -> re.Pattern[str]:
    return label_pattern(words)


def _response_follows(units: list[Unit], j: int, end: int, starts: set[int], window: int = 4) -> bool:
    """Whether a management response field comes within a few paragraphs of unit j, before any
    heading, label or numbered paragraph: the box's statement runs on to it."""
    for k in range(j, min(end, j + window)):
        u = units[k]
        if k in starts or paragraph_number(u) is not None:
            return False
        if starts_field(units, k):
            return bool(MR_MARK.match(u.text))
        if u.kind == "heading":
            return False
    return False


def _section_heading(u: Unit) -> bool:
    return (
        u.kind != "cell"
        and bool(_SECTION.match(u.full))
        and (len(u.text.split()) <= 15 or u.kind == "heading")
        and not u.text.rstrip().endswith(".")
    )


def _listing_header(blocks: tuple[Block, ...], u: Unit) -> bool:
    """Whether the unit is in the heading row of a table listing recommendations with their
    addressees ("No. | Recommendation | Addressed to | Priority")."""
    block = blocks[u.table] if u.table is not None and u.table < len(blocks) else None
    if block is None or block.kind != BlockKind.TABLE or u.row is None or u.row >= len(block.rows):
        return False
    cols = column_header([join_lines(c.text) for c in block.rows[u.row]])
    return cols is not None and "who" in cols


def _continues(previous: str, unit: Unit) -> bool:
    """Whether a line goes on with the sentence before it (lower-case or bracketed start, no marker)."""
    first = unit.text[:1]
    return (
        not unit.marker
        and not previous.rstrip().endswith((".", "!", "?", ":"))
        and (first.islower() or first in "([\u2018\u201c" or unit.text.rstrip().endswith("."))
    )


def _tail(units: list[Unit], j: int, end: int, blocks: tuple[Block, ...], own_table: int | None = None):
    """Addressees, management response and key actions printed after the wording.

    The stretch ends at a section heading ("Annex 1. Recommendations ...") and at another table
    that lists the recommendations with their addressees: its "Addressed to" column belongs to
    all of them, not to the last one (``from_column_tables`` reads it).
    """
    actors: list[str] = []
    response_parts: list[str] = []
    mode = ""
    actor_col: int | None = None
    action_rows: list[tuple[int, int]] = []
    head_at = (-1, -1)
    k = j
    while k < end:
        u = units[k]
        stop = starts_field(units, k)
        k += 1
        if is_furniture(u):
            continue
        if _section_heading(u) or (
            u.table is not None and u.table != own_table and _listing_header(blocks, u)
        ):
            break
        if u.kind == "cell" and u.col is not None and u.col > 0 and mode == "actors" and u.col != actor_col:
            continue
        am = ACTORS_MARK.match(u.text)
        if am and stop:
            mode, actor_col = "actors", u.col
            if am.group("rest").strip():
                actors.append(am.group("rest").strip())
            continue
        mm = MR_MARK.match(u.text)
        if not mm and not response_parts and stop:
            inner = _INNER_MR.search(u.text)  # "Responsible unit(s): X Management response - ...": two
            if inner:  # fields printed as one block
                mm = MR_MARK.match(u.text[inner.start() :])
        if mm and stop and not response_parts:
            mode = "response"
            rest = mm.group("rest").strip()
            if rest:
                response_parts.append(rest)
            continue
        if mode == "actors" and re.match(r"^priority", u.text, re.I):
            continue
        if stop or is_header(u) or u.kind == "heading":
            if ACTION_HEAD.match(u.text) and u.kind == "cell" and filled_cells(blocks, u) >= 2:
                mode, head_at = "actions", (u.block, u.row or 0)  # the heading row of a key-action table
                continue
            if u.kind == "cell" and re.match(r"^action\s+to\s+respond", u.text, re.I):
                mode = "actions"
                action_rows.append((u.block, u.row or 0))
                continue
            mode = "" if mode != "actions" else mode
            continue
        if mode == "actors":
            if re.fullmatch(r"[\d\s\-\u2013(),to]+", u.text):
                continue  # a priority level printed in the next column
            actors.append(u.full)
        elif mode == "response":
            if _GROUP.match(u.text) and len(u.text.split()) <= 12 and not u.text.rstrip().endswith("."):
                continue  # a group heading ("Area 3. Evaluation policy implementation") printed mid-page
            if len(" ".join(response_parts)) < MAX_RESPONSE:
                response_parts.append(("\n" if u.gap else "") + u.full)
        elif mode == "actions" and u.kind == "cell":
            key = (u.block, u.row or 0)
            if key not in action_rows and (key[0] != head_at[0] or key[1] > head_at[1]):
                action_rows.append(key)
    actors_raw = join_addressee_lines(actors)
    response = make_response("\n".join(response_parts)) if response_parts else None
    return actors_raw, response, key_actions(action_rows, blocks)


def filled_cells(blocks: tuple[Block, ...], unit: Unit) -> int:
    """How many cells of the unit's table row hold text."""
    block = blocks[unit.block]
    if block.kind != BlockKind.TABLE or unit.row is None or unit.row >= len(block.rows):
        return 0
    return sum(1 for c in block.rows[unit.row] if c.text.strip())


def key_actions(rows: list[tuple[int, int]], blocks: tuple[Block, ...]) -> list[tuple[tuple[str, str], ...]]:
    """Key-action rows as (column heading, value) pairs; a row that only continues the wrapped lines
    of the action above (it starts in lower case) is merged into it."""
    out: list[dict[str, str]] = []
    for b, r in rows:
        block = blocks[b]
        if block.kind != BlockKind.TABLE or r >= len(block.rows):
            continue
        header = _header_row(block, r)
        action: dict[str, str] = {}
        for c, cell in enumerate(block.rows[r]):
            value = join_lines(cell.text)
            if not value:
                continue
            name = (
                next((header[k] for k in range(min(c, len(header) - 1), -1, -1) if header[k]), "")
                or f"column {c + 1}"
            )
            action[name] = join_lines(action[name] + "\n" + value) if name in action else value
        if not action:
            continue
        first = next(iter(action.values()))
        if _GROUP.match(first) or (ACTION_HEAD.match(first) and len(first) < 40):
            continue  # a group heading ("Area 2. ...") or the heading row itself
        if out and first[:1].islower():
            for name, value in action.items():
                out[-1][name] = join_lines(out[-1][name] + "\n" + value) if name in out[-1] else value
        else:
            out.append(action)
    return [tuple(a.items()) for a in out]


def _header_row(block: Block, before: int) -> list[str]:
    """The nearest key-action heading row above row ``before``."""
    for row in reversed(block.rows[:before]):
        texts = [join_lines(c.text) for c in row]
        first = next((t for t in texts if t), "")
        if ACTION_HEAD.match(first):
            return texts
    return []
