"""Render CollectionStats as one self-contained HTML page: inline CSS, inline SVG charts, no script.

Every piece of text from the records goes through ``esc`` (``html_page.esc``: ``html.escape(..., quote=True)``), in
element content and attribute values alike. The Content-Security-Policy forbids scripts and every
fetch, so the page cannot reach the network even if a browser wanted to.

Drill-down works with JavaScript off: every bar, heat-map cell and summary row is a link to a
fragment (``#by-actor-…``, ``#doc-…``); those sections are hidden until they are the target
(CSS ``:target``), and list the documents or records the number counts, each linking on to its
document's section with its recommendations, objectives and agenda items. Chart labels get the
width their text needs (estimated per character, wide scripts counted double), so none is clipped.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from typing import IO

from ..html_page import esc, page
from .build import CollectionStats, Counts, DocumentEntry, Ref

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
MAX_BARS = 25
MAX_UNREGISTERED = 15

# the rules of this page, after html_page.BASE_CSS
CSS = """
h1{font-size:1.45rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #dde}
.sub{color:#555;margin-top:0}.note{color:#555;font-size:.85rem;margin:.2rem 0 .6rem}
.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.card{border:1px solid #ccd;border-radius:.4rem;padding:.5rem .9rem;min-width:8.5rem}
.card .n{font-size:1.6rem;font-weight:600;font-variant-numeric:tabular-nums}.card .k{color:#555;font-size:.85rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(30rem,1fr));gap:1.2rem}
td.msg{max-width:40rem;overflow-wrap:anywhere}
svg{display:block;max-width:100%;height:auto}
svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;fill:#1b1b1b}
svg .value{font-variant-numeric:tabular-nums}
.empty{color:#666;font-style:italic}
details{margin:.3rem 0}summary{cursor:pointer;color:#345}
svg a:hover rect,svg a:focus rect{opacity:.8}a{color:#1f4e79}
.drill{display:none;border:2px solid #3b6ea5;border-radius:.4rem;padding:.2rem 1rem 1rem;margin:1rem 0}
.drill:target{display:block}.drill h3{font-size:1.05rem}
"""

BAR_COLOUR = "#3b6ea5"
HEAT_LOW = (0xEE, 0xF3, 0xFA)
HEAT_HIGH = (0x1F, 0x4E, 0x79)


MAX_LABEL_W = 330  # a longer label is shortened (the full text is in its tooltip and the table)


def char_width(c: str) -> float:
    """A character's width at the charts' 12px font, in pixels, rounded up from DejaVu Sans (the
    widest common system-ui font; measured in Chromium): so a label never runs out of its box."""
    if unicodedata.east_asian_width(c) in "WF" or c in "MWmw@%":
        return 12.5
    if c.isspace():
        return 4.0
    if c.isupper():
        return 9.5
    return 7.8 if c.isalnum() else 8.5


def text_width(text: str) -> float:
    return sum(map(char_width, text))


def _fit(text: str, width: float = MAX_LABEL_W) -> str:
    """``text`` shortened with an ellipsis until it fits ``width`` pixels."""
    if text_width(text) <= width:
        return text
    while text and text_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def _label_width(labels: Sequence[str]) -> int:
    return round(min(MAX_LABEL_W, max((text_width(x) for x in labels), default=0))) + 16


def drill_id(kind: str, label: str) -> str:
    """The fragment of a drill-down section: stable, and safe whatever the label holds."""
    return f"by-{kind}-{hashlib.sha1(label.encode('utf-8')).hexdigest()[:10]}"


def bar_chart(
    chart_id: str, title: str, counts: Counts, limit: int = MAX_BARS, drill: str | None = None
) -> str:
    """Horizontal bars with the label on the left and the count at the bar's end; with ``drill``,
    each bar links to the section listing what it counts (``drill_id(drill, label)``)."""
    if not counts:
        return f'<p class="empty" data-chart="{esc(chart_id)}" data-empty="true">Nothing to show.</p>'
    shown = counts[:limit]
    top = max(n for _, n in shown) or 1
    label_w, bar_w, row_h = _label_width([_fit(label) for label, _ in shown]), 300, 22
    width = label_w + bar_w + round(text_width(str(top))) + 16
    height = row_h * len(shown) + 8
    parts = [
        f'<svg class="chart" data-chart="{esc(chart_id)}" role="img" aria-label="{esc(title)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, n) in enumerate(shown):
        y = 4 + i * row_h
        w = max(1, round(bar_w * n / top))
        link = f'<a href="#{drill_id(drill, label)}">' if drill else ""
        parts.append(
            f'<g class="bar" data-label="{esc(label)}" data-value="{n}">{link}<title>{esc(label)}: {n}</title>'
            f'<text class="label" x="{label_w - 8}" y="{y + 15}" text-anchor="end">{esc(_fit(label))}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 6}" fill="{BAR_COLOUR}"></rect>'
            f'<text class="value" x="{label_w + w + 6}" y="{y + 15}">{n}</text>{"</a>" if drill else ""}</g>'
        )
    parts.append("</svg>")
    if len(counts) > limit:
        rest = sum(n for _, n in counts[limit:])
        parts.append(
            f'<p class="note">{len(counts) - limit} more not shown ({rest} in all); see the table.</p>'
        )
    parts.append(_details_table(("Name", "Count"), counts))
    return "".join(parts)


def _details_table(header: Sequence[str], rows: Counts) -> str:
    body = "".join(f'<tr><td>{esc(k)}</td><td class="num">{n}</td></tr>' for k, n in rows)
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    return f"<details><summary>Table</summary><table><tr>{head}</tr>{body}</table></details>"


def _mix(share: float) -> str:
    r, g, b = (round(lo + (hi - lo) * share) for lo, hi in zip(HEAT_LOW, HEAT_HIGH, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def heat_map(stats: CollectionStats) -> str:
    """Topics (rows) x years (columns); darker cells hold more tagged records."""
    if not stats.topics:
        return '<p class="empty" data-chart="topic-year" data-empty="true">No topics tagged.</p>'
    label_w = _label_width([_fit(t) for t in stats.topics])
    cell_w = max(56, round(max(text_width(y) for y in stats.years)) + 12)
    cell_h, head_h = 24, 26
    width = label_w + cell_w * len(stats.years) + 10
    height = head_h + cell_h * len(stats.topics) + 6
    top = max(max(row) for row in stats.topic_year) or 1
    parts = [
        f'<svg class="chart" data-chart="topic-year" role="img" aria-label="Topics by year" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for j, year in enumerate(stats.years):
        x = label_w + j * cell_w + cell_w / 2
        parts.append(f'<text class="year" x="{x:g}" y="{head_h - 8}" text-anchor="middle">{esc(year)}</text>')
    for i, (topic, row) in enumerate(zip(stats.topics, stats.topic_year, strict=True)):
        y = head_h + i * cell_h
        parts.append(
            f'<text class="label" x="{label_w - 8}" y="{y + 16}" text-anchor="end">'
            f"<title>{esc(topic)}</title>{esc(_fit(topic))}</text>"
        )
        for j, (year, n) in enumerate(zip(stats.years, row, strict=True)):
            x = label_w + j * cell_w
            fill = _mix(n / top) if n else "#ffffff"
            ink = "#ffffff" if n / top > 0.55 else "#1b1b1b"
            link = f'<a href="#{drill_id("topic-year", topic + chr(0) + year)}">' if n else ""
            parts.append(
                f'<g class="cell" data-topic="{esc(topic)}" data-year="{esc(year)}" data-value="{n}">{link}'
                f"<title>{esc(topic)}, {esc(year)}: {n}</title>"
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}" '
                'stroke="#d5dbe5"></rect>'
                + (
                    f'<text class="value" x="{x + cell_w / 2:g}" y="{y + 16}" text-anchor="middle" '
                    f'style="fill:{ink}">{n}</text>'
                    if n
                    else ""
                )
                + ("</a>" if n else "")
                + "</g>"
            )
    parts.append("</svg>")
    return "".join(parts)


def type_year_table(stats: CollectionStats) -> str:
    if not stats.type_year:
        return ""
    head = "".join(f"<th>{esc(y)}</th>" for y in stats.years)
    rows = "".join(
        f'<tr data-type="{esc(t)}"><th>{esc(t)}</th>'
        + "".join(
            f'<td class="num" data-year="{esc(y)}">{n}</td>' for y, n in zip(stats.years, row, strict=True)
        )
        + "</tr>"
        for t, row in stats.type_year
    )
    return f'<table class="type-year"><tr><th>Type \\ year</th>{head}</tr>{rows}</table>'


def documents_table(stats: CollectionStats) -> str:
    """Every document of the collection, each linking to its section with its records."""
    if not stats.documents:
        return '<p class="empty">No documents.</p>'
    rows = "".join(
        f'<tr class="document" data-anchor="{esc(e.anchor)}"><td><a href="#{esc(e.anchor)}">{esc(e.title)}</a></td>'
        f"<td>{esc(e.doc_type)}</td><td>{esc(e.date)}</td><td>{esc(e.symbol)}</td>"
        f'<td class="msg">{"<br>".join(esc(x) for x in e.sources)}</td>'
        f'<td class="num">{len(e.recommendations)}</td><td class="num">{len(e.objectives)}</td>'
        f'<td class="num">{len(e.agenda_items)}</td></tr>'
        for e in stats.documents
    )
    head = "".join(
        f"<th>{h}</th>"
        for h in ("Title", "Type", "Date", "Symbol", "Files", "Recommendations", "Objectives", "Agenda items")
    )
    return f'<table class="documents"><tr>{head}</tr>{rows}</table>'


def _doc_item(e: DocumentEntry) -> str:
    meta = ", ".join(esc(x) for x in (e.doc_type, e.date or e.year, e.symbol) if x)
    return f'<li><a href="#{esc(e.anchor)}">{esc(e.title)}</a> <span class="note">({meta})</span></li>'


def _docs_drill(kind: str, label: str, heading: str, indices: Sequence[int], stats: CollectionStats) -> str:
    items = "".join(_doc_item(stats.documents[d]) for d in indices)
    return (
        f'<section class="drill" id="{drill_id(kind, label)}" data-count="{len(indices)}">'
        f"<h3>{esc(heading)} ({len(indices)})</h3><ul>{items}</ul>"
        '<p><a href="#all-documents">All documents</a></p></section>'
    )


def _record_text(stats: CollectionStats, ref: Ref) -> tuple[str, str]:
    d, kind, i = ref
    e = stats.documents[d]
    if kind == "rec":
        r = e.recommendations[i]
        return f"Recommendation {r.number}".strip(), r.text
    return f"Objective {i + 1}", e.objectives[i]


def _refs_drill(kind: str, label: str, heading: str, refs: Sequence[Ref], stats: CollectionStats) -> str:
    rows = "".join(
        f'<tr class="ref"><td><a href="#{esc(stats.documents[ref[0]].anchor)}">'
        f"{esc(stats.documents[ref[0]].title)}</a></td><td>{esc(which)}</td>"
        f'<td class="msg">{esc(text)}</td></tr>'
        for ref in refs
        for which, text in [_record_text(stats, ref)]
    )
    return (
        f'<section class="drill" id="{drill_id(kind, label)}" data-count="{len(refs)}">'
        f"<h3>{esc(heading)} ({len(refs)})</h3>"
        f"<table><tr><th>Document</th><th>Record</th><th>Text</th></tr>{rows}</table></section>"
    )


def document_section(e: DocumentEntry) -> str:
    """One document's records: hidden until a link targets it."""
    facts = "".join(
        f"<tr><th>{k}</th><td>{v}</td></tr>"
        for k, v in (
            ("Type", esc(e.doc_type)),
            ("Date", esc(e.date or e.year)),
            ("Symbol", esc(e.symbol)),
            ("Organisation", esc(e.organisation)),
            ("Files", "<br>".join(esc(x) for x in e.sources)),
        )
        if v
    )
    recs = "".join(
        f'<tr class="rec"><td>{esc(r.number)}</td><td class="msg">{esc(r.text)}</td>'
        f"<td>{esc('; '.join(r.actors))}</td><td>{esc('; '.join(r.topics))}</td><td>{esc(r.response)}</td>"
        f'<td class="num">{"" if r.page is None else esc(r.page)}</td></tr>'
        for r in e.recommendations
    )
    objectives = "".join(f'<li class="obj">{esc(o)}</li>' for o in e.objectives)
    agenda = "".join(
        f'<tr class="agenda"><td>{esc(a.date)}</td><td>{esc(a.time)}</td><td>{esc(a.title)}</td></tr>'
        for a in e.agenda_items
    )
    parts = [
        f'<section class="drill doc" id="{esc(e.anchor)}"><h3>{esc(e.title)}</h3><table>{facts}</table>',
        f"<h4>Recommendations ({len(e.recommendations)})</h4><table><tr><th>No.</th><th>Text</th>"
        f"<th>Actors</th><th>Topics</th><th>Response</th><th>Page</th></tr>{recs}</table>"
        if recs
        else "",
        f"<h4>Objectives ({len(e.objectives)})</h4><ol>{objectives}</ol>" if objectives else "",
        f"<h4>Agenda items ({len(e.agenda_items)})</h4><table><tr><th>Date</th><th>Time</th><th>Title</th></tr>"
        f"{agenda}</table>"
        if agenda
        else "",
        '<p><a href="#all-documents">All documents</a></p></section>',
    ]
    return "".join(parts)


def drill_downs(stats: CollectionStats) -> str:
    """Every section a bar, a cell or a row links to."""
    parts = [_docs_drill("type", t, f"Documents of type {t}", ds, stats) for t, ds in stats.docs_by_type]
    parts += [_docs_drill("year", y, f"Documents of {y}", ds, stats) for y, ds in stats.docs_by_year]
    parts += [
        _refs_drill("actor", a, f"Recommendations addressed to {a}", refs, stats)
        for a, refs in stats.recs_of_actor
    ]
    parts += [
        _refs_drill("topic", t, f"Recommendations on {t}", refs, stats) for t, refs in stats.recs_of_topic
    ]
    parts += [
        _refs_drill("topic-year", t + chr(0) + y, f"Records on {t} in {y}", refs, stats)
        for (t, y), refs in stats.records_of_topic_year
    ]
    parts += [document_section(e) for e in stats.documents]
    return "".join(parts)


def failures_table(stats: CollectionStats) -> str:
    if not stats.failures:
        return '<p class="empty" data-failures="0">No file failed.</p>'
    rows = "".join(
        f'<tr class="failure" data-reason="{esc(f.reason)}"><td>{esc(f.source_file)}</td>'
        f'<td>{esc(f.reason)}</td><td class="msg">{esc(f.message)}</td></tr>'
        for f in stats.failures
    )
    return f'<table class="failures"><tr><th>File</th><th>Reason</th><th>Message</th></tr>{rows}</table>'


def _card(key: str, label: str, n: int) -> str:
    return f'<div class="card"><div class="n" data-stat="{esc(key)}">{n}</div><div class="k">{esc(label)}</div></div>'


def render_html(stats: CollectionStats, title: str = "docket collection report", source: str = "") -> str:
    """The whole page as a string (UTF-8, deterministic: no clock, no random ids)."""
    cards = "".join(
        (
            _card("documents", "documents", stats.n_documents),
            _card("recommendations", "recommendations", stats.n_recommendations),
            _card("objectives", "objectives", stats.n_objectives),
            _card("actors", "distinct actors", len(stats.recs_by_actor)),
            _card("unregistered", "unregistered actors", len(stats.unregistered)),
            _card("topics", "topics", len(stats.recs_by_topic)),
            _card("failures", "files failed", len(stats.failures)),
        )
    )
    sub = f'<p class="sub">From <code>{esc(source)}</code></p>' if source else ""
    copies = (
        f'<p class="note" data-stat="copies">{stats.n_copies} more file(s) hold the same document as one '
        "counted here (another format, or a copy) and are counted once.</p>"
        if stats.n_copies
        else ""
    )
    body = f"""<h1>{esc(title)}</h1>{sub}
<div class="cards">{cards}</div>{copies}
<section id="documents"><h2>Documents by type and year</h2>
<p class="note">Follow a bar for its documents; the <a href="#all-documents">list of documents</a> is below.</p>
<div class="grid"><div><p class="note">Documents by type</p>{bar_chart("doc-types", "Documents by type", stats.by_type, drill="type")}</div>
<div><p class="note">Documents by year (the document date, else its date of issue or meeting start)</p>
{bar_chart("doc-years", "Documents by year", stats.by_year, limit=len(stats.by_year), drill="year")}</div></div>
{type_year_table(stats)}</section>
<section id="recommendations"><h2>Recommendations by actor and by topic</h2>
<p class="note">Each recommendation counts once per actor or topic it names.</p>
<div class="grid"><div><p class="note">By actor</p>{bar_chart("recs-actor", "Recommendations by actor", stats.recs_by_actor, drill="actor")}</div>
<div><p class="note">By topic</p>{bar_chart("recs-topic", "Recommendations by topic", stats.recs_by_topic, drill="topic")}</div></div>
</section>
<section id="heat"><h2>Topics by year</h2>
<p class="note">Recommendations and objectives tagged with each topic, by the year of their document.</p>
{heat_map(stats)}</section>
<section id="unregistered"><h2>Most frequent unregistered actors</h2>
<p class="note">Addressees not in the actor registry (config/actors.csv), by the recommendations naming them.
Frequent ones are candidates for the registry.</p>
{bar_chart("unregistered", "Unregistered actors", stats.unregistered, limit=MAX_UNREGISTERED, drill="actor")}</section>
<section id="failures"><h2>Documents that failed</h2>
{bar_chart("failure-reasons", "Failures by reason", stats.failures_by_reason) if stats.failures else ""}
{failures_table(stats)}</section>
<section id="all-documents"><h2>Documents</h2>
<p class="note">Every document of the collection (one document in several files is one row, its files listed).
Follow a title, a bar or a heat-map cell for the records behind it.</p>
{documents_table(stats)}</section>
<div id="drill-downs">{drill_downs(stats)}</div>"""
    return page(title, body, css=CSS, csp=CSP)


def write_report(
    stats: CollectionStats, stream: IO[str], title: str = "docket collection report", source: str = ""
) -> None:
    stream.write(render_html(stats, title, source))
