"""What ``docket track`` writes: ``lineage.csv``, ``lineage.json``, a ``lineage`` table in the
folder's ``catalog.sqlite`` and ``lineage.html`` (each chain's wording across documents).

One row per record, in chain order: ``chain_id``, the record's ``document_id`` and ``record_id``
(as in the export tables), ``source_file``, the document's ``date``, the ``number`` as printed,
``kind`` (``recommendation`` or ``decision``, an operative paragraph of a resolution; the
number of a decision in a document of several instruments is qualified by its instrument's,
"2025/3 \u00b64"), ``text``, the management ``response`` category, the ``status`` of its key actions,
``similarity_to_previous`` (to the record before it in the chain) and ``change`` from it
(``first``, ``unchanged`` or ``reworded``).
"""

from __future__ import annotations

import csv
import json
import os
import shlex
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..batch.catalog import Catalog
from ..cells import neutralise
from ..diff.items import decision_number, several_instruments
from ..diff.normalize import fold_layout
from ..diff.report_html import esc, page, redline_html
from ..diff.words import word_diff
from ..export.base import atomic_write
from ..models import Document
from .link import Chain
from .series import Series

COLUMNS = (
    "chain_id",
    "document_id",
    "record_id",
    "source_file",
    "date",
    "number",
    "kind",
    "text",
    "response",
    "status",
    "similarity_to_previous",
    "change",
)


def rows(documents: Sequence[Document], chains: Sequence[Chain]) -> list[dict[str, Any]]:
    out = []
    for chain in chains:
        for m in chain.members:
            doc = documents[m.doc]
            response = status = ""
            if m.kind == "decision":
                dec = doc.decisions[m.position]
                number, text, part = decision_number(dec, several_instruments(doc)), dec.text, "dec"
            else:
                rec = doc.recommendations[m.position]
                number, text, part = rec.number, rec.text, "rec"
                mr = rec.management_response
                response = mr.category if mr else ""
                status = rec.status_category or "; ".join(
                    dict.fromkeys(a.status_category for a in (mr.actions if mr else ()) if a.status_category)
                )
            out.append(
                {
                    "chain_id": chain.id,
                    "document_id": doc.info.id,
                    "record_id": f"{doc.info.id}:{part}:{m.position + 1}",
                    "source_file": doc.info.source_file,
                    "date": doc.info.date or doc.info.issued or "",
                    "number": number,
                    "kind": m.kind,
                    "text": text,
                    "response": response,
                    "status": status,
                    "similarity_to_previous": m.similarity,
                    "change": m.change or "first",
                }
            )
    return out


def write_csv(table: list[dict[str, Any]], path: Path) -> None:
    with atomic_write(path, "w") as fh:
        fh.write("\ufeff")
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in table:
            writer.writerow([neutralise(row[c]) for c in COLUMNS])


def write_json(table: list[dict[str, Any]], summary: dict[str, Any], path: Path) -> None:
    chains: dict[str, list[dict[str, Any]]] = {}
    for row in table:
        chains.setdefault(row["chain_id"], []).append({k: v for k, v in row.items() if k != "chain_id"})
    data = {**summary, "chains": [{"chain_id": c, "records": r} for c, r in chains.items()]}
    with atomic_write(path, "w") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.write("\n")


def write_catalog(table: list[dict[str, Any]], path: Path) -> None:
    """Replace the ``lineage`` table of the folder's catalog (created if the folder has none)."""
    catalog = Catalog(path)  # creates the catalog's own tables where the file is new
    catalog.close()
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE IF EXISTS lineage")
        db.execute(f"CREATE TABLE lineage ({', '.join(COLUMNS)})")
        db.executemany(
            f"INSERT INTO lineage VALUES ({', '.join('?' * len(COLUMNS))})",
            [[row[c] for c in COLUMNS] for row in table],
        )
        db.execute("CREATE INDEX IF NOT EXISTS lineage_record ON lineage (record_id)")
    db.close()


def write_html(table: list[dict[str, Any]], path: Path) -> None:
    """One section per chain that links two or more documents: the wording in each document,
    word-diffed against the one before, with the response and the status."""
    chains: dict[str, list[dict[str, Any]]] = {}
    for row in table:
        chains.setdefault(row["chain_id"], []).append(row)
    linked = {c: r for c, r in chains.items() if len(r) > 1}
    parts = [
        "<h1>Lineage of recommendations and decisions</h1>",
        f"<p>{len(chains)} chains; {len(linked)} link records of two or more documents "
        "(a record alone in its chain is listed in lineage.csv only).</p>",
    ]
    for chain_id, members in linked.items():
        kind = " (decision)" if members[0]["kind"] == "decision" else ""
        body = []
        for k, row in enumerate(members):
            text = fold_layout(row["text"])
            wording = redline_html(word_diff(fold_layout(members[k - 1]["text"]), text)) if k else esc(text)
            sim = "" if row["similarity_to_previous"] is None else f"{row['similarity_to_previous']:.0%}"
            body.append(
                f'<tr class="pair" data-change="{esc(row["change"])}"><td>{esc(row["source_file"])}'
                f"<br><small>{esc(row['date'])}</small></td><td>{esc(row['number'])}</td>"
                f'<td class="text">{wording}</td><td>{esc(row["response"])}</td><td>{esc(row["status"])}</td>'
                f'<td class="num">{sim}</td></tr>'
            )
        parts.append(
            f'<h2 id="{esc(chain_id)}">{esc(chain_id)}{kind}</h2><table><thead><tr><th>Document</th><th>No.</th>'
            "<th>Wording (changes from the row above)</th><th>Response</th><th>Status</th>"
            f"<th>Similarity</th></tr></thead><tbody>{''.join(body)}</tbody></table>"
        )
    with atomic_write(path, "w") as fh:
        fh.write(page("Lineage of recommendations and decisions", "\n".join(parts)))


SERIES_COLUMNS = (
    "series_id",
    "kind",
    "key",
    "document_id",
    "source_file",
    "symbol",
    "date",
    "title",
    "compare",
)


def compare_command(documents: Sequence[Document], series: Series, records: str = "") -> str:
    """The docket command that compares a series: ``diff`` for two documents, ``history`` for more;
    with ``records`` (an output folder of ``docket ingest``) it reads their stored records."""
    files = [documents[d].info.source_file for d in series.members]
    quoted = " ".join(shlex.quote(f) for f in files)
    stored = f" --records {shlex.quote(records)}" if records else ""
    return f"docket {'diff' if len(files) == 2 else 'history'} {quoted} -o {series.id}{stored}"


def series_rows(
    documents: Sequence[Document], series: Sequence[Series], records: str = ""
) -> list[dict[str, Any]]:
    """One row per member of each series (a document can be in several)."""
    out = []
    for s in series:
        command = compare_command(documents, s, records)
        for d in s.members:
            info = documents[d].info
            out.append(
                {
                    "series_id": s.id,
                    "kind": s.kind,
                    "key": s.key,
                    "document_id": info.id,
                    "source_file": info.source_file,
                    "symbol": info.symbol,
                    "date": info.date or info.issued or "",
                    "title": info.title,
                    "compare": command,
                }
            )
    return out


def series_summary(
    documents: Sequence[Document], series: Sequence[Series], records: str = ""
) -> list[dict[str, Any]]:
    return [
        {
            "series_id": s.id,
            "kind": s.kind,
            "key": s.key,
            "source_files": [documents[d].info.source_file for d in s.members],
            "compare": compare_command(documents, s, records),
        }
        for s in series
    ]


def series_lines(documents: Sequence[Document], series: Sequence[Series], records: str = "") -> list[str]:
    """What the command line says of each series: its kind, its documents, how to compare them."""
    out = []
    for s in series:
        names = ", ".join(os.path.basename(documents[d].info.source_file) for d in s.members)
        about = {
            "revisions": f" of {s.key}",
            "report and response": f", {s.key} records shared",
            "shared records": f", {s.key} records shared",
        }.get(s.kind, "")
        out.append(f"series ({s.kind}{about}): {names}")
        out.append(f"  compare: {compare_command(documents, s, records)}")
    return out


def write_series_csv(table: list[dict[str, Any]], path: Path) -> None:
    with atomic_write(path, "w") as fh:
        fh.write("\ufeff")
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(SERIES_COLUMNS)
        for row in table:
            writer.writerow([neutralise(row[c]) for c in SERIES_COLUMNS])
