"""The topic tagger: ``docket_topic_tagger``, one component per taxonomy (``taxonomy.py``).

A recommendation is scored topic by topic from the terms found in it, weighted by where they
stand (``clauses.py``):

- terms inside the addressee ("Legislative organs ... should request") or a list marker do not
  count; inside a proper name or a title they count ``name_weight`` (0 by default);
- a term in a lead (the first sentence, or the first sentence of a list item after ";" or
  "(a)") weighs ``lead_boost`` times its weight, in a later sentence with a modal of its own
  ``directive_weight``, in any other later sentence ``body_weight`` (a term that weighs nothing
  is no evidence); in a purpose clause ``purpose_weight``, in a conditional or background clause
  ``side_weight``, in an example or a parenthesis ``example_weight`` of its weight;
- an ambiguous term (a topic's ``cues``) counts only with a second, different term of the same
  topic in the same clause ("inclusion" alone is no gender topic; "disability inclusion" is);
- a term seen again counts ``repeat_weight`` of its weight, twice at most;
- a term that is the object of one of its topic's ``actions`` ("review ... policies" for
  governance), or a phrase in a lead's main clause, makes the topic exempt from ``relative_min``;
- a phrase inside a longer phrase of another topic does not count ("human and financial
  resources" is a unit's capacity, not human resources).

score = 1 - prod(1 - w) over the counted hits, in [0, 1). A topic is tagged when its score
reaches ``min_score`` and its summed weight is at least ``relative_min`` of the strongest
topic's. Every tag keeps its evidence: the matched terms and their character offsets.

The text analysis (words, lemmas, roles) is done once per Doc and shared by every taxonomy.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..models import Evidence, TopicTag
from .actors import SPAN_KEY, doc_text
from .clauses import BODY, DIRECTIVE, EXAMPLE, LEAD, MAIN, NAME, PURPOSE, SIDE, SKIP, Analysis, analyse
from .config import load_settings
from .taxonomy import CUE, LEMMA, PHRASE, Taxonomy, compile_taxonomy, load_taxonomy
from .wordforms import Lexicon

__all__ = ["Taxonomy", "TopicTagger", "lemma", "load_taxonomy", "make_topic_tagger", "tag_text"]

if not Doc.has_extension("docket_topics"):
    Doc.set_extension("docket_topics", default=None)

_ANALYSIS_KEY = "docket_topic_analysis"
_PAIR_GAP = 3  # "B [of] x x A": at most two words before A, after a preposition if there is one
_ACTION_GAP = 6  # "review [sexual exploitation, abuse and harassment] policies"
_CONJUNCTIONS = frozenset("and or et ou".split())
_PREPOSITIONS = frozenset("of for on in to with from by de du des pour sur".split())


def lemma(word: str, lang: str = "en") -> str:
    """The lemma docket matches topic terms on (spaCy's lookup table, see ``wordforms``)."""
    return Lexicon.for_language(lang).lemma(word)


def doc_analysis(doc: Doc) -> Analysis:
    """The words and roles of a Doc's text, computed once and kept on the Doc."""
    found = doc.user_data.get(_ANALYSIS_KEY)
    if found is None:
        text = doc_text(doc)
        actor_spans = []
        if SPAN_KEY in doc.spans:
            actor_spans = [(s.start_char, s.end_char) for s in doc.spans[SPAN_KEY]]
        actor_spans += [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("ORG", "PERSON", "GPE")]
        found = doc.user_data[_ANALYSIS_KEY] = analyse(text, actor_spans=actor_spans)
    return found


def _hits(tax: Taxonomy, a: Analysis) -> dict[int, list[tuple[int, int, int, tuple[str, ...]]]]:
    """Topic index -> [(first word, end word, kind, key)] of the patterns found in the text."""
    c = compile_taxonomy(tax, a.lang)
    if not (c.single or c.phrases):
        return {}
    fam = c.family.get
    keys = [fam(w, w) for w in a.lemmas]
    role, clause = a.role, a.clause
    n = len(keys)
    hits: dict[int, list[tuple[int, int, int, tuple[str, ...]]]] = {}
    covered: dict[int, set[int]] = {}
    excluded: dict[int, set[int]] = {}
    first = c.first
    for k in [k for k, kk in enumerate(keys) if kk in first]:  # most words start no pattern
        kk = keys[k]
        for seq, ti in c.exclude.get(kk, ()):
            if tuple(keys[k : k + len(seq)]) == seq:
                excluded.setdefault(ti, set()).update(range(k, k + len(seq)))
        if role[k] == SKIP:
            continue
        nxt = keys[k + 1] if k + 1 < n else None
        for seq, ti, kind in c.phrases.get(kk, ()):
            m = len(seq)
            if seq[1] == nxt and tuple(keys[k : k + m]) == seq and SKIP not in role[k : k + m]:
                hits.setdefault(ti, []).append((k, k + m, kind, seq))
                covered.setdefault(ti, set()).update(range(k, k + m))
        for b_key, ti, kind in c.gapped.get(kk, ()):  # "A x B" for the phrase "A B"
            # ... and "A and x B", "A x and B" ("staffing and organizational reviews", "budget
            # preparation and execution"): a coordination shares its head or its modifier
            for j in (k + 2, k + 3):
                if j >= n or keys[j] != b_key or clause[j] != clause[k] or SKIP in role[k : j + 1]:
                    continue
                if j == k + 3 and not _CONJUNCTIONS.intersection(a.lemmas[k + 1 : j]):
                    continue
                if not covered.get(ti, set()).intersection((k, j)):
                    hits.setdefault(ti, []).append((k, j + 1, kind, (kk, b_key)))
                    covered.setdefault(ti, set()).update((k, j))
                break
        pairs = c.pairs.get(kk)
        if pairs:  # "B of the A", "B' x A" for the phrase "A B"
            lo = k + 2 if k + 1 < n and a.lemmas[k + 1] in _PREPOSITIONS else k + 1
            window: dict[str, int] = {}  # key -> its first position in the words after B
            for j in range(lo, min(n, lo + _PAIR_GAP)):
                if clause[j] != clause[k] or role[j] == SKIP or a.lemmas[j] in _CONJUNCTIONS:
                    break  # "human resources and the financial consequences" is no financial resource
                window.setdefault(keys[j], j)
            for a_key, ti, kind in pairs if window else ():
                at = window.get(a_key)
                if at is not None and not covered.get(ti, set()).intersection((k, at)):
                    hits.setdefault(ti, []).append((k, at + 1, kind, (a_key, kk)))
                    covered.setdefault(ti, set()).update((k, at))
    # a word inside another topic's phrase means what that phrase means: "policy" in "evaluation
    # policy", "strategy" in "funding strategy" and "resources" in "human resources" are not
    # single-word hits of governance, strategy or funding
    owned: dict[int, set[int]] = {}
    for ti, ks in covered.items():
        for k in ks:
            owned.setdefault(k, set()).add(ti)
    single = c.single
    for k in [k for k, kk in enumerate(keys) if kk in single]:
        if role[k] == SKIP:
            continue
        for ti, kind in single[keys[k]]:
            if k in covered.get(ti, ()) or k in excluded.get(ti, ()) or k in owned:
                continue
            hits.setdefault(ti, []).append((k, k + 1, kind, (keys[k],)))
    # and a phrase inside a longer phrase of another topic too: "human and financial resources"
    # (secretariat capacity) is not "human resources" (staff)
    spans = [(h[0], h[1], _rank(h), ti) for ti, found in hits.items() for h in found if h[1] - h[0] > 1]
    for ti, found in hits.items():
        ex = excluded.get(ti)
        if ex:
            found = [h for h in found if not ex.intersection(range(h[0], h[1]))]
        if len(spans) > 1:
            found = [
                h
                for h in found
                if not any(t != ti and s0 <= h[0] and h[1] <= s1 and r > _rank(h) for s0, s1, r, t in spans)
            ]
        hits[ti] = found
    return hits


def _rank(hit: tuple[int, int, int, tuple[str, ...]]) -> float:
    """How much of the text a hit stands for: the words it spans, and half a word more when they
    are the pattern's words in a row (a phrase found with words between loses a tie)."""
    k0, k1, _kind, key = hit
    return k1 - k0 + (0.5 if len(key) == k1 - k0 else 0.0)


def _acted_on(a: Analysis, k: int, ti: int, actions: dict[str, set[int]]) -> bool:
    """Whether word ``k`` is the object of one of topic ``ti``'s action verbs: the verb stands at
    most ``_ACTION_GAP`` words before it in the same clause ("review ... harassment policies")."""
    for j in range(k - 1, max(-1, k - 1 - _ACTION_GAP), -1):
        if a.clause[j] != a.clause[k] or a.role[j] == SKIP:
            return False
        if ti in actions.get(a.lemmas[j], ()):
            return a.role[j] == MAIN
    return False


def score_text(
    tax: Taxonomy, a: Analysis, weights: dict[str, float] | None = None, hits: dict | None = None
) -> list[TopicTag]:
    """The topic tags of one analysed text for one taxonomy, strongest first. ``weights``
    overrides the taxonomy's weights and ``hits`` reuses ``_hits(tax, a)`` (for calibration)."""

    own = compile_taxonomy(tax, a.lang).weights

    def w(key: str) -> float:
        return weights[key] if weights and key in weights else own[key]

    base = {PHRASE: w("phrase_weight"), LEMMA: w("lemma_weight"), CUE: w("cue_weight")}
    place_weight = {LEAD: w("lead_boost"), DIRECTIVE: w("directive_weight"), BODY: w("body_weight")}
    role_weight = {
        MAIN: 1.0,
        PURPOSE: w("purpose_weight"),
        SIDE: w("side_weight"),
        EXAMPLE: w("example_weight"),
        NAME: w("name_weight"),
    }
    repeat = w("repeat_weight")
    role, lead, clause = a.role, a.lead, a.clause
    actions = compile_taxonomy(tax, a.lang).actions
    scored = []
    for ti, found in (_hits(tax, a) if hits is None else hits).items():
        found = sorted(found)
        counted = []
        for h in found:
            k0, k1, kind, key = h
            if kind == CUE and not any(
                o[3] != key and clause[o[0]] == clause[k0] and role[o[0]] != NAME for o in found
            ):
                continue
            roles = role[k0:k1]
            if NAME in roles and a.name_run[k0] >= 0 and a.runs[a.name_run[k0]] == (k0, k1):
                r = MAIN  # the whole name is the pattern ("Theory of Change")
            else:
                r = max(roles)
            weight = base[kind] * role_weight[r] * place_weight[lead[k0]]
            if weight <= 0:
                continue  # neither evidence nor a repeat: "training" in a finding
            counted.append((weight, h))
        if not counted:
            continue
        miss, mass = 1.0, 0.0
        seen: dict[object, int] = {}
        evidence = []
        anchored = bool(actions) and any(_acted_on(a, k0, ti, actions) for _, (k0, *_r) in counted)
        # a phrase in a lead's main clause is what is asked for, however often another topic is named
        anchored = anchored or any(
            kind == PHRASE and lead[k0] == LEAD and max(role[k0:k1]) == MAIN
            for _, (k0, k1, kind, _k) in counted
        )
        for weight, (k0, k1, _kind, key) in counted:
            times = seen.get(key, 0)
            if times > 2:
                continue
            seen[key] = times + 1
            weight = min(weight * repeat**times, 0.95)
            mass += weight
            miss *= 1.0 - weight
            s, e = a.starts[k0], a.ends[k1 - 1]
            evidence.append(Evidence(term=a.text[s:e], start=s, end=e))
        scored.append((ti, 1.0 - miss, mass, evidence, anchored))
    top = max((m for _, _, m, _, _ in scored), default=0.0)
    out = []
    for ti, score, mass, evidence, anchored in scored:
        if score >= w("min_score") and (anchored or mass >= w("relative_min") * top):
            topic = tax.topics[ti]
            out.append(
                TopicTag(
                    id=topic.id,
                    label=topic.label,
                    score=round(score, 4),
                    taxonomy=tax.name,
                    evidence=tuple(evidence),
                )
            )
    out.sort(key=lambda t: (-t.score, t.id))
    return out


def tag_text(text: str, taxonomy: Taxonomy, lang: str | None = None) -> list[TopicTag]:
    """Tag a plain text without a spaCy pipeline (``lang`` None = detect English or French)."""
    return score_text(taxonomy, analyse(text, lang))


class TopicTagger:
    """Tags a Doc with the topics of one taxonomy: appends TopicTags to ``doc._.docket_topics``."""

    def __init__(self, taxonomy: Taxonomy, name: str = "docket_topic_tagger"):
        self.name = name
        self.taxonomy = taxonomy

    def tags(self, doc: Doc) -> list[TopicTag]:
        return score_text(self.taxonomy, doc_analysis(doc))

    def __call__(self, doc: Doc) -> Doc:
        doc._.docket_topics = [*(doc._.docket_topics or []), *self.tags(doc)]
        return doc


def make_topic_tagger(nlp: Language, name: str, taxonomy_path: str) -> TopicTagger:
    """Factory of ``docket_topic_tagger``. ``taxonomy_path`` "" = the default taxonomy (topics.toml)."""
    path = taxonomy_path or str(load_settings(None).taxonomies[0])
    return TopicTagger(load_taxonomy(path), name=name)


if not Language.has_factory("docket_topic_tagger"):
    Language.factory(
        "docket_topic_tagger",
        default_config={"taxonomy_path": ""},
        assigns=["doc._.docket_topics"],
    )(make_topic_tagger)
