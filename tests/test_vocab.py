"""The parsers' vocabulary is data: config/vocabulary.toml, with the packaged copy as fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.parse import vocab
from pipeline.process import process_file

ROOT = Path(__file__).resolve().parent.parent


def test_repo_config_and_packaged_copy_agree():
    assert (ROOT / "config" / "vocabulary.toml").read_bytes() == vocab.PACKAGE_FILE.read_bytes()


def test_phrases_match_case_space_and_hyphen_variants():
    v = vocab.Vocabulary({"s": {"k": ("coffee break", "key-recommendations")}})
    rx = v.regex("s", "k")
    for text in (
        "Coffee  Break",
        "COFFEE\nBREAK",
        "KEY-RECOMMENDATIONS",
        "key recommendations",
        "keyrecommendations",
    ):
        assert rx.search(text), text
    assert not rx.search("coffee")
    assert not vocab.Vocabulary().regex("s", "missing").search("anything")


def test_bad_vocabulary_is_a_config_error(tmp_path: Path):
    (tmp_path / "vocabulary.toml").write_text("[organisations]\nnames = 'not a list'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a list"):
        vocab.load(tmp_path)
    (tmp_path / "vocabulary.toml").write_text("[organisations\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        vocab.load(tmp_path)


def test_a_folder_without_vocabulary_uses_the_packaged_copy(tmp_path: Path):
    assert vocab.locate(tmp_path) == vocab.PACKAGE_FILE


def test_user_vocabulary_names_the_organisation(tmp_path: Path):
    doc = tmp_path / "note.txt"
    doc.write_text("Concept note\n\nRegional workshop of the Acme Fisheries Council\n\nDate: 3 May 2024\n")
    config = tmp_path / "config"
    config.mkdir()
    (config / "vocabulary.toml").write_text('[organisations]\nnames = ["Acme Fisheries Council"]\n')
    try:
        found = process_file(doc, {"config_dir": config, "tag": False}).document
        default = process_file(doc, {"tag": False}).document
    finally:
        vocab.use(None)
    assert found is not None and found.info.organisation == "Acme Fisheries Council"
    assert default is not None and default.info.organisation == ""
