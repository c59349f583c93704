"""JSON change records: the ``DiffReport.to_dict()`` form."""

from __future__ import annotations

import json
from typing import IO

from .report import DiffReport


def write_json(report: DiffReport, stream: IO[str]) -> None:
    json.dump(report.to_dict(), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
