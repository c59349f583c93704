"""The JSON Schema of the document record, generated from ``pipeline.models`` (see build.py).

Rebuild the committed ``docket.schema.json`` with ``python -m pipeline.schema``.
"""
