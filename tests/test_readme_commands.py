"""The README's examples name files that are shipped, and the ones that run on shipped files work
as written (issue 15: a new user copies them first)."""

from __future__ import annotations

import csv
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```sh\n(.*?)```", README, re.S)


def _commands() -> list[list[str]]:
    out = []
    for block in BLOCKS:
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            if re.match(r"^(?:\.venv/bin/)?docket\s", line):
                out.append(shlex.split(line))
    return out


def test_every_input_the_readme_names_is_shipped() -> None:
    named = {arg for cmd in _commands() for arg in cmd if arg.startswith("inputs/") and arg != "inputs/"}
    assert named, "the README names no shipped input"
    missing = sorted(a for a in named if not (ROOT / a).exists())
    assert not missing, f"README examples name files that are not in inputs/: {missing}"


def _runnable(cmd: list[str]) -> bool:
    """A read-only example on shipped files: show, and diff of two shipped documents."""
    args = cmd[1:]
    return (
        args[0] in ("show", "diff")
        and all((ROOT / a).exists() for a in args[1:] if a.startswith("inputs/"))
        and any(a.startswith("inputs/") for a in args[1:])
    )


@pytest.mark.parametrize("cmd", [c for c in _commands() if _runnable(c)], ids=lambda c: " ".join(c[1:3]))
def test_readme_example_runs_as_written(cmd: list[str], tmp_path: Path) -> None:
    args = [
        str(tmp_path / "out") if prev in ("-o", "--output") else a
        for prev, a in zip(cmd[:-1], cmd[1:], strict=True)
    ]
    run = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr[-2000:]
    if args[0] == "diff":
        with open(tmp_path / "out" / "diff.csv", encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        # the two responses to the same review: same numbers, different responses
        assert {r["change"] for r in rows} >= {"updated"}
        assert {r["new_number"] for r in rows if r["kind"] == "recommendations"} >= {"7"}
    else:
        assert run.stdout.strip()
