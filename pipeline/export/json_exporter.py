"""JSON (one record, or a list) and JSON Lines (one record a line)."""

from __future__ import annotations

from typing import IO, Any

from .base import dumps


class JsonExporter:
    """One document record per file; several records become a JSON list."""

    name = "json"
    suffix = ".json"

    def __init__(self, indent: int = 2):
        self.indent = indent
        self._records: list[dict[str, Any]] = []

    def start(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._records = []

    def write(self, record: dict[str, Any]) -> None:
        self._records.append(record)

    def finish(self) -> None:
        body = self._records[0] if len(self._records) == 1 else self._records
        self._stream.write((dumps(body, self.indent) + "\n").encode("utf-8"))


class JsonLinesExporter:
    """A batch: one compact record a line, streamed, so memory stays flat."""

    name = "jsonl"
    suffix = ".jsonl"

    def start(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def write(self, record: dict[str, Any]) -> None:
        self._stream.write((dumps(record, None) + "\n").encode("utf-8"))

    def finish(self) -> None:
        self._stream.flush()
