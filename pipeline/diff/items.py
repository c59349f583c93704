"""The small adapter every record kind is turned into before alignment.

Alignment only needs a number, a text, the actors and topics, and (for agenda items) the slot in
the timetable; recommendations, agenda items and objectives all become ``Item``s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..models import AgendaItem, Document, Objective, Recommendation


class Kind(StrEnum):
    RECOMMENDATIONS = "recommendations"
    AGENDA = "agenda"
    OBJECTIVES = "objectives"


@dataclass(frozen=True, slots=True)
class Item:
    """One comparable record.

    ``position`` is the 0-based index in its list; ``number`` the printed number ("" if none);
    ``slot`` holds named scheduling fields (date, start, end, session) whose change means the
    item was moved in the timetable.
    """

    position: int
    number: str
    text: str
    actors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    slot: tuple[tuple[str, str], ...] = ()

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
        return out


def _unique(names: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n))


def from_recommendation(rec: Recommendation, position: int) -> Item:
    return Item(
        position=position,
        number=rec.number or "",
        text=rec.text,
        actors=_unique([a.name for a in rec.actors]),
        topics=_unique([t.id for t in rec.topics]),
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
    )


def from_objective(obj: Objective, position: int) -> Item:
    return Item(position=position, number="", text=obj.text, topics=_unique([t.id for t in obj.topics]))


def items_of(document: Document, kind: Kind) -> list[Item]:
    """The comparable items of one kind in document order."""
    if kind is Kind.RECOMMENDATIONS:
        return [from_recommendation(r, i) for i, r in enumerate(document.recommendations)]
    if kind is Kind.AGENDA:
        return [from_agenda_item(a, i) for i, a in enumerate(document.agenda_items)]
    return [from_objective(o, i) for i, o in enumerate(document.objectives)]
