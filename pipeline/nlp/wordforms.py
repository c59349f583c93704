"""Word forms for topic matching: lemmas from spaCy's lookup tables, word families, language.

``Lexicon.for_language(lang)`` loads the ``lemma_lookup`` table that the pinned package
``spacy-lookups-data`` ships for that language (offline; no model download), so "funding",
"funds" and "funded" all become "fund" and "renforcent" becomes "renforcer". British spellings
become American ones when the lexicon knows both ("organisation", "analyse" -> "organization",
"analyze"), and a word the table does not know keeps its lower-case form, less a plural "s".

Derivation is not inflection: the lookup table leaves "collaboration" and "collaborate" apart.
``Lexicon.family(word)`` gives the words of one derivational family (collaborate, collaboration,
collaborative, collaborator), built by a fixed set of suffix alternations and kept only where the
lexicon knows the word; the taxonomy compiles its terms with it (see ``taxonomy.py``), so a
pattern matches every member without listing it. Families are built from the pattern side only:
"govern" is no pattern, so "government" never reaches "governance".

``detect_language(words)`` tells English from French by their function words.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, cast

log = logging.getLogger(__name__)

SUPPORTED = ("en", "fr")

# Suffix alternations of one derivational family, per language: verbs, their nouns of action and
# agent nouns. A word ending in one suffix of a group has the siblings stem + other suffix, when the
# lexicon knows them. Adjectives are left out on purpose: "strategic", "financial", "inclusive" are
# looser than their nouns and are listed as cues where a topic wants them.
_SUFFIX_GROUPS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (
        ("ate", "ation", "ator"),
        ("ize", "ization"),
        ("", "ment"),
        ("", "or", "er"),
        ("", "ship"),
    ),
    "fr": (
        ("er", "ation", "ateur", "atrice"),
        ("er", "ement"),
        ("ir", "issement"),
    ),
}

# Agent nouns name people ("regulator", "evaluator"), not what they do: a verb lends its family to
# them ("collaborate" -> "collaborator"), a noun of action or an agent noun does not.
_AGENT_SUFFIXES: dict[str, tuple[str, ...]] = {"en": ("ator", "or", "er"), "fr": ("ateur", "atrice")}
_ACTION_NOUN_SUFFIXES = frozenset({"ation", "ization", "ment", "ement", "issement"})

# British -> American spelling, applied when the lexicon knows the result.
_SPELLING = (
    ("isation", "ization"),
    ("ise", "ize"),
    ("yse", "yze"),
    ("our", "or"),
    ("tre", "ter"),
    ("programme", "program"),
)

_FUNCTION_WORDS = {
    "en": frozenset("the of and to in for with on is are be by should that this their its from".split()),
    "fr": frozenset(
        "le la les des du de et en pour dans une un au aux est sont par sur avec devrait".split()
    ),
}


def _first(value) -> str:
    if isinstance(value, list):
        return value[0] if value else ""
    return value if isinstance(value, str) else ""


class Lexicon:
    """Lemmas and word families of one language."""

    def __init__(self, lang: str, lookup: dict[str, str], known: frozenset[str]):
        self.lang = lang
        self._lookup = lookup
        self.known = known
        self.lemma = lru_cache(maxsize=200_000)(self._lemma)

    @classmethod
    @lru_cache(maxsize=8)
    def for_language(cls, lang: str) -> Lexicon:
        """The lexicon of ``lang`` ("en", "fr"), loaded once per process."""
        lookup: dict[str, str] = {}
        known: set[str] = set()
        try:
            from spacy.util import load_language_data, registry  # the lookups may be absent: see except

            paths = registry.lookups.get(lang) if lang in registry.lookups else {}
            if "lemma_lookup" in paths:
                raw = cast(dict[Any, Any], load_language_data(paths["lemma_lookup"]))
                lookup = {k: _first(v) for k, v in raw.items() if isinstance(k, str)}
            if "lemma_index" in paths:
                index = cast(dict[Any, Any], load_language_data(paths["lemma_index"]))
                for words in index.values():
                    known.update(w for w in words if isinstance(w, str))
        except (ImportError, OSError, ValueError) as e:  # pragma: no cover - the package is pinned
            log.warning("no lemma table for %r (%s): topic terms match on light lemmas", lang, e)
        if not lookup:
            log.warning("spacy-lookups-data has no lemma table for %r: topic terms match on word forms", lang)
        known.update(lookup)
        known.update(lookup.values())
        return cls(lang, lookup, frozenset(known))

    def _lemma(self, word: str) -> str:
        w = word.lower().replace("’", "'")
        if self.lang == "en" and w.endswith("'s"):
            w = w[:-2]
        lem = self._lookup.get(w)
        if lem is None:
            lem = w
            if len(w) > 4 and w.endswith("s") and not w.endswith(("ss", "us", "is")) and w[:-1] in self.known:
                lem = w[:-1]
        if self.lang == "en":
            lem = self._american(lem)
        return lem

    def _american(self, w: str) -> str:
        for brit, amer in _SPELLING:
            i = w.rfind(brit)
            if i > 0 and (brit == "programme" or i + len(brit) == len(w)):
                cand = w[:i] + amer + w[i + len(brit) :]
                cand = self._lookup.get(cand, cand)
                if cand in self.known:
                    return cand
        return w

    def lemmas(self, text: str) -> tuple[str, ...]:
        """The lemmas of a pattern, acronyms spelled like words kept apart (``acronym_key``)."""
        return tuple(self.acronym_key(w) if is_acronym(w) else self.lemma(w) for w in WORD.findall(text))

    def acronym_key(self, word: str) -> str:
        """What an acronym is compared as: as written when its lower case is a word of the
        language ("SEA" is no sea, "IT" no pronoun), else like any word ("COVID", "CFM")."""
        low = word.lower()
        return word if low in self.known else self.lemma(word)

    def family(self, word: str) -> set[str]:
        """``word`` (a lemma) and the members of its derivational family the lexicon knows."""
        out = {word}
        if len(word) < 4:
            return out
        agents = _AGENT_SUFFIXES.get(self.lang, ())
        for group in _SUFFIX_GROUPS.get(self.lang, ()):
            for suffix in group:
                if not word.endswith(suffix) or (suffix and suffix in agents):
                    continue  # an agent noun lends nothing: "indicator" is no "indicate"
                stem = word[: len(word) - len(suffix)] if suffix else word
                if len(stem) < 3:
                    continue
                for other in group:
                    # only a group whose base is not a word of its own may lose its suffix: "measure"
                    # is looser than "measurement", "partner" than "partnership", "cent" no "center"
                    if suffix in _ACTION_NOUN_SUFFIXES and other in agents:
                        continue  # a noun of action has no agent: "regulation" is no "regulator"
                    if other != suffix and (group[0] or len(other) > len(suffix)):
                        cand = self.lemma(stem + other)
                        if cand in self.known and cand != word:
                            out.add(cand)
        return out


WORD = re.compile(r"[^\W_]+", re.UNICODE)


def is_acronym(word: str) -> bool:
    """ "SEA", "CFM", "ICT": two capitals or more and no lower-case letter. In a text that is not
    set in capitals, an acronym that is spelled like a word is compared as written, so "SEA"
    (sexual exploitation and abuse) is not the sea: only a pattern written in capitals matches it."""
    return len(word) >= 2 and word.isupper()


def detect_language(words: Iterable[str], default: str = "en") -> str:
    """ "fr" when French function words outnumber English ones (in lower case), else ``default``."""
    lowered = [w.lower() for w in words]
    counts = {lang: sum(1 for w in lowered if w in fw) for lang, fw in _FUNCTION_WORDS.items()}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] > counts.get(default, 0) else default
