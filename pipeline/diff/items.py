"""The small adapter every record kind is turned into before alignment.

Alignment only needs a number, a text, the actors and topics, and (for agenda items) the slot in
the timetable; recommendations, decisions (operative paragraphs), agenda items and objectives all
become ``Item``s. What an analyst
reads beside the wording (a recommendation's management response and key actions, an agenda
item's description) travels as ``details``: it does not decide the pairing, but a change in it
is a change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..models import (
    AgendaItem,
    Decision,
    Document,
    KeyAction,
    ManagementResponse,
    Objective,
    Recommendation,
)


class Kind(StrEnum):
    RECOMMENDATIONS = "recommendations"
    AGENDA = "agenda"
    OBJECTIVES = "objectives"
    DECISIONS = "decisions"


# The middle part of a record's ``record_id`` in the exported tables (export/columns.py).
RECORD_ID_PART = {
    Kind.RECOMMENDATIONS: "rec",
    Kind.AGENDA: "agenda",
    Kind.OBJECTIVES: "obj",
    Kind.DECISIONS: "dec",
}


def record_id(document_id: str, kind: Kind, item: Item) -> str:
    """The ``record_id`` the exported tables give this item: ``<document_id>:rec:3``."""
    return f"{document_id}:{RECORD_ID_PART[kind]}:{item.position + 1}" if document_id else ""


@dataclass(frozen=True, slots=True)
class Item:
    """One comparable record.

    ``position`` is the 0-based index in its list; ``number`` the printed number ("" if none);
    ``slot`` holds named scheduling fields (date, start, end, session) whose change means the
    item was moved in the timetable; ``details`` named texts compared beside the wording
    ("response", "response text", "key actions", "description").
    """

    position: int
    number: str
    text: str
    actors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    slot: tuple[tuple[str, str], ...] = ()
    details: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        return self.number or f"#{self.position + 1}"

    def to_dict(self) -> dict:
        out = {
            "position": self.position,
            "number": self.number,
            "text": self.text,
            "actors": list(self.actors),
            "topics": list(self.topics),
        }
        if self.slot:
            out["slot"] = dict(self.slot)
        if self.details:
            out["details"] = dict(self.details)
        return out


def _unique(names: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n))


def action_line(action: KeyAction) -> str:
    """One key action as one line: its text, then time frame, responsible units and status."""
    extra = [x for x in (action.time_frame, action.responsible, action.status) if x]
    return action.text + (f" ({'; '.join(extra)})" if extra else "")


def response_details(response: ManagementResponse | None) -> tuple[tuple[str, str], ...]:
    if response is None:
        return ()
    details = (
        ("response", response.category or "(no category)"),
        ("response text", response.text),
        ("key actions", "\n".join(action_line(a) for a in response.actions)),
    )
    return tuple((k, v) for k, v in details if v)


def from_recommendation(rec: Recommendation, position: int) -> Item:
    return Item(
        position=position,
        number=rec.number or "",
        text=rec.text,
        actors=_unique([a.name for a in rec.actors]),
        topics=_unique([t.id for t in rec.topics]),
        details=response_details(rec.management_response),
    )


def from_agenda_item(item: AgendaItem, position: int) -> Item:
    slot = tuple(
        (name, value)
        for name, value in (
            ("date", item.date),
            ("start", item.start),
            ("end", item.end),
            ("session", item.session),
        )
        if value
    )
    return Item(
        position=position,
        number=item.number or "",
        text=item.title,
        actors=_unique([s.name for s in item.speakers]),
        slot=slot,
        details=(("description", item.description),) if item.description else (),
    )


def from_objective(obj: Objective, position: int) -> Item:
    return Item(position=position, number="", text=obj.text, topics=_unique([t.id for t in obj.topics]))


def decision_number(decision: Decision, several: bool) -> str:
    """A paragraph's number, qualified by its instrument's ("2025/3 \u00b64") where the document
    holds several instruments, whose paragraphs are each numbered from 1."""
    if several and decision.instrument_number and decision.number:
        return f"{decision.instrument_number} \u00b6{decision.number}"
    return decision.number


def from_decision(decision: Decision, position: int, several: bool = False) -> Item:
    return Item(
        position=position,
        number=decision_number(decision, several),
        text=decision.text,
        actors=_unique([a.name for a in decision.actors]),
        topics=_unique([t.id for t in decision.topics]),
    )


def several_instruments(document: Document) -> bool:
    return len({(d.instrument, d.instrument_number, d.instrument_title) for d in document.decisions}) > 1


def items_of(document: Document, kind: Kind) -> list[Item]:
    """The comparable items of one kind in document order."""
    if kind is Kind.RECOMMENDATIONS:
        return [from_recommendation(r, i) for i, r in enumerate(document.recommendations)]
    if kind is Kind.DECISIONS:
        several = several_instruments(document)
        return [from_decision(d, i, several) for i, d in enumerate(document.decisions)]
    if kind is Kind.AGENDA:
        return [from_agenda_item(a, i) for i, a in enumerate(document.agenda_items)]
    return [from_objective(o, i) for i, o in enumerate(document.objectives)]
