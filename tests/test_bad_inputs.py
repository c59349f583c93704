"""The bad-input collection: every broken or hostile file gives its expected outcome, and a batch
of all of them mixed with good documents ingests the good ones, records the bad ones and exits 3."""

from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "bad_inputs"))
from make_bad_inputs import Case, build  # noqa: E402

from pipeline.cli import cli  # noqa: E402
from pipeline.models import Status  # noqa: E402
from pipeline.process import iter_sources, process_file  # noqa: E402

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out

SOURCES = Path(__file__).parent / "data" / "sources"
SETTINGS = {"tag": False, "max_pages": 2000}


@pytest.fixture(scope="module")
def collection(tmp_path_factory) -> tuple[Path, list[Case]]:
    root = tmp_path_factory.mktemp("bad-inputs")
    return root, build(root)


@pytest.mark.parametrize("reader", ["pdfplumber", "pdfium"])
def test_every_case_gives_its_expected_outcome(collection, reader):
    """With either PDF reader: the pdfium reader opens files through pdfplumber too, and hands a page
    it cannot read (tiny characters, a garbage font dictionary) to pdfplumber, never failing it."""
    root, cases = collection
    wrong = []
    for case in cases:
        if case.expected == "ignored":
            continue
        result = process_file(root / case.name, {**SETTINGS, "reader": reader}, source_file=case.name)
        if case.expected == "record":
            ok = result.status in (Status.OK, Status.PARTIAL) and result.document is not None
            got = "record" if ok else f"failed:{result.failure.reason} ({result.failure.message})"
        else:
            got = f"failed:{result.failure.reason}" if result.failure else "record"
            if result.failure:
                message = result.failure.message
                assert message.startswith(case.name), f"{case.name}: message must name the file: {message!r}"
                assert "\n" not in message and len(message) < 400, (
                    f"{case.name}: one line please: {message!r}"
                )
        if got.split(" (")[0] != case.expected:
            wrong.append(f"{case.name}: expected {case.expected}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_walk_skips_loops_and_directories_named_like_documents(collection):
    root, _ = collection
    found = [p.relative_to(root).as_posix() for p in iter_sources([root / "paths"])]
    assert "folder.pdf" not in {Path(f).name for f in found}
    assert len(found) == len(set(found)), "a symlink loop must not yield files twice"


def test_macro_is_never_run_and_entities_never_resolved(collection):
    root, _ = collection
    record = process_file(root / "docx/xxe.docx", SETTINGS).document.to_dict()
    text = repr(record)
    assert "root:" not in text, "external entity was resolved"
    assert "lollollol" not in text, "nested entity was expanded"
    macro = process_file(root / "docx/macros.docm", SETTINGS).document.to_dict()
    assert "Shell" not in repr(macro)


def test_batch_of_bad_and_good_inputs_exits_3_and_loses_nothing(tmp_path: Path):
    batch = tmp_path / "batch"
    cases = build(batch)  # built afresh: a FIFO cannot be copied
    good = [
        "neaspec-nfp-2021-concept-note.txt",
        "neaspec-nfp-2021-concept-note.docx",
        "neaspec-nfp-2021-concept-note.pdf",
    ]
    for name in good:
        shutil.copy(SOURCES / name, batch / name)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["ingest", str(batch), "-o", str(out), "--no-tag", "-q"])
    assert result.exit_code == 3, result.output
    failures = list(csv.DictReader((out / "failures.csv").open(encoding="utf-8-sig")))
    failed_names = {Path(f["source_file"]).relative_to(batch).as_posix() for f in failures}
    expected_failed = {c.name for c in cases if c.expected.startswith("failed:")}
    assert failed_names == expected_failed
    records = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    expected_records = len(good) + sum(c.expected == "record" for c in cases)
    # every good file is a source of a record (one text in several files or encodings is one document)
    sources = [s for line in records for s in json.loads(line)["document"]["sources"]]
    assert len(sources) == len(set(sources)) == expected_records
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")], "no partial files"
