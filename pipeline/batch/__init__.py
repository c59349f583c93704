"""Batch ingestion: parallel workers, a SQLite catalog, resumable runs, a run manifest.

``run_batch`` (runner.py) is the engine behind ``docket ingest``; ``process_file`` stays the
per-document task, run in worker processes (executors.py) or on a Dask cluster.
"""

from .runner import BatchOptions, RunSummary, run_batch

__all__ = ["BatchOptions", "RunSummary", "run_batch"]
