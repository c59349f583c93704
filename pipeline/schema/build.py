"""Build the JSON Schema of ``Document.to_dict()`` from the record dataclasses and their type hints.

The committed ``docket.schema.json`` is the output of ``build_schema()``; a test rebuilds it and
fails when the two drift. After changing a record in ``models.py`` run::

    python -m pipeline.schema          # rewrite pipeline/schema/docket.schema.json

and add a line to ``docs/SCHEMA_CHANGELOG.md``.

Which keys are *required* is not guessed from the type hints: each record's ``to_dict()`` is
called on an instance built from its defaults, and the keys it always writes are required (so
``Provenance`` fields that ``to_dict`` drops when ``None`` stay optional). Every object has
``additionalProperties: false``, so a renamed or stray key fails validation.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import sys
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any, cast

from .. import models

SCHEMA_PATH = Path(__file__).with_name("docket.schema.json")
SCHEMA_ID = "https://docket.invalid/schema/docket.schema.json"

# Keys of a record's dict form that differ from its field names, and keys with no field.
RENAMED: dict[tuple[type, str], str] = {(models.Document, "info"): "document"}
EXTRA_KEYS: dict[type, dict[str, dict[str, Any]]] = {
    models.Document: {
        "schema_version": {
            "const": models.SCHEMA_VERSION,
            "description": "Version of this schema; see docs/SCHEMA_CHANGELOG.md.",
        }
    },
}


class SchemaBuildError(TypeError):
    """A record field whose type hint has no JSON Schema mapping, or a dict key with no field."""


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().split("\n\n")[0].replace("\n", " ").strip()


def _minimal(cls: type) -> Any:
    """An instance with every required field set to an empty value of its type."""
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            kwargs[f.name] = _empty(_hints(cls)[f.name])
    return cls(**kwargs)


def _empty(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return None
    if dataclasses.is_dataclass(tp):
        return _minimal(cast(type, tp))
    if origin is tuple:
        return ()
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return next(iter(tp))
    return tp()


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def record(self, cls: type) -> dict[str, Any]:
        """A ``$ref`` to ``cls``, adding its definition on first use."""
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: stops recursion
            self.defs[name] = self._object(cls)
        return {"$ref": f"#/$defs/{name}"}

    def _object(self, cls: type) -> dict[str, Any]:
        hints = _hints(cls)
        written = _minimal(cls).to_dict() if hasattr(cls, "to_dict") else None
        properties: dict[str, Any] = dict(EXTRA_KEYS.get(cls, {}))
        for f in dataclasses.fields(cls):
            properties[RENAMED.get((cls, f.name), f.name)] = self.type(
                hints[f.name], f"{cls.__name__}.{f.name}"
            )
        if written is None:
            required = list(properties)
        else:
            stray = sorted(set(written) - set(properties))
            if stray:
                raise SchemaBuildError(
                    f"{cls.__name__}.to_dict() writes {', '.join(stray)} with no matching field; "
                    "add them to EXTRA_KEYS or RENAMED in pipeline/schema/build.py"
                )
            required = [k for k in properties if k in written]
        out: dict[str, Any] = {"type": "object"}
        if description := _first_line(
            cls.__doc__ if cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "(") else ""
        ):
            out["description"] = description
        out |= {"properties": properties, "required": required, "additionalProperties": False}
        return out

    def type(self, tp: Any, where: str) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            inner = [a for a in args if a is not type(None)]
            options = [self.type(a, where) for a in inner]
            if type(None) in args:
                if len(options) == 1 and set(options[0]) == {"type"}:
                    return {"type": [options[0]["type"], "null"]}
                options.append({"type": "null"})
            return options[0] if len(options) == 1 else {"anyOf": options}
        if dataclasses.is_dataclass(tp):
            return self.record(cast(type, tp))
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"type": "string", "enum": [str(m.value) for m in tp]}
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                item = args[0]
                # A tuple of (name, value) pairs is written as a JSON object (Entity.attrs, key actions).
                if (
                    typing.get_origin(item) is tuple
                    and typing.get_args(item)[:1] == (str,)
                    and len(typing.get_args(item)) == 2
                ):
                    return {
                        "type": "object",
                        "additionalProperties": self.type(typing.get_args(item)[1], where),
                    }
                return {"type": "array", "items": self.type(item, where)}
            if args:
                return {
                    "type": "array",
                    "prefixItems": [self.type(a, where) for a in args],
                    "minItems": len(args),
                    "maxItems": len(args),
                }
        scalar = {str: "string", bool: "boolean", int: "integer", float: "number"}.get(tp)
        if scalar:
            return {"type": scalar}
        raise SchemaBuildError(
            f"{where}: no JSON Schema mapping for type {tp!r}; extend pipeline/schema/build.py"
        )


def build_schema(root: type = models.Document) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``root.to_dict()``; deterministic, so it can be diffed."""
    builder = _Builder()
    top = builder._object(root)
    builder.defs.pop(root.__name__, None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "docket document record",
        "description": (
            f"One ingested document (schema_version {models.SCHEMA_VERSION}). Generated from "
            "pipeline/models.py by pipeline/schema/build.py; do not edit by hand."
        ),
        **top,
        "$defs": dict(sorted(builder.defs.items())),
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


@cache
def load_schema() -> dict[str, Any]:
    """The committed schema (packaged with docket)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate_record(record: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``record`` breaks the committed schema."""
    import jsonschema  # start-up: loaded only to validate

    jsonschema.Draft202012Validator(load_schema(), format_checker=None).validate(record)


def main(argv: list[str] | None = None) -> int:
    """``python -m pipeline.schema [--check]``: rewrite the committed schema, or check it."""
    argv = sys.argv[1:] if argv is None else argv
    text = render(build_schema())
    if "--check" in argv:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        if current != text:
            print(f"{SCHEMA_PATH} is out of date; run: python -m pipeline.schema", file=sys.stderr)
            return 1
        return 0
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    return 0
