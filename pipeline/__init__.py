"""docket: intergovernmental meeting documents in, typed records out.

The notebook API, loaded on first use so ``import pipeline`` stays cheap::

    from pipeline import ingest, compare, Collection, Document
"""

from .version import __version__ as __version__

_LAZY = {
    "compare": ("pipeline.api", "compare"),
    "Collection": ("pipeline.api", "Collection"),
    "Document": ("pipeline.models", "Document"),
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")


def _callable_ingest_module() -> None:
    """Make ``pipeline.ingest`` callable as ``pipeline.api.ingest``.

    ``pipeline.ingest`` is also a submodule, and Python sets a package attribute to its submodule
    whenever that is first imported, so a plain function here would be replaced by the module in
    any process that imported ``pipeline.ingest`` (the CLI, the batch runner). Giving the module a
    ``__call__`` keeps both uses working: ``from pipeline import ingest; ingest(paths)`` returns a
    Collection, and ``pipeline.ingest.process_file`` is still the module's function.
    """
    import sys
    import types

    from . import ingest as module

    class _CallableModule(types.ModuleType):
        def __call__(self, paths, settings=None):
            from .api import ingest as api_ingest

            return api_ingest(paths, settings)

    module.__class__ = _CallableModule
    sys.modules[module.__name__].__class__ = _CallableModule


_callable_ingest_module()
