"""Comparison forms of text: what counts as "the same wording" when diffing versions.

Line breaks, end-of-line hyphenation ("environ- mental"), typographic quotes, dash variants and
runs of white space are layout, not wording, so they are folded away here. Case is kept in the
equality key (an editor changing "member States" to "Member States" made a change) but folded in
the similarity key used for pairing.
"""

from __future__ import annotations

import re
import unicodedata

# Typographic quotes to ASCII, every dash and minus variant to "-", soft hyphen and zero-width
# space dropped: one translate table.
_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032`\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
        "\u00ad": None,
        "\u200b": None,
    }
)
# "environ- mental" / "environ-\nmental" (a line-end hyphen the extractor left in) -> "environmental".
# A hyphen followed by "and"/"or"/"to" is a suspended compound ("long- and short-term"): kept.
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])-\s+(?!(?:and|or|to|and/or)\b)(?=[^\W\d_])")
_PUNCT_SPACE = re.compile(r" (?=[,.;:!?)\]}])|(?<=[(\[{]) ")


def fold_layout(text: str) -> str:
    """Undo layout-only variation: NFKC, soft hyphens, quotes, dashes, broken words, white space."""
    text = unicodedata.normalize("NFKC", text or "").translate(_FOLD)
    if "-" in text:
        text = _BROKEN_WORD.sub("", text)
    text = " ".join(text.split())
    return _PUNCT_SPACE.sub("", text)


def equality_key(text: str, ignore_case: bool = False) -> str:
    """Two texts with the same key differ only in layout (and in case, when ``ignore_case``)."""
    key = fold_layout(text)
    return key.casefold() if ignore_case else key


def similarity_key(text: str) -> str:
    """The form scored for pairing: layout folded, case folded."""
    return fold_layout(text).casefold()


def number_key(number: str | None) -> str:
    """Compare numbers loosely: "Recommendation 3." / "3" / " 3 " are the same number."""
    n = unicodedata.normalize("NFKC", number or "").strip().casefold()
    n = re.sub(r"^(recommendation|rec\.?|item|objective)\s*", "", n)
    return n.strip(" .:)(")
