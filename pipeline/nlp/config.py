"""Settings of the tagging stage: the ``[nlp]`` section of ``docket.toml``.

The files are read from a settings folder (by default the one ``pipeline.config`` finds:
``$DOCKET_CONFIG``, ``./config``, the repo's) and each file missing there falls back to the copy
shipped in ``pipeline/data/``, so an installed package works outside the repo.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..config import PACKAGE_DATA, default_config_dir
from ..errors import ConfigError
from .taxonomy import load_taxonomy

_KEYS = {"model", "actors", "taxonomies", "batch_size"}


@dataclass(frozen=True, slots=True)
class NlpSettings:
    """Resolved settings: absolute file paths, ready to build a pipeline from."""

    model: str
    actors: Path
    taxonomies: tuple[Path, ...]
    batch_size: int = 64
    source: str = ""  # the docket.toml read, "" when defaults were used

    def cache_key(self) -> tuple:
        files = (self.actors, *self.taxonomies)
        return (self.model, self.batch_size, *((str(p), p.stat().st_mtime_ns) for p in files))


def config_dir(settings_dir: Path | str | None) -> Path:
    """The folder holding docket.toml: ``settings_dir`` itself or its ``config/`` subfolder."""
    if settings_dir is None:
        return default_config_dir()
    base = Path(settings_dir)
    if not base.is_dir():
        raise ConfigError(str(base), "settings folder does not exist")
    if not (base / "docket.toml").is_file() and (base / "config").is_dir():
        return base / "config"
    return base


def resolve_file(folder: Path, name: str, toml_path: str) -> Path:
    """``name`` relative to ``folder``; else the packaged copy; else a ConfigError."""
    path = Path(name)
    for candidate in (path,) if path.is_absolute() else (folder / path, PACKAGE_DATA / path.name):
        if candidate.is_file():
            return candidate
    raise ConfigError(
        toml_path, f"file {name!r} not found in {folder} nor in the packaged defaults", key="nlp"
    )


def load_settings(settings_dir: Path | str | None = None) -> NlpSettings:
    """Read ``[nlp]`` from ``docket.toml`` in the settings folder (defaults if there is none)."""
    folder = config_dir(settings_dir)
    toml_path = folder / "docket.toml"
    raw: dict = {}
    if toml_path.is_file():
        try:
            with open(toml_path, "rb") as f:
                raw = tomllib.load(f).get("nlp", {})
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(str(toml_path), f"not valid TOML: {e}") from e
        if not isinstance(raw, dict):
            raise ConfigError(str(toml_path), "[nlp] must be a table", key="nlp")
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise ConfigError(
            str(toml_path), f"unknown key(s) {unknown}; expected some of {sorted(_KEYS)}", key="nlp"
        )
    model = raw.get("model", "")
    if not isinstance(model, str):
        raise ConfigError(
            str(toml_path), 'model must be a string ("" for the blank pipeline)', key="nlp.model"
        )
    actors = raw.get("actors", "actors.csv")
    taxonomies = raw.get("taxonomies", ["topics.toml", "environment.toml", "sdg.toml"])
    if not isinstance(actors, str):
        raise ConfigError(str(toml_path), "actors must be a file name", key="nlp.actors")
    if not isinstance(taxonomies, list) or not all(isinstance(t, str) for t in taxonomies):
        raise ConfigError(str(toml_path), "taxonomies must be a list of file names", key="nlp.taxonomies")
    batch_size = raw.get("batch_size", 64)
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise ConfigError(str(toml_path), "batch_size must be a positive integer", key="nlp.batch_size")
    return NlpSettings(
        model=model.strip(),
        actors=resolve_file(folder, actors, str(toml_path)),
        taxonomies=tuple(resolve_file(folder, t, str(toml_path)) for t in taxonomies),
        batch_size=batch_size,
        source=str(toml_path) if toml_path.is_file() else "",
    )


def check_settings(settings_dir: Path | str | None = None) -> NlpSettings:
    """Read ``[nlp]`` and validate the taxonomy files it names, so that a bad file stops a run
    at the start with a ``ConfigError`` (exit 1) instead of failing every document."""
    settings = load_settings(settings_dir)
    for path in settings.taxonomies:
        load_taxonomy(path)
    return settings
