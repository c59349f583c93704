"""Topic taxonomy, tagger and the hand-labelled topic set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

import pipeline.nlp  # noqa: F401  (registers the factories)
from pipeline.errors import ConfigError
from pipeline.nlp import get_tagger, load_taxonomy
from pipeline.nlp.topics import lemma, tag_text

LABELLED = Path(__file__).parent / "data" / "topics_labelled.jsonl"
DEV = Path(__file__).parent / "data" / "topics_labelled_dev.jsonl"
CONFIG = Path(__file__).resolve().parent.parent / "config"


def labelled_rows() -> list[dict]:
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if "_comment" not in r]


def test_topics_labelled_set_is_big_enough_and_uses_taxonomy_ids():
    rows = labelled_rows()
    ids = set(load_taxonomy(CONFIG / "topics.toml").ids())
    assert len(rows) >= 60
    assert all(set(r["topics"]) <= ids for r in rows)


def first_taxonomy_ids() -> set[str]:
    """The 15 ids of docket's first taxonomy, which the in-sample labels were made with: the
    default taxonomy's first ten and the environment taxonomy's five."""
    return set(load_taxonomy(CONFIG / "topics.toml").ids()[:10]) | set(
        load_taxonomy(CONFIG / "environment.toml").ids()
    )


def micro_f1(rows: list[dict]) -> tuple[float, int, int, int]:
    """Micro-F1 of the tagger (SDGs aside) on ``rows``, scored on the first taxonomy's ids."""
    ids = first_taxonomy_ids()
    tp = fp = fn = 0
    for r, doc in zip(rows, get_tagger().nlp.pipe(r["text"] for r in rows), strict=True):
        pred = {t.id for t in doc._.docket_topics if t.taxonomy != "sdg"} & ids
        gold = (set(r["topics"]) | set(r.get("environment", ()))) & ids
        tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
    return 2 * tp / (2 * tp + fp + fn), tp, fp, fn


def test_topics_first_taxonomy_ids_are_kept():
    assert len(first_taxonomy_ids()) == 15
    assert {"governance", "gender_inclusion", "desertification"} <= first_taxonomy_ids()


def test_topics_micro_f1_on_labelled_set():
    f1, tp, fp, fn = micro_f1(labelled_rows())
    print(f"topic micro-F1 {f1:.3f} (tp={tp} fp={fp} fn={fn})")
    # 0.805 -> 0.797 in round 6, when later sentences with a modal of their own began to count
    # (directive_weight 0 -> 1, calibrated on the former held-out sets: +0.03 on each); this
    # file was labelled by its first sentences, the guide labels what every sentence asks for
    assert f1 >= 0.79


@pytest.mark.xfail(
    strict=True,
    reason="issue 17 asks for >= 0.85 in-sample; the tagger is at 0.80 (weights calibrated on in-sample "
    "and dev together top out near 0.81 in-sample); drop this mark when it passes",
)
def test_topics_micro_f1_on_labelled_set_reaches_issue_17_target():
    assert micro_f1(labelled_rows())[0] >= 0.85


def test_topics_micro_f1_on_dev_set():
    rows = [json.loads(x) for x in DEV.read_text(encoding="utf-8").splitlines() if x.strip()]
    f1, tp, fp, fn = micro_f1([r for r in rows if "text" in r])
    print(f"topic micro-F1 (dev) {f1:.3f} (tp={tp} fp={fp} fn={fn})")
    assert f1 >= 0.80


@pytest.mark.parametrize(
    ("name", "floor"), [("topics_labelled_heldout.jsonl", 0.72), ("topics_labelled_heldout2.jsonl", 0.65)]
)
def test_topics_micro_f1_on_former_heldout_sets(name, floor):
    """The first two held-out sets were written against by no pattern; since round 6 they
    calibrate the weights (directive_weight), so they guard what carries over to new documents.
    Scored on every id, like ``benchmarks/score_topics.py``."""
    path = DEV.parent / name
    rows = [
        r
        for r in (json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip())
        if "text" in r
    ]
    tp = fp = fn = 0
    for r, doc in zip(rows, get_tagger().nlp.pipe(r["text"] for r in rows), strict=True):
        pred = {t.id for t in doc._.docket_topics if t.taxonomy != "sdg"}
        gold = set(r["topics"]) | set(r.get("environment", ()))
        tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
    f1 = 2 * tp / (2 * tp + fp + fn)
    print(f"{name}: topic micro-F1 {f1:.3f} (tp={tp} fp={fp} fn={fn})")
    assert f1 >= floor


def test_topics_evidence_offsets_point_at_the_text():
    text = "Revise the funding modalities to enhance the reliability and level of funding flows."
    doc = get_tagger().nlp(text)
    funding = next(t for t in doc._.docket_topics if t.id == "funding")
    assert funding.label == "Funding and resource mobilisation" and 0 < funding.score <= 1
    assert [(e.term, text[e.start : e.end]) for e in funding.evidence] == [
        ("funding modalities", "funding modalities"),
        ("funding flows", "funding flows"),
    ]
    assert funding.evidence[0].start == text.index("funding modalities")


def test_topics_every_tag_has_evidence_and_score():
    for doc in get_tagger().nlp.pipe(r["text"] for r in labelled_rows()[:20]):
        for tag in doc._.docket_topics:
            assert tag.evidence and 0 < tag.score < 1.0 + 1e-9
            for e in tag.evidence:
                assert doc.text[e.start : e.end] == e.term


def test_topics_sdg_taxonomy_is_optional_and_separate():
    doc = get_tagger().nlp("Use virtual meetings and address air quality and climate change in cities.")
    by_tax = {(t.taxonomy, t.id) for t in doc._.docket_topics}
    assert ("default", "meetings_digital") in by_tax
    assert ("sdg", "sdg13") in by_tax
    assert len(load_taxonomy(CONFIG / "sdg.toml").topics) == 17


def test_topics_factory_in_a_foreign_pipeline(tmp_path):
    tax = tmp_path / "t.toml"
    tax.write_text(
        '[taxonomy]\nname = "mine"\n[[topics]]\nid = "ocean"\nlabel = "Ocean"\nlemmas = ["ocean"]\n'
        'phrases = ["marine protected area"]\n',
        encoding="utf-8",
    )
    nlp = spacy.blank("en")
    nlp.add_pipe("docket_topic_tagger", config={"taxonomy_path": str(tax)})
    tags = nlp("Oceans need marine protected areas.")._.docket_topics
    assert [(t.id, t.taxonomy) for t in tags] == [("ocean", "mine")]
    assert [e.term for e in tags[0].evidence] == ["Oceans", "marine protected areas"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("funding", "fund"),
        ("funds", "fund"),
        ("funded", "fund"),
        ("planning", "plan"),
        ("priorities", "priority"),
        ("bodies", "body"),
        ("process", "process"),
    ],
)
def test_topics_light_lemma(word, expected):
    assert lemma(word) == expected


def test_topics_action_object_escapes_relative_min(tmp_path):
    # guide: "a recommendation to adopt, review or issue a policy gets governance as well as its
    # subject area's topic", however strongly the subject area is worded
    tax = tmp_path / "t.toml"
    body = (
        '[taxonomy]\nname = "t"\nmin_score = 0.4\nrelative_min = 0.5\n'
        '[[topics]]\nid = "ethics"\nlabel = "Ethics"\nlemmas = ["harassment", "misconduct", "abuse"]\n'
        '[[topics]]\nid = "governance"\nlabel = "Governance"\nlemmas = ["policy"]\n'
    )
    text = "Review the harassment and abuse policies to cover misconduct, abuse and harassment."
    tax.write_text(body, encoding="utf-8")
    assert [t.id for t in tag_text(text, load_taxonomy(tax))] == ["ethics"]
    tax.write_text(body + 'actions = ["review", "adopt"]\n', encoding="utf-8")
    assert [t.id for t in tag_text(text, load_taxonomy(tax))] == ["ethics", "governance"]
    other = "Apply the harassment and abuse policies to cover misconduct, abuse and harassment."
    assert [t.id for t in tag_text(other, load_taxonomy(tax))] == ["ethics"]
    tax.write_text(body + 'actions = ["carry out"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"governance\.actions.*one verb"):
        load_taxonomy(tax)


def test_topics_bad_taxonomy_names_file_and_key(tmp_path):
    tax = tmp_path / "bad.toml"
    tax.write_text('[[topics]]\nid = "Bad Id"\nlabel = "x"\nlemmas = ["x"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.toml \(topics\[0\]\.id\)"):
        load_taxonomy(tax)
    tax.write_text('[[topics]]\nid = "a"\nlabel = "A"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="at least one phrase, lemma or cue"):
        load_taxonomy(tax)
    tax.write_text('[[topics]]\nid = "a"\nlabel = "A"\nlemmas = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"a\.lemmas"):
        load_taxonomy(tax)
