"""Excel .xlsx: one workbook, one sheet per table of columns.py, ready to read and filter.

Each sheet has a frozen, styled header row with filters, set column widths, wrapped long text,
and ``document_id`` / ``record_id`` cells that link to the row they refer to in the
``documents``, ``recommendations`` or ``objectives`` sheet.
"""

from __future__ import annotations

from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from ..cells import neutralise
from .columns import TABLES, rows_for

EXCEL_MAX_CELL = 32_767  # characters; Excel refuses longer cells
TRUNCATED = " … [truncated]"

# Column widths in characters; long text wraps, everything else stays on one line.
IDS = frozenset({"document_id", "record_id", "sha256"})
WIDE_TEXT = frozenset(
    {"text", "description", "response_text", "evidence", "warnings", "actors_raw", "responsible", "comments"}
)
MEDIUM_TEXT = frozenset(
    {
        "title",
        "document_title",
        "group_heading",
        "heading",
        "source_file",
        "meeting_name",
        "speakers",
        "actors",
        "topics",
        "label",
        "venue",
        "organisation",
        "name",
        "matched_as",
    }
)
NARROW = frozenset(
    {
        "level",
        "page",
        "block",
        "table_index",
        "year",
        "document_year",
        "date_precision",
        "document_date_precision",
        "pages",
        "number",
        "score",
        "registered",
        "format",
        "language",
        "start",
        "end",
        "n_sections",
        "n_objectives",
        "n_agenda_items",
        "n_recommendations",
    }
)

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_BORDER = Border(bottom=Side(style="thin", color="000000"))
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
LINK_FONT = Font(color="0563C1", underline="single")

# record_id prefix -> sheet holding that record (for links from the actors and topics sheets)
RECORD_SHEETS = {"rec": "recommendations", "obj": "objectives", "dec": "decisions"}
LINKING_SHEETS = ("key_actions", "actors", "topics")  # rows that link to their record's row


def width(column: str) -> int:
    if column in IDS:
        return 24
    if column in WIDE_TEXT:
        return 70
    if column in MEDIUM_TEXT:
        return 32
    if column in NARROW:
        return max(8, len(column) + 2)
    return max(14, len(column) + 2)


def excel_text(value: str) -> str:
    """Drop the control characters XML cannot hold and cut text to Excel's cell limit."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > EXCEL_MAX_CELL:
        value = value[: EXCEL_MAX_CELL - len(TRUNCATED)] + TRUNCATED
    return value


class XlsxExporter:
    """All tables of every record written, saved as one workbook on ``finish()``.

    Text a spreadsheet would run as a formula gets csv_exporter's leading apostrophe; with
    ``raw=True`` it is kept as written but still stored as text, so Excel never evaluates it.
    The workbook is built in memory (openpyxl's write-only mode cannot hold links or styles).
    """

    name = "xlsx"
    suffix = ".xlsx"

    def __init__(self, raw: bool = False):
        self.raw = raw

    def start(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._wb = Workbook()
        self._wb.remove(self._wb.active)
        self._rows: dict[tuple[str, str], int] = {}  # (sheet, id) -> row, for links
        for table, columns in TABLES.items():
            ws = self._wb.create_sheet(table)
            ws.append(list(columns))
            for cell in ws[1]:
                cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
                cell.alignment = Alignment(vertical="center")
            for i, column in enumerate(columns, 1):
                ws.column_dimensions[get_column_letter(i)].width = width(column)
            ws.freeze_panes = "A2"

    def write(self, record: dict[str, Any]) -> None:
        # the tables that link to a record's row come after every table of records
        for table in sorted(TABLES, key=lambda t: t in LINKING_SHEETS):
            columns = TABLES[table]
            ws = self._wb[table]
            for row in rows_for(table, record):
                ws.append([self._value(row.get(c)) for c in columns])
                r = ws.max_row
                for i, column in enumerate(columns, 1):
                    cell = ws.cell(r, i)
                    if cell.data_type == "f":  # raw text that looks like a formula stays text
                        cell.data_type = "s"
                    cell.alignment = WRAP if column in WIDE_TEXT or column in MEDIUM_TEXT else TOP
                if table == "documents":
                    self._rows[("documents", row["document_id"])] = r
                elif table in RECORD_SHEETS.values():
                    self._rows[(table, row["record_id"])] = r
                self._link(ws, r, columns, row)

    def _link(self, ws, r: int, columns: tuple[str, ...], row: dict[str, Any]) -> None:
        targets: list[tuple[str, str, Any]] = []
        if ws.title != "documents":
            targets.append(("document_id", "documents", row.get("document_id")))
        if ws.title in LINKING_SHEETS:
            prefix = str(row.get("record_id", "")).rsplit(":", 2)[-2:-1]
            sheet = RECORD_SHEETS.get(prefix[0]) if prefix else None
            if sheet:
                targets.append(("record_id", sheet, row.get("record_id")))
        for column, sheet, key in targets:
            target_row = self._rows.get((sheet, key))
            if target_row is not None and column in columns:
                cell = ws.cell(r, columns.index(column) + 1)
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{sheet}'!A{target_row}")
                cell.font = LINK_FONT

    def _value(self, value: Any) -> Any:
        if value is None or isinstance(value, bool | int | float):
            return value
        text = excel_text(str(value))
        return text if self.raw else neutralise(text)

    def finish(self) -> None:
        for ws in self._wb.worksheets:
            ws.auto_filter.ref = ws.dimensions
        self._wb.save(self._stream)
