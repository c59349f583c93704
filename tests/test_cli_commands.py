"""The `docket` command line as a whole: fast help (no heavy imports), "did you mean", one
--format convention (repeatable and comma-separated), --debug on every command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import LAZY_COMMANDS, cli

ROOT = Path(__file__).resolve().parent.parent
DIFF = ROOT / "tests" / "data" / "diff"
HEAVY = ("spacy", "scipy", "pandas", "datasette")


def test_help_imports_no_heavy_library():
    code = (
        "import sys\n"
        "import pipeline.cli\n"
        f"after_import = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "try:\n"
        "    pipeline.cli.cli(['--help'], prog_name='docket')\n"
        "except SystemExit:\n"
        "    pass\n"
        f"after_help = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print(repr((after_import, after_help)), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "ingest" in done.stdout and "remove" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "([], [])"


@pytest.mark.parametrize("name", sorted(LAZY_COMMANDS))
def test_listed_help_is_the_commands_own(name: str):
    command = cli.get_command(None, name)  # type: ignore[arg-type]
    assert LAZY_COMMANDS[name][2] == command.get_short_help_str(limit=1000)


def test_misspelt_command_gets_a_suggestion():
    result = CliRunner().invoke(cli, ["injest", "inputs/"])
    assert result.exit_code == 2
    assert "No such command 'injest'. Did you mean 'ingest'?" in result.output
    result = CliRunner().invoke(cli, ["frobnicate"])
    assert (
        result.exit_code == 2 and "Did you mean" not in result.output and "Commands: actors," in result.output
    )


@pytest.mark.parametrize("name", sorted(cli.list_commands(None)))  # type: ignore[arg-type]
def test_every_command_has_help_lives_in_the_cli_package_and_is_in_the_readme(name: str):
    result = CliRunner().invoke(cli, [name, "--help"], prog_name="docket")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: docket {name} ")
    module = (
        LAZY_COMMANDS[name][0] if name in LAZY_COMMANDS else cli.get_command(None, name).callback.__module__
    )  # type: ignore[arg-type,union-attr]
    assert module.startswith("pipeline.cli"), module
    assert re.search(rf"\bdocket {name}\b", (ROOT / "README.md").read_text(encoding="utf-8")), name


@pytest.mark.parametrize("name", sorted({*LAZY_COMMANDS, "show"}))
def test_every_command_accepts_debug(name: str):
    result = CliRunner().invoke(cli, [name, "--debug", "--help"])
    assert result.exit_code == 0, result.output
    assert "--debug" in result.output


def test_debug_shows_the_traceback_of_any_command(tmp_path: Path):
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    plain = CliRunner().invoke(
        cli, ["export", str(tmp_path / "bad.json"), "-o", str(tmp_path / "x"), "-f", "csv"]
    )
    assert plain.exit_code == 1 and plain.output.startswith("Error: ")
    out = tmp_path / "out"
    out.mkdir()
    # a DocketError raised past the command's own handling: the group's --debug lets it through
    debug = CliRunner().invoke(cli, ["remove", str(out), "x", "--debug"])
    assert debug.exit_code == 1 and "no catalog.sqlite" in debug.output


def test_format_is_repeatable_and_comma_separated_everywhere(tmp_path: Path):
    runner = CliRunner()
    old, new = DIFF / "s4_DP_2025_6.en.json", DIFF / "s4_DP_2025_7.en.json"
    result = runner.invoke(
        cli, ["diff", str(old), str(new), "-o", str(tmp_path / "d"), "--format", "html,md", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["diff.csv", "diff.html", "diff.md"]
    records = tmp_path / "records.jsonl"
    records.write_text(
        "".join(json.dumps(json.loads(p.read_text(encoding="utf-8"))) + "\n" for p in (old, new)),
        encoding="utf-8",
    )
    result = runner.invoke(
        cli, ["export", str(records), "-o", str(tmp_path / "e"), "-f", "jsonl,csv", "--format", "JSONL"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "e").iterdir()) == ["csv", "documents.jsonl"]
    bad = runner.invoke(cli, ["diff", str(old), str(new), "-o", str(tmp_path / "f"), "--format", "html,pdf"])
    assert bad.exit_code == 2 and "unknown format 'pdf'" in bad.output
