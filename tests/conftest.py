"""Shared fixtures: the sample documents live in tests/data/sources (copied from the shared corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SOURCES = DATA / "sources"


@pytest.fixture
def sources() -> Path:
    return SOURCES


@pytest.fixture
def seed_txt() -> Path:
    return SOURCES / "neaspec-nfp-2021-concept-note.txt"
