"""Topic taxonomy, tagger and the hand-labelled topic set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

import pipeline.nlp  # noqa: F401  (registers the factories)
from pipeline.errors import ConfigError
from pipeline.nlp import get_tagger, load_taxonomy
from pipeline.nlp.topics import lemma

LABELLED = Path(__file__).parent / "data" / "topics_labelled.jsonl"
CONFIG = Path(__file__).resolve().parent.parent / "config"


def labelled_rows() -> list[dict]:
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if "_comment" not in r]


def test_topics_labelled_set_is_big_enough_and_uses_taxonomy_ids():
    rows = labelled_rows()
    ids = set(load_taxonomy(CONFIG / "topics.toml").ids())
    assert len(rows) >= 60
    assert all(set(r["topics"]) <= ids for r in rows)


def test_topics_micro_f1_on_labelled_set():
    nlp = get_tagger().nlp
    tp = fp = fn = 0
    for r, doc in zip(labelled_rows(), nlp.pipe(r["text"] for r in labelled_rows()), strict=True):
        pred = {t.id for t in doc._.docket_topics if t.taxonomy == "default"}
        gold = set(r["topics"])
        tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
    f1 = 2 * tp / (2 * tp + fp + fn)
    print(f"topic micro-F1 {f1:.3f} (tp={tp} fp={fp} fn={fn})")
    assert f1 >= 0.80


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


def test_topics_bad_taxonomy_names_file_and_key(tmp_path):
    tax = tmp_path / "bad.toml"
    tax.write_text('[[topics]]\nid = "Bad Id"\nlabel = "x"\nlemmas = ["x"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.toml \(topics\[0\]\.id\)"):
        load_taxonomy(tax)
    tax.write_text('[[topics]]\nid = "a"\nlabel = "A"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="at least one phrase or lemma"):
        load_taxonomy(tax)
    tax.write_text('[[topics]]\nid = "a"\nlabel = "A"\nlemmas = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"a\.lemmas"):
        load_taxonomy(tax)
