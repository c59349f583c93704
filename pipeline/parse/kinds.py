"""What a document says it is: the kind phrases of ``[document]`` in config/vocabulary.toml.

A phrase of one word ("agenda", "review") names a kind only where it names the line: at its head,
after qualifiers and before nothing, punctuation, a connective or a qualifier ("Provisional agenda",
"Review of ...", "Review Highlights"), or at its tail ("Country Programme Evaluation"). Longer
phrases count anywhere. Publisher names are taken out first: a publisher is not a kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..models import DocType
from . import vocab

KIND_KEYS: tuple[tuple[DocType, str], ...] = (
    (DocType.MANAGEMENT_RESPONSE, "management_response"),
    (DocType.AGENDA, "agenda"),
    (DocType.CONCEPT_NOTE, "concept_note"),
    (DocType.EVALUATION_REPORT, "evaluation_report"),
    (DocType.MEETING_REPORT, "meeting_report"),
)
_WILD = r"\s+(?:[^\s]+\s+){0,3}?"  # "*" in a phrase: up to three words
_FOLLOWERS = r"(?:of|for|and|on|to|at|du|de|des)"
# An agenda item reference names the agenda a document is filed under, not the document's kind.
_AGENDA_REFERENCE = re.compile(
    r"\bitems?\s+\d+(?:\s*\([a-z]\)|[a-z])?(?:\s*(?:,|and)\s*\d+(?:\s*\([a-z]\))?)*\s+of\s+the\s+"
    r"(?:provisional\s+|preliminary\s+)?(?:annotated\s+)?agenda\*?|\bagenda\s+items?\s+\d+[a-z]?",
    re.I,
)


@dataclass(frozen=True, slots=True)
class KindHit:
    kind: DocType
    pos: int
    phrase: str


def _phrase_rx(p: str) -> str:
    parts = [vocab.phrase_pattern(x) for x in p.split("*")]
    return _WILD.join(x for x in parts if x)


@cache
def _compiled(
    table: tuple[tuple[DocType, tuple[str, ...]], ...], qualifiers: tuple[str, ...]
) -> tuple[tuple[DocType, re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None], ...]:
    qual = "|".join(vocab.phrase_pattern(q) for q in sorted(set(qualifiers), key=len, reverse=True))
    qual = qual or r"(?!x)x"
    out = []
    for kind, phrases in table:
        multi = [p for p in phrases if len(p.replace("*", " ").split()) > 1]
        single = [p for p in phrases if len(p.split()) == 1 and "*" not in p]
        anywhere = (
            re.compile(
                r"(?<![\w-])(?:"
                + "|".join(_phrase_rx(p) for p in sorted(multi, key=len, reverse=True))
                + r")(?![\w-])",
                re.I,
            )
            if multi
            else None
        )
        words = "|".join(vocab.phrase_pattern(p) for p in single)
        head = tail = None
        if words:
            head = re.compile(
                rf"^\W*(?:(?:{qual})\W+)*(?P<w>{words})(?=\s*$|\s*[,:;.\-–—(/]|\s+(?:{_FOLLOWERS}|{qual})\b)",
                re.I,
            )
            tail = re.compile(
                rf"(?<![\w-])(?P<w>{words})(?:\W+(?:{qual}|v?\d[\w.]*))*\W*$",
                re.I,
            )
        out.append((kind, anywhere or re.compile(r"(?!x)x"), head, tail))
    return tuple(out)


def _tables() -> tuple[tuple[tuple[DocType, tuple[str, ...]], ...], tuple[str, ...]]:
    v = vocab.current()
    return tuple((k, v.phrases("document", key)) for k, key in KIND_KEYS), v.phrases("document", "qualifiers")


def strip_publishers(text: str) -> str:
    """The line with publisher names ([organisations]) and agenda item references blanked out."""
    text = _AGENDA_REFERENCE.sub(lambda m: " " * len(m.group(0)), text)
    rx = _publishers(vocab.current().phrases("organisations", "names"))
    return rx.sub(lambda m: " " * len(m.group(0)), text) if rx else text


@cache
def _publishers(names: tuple[str, ...]) -> re.Pattern[str] | None:
    if not names:
        return None
    alt = "|".join(vocab.phrase_pattern(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(
        r"(?<![\w-])(?:" + alt + r")(?![\w-])"
    )  # case as printed: an acronym "AND" is not the word "and"


def kind_hits(text: str, lines: bool = True) -> list[KindHit]:
    """Every kind the text names, in order of position. With ``lines`` each line of the text is
    matched on its own (one-word kinds need a line's head or tail)."""
    table, qualifiers = _tables()
    compiled = _compiled(table, qualifiers)
    hits: list[KindHit] = []
    offset = 0
    for line in text.split("\n") if lines else [text]:
        clean = strip_publishers(line)
        for kind, anywhere, head, tail in compiled:
            found = [(m.start(), m.group(0)) for m in anywhere.finditer(clean)]
            for rx in (head, tail):
                m = rx.search(clean) if rx else None
                if m:
                    found.append((m.start("w"), m.group("w")))
            found = [(pos, phrase) for pos, phrase in found if not _names_event(clean, pos + len(phrase))]
            if found:
                pos, phrase = min(found)
                hits.append(KindHit(kind, offset + pos, phrase.strip()))
        offset += len(line) + 1
    # at one position the longer phrase names the kind: "Report on the recommendations of ..."
    return sorted(hits, key=lambda h: (h.pos, -len(h.phrase), [k for k, _ in KIND_KEYS].index(h.kind)))


def _names_event(text: str, end: int) -> bool:
    """The kind word is part of a meeting's name: "Evaluation Week", "Evaluation Conference"."""
    return bool(vocab.current().regex("document", "meetings", r"^[\s-]*(?:{})\b").match(text[end:]))


def first_kind(text: str) -> DocType | None:
    hits = kind_hits(text)
    return hits[0].kind if hits else None


def is_kind_only(line: str) -> bool:
    """A line that names only a kind ("CONCEPT NOTE", "TRAINING OUTLINE", "Review Highlights",
    "EVALUATION BRIEF"), perhaps with a publisher or a year: never a title. A form's name
    ("Management response matrix") is its title, so a line naming a form is not kind-only."""
    if not kind_hits(line):
        return False
    v = vocab.current()
    if _any_word(v.phrases("document", "forms"), line):
        return False
    rest = strip_publishers(line)
    table, qualifiers = _tables()
    words = [p for _, phrases in table for p in phrases if "*" not in p] + list(qualifiers)
    rx = _word_rx(tuple(sorted(set(words), key=len, reverse=True)))
    rest = rx.sub(" ", rest)
    rest = re.sub(r"\b(?:19|20)\d{2}\b|\b[vV]?\d+(?:\.\d+)*\b", " ", rest)
    return not re.search(r"\w", rest)


def _any_word(words: tuple[str, ...], text: str) -> bool:
    return bool(words) and bool(_word_rx(words).search(text))


@cache
def _word_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(vocab.phrase_pattern(w) for w in words)
    return re.compile(r"(?<![\w-])(?:" + alt + r")(?![\w-])", re.I)
