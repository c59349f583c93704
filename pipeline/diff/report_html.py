"""Self-contained HTML redline report: one file, inline CSS and script, no external resources.

Every piece of document text goes through ``html.escape(..., quote=True)``, in element content
and in attribute values alike. A Content-Security-Policy allows only the one inline script (by
its hash) and inline styles, so even text that slipped through could neither run nor fetch.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from typing import IO

from ..html_page import esc
from ..html_page import page as html_page
from .align import CHANGE_ORDER, Change, Pair
from .normalize import fold_layout
from .report import CHANGE_HELP, KIND_TITLES, DiffReport, percent
from .words import WordOp, render_ops, word_diff

# the rules of this page, after html_page.BASE_CSS
CSS = """
body{max-width:78rem}h1{font-size:1.4rem}h2{margin-top:2rem}
table{width:100%}th,td{padding:.3rem .5rem}
.summary{width:auto}.docs{width:auto}
del{background:#fde2e2;color:#8a1111;text-decoration:line-through}
ins{background:#dcf5dc;color:#0c5a0c;text-decoration:none;border-bottom:1px solid #0c5a0c}
.badge{display:inline-block;padding:0 .4rem;border-radius:.6rem;font-size:.8rem;background:#e6e8ee}
.c-unchanged .badge{background:#eef0f3}.c-reworded .badge{background:#fff1c2}
.c-renumbered .badge,.c-moved .badge{background:#dce9ff}.c-split .badge,.c-merged .badge{background:#ecdcff}
.c-added .badge{background:#dcf5dc}.c-removed .badge{background:#fde2e2}
.c-updated .badge{background:#ffe4c7}.c-no-response .badge{background:#f3d6e8}
.detail{margin-top:.4rem;font-size:.9rem}.detail b{font-weight:600}
.flags{font-size:.8rem;color:#555}
.filters label{margin-right:1rem;white-space:nowrap}
tr[hidden]{display:none}
.text{white-space:pre-wrap}
"""

SCRIPT = """
(function () {
  var boxes = document.querySelectorAll('input.filter');
  function apply() {
    var show = {};
    boxes.forEach(function (b) { show[b.value] = b.checked; });
    document.querySelectorAll('tr.pair').forEach(function (row) {
      // hidden only when every change type of the row ("reworded+moved") has its box unchecked;
      // a page without boxes (history.html) hides nothing
      var types = (row.getAttribute('data-change') || '').split('+');
      row.hidden = types.every(function (t) { return show[t] === false; });
    });
    document.querySelectorAll('[data-visible-for]').forEach(function (cell) {
      var kind = cell.getAttribute('data-visible-for');
      cell.textContent = document.querySelectorAll('tr.pair[data-kind="' + kind + '"]:not([hidden])').length;
    });
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  apply();
})();
"""


def redline_html(ops: Iterable[WordOp]) -> str:
    """Inline redline: deletions in <del>, insertions in <ins>, all tokens escaped."""
    return render_ops(list(ops), esc, lambda t: f"<del>{t}</del>", lambda t: f"<ins>{t}</ins>")


def _text_cell(pair: Pair) -> str:
    if pair.change is Change.REMOVED or (pair.change is Change.NO_RESPONSE and pair.old):
        return f"<del>{esc(_shown(pair.old))}</del>"
    if pair.change in (Change.ADDED, Change.NO_RESPONSE):
        return f"<ins>{esc(_shown(pair.new))}</ins>"
    if pair.ops:
        return redline_html(pair.ops)
    return esc(_shown(pair.new))


def change_class(change: object) -> str:
    """The CSS class of a change type ("no response" -> "c-no-response")."""
    return "c-" + "-".join(str(change).split())


def _details(pair: Pair) -> str:
    """The response, key actions or description that changed, old against new, word by word."""
    out = []
    for name, a, b in pair.detail_changes:
        body = redline_html(word_diff(fold_layout(a), fold_layout(b)))
        out.append(f'<div class="detail" data-detail="{esc(name)}"><b>{esc(name)}:</b> {body}</div>')
    return "".join(out)


def _shown(items) -> str:
    """Text as read, without the source's line breaks and broken words (they are not changes)."""
    return "\n".join(fold_layout(i.text) for i in items)


def _names_cell(kept: Iterable[str], added: Iterable[str], removed: Iterable[str]) -> str:
    added, removed = list(added), list(removed)
    out = [esc(n) for n in kept if n not in added]
    out += [f"<ins>{esc(n)}</ins>" for n in added]
    out += [f"<del>{esc(n)}</del>" for n in removed]
    return ", ".join(out)


def _row(kind: str, pair: Pair) -> str:
    flags = []
    if pair.renumbered and pair.change is not Change.RENUMBERED:
        flags.append("renumbered")
    if pair.moved and pair.change is not Change.MOVED:
        flags.append("moved")
    flags += [f"{esc(k)}: <del>{esc(a)}</del> \u2192 <ins>{esc(b)}</ins>" for k, a, b in pair.slot_changes]
    if pair.topics_added or pair.topics_removed:
        flags.append("topics: " + _names_cell((), pair.topics_added, pair.topics_removed))
    sim = percent(pair.similarity) if pair.old and pair.new else ""
    actors_now = list(dict.fromkeys(n for i in pair.new for n in i.actors))
    return (
        f'<tr class="pair {change_class(pair.change)}" data-kind="{esc(kind)}" data-change="{esc(pair.change)}"'
        f' data-old-number="{esc(pair.old_number)}" data-new-number="{esc(pair.new_number)}">'
        f'<td><span class="badge">{esc(pair.change)}</span>'
        f"{'<div class=flags>' + '<br>'.join(flags) + '</div>' if flags else ''}</td>"
        f'<td title="{esc(pair.old_text)}">{esc(pair.old_number)}</td>'
        f'<td title="{esc(pair.new_text)}">{esc(pair.new_number)}</td>'
        f'<td class="num">{sim}</td>'
        f"<td>{_names_cell(actors_now, pair.actors_added, pair.actors_removed)}</td>"
        f'<td class="text">{_text_cell(pair)}{_details(pair)}</td></tr>'
    )


def _summary(report: DiffReport) -> str:
    kinds = report.kinds()
    head = "".join(f"<th>{esc(KIND_TITLES[k])}</th>" for k in kinds)
    rows = []
    for change in CHANGE_ORDER:
        cells = "".join(
            f'<td class="num" data-count="{esc(k)}:{esc(change)}">{report.counts(k)[change]}</td>'
            for k in kinds
        )
        total = report.counts()[change]
        rows.append(
            f'<tr><th title="{esc(CHANGE_HELP[change])}">{esc(change)}</th>{cells}'
            f'<td class="num" data-count="total:{esc(change)}">{total}</td></tr>'
        )
    shown = "".join(f'<td class="num" data-visible-for="{esc(k)}"></td>' for k in kinds)
    return (
        f'<table class="summary" id="summary"><thead><tr><th>Change</th>{head}<th>Total</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody><tfoot><tr><th>shown</th>{shown}<td></td></tr></tfoot></table>"
    )


def _filters() -> str:
    boxes = "".join(
        f'<label title="{esc(CHANGE_HELP[c])}"><input type="checkbox" class="filter" value="{esc(c)}"'
        f' id="filter-{esc(c)}" checked> {esc(c)}</label>'
        for c in CHANGE_ORDER
    )
    return f'<fieldset class="filters"><legend>Show change types</legend>{boxes}</fieldset>'


def _docs(report: DiffReport) -> str:
    rows = "".join(
        f"<tr><th>{name}</th><td>{esc(getattr(report.old, attr))}</td><td>{esc(getattr(report.new, attr))}</td></tr>"
        for name, attr in (("File", "label"), ("Title", "title"), ("Date", "date"), ("Type", "doc_type"))
    )
    return f'<table class="docs"><thead><tr><th></th><th>Old</th><th>New</th></tr></thead><tbody>{rows}</tbody></table>'


def page(title: str, body: str) -> str:
    """Wrap a body in the standalone page shell (CSP, inline CSS, the hashed filter script)."""
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:"
    return html_page(title, body, css=CSS, csp=csp, script=SCRIPT, blank_icon=True)


def write_html(report: DiffReport, stream: IO[str]) -> None:
    title = f"Changes: {report.old.label} \u2192 {report.new.label}"
    parts = [f"<h1>{esc(title)}</h1>", _docs(report), "<h2>Summary</h2>", _summary(report), _filters()]
    for kind, pairs in report.sections:
        rows = "".join(_row(str(kind), p) for p in pairs)
        parts.append(
            f'<h2 id="{esc(kind)}">{esc(KIND_TITLES[kind])}</h2>'
            f'<table class="pairs" data-kind="{esc(kind)}"><thead><tr><th>Change</th><th>Old</th><th>New</th>'
            f"<th>Similarity</th><th>Actors</th><th>Text (old \u2192 new)</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    stream.write(page(title, "\n".join(parts)))
