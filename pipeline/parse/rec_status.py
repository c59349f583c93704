"""Implementation status of each recommendation, normalised with ``[responses]`` of the vocabulary.

A status printed beside the recommendation ("Completed to planned scope in 2023.", kept in
``Recommendation.status`` by the recommendation parser) is normalised to implemented /
in progress / not started / outside remit. Where none is printed but its key actions report
theirs, the recommendation's is theirs taken together: one state when they all share it, else
in progress when any has begun ("" when no action reports a status).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ..models import Recommendation
from .responses import status_category

IMPLEMENTED, IN_PROGRESS, NOT_STARTED = "implemented", "in progress", "not started"


def with_status(recs: Iterable[Recommendation]) -> tuple[Recommendation, ...]:
    return tuple(_with_status(r) for r in recs)


def _with_status(rec: Recommendation) -> Recommendation:
    category = status_category(rec.status) if rec.status else ""
    if not category and not rec.status:
        category = actions_status(rec)
    return dataclasses.replace(rec, status_category=category) if category != rec.status_category else rec


def actions_status(rec: Recommendation) -> str:
    """The key actions' statuses taken together."""
    actions = rec.management_response.actions if rec.management_response else ()
    states = {a.status_category for a in actions if a.status_category}
    if len(states) == 1:
        return states.pop()
    if states & {IMPLEMENTED, IN_PROGRESS}:
        return IN_PROGRESS
    return ""
