"""Topic taxonomies as data: the TOML format, its validation, and patterns compiled for matching.

A taxonomy file (``config/topics.toml``, ``config/environment.toml``, ``config/sdg.toml``, or
your own, listed under ``[nlp] taxonomies`` in ``docket.toml``)::

    [taxonomy]
    name = "default"        # TopicTag.taxonomy; lower case letters, digits, "_", "-", "."
    language = "en"         # the language of the patterns at the topics' top level
    min_score = 0.5         # a topic is tagged when its score reaches this ...
    relative_min = 0.3      # ... and its weight is at least this share of the strongest topic's
    phrase_weight = 0.6     # one multi-word phrase
    lemma_weight = 0.4      # one unambiguous word
    cue_weight = 0.25       # one ambiguous word, counted only with a second cue in its clause
    lead_boost = 1.5        # a hit in a lead (first sentence, or a list item's) weighs this much more
    body_weight = 1.0       # ... and one in a later sentence (the reasons, the details) this share
    directive_weight = 1.0  # ... and one in a later sentence with a modal of its own ("CQC should")
    purpose_weight = 0.5    # ... in a purpose clause ("in order to", "so that", "with a view to")
    side_weight = 0.5       # ... in a conditional or background clause ("if", "while", "in line with")
    example_weight = 0.3    # ... in an example ("such as", "including") or a parenthesis
    name_weight = 0.0       # ... inside a proper name or title ("Education Outcomes Fund")
    repeat_weight = 0.5     # a term seen again counts at this share (twice at most)

    [[topics]]
    id = "funding"
    label = "Funding and resource mobilisation"
    description = "Funding modalities, contributions, budgets, donors, resource mobilisation."
    phrases = ["resource mobilization", "core funding"]    # two words or more
    lemmas = ["fund", "budget", "donor"]                    # single words
    cues = ["resources"]                                    # ambiguous: need a second cue
    exclude = ["fund manager"]                              # phrases whose words never count here
    actions = ["adopt", "review"]                           # verbs whose object is this topic

    [topics.fr]                                             # the same topic's French patterns
    phrases = ["mobilisation des ressources"]
    lemmas = ["financement", "budget", "bailleur"]

Patterns are compared on lemmas (``wordforms.Lexicon``), so "fund" matches "funds", "funding" and
"funded", and on word families, so "collaborate" matches "collaboration" and "collaborative". A
two-word phrase "A B" also matches "A x B" and "B ... A" with up to three words between, in the same clause
("meeting frequency": "frequency of its formal meetings"; "data collection": "collect more
systematic data"). A topic's ``actions`` are verbs: a term of the topic that is their object (the
verb at most six words before it, in the same main clause: "review sexual exploitation, abuse and
harassment policies") makes the topic what is asked for, so it is tagged on ``min_score`` alone
and not dropped for being weaker than another topic (``relative_min``). Every value is checked when the file is read; a bad file raises
``ConfigError`` naming the file, the key and what to fix.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError
from .wordforms import SUPPORTED, Lexicon

_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_PATTERN_KEYS = ("phrases", "lemmas", "cues", "exclude", "actions")
_TOPIC_KEYS = frozenset({"id", "label", "description", *_PATTERN_KEYS, *SUPPORTED})
# name -> (default, low, high)
WEIGHTS: dict[str, tuple[float, float, float]] = {
    "min_score": (0.5, 0.01, 1.0),
    "relative_min": (0.3, 0.0, 1.0),
    "phrase_weight": (0.6, 0.0, 0.99),
    "lemma_weight": (0.4, 0.0, 0.99),
    "cue_weight": (0.25, 0.0, 0.99),
    "lead_boost": (1.5, 1.0, 5.0),
    "body_weight": (1.0, 0.0, 1.0),
    "directive_weight": (1.0, 0.0, 5.0),
    "purpose_weight": (0.5, 0.0, 1.0),
    "side_weight": (0.5, 0.0, 1.0),
    "example_weight": (0.3, 0.0, 1.0),
    "name_weight": (0.0, 0.0, 1.0),
    "repeat_weight": (0.5, 0.0, 1.0),
}
_HEAD_KEYS = frozenset({"name", "language", "description", *WEIGHTS})

PHRASE, LEMMA, CUE = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Patterns:
    """One language's patterns of one topic, as written."""

    phrases: tuple[str, ...] = ()
    lemmas: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    label: str
    description: str
    patterns: tuple[tuple[str, Patterns], ...]  # (language, patterns)

    def patterns_for(self, lang: str) -> Patterns | None:
        return dict(self.patterns).get(lang)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    name: str
    topics: tuple[Topic, ...]
    language: str = "en"
    description: str = ""
    weights: tuple[tuple[str, float], ...] = ()
    source: str = ""

    def ids(self) -> list[str]:
        return [t.id for t in self.topics]

    def weight(self, key: str) -> float:
        return dict(self.weights).get(key, WEIGHTS[key][0])

    def languages(self) -> list[str]:
        return sorted({lang for t in self.topics for lang, _ in t.patterns})


def load_taxonomy(path: Path | str) -> Taxonomy:
    """Read and validate a taxonomy file (cached per file version)."""
    p = Path(path)
    return _load_taxonomy(str(p.resolve()), p.stat().st_mtime_ns if p.is_file() else 0)


@lru_cache(maxsize=32)
def _load_taxonomy(path: str, _mtime: int) -> Taxonomy:
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except OSError as e:
        raise ConfigError(path, f"cannot read the taxonomy: {e.strerror or e}") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(path, f"not valid TOML: {e}") from e
    return parse_taxonomy(data, path)


def _unknown(path: str, where: str, got: object, allowed: frozenset[str] | set[str]) -> None:
    extra = sorted(set(got) - set(allowed)) if isinstance(got, dict) else []
    if extra:
        raise ConfigError(path, f"unknown key(s) {extra}; expected some of {sorted(allowed)}", key=where)


def _terms(path: str, where: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, "must be a list of strings", key=where)
    for v in value:
        if not v.strip():
            raise ConfigError(path, "has an empty pattern; remove it or write the term", key=where)
    return tuple(v.strip() for v in value)


def _patterns(path: str, where: str, raw: dict, lex: Lexicon) -> Patterns:
    found = {k: _terms(path, f"{where}.{k}", raw.get(k, [])) for k in _PATTERN_KEYS}
    seen: dict[tuple[str, ...], tuple[str, str]] = {}
    kept: dict[str, list[str]] = {k: [] for k in _PATTERN_KEYS}
    for k in ("phrases", "lemmas", "cues"):
        for term in found[k]:
            seq = lex.lemmas(term)
            if not seq:
                raise ConfigError(path, f"pattern {term!r} has no words", key=f"{where}.{k}")
            if seq in seen:
                other, other_k = seen[seq]
                if other.lower() == term.lower():
                    raise ConfigError(path, f"pattern {term!r} is listed twice", key=f"{where}.{k}")
                if (other_k == "cues") != (k == "cues"):
                    raise ConfigError(
                        path,
                        f"{term!r} ({k}) and {other!r} ({other_k}) are one word once lemmatized "
                        f"({' '.join(seq)!r}); a word is either unambiguous or a cue, list it once",
                        key=f"{where}.{k}",
                    )
                continue  # another spelling or form of a listed word: the lemma covers it
            seen[seq] = (term, k)
            kept[k].append(term)
    for k in ("exclude", "actions"):
        kept[k] = list(found[k])
        for term in found[k]:
            seq = lex.lemmas(term)
            if not seq:
                raise ConfigError(path, f"pattern {term!r} has no words", key=f"{where}.{k}")
            if k == "actions" and len(seq) != 1:
                raise ConfigError(path, f"action {term!r} must be one verb", key=f"{where}.{k}")
    return Patterns(**{k: tuple(v) for k, v in kept.items()})


def parse_taxonomy(data: dict, path: str = "<taxonomy>") -> Taxonomy:
    """Validate the parsed TOML of a taxonomy file."""
    _unknown(path, "top level", data, {"taxonomy", "topics"})
    head = data.get("taxonomy", {})
    if not isinstance(head, dict):
        raise ConfigError(path, "[taxonomy] must be a table", key="taxonomy")
    _unknown(path, "taxonomy", head, _HEAD_KEYS)
    name = head.get("name", Path(path).stem)
    if not isinstance(name, str) or not _ID.match(name):
        raise ConfigError(
            path, f"name {name!r} must be lower case letters, digits, '_', '-' or '.'", key="taxonomy.name"
        )
    language = head.get("language", "en")
    if language not in SUPPORTED:
        raise ConfigError(
            path, f"language {language!r} is not one of {list(SUPPORTED)}", key="taxonomy.language"
        )
    weights = []
    for key, (default, low, high) in WEIGHTS.items():
        value = head.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            raise ConfigError(
                path, f"{key} must be a number from {low} to {high}, not {value!r}", key=f"taxonomy.{key}"
            )
        weights.append((key, float(value)))
    raw_topics = data.get("topics", [])
    if not isinstance(raw_topics, list) or not raw_topics:
        raise ConfigError(path, "no [[topics]] entries; a taxonomy needs at least one topic", key="topics")
    topics, seen_ids = [], set()
    for i, raw in enumerate(raw_topics):
        where = f"topics[{i}]"
        if not isinstance(raw, dict):
            raise ConfigError(path, "each [[topics]] entry must be a table", key=where)
        _unknown(path, where, raw, _TOPIC_KEYS)
        tid = raw.get("id", "")
        if not isinstance(tid, str) or not _ID.match(tid):
            raise ConfigError(
                path, f"id {tid!r} must be lower case letters, digits, '_', '-' or '.'", key=f"{where}.id"
            )
        if tid in seen_ids:
            raise ConfigError(path, f"duplicate topic id {tid!r}", key=f"{where}.id")
        seen_ids.add(tid)
        label = raw.get("label", "")
        if not isinstance(label, str) or not label.strip():
            raise ConfigError(path, "label is empty", key=f"{tid}.label")
        description = raw.get("description", "")
        if not isinstance(description, str):
            raise ConfigError(path, "description must be a string", key=f"{tid}.description")
        by_lang = [(language, _patterns(path, tid, raw, Lexicon.for_language(language)))]
        for lang in SUPPORTED:
            if lang not in raw:
                continue
            sub = raw[lang]
            if lang == language or not isinstance(sub, dict):
                raise ConfigError(
                    path,
                    f"[topics.{lang}] must be a table of patterns in a language other than the "
                    f"taxonomy's ({language!r}, whose patterns go at the topic's top level)",
                    key=f"{tid}.{lang}",
                )
            _unknown(path, f"{tid}.{lang}", sub, set(_PATTERN_KEYS))
            by_lang.append((lang, _patterns(path, f"{tid}.{lang}", sub, Lexicon.for_language(lang))))
        by_lang = [(lang, p) for lang, p in by_lang if p.phrases or p.lemmas or p.cues]
        if not by_lang:
            raise ConfigError(path, "a topic needs at least one phrase, lemma or cue pattern", key=tid)
        topics.append(Topic(tid, label.strip(), description.strip(), tuple(by_lang)))
    return Taxonomy(
        name=name,
        topics=tuple(topics),
        language=language,
        description=str(head.get("description", "")).strip(),
        weights=tuple(weights),
        source=path,
    )


@dataclass(slots=True)
class Compiled:
    """One language's patterns of a taxonomy, as lemma and family keys for matching."""

    family: dict[str, str] = field(default_factory=dict)  # lemma -> family key
    single: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # key -> [(topic, kind)]
    phrases: dict[str, list[tuple[tuple[str, ...], int, int]]] = field(default_factory=dict)
    pairs: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)  # B -> [(A, topic, kind)]
    gapped: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)  # A -> [(B, topic, kind)]
    exclude: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict)
    actions: dict[str, set[int]] = field(default_factory=dict)  # verb lemma -> topics it anchors
    max_len: int = 1
    first: frozenset[str] = frozenset()  # keys that start an exclude, a phrase or a pair (A or B)
    weights: dict[str, float] = field(default_factory=dict)  # the taxonomy's weights, every key


_STOP = {
    "en": frozenset("of and the a an for to in on with by or at its their".split()),
    "fr": frozenset("de du des la le les l d et en à au aux pour par sur un une".split()),
}


_COMPILED: dict[tuple[int, str], tuple[Taxonomy, Compiled]] = {}


def compile_taxonomy(tax: Taxonomy, lang: str) -> Compiled:
    """The patterns of ``lang`` (empty when the taxonomy has none in that language)."""
    # Looked up by identity first: hashing a whole taxonomy for every text is slow. The entry
    # keeps the taxonomy alive, so its id cannot be reused by another object.
    found = _COMPILED.get((id(tax), lang))
    if found is None or found[0] is not tax:
        found = _COMPILED[(id(tax), lang)] = (tax, _compile(tax, lang))
    return found[1]


@lru_cache(maxsize=32)
def _compile(tax: Taxonomy, lang: str) -> Compiled:
    lex = Lexicon.for_language(lang)
    stop = _STOP.get(lang, frozenset())
    entries: list[tuple[tuple[str, ...], int, int, bool]] = []  # (lemmas, topic, kind, exclude)
    c_actions: dict[str, set[int]] = {}
    compounds: set[tuple[tuple[str, ...], int]] = set()  # hyphenated phrases: word for word only
    for ti, topic in enumerate(tax.topics):
        pats = topic.patterns_for(lang)
        if pats is None:
            continue
        for kind, terms in ((PHRASE, pats.phrases), (LEMMA, pats.lemmas), (CUE, pats.cues)):
            for term in terms:
                seq = lex.lemmas(term)
                k = kind if kind == CUE else (PHRASE if len(seq) > 1 else LEMMA)
                entries.append((seq, ti, k, False))
                if len(seq) > 1 and re.search(r"\w-\w", term) and not term.endswith("ing"):
                    # "risk-based" is no "based on ... risk"; "capacity-building" is "build ... capacity"
                    compounds.add((seq, ti))
        for term in pats.exclude:
            entries.append((lex.lemmas(term), ti, PHRASE, True))
        for term in pats.actions:
            c_actions.setdefault(lex.lemmas(term)[0], set()).add(ti)
    # Word families: a listed single word keeps its own key and lends it to the unlisted members of
    # its family ("collaborate" -> "collaboration"); so does a phrase's word. Two listed words
    # never merge: "measure" (ambiguous) stays apart from "measurement".
    c = Compiled(actions=c_actions, weights={k: tax.weight(k) for k in WEIGHTS})
    listed = [seq[0] for seq, _ti, _k, excl in entries if len(seq) == 1 and not excl]
    listed_set = set(listed)
    words = listed + [w for seq, *_ in entries if len(seq) > 1 for w in seq if w not in stop]
    for w in words:
        root = c.family.setdefault(w, w)
        for member in sorted(lex.family(w)):
            if member not in listed_set:
                c.family.setdefault(member, root)
    key = c.family.get
    for seq, ti, kind, excl in entries:
        keys = tuple(key(w, w) for w in seq)
        c.max_len = max(c.max_len, len(keys))
        if excl:
            c.exclude.setdefault(keys[0], []).append((keys, ti))
        elif len(keys) == 1:
            c.single.setdefault(keys[0], []).append((ti, kind))
        else:
            c.phrases.setdefault(keys[0], []).append((keys, ti, kind))
            content = [k for k, w in zip(keys, seq, strict=True) if w not in stop]
            if len(keys) == 2 and len(content) == 2 and (seq, ti) not in compounds:
                c.pairs.setdefault(keys[1], []).append((keys[0], ti, kind))
                c.gapped.setdefault(keys[0], []).append((keys[1], ti, kind))
    for lst in c.phrases.values():
        lst.sort(key=lambda x: -len(x[0]))
    c.first = frozenset(c.exclude) | frozenset(c.phrases) | frozenset(c.gapped) | frozenset(c.pairs)
    return c
