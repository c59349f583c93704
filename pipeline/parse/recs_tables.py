"""Annex tables "No. and actor(s) | Recommendation": a label cell ("Recommendation 1: For X and Y")
and a wording cell on each row.

A row broken by a page break comes back as a row with an empty label cell (in the same or the next
table) or as a lower-case paragraph right after the table; either is joined to the row above.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..models import Block, BlockKind, Recommendation
from ..textutil import join_lines
from .addressees import raw_actors
from .numbering import Marker, parse_marker, split_leading, top_level_run
from .recs_common import (
    FURNITURE,
    Label,
    Unit,
    label_regex,
    match_label,
    plausible_text,
    word_count,
)
from .responses import make_response


def from_label_tables(blocks: tuple[Block, ...]) -> list[Recommendation]:
    out: list[Recommendation] = []
    open_row = False  # the last thing read was a recommendation row that may continue
    for block in blocks:
        if block.kind != BlockKind.TABLE:
            text = block.text.strip()
            if not text or FURNITURE.match(text):
                continue
            if open_row and out and text[:1].islower() and not out[-1].text.endswith((".", "!", "?")):
                out[-1] = dataclasses.replace(out[-1], text=join_lines(out[-1].text + "\n" + text))
            open_row = False
            continue
        for r, row in enumerate(block.rows):
            cells = [c for c in row if c.text.strip()]
            if open_row and out and row and not row[0].text.strip() and cells:
                more = join_lines("\n".join(c.text for c in cells))
                out[-1] = dataclasses.replace(out[-1], text=join_lines(out[-1].text + "\n" + more))
                continue
            open_row = False
            if len(cells) < 2:
                continue
            lab = _label(join_lines(cells[0].text), block)
            if lab is None or lab.rest:
                continue  # the wording is in the label cell itself: a matrix, not an annex table
            text = join_lines("\n".join(c.text for c in cells[1:]))
            if not plausible_text(text):
                continue  # "Recommendation 1 | a | E | E": an overview of actions, not wording
            prov = block.row_provenance(r)
            out.append(
                Recommendation(
                    number=lab.number,
                    text=text,
                    provenance=prov,
                    label=lab.label,
                    actors_raw=lab.actors,
                    actors=raw_actors(lab.actors),
                )
            )
            open_row = True
    return out


def _label(text: str, block: Block) -> Label | None:
    if not label_regex().match(text):
        return None
    return match_label(Unit(text, "", "cell", block.provenance))


# ---- matrices with a "Recommendation" column --------------------------------------------------------

_REC_COL = re.compile(
    r"^(?:evaluation\s+|key\s+|main\s+)?recommendations?(?:\s*\(s\))?(?:\s+text)?"
    r"(?:\s+(?:and|&)\s+(?:the\s+)?recommending\s+[\w()]+)?\s*:?$",
    re.I,
)
_NUM_COL = re.compile(
    r"^(?:no\.?|#|n[°o]\.?|nr\.?|number|ref\.?|rec(?:ommendation)?\.?\s*(?:no\.?|#|number))$", re.I
)
_MR_COL = re.compile(
    r"^(?:management\s+)?response\b|^management\s+response|^accepted\b|^agree|^position\b", re.I
)  # "Position of the State under review": Supported / Noted
_WHO_COL = re.compile(
    r"^(?:addressee|addressed\s+to|actors?\b|recommendation\s+(?:addressed\s+)?to|directed\s+to)", re.I
)
_LEAD_NUM = re.compile(r"^\(?(?P<n>\d{1,3}(?:\.\d{1,3})?[a-z]?)[.)]?\s+(?P<rest>\S.*)$", re.S)


def from_column_tables(blocks: tuple[Block, ...]) -> list[Recommendation]:
    """Tables whose header row names a 'Recommendation' column (and maybe 'No.', 'Response',
    'Addressed to' columns); each later row is one recommendation."""
    out: list[Recommendation] = []
    weak: set[int] = set()  # rows whose wording alone would not pass for one (short, capitalised)
    cols: dict[str, int] | None = None
    for block in blocks:
        if block.kind != BlockKind.TABLE:
            continue
        for r, row in enumerate(block.rows):
            texts = [join_lines(c.text) for c in row]
            found = column_header(texts)
            if found is not None:
                cols = found
                continue
            if cols is None or cols["rec"] >= len(texts):
                continue
            if len(row) == 1 and len(cols) > 1:
                continue  # "Theme: A12 Acceptance of international norms" across the table: a group's name
            text = _without_fields(row[cols["rec"]].text)
            number = (
                texts[cols["num"]].strip().rstrip(".") if "num" in cols and cols["num"] < len(texts) else ""
            )
            if not text:
                continue
            if "num" in cols and not number and out and out[-1].provenance.table is not None:
                out[-1] = dataclasses.replace(out[-1], text=join_lines(out[-1].text + "\n" + text))
                continue  # the rest of a row split by a page break
            lab = label_regex().match(text)
            if lab and lab.group("rest").strip():
                number, text = number or lab.group("num"), lab.group("rest").strip()
            else:
                lead = _LEAD_NUM.match(text)
                if lead and not number:
                    number, text = lead.group("n"), lead.group("rest")
            if not plausible_text(text):
                if word_count(text) >= 2:
                    weak.add(len(out))  # kept only if the table's other rows vouch for it
                else:
                    continue
            number = number or str(len(out) + 1)
            actors = texts[cols["who"]] if "who" in cols and cols["who"] < len(texts) else ""
            response = make_response(row[cols["mr"]].text) if "mr" in cols and cols["mr"] < len(row) else None
            prov = block.row_provenance(r)
            out.append(
                Recommendation(
                    number=number,
                    text=text,
                    provenance=prov,
                    label=f"Recommendation {number}",
                    actors_raw=actors,
                    actors=raw_actors(actors),
                    management_response=response,
                )
            )
    # a long table of wordings vouches for its short rows ("Ratify ICRMW (Egypt)")
    sure = len(out) >= 10 and len(weak) <= 0.1 * len(out)
    return [rec for k, rec in enumerate(out) if sure or k not in weak]


_FIELD_LINE = re.compile(r"^[A-Z][\w ]{2,30}:\s+\S")


def _without_fields(cell: str) -> str:
    """The wording of a cell that goes on with labelled fields on lines of their own ("Source of
    position: A/HRC/28/15/Add.1 - Para. 3"): metadata about the recommendation, not its wording."""
    lines = cell.split("\n")
    for k in range(1, len(lines)):
        if _FIELD_LINE.match(lines[k].strip()):
            return join_lines("\n".join(lines[:k]))
    return join_lines(cell)


def column_header(texts: list[str]) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    for i, t in enumerate(texts):
        t = t.strip()
        if not t or len(t) > 60:
            continue
        if "rec" not in cols and _REC_COL.match(t):
            cols["rec"] = i
        elif "num" not in cols and _NUM_COL.match(t):
            cols["num"] = i
        elif "who" not in cols and _WHO_COL.match(t):
            cols["who"] = i
        elif "mr" not in cols and _MR_COL.match(t):
            cols["mr"] = i
    if "rec" not in cols or len([t for t in texts if t.strip()]) < 2:
        return None
    return cols


# ---- numbered rows inside a recommendations region ---------------------------------------------------


def from_region_tables(blocks: tuple[Block, ...], spans: list[tuple[int, int]]) -> list[Recommendation]:
    """Tables inside recommendations regions (``spans``: block index ranges) whose rows are
    numbered: "1 | wording | ..." or one cell "1. wording". A header row naming an addressee or
    response column gives those fields; a row with no number continues the row above (a row
    broken by a page)."""
    out: list[Recommendation] = []
    seen: set[int] = set()
    for b0, b1 in spans:
        for k in range(b0, b1):
            if k in seen or blocks[k].kind != BlockKind.TABLE:
                continue
            seen.add(k)
            out += _numbered_rows(blocks[k])
    return out


@dataclass
class _Row:
    index: int
    marker: Marker
    pieces: list[str]
    texts: list[str]


def _numbered_rows(block: Block) -> list[Recommendation]:
    cols: dict[str, int] = {}
    rows: list[_Row] = []
    for r, row in enumerate(block.rows):
        texts = [join_lines(c.text) for c in row]
        header = column_header(texts) or _who_header(texts)
        if header is not None and not rows:
            cols = header
            continue
        filled = [(c, t) for c, t in enumerate(texts) if t]
        if not filled:
            continue
        c0, first = filled[0]
        marker = parse_marker(first)
        if marker is not None and len(filled) >= 2:
            text = filled[1][1]
        else:
            lead = split_leading(first)
            marker, text = (lead[0], lead[1]) if lead else (None, "")
        if marker is None:
            if rows and c0 > 0:
                rows[-1].pieces.append(first)  # the rest of a row broken by a page
            continue
        rows.append(_Row(r, marker, [text], texts))
    run, _ = top_level_run([row.marker for row in rows])
    if len(run) < 2:
        return []
    out = []
    for k in run:
        found = rows[k]
        text = join_lines("\n".join(found.pieces))
        if not plausible_text(text):
            return []
        who = found.texts[cols["who"]] if "who" in cols and cols["who"] < len(found.texts) else ""
        mr = found.texts[cols["mr"]] if "mr" in cols and cols["mr"] < len(found.texts) else ""
        number = found.marker.number
        out.append(
            Recommendation(
                number=number,
                text=text,
                provenance=block.row_provenance(found.index).by("recommendations.region_table"),
                label=f"Recommendation {number}",
                actors_raw=who,
                actors=raw_actors(who),
                management_response=make_response(mr) if mr else None,
            )
        )
    return out


def _who_header(texts: list[str]) -> dict[str, int] | None:
    """A header row without a "Recommendation" column that still names an addressee column."""
    cols = {}
    for i, t in enumerate(texts):
        if t and len(t) <= 60 and _WHO_COL.match(t.strip()):
            cols["who"] = i
    return cols or None
