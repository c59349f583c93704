"""Shared fixtures: the sample documents live in tests/data/sources (copied from the shared corpus)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SOURCES = DATA / "sources"
# The shared folder (corpus gold, the scorer, seed documents): one setting for every test that reads it.
SHARED = Path(os.environ.get("DOCKET_SHARED", "/work/shared"))


def shared_path(*parts: str) -> Path:
    """A path in the shared folder; the calling test is skipped, with the reason in the summary
    (pytest -rs, set in pyproject.toml), when the shared folder is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"SKIPPED: {path} not found; the shared corpus is not mounted (set DOCKET_SHARED)")
    return path


@pytest.fixture
def sources() -> Path:
    return SOURCES


@pytest.fixture
def seed_txt() -> Path:
    return SOURCES / "neaspec-nfp-2021-concept-note.txt"


# Hypothesis profiles: "default" keeps `make test` quick; `make fuzz` runs "long".
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long",
    max_examples=5_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("default")

from offline_browser import browser  # noqa: E402,F401  (the shared chromium fixture for report tests)
