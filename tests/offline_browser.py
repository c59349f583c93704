"""Shared set-up for the browser tests of docket's HTML reports: Debian chromium, fully offline.

Every request other than the report file itself is aborted and recorded, so a test can assert
that opening a report reaches no network; console messages, page errors and dialogs are recorded.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple

import pytest

CHROMIUM = "/usr/bin/chromium"
# The flags keep chromium from phoning home on a closed network (it fails loudly otherwise).
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"

requires_chromium = pytest.mark.skipif(
    not os.path.exists(CHROMIUM),
    reason=f"{CHROMIUM} not installed (run `make browser` to install Debian chromium)",
)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class OfflinePage(NamedTuple):
    context: Any
    page: Any
    url: str
    requests: list[str]
    blocked: list[str]
    console: list[tuple[str, str]]
    errors: list[str]
    dialogs: list[str]


def open_offline(browser, html_path: Path) -> OfflinePage:
    """Open ``html_path`` in a fresh context where every other request is aborted and recorded."""
    url = html_path.resolve().as_uri()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    view = OfflinePage(context, None, url, [], [], [], [], [])

    def route(r):
        if r.request.url == url:
            r.continue_()
        else:
            view.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda req: view.requests.append(req.url))
    page.on("console", lambda msg: view.console.append((msg.type, msg.text)))
    page.on("pageerror", lambda exc: view.errors.append(str(exc)))
    page.on("dialog", lambda d: (view.dialogs.append(d.message), d.dismiss()))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(200)
    return view._replace(page=page)
