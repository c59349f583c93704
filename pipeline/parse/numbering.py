"""One numbering grammar: the markers that number items, paragraphs and recommendations.

Printed forms: "1.", "1)", "(1)", "1.1", "1.1.", "(a)", "a)", "a.", "A.", "A.1", "IV.", "(iv)",
"2a", a bare number in a cell ("3"), labels ("Recommendation 3", "Rec. 3", "R3",
"Recommendation No. 2", "Recommendation #4") and graphic digits (a number in a much larger type
than the text it numbers, which a text layer may glue to a word: "1identification").

A ``Marker`` keeps its printed tokens (``("A", "1")`` for "A.1") and its frame ("{})" for "1)"),
and reads each token as a value in a style: arabic, lower or upper letters, lower or upper roman
numerals. A single letter that is also a roman numeral ("i", "v", "x", "C") has both readings;
sequence logic (``follows``) picks the one that continues the list ("h." then "i." is a letter,
"(i)" then "(ii)" a numeral).

Sequence logic: ``follows(prev, cur)`` tells how ``cur`` continues ``prev`` ("next" at the same
level, "child" for the first item one level down, "up" back to an outer level), and
``top_level_run`` picks, from the markers of a stretch of text, the items of one list with the
places where its numbering breaks (a gap, a repeat), so that a parser can keep the records and
report the page. The agenda parsers can use the same functions for numbered items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ARABIC, LOWER, UPPER, ROMAN, UPPER_ROMAN = "arabic", "lower", "upper", "roman", "ROMAN"

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN = r"(?=[ivxlc])(?:x{0,3}(?:ix|iv|v?i{0,3})|xl|l|lx{1,3}(?:ix|iv|v?i{0,3})|x{1,3}l?)"
_ROMAN_RE = re.compile(r"^(?:" + _ROMAN + r")$", re.I)

# One token: an arabic number (1-999), a roman numeral, or a single letter.
_TOKEN = r"(?:\d{1,3}|" + _ROMAN + r"|[a-z])"
# "1", "1.1", "1.1.1", "A.1", "2a" (an arabic number with a letter suffix)
_COMPOUND = (
    r"(?P<body>\d{1,3}(?:\.\d{1,3}){0,3}(?P<suffix>[a-z])?|[A-Za-z](?:\.\d{1,3}){1,2}|" + _TOKEN + r")"
)
_STANDALONE = re.compile(
    r"^(?P<open>\()?" + _COMPOUND + r"(?P<close>[.)]|\.\)|:)?$",
    re.I,
)
# A marker at the start of a text, followed by white space and the rest of the text.
_LEADING = re.compile(
    r"^(?P<open>\()?" + _COMPOUND + r"(?P<close>\.\)|[.):])?(?P<space>\s+)(?P<rest>\S.*)$",
    re.I | re.S,
)
_BULLETS = "\u2022\u25cf\u25cb\u25e6\u25aa\u25a0\u25a1\u25ba\u25b6\u27a2\u27a4\u2b9a\u2713\u2714\u00b7\u2043\uf0b7\uf0a7\uf0d8\uf076\uf0fc-\u2013\u2014*o"


def roman_value(token: str) -> int | None:
    """The value of a roman numeral ("iv" -> 4), or None."""
    t = token.lower()
    if not t or not _ROMAN_RE.match(t):
        return None
    total = 0
    for a, b in zip(t, t[1:] + " ", strict=True):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES.get(b, 0) > v else v
    return total


def readings(token: str) -> tuple[tuple[str, int], ...]:
    """Every (style, value) a printed token can stand for, the likelier first."""
    if token.isdigit():
        return ((ARABIC, int(token)),)
    out: list[tuple[str, int]] = []
    rv = roman_value(token)
    upper = token.isupper()
    if len(token) == 1 and token.isalpha():
        letter = (UPPER if upper else LOWER, ord(token.lower()) - 96)
        if rv is not None:
            # "i" and "I" open roman lists more often than they continue lettered ones; "v", "x", "c", "l"
            # are letters unless a list of numerals is running (``follows`` tries both).
            roman = (UPPER_ROMAN if upper else ROMAN, rv)
            out = [roman, letter] if token.lower() == "i" else [letter, roman]
        else:
            out = [letter]
    elif rv is not None:
        out = [(UPPER_ROMAN if upper else ROMAN, rv)]
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Marker:
    """A printed number: its tokens per level, the punctuation around it, and any label word."""

    printed: str
    tokens: tuple[str, ...]
    frame: str = "{}"  # "{}.", "{})", "({})", "{}:", "{}" (bare), with {} for the tokens
    label: str = ""  # "Recommendation", "Rec.", "R" for a labelled number
    suffix: str = ""  # the letter of "2a"
    graphic: bool = False  # printed as a graphic digit, much larger than its text

    @property
    def number(self) -> str:
        """The number as records carry it: "1", "3.1", "A.1", "iv", "2a" (no label, no brackets)."""
        return ".".join(self.tokens) + self.suffix

    @property
    def level(self) -> int:
        return len(self.tokens)

    def readings(self) -> tuple[tuple[str, int], ...]:
        """The (style, value) readings of the last token."""
        return readings(self.tokens[-1])

    @property
    def style(self) -> str:
        r = self.readings()
        return r[0][0] if r else ""

    @property
    def value(self) -> int:
        r = self.readings()
        return r[0][1] if r else 0

    def shape(self, style: str | None = None) -> tuple[str, str, int, tuple[str, ...]]:
        """What items of one list share: frame, style of the last token, depth and styles above."""
        above = tuple(readings(t)[0][0] if readings(t) else "" for t in self.tokens[:-1])
        return (self.frame, style or self.style, self.level, above)

    def is_first(self) -> bool:
        """Whether this can open a list (its last token reads as 1)."""
        return any(v == 1 for _, v in self.readings())


def _frame(open_: str | None, close: str | None) -> str:
    close = close or ""
    if open_:
        return "({})" if close.endswith(")") else "({}" + close
    return "{}" + close


def parse_marker(text: str) -> Marker | None:
    """A marker printed on its own (a list item's marker, a number cell): "1.", "(iv)", "A.1", "3".

    Bullets and dashes are not numbers (None).
    """
    t = text.strip()
    if not t or t in _BULLETS or len(t) > 14:
        return None
    m = _STANDALONE.match(t)
    if not m or (m.group("open") and not (m.group("close") or "").endswith(")")):
        return None
    return _marker(m, t)


def _marker(m: re.Match[str], printed: str) -> Marker | None:
    body, suffix = m.group("body"), m.group("suffix") or ""
    if suffix:
        body = body[: -len(suffix)]
    tokens = tuple(body.split("."))
    if len(tokens) == 1 and not readings(tokens[0]):
        return None
    if len(tokens[0]) > 1 and not tokens[0].isdigit() and len(tokens) > 1:
        return None  # "iv.2" is not a form we know
    if any(len(t) > 1 and not t.isdigit() and roman_value(t) is None for t in tokens):
        return None
    if len(tokens) == 1 and not tokens[0].isdigit() and len(tokens[0]) > 1 and tokens[0] != tokens[0].lower():
        if tokens[0] != tokens[0].upper():
            return None  # "Iv" mixes cases: a word, not a numeral
    return Marker(printed.strip(), tokens, _frame(m.group("open"), m.group("close")), suffix=suffix)


def split_leading(text: str, bare: bool = False) -> tuple[Marker, str] | None:
    """The marker a text starts with and the text after it, or None.

    A bare number ("3 Strengthen ...") counts only with ``bare`` (a numbered cell or a graphic
    digit): in running text it is a quantity. A multi-level number without a final point counts
    when an upper-case word follows ("1.1 Extend", not "1.5 million"); a letter or numeral needs
    its point or bracket, and a capital letter with a point ("J. Smith") is left to sequence logic.
    """
    m = _LEADING.match(text.strip())
    if not m:
        return None
    close, rest = m.group("close"), m.group("rest")
    body = m.group("body")
    if m.group("open") and not (close or "").endswith(")"):
        return None
    if not close and not m.group("open"):
        multi = "." in body
        if not (multi or bare):
            return None
        if multi and not (rest[:1].isupper() or rest[:1] in "\u201c\"'(\u2018"):
            return None
        if not body.replace(".", "").isdigit():
            return None  # "a Strengthen": a word, not a marker
    if close == ":" and not body.isdigit():
        return None  # "Note: ...", "a: ..."
    marker = _marker(m, text.strip()[: m.start("space")])
    if marker is None:
        return None
    if marker.tokens[0].isdigit() and len(marker.tokens) == 1 and len(marker.tokens[0]) == 4:
        return None
    return marker, rest


def with_label(marker: Marker, label: str, printed: str) -> Marker:
    return Marker(printed.strip(), marker.tokens, marker.frame, label=label, suffix=marker.suffix)


def label_pattern(words: str) -> re.Pattern[str]:
    """A labelled number at the start of a text: ``words`` is a regex alternation of label words
    ("recommendation|rec\\.?"); "R3" (a capital R glued to digits) is always a label.

    Groups: ``label`` (word and number as printed), ``word``, ``num``, ``sep`` (":", ".", "-" or
    ")"), ``rest``.
    """
    return re.compile(
        r"^(?P<label>(?:(?P<word>(?i:"
        + words
        + r"))(?:\s*(?:(?i:no)\.|n[°º]|#|(?i:number\b))\s*|\s+|(?<=\.))"
        r"|(?P<r>R)(?=\d))"
        r"(?P<num>\d{1,3}(?:\.\d{1,2})?[a-z]?|[A-Z](?:\.\d{1,2})?)(?![\w/]))"
        r"\s*(?P<sep>[:.\-\u2013\u2014)]?)\s*(?P<rest>.*)$",
        re.S,
    )


def labelled(m: re.Match[str]) -> Marker:
    """The marker of a ``label_pattern`` match."""
    num = m.group("num")
    suffix = num[-1] if len(num) > 1 and num[-1].islower() and num[:-1].replace(".", "").isdigit() else ""
    tokens = tuple((num[: -len(suffix)] if suffix else num).split("."))
    word = re.sub(r"\s+", " ", m.group("word") or m.group("r") or "").strip()
    return Marker(re.sub(r"\s+", " ", m.group("label")).strip(), tokens, "{}", label=word, suffix=suffix)


# A graphic digit that the text layer glued to the word it stands beside ("1identification",
# "3for addressing"): one or two digits, then a lower-case letter, at the start of a line or text.
GLUED_DIGIT = re.compile(
    r"(?:^|(?<=\s))(?P<n>[1-9]\d?)(?!(?:st|nd|rd|th|km|kg|mm|cm|ml|am|pm|bn|mn|ha|kw|mw|gb|mb)\b)(?=[a-z]{2})"
)


def glued_digits(text: str) -> list[re.Match[str]]:
    """Graphic digits glued to a lower-case word in a text layer."""
    return list(GLUED_DIGIT.finditer(text))


# ---- sequence logic ------------------------------------------------------------------------------


def _styles_match(a: str, b: str) -> bool:
    return a == b


def follows(prev: Marker, cur: Marker) -> str | None:
    """How ``cur`` continues a list whose last marker is ``prev``.

    "next": the same level, one more ("2." after "1.", "(iv)" after "(iii)", "1.3" after "1.2",
    "A.2" after "A.1"); "child": the first item one level down ("1.1" after "1", "(a)" after
    "1."); "up": back to an outer level ("2." after "1.3", "B.1" after "A.4"); None otherwise.
    """
    if cur.label and prev.label and cur.label.lower() != prev.label.lower():
        return None
    if cur.level == prev.level and cur.tokens[:-1] == prev.tokens[:-1] and cur.frame == prev.frame:
        if cur.suffix or prev.suffix:
            if (
                cur.tokens == prev.tokens
                and cur.suffix
                and prev.suffix
                and ord(cur.suffix) == ord(prev.suffix) + 1
            ):
                return "next"  # "2a" -> "2b"
            if cur.tokens == prev.tokens and cur.suffix == "a" and not prev.suffix:
                return "child"
        for sp, vp in prev.readings():
            for sc, vc in cur.readings():
                if _styles_match(sp, sc) and vc == vp + 1:
                    return "next"
    if cur.level == prev.level + 1 and cur.tokens[:-1] == prev.tokens and cur.is_first():
        return "child"  # "1" -> "1.1", "A" -> "A.1"
    if cur.level == prev.level and cur.is_first() and not cur.label:
        opening = {s for s, v in cur.readings() if v == 1}
        if cur.frame != prev.frame or opening - {s for s, _ in prev.readings()}:
            return "child"  # "1." -> "(a)" or "a.": another style or frame opens a sub-list
    if cur.level < prev.level and cur.tokens[:-1] == prev.tokens[: cur.level - 1]:
        outer = Marker(prev.printed, prev.tokens[: cur.level], cur.frame, prev.label)
        if follows(outer, cur) == "next":
            return "up"
    return None


@dataclass(frozen=True, slots=True)
class Break:
    """A place where a list's numbering is not the next number: after ``expected`` comes ``found``."""

    index: int  # position in the marker list given to ``top_level_run``
    expected: str
    found: str


def top_level_run(markers: list[Marker | None]) -> tuple[list[int], list[Break]]:
    """The items of the outermost list among ``markers`` (None for unmarked pieces) and the breaks
    in its numbering.

    The list's shape (frame, style, depth) is that of the first marker that can open a list; every
    later marker of the same shape is an item of it even when its number is not the next one (a
    gap or a repeat is a ``Break``, not a reason to drop the item). Markers of other shapes are
    sub-items and stay inside their item.
    """
    first = next((i for i, m in enumerate(markers) if m is not None and m.is_first()), None)
    if first is None:
        first = next((i for i, m in enumerate(markers) if m is not None), None)
        if first is None:
            return [], []
    head = markers[first]
    assert head is not None
    opening = [s for s, v in head.readings() if v == 1] or [head.style]
    shapes = {head.shape(s) for s in opening}
    items = [first]
    breaks: list[Break] = []
    prev = head
    for i in range(first + 1, len(markers)):
        m = markers[i]
        if m is None or not ({m.shape(s) for s, _ in m.readings()} & shapes):
            continue
        step = follows(prev, m)
        if step != "next":
            if len(m.readings()) > 1:
                continue  # "(i)" after "(a)": a numeral opening a sub-list, not the letter i
            breaks.append(Break(i, _next_number(prev), m.number))  # a gap, a repeat or a restart
        items.append(i)
        prev = m
    return items, breaks


def _next_number(m: Marker) -> str:
    style, value = m.readings()[0] if m.readings() else (ARABIC, 0)
    return ".".join((*m.tokens[:-1], format_value(style, value + 1))) + ("" if not m.suffix else "")


def format_value(style: str, value: int) -> str:
    """A value printed in a style (4 -> "4", "d", "D", "iv", "IV")."""
    if style == ARABIC:
        return str(value)
    if style in (LOWER, UPPER):
        s = chr(96 + value) if 1 <= value <= 26 else str(value)
        return s.upper() if style == UPPER else s
    out, n = "", value
    for v, s in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= v:
            out, n = out + s, n - v
    return out.upper() if style == UPPER_ROMAN else out


def qualify(group: str, number: str) -> str:
    """A number that restarts inside lettered groups, qualified by its group ("B", "3" -> "B.3")."""
    return f"{group}.{number}" if group else number
