"""The tasks workers run: top-level functions (picklable) returning plain dicts of JSON text.

``run_document`` is ``process_file`` run without tagging and then tagged, so the untagged
record can be kept and re-tagged later when only the taggers' configuration changes.
"""

from __future__ import annotations

import json
import os
import tempfile
import traceback
from dataclasses import replace
from typing import Any

from ..config import Settings
from ..export.base import dumps
from ..extract.base import EXTRACTORS, load_extractor
from ..models import Reason, Status
from ..process import process_file, tag
from ..records_io import document_from_dict


def run_document(path: str, settings: Settings, source_file: str) -> dict[str, Any]:
    """Extract, parse and tag one file; never raises for bad input."""
    result = process_file(path, replace(settings, tag=False), source_file=source_file)
    if result.document is None:
        failure = result.failure
        return failed_payload(
            failure.reason if failure else Reason.INTERNAL,
            failure.message if failure else f"{source_file}: no record",
            result.seconds,
        )
    untagged = dumps(result.document.to_dict(), None)  # serialised once, compared and kept as text
    payload = {
        "status": str(result.status),
        "pages": result.pages,
        "seconds": result.seconds,
        "sha256": result.document.info.sha256,
        "document_id": result.document.info.id,
        "untagged": None,
        "record": untagged,
    }
    if settings.tag:
        payload.update(_tagged(result.document, settings, source_file))
        if payload["record"] is not None and payload["record"] != untagged:
            payload["untagged"] = untagged
    return payload


def warm_up(settings: Settings) -> None:
    """Load what every document needs (the tagger's spaCy pipeline) once per worker, then cap
    the worker's memory so one document cannot take the machine down."""
    if settings.tag:
        try:
            from ..nlp import get_tagger  # start-up: spaCy loads only where tagging is on
        except ImportError:
            pass
        else:
            get_tagger(settings.config_path)
    # Load every extractor's libraries before the cap, so the cap measures one document's data.
    for fmt in EXTRACTORS:
        load_extractor(fmt)
    import pypdfium2  # noqa: F401  (the page-limit check)

    limit_memory(settings.max_memory_mb)


def limit_memory(max_mb: int) -> None:
    """Address-space limit = the worker's size now + ``max_mb``: a document that needs more gets
    MemoryError (recorded as too_large) or kills the worker (recorded as failed, worker replaced)."""
    if max_mb <= 0:
        return
    import resource  # Unix only: imported where the limit is set

    try:
        with open("/proc/self/statm") as fh:
            current = int(fh.read().split()[0]) * resource.getpagesize()
    except OSError:  # not Linux: no cheap way to know the footprint, so no limit
        return
    limit = current + max_mb * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def run_document_bytes(data: bytes, suffix: str, settings: Settings, source_file: str) -> dict[str, Any]:
    """``run_document`` on bytes shipped to a worker that cannot see the file (Dask without shared storage)."""
    with tempfile.TemporaryDirectory(prefix="docket-") as tmp:
        path = os.path.join(tmp, "document" + suffix)
        with open(path, "wb") as fh:
            fh.write(data)
        return run_document(path, settings, source_file)


def retag_record(untagged: str, settings: Settings, source_file: str) -> dict[str, Any]:
    """Re-run only the tagging stage on a stored untagged record."""
    document = document_from_dict(json.loads(untagged))
    payload = {
        "status": str(Status.PARTIAL if document.warnings else Status.OK),
        "pages": document.info.pages,
        "seconds": 0.0,
        "sha256": document.info.sha256,
        "document_id": document.info.id,
        "untagged": untagged,
        "record": untagged,
    }
    if settings.tag:
        payload.update(_tagged(document, settings, source_file))
    if payload["record"] == untagged:
        payload["untagged"] = None
    return payload


def _tagged(document, settings: Settings, source_file: str) -> dict[str, Any]:
    try:
        tagged = tag(document, settings)
    except Exception as e:  # noqa: BLE001 - a tagger bug fails one document, not the batch
        detail = "".join(traceback.format_exception_only(type(e), e)).strip().splitlines()[-1]
        return failed_payload(
            Reason.INTERNAL, f"{source_file}: internal error while tagging ({detail}); please report it", 0.0
        )
    return {
        "status": str(Status.PARTIAL if tagged.warnings else Status.OK),
        "record": dumps(tagged.to_dict(), None),
    }


def failed_payload(reason: Reason | str, message: str, seconds: float = 0.0) -> dict[str, Any]:
    return {
        "status": str(Status.FAILED),
        "reason": str(reason),
        "message": message,
        "seconds": seconds,
        "pages": None,
        "record": None,
        "untagged": None,
    }


def relabel(record_json: str | None, old: str, new: str) -> str | None:
    """A stored record under another file name: every ``source_file`` equal to ``old`` becomes ``new``."""
    if record_json is None or old == new:
        return record_json

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: (new if k == "source_file" and v == old else walk(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return dumps(walk(json.loads(record_json)), None)
