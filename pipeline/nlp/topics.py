"""Topics: a configurable taxonomy (``config/topics.toml``, ``config/sdg.toml``) and its tagger.

A taxonomy file::

    [taxonomy]
    name = "default"          # TopicTag.taxonomy
    min_score = 0.5           # a topic is tagged when its score reaches this
    phrase_weight = 0.7       # weight of one multi-word phrase hit
    lemma_weight = 0.35       # weight of one single-word (lemma) hit
    lead_boost = 2.0          # hits in the first sentence (what is recommended) weigh this much more
    relative_min = 0.3        # and a topic needs this share of the strongest topic's weight

    [[topics]]
    id = "funding"
    label = "Funding and resource mobilisation"
    description = "..."
    phrases = ["resource mobilization", "core funding"]
    lemmas = ["fund", "budget", "donor"]

Long recommendations mention many things; the lead sentence says what is recommended, so its
hits weigh ``lead_boost`` times more, and a topic whose summed weight is below ``relative_min``
of the strongest topic's is dropped. Terms are compared on a light lemma (``lemma()``: lower case, plural and -ing/-ed endings
dropped), the same for the pattern and the text, so "funding", "funds" and "funded" all match
"fund" with or without a trained model. Distinct terms add up; repeats of a term count once more
at half weight. score = 1 - prod(1 - w) over the hits, so it stays in [0, 1).
Every tag keeps its evidence: the matched text and its character offsets in the record text.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError
from ..models import Evidence, TopicTag
from .actors import doc_text

_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_TOPIC_KEYS = {"id", "label", "description", "phrases", "lemmas", "exclude"}

if not Doc.has_extension("docket_topics"):
    Doc.set_extension("docket_topics", default=None)


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    """A light, model-free lemma: lower case, plural and -ing/-ed endings stripped."""
    w = word.lower().replace("’", "'")
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
        w = w[:-1]
    if w.endswith("ing") and len(w) > 5:
        w = w[:-3]
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) > 4 and not w.endswith("eed"):
        w = w[:-2]
    else:
        return w
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]  # planning -> plann -> plan
    return w


def lemmas_of(text: str) -> tuple[str, ...]:
    return tuple(lemma(t) for t in re.findall(r"[\w'’]+", text))


def _lead_end(text: str) -> int:
    """End of the first sentence (the lead), at most 400 characters in."""
    m = re.search(r"[.;:!?](?:\s|$)", text)
    return min(m.end() if m else len(text), 400)


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    label: str
    description: str
    phrases: tuple[tuple[str, ...], ...]  # lemma sequences, two words or more
    lemmas: frozenset[str]
    exclude: tuple[tuple[str, ...], ...] = ()  # phrases whose words never count for this topic


@dataclass(frozen=True, slots=True)
class Taxonomy:
    name: str
    topics: tuple[Topic, ...]
    min_score: float = 0.5
    phrase_weight: float = 0.7
    lemma_weight: float = 0.35
    lead_boost: float = 2.0
    relative_min: float = 0.3
    source: str = ""

    def ids(self) -> list[str]:
        return [t.id for t in self.topics]


def _terms(path: str, where: str, value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(path, "must be a list of non-empty strings", key=where)
    return [v.strip() for v in value]


def load_taxonomy(path: Path | str) -> Taxonomy:
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
    head = data.get("taxonomy", {})
    name = head.get("name") or Path(path).stem
    topics, seen = [], set()
    for i, raw in enumerate(data.get("topics", [])):
        where = f"topics[{i}]"
        if not isinstance(raw, dict):
            raise ConfigError(path, "each [[topics]] entry must be a table", key=where)
        unknown = sorted(set(raw) - _TOPIC_KEYS)
        if unknown:
            raise ConfigError(
                path, f"unknown key(s) {unknown}; expected some of {sorted(_TOPIC_KEYS)}", key=where
            )
        tid = raw.get("id", "")
        if not isinstance(tid, str) or not _ID.match(tid):
            raise ConfigError(
                path, f"id {tid!r} must be lower case letters, digits, '_', '-' or '.'", key=f"{where}.id"
            )
        if tid in seen:
            raise ConfigError(path, f"duplicate topic id {tid!r}", key=f"{where}.id")
        seen.add(tid)
        label = raw.get("label", "")
        if not isinstance(label, str) or not label.strip():
            raise ConfigError(path, "label is empty", key=f"{tid}.label")
        phrases, single = [], set()
        for term in _terms(path, f"{tid}.phrases", raw.get("phrases", [])) + _terms(
            path, f"{tid}.lemmas", raw.get("lemmas", [])
        ):
            seq = lemmas_of(term)
            if not seq:
                raise ConfigError(path, f"pattern {term!r} has no words", key=tid)
            if len(seq) == 1:
                single.add(seq[0])
            else:
                phrases.append(seq)
        if not phrases and not single:
            raise ConfigError(path, "a topic needs at least one phrase or lemma pattern", key=tid)
        exclude = tuple(lemmas_of(t) for t in _terms(path, f"{tid}.exclude", raw.get("exclude", [])))
        topics.append(
            Topic(
                tid,
                label.strip(),
                str(raw.get("description", "")).strip(),
                tuple(phrases),
                frozenset(single),
                exclude,
            )
        )
    if not topics:
        raise ConfigError(path, "no [[topics]] entries")
    try:
        return Taxonomy(
            name=str(name),
            topics=tuple(topics),
            min_score=float(head.get("min_score", 0.5)),
            phrase_weight=float(head.get("phrase_weight", 0.7)),
            lemma_weight=float(head.get("lemma_weight", 0.35)),
            lead_boost=float(head.get("lead_boost", 2.0)),
            relative_min=float(head.get("relative_min", 0.3)),
            source=path,
        )
    except (TypeError, ValueError) as e:
        raise ConfigError(
            path, f"[taxonomy] weights and thresholds must be numbers: {e}", key="taxonomy"
        ) from e


class TopicTagger:
    """Tags a Doc with the topics of one taxonomy: appends TopicTags to ``doc._.docket_topics``."""

    def __init__(self, taxonomy: Taxonomy, name: str = "docket_topic_tagger"):
        self.name = name
        self.taxonomy = taxonomy
        self._phrases: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        self._lemmas: dict[str, list[int]] = {}
        for i, topic in enumerate(taxonomy.topics):
            for seq in topic.phrases:
                self._phrases.setdefault(seq[0], []).append((seq, i))
            for lem in topic.lemmas:
                self._lemmas.setdefault(lem, []).append(i)
        self._exclude: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for i, topic in enumerate(taxonomy.topics):
            for seq in topic.exclude:
                self._exclude.setdefault(seq[0], []).append((seq, i))
        for lst in self._phrases.values():
            lst.sort(key=lambda x: -len(x[0]))

    def tags(self, doc: Doc) -> list[TopicTag]:
        text = doc_text(doc)
        words = [(t.idx, t.idx + len(t), lemma(t.text)) for t in doc if not (t.is_punct or t.is_space)]
        lems = [w[2] for w in words]
        hits: dict[int, list[tuple[str, int, int, bool]]] = {}
        covered: dict[int, set[int]] = {}
        for k, lem in enumerate(lems):
            for seq, ti in self._phrases.get(lem, ()):
                n = len(seq)
                if tuple(lems[k : k + n]) == seq:
                    s, e = words[k][0], words[k + n - 1][1]
                    hits.setdefault(ti, []).append((text[s:e], s, e, True))
                    covered.setdefault(ti, set()).update(range(k, k + n))
        excluded: dict[int, set[int]] = {}
        for k, lem in enumerate(lems):
            for seq, ti in self._exclude.get(lem, ()):
                n = len(seq)
                if tuple(lems[k : k + n]) == seq:
                    excluded.setdefault(ti, set()).update(range(k, k + n))
        for k, lem in enumerate(lems):
            for ti in self._lemmas.get(lem, ()):
                if k in covered.get(ti, ()) or k in excluded.get(ti, ()):
                    continue
                s, e = words[k][0], words[k][1]
                hits.setdefault(ti, []).append((text[s:e], s, e, False))
        tx = self.taxonomy
        lead_end = _lead_end(text)
        scored = []
        for ti, found in hits.items():
            found.sort(key=lambda h: h[1])
            miss, mass, seen = 1.0, 0.0, set()
            for term, s, _e, is_phrase in found:
                w = tx.phrase_weight if is_phrase else tx.lemma_weight
                key = lemmas_of(term)
                if key in seen:
                    w /= 2
                seen.add(key)
                if s < lead_end:
                    w *= tx.lead_boost
                w = min(w, 0.99)
                mass += w
                miss *= 1.0 - w
            scored.append((ti, 1.0 - miss, mass, found))
        top = max((m for _, _, m, _ in scored), default=0.0)
        out = []
        for ti, score, mass, found in scored:
            if score >= tx.min_score and mass >= tx.relative_min * top:
                topic = tx.topics[ti]
                out.append(
                    TopicTag(
                        id=topic.id,
                        label=topic.label,
                        score=round(score, 4),
                        taxonomy=tx.name,
                        evidence=tuple(Evidence(term=t, start=s, end=e) for t, s, e, _ in found),
                    )
                )
        out.sort(key=lambda t: (-t.score, t.id))
        return out

    def __call__(self, doc: Doc) -> Doc:
        doc._.docket_topics = [*(doc._.docket_topics or []), *self.tags(doc)]
        return doc


def make_topic_tagger(nlp: Language, name: str, taxonomy_path: str) -> TopicTagger:
    """Factory of ``docket_topic_tagger``. ``taxonomy_path`` "" = the default taxonomy (topics.toml)."""
    from .config import load_settings

    path = taxonomy_path or str(load_settings(None).taxonomies[0])
    return TopicTagger(load_taxonomy(path), name=name)


if not Language.has_factory("docket_topic_tagger"):
    Language.factory(
        "docket_topic_tagger",
        default_config={"taxonomy_path": ""},
        assigns=["doc._.docket_topics"],
    )(make_topic_tagger)
