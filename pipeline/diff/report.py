"""Compare two documents: the ``DiffReport`` the writers render, and its JSON form."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..models import DocType, Document
from .align import CHANGE_ORDER, Change, Pair, align
from .items import Kind, items_of
from .matching import AlignOptions


@dataclass(frozen=True, slots=True)
class DocRef:
    """What a report says about one compared document."""

    label: str
    title: str = ""
    date: str = ""
    doc_type: str = ""
    source_file: str = ""
    document_id: str = ""

    @classmethod
    def of(cls, document: Document, label: str = "") -> DocRef:
        info = document.info
        return cls(
            label=label or info.source_file or info.id,
            title=info.title,
            date=info.date or info.issued or "",
            doc_type=str(info.doc_type),
            source_file=info.source_file,
            document_id=info.id,
        )

    def to_dict(self) -> dict[str, str]:
        return {
            k: getattr(self, k) for k in ("label", "title", "date", "doc_type", "source_file", "document_id")
        }


@dataclass(frozen=True, slots=True)
class DiffReport:
    old: DocRef
    new: DocRef
    sections: tuple[tuple[Kind, tuple[Pair, ...]], ...]
    options: AlignOptions = AlignOptions()

    def kinds(self) -> tuple[Kind, ...]:
        return tuple(k for k, _ in self.sections)

    def pairs(self, kind: Kind) -> tuple[Pair, ...]:
        return dict(self.sections)[kind]

    def counts(self, kind: Kind | None = None) -> dict[str, int]:
        """Pairs per change type (every type present, zero included), for one kind or all."""
        out = {str(c): 0 for c in CHANGE_ORDER}
        for k, pairs in self.sections:
            if kind is None or k == kind:
                for p in pairs:
                    out[str(p.change)] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "options": {"threshold": self.options.threshold, "ignore_case": self.options.ignore_case},
            "counts": {str(k): self.counts(k) for k in self.kinds()} | {"total": self.counts()},
            "changes": {str(k): [p.to_dict() for p in pairs] for k, pairs in self.sections},
        }


def compare(
    old: Document,
    new: Document,
    kinds: Iterable[Kind] = (Kind.RECOMMENDATIONS,),
    options: AlignOptions | dict | None = None,
    old_label: str = "",
    new_label: str = "",
) -> DiffReport:
    """Align each requested record kind of ``old`` against ``new``."""
    opts = AlignOptions.resolve(options)
    sections = []
    for k in kinds:
        pairs = align(items_of(old, k), items_of(new, k), opts)
        if k is Kind.RECOMMENDATIONS:
            pairs = unanswered(pairs, old, new)
        sections.append((k, tuple(pairs)))
    return DiffReport(DocRef.of(old, old_label), DocRef.of(new, new_label), tuple(sections), opts)


def unanswered(pairs: Iterable[Pair], old: Document, new: Document) -> list[Pair]:
    """Recommendations of an evaluation that its management response (the other side) leaves out
    are ``no response``, not ``removed`` or ``added``: the response did not drop them, it never
    answered them."""
    old_mr = old.info.doc_type == DocType.MANAGEMENT_RESPONSE
    new_mr = new.info.doc_type == DocType.MANAGEMENT_RESPONSE
    if old_mr == new_mr:
        return list(pairs)
    missing = Change.REMOVED if new_mr else Change.ADDED
    return [dataclasses.replace(p, change=Change.NO_RESPONSE) if p.change is missing else p for p in pairs]


def percent(similarity: float) -> str:
    """ "100%" only for identical wording; anything else rounds down, so 99.6% never shows as 100%."""
    if similarity >= 1.0:
        return "100%"
    return f"{math.floor(similarity * 1000) / 10:.1f}%"


KIND_TITLES = {
    Kind.RECOMMENDATIONS: "Recommendations",
    Kind.DECISIONS: "Decisions (operative paragraphs)",
    Kind.AGENDA: "Agenda items",
    Kind.OBJECTIVES: "Objectives",
}
CHANGE_HELP = {
    Change.UNCHANGED: "same wording (layout aside), number and place",
    Change.REWORDED: "wording changed",
    Change.UPDATED: "same wording; speakers, addressees, response, key actions or description changed",
    Change.RENUMBERED: "same wording, new number",
    Change.MOVED: "same wording, changed place (order, or time slot for agenda items)",
    Change.SPLIT: "one old item became several",
    Change.MERGED: "several old items became one",
    Change.ADDED: "only in the new version",
    Change.REMOVED: "only in the old version",
    Change.NO_RESPONSE: "a recommendation the management response (the other version) does not answer",
}
