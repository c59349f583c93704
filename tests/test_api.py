"""The notebook API: `from pipeline import ingest, compare`, Collection, frames, JSON round trip."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import SOURCES
from sample_records import rich_document

import pipeline
from pipeline.api import Collection, RecordsFileError
from pipeline.export.columns import TABLES
from pipeline.models import Document, Failure, Reason

SEED = SOURCES / "neaspec-nfp-2021-concept-note.txt"


@pytest.fixture(scope="module")
def collection() -> Collection:
    from pipeline import ingest

    return ingest([SEED, SOURCES / "missing-file.pdf"], {"tag": False})


def test_api_ingest_returns_typed_records(collection: Collection):
    assert len(collection) == 1
    doc = collection[0]
    assert isinstance(doc, Document)
    assert doc.info.doc_type == "concept_note"
    assert collection[doc.info.id] is doc
    assert [f.reason for f in collection.failures] == [Reason.UNREADABLE]
    with pytest.raises(KeyError):
        collection["nope"]


def test_api_ingest_accepts_one_path():
    assert len(pipeline.ingest(SEED, {"tag": False})) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    "code",
    [
        "from pipeline import ingest, compare, Collection, Document",
        # the CLI and the batch runner import the per-file module first
        "import pipeline.process; from pipeline.process import process_file; from pipeline import ingest",
        "import pipeline; ingest = pipeline.ingest",
    ],
)
def test_api_import_gives_the_function_in_any_order(code: str):
    check = f"{code}\nc = ingest({str(SEED)!r}, {{'tag': False}})\nprint(type(c).__name__, len(c))"
    out = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True, cwd=SOURCES
    )
    assert out.stdout.strip() == "Collection 1"


def test_api_ingest_is_a_plain_function():
    """One name, one thing: no module is named ``pipeline.ingest`` to shadow the function."""
    import inspect

    import pipeline.api

    assert inspect.isfunction(pipeline.ingest)
    assert pipeline.ingest is pipeline.api.ingest
    assert {"ingest", "compare", "Collection", "Document"} <= set(dir(pipeline))


def test_api_import_pipeline_stays_cheap():
    code = "import sys, pipeline; print(sorted(m for m in ('pandas', 'spacy', 'pyarrow', 'openpyxl') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_api_submodule_still_works_after_lazy_exports():
    import pipeline.process as module

    assert module.process_file(SEED, {"tag": False}).document is not None
    assert pipeline.Document is Document


def test_api_to_frame_one_frame_per_table(collection: Collection):
    frames = Collection((*collection.documents, rich_document()), collection.failures).to_frame()
    assert list(frames) == [*TABLES, "failures"]
    for table, columns in TABLES.items():
        assert tuple(frames[table].columns) == columns
    recs = frames["recommendations"]
    assert recs["page"].dtype == "Int64"
    assert recs.set_index("record_id").loc["d0c1:rec:1", "actors"] == ["ESCAP", "北东亚 Secretariat"]
    assert frames["topics"]["score"].dtype == "Float64"
    assert frames["actors"]["registered"].dtype == "boolean"
    assert frames["failures"]["reason"].tolist() == ["unreadable"]
    assert len(frames["documents"]) == 2
    single = collection.to_frame("sections")
    assert isinstance(single, pd.DataFrame) and len(single) == len(collection[0].sections)
    with pytest.raises(ValueError, match="choose one of"):
        collection.to_frame("rows")


def test_api_empty_collection_frames_keep_columns():
    frames = Collection().to_frame()
    assert all(len(df) == 0 for df in frames.values())
    assert tuple(frames["actors"].columns) == TABLES["actors"]


@pytest.mark.parametrize("name", ["docs.jsonl", "docs.json"])
def test_api_json_round_trip(collection: Collection, tmp_path: Path, name: str):
    both = Collection((*collection.documents, rich_document()))
    path = both.to_json(tmp_path / name)
    again = Collection.from_json(path)
    assert again.documents == both.documents
    one = Collection(collection.documents).to_json(tmp_path / ("one-" + name))
    assert Collection.from_json(one).documents == collection.documents


def test_api_from_json_output_folder_reads_failures(tmp_path: Path):
    (tmp_path / "documents.jsonl").write_text("", "utf-8")
    Collection((rich_document(),)).to_json(tmp_path / "documents.jsonl")
    (tmp_path / "failures.csv").write_text(
        "\ufeffsource_file,reason,message\r\nx.pdf,encrypted,x.pdf: encrypted PDF\r\ny.pdf,corrupt,'-y.pdf: bad\r\n",
        "utf-8",
    )
    loaded = Collection.from_json(tmp_path)
    assert loaded.documents == (rich_document(),)
    assert loaded.failures == (
        Failure("x.pdf", Reason.ENCRYPTED, "x.pdf: encrypted PDF"),
        Failure("y.pdf", Reason.CORRUPT, "-y.pdf: bad"),
    )


def test_api_from_json_rejects_non_records(tmp_path: Path):
    (tmp_path / "x.json").write_text('{"title": "not a record"}', "utf-8")
    with pytest.raises(RecordsFileError, match="not a docket document record"):
        Collection.from_json(tmp_path / "x.json")
    with pytest.raises(RecordsFileError, match="no such file"):
        Collection.from_json(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(RecordsFileError, match="no records found"):
        Collection.from_json(tmp_path / "empty")


def test_api_compare_delegates_to_diff(tmp_path: Path):
    from pipeline import compare
    from pipeline.models import Provenance, Recommendation

    prov = Provenance("x.pdf", page=1)
    old = rich_document("old")
    added = Recommendation(number="3", text="Publish the data — «vite».", provenance=prov)
    new = rich_document("new", recommendations=(*old.recommendations, added))
    result = compare(old, new)
    assert result.counts()["added"] == 1  # the DiffReport's own API
    frame = result.to_frame("recommendations")
    assert frame.change.tolist() == ["unchanged", "unchanged", "added"]
    assert frame.iloc[2].new_text == "Publish the data — «vite»."
    assert frame.iloc[0].actors_added == []
    (tmp_path / "old.json").write_text(json.dumps(old.to_dict(), ensure_ascii=False), "utf-8")
    both = compare(tmp_path / "old.json", new, kinds=("recommendations", "objectives"))
    assert set(both.to_frame()) == {"recommendations", "objectives"}
    with pytest.raises(ValueError, match="compared: recommendations"):
        result.to_frame("agenda")


def test_api_collection_report(collection: Collection, tmp_path: Path):
    page = collection.report(tmp_path / "r.html")
    assert (tmp_path / "r.html").read_text("utf-8") == page
    assert '<div class="n" data-stat="documents">1</div>' in page
    assert '<div class="n" data-stat="failures">1</div>' in page
