"""Document type from the cover's wording and the body's structure, never from the file name."""

from __future__ import annotations

import re

from ..models import DocType

_RULES: list[tuple[DocType, re.Pattern[str]]] = [
    (
        DocType.MANAGEMENT_RESPONSE,
        re.compile(
            r"management\s+response(?:\s+and\s+action\s+plan)?\s+matrix|"
            r"^\s*management\s+response\b|management\s+response\s+to\b",
            re.I | re.M,
        ),
    ),
    (
        DocType.AGENDA,
        re.compile(
            r"\b(?:provisional\s+)?(?:annotated\s+)?agenda\b(?!\s+item)|"
            r"^\s*(?:provisional\s+|draft\s+|final\s+|conference\s+)?program(?:me)?\b|"
            r"\bprogram(?:me)?\s+(?:of\s+(?:the\s+)?(?:meeting|conference|work|event)|at\s+a\s+glance)\b|"
            r"\btimetable\b|order\s+of\s+business",
            re.I | re.M,
        ),
    ),
    (
        DocType.CONCEPT_NOTE,
        re.compile(
            r"\bconcept\s+note\b|\bterms\s+of\s+reference\b|\binformation\s+note\b|"
            r"\baide[- ]m[ée]moire\b|guidelines\s+and\s+rules\s+of\s+procedure",
            re.I,
        ),
    ),
    (
        DocType.EVALUATION_REPORT,
        re.compile(
            r"\bevaluation\s+(?:report|brief|of)\b|"
            r"\b(?:final|mid-?term|independent|external|internal|thematic)\s+evaluation\b|"
            r"\b(?:independent|triennial|thematic|management)\s+review\b|\breview\s+of\b|"
            r"\bkey\s+(?:findings|recommendations)\b|\baudit\s+report\b|\binspection\b",
            re.I,
        ),
    ),
    (
        DocType.MEETING_REPORT,
        re.compile(
            r"\breport\s+of\s+the\b|\breport\s+on\s+the\b|\bsummary\s+record\b|"
            r"\bannual\s+report\b|\bproceedings\b|\bmeeting\s+report\b",
            re.I,
        ),
    ),
]


def classify(
    title: str, cover_text: str, n_recommendations: int, n_agenda_items: int, has_objectives: bool
) -> DocType:
    """Decide from the title first, then the cover, then what the body holds.

    Within a text the kind named first wins: a document announces what it is at the top
    ("Concept Note ... Provisional Programme" is a concept note with a programme in it).
    """
    for text in (title, cover_text):
        text = _FURNITURE.sub(" ", text or "")
        hits = sorted(
            (m.start(), order, kind) for order, (kind, rx) in enumerate(_RULES) if (m := rx.search(text))
        )
        if not hits:
            continue
        kinds = [kind for _, _, kind in hits]
        kind = kinds[0]
        if kind == DocType.AGENDA and text is not title and n_agenda_items == 0 and len(kinds) > 1:
            kind = kinds[1]
        if kind == DocType.EVALUATION_REPORT and DocType.MEETING_REPORT in kinds and n_recommendations == 0:
            return DocType.MEETING_REPORT
        return kind
    if n_recommendations:
        return DocType.EVALUATION_REPORT
    if n_agenda_items >= 3:
        return DocType.AGENDA
    if has_objectives:
        return DocType.CONCEPT_NOTE
    return DocType.OTHER


# Cover furniture that names kinds without being one: "Item 11 of the provisional agenda".
_FURNITURE = re.compile(r"item\s+\d+\s+of\s+the\s+(?:provisional\s+)?agenda\*?|agenda\s+item\s+\d+", re.I)
