"""Actor F1 against the hand-annotated gold files, with the scorer's own matching.

Each gold recommendation's text goes through the actor logic, with the addressee label the
source document prints for it (``actors_raw``, reconstructed from the PDFs with
``pdftotext -layout``) where it has one. Matching is ``actors_match`` of
``score_extraction.py`` (the repository's vendored copy): the lower-cased actor name must be one
of a gold actor's accepted names. The gold is the repository's copy of the shared corpus gold
(``tests/data/gold_shared``), so the test runs without ``/work/shared``.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from pipeline.nlp import actors_from_raw, actors_from_text, get_tagger
from pipeline.nlp.abbreviations import learn_abbreviations

TESTS = Path(__file__).resolve().parent
GOLD = TESTS / "data" / "gold_shared"
SCORER = TESTS / "score_extraction_vendored.py"
SEED_TXT = TESTS / "data" / "sources" / "neaspec-nfp-2021-concept-note.txt"

_HOA = "HoA EU JI Final Eval - Management Response Matrix - Final"
_HOA_1_2 = (
    "IOM staff in the Horn of Africa (e.g. Nairobi RO) who are involved in the design of JI-HoA "
    "follow-up programmes: project management; senior management; project implementation and "
    "oversight bodies such as a project steering committee, donors or IOM Headquarters."
)
_HOA_4_6 = (
    "IOM staff in the Horn of Africa (e.g. Nairobi RO), senior management involved in strategic "
    "partnerships and regional cooperation, and donor cooperation; IOM HQ and IOM Brussels staff "
    "in charge of donor cooperation."
)
_IOM = "IOM MANAGEMENT RESPONSE MATRIX"
_IOM_GROUPS = {
    "A": "● Project management;\n● IOM Communication staff",
    "B": "● project management;\n● donors\n● IOM Headquarters\n● IOM Offices.",
    "C": "● project management;\n● senior management\n● IOM Headquarters.",
    "D": "● project management;\n● senior management",
    "E": "● project management;\n● Analysis & Reporting\n● External asisstance",
    "F": "● Project management;\n● senior management",
}
_SEED = "neaspec-nfp-2021-concept-note"
# Addressees printed once for a whole list, as a lead-in ("... are called on to:") or as a field
# of every matrix row ("Recommendation to: ..."): the label docket reads them from.
_JIU_NOTE = "JIU_NOTE_2022_1_Rev.1(review).en"
_JIU_LEAD_IN = "The executive heads of the United Nations system organizations"
_ARCO = "Management Response Matrix_ARCO_Shiraz JERBI"
_ARCO_TO = "Project Management and project implementation team"

# Addressee labels as printed in the source documents (the extraction stage gives these as actors_raw).
ACTORS_RAW: dict[tuple[str, str], str] = {
    (_SEED, "1"): "For NEASPEC secretariat and SOM",
    (_SEED, "2"): "FOR NEASPEC SECRETARIAT and SOM",
    (_SEED, "3"): "For SOM and NFPs",
    (_SEED, "4"): "For ESCAP's Executive Secretary and NEASPEC secretariat",
    (_SEED, "5"): "For NEASPEC secretariat and SOM",
    (_SEED, "6"): "For NEASPEC secretariat, SOM, and ESCAP",
    (_SEED, "7"): "For NEASPEC secretariat",
    (_HOA, "1"): _HOA_1_2,
    (_HOA, "2"): _HOA_1_2,
    (_HOA, "3"): (
        "IOM staff in the Horn of Africa (e.g. Nairobi RO) who are involved in strategic partnerships "
        "and regional cooperation: senior management; project implementation and staff involved in "
        "regional coordination meetings."
    ),
    (_HOA, "4"): _HOA_4_6,
    (_HOA, "5"): "Project management; project implementation; project steering committees.",
    (_HOA, "6"): _HOA_4_6,
    (_HOA, "7"): "Project management; senior management; project implementation bodies.",
    **{(_JIU_NOTE, str(n)): _JIU_LEAD_IN for n in range(1, 7)},
    **{(_ARCO, str(n)): _ARCO_TO for n in range(1, 8)},
    (_ARCO, "8"): _ARCO_TO + " and M&E focal point",
}


def _scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _raw_for(stem: str, number: str) -> str:
    if stem == _IOM:
        return _IOM_GROUPS[number.split(".")[0]]
    return ACTORS_RAW.get((stem, number), "")


def actor_scores() -> dict[str, tuple[int, int, int, list[str]]]:
    """Per gold document naming addressees: (tp, fp, fn, mismatches)."""
    scorer = _scorer()
    tagger = get_tagger()
    out = {}
    for path in sorted(GOLD.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        recs = [r for r in gold.get("recommendations", []) if "actors" in r]
        if not recs:
            continue
        stem = path.name.removesuffix(".gold.json")
        texts = [r["text"] for r in gold["recommendations"]]
        if stem == _SEED:
            texts.append(SEED_TXT.read_text(encoding="utf-8"))
        abbrevs = learn_abbreviations(texts)
        tp = fp = fn = 0
        bad = []
        for r in recs:
            raw = _raw_for(stem, r["number"])
            actors = actors_from_raw(raw, tagger.actor_tagger, tagger.nlp.tokenizer, abbrevs) if raw else ()
            if not actors:
                actors = actors_from_text(r["text"], tagger.actor_tagger, tagger.nlp.tokenizer, abbrevs)
            names = scorer.actor_names({"actors": [a.to_dict() for a in actors]})
            a, b, c = scorer.actors_match(r["actors"], names)
            tp, fp, fn = tp + a, fp + b, fn + c
            if b or c:
                bad.append(f"{r['number']}: got {names}, want {[g[0] for g in r['actors']]}")
        out[stem] = (tp, fp, fn, bad)
    return out


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def test_actors_gold_f1_per_document():
    scores = actor_scores()
    assert scores, "no gold document names addressees"
    report = {stem: round(_f1(*s[:3]), 3) for stem, s in scores.items()}
    print("actor F1 per gold document:", json.dumps(report, indent=1))
    for stem, (tp, fp, fn, bad) in scores.items():
        assert _f1(tp, fp, fn) >= 0.95, f"{stem}: F1 {_f1(tp, fp, fn):.3f}; {bad}"


def test_actors_gold_seed_is_perfect():
    tp, fp, fn, bad = actor_scores()[_SEED]
    assert (fp, fn) == (0, 0), bad


def test_actors_gold_micro_f1():
    totals = [sum(s[i] for s in actor_scores().values()) for i in range(3)]
    assert _f1(*totals) >= 0.95
