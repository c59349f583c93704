"""Numbered recommendations listed under a heading: a "KEY RECOMMENDATIONS" box ("1." ... "7."),
or groups "EVALUATION RECOMMENDATION A - COMMUNICATION" whose numbering restarts ("A.1", "B.2"),
with the group's "Recommendation to:" addressees and "Recommendation N accepted" responses."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from ..models import Block, ManagementResponse, Recommendation
from ..textutil import join_lines
from .addressees import clean_addressee_line, join_addressee_lines, raw_actors
from .recs_common import (
    ACTORS_MARK,
    MR_MARK,
    Unit,
    assemble,
    clean_response,
    is_furniture,
    is_header,
    make_response,
    plausible_text,
    response_category,
    starts_field,
    wording,
)
from .recs_labelled import ACTION_HEAD, filled_cells, key_actions

_GROUP_HEAD = re.compile(
    r"^(?i:(?:evaluation\s+)?recommendations?)\s+(?P<g>[A-Z])\s*[-\u2013\u2014:.]\s*(?P<title>\S.*)$", re.S
)
_LETTER_GROUP = re.compile(r"^(?P<g>[A-Z])\s*[-\u2013\u2014.:]\s+(?P<title>[A-Z][^a-z]{3,90})$", re.S)
_REC_HEAD = re.compile(
    r"^(?:(?:[IVXLC]{1,5}|\d{1,2}(?:\.\d{1,2})*|[A-H])[.)]?\s+)?"
    r"(?:key\s+|main\s+|major\s+|summary\s+of\s+(?:the\s+)?|list\s+of\s+)?recommendations"
    r"(?:\s+of\s+the\s+(?:evaluation|review|report|evaluators?))?\s*:?$",
    re.I,
)
_TOP = re.compile(r"^(?P<n>\d{1,2})[.)]$")
_TOP_TEXT = re.compile(r"^(?P<n>\d{1,2})[.)]\s+(?P<rest>\S.*)$", re.S)
_SUB_TEXT = re.compile(r"^(?:\(?[a-z]{1,4}[.)]|\(\w{1,4}\))\s+\S")
_TOC_LINE = re.compile(r"(?:\.\s?){3,}\s*\d*\s*$|\u2026\s*\d*\s*$|[A-Za-z]\s+\d{1,3}$")
_GROUP_MR = re.compile(
    r"^recommendations?\s*(?P<n>\d{1,2})?\s+(?P<verb>(?:fully\s+|partially\s+|not\s+)?"
    r"(?:accepted|rejected|agreed|noted)|partially\s+accepted)\b[:.]?\s*(?P<rest>.*)$",
    re.I | re.S,
)


@dataclass
class _Item:
    number: str
    group: str
    unit: Unit
    pieces: list[str] = field(default_factory=list)


@dataclass
class _Group:
    letter: str
    title: str
    items: list[_Item] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    responses: dict[str, ManagementResponse] = field(default_factory=dict)
    response_all: ManagementResponse | None = None
    action_rows: list[tuple[int, int]] = field(default_factory=list)


def from_groups(units: list[Unit], blocks: tuple[Block, ...] = ()) -> list[Recommendation]:
    """Matrices whose recommendations sit in lettered groups headed 'Evaluation recommendation A - ...'."""
    heads = [
        i for i, u in enumerate(units) if _GROUP_HEAD.match(join_lines(u.text)) and u.kind != "list_item"
    ]
    if len(heads) < 2:
        return []
    return _walk(units, heads[0], strict_groups=True, blocks=blocks)


def from_lists(units: list[Unit]) -> list[Recommendation]:
    """Numbered items under a 'Recommendations' heading; the longest such list wins."""
    best: list[Recommendation] = []
    for i, u in enumerate(units):
        if u.kind == "list_item" or len(u.text) > 80 or not _REC_HEAD.match(join_lines(u.full)):
            continue
        recs = _walk(units, i + 1, strict_groups=False)
        if len(recs) >= len(best) and recs:
            best = recs
    return best


def _top_number(u: Unit) -> tuple[str, str] | None:
    if u.marker:
        m = _TOP.match(u.marker)
        return (m.group("n"), u.text) if m and u.level == 0 else None
    m = _TOP_TEXT.match(u.text)
    if m:
        return m.group("n"), m.group("rest")
    m = _TOP.match(u.text.strip())
    return (m.group("n"), "") if m else None


def _walk(
    units: list[Unit], start: int, strict_groups: bool, blocks: tuple[Block, ...] = ()
) -> list[Recommendation]:
    groups: list[_Group] = [_Group("", "")]
    mode = "items"  # items | actors | response | actions | after
    head_at = (-1, -1)
    loose = 0  # units seen since the list's last item that did not belong to it
    i = start
    while i < len(units):
        u = units[i]
        i += 1
        if blocks and u.kind == "cell" and ACTION_HEAD.match(u.text) and filled_cells(blocks, u) >= 2:
            mode, head_at = "actions", (u.block, u.row or 0)  # the group's key-action table
            continue
        if is_furniture(u) or is_header(u):
            continue
        text = join_lines(u.text)
        stop = starts_field(units, i - 1)
        gm = _GROUP_HEAD.match(text) or (None if strict_groups else _LETTER_GROUP.match(text))
        if gm and not u.marker:
            groups.append(_Group(gm.group("g"), gm.group("title").strip()))
            mode, loose = "items", 0
            continue
        if mode == "actions" and u.kind == "cell":
            key = (u.block, u.row or 0)
            if key not in groups[-1].action_rows and (key[0] != head_at[0] or key[1] > head_at[1]):
                groups[-1].action_rows.append(key)
            continue
        am = ACTORS_MARK.match(text)
        if am and stop:
            mode = "actors"
            if clean_addressee_line(am.group("rest")):
                groups[-1].actors.append(am.group("rest"))
            continue
        mm = MR_MARK.match(text)
        if mm and stop:
            mode = "response"
            rest = clean_response(mm.group("rest"))
            if rest:
                _add_response(groups[-1], rest)
            continue
        if stop:
            if not (mode == "actors" and re.match(r"^priority", text, re.I)):
                mode = "after"
            continue
        if mode == "actors":
            if re.fullmatch(r"[\d\s\-\u2013(),]+", text):
                continue  # the priority level printed beside the addressees
            if clean_addressee_line(u.full):
                groups[-1].actors.append(u.full)
            continue
        if mode == "response":
            if not re.fullmatch(r"[\d\s\-\u2013(),]+", text):
                _add_response(groups[-1], text)
            continue
        if u.kind == "heading" and not _top_number(u):
            if not strict_groups and not any(g.items for g in groups):
                return []
            if not strict_groups:
                break
            continue
        top = _top_number(u)
        if top and (mode in ("items", "after")) and (not strict_groups or groups[-1].letter):
            if mode == "after" and strict_groups:
                continue  # numbered key actions after a group's response
            groups[-1].items.append(_Item(top[0], groups[-1].letter, u, [top[1]] if top[1] else []))
            mode, loose = "items", 0
            continue
        items = groups[-1].items
        if mode == "items" and items:
            last = items[-1].pieces[-1].rstrip() if items[-1].pieces else ""
            sub = bool(u.marker) or bool(_SUB_TEXT.match(u.text))
            if sub or not last or not last.endswith((".", "!", "?")) or u.text[:1].islower():
                items[-1].pieces.append(wording(u))
                continue
            mode = "after"
        loose += 1
        if not any(g.items for g in groups) and loose > 6:
            return []
        if not strict_groups and any(g.items for g in groups) and loose > 2:
            break
    return _records(groups, blocks)


def _add_response(group: _Group, text: str) -> None:
    m = _GROUP_MR.match(text)
    if m:
        verb = m.group("verb")
        resp = ManagementResponse(category=response_category(verb), text=join_lines(text)[:300])
        if m.group("n"):
            group.responses[m.group("n")] = resp
        elif group.response_all is None:
            group.response_all = resp
        return
    if group.response_all is None and not group.responses:
        group.response_all = make_response(text)


def _records(groups: list[_Group], blocks: tuple[Block, ...] = ()) -> list[Recommendation]:
    seen: set[str] = set()
    restart = False
    for g in groups:
        nums = {it.number for it in g.items}
        if nums & seen and g.letter:
            restart = True
        seen |= nums
    if any(g.letter for g in groups if g.items) and all(g.letter for g in groups if g.items):
        firsts = [g.items[0].number for g in groups if g.items]
        restart = restart or (len(firsts) > 1 and all(n == "1" for n in firsts))
    out = []
    for g in groups:
        actors_raw = join_addressee_lines(g.actors)
        for it in g.items:
            text = assemble(it.pieces)
            if not plausible_text(text) or _TOC_LINE.search(text):
                continue  # codes, or a table-of-contents line ("5. Conclusions ........ 12")
            number = f"{g.letter}.{it.number}" if restart and g.letter else it.number
            group = f"{g.letter} - {join_lines(g.title)}" if g.letter else ""
            resp = g.responses.get(it.number) or (g.response_all if not g.responses else None)
            actions = key_actions(g.action_rows, blocks) if g.action_rows and blocks else []
            if resp is not None and actions:
                resp = dataclasses.replace(resp, key_actions=tuple(actions))
            out.append(
                Recommendation(
                    number=number,
                    text=text,
                    provenance=it.unit.provenance,
                    label=f"Recommendation {number}",
                    group=group,
                    actors_raw=actors_raw,
                    actors=raw_actors(actors_raw),
                    management_response=resp,
                )
            )
    return out
