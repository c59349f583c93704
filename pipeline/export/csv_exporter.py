"""CSV: one table per record type, declared columns, UTF-8 with BOM so Excel keeps non-ASCII text."""

from __future__ import annotations

import csv
import io
from typing import IO, Any

from ..cells import neutralise, plain
from .columns import TABLES, rows_for


class CsvExporter:
    """Rows of one table (``table=``) for every record written; ``raw=True`` skips neutralising."""

    name = "csv"
    suffix = ".csv"

    def __init__(self, table: str = "recommendations", raw: bool = False):
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
        self.table = table
        self.columns = TABLES[table]
        self.render = plain if raw else neutralise

    def start(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="", write_through=True)
        # newline="" plus lineterminator: the csv module owns line endings (Windows needs this).
        self._writer = csv.writer(self._text, lineterminator="\r\n")
        self._writer.writerow(self.columns)

    def write(self, record: dict[str, Any]) -> None:
        for row in rows_for(self.table, record):
            self._writer.writerow([self.render(row.get(c)) for c in self.columns])

    def finish(self) -> None:
        self._text.flush()
        self._text.detach()
