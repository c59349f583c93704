"""Operative paragraphs of resolutions, decisions and agreed conclusions, as ``Decision`` records.

A resolution is found from its structure, not from any one publisher's phrases:

    Information from Non-Self-Governing Territories ...      title (a heading or a line above)
    The General Assembly,                                     the body that speaks: a short line
    Recalling its resolution 1970 (XVIII) ...                 preambular paragraphs (participles,
    Stressing the importance of ...                           adjectives: the body's reasons)
    1. Approves the chapter of the report ...                 operative paragraphs, numbered, each
    2. Reaffirms that ...                                     opening with a verb in the third
                                                              person present

The body's line starts an instrument only when an operative paragraph follows its preamble. The
verbs, the adverbs that may stand before them ("Also requests"), the preambular words and the names
of instruments are ``[decisions]`` in ``config/vocabulary.toml``. Once a numbered series has begun,
the next number continues it whatever its verb, so a verb missing from the list loses nothing.
Wrapped lines, page breaks and sub-items ("(a) ...") stay inside their paragraph; footnotes
printed between its lines are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Block, BlockKind, Decision, Provenance
from . import vocab
from .recs_common import assemble

RULE = "decisions.operative"

# "The General Assembly,", "The Executive Board", "The Meeting of States Parties,": a body's name of
# a few capitalised words (small words between them), alone on its line.
_BODY_LINE = re.compile(
    r"^(?:The\s+)(?P<body>(?-i:[A-Z])[\w\u2019'-]*(?:\s+(?:(?-i:[A-Z])[\w\u2019'-]*|of|and|on|for|the|to|in)){0,9})"
    r"\s*,?\s*$"
)
_NUMBERED = re.compile(r"^\(?(?P<n>\d{1,3}(?:\s*bis|\s*ter)?)[.)]\s+")
_MARKER_NUMBER = re.compile(r"^\(?(\d{1,3})[.)]?$")
_SUB_MARKER = re.compile(r"^\(?(?:[a-z]|[ivx]{1,4})[.)]$")
_FOOTNOTE = re.compile(
    r"^\d{1,2}/\s|^\d{1,2}\s+(?:(?-i:[A-Z]{1,5})/|See\b|To be\b|For the\b|Official Records\b)"
)
_FOOTNOTE_REF = re.compile(
    r"\s+\d{1,2}/(?=[\s;,.]|$)"
)  # "... of the Charter; 2/" (typewritten footnote calls)
_SEPARATOR = re.compile(r"^[\s_\-\u2013\u2014*=]{3,}$")
_CLAUSE_END = (".", ";", ":")
_MAX_PREAMBLE = 60  # blocks between the body's line and its first operative paragraph
_LOOK_BACK = 5  # blocks above the body's line searched for the instrument's name, number and title
_MAX_TITLE_WORDS = 40
_ING = re.compile(r"^(?-i:[A-Z])[a-z]+ing\b")
_SYMBOL = re.compile(r"^[A-Z][A-Z.]*(?:/[\w.()-]+)+$")  # a document symbol printed as a running head
_SYMBOL_NUMBER = re.compile(r"^(?P<n>\d{1,4}/\d{1,4}[A-Z]?)\s+(?=\S)")


def _verb_rx() -> re.Pattern[str]:
    v = vocab.current()
    adverbs = v.pattern("decisions", "adverbs")
    verbs = v.pattern("decisions", "operative_verbs")
    return _compiled(rf"^(?P<verb>(?:(?:{adverbs}),?\s+){{0,2}}(?:{verbs}))\b")


def _preamble_rx() -> re.Pattern[str]:
    return _compiled(rf"^(?:{vocab.current().pattern('decisions', 'preamble')})\b")


def _instrument_rx() -> re.Pattern[str]:
    words = vocab.current().pattern("decisions", "instruments")
    return _compiled(
        rf"\b(?P<kind>{words})s?\b(?:\s+(?P<num>\d[\w/.-]*(?:\s*\([A-Z0-9-]+\))?|[IVXL]{{1,5}}\b|[A-Z]\b))?"
    )


_CACHE: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    rx = _CACHE.get(pattern)
    if rx is None:
        rx = _CACHE[pattern] = re.compile(pattern, re.I)
    return rx


@dataclass
class _Paragraph:
    number: str
    verb: str
    pieces: list[str]
    provenance: Provenance
    blocks: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Instrument:
    kind: str
    number: str
    title: str
    body: str
    lead_in: str = ""  # "... recommends ... the adoption of the following draft resolution:"


def find_decisions(blocks: tuple[Block, ...] | list[Block]) -> tuple[Decision, ...]:
    """Every operative paragraph of every resolution or decision the document prints, in order."""
    return find_decisions_and_lead_ins(blocks)[0]


def find_decisions_and_lead_ins(
    blocks: tuple[Block, ...] | list[Block],
) -> tuple[tuple[Decision, ...], tuple[str, ...]]:
    """The decisions, and the sentences that introduce their instruments ("The Committee
    recommends ... the adoption of the following draft resolution:")."""
    out: list[Decision] = []
    lead_ins: list[str] = []
    last_kind = ""
    i = 0
    while i < len(blocks):
        m = _body_line(blocks[i])
        if m is None:
            i += 1
            continue
        paragraphs, end = _operative(blocks, i + 1)
        if not paragraphs:
            i += 1
            continue
        instrument = _instrument(blocks, i, m, last_kind)
        last_kind = instrument.kind or last_kind
        if instrument.lead_in:
            lead_ins.append(instrument.lead_in)
        for p in paragraphs:
            text = _FOOTNOTE_REF.sub("", assemble(p.pieces))
            if not text:
                continue
            out.append(
                Decision(
                    number=p.number,
                    text=text,
                    provenance=p.provenance.by(RULE),
                    verb=p.verb,
                    instrument=instrument.kind,
                    instrument_number=instrument.number,
                    instrument_title=instrument.title,
                    body=instrument.body,
                )
            )
        i = max(end, i + 1)
    return tuple(out), tuple(lead_ins)


def _body_line(b: Block) -> str | None:
    if b.kind == BlockKind.TABLE or b.marker:
        return None
    m = _BODY_LINE.match(b.text.strip())
    if not m:
        return None
    body = m.group("body")
    if len(body.split()) < 2 and not b.text.strip().endswith(","):
        return None  # "The Board" alone, without the comma of an enacting line, is too little
    return body


def _lead(b: Block) -> tuple[str, str]:
    """The paragraph number printed on a block (its marker or the start of its text) and the text
    after it."""
    text = b.text.strip()
    mm = _MARKER_NUMBER.match(b.marker.strip()) if b.marker else None
    if mm:
        return mm.group(1), text
    m = _NUMBERED.match(text)
    if m and not b.marker:
        return re.sub(r"\s+", " ", m.group("n")), text[m.end() :]
    return "", text


def _operative(blocks: tuple[Block, ...] | list[Block], start: int) -> tuple[list[_Paragraph], int]:
    """The operative paragraphs after a body's line, and the index where the instrument ends."""
    verb_rx, preamble_rx = _verb_rx(), _preamble_rx()
    paragraphs: list[_Paragraph] = []
    current: _Paragraph | None = None
    j = start
    while j < len(blocks):
        b = blocks[j]
        text = b.text.strip()
        if b.kind == BlockKind.TABLE or _SEPARATOR.match(text) or _body_line(b) is not None:
            break
        if b.kind == BlockKind.HEADING and not b.marker:
            break
        if current is None and j - start > _MAX_PREAMBLE:
            break
        number, rest = _lead(b)
        vm = verb_rx.match(rest)
        expected = _next_number(paragraphs)
        if number and (vm or (current is not None and number == expected and rest[:1].isupper())):
            current = _Paragraph(number, vm.group("verb") if vm else "", [rest], b.provenance)
            paragraphs.append(current)
        elif current is None:
            if not number and vm and not preamble_rx.match(rest):
                current = _Paragraph("", vm.group("verb"), [rest], b.provenance)
                paragraphs.append(current)
            elif number:
                break  # a numbered paragraph that does not open with an operative verb
        elif _FOOTNOTE.match(text) or (_smaller(b, current, blocks)):
            pass
        elif b.marker and _SUB_MARKER.match(b.marker.strip()):
            current.pieces.append(f"{b.marker.strip()} {text}")
        elif _continues(current.pieces[-1], text):
            current.pieces.append(text)
        elif not number and vm and not b.italic and not paragraphs[0].number:
            current = _Paragraph("", vm.group("verb"), [rest], b.provenance)
            paragraphs.append(current)
        else:
            break
        if current is not None:
            current.blocks.append(j)
        j += 1
    return paragraphs, j


def _next_number(paragraphs: list[_Paragraph]) -> str:
    if not paragraphs or not paragraphs[-1].number.isdigit():
        return "1"
    return str(int(paragraphs[-1].number) + 1)


def _smaller(b: Block, current: _Paragraph, blocks: tuple[Block, ...] | list[Block]) -> bool:
    """A footnote printed between a paragraph's lines: in smaller type than the paragraph."""
    size = blocks[current.blocks[0]].font_size if current.blocks else None
    return b.font_size is not None and size is not None and b.font_size < size - 1.0


def _continues(before: str, after: str) -> bool:
    """``after`` goes on with the paragraph ``before``: the clause is not finished, or the next
    line starts in lower case (a line or page break inside a sentence)."""
    if not after:
        return False
    if after[0].islower():
        return True
    return not before.rstrip().endswith(_CLAUSE_END)


def _instrument(blocks: tuple[Block, ...] | list[Block], at: int, body: str, last_kind: str) -> _Instrument:
    """Name, number and title of the instrument whose body's line is ``blocks[at]``, read from the
    lines above it: a label ("Draft resolution I", "Resolution 81/1 <title>", "2025/3 <title>"),
    a title, a lead-in ("... the adoption of the following draft resolution:"). A title printed
    above its label is taken unless it names instruments itself ("Decisions adopted at ..." heads
    a group). A kind not printed there is the one of the instrument before it in the document."""
    rx = _instrument_rx()
    kind = number = title = lead = ""
    labelled = False
    k = at - 1
    while k >= 0 and at - k <= _LOOK_BACK:
        b = blocks[k]
        text = b.text.strip()
        if b.kind == BlockKind.TABLE or _SEPARATOR.match(text):
            break
        lead_in = text.endswith(":")
        if not lead_in and (
            text.endswith((".", ";")) or (b.marker and _MARKER_NUMBER.match(b.marker.strip()))
        ):
            break  # a sentence or numbered paragraph of the text before: nothing above it belongs here
        if b.marker and text.startswith(b.marker.strip()):
            text = text[len(b.marker.strip()) :].strip()
        m = rx.search(text)
        if labelled:  # above the label: its title, or a heading over a group of instruments
            if not (title or m or lead_in or _SYMBOL.match(text)) and len(text.split()) <= _MAX_TITLE_WORDS:
                title = text
            break
        if m and not kind:
            kind = m.group("kind").lower()
            number = number or (m.group("num") or "")
        if m and m.start() == 0:
            text = text[m.end() :].strip(" :.-\u2013\u2014")  # "Resolution 81/1 Advancing ..."
            labelled = not _words(text)
        elif lead_in:
            lead = text
            break
        sm = _SYMBOL_NUMBER.match(text)
        if sm:  # "2025/3 Risk management"
            number = number or sm.group("n")
            text = text[sm.end() :]
        if not title and _words(text) and len(text.split()) <= _MAX_TITLE_WORDS and not _SYMBOL.match(text):
            title = text
        if title and kind:
            break
        k -= 1
    return _Instrument(kind or last_kind, number, title, body, lead)


def _words(text: str) -> bool:
    """Text beyond numbers and footnote digits ("Intersessional decision 1 1" leaves none)."""
    return bool(re.sub(r"[\d\s]+", "", text))


def operative_texts(decisions: tuple[Decision, ...], lead_ins: tuple[str, ...] = ()) -> set[str]:
    """Keys of the decisions' wording and of their instruments' lead-ins, to leave out
    recommendations that repeat them (a recommendation strategy can read a numbered resolution as
    a list, with the sentence that introduces it as one more item)."""
    return {_key(d.text) for d in decisions} | {_key(t) for t in lead_ins}


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()[:80]


def repeats_decision(text: str, keys: set[str]) -> bool:
    return _key(text) in keys


# "Requests the Secretary-General to ...", "Calls upon UNCTAD to ...": who a paragraph asks to act
_ADDRESSED = re.compile(
    r"^(?P<who>(?:(?:the|its|all|all\s+its|each)\s+|(?-i:[A-Z]))[^,;:()]{0,100}?)\s+to\s+(?=[a-z])", re.I
)


def addressed(decision: Decision) -> str:
    """The body or bodies an operative paragraph asks to act, as printed ("" when it asks nobody)."""
    rest = decision.text[len(decision.verb) :].strip() if decision.verb else ""
    m = _ADDRESSED.match(rest)
    return m.group("who") if m else ""
