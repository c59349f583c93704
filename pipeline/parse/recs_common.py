"""Shared pieces of the recommendation strategies: a flat stream of text units, labels, stop markers.

Every strategy walks the same stream: each paragraph, heading and list item is one ``Unit``, and
each line of a table cell is one ``Unit`` carrying its table, row and column. Walking lines of cells
(rather than whole tables) lets one rule set cope with matrices printed as tables, as text or as a
mixture of both, which is what real management-response matrices look like after extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..models import Block, BlockKind, Provenance
from ..textutil import join_lines
from . import vocab
from .addressees import addressee_phrase
from .numbering import label_pattern


@dataclass(frozen=True, slots=True)
class Unit:
    """One paragraph, heading, list item, or one line of a table cell."""

    text: str
    marker: str
    kind: str  # heading | paragraph | list_item | cell
    provenance: Provenance
    bold: bool = False
    level: int = 0
    block: int = 0  # index of the source block in the stream
    table: int | None = None  # index of the source block when it is a table
    row: int | None = None
    col: int | None = None
    gap: bool = False  # a blank line precedes this line inside its cell (a new paragraph)
    size: float | None = None  # type size of the source block, where the format gives it
    shade: str = ""  # colour of the filled box the source block is printed on ("" on the page's ground)

    @property
    def full(self) -> str:
        """The text with its printed marker in front (as a reader sees it)."""
        if self.marker and not self.text.startswith(self.marker):
            return f"{self.marker} {self.text}"
        return self.text


_GLYPH = "\u2022\u25cf\u25cb\u25e6\u25aa\u25a0\u25a1\u25ba\u25b6\u27a2\u27a4\u2b9a\u2713\u2714\u00b7\u2043\uf0b7\uf0a7\uf0d8\uf076\uf0fc"
_GLYPH_LEAD = re.compile("^[" + _GLYPH + "]\\s*")


def wording(unit: Unit) -> str:
    """The unit as part of a recommendation's wording: printed numbers and letters stay, bullet
    glyphs go (an automatic bullet is not part of what the recommendation says)."""
    if unit.marker and (
        unit.marker[0] in _GLYPH or (unit.kind == "list_item" and unit.marker in "-\u2013\u2014*")
    ):
        return _GLYPH_LEAD.sub("", unit.text)
    return _GLYPH_LEAD.sub("", unit.full)


def _band_title(b: Block) -> str:
    """The text of a table of one cell that holds one short title line ("5. Recommendations" on a
    coloured band); "" for any other block."""
    if b.kind != BlockKind.TABLE:
        return ""
    cells = [c.text.strip() for row in b.rows for c in row if c.text.strip()]
    if len(cells) != 1 or "\n" in cells[0]:
        return ""
    text = cells[0]
    return (
        text if len(text.split()) <= 10 and not text.endswith((".", ":", ";")) and text[:1].isalnum() else ""
    )


def linearize(blocks: tuple[Block, ...] | list[Block]) -> list[Unit]:
    units: list[Unit] = []
    for i, b in enumerate(blocks):
        band = _band_title(b)
        if band:
            # a one-cell "table" holding a short title: a heading printed on a band or in a frame
            units.append(Unit(band, "", "heading", b.provenance, bold=True, block=i, size=b.font_size))
            continue
        if b.kind == BlockKind.TABLE:
            for r, row in enumerate(b.rows):
                for c, cell in enumerate(row):
                    prov = b.row_provenance(r)
                    gap = False
                    for line in cell.text.replace("\r", "\n").split("\n"):
                        line = line.strip()
                        if not line:
                            gap = True
                            continue
                        units.append(
                            Unit(
                                line,
                                "",
                                "cell",
                                prov,
                                bold=cell.bold,
                                block=i,
                                table=i,
                                row=r,
                                col=c,
                                gap=gap,
                                size=b.font_size,
                            )
                        )
                        gap = False
            continue
        text = b.text.strip()
        if not text and not b.marker:
            continue
        parts = (
            _inline_break().split(text) if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) else [text]
        )
        if len(parts) > 1 and re.fullmatch(r"\(?\d{1,3}[.)]", parts[0].strip()):
            parts[:2] = [parts[0] + " " + parts[1]]  # "14. Recommendation 2 reads as follows:" stays whole
        for k, part in enumerate(parts):
            units.append(
                Unit(
                    part.strip(),
                    b.marker.strip() if k == 0 else "",
                    str(b.kind) if k == 0 else "paragraph",
                    b.provenance,
                    bold=b.bold,
                    level=b.level,
                    block=i,
                    size=b.font_size,
                    shade=b.shade,
                )
            )
    return units


# A paragraph that runs a label, a response or an indicator into the sentence before it (text
# conversions, merged PDF lines) is cut there, so that every such marker starts a unit of its own.
_INLINE_BREAK = (
    r"(?<=[.;:!?])\s+(?=(?:(?:[A-Z][\w.&-]*\s+){{0,3}}(?:[Mm]anagement\s+)?[Rr]esponse\s*:"
    r"|Indicators?\s+of\s+achievement\s*:|Recommendation\s+(?:addressed\s+)?to\s*:|Key\s+actions?\b"
    r"|Responsible\s+(?:units?|entit(?:y|ies)|offices?)(?:\s*\(s\))?\s*:"
    r"|(?i:{labels})\s+(?:#\s*)?\d{{1,2}}(?:\.\d{{1,2}})?\s*[:.](?:\s|$)"
    r"|(?i:{labels})\s+\d{{1,2}}\s+reads\b|(?i:{labels})\s+\d{{1,2}}\s+[A-Z][a-z]+\s+[a-z]))"
)


def _inline_break() -> re.Pattern[str]:
    """Where a paragraph runs a label, a response or an indicator into the sentence before it;
    the label words are ``[recommendations] labels``."""
    return _compiled(_INLINE_BREAK.format(labels=vocab.current().pattern("recommendations", "labels")))


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\w) +(?=[,;](?:\s|$))")
# Word's second-level bullet is a Courier "o"; a PDF can give it as a letter at the start of an item:
# "o Conduct ..." at the start, or after the end of the previous item ("... accessibility. o Implement").
_O_BULLET = re.compile(r"(^|[.;:]\s)o\s+(?=[A-Z])")
# A footnote reference a PDF gives as a plain digit glued to the punctuation after a word ("capacity,1
# ensuring", "established.2 The"); the DOCX of the same text leaves the reference out.
_FOOTNOTE_REF = re.compile(r"(?<=[a-z]{3}[,;.])\d{1,2}(?=\s+[A-Za-z])")
_SPACED_HYPHEN = re.compile(r"(?<=[a-z]) -(?=[a-z]{2})")


def assemble(pieces: list[str]) -> str:
    """Join pieces (paragraphs, wrapped lines, marked sub-items) into one text, undoing hyphenation.

    Justified PDF text can carry stray spaces before a comma or inside a hyphenated word
    ("right , ensuring", "cross -cutting"); those are closed up.
    """
    text = join_lines("\n".join(p for p in pieces if p and p.strip()))
    text = _O_BULLET.sub(r"\1", text)
    text = _FOOTNOTE_REF.sub("", text)
    return _SPACED_HYPHEN.sub("-", _SPACE_BEFORE_PUNCT.sub("", text))


def label_regex() -> re.Pattern[str]:
    """A label at the start of a text: "Recommendation 3", "Evaluation recommendation # 4:",
    "Recommendation No. 2.", "Recommendation A", "R3", in the label words of
    ``[recommendations] labels`` (groups ``label``, ``num``, ``sep``, ``rest``)."""
    return _label_regex(vocab.current().pattern("recommendations", "labels"))


@cache
def _label_regex(words: str) -> re.Pattern[str]:
    return label_pattern(words)


_READS = re.compile(
    r"^(?:reads\s+as\s+follows|reads|states|is\s+as\s+follows)\s*:?\s*(?P<rest>.*)$", re.I | re.S
)
_PARA_NUM = re.compile(r"^\(?\d{1,3}[.)]\s+")
# A bracket after a label holds its addressees when it reads as names ("(the Executive Secretary and
# the programme secretariat)", "(For SOM)"); ranks, results, areas and cross-references are qualifiers.
_BRACKET_ACTORS = re.compile(r"^(?:(?:for|to)\s*:?\s+)?(?-i:[A-Z])[^:;\d]*$", re.I)
_LEAD_BRACKET = re.compile(r"^\((?P<inner>[^()]{1,40})\)\s*(?:[:.\-\u2013\u2014](?:\s|$))?\s*")
_FOR_WORD = re.compile(r"^(?:for|to)\s*:?\s+", re.I)
_QUALIFIER = re.compile(
    r"\b(?:priority|priorities|result|outcome|output|area|level|pillar|goal|theme|urgent|high|medium|low|term|"
    r"strategic|operational|critical|important|essential|immediate|ongoing|continued|new|revised|reformulated|"
    r"accepted|rejected|see|cf|page|para|paragraph|finding|findings|conclusion|conclusions|chapter|section|annex|"
    r"short|long|mid|medium-term|long-term|short-term|cross-cutting|overarching|general|specific)\b",
    re.I,
)
_MR_WORDS = re.compile(
    r"^(?:fully\s+|partially\s+|not\s+)?(?:accepted|rejected|agreed|noted|accept|reject)\b", re.I
)


def _number_first(text: str) -> Label | None:
    """The number printed before the label: "1: Committee recommendation: The Department should ...",
    "3. Committee recommendation - ...", "2a Recommendation: ..." (up to three qualifying words
    between number and label; the label's separator is required)."""
    m = _number_first_rx(vocab.current().pattern("recommendations", "labels")).match(text)
    if not m or not m.group("rest").strip():
        return None
    label = re.sub(r"\s+", " ", m.group("label")).strip()
    return Label(label, m.group("num"), m.group("rest").strip())


@cache
def _number_first_rx(words: str) -> re.Pattern[str]:
    return re.compile(
        r"^(?P<num>[1-9]\d{0,2}[a-z]?)\s*[:.)]?\s+(?P<label>(?:(?-i:[A-Z])[\w&'\u2019.-]*\s+){0,3}(?i:"
        + words
        + r"))\s*[:\-\u2013\u2014]\s*(?P<rest>.*)$",
        re.S,
    )


@dataclass(frozen=True, slots=True)
class Label:
    label: str
    number: str
    rest: str  # text printed after the label in the same unit (may be "")
    actors: str = ""  # "For X and Y" printed with the label
    title: str = ""  # "Recommendation 1 Improved planning and coordination" (a heading)


def match_label(unit: Unit) -> Label | None:
    """A recommendation label at the very start of a unit, or None for running text."""
    text = unit.text
    m = label_regex().match(text)
    if not m:
        first = _number_first(unit.full)
        if first is not None:
            return first
        stripped = _PARA_NUM.sub("", text, count=1)
        m2 = label_regex().match(stripped) if stripped != text else None
        if not m2 or not _READS.match(m2.group("rest")):
            return None
        m = m2
    rest, sep = m.group("rest").strip(), m.group("sep")
    number = m.group("num")
    if number.isdigit() and not number.strip("0"):
        return None  # numbering starts at 1: "R0" in a column of amounts is no label
    label = re.sub(r"\s+", " ", m.group("label")).strip()
    if not rest:
        return Label(label, number, "")
    reads = _READS.match(rest) if not sep else None
    if reads:
        return Label(label, number, reads.group("rest").strip())
    if number.isalpha() and not re.search(r"[a-z]", rest):
        return None  # "EVALUATION RECOMMENDATION A - COMMUNICATION": a group heading
    lead = _LEAD_BRACKET.match(rest) if sep and sep != ")" else None
    if lead and not (
        _BRACKET_ACTORS.match(lead.group("inner")) and not _QUALIFIER.search(lead.group("inner"))
    ):
        # "Recommendation # 2: (Time 0)", "Recommendation 4: (High) : Strengthen ...": a form's
        # marker or a rank printed after the label is not wording
        rest = rest[lead.end() :].strip()
        if not rest:
            return Label(label, number, "")
    bracket = re.fullmatch(r"\((?P<inner>[^()]{1,120})\)\s*[:.]?", rest) if not sep else None
    if bracket:
        inner = join_lines(bracket.group("inner"))
        if _BRACKET_ACTORS.match(inner) and not _QUALIFIER.search(inner):
            # "Recommendation 1 (Secretariat and SOM)": the addressees, as "For X and Y" would be
            return Label(label, number, "", actors=_FOR_WORD.sub("", inner))
        return Label(label, number, "")  # "Recommendation 1 (result A)", "Recommendation 2 (priority: high)"
    if not sep and is_title(rest) and (unit.kind == "heading" or len(rest.split()) <= 8):
        return Label(label, number, "", title=join_lines(rest))
    if (
        not sep
        and rest[:1].isupper()
        and len(rest.split()) >= 6
        and not _MR_WORDS.match(rest)
        and not rest.lower().startswith(("is ", "was ", "has ", "and ", "of ", "in "))
    ):
        return Label(
            label, number, rest
        )  # the label line run into the wording ("Recommendation 1 Executive heads ...")
    if not sep or _MR_WORDS.match(rest):
        return None  # "Recommendation 2 was accepted ...", "Recommendation 1 accepted: ..."
    if sep == ")":
        return None
    if addressee_phrase(rest) and len(rest.split()) <= 14 and not re.search(r"[.;]\s+\S", rest):
        return Label(label, number, "", actors=join_lines(rest))
    return Label(label, number, rest)


# Where a recommendation's wording ends: responses, addressees, indicators, action plans.
# "IEO response:", "Secretariat management response:", "Response of the administration:"
_RESPONDER = r"(?:(?:(?-i:[A-Z][\w.&'\u2019/-]*)|management|secretariat|administration|organizational|agency|joint)\s+){0,3}"
STOP = re.compile(
    r"^" + _RESPONDER + r"response\s*(?::|\((?=[^)]*(?:accept|agree|reject|partial))|[-\u2013\u2014]\s)"
    r"|^(?:(?-i:[A-Z]{2,}[\w-]*)\s+)?(?:management\s+)?response\s*$"
    r"|^response\s+(?:of|from|by)\s+(?:the\s+)?\S+(?:\s+\S+)?\s*:"
    r"|^management(?:'s)?\s+response\b|^management\s+comments?\b"
    r"|^indicators?\s+of\s+achievement\b|^(?:performance\s+)?indicators?\s*:|^(?:deadline|responsibility|responsible|"
    r"lead(?:\s+(?:unit|entity|office|division))?|accountable(?:\s+\w+)?|rationale\s+for\s+the\s+response)\s*:"
    r"|^recommendation\s+(?:addressed\s+)?to\s*(?::|$)|^addressed\s+to\s*(?::|$)"
    r"|^responsible\s+(?:units?|sections?|entity|entities|office|individual|party|parties)(?:\s*\(s\))?"
    r"(?:\s+or\s+unit\s*\(s\))?\s*(?::|$)"
    r"|^priority(?:\s+level)?\s*(?::|\(|$)"
    r"|^key\s+actions?(?:\s*\(s\))?(?=\s*(?::|$|\(|time|responsible|deadline))"
    r"|^action\s+to\s+respond\b|^actions?\s+taken\s*(?::|$|and\s+implementation)|^action\s+plan\s*(?::|$)"
    r"|^(?:status\s+of\s+implementation|implementation\s+(?:monitoring(?:\s+status)?|status)|comments\s+on\s+implementation"
    r"|final\s+implementation(?:\s+monitoring)?(?:\s+status)?)\s*(?::|$|[-\u2013\u2014]|\()"
    r"|^(?:target\s+date|timeline|time\s*frame)\s*:",
    re.I,
)
_SENTENCE_END = (".", "!", "?", ":", ";")


def starts_field(units: list[Unit], j: int) -> re.Match[str] | None:
    """``STOP`` at unit j, unless the unit is a wrapped line that goes on with the sentence above.

    PDF table cells keep each wrapped line as a unit of its own, so "... commissioned. The" /
    "management response covers the period ..." puts a stop phrase at the start of a line in the
    middle of a sentence. A stop begins a new field only where the line before ends a sentence, is
    another cell or paragraph, or a blank line comes between; a bold line or a label followed by a
    colon is a field whatever comes before it. A paragraph counts as wrapped only when it starts in
    lower case.
    """
    u = units[j]
    m = STOP.match(u.text)
    if (
        not m
        or j == 0
        or u.bold
        or m.group(0).rstrip().endswith(":")
        or u.text[m.end() :].lstrip().startswith(":")
    ):
        return m
    prev = units[j - 1]
    if u.kind == "cell":
        wrapped = (
            prev.kind == "cell" and not u.gap and (prev.table, prev.row, prev.col) == (u.table, u.row, u.col)
        )
    else:
        wrapped = u.kind == "paragraph" and prev.kind == "paragraph" and not u.marker and u.text[:1].islower()
    if wrapped and prev.text.strip() and not prev.text.rstrip().endswith(_SENTENCE_END):
        return None
    return m


ACTORS_MARK = re.compile(
    r"^(?:recommendation\s+(?:addressed\s+)?to|addressed\s+to)\s*:?\s*(?P<rest>.*)$", re.I | re.S
)
MR_MARK = re.compile(
    r"^"
    + _RESPONDER
    + r"(?:management(?:'s)?\s+)?response\b(?:\s+(?:of|from|by)\s+[^:]{1,40}:)?\s*(?P<rest>.*)$",
    re.I | re.S,
)
# Table column headings repeated on every page of a matrix: skipped, they neither add nor stop.
HEADER = re.compile(
    r"^(?:action|actions|key\s+actions?(?:\s*\(s\))?|responsible\s+(?:section|unit|individual)s?(?:\s*\(s\))?"
    r"(?:\s+or\s+unit\s*\(s\))?|expected|completion\s+date|expected\s+completion\s+date|time\s*frame(?:\s+or)?|deadline"
    r"|tracking|status|comments(?:\s+or)?|action\s+taken|supporting|documents|supporting\s+documents"
    r"|actions\s+taken\s+and|implementation\s+stage:?|actions\s+taken\s+and\s+implementation\s+stage:?"
    r"|not\s+started|under\s+way|completed|cancelled|implementation\s+monitoring|frame\s+or|individual\s+or|unit\(s\))$",
    re.I,
)
FURNITURE = re.compile(
    r"^(?:\d{1,4}|\d{1,4}\s*/\s*\d{1,4}|page\s+\d+(?:\s+of\s+\d+)?|\d{2}-\d{5}(?:\s*\(E\))?(?:\s+\d{6})?"
    r"|[A-Z]{1,6}(?:/[A-Z0-9.]+){2,}(?:/Rev\.\d)?)$",
    re.I,
)
_INT_MARK = re.compile(r"^\(?(\d{1,3})[.)]?$")
_INT_TEXT = re.compile(r"^(\d{1,3})\.\s+[A-Z\u201c\"]")


def is_title(text: str) -> bool:
    """A heading-like line: short, capitalised, no closing full stop, real words."""
    text = text.strip()
    return (
        0 < len(text.split()) <= 12
        and text[:1].isupper()
        and not text.endswith(".")
        and bool(re.search(r"[a-z]{3}", text))
    )


_SCRAP = re.compile(r"^[\W\d_]*(?:[A-Za-z][\W\d_]+)*[A-Za-z]?[\W\d_]*$")
_MARKER_ONLY = re.compile(r"^(?:\(?[a-zA-Z0-9]{1,4}[.)]|[\u2022\u25cf\-\u2013*])$")


def is_furniture(unit: Unit) -> bool:
    """Page numbers, document symbols, job numbers, and the scraps a rotated page's running heads
    break into ("E F", "2 0 2 5", "/")."""
    text = unit.text.strip()
    if unit.marker:
        return False
    if FURNITURE.match(text):
        return True
    return len(text) <= 16 and bool(_SCRAP.match(text)) and not _MARKER_ONLY.match(text)


def is_header(unit: Unit) -> bool:
    return bool(HEADER.match(unit.text.strip().rstrip(":")))


def paragraph_number(unit: Unit) -> int | None:
    """The plain integer a numbered paragraph starts with ("21." -> 21), or None."""
    m = _INT_MARK.match(unit.marker) if unit.marker else None
    if m:
        return int(m.group(1))
    m = _INT_TEXT.match(unit.text)
    return int(m.group(1)) if m and not unit.marker else None


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z\u00c0-\u024f]{3,}", text))


def lower_ratio(text: str) -> float:
    """Share of the words that are lower-case: high in sentences, low in lists of names and codes."""
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", text)
    return sum(w.islower() for w in words) / len(words) if words else 0.0


def plausible_text(text: str) -> bool:
    """Wording, not a cell of codes ("a E E E"), a row of organization names or a bare heading."""
    return word_count(text) >= 3 and len(text) >= 20 and lower_ratio(text) >= 0.3


def quality(text: str) -> float:
    """How much a candidate looks like a recommendation's wording (to choose between repeats)."""
    score = len(text) * lower_ratio(text)
    if len(re.findall(r"\brecommendations?\b", text, re.I)) >= 2:
        score /= 2  # a legend or a cross-reference table, not the wording
    return score
