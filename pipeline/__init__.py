"""docket: intergovernmental meeting documents in, typed records out.

The public API, loaded on first use so ``import pipeline`` stays cheap::

    from pipeline import ingest, compare, Collection, Document

``ingest`` and ``compare`` are functions of ``pipeline.api``; reading one file into a Result
(what the commands and the batch runner call) is ``pipeline.process.process_file``.
"""

import importlib
from typing import TYPE_CHECKING

from .version import __version__ as __version__

if TYPE_CHECKING:
    from .api import Collection, compare, ingest
    from .models import Document

__all__ = ["Collection", "Document", "__version__", "compare", "ingest"]

_LAZY = {
    "ingest": ("pipeline.api", "ingest"),
    "compare": ("pipeline.api", "compare"),
    "Collection": ("pipeline.api", "Collection"),
    "Document": ("pipeline.models", "Document"),
}


def __getattr__(name: str):
    if name in _LAZY:
        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
