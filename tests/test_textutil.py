"""Line joining: automatic hyphenation is undone, typed compound hyphens are kept."""

from __future__ import annotations

import pytest

from pipeline.textutil import join_lines


@pytest.mark.parametrize(
    "text,expected",
    [
        ("environ-\nmental", "environmental"),
        ("doc-\nument of the pro-\nject", "document of the project"),
        ("Secretary-\nGeneral's report", "Secretary-General's report"),
        ("capacity-\nbuilding", "capacity-building"),
        ("a child-\nfocused and cross-\nsectoral plan", "a child-focused and cross-sectoral plan"),
        ("victim-\ncentred", "victim-centred"),
        ("with-\nout", "without"),
        ("inter-\nnational", "international"),
        ("soft\u00ad\nhyphen", "softhyphen"),
        ("two\nlines", "two lines"),
    ],
)
def test_join_lines_hyphenation(text: str, expected: str):
    assert join_lines(text) == expected
