"""Golden outputs: each reviewed JSON record in tests/data/golden must be reproduced byte for byte.

Regenerate after a reviewed change with DOCKET_REGEN_GOLDEN=1; review the diff like code.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from pipeline.export.base import dumps
from pipeline.process import process_file

HERE = Path(__file__).parent
SOURCES = HERE / "data" / "sources"
GOLDEN = HERE / "data" / "golden"
REGEN = os.environ.get("DOCKET_REGEN_GOLDEN") == "1"

GOLDEN_SOURCES = [
    "neaspec-nfp-2021-concept-note.txt",
    "neaspec-nfp-2021-concept-note.docx",
    "neaspec-nfp-2021-concept-note.pdf",
    "DP_2025_6.en.pdf",
    "DP_2025_7.en.pdf",
    "E_ICEF_2025_4.en.pdf",
    "E_ICEF_2025_11.en.pdf",
    "E_AC.51_2025_2.en.pdf",
    "IOM MANAGEMENT RESPONSE MATRIX.pdf",
    "programme_2020-02-14.pdf",
    "Terms of Reference.docx",
    "AAP Evaluation - Management Response Final.docx",
    "Nigeria GIZ Project_Evaluation Brief_JAN 2021_Abderrahim EL MOULAT_0.pdf",
]


def render(name: str) -> str:
    result = process_file(SOURCES / name, source_file=f"tests/data/sources/{name}")
    assert result.document is not None, result.failure
    return dumps(result.document.to_dict()) + "\n"


@pytest.mark.parametrize("name", GOLDEN_SOURCES)
def test_golden_record(name: str):
    golden = GOLDEN / f"{name}.json"
    got = render(name)
    if REGEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8")
    assert golden.exists(), f"no golden file for {name}; run with DOCKET_REGEN_GOLDEN=1 and review it"
    expected = golden.read_text(encoding="utf-8")
    if got != expected:
        diff = list(
            difflib.unified_diff(expected.splitlines(), got.splitlines(), "golden", "now", lineterm="", n=2)
        )
        shown = "\n".join(diff[:120]) + ("\n..." if len(diff) > 120 else "")
        pytest.fail(f"{name}: output differs from {golden.relative_to(HERE)}:\n{shown}")


def test_regen_flag_is_off_in_ci():
    assert not (REGEN and os.environ.get("CI")), "DOCKET_REGEN_GOLDEN must not be set in CI"
