"""Outputs follow the umask (0644 under umask 022), like any file the user creates: colleagues,
a BI gateway or a web server reading a shared folder can open them."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli

SEED = Path(__file__).resolve().parent.parent / "inputs" / "neaspec-nfp-2021-concept-note.txt"


@pytest.fixture
def umask():
    previous = os.umask(0o022)
    yield lambda mask: os.umask(mask)
    os.umask(previous)


def modes(out: Path) -> dict[str, int]:
    return {
        str(p.relative_to(out)): stat.S_IMODE(p.stat().st_mode)
        for p in out.rglob("*")
        if p.is_file()
        and not p.name.startswith(".")  # the lock file, catalog journals
        and not p.name.startswith("catalog.sqlite-")
    }


@pytest.mark.parametrize(("mask", "want"), [(0o022, 0o644), (0o027, 0o640)])
def test_outputs_follow_the_umask(tmp_path: Path, umask, mask: int, want: int):
    umask(mask)
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src)
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(src), "-o", str(out), "--no-tag", "-q", "--workers", "1"])
    assert result.exit_code == 0, result.output
    for args in (
        ["export", str(out), "-o", str(out / "exp"), "-f", "xlsx", "-f", "json"],
        ["report", str(out)],
    ):
        assert runner.invoke(cli, args).exit_code == 0
    found = modes(out)
    assert {"manifest.csv", "documents.jsonl", "failures.csv", "csv/documents.csv", "report.html"} <= set(
        found
    )
    assert any(name.startswith("json/") for name in found) and "exp/documents.xlsx" in found
    assert {name: mode for name, mode in found.items() if mode != want} == {}
