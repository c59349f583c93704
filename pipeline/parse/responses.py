"""Management responses and their key actions as records.

A response is kept whole (every paragraph, the lists of reasons after "for the following
reasons:"), and its category is read from its first sentence with the cue words of the
``[responses]`` section of ``vocabulary.toml``. Each row of a key-action table becomes a
``KeyAction``: its columns are named by their headings (also vocabulary), its time frame is read
as a date where it names one, and its status is normalised to four states.
"""

from __future__ import annotations

import re

from ..models import KeyAction, ManagementResponse
from ..textutil import join_lines
from . import vocab
from .addressees import raw_actors
from .dates import find_dates, find_month_years, iso

# The template's own instruction, printed where the answer goes: "(Accept/Partially Accept/Reject)".
_MR_TEMPLATE = re.compile(
    r"^\s*(?:\(\s*)?[-\u2013\u2014]?\s*accept(?:ed)?\s*/\s*partially\s+accept(?:ed)?\s*/\s*reject(?:ed)?\s*\)?\s*",
    re.I,
)
# A response runs until the next field or recommendation; past this many characters what follows is
# not taken (a response that never meets a stop would otherwise take the rest of the document).
MAX_RESPONSE = 6000
# Category names, in the order their cue words are tried (vocabulary key, category).
CATEGORIES = (
    ("partially_accepted", "partially accepted"),
    ("rejected", "rejected"),
    ("accepted", "accepted"),
    ("noted", "noted"),
)
STATUSES = (
    ("not_started", "not started"),
    ("outside_remit", "outside remit"),
    ("in_progress", "in progress"),
    ("implemented", "implemented"),
)
# Column roles of a key-action table (vocabulary key, role), tried in this order on a heading.
_COLUMN_ROLES = (
    ("time_columns", "time_frame"),
    ("responsible_columns", "responsible"),
    ("status_columns", "status"),
    ("comment_columns", "comments"),
    ("action_columns", "text"),
)
_GENERIC_COLUMN = re.compile(r"^column \d+$")
_QUARTER = re.compile(
    r"\b(?:Q(?P<q>[1-4])|(?P<h>[12])(?:st|nd)?\s+half|H(?P<h2>[12]))\W{0,3}(?P<y>(?:19|20)\d{2})\b", re.I
)
# Units listed one per line in a cell read as one run once the lines are joined: "DAPM PG EMOPS",
# "Programme Group (PG) Office of Emergency Programmes (EMOPS)".
_ACRONYM_RUN = re.compile(r"\b([A-Z]{2,6})\s+(?=[A-Z]{2,6}\b)")
_AFTER_ABBREVIATION = re.compile(r"(\([A-Z]{2,8}\))\s+(?=[A-Z])")
_YEAR = re.compile(r"(?<![\d/.])(?:19|20)\d{2}(?![\d/])")


def _first_match(text: str, keys: tuple[tuple[str, str], ...], head: int = 160) -> str:
    words = vocab.current()
    part = text.strip()[:head]
    for key, name in keys:
        if words.regex("responses", key).search(part):
            return name
    return ""


def response_category(text: str) -> str:
    """accepted / partially accepted / rejected / noted, from the cue words of the text's start."""
    return _first_match(text, CATEGORIES)


_ANSWER_WORDS = 6  # "The Department for Education accepts"
_VERDICT_WORDS = 3  # "Partially accepted."


def answers(text: str) -> bool:
    """A paragraph that opens with an answer: a short verdict ("Accepted.", "Partially agreed") or a
    subject and its verb of response among the first words ("The Government agrees", "The
    Department for Education accepts"); not an imperative ("Support the ...", a recommendation's
    own sub-point) and not a record of discussion that agreed to something later in its sentence."""
    first = re.split(r"(?<=[.;:])\s+", text.strip(), maxsplit=1)[0]
    words = first.split()
    if len(words) <= _VERDICT_WORDS:
        return bool(response_category(first))
    if response_category(words[0]):
        return False
    return bool(response_category(" ".join(words[:_ANSWER_WORDS])))


def status_category(text: str) -> str:
    """implemented / in progress / not started / outside remit, or "" for another status: the
    state whose cue comes first in the text ("Completed to planned scope" is done, though
    "planned" names a state that has not begun), the list's order breaking ties ("not started"
    before "started", which it holds)."""
    words = vocab.current()
    part = text.strip()[:200]
    found = []
    for order, (key, name) in enumerate(STATUSES):
        m = words.regex("responses", key).search(part)
        if m:
            found.append((m.start(), order, name))
    return min(found)[2] if found else ""


def clean_response(text: str) -> str:
    text = _MR_TEMPLATE.sub("", text.strip())
    return text.lstrip(":.-\u2013\u2014 ").strip()


def make_response(text: str) -> ManagementResponse | None:
    """The whole response (paragraphs joined by a space) and its category, read from the first
    sentence or first printed paragraph (whichever is shorter), else from the whole text."""
    paragraphs = [join_lines(p) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    whole = clean_response(" ".join(p for p in paragraphs if p))
    if not whole:
        return None
    first = re.split(r"(?<=[.;:])\s+", whole, maxsplit=1)[0]
    lead = clean_response(paragraphs[0]) if paragraphs else ""
    if lead and len(lead) < len(first):
        first = lead
    return ManagementResponse(category=response_category(first) or response_category(whole), text=whole)


def due_date(time_frame: str) -> str | None:
    """The latest date a time frame names: "June 2025" -> 2025-06, "Q2 2026" -> 2026-06,
    "31 December 2025" -> 2025-12-31, "2025-2026" -> 2026; None for "Ongoing"."""
    found: list[str] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: str | None) -> None:
        if value and not any(a <= start < b for a, b in taken):
            found.append(value)
            taken.append((start, end))

    for d in find_dates(time_frame):
        add(d.pos, d.pos + len(d.text), d.end or d.start)
    for d in find_month_years(time_frame):
        add(d.pos, d.pos + len(d.text), d.start)
    for m in _QUARTER.finditer(time_frame):
        month = int(m.group("q")) * 3 if m.group("q") else int(m.group("h") or m.group("h2")) * 6
        add(m.start(), m.end(), iso(int(m.group("y")), month))
    for m in _YEAR.finditer(time_frame):
        if not any(a <= m.start() < b for a, b in taken):
            add(m.start(), m.end(), m.group(0))
    return max(found) if found else None


def responsible_names(responsible: str) -> str:
    """The responsible units with a separator between names the cell printed on lines of their
    own (for the actor lookup; the record keeps the text as printed)."""
    return _AFTER_ABBREVIATION.sub(r"\1; ", _ACRONYM_RUN.sub(r"\1; ", responsible))


def column_role(heading: str) -> str:
    """What a key-action column holds, from its heading: text, time_frame, responsible, status,
    comments, or "" when the heading names none of them."""
    words = vocab.current()
    for key, role in _COLUMN_ROLES:
        if words.regex("responses", key).search(heading):
            return role
    return ""


def key_action(columns: tuple[tuple[str, str], ...]) -> KeyAction | None:
    """A key-action record from one printed row, (heading, value) pairs in column order.

    The first column stands for the action where no heading names it ("column 1"); a status
    printed at the end of the responsible units' cell (the table's status column was merged into
    it: "... regional bureaus Not initiated") is moved to the status."""
    fields: dict[str, list[str]] = {}
    for k, (heading, value) in enumerate(columns):
        role = column_role(heading)
        if not role and (k == 0 or _GENERIC_COLUMN.match(heading)) and "text" not in fields:
            role = "text"
        if role:
            fields.setdefault(role, []).append(value)
    text = join_lines(" ".join(fields.get("text", [])))
    if not text:
        return None
    responsible = join_lines(" ".join(fields.get("responsible", [])))
    status = join_lines(" ".join(fields.get("status", [])))
    if not re.search(r"[^\W\d_]", responsible):
        responsible = ""  # a dash for "none"
    if not status and responsible:
        responsible, status = _trailing_status(responsible)
    time_frame = join_lines(" ".join(fields.get("time_frame", [])))
    return KeyAction(
        text=text,
        responsible=responsible,
        actors=raw_actors(responsible_names(responsible)) if responsible else (),
        time_frame=time_frame,
        due=due_date(time_frame) if time_frame else None,
        status=status,
        status_category=status_category(status) if status else "",
        comments=join_lines(" ".join(fields.get("comments", []))),
    )


def _trailing_status(responsible: str) -> tuple[str, str]:
    words = vocab.current()
    for key, _ in STATUSES:
        m = words.regex("responses", key, r"\s(?:{})\s*$").search(responsible)
        if m:
            return responsible[: m.start()].rstrip(" ,;"), m.group(0).strip()
    return responsible, ""


def with_actions(response: ManagementResponse) -> ManagementResponse:
    """The response with its printed key-action rows also as ``KeyAction`` records."""
    actions = tuple(a for a in (key_action(cols) for cols in response.key_actions) if a is not None)
    if actions == response.actions:
        return response
    return ManagementResponse(
        response.category, response.text, response.responder, response.key_actions, actions
    )
