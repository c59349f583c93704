"""Alignment and classification: hand-edited seed versions, S3 reflow, S4 rewording, edge cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.diff import AlignOptions, Change, Item, Kind, align, compare, items_of, word_diff
from pipeline.diff.normalize import equality_key
from pipeline.records_io import load_document_json

DATA = Path(__file__).parent / "data" / "diff"
EXPECTED = json.loads((DATA / "seed_edited_expected.json").read_text(encoding="utf-8"))
KINDS = {"recommendations": Kind.RECOMMENDATIONS, "agenda": Kind.AGENDA, "objectives": Kind.OBJECTIVES}


def doc(name: str):
    return load_document_json(DATA / name)


def _case_ids():
    for case in EXPECTED["pairs"]:
        for kind in KINDS:
            yield pytest.param(case, kind, id=f"{case['new']}-{kind}")


@pytest.mark.parametrize(("case", "kind"), list(_case_ids()))
def test_diff_align_edited_seed_matches_hand_written_expectation(case, kind):
    old, new = doc(case["old"]), doc(case["new"])
    pairs = align(items_of(old, KINDS[kind]), items_of(new, KINDS[kind]))
    got = {(tuple(i.label for i in p.old), tuple(i.label for i in p.new)): p for p in pairs}
    want = case[kind]
    assert sorted(got) == sorted((tuple(w["old"]), tuple(w["new"])) for w in want)
    for w in want:
        pair = got[(tuple(w["old"]), tuple(w["new"]))]
        assert pair.change == w["change"], (w, pair)
        for key in ("renumbered", "moved"):
            if key in w:
                assert getattr(pair, key) is w[key], (key, w)
        for key in ("actors_added", "actors_removed", "topics_added", "topics_removed"):
            if key in w:
                assert list(getattr(pair, key)) == w[key], (key, w)


def test_diff_align_s4_recommendation_7_reworded_with_inserted_the():
    report = compare(doc("s4_DP_2025_6.en.json"), doc("s4_DP_2025_7.en.json"))
    pairs = {p.new_number: p for p in report.pairs(Kind.RECOMMENDATIONS)}
    assert len(pairs) == 9
    rec7 = pairs["7"]
    assert rec7.change is Change.REWORDED and rec7.old_number == "7"
    assert 0.95 < rec7.similarity < 1.0
    changes = [op for op in rec7.ops if op.op != "equal"]
    assert [(op.op, op.old, op.new) for op in changes] == [("insert", (), ("the",))]
    # 4.2 "bureaux" -> "bureaus" is the only other wording change; the rest are unchanged.
    assert pairs["4"].change is Change.REWORDED
    assert [(op.op, op.old, op.new) for op in pairs["4"].ops if op.op != "equal"] == [
        ("replace", ("bureaux",), ("bureaus",))
    ]
    assert {n for n, p in pairs.items() if p.change is Change.UNCHANGED} == {
        "1",
        "2",
        "3",
        "5",
        "6",
        "8",
        "9",
    }


def test_diff_align_s3_reflow_only_differences_are_not_reported():
    report = compare(doc("s3_E_ICEF_2025_11.en.json"), doc("s3_E_ICEF_2025_11_Rev.1.en.json"), [Kind.AGENDA])
    pairs = report.pairs(Kind.AGENDA)
    assert len(pairs) == 21
    assert all(p.old_number == p.new_number for p in pairs)
    assert all(not p.ops for p in pairs), [p for p in pairs if p.ops]
    assert {p.change for p in pairs} <= {Change.UNCHANGED, Change.MOVED}
    # Only the Wednesday-morning reordering (12/14/13) shows, as moves.
    moved = {p.new_number for p in pairs if p.change is Change.MOVED}
    assert moved and moved <= {"12", "13", "14", "15", "16"}


def test_diff_align_s6_programme_versions_pairs_most_items():
    report = compare(doc("s6_programme_2020-02-14.json"), doc("s6_programme_2020-03-19.json"), [Kind.AGENDA])
    counts = report.counts(Kind.AGENDA)
    pairs = report.pairs(Kind.AGENDA)
    paired = [p for p in pairs if p.old and p.new]
    assert len(paired) >= 30
    assert counts["added"] >= 2  # the postponed edition lists more items
    keynote = next(p for p in paired if p.new_text.startswith("Keynote Lecture"))
    assert ("date", "2020-02-25", "") in keynote.slot_changes and keynote.change is Change.MOVED


def item(n: int, text: str, number: str | None = None, actors=()) -> Item:
    return Item(position=n, number=str(n + 1) if number is None else number, text=text, actors=tuple(actors))


def test_diff_align_does_not_trust_numbering():
    old = [item(0, "Strengthen the evaluation function."), item(1, "Publish all evaluation reports online.")]
    new = [item(0, "Publish all evaluation reports online."), item(1, "Strengthen the evaluation function.")]
    pairs = align(old, new)
    assert sorted((p.old_number, p.new_number) for p in pairs) == [("1", "2"), ("2", "1")]
    assert all(p.similarity == 1.0 for p in pairs)
    assert sorted(str(p.change) for p in pairs) == ["moved", "renumbered"]


def test_diff_align_empty_and_one_sided_inputs():
    assert align([], []) == []
    assert [p.change for p in align([item(0, "Only old.")], [])] == [Change.REMOVED]
    assert [p.change for p in align([], [item(0, "Only new.")])] == [Change.ADDED]


def test_diff_align_unrelated_texts_are_added_and_removed():
    pairs = align(
        [item(0, "Reduce the carbon footprint of meetings.")], [item(0, "Hire two more auditors in 2026.")]
    )
    assert sorted(str(p.change) for p in pairs) == ["added", "removed"]


def test_diff_align_case_change_is_reworded_unless_ignored():
    old, new = [item(0, "Consult member States.")], [item(0, "Consult Member States.")]
    assert align(old, new)[0].change is Change.REWORDED
    assert align(old, new, AlignOptions(ignore_case=True))[0].change is Change.UNCHANGED


def test_diff_align_blocked_path_agrees_with_exact_path():
    texts = [
        f"Recommendation text number {i} about topic {i % 7} and area {i % 11} with detail {i * 37 % 101}"
        for i in range(60)
    ]
    old = [item(i, t) for i, t in enumerate(texts)]
    new = [item(i, t.replace("detail", "details") if i % 3 else t) for i, t in enumerate(reversed(texts))]
    exact = align(old, new)
    blocked = align(old, new, AlignOptions(exact_limit=0, block_rows=7))
    assert [(p.old_number, p.new_number, p.change) for p in exact] == [
        (p.old_number, p.new_number, p.change) for p in blocked
    ]


@pytest.mark.parametrize("bad", [{"threshold": 0}, {"threshold": 1.5}, {"containment": 0}])
def test_diff_align_options_validated(bad):
    with pytest.raises(ValueError):
        AlignOptions(**bad)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("environmental cooperation", "environ-\nmental cooperation"),
        ("environmental cooperation", "environ- mental  cooperation"),
        ("NEASPEC's charter", "NEASPEC\u2019s charter"),
        ('the "leave no one behind" principle', "the \u201cleave no one behind\u201d principle"),
        ("goals \u2013 and values", "goals \u2014 and\nvalues"),
        ("2022\u20132025", "2022-2025"),
        ("text , with ( space )", "text, with (space)"),
    ],
)
def test_diff_normalize_layout_only_differences_are_equal(a, b):
    assert equality_key(a) == equality_key(b)
    assert [op.op for op in word_diff(a, b)] == ["equal"]


def test_diff_normalize_keeps_suspended_hyphen_and_real_changes():
    assert equality_key("long- and short-term") != equality_key("longand short-term")
    assert equality_key("bureaux") != equality_key("bureaus")


def test_diff_words_keep_punctuation_as_tokens():
    ops = word_diff("Shift the focus, now.", "Shift the focus; now!")
    changed = [(op.op, op.old, op.new) for op in ops if op.op != "equal"]
    assert changed == [("replace", (",",), (";",)), ("replace", (".",), ("!",))]


def test_diff_align_sparse_assignment_matches_dense_optimum():
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    from pipeline.diff.matching import _sparse_assignment

    rng = np.random.default_rng(0)
    for _ in range(100):
        nr, nc = int(rng.integers(1, 25)), int(rng.integers(1, 25))
        r, c = np.nonzero(rng.random((nr, nc)) < 0.25)
        if len(r) == 0:
            continue
        w = rng.uniform(60, 100, len(r))
        dense = np.zeros((nr, nc))
        dense[r, c] = w
        a, b = linear_sum_assignment(dense, maximize=True)
        sa, sb = _sparse_assignment(r, c, w, (nr, nc))
        assert (dense[sa, sb] > 0).all()
        assert abs(dense[a, b].sum() - dense[sa, sb].sum()) < 1e-6


def test_diff_align_sparse_path_gives_same_pairs(monkeypatch):
    import importlib

    matching = importlib.import_module("pipeline.diff.matching")

    old, new = doc("seed_original.json"), doc("seed_edited_a.json")
    want = [
        (p.old_number, p.new_number, p.change)
        for p in align(items_of(old, Kind.RECOMMENDATIONS), items_of(new, Kind.RECOMMENDATIONS))
    ]
    monkeypatch.setattr(matching, "DENSE_BLOCK_LIMIT", 0)
    got = [
        (p.old_number, p.new_number, p.change)
        for p in align(items_of(old, Kind.RECOMMENDATIONS), items_of(new, Kind.RECOMMENDATIONS))
    ]
    assert got == want


def test_diff_align_actor_names_ignore_case_stops_and_spacing():
    old = [item(0, "Same text here.", actors=["Dr Olwenyi Martha", "NEASPEC secretariat", "Mr. X"])]
    new = [item(0, "Same text here.", actors=["Dr. Olwenyi Martha", "NEASPEC Secretariat", "Prof. X"])]
    (pair,) = align(old, new)
    # "Mr. X" -> "Prof. X" is a change of speaker title (S5): the pair is updated, not unchanged
    assert pair.change is Change.UPDATED
    assert (pair.actors_added, pair.actors_removed) == (("Prof. X",), ("Mr. X",))
    (same,) = align(
        old, [item(0, "Same text here.", actors=["Dr. Olwenyi Martha", "NEASPEC Secretariat", "Mr X"])]
    )
    assert same.change is Change.UNCHANGED
