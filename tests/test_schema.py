"""The JSON Schema of the document record: committed, generated from models.py, and enforced."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import SOURCES
from sample_records import rich_document

from pipeline import models
from pipeline.export import get_exporter
from pipeline.process import process_file
from pipeline.schema.build import SCHEMA_PATH, build_schema, render, validate_record


@pytest.fixture(scope="module", params=[False, True], ids=["untagged", "tagged"])
def seed_record(request) -> dict:
    result = process_file(SOURCES / "neaspec-nfp-2021-concept-note.txt", {"tag": request.param})
    assert result.document is not None
    return result.document.to_dict()


def test_schema_committed_file_matches_models():
    """Fails when a record field changes without `python -m pipeline.schema` being rerun."""
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render(build_schema()), (
        "pipeline/schema/docket.schema.json is out of date: run `python -m pipeline.schema` "
        "and note the change in docs/SCHEMA_CHANGELOG.md"
    )


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def test_schema_version_is_the_models_version():
    assert build_schema()["properties"]["schema_version"] == {
        "const": models.SCHEMA_VERSION,
        "description": "Version of this schema; see docs/SCHEMA_CHANGELOG.md.",
    }
    changelog = (SCHEMA_PATH.parents[2] / "docs" / "SCHEMA_CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {models.SCHEMA_VERSION}" in changelog


def test_schema_validates_ingested_seed(seed_record: dict):
    validate_record(seed_record)


def test_schema_validates_hand_built_document():
    validate_record(rich_document().to_dict())
    validate_record(models.Document(models.DocumentInfo("x", "x.txt", "0" * 64, "txt")).to_dict())


@pytest.mark.parametrize("name", ["json", "jsonl"])
def test_schema_validates_every_json_export(name: str, seed_record: dict):
    import io

    exporter = get_exporter(name)
    stream = io.BytesIO()
    exporter.start(stream)
    for record in (seed_record, rich_document().to_dict()):
        exporter.write(record)
    exporter.finish()
    text = stream.getvalue().decode("utf-8")
    records = json.loads(text) if name == "json" else [json.loads(line) for line in text.splitlines()]
    assert len(records) == 2
    for record in records:
        validate_record(record)


@pytest.mark.parametrize(
    "path, new_name",
    [
        (("document", "title"), "name"),
        (("recommendations", 0, "text"), "wording"),
        (("recommendations", 0, "actors", 0, "name"), "actor"),
        (("recommendations", 0, "management_response", "category"), "status"),
        (("agenda_items", 0, "start"), "begin"),
        (("sections", 0, "provenance", "page"), "page_no"),
        ((), "schema_version"),
    ],
)
def test_schema_rejects_a_renamed_field(path: tuple, new_name: str):
    record = copy.deepcopy(rich_document().to_dict())
    *parents, key = path or ("schema_version",)
    target = record
    for step in parents:
        target = target[step]
    if not path:
        new_name = "version"
    target[new_name] = target.pop(key)
    with pytest.raises(jsonschema.ValidationError):
        validate_record(record)


def test_schema_rejects_wrong_types_and_unknown_doc_type():
    record = rich_document().to_dict()
    record["document"]["doc_type"] = "memo"
    with pytest.raises(jsonschema.ValidationError, match="memo"):
        validate_record(record)
    record = rich_document().to_dict()
    record["recommendations"][0]["actors"] = "ESCAP"
    with pytest.raises(jsonschema.ValidationError):
        validate_record(record)


def test_schema_follows_a_renamed_dataclass_field():
    """The builder reads field names from the dataclasses, so a rename shows up as schema drift."""

    @dataclass(frozen=True)
    class Renamed:
        wording: str
        page: int | None = None

        def to_dict(self):
            return {"wording": self.wording, **({"page": self.page} if self.page is not None else {})}

    schema = build_schema(Renamed)
    assert schema["required"] == ["wording"]
    assert set(schema["properties"]) == {"wording", "page"}
    assert schema["properties"]["page"] == {"type": ["integer", "null"]}


def test_schema_builder_refuses_keys_without_fields():
    @dataclass(frozen=True)
    class Stray:
        text: str

        def to_dict(self):
            return {"text": self.text, "computed": 1}

    with pytest.raises(TypeError, match="computed"):
        build_schema(Stray)


@pytest.mark.slow
def test_schema_validates_docket_ingest_outputs(tmp_path: Path):
    from pipeline.cli import cli

    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["ingest", str(SOURCES / "neaspec-nfp-2021-concept-note.txt"), "-o", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(p.read_text("utf-8")) for p in sorted((out / "json").glob("*.json"))]
    records += [json.loads(line) for line in (out / "documents.jsonl").read_text("utf-8").splitlines()]
    assert len(records) == 2
    for record in records:
        validate_record(record)
