"""The shape of a recommendation's wording, for topic scoring: leads, clauses, names, addressee.

``analyse(text)`` splits a text into words (with offsets and lemmas, ``wordforms.Lexicon``) and
gives every word:

- ``lead``: ``LEAD``, in a lead, the first sentence of the text or of a list item (a list item
  starts after ";" or at a marker: "(a)", "b)", "(iii)", "2.", "1.2.", a bullet), so each item of
  a list is scored like a recommendation of its own; ``DIRECTIVE``, in a later sentence with a
  modal of its own ("CQC should assess ..."), which asks for something too; ``BODY``, in a later
  sentence without one (the findings, the reasons);
- ``clause``: the number of its clause. Clauses end at ". ; : ! ?", at parentheses and at the
  start and end of a side clause; an ambiguous term needs a second cue in the same clause;
- ``role``: ``MAIN``; ``PURPOSE``, in a purpose clause ("in order to", "so that", "with a view
  to"); ``SIDE``, in a conditional, concessive, temporal or background clause or a framing phrase
  ("if", "once the ...", "funds permitting", "while", "in line with", "before the ...", "within
  the context of"; up to the next comma, or 15 words when no comma closes it); ``EXAMPLE``,
  in an example or a parenthesis ("such as", "e.g.", "including", up to the next ";", "." or ")");
  ``NAME``, inside a proper name or title ("Education Outcomes Fund", "Delegation of Authority",
  a registry actor); ``SKIP``, in the addressee ("Legislative organs ... should request") or a
  list marker.

A word written in capitals ("SEA", "CFM") is an acronym: one spelled like a word of the language
keeps its capitals as its lemma, so only a pattern written in capitals matches it.

A name is a run of capitalised words (with "of", "for", "and", "the" ... inside) that has three
capitalised words, or two around such a connector, or ends in an organisation's head noun
("Fund", "Network", "Office"); a sentence's first word only counts when the next one is
capitalised as well. The addressee is the subject of the first modal of a sentence or item
("X should ...", "X devraient ..."), unless the modal is passive ("should be strengthened"),
where the subject is what the recommendation is about.

The grammar words are per language, below; the taxonomy decides what each role weighs.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import cast

from .wordforms import WORD, Lexicon, detect_language, is_acronym

MAIN, PURPOSE, SIDE, EXAMPLE, NAME, SKIP = 0, 1, 2, 3, 4, 5
BODY, DIRECTIVE, LEAD = 0, 1, 2  # where a word stands: see ``lead``
ROLE_NAMES = ("main", "purpose", "side", "example", "name", "skip")

_ABBREV_END = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|No|Nos|para|paras|Rev|Add|Corr|vol|art|cf|St|Mr|Ms|Mrs|Dr|Prof|al|approx|incl|"
    r"Sept|Oct|Nov|Dec|Jan|Feb|Mar|Apr|Aug|p|pp|[A-Z])\.)$"
)
_SENTENCE_END = re.compile(r"[.!?](?=[\"”’)]?\s+[\"“‘(]?[A-ZÀ-Ý0-9])")
_CLAUSE_END = re.compile(r"[;:!?]|\.(?=\s|$)")
# list markers: "(a)", "a)", "(iii)", "iv)", "(2)", "2)", "2.", "1.2.", "1.1" before a capital; bullets
_MARKER = re.compile(
    r"(?<![^\s:;])(?:\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)|(?:[a-z]|[ivx]{1,4})\)|\d{1,2}(?:\.\d{1,2})*[.)]"
    r"|\d{1,2}\.\d{1,2}(?=\s+[A-Z]))(?=\s)|[•●▪◦■]"
)

_GRAMMAR: dict[str, dict[str, re.Pattern]] = {
    "en": {
        "side": re.compile(
            r"\b(?:if|unless|whenever|when|once(?=\s+(?:the|a|an|this|these|it|they|all)\b)|where(?:ver)?\s+(?:possible|feasible|appropriate|relevant|necessary|"
            r"applicable|needed)|provided\s+that|subject\s+to|(?:funds|resources|funding)\s+permitting|"
            r"as\s+(?:appropriate|needed|necessary|relevant|applicable)|to\s+the\s+extent\s+possible|"
            r"while|whilst|although|though|before(?=\s+(?:the|its|their|any)\b)|prior\s+to|"
            r"with(?:in)?\s+the\s+(?:context|framework)\s+of|in\s+the\s+(?:context|framework)\s+of|as\s+part\s+of|"
            r"for\s+(?:any|all)\s+(?:future|similar|new)|"
            r"notwithstanding|given\s+(?:that|the)|considering|since|because|in\s+light\s+of|in\s+view\s+of|"
            r"in\s+anticipation\s+of|in\s+line\s+with|in\s+accordance\s+with|in\s+conjunction\s+with|"
            r"consistent\s+with|building\s+on|based\s+on|on\s+the\s+basis\s+of|as\s+recommended\s+in|"
            r"as\s+required\s+by|as\s+per|as\s+well\s+as\s+to|(?:as\s+)?informed\s+by|"
            r"(?<=,\s)(?!including\b)[a-z]+ing\b)\b",
            re.I,
        ),
        "purpose": re.compile(
            r"\b(?:in\s+order\s+(?:to|for)|so\s+as\s+to|so\s+that|with\s+a\s+view\s+to|for\s+the\s+purposes?\s+of|"
            r"with\s+the\s+(?:aim|objective|purpose|goal)\s+of|aimed\s+at)\b",
            re.I,
        ),
        "example": re.compile(
            r"\b(?:such\s+as|e\.\s?g\.|for\s+example|for\s+instance|including|inter\s+alia|among\s+others|notably)"
            r"(?=\W)",
            re.I,
        ),
        "modal": re.compile(
            r"\b(?:should|must|shall|ought\s+to|needs?\s+to|will\s+need\s+to|may\s+wish\s+to|"
            r"(?:is|are)\s+(?:requested|encouraged|invited|urged|called\s+upon|recommended)\s+to)\b",
            re.I,
        ),
        "passive": re.compile(r"\W*(?:\w+\W+)?(?:be|being|been|have\s+been)\b", re.I),
        "connector": re.compile(r"^(?:of|for|and|the|on|in|to|&)$", re.I),
    },
    "fr": {
        "side": re.compile(
            r"\b(?:si|lorsqu(?:e|’|')|quand|sous\s+réserve|tout\s+en|bien\s+que|car|compte\s+tenu|"
            r"dans\s+le\s+cadre\s+d(?:e|es|u|’|')|pour\s+(?:tout|tous|les|des)\s+(?:futurs?|projets?\s+similaires)|"
            r"étant\s+donné|en\s+adéquation\s+avec|conformément\s+(?:à|aux)|en\s+\w+ant)(?=\W)",
            re.I,
        ),
        "purpose": re.compile(
            r"\b(?:afin\s+(?:de|d’|d'|que)|pour\s+que|en\s+vue\s+(?:de|d’|d')|dans\s+le\s+but\s+(?:de|d’|d'))(?=\W)",
            re.I,
        ),
        "example": re.compile(
            r"\b(?:tel(?:le)?s?\s+que|comme|notamment|par\s+exemple|y\s+compris|entre\s+autres)(?=\W)", re.I
        ),
        "modal": re.compile(
            r"\b(?:devrai(?:en)?t|doi(?:ven)?t|devr(?:a|ont)|(?:est|sont)\s+invité(?:e)?s?\s+à)\b", re.I
        ),
        "passive": re.compile(r"\W*(?:\w+\W+)?(?:être|été)\b", re.I),
        "connector": re.compile(r"^(?:de|du|des|la|le|les|et|pour|d|l|en|à|au|aux)$", re.I),
        # "Il est recommandé aux agences ..., en collaboration avec X, de renforcer": the addressee
        "impersonal": re.compile(
            r"\bil\s+(?:est|serait)\s+(?:(?:également|aussi)\s+)?(?:recommandé|opportun|important|nécessaire|"
            r"souhaitable|utile)\s+(?:pour|à|aux?)\s+(?P<who>.+?)\s*,?\s+d(?:e\s+|[’'])(?=\w+(?:er|ir|re)\b)",
            re.I,
        ),
    },
}

# The side, example and modal patterns in one pass over the lower-cased text, without re.I (several
# times faster; a text whose length changes when lower-cased, rare, is read with the patterns
# above): the kind is the name of the group that matched. "\b" comes first because most positions
# are inside a word and fail at once.
_SCAN: dict[str, re.Pattern] = {
    lang: re.compile(
        r"\b(?=[^\W\d_])(?:"
        + "|".join(f"(?P<{k}>{g[k].pattern})" for k in ("side", "purpose", "example", "modal"))
        + ")"
    )
    for lang, g in _GRAMMAR.items()
}

_SIDE_STOP = re.compile(r"[,;.:!?()]|\s[-–—]\s")
_EXAMPLE_STOP = re.compile(r"[;:!?()]|\.(?=\s|$)")
MAX_SIDE_WORDS = 15

_ORG_HEADS = frozenset(
    "fund network office committee centre center division unit group bank agency council commission "
    "organization organisation association foundation institute facility alliance forum board bureau "
    "secretariat department ministry team programme program project hub panel service services "
    "comité bureau direction ministère fonds réseau programme projet secrétariat agence".split()
)


@dataclass(slots=True)
class Analysis:
    """One text's words and the roles of their positions (parallel lists)."""

    text: str
    lang: str
    starts: list[int]
    ends: list[int]
    lemmas: list[str]
    lead: list[int]  # LEAD, DIRECTIVE or BODY
    clause: list[int]
    role: list[int]
    name_run: list[int]  # index of the name run a word is in, -1 outside names
    runs: list[tuple[int, int]]  # name runs as [start word, end word)


def _span_words(starts: list[int], ends: list[int], c0: int, c1: int) -> range:
    """Indices of the words inside characters [c0, c1)."""
    return range(bisect_left(starts, c0), bisect_right(ends, c1))


def analyse(text: str, lang: str | None = None, actor_spans: list[tuple[int, int]] | None = None) -> Analysis:
    """Words, lemmas and roles of ``text``. ``lang`` None = detect English or French.
    ``actor_spans`` are character spans of known actors (the registry's matches): names."""
    matches = list(WORD.finditer(text))
    surfaces = [m.group() for m in matches]
    starts = [m.start() for m in matches]
    ends = [m.end() for m in matches]
    n = len(matches)
    if lang is None:
        lang = detect_language(surfaces[:60])
    grammar = _GRAMMAR.get(lang, _GRAMMAR["en"])
    lex = Lexicon.for_language(lang)
    lemma = lex.lemma
    lemmas = [lemma(w) for w in surfaces]
    acronyms = [k for k, w in enumerate(surfaces) if w.isupper() and len(w) > 1]
    if acronyms and len(acronyms) <= 0.6 * n:  # in a text set in capitals, capitals say nothing
        for k in acronyms:
            lemmas[k] = lex.acronym_key(surfaces[k])
    role = [MAIN] * n
    lead = [BODY] * n
    clause = [0] * n
    name_run = [-1] * n
    runs: list[tuple[int, int]] = []
    if not n:
        return Analysis(text, lang, starts, ends, lemmas, lead, clause, role, name_run, runs)

    low = text.lower()
    found: dict[str, list[re.Match]] = {"side": [], "purpose": [], "example": [], "modal": []}
    if len(low) == len(text):
        for m in _SCAN[lang if lang in _SCAN else "en"].finditer(low):
            found[cast(str, m.lastgroup)].append(m)  # every alternative is a named group
    else:
        found = {kind: list(grammar[kind].finditer(text)) for kind in found}

    # units: the text, list items (after ";" or a marker) and sentences; a unit's first sentence leads
    unit_starts = {0: True}  # char offset -> starts a lead
    markers = []
    for m in _MARKER.finditer(text):
        unit_starts[m.start()] = True
        markers.append((m.start(), m.end()))
    for m in re.finditer(r";", text):
        unit_starts[m.end()] = True
    for m in _SENTENCE_END.finditer(text):
        if any(c0 <= m.start() < c1 for c0, c1 in markers):
            continue  # the dot of "1.2."
        if not _ABBREV_END.search(text[max(0, m.start() - 8) : m.end()]):
            unit_starts.setdefault(m.end(), False)
    bounds = sorted(unit_starts)
    modal_at = [m.start() for m in found["modal"]]
    for i, c0 in enumerate(bounds):
        c1 = bounds[i + 1] if i + 1 < len(bounds) else len(text)
        # a later sentence with a modal of its own ("CQC should assess ...") asks for something
        # too: it leads like a list item; one without (the reasons, the findings) does not
        if unit_starts[c0]:
            for k in _span_words(starts, ends, c0, c1):
                lead[k] = LEAD
        elif bisect_left(modal_at, c0) < bisect_left(modal_at, c1):
            for k in _span_words(starts, ends, c0, c1):
                lead[k] = DIRECTIVE
    for c0, c1 in markers:
        for k in _span_words(starts, ends, c0, c1):
            role[k] = SKIP

    # clauses: punctuation, parentheses, side clauses
    cuts = [m.start() for m in _CLAUSE_END.finditer(text)]
    cuts += [m.start() for m in re.finditer(r"[()]", text)]
    spans: list[tuple[int, int, int]] = []  # (c0, c1, role)
    for m in re.finditer(r"\(([^()]*)\)", text):
        if not _MARKER.fullmatch(m.group()):
            spans.append((m.start(), m.end(), EXAMPLE))
    clause_kinds = (
        ("side", _SIDE_STOP, SIDE),
        ("purpose", _SIDE_STOP, PURPOSE),
        ("example", _EXAMPLE_STOP, EXAMPLE),
    )
    for kind, stop, r in clause_kinds:
        for m in found[kind]:
            end = stop.search(text, m.end())
            c1 = end.start() if end else len(text)
            if r != EXAMPLE:  # a conditional or purpose clause without a comma ends within MAX_SIDE_WORDS
                far = _span_words(starts, ends, m.end(), c1)
                closed = end is not None and end.group() == "," and len(far) <= 2 * MAX_SIDE_WORDS
                if len(far) > MAX_SIDE_WORDS and not closed:
                    c1 = ends[far[MAX_SIDE_WORDS - 1]]
            spans.append((m.start(), c1, r))
            cuts += [m.start(), c1]
    for c0, c1, r in spans:
        for k in _span_words(starts, ends, c0, c1):
            if role[k] < r:
                role[k] = r
    cuts.sort()
    clause = [bisect_right(cuts, c) for c in starts]

    _mark_addressees(
        text, grammar, [(m.start(), m.end()) for m in found["modal"]], starts, ends, bounds, role
    )
    _mark_names(text, surfaces, starts, ends, lead, grammar, actor_spans or [], role, name_run, runs)
    return Analysis(text, lang, starts, ends, lemmas, lead, clause, role, name_run, runs)


def _mark_addressees(
    text: str,
    grammar: dict,
    modals: list[tuple[int, int]],
    starts: list[int],
    ends: list[int],
    bounds: list[int],
    role: list[int],
) -> None:
    """``modals``: the character spans of the text's modals, in order."""
    imp = grammar.get("impersonal")
    for i, c0 in enumerate(bounds):
        c1 = bounds[i + 1] if i + 1 < len(bounds) else len(text)
        unit = text[c0:c1]
        who = None
        m = imp.search(unit) if imp else None
        if m:
            who = (c0 + m.start("who"), c0 + m.end("who"))
        else:
            m0, m1 = next(((m0, m1) for m0, m1 in modals if c0 <= m0 and m1 <= c1), (-1, -1))
            if m0 >= 0 and not grammar["passive"].match(text, m1, c1):
                ms = m0 - c0
                cut = max(unit.rfind(";", 0, ms), unit.rfind(":", 0, ms)) + 1
                subject = unit[cut:ms]
                if subject.strip() and len(subject.split()) <= 30:
                    who = (c0 + cut, m0)
        if who:
            for k in _span_words(starts, ends, *who):
                role[k] = SKIP


# where a sentence or list item starts: after a stop and an optional list marker (a pattern that
# starts with a character class, which the regex engine scans for quickly)
_STOP_THEN_MARKER = re.compile(r"[.;:!?]\s*(?:\(?[a-z0-9ivx]{1,4}[.)]\s*)?")
_AFTER_STOP = re.compile(r"\s*(?:\(?[a-z0-9ivx]{1,4}[.)]\s*)?")


def _mark_names(
    text: str,
    surfaces: list[str],
    starts: list[int],
    ends: list[int],
    lead_: list[int],
    grammar: dict,
    actor_spans: list[tuple[int, int]],
    role: list[int],
    name_run: list[int],
    runs: list[tuple[int, int]],
) -> None:
    n = len(surfaces)
    cap = [w[:1].isupper() for w in surfaces]
    caps = sum(1 for w, c in zip(surfaces, cap, strict=True) if c and not is_acronym(w))
    if caps > 0.6 * n:  # a title-cased or upper-case text: capitals say nothing
        return
    connector = grammar["connector"]
    sentence_start = {0, cast(re.Match, _AFTER_STOP.match(text)).end()}  # matches the empty string too
    for m in _STOP_THEN_MARKER.finditer(text):
        sentence_start.add(m.end())
    k = 0
    while k < n:
        if not cap[k]:
            k += 1
            continue
        j = k + 1
        last_cap = k
        while j < n:
            gap = text[ends[j - 1] : starts[j]]
            if gap not in (" ", "-", "–", "’", "'") and not (gap.isspace() and "\n" not in gap):
                break
            if cap[j]:
                last_cap = j
            elif not connector.match(surfaces[j]):
                break
            j += 1
        end = last_cap + 1
        words = surfaces[k:end]
        first_initial = starts[k] in sentence_start
        counted = [
            w
            for i, w in enumerate(words)
            if w[:1].isupper() and not (i == 0 and first_initial) and not is_acronym(w)
        ]
        acr = sum(1 for w in words if is_acronym(w))
        has_conn = any(connector.match(w) for w in words[1:-1])
        head = words[-1].lower() in _ORG_HEADS and len(words) >= 2
        if len(counted) >= 3 or (len(counted) >= 2 and has_conn) or (head and len(counted) + acr >= 2):
            run_id = len(runs)
            runs.append((k, end))
            for i in range(k, end):
                if role[i] < NAME:
                    role[i] = NAME
                name_run[i] = run_id
        k = max(end, k + 1)
    for c0, c1 in actor_spans:
        idx = list(_span_words(starts, ends, c0, c1))
        if idx:
            run_id = len(runs)
            runs.append((idx[0], idx[-1] + 1))
            for i in idx:
                if role[i] < NAME:
                    role[i] = NAME
                name_run[i] = run_id
