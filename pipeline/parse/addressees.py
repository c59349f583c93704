"""Split raw addressee text ("For the secretariat, SOM, and the Commission") into names.

The NLP stage normalises these names against the actor registry; this is the format-blind,
registry-free first cut that every record gets, tagged or not.
"""

from __future__ import annotations

import re

from ..models import Actor
from . import vocab

_LEAD = re.compile(r"^\s*(?:recommendation\s+(?:addressed\s+)?to|addressed\s+to|for|to)\s*:?\s+", re.I)
_SPLIT = re.compile(
    r"\s*(?:;|:\s+|,\s*and\s+|,\s*or\s+|,|\s+and\s+|\s+or\s+|\n|\s+as\s+well\s+as\s+|\s+such\s+as\s+|\s+including\s+)\s*",
    re.I,
)
# Qualifiers that describe which part of a body is meant ("... who are involved in the design of X:",
# "Brussels office staff in charge of donor cooperation"): dropped before splitting, so that the "and"
# inside them does not split the body into fragments.
_QUALIFIER = re.compile(
    r"\s+(?:who\s+(?:are|is)\s+involved\s+in|in\s+charge\s+of)\b[^;:]*?(?=[;:]|$)"
    r"|\s+involved\s+in\b[^;:]*\band\b[^;:]*?(?=[;:]|$)",
    re.I,
)
# "project implementation and oversight bodies": one body named by two modifiers of a shared noun
_SHARED_HEAD = re.compile(
    r"(?<![\w-])((?:\w+\s+)?\w+) and (\w+\s+(?:bodies|committees|units|teams|offices|divisions|departments))\b",
    re.I,
)
# "Monitoring and Evaluation Unit", "Planning and Reporting Office": one unit named by two functions,
# the first a single "-ing" word that names no body of its own
FUNCTION_PAIR = re.compile(
    r"(?<![\w-])((?-i:[A-Z])[a-z]+ing) and ((?-i:[A-Z])[\w-]+\s+(?:units?|offices?|divisions?|sections?|branch(?:es)?"
    r"|teams?|departments?|services?|cent(?:re|er)s?|groups?|committees?))\b",
    re.I,
)
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)


_NOISE = re.compile(r"\s*(?:\bpriority\s+level\b.*|\s\d(?:\s*[-\u2013]\s*\d)?)\s*$", re.I)


def clean_addressee_line(line: str) -> str:
    """One printed addressee line without its bullet, a trailing ';' or a priority printed beside it."""
    text = re.sub(r"^\s*[\u2022\u25cf\u25aa\u25e6\-\u2013*\uf0b7\uf0a7]\s*", "", line.strip())
    text = _NOISE.sub("", text)
    return text.strip().rstrip(";,").strip()


_STRIP = " .;:\u2022\u25cf\u25aa\u25e6\u25a0\uf0b7\uf0a7-\u2013\u2014*\u00b7"  # bullets and end punctuation
_BULLET = re.compile(r"^\s*[\u2022\u25cf\u25aa\u25e6\-\u2013*\uf0b7\uf0a7]\s+")


def join_addressee_lines(lines: list[str]) -> str:
    """Printed addressee lines as one string: bulleted lines are separate names ("; "), wrapped lines
    of one name or sentence are joined with a space."""
    from ..textutil import join_lines

    entries: list[list[str]] = []
    closed = True
    for line in lines:
        bulleted = bool(_BULLET.match(line))
        text = clean_addressee_line(line)
        if not text:
            continue
        if bulleted or closed:
            entries.append([text])
        else:
            entries[-1].append(text)
        closed = line.rstrip().endswith((";", "."))
    return "; ".join(join_lines("\n".join(e)).rstrip(";,") for e in entries)


# "Minister of Mineral Resources and Energy", "Ministry of Foreign Affairs and Trade": one title whose
# "of" governs both words; a single capitalised word after "and" is no body of its own (an acronym
# is: "Department of Health and WXYZ" names two).
OF_PAIR = re.compile(
    r"(\bof\s+(?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+) and ([A-Z][a-z][\w'’-]*)(?=\s*(?:[,;.)]|$))"
)


# "Ministers of Mineral Resources, and Energy": a plural title whose "of" governs every conjunct
# after it, as long as none brings a determiner or an "of" of its own.
PLURAL_OF = re.compile(
    r"^(?:the\s+)?[A-Z][a-z]+s\s+of\s+[A-Z][\w'’-]*(?:(?:\s+|,\s*|,?\s+and\s+)(?!the\b|of\b)[A-Z&][\w'’-]*)*$"
)
# a function word run into the next word by the text layer ("ofMineral", "andEnergy")
GLUED_WORD = re.compile(r"\b(of|and|the|for|to|in|on)(?=[A-Z][a-z])")


def split_addressees(raw: str) -> list[str]:
    text = _LEAD.sub("", raw.strip()).strip().rstrip(".;:")
    text = GLUED_WORD.sub(r"\1 ", text)
    if PLURAL_OF.match(text):
        return [_ARTICLE.sub("", text)]
    text = _QUALIFIER.sub("", text)
    parts = [_ARTICLE.sub("", p.strip(_STRIP)) for p in _split_outside_brackets(text)]
    out: list[str] = []
    for p in parts:
        if p and len(p) > 1 and p.lower() not in {x.lower() for x in out}:
            out.append(p)
    return out


def _split_outside_brackets(text: str) -> list[str]:
    """Split on separators, leaving "(e.g. Nairobi RO)" and other bracketed asides whole."""
    hidden = re.sub(r"\([^()]*\)", lambda m: m.group(0).replace(",", "\x00").replace(" and ", " \x01 "), text)
    hidden = _SHARED_HEAD.sub(lambda m: m.group(1) + " \x01 " + m.group(2), hidden)
    hidden = FUNCTION_PAIR.sub(lambda m: m.group(1) + " \x01 " + m.group(2), hidden)
    hidden = OF_PAIR.sub(lambda m: m.group(1) + " \x01 " + m.group(2), hidden)
    return [p.replace("\x00", ",").replace(" \x01 ", " and ") for p in _SPLIT.split(hidden)]


def raw_actors(raw: str) -> tuple[Actor, ...]:
    return tuple(Actor(name=n, matched_as=n, registered=False) for n in split_addressees(raw))


# "... outcomes. (Addressed to: Programme Unit)", "(addressed to the Regional Bureau)", "(For: SOM)",
# "(Responsible: Country Office and Evaluation Office)": addressees printed in a bracket at the end of
# the wording. "for", "to", "lead" and "responsible" need a colon ("(for example ...)" is wording).
_TRAILING = re.compile(
    r"\s*\(\s*(?:(?:addressed|directed)\s+to\s*:?|(?:for|to|lead|action\s+by|responsible(?:\s+(?:units?|entit(?:y|ies)"
    r"|offices?|parties|party))?(?:\s*\(s\))?)\s*:)\s*(?P<who>[^():;\d]{2,160}?)\s*\)\s*\.?\s*$",
    re.I,
)


def split_trailing_addressees(text: str) -> tuple[str, str]:
    """(wording, addressees) for wording that ends with a bracket naming its addressees; the
    wording unchanged and "" otherwise."""
    m = _TRAILING.search(text)
    if not m:
        return text, ""
    who = _ARTICLE.sub("", m.group("who").strip())
    if not who[:1].isupper() or len(who.split()) > 20:
        return text, ""
    return text[: m.start()].rstrip(), who


def addressee_phrase(text: str) -> bool:
    """Whether a text printed after a recommendation's label names its addressees ("For the
    secretariat and SOM", "To: Project management", "Addressed to the Executive Board") rather
    than opening its wording ("To maintain a flexible approach ...", "For example, ...").

    An addressee field name ("Addressed to", ``[recommendations] addressee_fields``) or "for"/"to"
    with a colon always names; bare "for" or "to" names only when a name follows it: a capital,
    or a determiner (``name_determiners``) such as "the". "To" before any other lower-case word
    is an infinitive: the wording.
    """
    text = text.strip()
    v = vocab.current()
    field = v.regex("recommendations", "addressee_fields", r"^(?:{})\s*:?\s+\S").match(text)
    if field:
        return True
    m = re.match(r"^(?:for|to)\s*(?P<colon>:)?\s+(?P<next>\S+)", text, re.I)
    if not m:
        return False
    if m.group("colon"):
        return True
    nxt = m.group("next")
    if v.regex("recommendations", "name_determiners", r"^(?:{})$").match(nxt):
        return True
    return nxt[:1].isupper() and not re.match(r"^(?:example|instance)\b", nxt, re.I)
