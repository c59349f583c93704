"""What produced a record: the pipeline version plus hashes of the configuration it read.

The configuration is split in two so a change to the taggers' data (actors, topics) re-tags
stored records instead of re-extracting them.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..config import Settings

TAGGING_FILES = ("actors.csv", "topics.toml", "sdg.toml")
# docket.toml sections read before tagging; every other section counts as tagging config.
EXTRACTION_SECTIONS = ("ingest", "extract", "parse")
# Settings that change what is extracted (timeout, tag, raw_csv and config_dir do not).
EXTRACTION_SETTINGS = ("max_docx_uncompressed", "max_pages")


@dataclass(frozen=True, slots=True)
class Versions:
    pipeline: str
    extraction: str
    tagging: str  # "off" when tagging is disabled


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]


def config_versions(settings: Settings) -> Versions:
    folder = Path(settings.config_path)
    toml: dict = {}
    path = folder / "docket.toml"
    if path.is_file():
        try:
            toml = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            toml = {"_raw": hashlib.sha256(path.read_bytes()).hexdigest()}
    ingest = {k: v for k, v in toml.get("ingest", {}).items() if k not in ("timeout", "tag", "raw_csv")}
    extraction = _digest(
        {
            "pipeline": __version__,
            "sections": {s: ingest if s == "ingest" else toml.get(s) for s in EXTRACTION_SECTIONS},
            "settings": {k: getattr(settings, k, None) for k in EXTRACTION_SETTINGS},
        }
    )
    if not settings.tag:
        return Versions(__version__, extraction, "off")
    files = {}
    for name in TAGGING_FILES:
        p = folder / name
        files[name] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else None
    rest = {k: v for k, v in toml.items() if k not in EXTRACTION_SECTIONS}
    return Versions(__version__, extraction, _digest({"files": files, "toml": rest}))
