"""Plain typed records that flow one way: extract -> parse -> tag -> export/diff.

Blocks are the neutral output of every extractor; the record types mirror
``../shared/SCHEMA.md`` (the output contract), so their field names are fixed.
Every record is a frozen dataclass with tuples for lists, so outputs are
hashable and deterministic.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = "1.3"


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"


class DocType(StrEnum):
    CONCEPT_NOTE = "concept_note"
    EVALUATION_REPORT = "evaluation_report"
    MANAGEMENT_RESPONSE = "management_response"
    MEETING_REPORT = "meeting_report"
    AGENDA = "agenda"
    OTHER = "other"


class Status(StrEnum):
    OK = "ok"
    PARTIAL = "partial"
    FAILED = "failed"
    SKIPPED = "skipped"


class Reason(StrEnum):
    """Why a file produced no record. Stable codes: they appear in failures.csv."""

    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    EMPTY = "empty"
    SCANNED_NO_TEXT = "scanned_no_text"
    UNSUPPORTED_FORMAT = "unsupported_format"
    MISLABELLED = "mislabelled"
    TOO_LARGE = "too_large"
    TIMEOUT = "timeout"
    UNREADABLE = "unreadable"
    INTERNAL = "internal"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a block or record came from.

    PDF: ``page`` (1-based) and ``bbox`` (x0, top, x1, bottom in points).
    DOCX: ``block`` is the body-order index of the paragraph or table; ``table`` the table index.
    Text: ``line`` is the 1-based line number.
    ``rule`` names the recogniser that made a record from these blocks ("recommendations.labels",
    "agenda.programme"), so that a wrong record can be traced to the strategy that produced it.
    """

    source_file: str
    page: int | None = None
    block: int | None = None
    table: int | None = None
    row: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    extractor: str = ""
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in ("source_file", "page", "block", "table", "row", "line")}
        out["bbox"] = list(self.bbox) if self.bbox is not None else None
        out["extractor"] = self.extractor
        out["rule"] = self.rule or None
        return {k: v for k, v in out.items() if v is not None}

    def by(self, rule: str) -> Provenance:
        """This provenance, naming the recogniser that made a record from it."""
        return dataclasses.replace(self, rule=rule)


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell. ``text`` keeps in-cell line breaks as ``\\n``.

    ``bold`` is True when the whole cell is bold, ``bold_prefix`` is the leading bold run
    (e.g. "Coffee Break" in "Coffee Break– Lounge"), when the extractor knows it. ``page`` is the
    page the cell's text starts on (PDF), which differs from its table's first page when the table
    runs over a page break.
    """

    text: str
    bold: bool = False
    bold_prefix: str = ""
    colspan: int = 1
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of the neutral stream every extractor produces.

    - heading: ``text`` and ``level`` (1 = top); ``marker`` is the printed or Word-computed number.
    - paragraph: ``text`` with line breaks joined and end-of-line hyphenation undone.
    - list_item: ``text`` without its bullet; ``marker`` is the bullet or number as a reader sees
      it ("•", "1.", "(a)"), ``level`` the nesting depth (0 = top).
    - table: ``rows`` of ``Cell``; ``text`` is the rows joined with tabs and newlines.
    ``bold`` tells whether the whole block is bold (a heading cue in many real documents);
    ``italic`` whether it is all italic, ``colour`` the colour most of its text is printed in
    ("#rrggbb", "" when unknown or black). ``marker_size`` is the type size of a marker printed
    much larger than its text (a graphic digit), None otherwise. ``shade`` is the colour of the
    filled box the block is printed on ("#rrggbb"; "" on the page's ground): a boxed statement.
    """

    kind: BlockKind
    text: str
    provenance: Provenance
    level: int = 0
    marker: str = ""
    bold: bool = False
    font_size: float | None = None
    style: str = ""
    rows: tuple[tuple[Cell, ...], ...] = ()
    italic: bool = False
    colour: str = ""
    marker_size: float | None = None
    shade: str = ""

    @property
    def page(self) -> int | None:
        return self.provenance.page

    def row_provenance(self, row: int | None) -> Provenance:
        """Provenance of one table row: its own page when the table runs over a page break.

        The block's box belongs to its first page, so a row on a later page carries no box.
        """
        if row is None:
            return dataclasses.replace(self.provenance, row=None)
        page = (
            next((c.page for c in self.rows[row] if c.page is not None), None)
            if row < len(self.rows)
            else None
        )
        if page is None or page == self.provenance.page:
            return dataclasses.replace(self.provenance, row=row)
        return dataclasses.replace(self.provenance, row=row, page=page, bbox=None)

    def row_texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    role: str = ""
    organisation: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "organisation": self.organisation}


@dataclass(frozen=True, slots=True)
class Evidence:
    """A matched term and its character offsets in the record's text."""

    term: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"term": self.term, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class TopicTag:
    id: str
    label: str
    score: float
    evidence: tuple[Evidence, ...] = ()
    taxonomy: str = "default"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "score": round(self.score, 4),
            "taxonomy": self.taxonomy,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Actor:
    """An addressee. ``id`` is the registry key ("" when unregistered); ``matched_as`` the surface form."""

    name: str
    id: str = ""
    kind: str = ""
    matched_as: str = ""
    registered: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "id": self.id,
            "kind": self.kind,
            "matched_as": self.matched_as,
            "registered": self.registered,
        }


@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    label: str
    start: int
    end: int
    normalized: str = ""
    attrs: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "label": self.label, "start": self.start, "end": self.end}
        if self.normalized:
            out["normalized"] = self.normalized
        if self.attrs:
            out["attrs"] = dict(self.attrs)
        return out


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    level: int
    text: str
    provenance: Provenance
    number: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "heading": self.heading,
            "level": self.level,
            "text": self.text,
            "provenance": self.provenance.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Objective:
    text: str
    provenance: Provenance
    topics: tuple[TopicTag, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "topics": [t.to_dict() for t in self.topics],
            "provenance": self.provenance.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class AgendaItem:
    title: str
    provenance: Provenance
    date: str | None = None
    start: str | None = None
    end: str | None = None
    number: str | None = None
    description: str = ""
    speakers: tuple[Speaker, ...] = ()
    session: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "start": self.start,
            "end": self.end,
            "number": self.number,
            "title": self.title,
            "description": self.description,
            "session": self.session,
            "speakers": [s.to_dict() for s in self.speakers],
            "provenance": self.provenance.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class KeyAction:
    """One action promised in answer to a recommendation, read from a row of its key-action table.

    ``due`` is the time frame as an ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) where it names
    one; ``status_category`` the printed status normalised to implemented / in progress /
    not started / outside remit ("" when none is printed or it says something else)."""

    text: str
    responsible: str = ""
    actors: tuple[Actor, ...] = ()
    time_frame: str = ""
    due: str | None = None
    status: str = ""
    status_category: str = ""
    comments: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "responsible": self.responsible,
            "actors": [a.to_dict() for a in self.actors],
            "time_frame": self.time_frame,
            "due": self.due,
            "status": self.status,
            "status_category": self.status_category,
            "comments": self.comments,
        }


@dataclass(frozen=True, slots=True)
class ManagementResponse:
    """The response to one recommendation: a normalised category, the whole text as printed, and
    its key actions (``key_actions`` as printed, column by column; ``actions`` as records)."""

    category: str  # "accepted" | "partially accepted" | "rejected" | "noted" | ""
    text: str = ""
    responder: str = ""
    key_actions: tuple[tuple[tuple[str, str], ...], ...] = ()  # each action is a tuple of (column, value)
    actions: tuple[KeyAction, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "text": self.text,
            "responder": self.responder,
            "key_actions": [dict(a) for a in self.key_actions],
            "actions": [a.to_dict() for a in self.actions],
        }


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One recommendation. ``status`` is its implementation status as the document prints it
    beside the wording ("Completed to planned scope in 2023."); ``status_category`` that status
    normalised to implemented / in progress / not started / outside remit, or, where none is
    printed, the status of its key actions taken together ("" when neither says)."""

    number: str
    text: str
    provenance: Provenance
    label: str = ""
    title: str = ""
    group: str = ""
    actors_raw: str = ""
    actors: tuple[Actor, ...] = ()
    management_response: ManagementResponse | None = None
    topics: tuple[TopicTag, ...] = ()
    entities: tuple[Entity, ...] = ()
    status: str = ""
    status_category: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "label": self.label,
            "title": self.title,
            "group": self.group,
            "actors_raw": self.actors_raw,
            "actors": [a.to_dict() for a in self.actors],
            "text": self.text,
            "management_response": self.management_response.to_dict() if self.management_response else None,
            "status": self.status,
            "status_category": self.status_category,
            "topics": [t.to_dict() for t in self.topics],
            "entities": [e.to_dict() for e in self.entities],
            "provenance": self.provenance.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Decision:
    """One operative paragraph of a resolution, decision or set of agreed conclusions ("3. Requests
    the Secretary-General ..."): what a body decides, as printed, so that next year's version of the
    same text can be compared paragraph by paragraph.

    ``number`` is the paragraph's number as printed ("" for an unnumbered paragraph); ``text`` its
    wording without the number; ``verb`` the operative verb that opens it ("Requests", "Also
    decides"). ``instrument`` names what the paragraph belongs to ("draft resolution", "decision",
    "agreed conclusions", "" when not printed), ``instrument_number`` its printed number
    ("2025/3", "53/61", "I"), ``instrument_title`` its title, ``body`` the body that speaks
    ("General Assembly", "Executive Board"). ``actors`` are the ones it addresses."""

    number: str
    text: str
    provenance: Provenance
    verb: str = ""
    instrument: str = ""
    instrument_number: str = ""
    instrument_title: str = ""
    body: str = ""
    actors: tuple[Actor, ...] = ()
    topics: tuple[TopicTag, ...] = ()
    entities: tuple[Entity, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "verb": self.verb,
            "instrument": self.instrument,
            "instrument_number": self.instrument_number,
            "instrument_title": self.instrument_title,
            "body": self.body,
            "actors": [a.to_dict() for a in self.actors],
            "text": self.text,
            "topics": [t.to_dict() for t in self.topics],
            "entities": [e.to_dict() for e in self.entities],
            "provenance": self.provenance.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """Document-level metadata (the ``document`` object of SCHEMA.md)."""

    id: str
    source_file: str
    sha256: str
    format: str  # pdf | docx | txt | md
    doc_type: DocType = DocType.OTHER
    title: str = ""
    date: str | None = None
    issued: str | None = None
    meeting_start: str | None = None
    meeting_end: str | None = None
    meeting_name: str = ""
    meeting_number: str = ""
    symbol: str = ""
    organisation: str = ""
    venue: str = ""
    meeting_format: str = ""
    time_zone: str = ""
    language: str = "en"
    pages: int | None = None
    # Every file of a collection holding this document (the same text as PDF, DOCX and TXT, or a
    # copy), ``source_file`` first; written by the collection, absent from a record of one file.
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        out["doc_type"] = str(self.doc_type)
        if self.sources:
            out["sources"] = list(self.sources)
        else:
            del out["sources"]
        return out


@dataclass(frozen=True, slots=True)
class Document:
    info: DocumentInfo
    sections: tuple[Section, ...] = ()
    objectives: tuple[Objective, ...] = ()
    agenda_items: tuple[AgendaItem, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    entities: tuple[Entity, ...] = ()
    warnings: tuple[str, ...] = ()
    decisions: tuple[Decision, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "document": self.info.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "objectives": [o.to_dict() for o in self.objectives],
            "agenda_items": [a.to_dict() for a in self.agenda_items],
            "recommendations": [r.to_dict() for r in self.recommendations],
            "decisions": [d.to_dict() for d in self.decisions],
            "entities": [e.to_dict() for e in self.entities],
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True, slots=True)
class Failure:
    source_file: str
    reason: Reason
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"source_file": self.source_file, "reason": str(self.reason), "message": self.message}


@dataclass(frozen=True, slots=True)
class Result:
    """One per input file, whatever happened (docling's ConversionResult, cut down)."""

    source_file: str
    status: Status
    document: Document | None = None
    failure: Failure | None = None
    pages: int | None = None
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
