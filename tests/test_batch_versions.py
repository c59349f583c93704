"""The catalog's versions fingerprint the code: a code change redoes or re-tags documents."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_batch_runner import ingest, make_inputs, manifest

import pipeline
from pipeline.batch import versions
from pipeline.batch.versions import EXTRACTION_SOURCES, TAGGING_SOURCES, source_hash
from pipeline.cli import cli

PACKAGE = Path(pipeline.__file__).resolve().parent


def reasons(out: Path) -> set[tuple[str, str]]:
    return {(r["status"], r["reason"]) for r in manifest(out).values()}


def flip_byte(path: Path) -> None:
    """Change one byte, harmlessly: the final newline becomes a space (or the other way round)."""
    data = bytearray(path.read_bytes())
    data[-1] = ord(" ") if data[-1] == ord("\n") else ord("\n")
    path.write_bytes(bytes(data))


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of the pipeline package (with its __pycache__ folders), to edit freely."""
    copy = tmp_path / "site" / "pipeline"
    shutil.copytree(PACKAGE, copy)
    return copy


def test_extraction_fingerprint_change_reextracts(tmp_path: Path, monkeypatch):
    make_inputs(tmp_path / "in", 2)
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "in"), "-o", str(out)).exit_code == 0
    assert ingest(str(tmp_path / "in"), "-o", str(out)).exit_code == 0
    assert reasons(out) == {("skipped", "unchanged")}
    monkeypatch.setattr(versions, "extraction_fingerprint", lambda: "edited-code")
    assert ingest(str(tmp_path / "in"), "-o", str(out)).exit_code == 0
    assert reasons(out) == {("ingested", "pipeline or config changed")}
    with sqlite3.connect(out / "catalog.sqlite") as db:
        recorded = {v for (v,) in db.execute("SELECT DISTINCT pipeline_version FROM files")}
    assert recorded == {f"{pipeline.__version__}+edited-code"}
    assert ingest(str(tmp_path / "in"), "-o", str(out)).exit_code == 0
    assert reasons(out) == {("skipped", "unchanged")}


@pytest.mark.slow
def test_tagging_fingerprint_change_retags_without_extracting(tmp_path: Path, monkeypatch):
    make_inputs(tmp_path / "in", 2)
    out = tmp_path / "out"

    def run():
        result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "in"), "-o", str(out), "-q"])
        assert result.exit_code == 0, result.output

    run()
    assert reasons(out) == {("ingested", "new")}
    before = (out / "documents.jsonl").read_bytes()
    monkeypatch.setattr(versions, "tagging_fingerprint", lambda: "edited-tagger")
    run()
    assert reasons(out) == {("ingested", "retagged")}
    assert (out / "documents.jsonl").read_bytes() == before, "same tagger code in fact: same records"
    run()
    assert reasons(out) == {("skipped", "unchanged")}


def test_catalog_of_the_previous_scheme_is_redone(tmp_path: Path):
    """Rows written before the code fingerprint (pipeline_version = bare __version__) are simply
    treated as changed: no crash, no migration."""
    make_inputs(tmp_path / "in", 2)
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "in"), "-o", str(out)).exit_code == 0
    old_extraction = hashlib.sha256(
        json.dumps(
            {
                "pipeline": pipeline.__version__,
                "sections": {"ingest": {}, "extract": None, "parse": None},
                "settings": {"max_docx_uncompressed": 200 * 1024 * 1024, "max_pages": 2000},
            },
            sort_keys=True,
        ).encode()
    ).hexdigest()[:16]
    with sqlite3.connect(out / "catalog.sqlite") as db:
        db.execute(
            "UPDATE files SET pipeline_version = ?, extraction_version = ?",
            (pipeline.__version__, old_extraction),
        )
    result = ingest(str(tmp_path / "in"), "-o", str(out))
    assert result.exit_code == 0 and result.output.startswith("2 ingested"), result.output
    assert reasons(out) == {("ingested", "pipeline or config changed")}
    assert ingest(str(tmp_path / "in"), "-o", str(out)).exit_code == 0
    assert reasons(out) == {("skipped", "unchanged")}


def test_source_hash_is_stable_and_sees_one_byte(package_copy: Path):
    extraction = source_hash(EXTRACTION_SOURCES, root=package_copy)
    tagging = source_hash(TAGGING_SOURCES, root=package_copy)
    assert len(extraction) == 16 and int(extraction, 16) >= 0
    assert source_hash(EXTRACTION_SOURCES, root=package_copy) == extraction
    assert source_hash(EXTRACTION_SOURCES) == extraction, "the default root is the imported package"
    # Neither mtimes nor bytecode nor stray hidden files count.
    os.utime(package_copy / "parse" / "dates.py", ns=(0, 0))
    (package_copy / "extract" / "__pycache__").mkdir(exist_ok=True)
    (package_copy / "extract" / "__pycache__" / "base.cpython-311.pyc").write_bytes(b"\0junk")
    (package_copy / "extract" / ".base.py.swp").write_bytes(b"junk")
    assert source_hash(EXTRACTION_SOURCES, root=package_copy) == extraction
    # One byte of an extraction module changes the extraction hash only.
    flip_byte(package_copy / "extract" / "text_extractor.py")
    changed = source_hash(EXTRACTION_SOURCES, root=package_copy)
    assert changed != extraction
    assert source_hash(TAGGING_SOURCES, root=package_copy) == tagging
    # One byte of the tagger's code or packaged data changes the tagging hash only.
    flip_byte(package_copy / "nlp" / "tag.py")
    retagged = source_hash(TAGGING_SOURCES, root=package_copy)
    assert retagged != tagging
    flip_byte(package_copy / "data" / "actors.csv")
    assert source_hash(TAGGING_SOURCES, root=package_copy) not in (tagging, retagged)
    assert source_hash(EXTRACTION_SOURCES, root=package_copy) == changed


def test_fingerprints_are_cached_and_cover_library_versions(monkeypatch):
    first = versions.extraction_fingerprint()
    assert versions.extraction_fingerprint() == first
    assert versions.tagging_fingerprint() == versions.tagging_fingerprint()
    try:
        monkeypatch.setattr(versions, "_dist_version", lambda name: "9.9-upgraded")
        versions.extraction_fingerprint.cache_clear()
        versions.tagging_fingerprint.cache_clear()
        assert versions.extraction_fingerprint() != first
    finally:
        monkeypatch.undo()
        versions.extraction_fingerprint.cache_clear()
        versions.tagging_fingerprint.cache_clear()


def test_fingerprint_of_a_non_editable_copy(package_copy: Path):
    """Imported from a plain folder on sys.path (as a wheel installs it), the package hashes the
    files next to its modules."""
    code = (
        "import pipeline; from pipeline.batch.versions import EXTRACTION_SOURCES, source_hash; "
        "print(pipeline.__file__); print(source_hash(EXTRACTION_SOURCES))"
    )

    def run() -> tuple[str, str]:
        env = {**os.environ, "PYTHONPATH": str(package_copy.parent)}
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=package_copy.parent,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        where, digest = done.stdout.split()
        return where, digest

    where, digest = run()
    assert Path(where).resolve().parent == package_copy.resolve()
    assert digest == source_hash(EXTRACTION_SOURCES, root=package_copy)
    flip_byte(package_copy / "models.py")
    assert run()[1] != digest
