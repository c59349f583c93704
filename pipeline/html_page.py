"""The HTML base of docket's offline pages (the collection report, the diff and history reports).

One escaping rule (``esc``: ``html.escape(..., quote=True)`` for element content and attribute
values alike), one base style, and one page shell with a Content-Security-Policy, so each page
module adds only its own rules and body.
"""

from __future__ import annotations

import html

BASE_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem auto;max-width:72rem;
 padding:0 1rem;color:#1b1b1b;background:#fff}
h2{font-size:1.15rem}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #ccd;padding:.25rem .5rem;vertical-align:top;text-align:left}
th{background:#f1f3f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
"""


def esc(value: object) -> str:
    """Text from the records made safe in element content and in quoted attribute values."""
    return html.escape(str(value), quote=True)


def page(title: str, body: str, *, css: str, csp: str, script: str = "", blank_icon: bool = False) -> str:
    """A standalone page: the base style then ``css``, nothing loaded that ``csp`` does not allow;
    ``blank_icon`` adds an empty ``data:`` favicon, so a browser asks for no favicon file."""
    shell = (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        + ('<link rel="icon" href="data:,">' if blank_icon else "")
        + f"<title>{esc(title)}</title><style>{BASE_CSS}{css}</style></head>\n<body>\n{body}\n"
    )
    return shell + (f"<script>{script}</script>\n" if script else "") + "</body></html>\n"
