"""Run settings, validated in one place (pdfplumber's TableSettings pattern)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

PACKAGE_DATA = Path(__file__).resolve().parent / "data"  # the defaults shipped with the package
PDF_READERS = ("pdfplumber", "pdfium")  # pdf_extractor.READERS; named here so settings load no extractor
REPO_CONFIG = Path(__file__).resolve().parent.parent / "config"


def default_config_dir() -> Path:
    """``$DOCKET_CONFIG``, else ``./config`` when present, else the repo's, else the packaged defaults."""
    env = os.environ.get("DOCKET_CONFIG")
    if env:
        return Path(env)
    if Path("config/docket.toml").exists():
        return Path("config")
    if (REPO_CONFIG / "docket.toml").exists():
        return REPO_CONFIG
    return PACKAGE_DATA


@dataclass(frozen=True, slots=True)
class Settings:
    config_dir: Path | None = None
    tag: bool = True
    raw_csv: bool = False
    timeout: float = 300.0
    max_docx_uncompressed: int = 200 * 1024 * 1024
    max_pages: int = 2000
    ocr: bool = False
    max_memory_mb: int = 2048  # per document, on top of a worker's footprint after start-up; 0 = no limit
    reader: str = "pdfium"  # what reads a PDF page's characters: "pdfium" (fast) or "pdfplumber" (reference)

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ConfigError("settings", f"timeout must be positive, got {self.timeout}", key="timeout")
        if self.max_memory_mb < 0:
            raise ConfigError(
                "settings", f"max_memory_mb cannot be negative, got {self.max_memory_mb}", key="max_memory_mb"
            )
        if self.max_pages <= 0:
            raise ConfigError(
                "settings", f"max_pages must be positive, got {self.max_pages}", key="max_pages"
            )
        if self.reader not in PDF_READERS:
            raise ConfigError(
                "settings",
                f"reader must be one of {', '.join(PDF_READERS)}, got {self.reader!r}",
                key="reader",
            )
        if self.max_docx_uncompressed <= 0:
            raise ConfigError(
                "settings", "max_docx_uncompressed must be positive", key="max_docx_uncompressed"
            )

    @property
    def config_path(self) -> Path:
        return self.config_dir or default_config_dir()

    @classmethod
    def resolve(cls, value: Settings | dict[str, Any] | str | Path | None = None) -> Settings:
        """Accept None, a dict of overrides, a Settings, or a config folder."""
        if value is None:
            return cls()
        if isinstance(value, Settings):
            return value
        if isinstance(value, str | Path):
            return cls.from_dir(Path(value))
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(value) - known)
        if unknown:
            raise ConfigError(
                "settings", f"unknown option(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        return cls(**value)

    @classmethod
    def from_dir(cls, config_dir: Path) -> Settings:
        """Read ``[ingest]`` from ``docket.toml`` in ``config_dir`` (missing file = defaults)."""
        path = config_dir / "docket.toml"
        base = cls(config_dir=config_dir)
        if not path.exists():
            return base
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(str(path), f"not valid TOML: {e}") from e
        section = data.get("ingest", {})
        known = {f.name for f in fields(cls)} - {"config_dir"}
        unknown = sorted(set(section) - known)
        if unknown:
            raise ConfigError(str(path), f"unknown option(s) {', '.join(unknown)}", key="ingest")
        return replace(base, **section)
