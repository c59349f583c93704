"""The README's examples name files that are shipped, and the ones that run on shipped files work
as written (issue 15: a new user copies them first)."""

from __future__ import annotations

import csv
import os
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


# README commands that cannot run on the shipped files, and why; any other command runs below
NOT_RUNNABLE = {
    "diff old.json": "compares two JSON records a user has (old.json, new.json)",
    "history A_51_595.en.pdf": "names three versions of a report that are not shipped",
    "track reports/": "names folders of reports and responses a user has",
    "serve outputs/": "starts a server until stopped (test_serve.py and test_serve_browser.py run it)",
}
PATH_LIKE = re.compile(r"/|\.(pdf|docx|txt|json|jsonl|html)$")


def _key(cmd: list[str]) -> str:
    return " ".join(cmd[1:3])


def _missing(cmd: list[str], work: Path) -> list[str]:
    """Path arguments (not output folders, not globs) that do not exist in ``work`` now."""
    args = cmd[1:]
    outputs = {b for a, b in zip(args, args[1:], strict=False) if a in ("-o", "--output")}
    return [
        a
        for a in args
        if PATH_LIKE.search(a) and "*" not in a and a not in outputs and not (work / a).exists()
    ]


def _check(cmd: list[str], run: subprocess.CompletedProcess, work: Path) -> None:
    """What each kind of command must have done, beyond exiting 0."""
    command = cmd[1]
    if command == "ingest":
        assert re.match(r"\d+ ingested, 0 failed", run.stdout), run.stdout
        assert (work / "outputs" / "documents.jsonl").is_file()
    elif command in ("show", "--help"):
        assert run.stdout.strip()
    elif command == "remove":
        assert re.search(r"\b[1-9]\d* removed", run.stdout), run.stdout
    elif command == "diff":
        with open(work / "outputs" / "diff" / "diff.csv", encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        # the two responses to the same review: same numbers, different responses
        assert {r["change"] for r in rows} >= {"updated"}
        assert {r["new_number"] for r in rows if r["kind"] == "recommendations"} >= {"7"}
    elif command == "track":
        assert (work / "outputs" / "lineage" / "lineage.csv").is_file()
    elif command == "export":
        formats = [
            f for a, b in zip(cmd, cmd[1:], strict=False) if a in ("-f", "--format") for f in b.split(",")
        ]
        made = {
            "csv": "csv/recommendations.csv",
            "parquet": "parquet/recommendations.parquet",
            "xlsx": "documents.xlsx",
        }
        for f in formats:
            assert (work / "exports" / made[f]).is_file(), f
    elif command == "report":
        assert "recommendations" in (work / "outputs" / "report.html").read_text(encoding="utf-8")
    else:
        raise AssertionError(f"no check for README command {' '.join(cmd)}; add one")


def test_readme_commands_run_in_order_on_shipped_files(tmp_path: Path) -> None:
    """Every README command that can run offline on the shipped files runs, in the README's order
    (ingest, remove, diff, track, export, report...) in a fresh folder holding inputs/; the others
    are exactly those of NOT_RUNNABLE."""
    work = tmp_path
    (work / "inputs").symlink_to(ROOT / "inputs", target_is_directory=True)
    skipped = {}
    for cmd in _commands():
        missing = _missing(cmd, work)
        if cmd[1] == "serve" or missing:
            skipped[_key(cmd)] = missing
            continue
        run = subprocess.run(
            [sys.executable, "-m", "pipeline.cli", *cmd[1:]],
            cwd=work,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert run.returncode == 0, (cmd, run.stdout[-1000:], run.stderr[-2000:])
        _check(cmd, run, work)
    assert set(skipped) == set(NOT_RUNNABLE), skipped
