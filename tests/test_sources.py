"""Which files `docket ingest` reads: --include/--exclude globs, and non-documents (README*,
SOURCES*, LICENSE*, hidden files and folders) left out by default, counted as excluded, not failed."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.sources import SourceFilter, select_sources

SEED = Path(__file__).resolve().parent.parent / "inputs" / "neaspec-nfp-2021-concept-note.txt"


def folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "drafts").mkdir(parents=True)
    (root / ".sync").mkdir()
    shutil.copy(SEED, root / "note.txt")
    shutil.copy(SEED, root / "drafts" / "draft.txt")
    shutil.copy(SEED, root / ".sync" / "conflict.txt")
    (root / "README.md").write_text("# What this folder holds\n\nMeeting documents.\n", encoding="utf-8")
    (root / "SOURCES.md").write_text("- note.txt: from the ESCAP website\n", encoding="utf-8")
    (root / "license.txt").write_text("CC BY 4.0\n", encoding="utf-8")
    (root / ".~lock.note.txt").write_text("x\n", encoding="utf-8")
    return root


def ingest(*args: str):
    return CliRunner().invoke(cli, ["ingest", *args, "--no-tag", "--workers", "1"], catch_exceptions=False)


def manifest_names(out: Path) -> list[str]:
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as fh:
        return sorted(Path(r["source_file"]).name for r in csv.DictReader(fh))


def test_non_documents_are_excluded_not_failed(tmp_path: Path):
    root = folder(tmp_path)
    out = tmp_path / "out"
    result = ingest(str(root), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 ingested, 0 failed, 4 excluded in "), result.output
    assert "excluded (not read, not failed): " in result.output
    assert manifest_names(out) == ["draft.txt", "note.txt"]
    assert (out / "failures.csv").read_text(encoding="utf-8-sig").splitlines() == [
        "source_file,reason,message"
    ]


def test_include_and_exclude_globs(tmp_path: Path):
    root = folder(tmp_path)
    out = tmp_path / "out"
    result = ingest(str(root), "-o", str(out), "--exclude", "drafts/*", "-q")
    assert result.output.startswith("1 ingested, 0 failed, 5 excluded"), result.output
    assert manifest_names(out) == ["note.txt"]
    out2 = tmp_path / "out2"
    result = ingest(str(root), "-o", str(out2), "--include", "draft*", "-q")
    assert result.output.startswith("1 ingested, 0 failed, 5 excluded"), result.output
    assert manifest_names(out2) == ["draft.txt"]


def test_a_file_named_on_the_command_line_is_read_and_defaults_can_be_turned_off(tmp_path: Path):
    root = folder(tmp_path)
    named = ingest(str(root / "README.md"), "-o", str(tmp_path / "named"), "-q")
    assert named.output.startswith("1 ingested, ") and "excluded" not in named.output, named.output
    everything = ingest(str(root), "-o", str(tmp_path / "all"), "-q", "--no-default-exclude")
    assert everything.output.startswith("7 ingested"), everything.output
    assert "conflict.txt" in manifest_names(tmp_path / "all")


def test_selection_names_each_rule(tmp_path: Path):
    root = folder(tmp_path)
    selection = select_sources([root], SourceFilter(exclude=("*.md",), include=()))
    why = {p.name: rule for p, rule in selection.excluded}
    assert why == {
        ".~lock.note.txt": "hidden file",
        "README.md": "not a document (README*)",
        "SOURCES.md": "not a document (SOURCES*)",
        "license.txt": "not a document (LICENSE*)",
    }
    assert [p.name for p in selection.sources] == ["draft.txt", "note.txt"]
    selection = select_sources([root], SourceFilter(exclude=("note.txt",), default_excludes=False))
    assert ("note.txt", "--exclude note.txt") in {(p.name, rule) for p, rule in selection.excluded}


def test_a_walk_takes_every_suffix_the_extractors_read(tmp_path: Path):
    """One list of suffixes (the extractor registry's): a file read when named is read when walked."""
    from pipeline.extract.base import DOCX_SUFFIXES, PDF_SUFFIXES, TEXT_SUFFIXES, sniff_format

    root = tmp_path / "in"
    root.mkdir()
    for suffix in TEXT_SUFFIXES:
        shutil.copy(SEED, root / f"note{suffix}")
    (root / "notes.odt").write_bytes(b"\x00\x01binary")
    walked = {p.name for p in select_sources([root]).sources}
    assert walked == {f"note{suffix}" for suffix in TEXT_SUFFIXES}
    assert all(sniff_format(root / name) in ("txt", "md") for name in walked)
    for suffix in (*DOCX_SUFFIXES, *PDF_SUFFIXES, ".doc"):
        (root / f"x{suffix}").write_bytes(b"%PDF-1.4\n")
    walked = {p.name for p in select_sources([root]).sources}
    assert {f"x{suffix}" for suffix in (*DOCX_SUFFIXES, *PDF_SUFFIXES, ".doc")} <= walked
    assert "notes.odt" not in walked
