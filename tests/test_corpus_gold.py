"""The whole development set, ingested and scored against its hand-made gold.

``benchmarks/score_corpus.py`` does the work (the released corpus and gold copied into
``tests/data``, the held-out gold of ``gold_extra``, the project's own ``tests/data/corpus/dev``);
this test holds the level reached, per field, so a rule that helps one document and costs others
shows here. The project's own held-out sets (``tests/data/corpus/heldout3``, ``heldout4``) are
deliberately not scored by any test: each is scored by hand at the start and the end of a piece of work.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import shared_path

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out

HERE = Path(__file__).parent
ROOT = HERE.parent
COPY = HERE / "data" / "gold_shared"

# Per-field F1 over the development set, at least (the level reached; raise it, never lower it
# without saying why in the commit message).
# 8 documents joined on 2026-12-07 (SOURCES-dev3.md: week grids, a three-time-zone programme, meeting
# reports whose numbered paragraphs are not agenda items), scored as found: 0.335 over the eight; with
# them in, dev went 0.947 -> 0.959 that session (week grids, banners, committee-report forms).
# 16 more joined on 2026-12-07, session 4 (SOURCES-dev4a.md: programmes of 8 publishers, scored as found
# 0.252; SOURCES-dev4b.md: recommendation documents, UPR reports and response tables, committee and
# government reports, 0.399): the floors drop to the level of the larger set and are raised as it improves.
# Raised the same session as the work on them went: dev 106 0.875 -> 0.929.
# Session 6: 7 documents of dev5 joined (objectives and recommendation layouts) and the 17 of the
# used-up held-out set heldout2; the 130 documents scored 0.861 on the session's starting code and
# 0.904 at its end (layout cues: shaded boxes, drawn bullets, band titles, lead-in paragraphs over
# lettered items, text timetables). The floors drop to the level of the larger set.
FLOORS = {
    "document": 0.93,
    "objectives": 0.86,
    "agenda_items": 0.84,
    "recommendations": 0.97,
    "actors": 0.895,
}
ROW = re.compile(r"(\w+) (\d+)/(\d+) \(\+(\d+) extra\)")


@pytest.fixture(scope="module")
def scored(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("corpus")
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "score_corpus.py"), "--out", str(out / "records")],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_released_gold_copy_is_current():
    shared_gold = shared_path("corpus", "gold")
    shared = {p.name: p.read_bytes() for p in shared_gold.glob("*.gold.json")}
    copy = {p.name: p.read_bytes() for p in COPY.glob("*.gold.json")}
    assert copy == shared, "tests/data/gold_shared differs from shared/corpus/gold: copy it again"


def test_development_set_holds_its_level(scored: str):
    line = next(ln for ln in scored.splitlines() if ln.startswith("per-field F1:"))
    f1 = {k: float(v) for k, v in re.findall(r"(\w+) ([0-9.]+)", line.split(":", 1)[1])}
    low = {k: (f1.get(k), floor) for k, floor in FLOORS.items() if f1.get(k, 0.0) < floor}
    assert not low, f"fields below their floor (got, floor): {low}\n{scored}"


def test_seed_is_perfect_in_three_formats(scored: str):
    rows = [ln for ln in scored.splitlines() if ln.startswith("neaspec-nfp-2021-concept-note.")]
    assert {ln.split(":")[0].rsplit(".", 1)[1] for ln in rows} == {"txt", "docx", "pdf"}
    for ln in rows:
        for field, tp, total, extra in ROW.findall(ln):
            assert (tp, extra) == (total, "0"), f"{ln}: {field}"
