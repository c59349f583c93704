"""Rebuild the record dataclasses of ``pipeline.models`` from their ``to_dict()`` form.

Generic: every dataclass is rebuilt field by field from its type hints, so a new record field
needs no edit here. Unknown keys are ignored (SCHEMA.md lets producers add fields); missing
fields take their default, and with ``strict=False`` a missing required field takes an empty
value of its type, so hand-written fixtures can stay short.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import os
import types
import typing
from functools import cache
from typing import Any, TypeVar, cast

from .models import Document

T = TypeVar("T")

# Keys whose name in the dict form differs from the field name.
_RENAMED: dict[tuple[type, str], str] = {(Document, "info"): "document"}


@cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_dict(cls: type[T], data: dict[str, Any], strict: bool = True) -> T:
    """Build ``cls`` (a dataclass) from ``data``, recursing into nested records and tuples."""
    if not isinstance(data, dict):
        raise TypeError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
    hints = _hints(cast(type, cls))
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        key = _RENAMED.get((cls, f.name), f.name)
        if key in data:
            kwargs[f.name] = _convert(hints[f.name], data[key], strict, f"{cls.__name__}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            if strict:
                raise ValueError(f"{cls.__name__}: missing required field {key!r}")
            kwargs[f.name] = _empty(hints[f.name])
    return cls(**kwargs)


def _convert(tp: Any, value: Any, strict: bool, where: str) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value, strict, where) if len(inner) == 1 else value
    if value is None:
        return None
    if dataclasses.is_dataclass(tp):
        return from_dict(cast(type, tp), value, strict)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(value)
    if origin is tuple:
        if isinstance(value, dict):  # a tuple of (key, value) pairs is written as an object
            value = list(value.items())
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v, strict, where) for v in value)
        if args and len(args) != len(value):
            raise ValueError(f"{where}: expected {len(args)} values, got {len(value)}")
        return (
            tuple(_convert(a, v, strict, where) for a, v in zip(args, value, strict=False))
            if args
            else tuple(value)
        )
    if origin is dict or tp is dict:
        return dict(value)
    if tp is float and isinstance(value, int):
        return float(value)
    return value


def _empty(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return None
    if dataclasses.is_dataclass(tp):
        return from_dict(cast(type, tp), {}, strict=False)
    if origin is tuple:
        return ()
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return next(iter(tp))
    return tp() if tp in (str, int, float, bool) else None


def document_from_dict(data: dict[str, Any], strict: bool = False) -> Document:
    """The inverse of ``Document.to_dict()``."""
    return from_dict(Document, data, strict)


def load_document_json(path: str | os.PathLike[str], strict: bool = False) -> Document:
    """Read one document record (a ``.json`` file written by ``docket ingest``)."""
    with open(path, encoding="utf-8") as fh:
        return document_from_dict(json.load(fh), strict)
