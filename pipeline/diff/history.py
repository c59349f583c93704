"""Lineage of each record across three or more versions (years, revisions) of one series.

Consecutive versions are aligned pairwise with ``align``; items linked by any pair (including
splits and merges) belong to one lineage, so a recommendation can be followed from its first
appearance to its last, with the change at each step.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from ..cells import neutralise
from ..models import Document
from .align import Change, Pair, align
from .items import Item, Kind, items_of, record_id
from .matching import AlignOptions
from .report import KIND_TITLES, DocRef, unanswered
from .report_csv import BOM
from .report_html import esc, page, redline_html
from .report_md import md


@dataclass(frozen=True, slots=True)
class Lineage:
    """One record's path: ``cells[v]`` are its items in version v (empty when absent);
    ``steps[v]`` the change from version v to v+1 ("" when absent on both sides)."""

    cells: tuple[tuple[Item, ...], ...]
    steps: tuple[str, ...]
    pairs: tuple[Pair | None, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "numbers": ["; ".join(i.label for i in c) for c in self.cells],
            "steps": list(self.steps),
            "texts": ["\n".join(i.text for i in c) for c in self.cells],
            "actors": [sorted({a for i in c for a in i.actors}) for c in self.cells],
        }


@dataclass(frozen=True, slots=True)
class HistoryReport:
    versions: tuple[DocRef, ...]
    sections: tuple[tuple[Kind, tuple[Lineage, ...]], ...]
    ordered_by_date: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "versions": [v.to_dict() for v in self.versions],
            "ordered_by_date": self.ordered_by_date,
            "lineages": {str(k): [ln.to_dict() for ln in lines] for k, lines in self.sections},
        }


def order_by_date(documents: Sequence[Document]) -> tuple[list[int], bool]:
    """Indices in date order when every version has a date; otherwise the order given."""
    dates = [d.info.date or d.info.issued for d in documents]
    if all(dates):
        return sorted(range(len(documents)), key=lambda i: (dates[i], i)), True
    return list(range(len(documents))), False


def history(
    documents: Sequence[Document],
    kinds: Iterable[Kind] = (Kind.RECOMMENDATIONS,),
    options: AlignOptions | dict | None = None,
    labels: Sequence[str] = (),
) -> HistoryReport:
    """Lineages across ``documents`` (sorted by date when all have one)."""
    if len(documents) < 2:
        raise ValueError(f"history needs at least two versions, got {len(documents)}")
    opts = AlignOptions.resolve(options)
    order, by_date = order_by_date(documents)
    docs = [documents[i] for i in order]
    refs = tuple(DocRef.of(documents[i], labels[i] if i < len(labels) else "") for i in order)
    sections = tuple(
        (k, _lineages([items_of(d, k) for d in docs], opts, docs if k is Kind.RECOMMENDATIONS else None))
        for k in kinds
    )
    return HistoryReport(refs, sections, by_date)


def _lineages(
    versions: list[list[Item]], opts: AlignOptions, documents: Sequence[Document] | None = None
) -> tuple[Lineage, ...]:
    """Lineages of one record kind; with ``documents`` (recommendations), a step from an evaluation
    to its management response (or back) says ``no response`` for what the response leaves out."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(x: tuple[int, int]) -> tuple[int, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    step_pairs: list[list[Pair]] = []
    for v in range(len(versions) - 1):
        pairs = align(versions[v], versions[v + 1], opts)
        if documents is not None:
            pairs = unanswered(pairs, documents[v], documents[v + 1])
        step_pairs.append(pairs)
        for p in pairs:
            nodes = [(v, i.position) for i in p.old] + [(v + 1, i.position) for i in p.new]
            for n in nodes:
                find(n)
            for n in nodes[1:]:
                union(nodes[0], n)
    for v, items in enumerate(versions):
        for i in items:
            find((v, i.position))
    members: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for node in sorted(parent):
        members.setdefault(find(node), []).append(node)
    out = []
    for root in sorted(members):
        lineage = set(members[root])
        cells = tuple(
            tuple(i for i in versions[v] if (v, i.position) in lineage) for v in range(len(versions))
        )
        steps, links = [], []
        for v, pairs in enumerate(step_pairs):
            hit = [
                p
                for p in pairs
                if any((v, i.position) in lineage for i in p.old)
                or any((v + 1, i.position) in lineage for i in p.new)
            ]
            steps.append("+".join(dict.fromkeys(str(p.change) for p in hit)))
            links.append(hit[0] if len(hit) == 1 else None)
        out.append(Lineage(cells, tuple(steps), tuple(links)))
    return tuple(out)


# --- writers ---------------------------------------------------------------------------------


def write_history_json(report: HistoryReport, stream: IO[str]) -> None:
    json.dump(report.to_dict(), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def version_names(report: HistoryReport) -> list[str]:
    """Each version's label (its file name), made unique where two versions share one."""
    names: list[str] = []
    for v in report.versions:
        name, k = v.label, 2
        while name in names:
            name, k = f"{v.label} ({k})", k + 1
        names.append(name)
    return names


def write_history_csv(report: HistoryReport, stream: IO[str], safe: bool = True) -> None:
    """One row per lineage: for each version (columns named by its file) the document and record
    ids and the number, the change at each step ("A.pdf -> B.pdf"), the first and latest text."""
    names = version_names(report)
    n = len(names)
    cols = ["kind", "lineage"]
    for v, name in enumerate(names):
        cols += [f"{name} document_id", f"{name} record_id", f"{name} number"]
        if v < n - 1:
            cols.append(f"{name} -> {names[v + 1]}")
    cols += ["first_text", "last_text"]
    stream.write(BOM)
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in cols] if safe else cols)
    for kind, lines in report.sections:
        for k, ln in enumerate(lines, 1):
            row = [str(kind), str(k)]
            for v in range(n):
                doc_id = report.versions[v].document_id
                row.append(doc_id if ln.cells[v] else "")
                row.append("; ".join(record_id(doc_id, kind, i) for i in ln.cells[v]))
                row.append("; ".join(i.label for i in ln.cells[v]))
                if v < n - 1:
                    row.append(ln.steps[v])
            texts = ["\n".join(i.text for i in c) for c in ln.cells if c]
            row += [texts[0], texts[-1]]
            writer.writerow([neutralise(c) for c in row] if safe else row)


def write_history_markdown(report: HistoryReport, stream: IO[str]) -> None:
    w = stream.write
    w("# History: " + " → ".join(md(v.label) for v in report.versions) + "\n\n")
    if not report.ordered_by_date:
        w("_Not every version has a date; shown in the order given._\n\n")
    for kind, lines in report.sections:
        w(f"## {KIND_TITLES[kind]}\n\n| # | ")
        heads = []
        for v, ref in enumerate(report.versions):
            heads.append(md(f"{ref.label} ({ref.date})" if ref.date else ref.label))
            if v < len(report.versions) - 1:
                heads.append("→")
        w(" | ".join(heads) + " | Latest text |\n|---|" + "---|" * (len(heads) + 1) + "\n")
        for k, ln in enumerate(lines, 1):
            cells = []
            for v, c in enumerate(ln.cells):
                cells.append(md("; ".join(i.label for i in c)) or "–")
                if v < len(ln.steps):
                    cells.append(ln.steps[v])
            last = next(("\n".join(i.text for i in c) for c in reversed(ln.cells) if c), "")
            w(f"| {k} | " + " | ".join(cells) + f" | {md(last[:160])} |\n")
        w("\n")


def write_history_html(report: HistoryReport, stream: IO[str]) -> None:
    title = "History: " + " \u2192 ".join(v.label for v in report.versions)
    parts = [f"<h1>{esc(title)}</h1>"]
    if not report.ordered_by_date:
        parts.append("<p>Not every version has a date; shown in the order given.</p>")
    head = "".join(f"<th>{esc(v.label)}<br><small>{esc(v.date)}</small></th>" for v in report.versions)
    for kind, lines in report.sections:
        rows = []
        for ln in lines:
            tds = []
            for v, c in enumerate(ln.cells):
                step = ln.steps[v - 1] if v else ""
                link = ln.pairs[v - 1] if v else None
                if not c:
                    body = "\u2013"
                elif link is not None and link.ops:
                    body = redline_html(link.ops)
                else:
                    body = esc("\n".join(i.text for i in c))
                label = esc("; ".join(i.label for i in c))
                badge = f'<span class="badge">{esc(step)}</span> ' if step else ""
                tds.append(f'<td class="text">{badge}<b>{label}</b> {body}</td>')
            change = next((s for s in reversed(ln.steps) if s), str(Change.UNCHANGED))
            rows.append(
                f'<tr class="pair" data-kind="{esc(kind)}" data-change="{esc(change)}">{"".join(tds)}</tr>'
            )
        parts.append(
            f"<h2>{esc(KIND_TITLES[kind])}</h2><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    stream.write(page(title, "\n".join(parts)))
