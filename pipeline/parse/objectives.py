"""Objectives of a meeting: the items under an objectives heading, label or lead-in sentence, or in
the objectives row of a key-value table.

Strategies (``provenance.rule``), tried in order until one finds items:

- ``objectives.section``: an objectives heading ("Objectives", "OBJECTIVES:", "3. Course goals")
  or a label line standing alone ("Objectives:"): the list under it (after its lead-in sentence,
  if it has one), whatever the bullet; without a list, its paragraphs. The list runs on across
  page breaks, footnotes and running heads or footers; it ends at the next heading or running
  paragraph.
- ``objectives.table``: the value of an "Objectives" row of a key-value table, one objective per
  bullet or paragraph.
- ``objectives.lead_in``: a sentence ending in a colon that announces objectives ("The objectives
  of the workshop are to:"), and the list after it.
- ``objectives.label``: one "Objective: ..." field among the cover's fields.
- ``objectives.purpose_section``: a purpose section ("III. Purpose of the seminar"): its numbered
  paragraphs.
- ``objectives.sentence``: a sentence that states what the meeting is for and lists the
  objectives inline ("The objectives of the meeting are to: (a) ...; (b) ..."): its items. A
  purpose sentence without such a list is running text, not listed objectives, and gives none.

Only meeting documents have objectives: an evaluation's "objectives of the evaluation" are its
scope, so reports, responses and meeting reports get none. Words are ``[objectives]`` vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import Block, BlockKind, DocType, Objective
from . import vocab
from .cover import body_size, is_label_cell, key_values
from .numbering import parse_marker
from .sections import SectionSpan, running_lines

_NO_OBJECTIVES = (DocType.EVALUATION_REPORT, DocType.MANAGEMENT_RESPONSE)
_HEADING_WORDS = 8  # an objectives heading is short
_MAX_PARAGRAPHS = 4  # a section without a list gives at most this many paragraphs as objectives
_PARALLEL_ITEM = 300  # characters: the longest paragraph read as an item of a list without bullets
_PARAGRAPH_ITEM = 700  # characters: a longer paragraph is prose, not one objective
_FOOTNOTE_RATIO = 0.92  # a paragraph in type this much smaller than the list's is a footnote
_BULLETS = "•●○◦▪▫■□►▶➢➤⮚✓✔❖◆◇-–—*·"
_INLINE_BULLET = re.compile(r"\s*[•●○◦▪▫■□►▶➢➤⮚✓✔❖◆◇]\s*")
_FOOTNOTE_MARK = re.compile(r"^(?:\d{1,3}|[*†‡§]+)\s*\S")
_LABEL_FIELD = re.compile(r"(?:(?<=\s)|^)(?P<label>[A-Z][\w()/&-]*(?:\s+[\w()/&-]+){0,2})\s*:\s+")


def takes_objectives(doc_type: DocType) -> bool:
    """Meeting documents have objectives; reports, responses and meeting reports do not."""
    return doc_type not in _NO_OBJECTIVES


def find_objectives(
    spans: list[SectionSpan], doc_type: DocType, blocks: tuple[Block, ...] | list[Block] | None = None
) -> tuple[Objective, ...]:
    """The meeting's objectives (none for reports and responses)."""
    if not takes_objectives(doc_type):
        return ()
    return objectives_in(spans, blocks)


def objectives_in(
    spans: list[SectionSpan], blocks: tuple[Block, ...] | list[Block] | None = None
) -> tuple[Objective, ...]:
    """Objectives by the first strategy that finds any, whatever the document's type."""
    if blocks is None:
        blocks = [b for span in spans for b in ([span.heading] if span.heading else []) + span.blocks]
    running = running_lines(blocks)
    stream = [b for i, b in enumerate(blocks) if i not in running]
    size = body_size(stream)
    strategies = (
        ("objectives.section", lambda: _under_openers(stream, size)),
        ("objectives.table", lambda: _in_tables(stream)),
        ("objectives.lead_in", lambda: _after_lead_ins(stream, size)),
        ("objectives.label", lambda: _label_field(stream)),
        ("objectives.purpose_section", lambda: _purpose_sections(spans)),
        ("objectives.sentence", lambda: _purpose_sentence(stream)),
    )
    for rule, strategy in strategies:
        found = _unique(strategy())
        if found:
            return tuple(Objective(o.text, o.provenance.by(rule), o.topics) for o in found)
    return ()


def _unique(found: Iterable[Objective]) -> list[Objective]:
    """Each printed objective once: a strategy may reach the same block twice, but two list items
    that happen to say the same thing are two objectives, as printed."""
    out, seen = [], set()
    for o in found:
        text = re.sub(r"\s+", " ", o.text).strip()
        p = o.provenance
        key = (text.lower().rstrip(".;,"), p.page, p.block, p.table, p.row, p.line)
        if text and key not in seen:
            seen.add(key)
            out.append(Objective(text, o.provenance, o.topics))
    return out


# ---------------------------------------------------------------- openers


def _heading_rx() -> re.Pattern[str]:
    return vocab.current().regex("objectives", "headings", r"(?<![\w-])(?:{})(?![\w-])")


def _is_opener(b: Block) -> bool:
    """An objectives heading, or a short label line standing alone ("Objectives:")."""
    text = b.text.strip()
    if not text or len(text.split()) > _HEADING_WORDS:
        return False
    if b.kind == BlockKind.HEADING:
        return bool(_heading_rx().search(text))
    if b.kind == BlockKind.PARAGRAPH and (b.bold or text.endswith(":")):
        return bool(
            vocab.current()
            .regex("objectives", "headings", r"^\W*(?:[\dIVX]+\.?\s+)?(?:{})\s*[:.]?$")
            .match(text)
        )
    return False


def _under_openers(stream: list[Block], size: float | None) -> list[Objective]:
    found: list[Objective] = []
    for i, b in enumerate(stream):
        if _is_opener(b):
            found.extend(_collect(stream, i + 1, size, section=True))
    return found


def _lead_in_rx() -> re.Pattern[str]:
    return vocab.current().regex("objectives", "lead_ins", r"(?<![\w-])(?:{})(?![\w-])")


def _is_lead_in(b: Block, any_words: bool) -> bool:
    """A sentence ending in a colon ("... participants will:", "as follows:") that introduces a
    list; outside an objectives section it must speak of objectives."""
    text = b.text.strip()
    if b.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) or not re.search(
        r"(?::|as\s+follows\.?)$", text
    ):
        return False
    if b.kind == BlockKind.LIST_ITEM:
        # a numbered paragraph opens a list of objectives only when they are its subject ("7. The
        # specific objectives of the workshop were:"); an agenda item ending "... the objectives
        # of the Treaty:" opens its sub-items
        m = _lead_in_rx().search(text)
        return m is not None and len(text) <= _PARALLEL_ITEM and len(text[: m.start()].split()) <= 3
    return any_words or bool(_lead_in_rx().search(text))


def _after_lead_ins(stream: list[Block], size: float | None) -> list[Objective]:
    found: list[Objective] = []
    for i, b in enumerate(stream):
        if _is_lead_in(b, any_words=False):
            found.extend(_collect(stream, i + 1, size, section=False, after=b))
    return found


# ---------------------------------------------------------------- collecting a list


def _is_footnote(b: Block, nxt: Block | None, list_size: float | None) -> bool:
    """A footnote between the items: smaller type with a footnote mark, or the last block of its
    page with a footnote mark."""
    if b.kind != BlockKind.PARAGRAPH or not _FOOTNOTE_MARK.match(b.text.strip()):
        return False
    if b.font_size and list_size and b.font_size < list_size * _FOOTNOTE_RATIO:
        return True
    return bool(nxt and b.page is not None and nxt.page is not None and nxt.page > b.page)


def _bullet_paragraph(text: str) -> list[str]:
    """A paragraph whose items kept their bullets ("• a • b"): its items; else []."""
    text = text.strip()
    if not text or text[0] not in _BULLETS:
        return []
    parts = [p.strip() for p in _INLINE_BULLET.split(text.lstrip(_BULLETS + " "))]
    return [p for p in parts if p]


def _frame_of(b: Block) -> tuple[str, str] | None:
    """The numbering a list item shares with its siblings: frame and style ("({})", arabic)."""
    marker = parse_marker(b.marker or "")
    return (marker.frame, marker.style) if marker else None


def _collect(
    stream: list[Block], start: int, size: float | None, section: bool, after: Block | None = None
) -> list[Objective]:
    """The items that follow an opener or a lead-in: the list (after the last lead-in before it),
    else, under a section opener, its paragraphs. A lead-in that is itself a numbered paragraph
    ("7. The objectives of the workshop were:") is followed by its sub-items; its own numbering
    ("8.") ends them, whatever the levels the layout gave."""
    items: list[Objective] = []
    paragraphs: list[Block] = []
    top: int | None = None
    list_size: float | None = None
    outer = _frame_of(after) if after is not None and after.kind == BlockKind.LIST_ITEM else None
    for j in range(start, len(stream)):
        b = stream[j]
        nxt = stream[j + 1] if j + 1 < len(stream) else None
        if b.kind == BlockKind.HEADING:
            break
        if _is_footnote(b, nxt, list_size or size):
            continue
        if b.kind == BlockKind.LIST_ITEM:
            if outer is not None and _frame_of(b) == outer:
                break
            if top is None:
                top = b.level
            if b.level == top:
                items.extend(_split_run_in(b))
                list_size = list_size or b.font_size
            continue
        if b.kind == BlockKind.TABLE:
            if items:
                break
            continue
        text = b.text.strip()
        bullets = _bullet_paragraph(text)
        if bullets:
            items.extend(Objective(t, b.provenance) for t in bullets)
            continue
        if items and text[:1].islower():  # a wrapped line of the last item, set apart by the layout
            last = items[-1]
            items[-1] = Objective(f"{last.text} {text}", last.provenance)
            continue
        if items:
            break
        if _is_lead_in(b, any_words=section):
            paragraphs = []  # the list comes after the lead-in; what was before it is prose
            continue
        paragraphs.append(b)
    if items:
        return items
    if not section:
        return [Objective(p.text, p.provenance) for p in _parallel_run(paragraphs)]
    if 0 < len(paragraphs) <= _MAX_PARAGRAPHS:
        return [Objective(p.text, p.provenance) for p in paragraphs if len(p.text) <= _PARAGRAPH_ITEM]
    return []


_SENTENCE_BREAK = re.compile(r"[.;!?]\s+[A-Z]")


def _parallel_run(paragraphs: list[Block]) -> list[Block]:
    """The paragraphs right after a lead-in that read as the items of a list whose bullets the text
    layer lost: each one short sentence in the same type, two or more of them. The run ends at the
    first paragraph that is longer, holds more than one sentence or changes type."""
    run: list[Block] = []
    for p in paragraphs:
        text = p.text.strip()
        if (
            not text[:1].isupper()
            or len(text) > _PARALLEL_ITEM
            or _SENTENCE_BREAK.search(text)
            or (run and (p.font_size, p.bold) != (run[0].font_size, run[0].bold))
        ):
            break
        run.append(p)
    return run if len(run) >= 2 else []


def _split_run_in(b: Block) -> list[Objective]:
    """A numbered item with the next numbers run into it ("1." item: "Examine ...; 2. Exchange ...; and
    3. Develop ...", when the PDF's lines of a numbered list were read as one block) is one objective
    per number. Only the numbers that follow the item's own, in sequence, split it."""
    m = re.fullmatch(r"\(?(\d{1,2})([.)])", (b.marker or "").strip())
    if not m:
        return [Objective(b.text, b.provenance)]
    n, sep = int(m.group(1)), m.group(2)
    parts, rest = [], b.text
    while True:
        n += 1
        cut = re.search(
            r"(?:(?<=[;.:,])|(?<=\band)|(?<=\bor))\s+\(?" + str(n) + re.escape(sep) + r"\s+(?=[A-Z])", rest
        )
        if not cut:
            break
        parts.append(rest[: cut.start()].strip())
        rest = rest[cut.end() :]
    parts.append(rest.strip())
    return [Objective(t, b.provenance) for t in parts if t]


# ---------------------------------------------------------------- tables and fields


def _in_tables(stream: list[Block]) -> list[Objective]:
    """'Objectives | • To build ... • To promote ...' in a key-value table: one objective per bullet
    line (a line without a bullet continues the one before), or per line when none has a bullet."""
    found: list[Objective] = []
    for label, value, table in key_values(stream):
        if not is_label_cell(label, "objectives", "table_labels"):
            continue
        lines = [ln.strip() for ln in value.split("\n") if ln.strip()]
        bulleted = [ln[:1] in _BULLETS for ln in lines]
        texts: list[str] = []
        for ln, has_bullet in zip(lines, bulleted, strict=True):
            if any(bulleted) and not has_bullet and texts:
                texts[-1] += " " + ln
            else:
                texts.append(ln.lstrip(_BULLETS + " ").strip())
        found.extend(Objective(t, table.provenance) for t in texts if t)
    return found


def _label_field(stream: list[Block]) -> list[Objective]:
    """One 'Objective: ...' field among the fields of the cover ('Venue: ... Date: ... Objective: ...').
    Several such fields are session descriptions of a programme, not the meeting's objective."""
    rx = vocab.current().regex("objectives", "table_labels", r"^(?:{})$")
    found: list[Objective] = []
    for b in stream[:40]:
        if b.kind not in (BlockKind.PARAGRAPH, BlockKind.HEADING):
            continue
        fields = list(_LABEL_FIELD.finditer(b.text))
        for k, m in enumerate(fields):
            words = m.group("label").split()
            # "... August 2025 Objective: ...": the label is the field name at the end of the words
            if any(rx.match(" ".join(words[i:])) for i in range(len(words))):
                end = fields[k + 1].start() if k + 1 < len(fields) else len(b.text)
                value = b.text[m.end() : end].strip()
                if value:
                    found.append(Objective(value, b.provenance))
    return found if len(found) == 1 else []


_PURPOSE_HEADING = re.compile(
    r"^(?:purposes?|aims?)(?:\s+of\s+the\s+(?:meeting|seminar|workshop|conference|session|forum|"
    r"consultation|dialogue|event|visit|mission))?\s*:?$",
    re.I,
)


def _purpose_sections(spans: list[SectionSpan]) -> list[Objective]:
    """'III. Purpose of the seminar': the section's top-level list items (numbered paragraphs),
    else its paragraphs, state what the meeting is for, one objective each."""
    found: list[Objective] = []
    for span in spans:
        if span.heading is None or not _PURPOSE_HEADING.match(span.title):
            continue
        items = [
            Objective(b.text, b.provenance)
            for b in span.blocks
            if b.kind == BlockKind.LIST_ITEM and b.level == 0
        ]
        found.extend(
            items
            or [
                Objective(b.text, b.provenance)
                for b in span.blocks
                if b.kind == BlockKind.PARAGRAPH and b.text.strip()
            ]
        )
    return found


def _purpose_sentence_rx() -> re.Pattern[str]:
    v = vocab.current()
    meeting = v.pattern("document", "meetings")
    return re.compile(
        r"(?:^|(?<=[.!?]\s))(?:The|This|Our)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:(?:" + v.pattern("objectives", "purpose_nouns") + r")\s+of\s+(?:the|this|our)\s+"
        r"(?:[\w-]+\s+){0,4}?(?:" + meeting + r")s?\b[^.;:]{0,120}?\b(?:is|are|was|were|will\s+be)\s+to\b"
        r"|(?:" + meeting + r")s?\s+(?:" + v.pattern("objectives", "purpose_verbs") + r")\b)",
        re.I,
    )


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
_INLINE_ITEM = re.compile(r"(?:^|(?<=[\s:;,]))\((?:[a-h]|i{1,3}|iv|v|vi{0,3}|\d{1,2})\)\s+")


def _purpose_sentence(stream: list[Block]) -> list[Objective]:
    """The enumerated parts of a sentence that states what the meeting is for ("... are to: (a)
    review ...; (b) agree ..."), from the first such sentence that has two or more."""
    rx = _purpose_sentence_rx()
    for b in stream:
        if b.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            continue
        text = re.sub(r"\s+", " ", b.text).strip()
        m = rx.search(text)
        if not m:
            continue
        end = _SENTENCE_END.search(text, m.end())
        sentence = text[m.start() : end.start() if end else len(text)].strip()
        parts = _INLINE_ITEM.split(sentence)
        if len(parts) >= 3:
            return [
                Objective(re.sub(r"[;,]?\s*(?:and|or)?\s*$", "", p.strip()), b.provenance) for p in parts[1:]
            ]
    return []


def has_objectives_section(spans: list[SectionSpan]) -> bool:
    """Kept for callers of the earlier interface: an objectives heading with a list under it."""
    return bool(objectives_in(spans))
