"""Plan a batch against the catalog, run what must run, record each outcome as it lands.

A source is skipped when the catalog has a record of the same bytes (by name, or under
another name when it was moved or copied) made by the same pipeline and extraction config;
it is re-tagged when only the tagging config changed; otherwise it is extracted. Each
outcome is committed on arrival, so a killed run loses at most the documents in flight, and
the output folder's flat files are rebuilt from the catalog, the whole collection, at the end
(collection.py).
"""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import Interrupted
from ..export.writer import results_summary
from ..models import Status
from ..outputs import Layout
from ..process import file_sha256
from .catalog import Catalog, Entry, catalog_error
from .collection import rebuild
from .executors import Task, make_executor
from .tasks import relabel, retag_record, run_document, warm_up
from .versions import Versions, config_versions

INTERRUPTED = "interrupted"  # files.status of a timed-out or crashed document: retried next run
FLUSH_EVERY = 500


@dataclass
class BatchOptions:
    workers: int = 0  # 0: one per core
    timeout: float | None = None  # None: Settings.timeout
    force: bool = False
    executor: str = "local"
    scheduler: str | None = None
    send_bytes: bool = False


@dataclass
class RunSummary:
    run_id: int
    out_dir: Path
    counts: dict[str, int] = field(
        default_factory=lambda: {"ingested": 0, "partial": 0, "skipped": 0, "failed": 0}
    )
    seconds: float = 0.0
    duplicates: dict[str, str] = field(default_factory=dict)  # new this run: source -> same content
    documents: int = 0  # records in the whole collection after the run
    excluded: int = 0  # files found but left out by an include/exclude rule
    tables: dict[str, int] = field(default_factory=dict)  # rows per record table of the collection

    def collection_line(self) -> str:
        """What the whole collection holds after the run, and where its tables are."""
        t = self.tables
        counts = ", ".join(
            f"{t.get(table, 0)} {label}"
            for table, label in (
                ("recommendations", "recommendations"),
                ("agenda_items", "agenda items"),
                ("objectives", "objectives"),
                ("actors", "actor mentions"),
            )
        )
        return (
            f"the collection holds {self.documents} documents ({counts}): "
            f"{self.out_dir / 'csv'}/, {self.out_dir / 'documents.jsonl'}, SQL in {self.out_dir / 'catalog.sqlite'}"
        )

    def line(self) -> str:
        c = self.counts
        text = results_summary(
            {
                "ok": c["ingested"] - c["partial"],
                "partial": c["partial"],
                "failed": c["failed"],
                "skipped": c["skipped"],
                "excluded": self.excluded,
            }
        )
        return f"{text} in {self.seconds:.1f} s -> {self.out_dir}"


Progress = Callable[[dict[str, Any]], None]  # called with each manifest row as it lands


def run_batch(
    sources: Sequence[Path],
    out_dir: str | Path,
    settings: Settings,
    options: BatchOptions,
    progress: Progress | None = None,
    command: str = "",
) -> RunSummary:
    """Ingest ``sources`` (already expanded, in output order) into ``out_dir``. Caller holds the lock."""
    started = time.monotonic()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    timeout = options.timeout or settings.timeout
    catalog = Catalog(Layout(out_dir).catalog)
    summary = RunSummary(0, out_dir)
    try:
        summary.run_id = run_id = catalog.start_run(command)
        planner = _Planner(
            catalog, run_id, settings, config_versions(settings), options.force, summary, progress
        )
        executor = make_executor(
            options.executor,
            options.workers,
            timeout,
            options.scheduler,
            options.send_bytes,
            warmup=(warm_up, (settings,)),
        )
        for task, payload in executor.run(planner.tasks(sources)):
            planner.finish(task, payload)
        planner.flush()
        with catalog.transaction():
            for name in catalog.moved_away(run_id):
                catalog.forget(name)
        duplicates = rebuild(catalog, out_dir, settings.raw_csv)
        summary.duplicates = {  # the ones this run made: a re-run does not repeat the note
            copy: original
            for copy, original in duplicates.items()
            if run_id in {_work_run(catalog, copy), _work_run(catalog, original)}
        }
        summary.documents = catalog.fingerprint()[1]
        summary.tables = catalog.table_counts()
        summary.seconds = time.monotonic() - started
        with catalog.transaction():
            catalog.finish_run(run_id, summary.counts)
        return summary
    except sqlite3.Error as e:  # a full disk, a read-only folder: one line, what was saved stays saved
        raise catalog_error(catalog.path, e) from e
    except KeyboardInterrupt:
        c = summary.counts
        saved = c["ingested"] + c["skipped"] + c["failed"]
        raise Interrupted(f"{saved} of {len(sources)} saved; run the same command to finish") from None
    finally:
        catalog.close()


class _Planner:
    def __init__(
        self,
        catalog: Catalog,
        run_id: int,
        settings: Settings,
        versions: Versions,
        force: bool,
        summary: RunSummary,
        progress: Progress | None,
    ):
        self.catalog, self.run_id, self.settings, self.v = catalog, run_id, settings, versions
        self.force, self.summary, self.progress = force, summary, progress
        self.index = catalog.entries()
        self.can_retag = importlib.util.find_spec("pipeline.records_io") is not None
        self._pending: list[tuple[Entry | None, dict[str, Any], tuple | None]] = []

    def tasks(self, sources: Sequence[Path]) -> Iterator[Task]:
        """Plan biggest files first, so a long document does not start last and leave workers idle;
        ``seq`` keeps the input order, which is the order of every output."""
        for seq in sorted(range(len(sources)), key=lambda i: (-_size(sources[i]), i)):
            path = sources[seq]
            task = self._plan(seq, path)
            if task is not None:
                self.flush()
                yield task
            elif len(self._pending) >= FLUSH_EVERY:
                self.flush()
        self.flush()

    def _plan(self, seq: int, path: Path) -> Task | None:
        name = str(path)
        ctx: dict[str, Any] = {"seq": seq, "name": name, "abspath": os.path.abspath(path), "why": "new"}
        try:
            st = path.stat()
            ctx.update(size=st.st_size, mtime_ns=st.st_mtime_ns)
        except OSError:
            return self._extract(path, ctx)  # process_file reports the reason
        if not stat.S_ISREG(st.st_mode):
            return self._extract(path, ctx)  # a FIFO or device: hashing it here would block the run
        known = self.index.get(name)
        same_versions = known is not None and known[5:7] == (self.v.pipeline, self.v.extraction)
        if self.force:
            ctx["why"] = "forced"
        elif known and same_versions and known[0:2] == (st.st_size, st.st_mtime_ns):
            ctx["sha256"] = known[2]
            return self._reuse(path, ctx, self.catalog.get(name, with_record=False), touch=False)
        if known and not self.force:
            ctx["why"] = "changed" if same_versions or known[2] is None else "pipeline or config changed"
        try:
            ctx["sha256"] = file_sha256(path)
        except OSError:
            return self._extract(path, ctx)
        if self.force:
            return self._extract(path, ctx)
        if known and same_versions and known[2] == ctx["sha256"]:
            return self._reuse(path, ctx, self.catalog.get(name, with_record=False), touch=True)
        donor = self.catalog.find_record(ctx["sha256"], self.v.pipeline, self.v.extraction)
        if donor is not None:
            return self._reuse(path, ctx, donor, touch=False)
        return self._extract(path, ctx)

    def _reuse(self, path: Path, ctx: dict[str, Any], entry: Entry | None, touch: bool) -> Task | None:
        name = ctx["name"]
        if entry is None or entry.status == INTERRUPTED:
            ctx["why"] = "retry" if entry is not None else ctx["why"]
            return self._extract(path, ctx)
        moved = entry.source_file != name
        if entry.status == Status.FAILED:
            if moved:  # messages name the file: read it again under its new name
                return self._extract(path, ctx)
            self._pending.append(
                (
                    None,
                    self._row(ctx, "failed", entry.reason, entry.message, entry.pages, 0.0),
                    (ctx["size"], ctx["mtime_ns"], ctx["abspath"]) if touch else None,
                )
            )
            return None
        if (moved or entry.tagging_version != self.v.tagging) and entry.record is None:
            full = self.catalog.get(entry.source_file)
            assert full is not None  # the entry was just read from the catalog
            entry = full
        record, untagged = (
            relabel(entry.record, entry.source_file, name),
            relabel(entry.untagged, entry.source_file, name),
        )
        if entry.tagging_version != self.v.tagging:
            if not self.can_retag:
                ctx["why"] = "config changed"
                return self._extract(path, ctx)
            ctx.update(why="retagged", moved_from=entry.source_file if moved else None, pages=entry.pages)
            return Task(ctx["seq"], name, retag_record, (untagged or record, self.settings, name), ctx)
        why = (
            "unchanged"
            if not moved
            else f"moved from {entry.source_file}"
            if not Path(entry.abspath or "").exists()
            else f"same content as {entry.source_file}"
        )
        row = self._row(ctx, "skipped", why, "", entry.pages, 0.0)
        if moved:
            new = Entry(
                **{
                    **_fields(entry),
                    "source_file": name,
                    "abspath": ctx["abspath"],
                    "size": ctx["size"],
                    "mtime_ns": ctx["mtime_ns"],
                    "record": record,
                    "untagged": untagged,
                }
            )
            self._pending.append((new, row, None))
        else:
            self._pending.append(
                (None, row, (ctx["size"], ctx["mtime_ns"], ctx["abspath"]) if touch else None)
            )
        return None

    def _extract(self, path: Path, ctx: dict[str, Any]) -> Task:
        return Task(ctx["seq"], ctx["name"], run_document, (str(path), self.settings, ctx["name"]), ctx)

    def _row(self, ctx, status, reason, message, pages, seconds) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "seq": ctx["seq"],
            "source_file": ctx["name"],
            "status": status,
            "reason": reason or "",
            "message": message or "",
            "pages": pages,
            "seconds": round(seconds, 3),
            "sha256": ctx.get("sha256"),
        }

    def finish(self, task: Task, payload: dict[str, Any]) -> None:
        ctx = task.context
        failed = payload["status"] == Status.FAILED
        sha = payload.get("sha256") or ctx.get("sha256")
        ctx["sha256"] = sha
        if failed:
            status = INTERRUPTED if payload.get("retry") else str(Status.FAILED)
            row = self._row(ctx, "failed", payload["reason"], payload["message"], None, payload["seconds"])
        else:
            status = payload["status"]
            row = self._row(ctx, "ingested", ctx["why"], "", payload.get("pages"), payload["seconds"])
        entry = Entry(
            ctx["name"],
            ctx["abspath"],
            sha,
            ctx.get("size"),
            ctx.get("mtime_ns"),
            payload.get("document_id"),
            status,
            payload.get("reason"),
            payload.get("message"),
            payload.get("pages"),
            payload["seconds"],
            self.v.pipeline,
            self.v.extraction,
            self.v.tagging,
            payload.get("record"),
            payload.get("untagged"),
            work_run=self.run_id,
        )
        self._pending.append((entry, row, None))
        self.flush()
        if not failed and payload["status"] == Status.PARTIAL:
            self.summary.counts["partial"] += 1

    def flush(self) -> None:
        if not self._pending:
            return
        with self.catalog.transaction():
            for entry, row, touch in self._pending:
                if entry is not None:
                    self.catalog.put(entry)
                elif touch is not None:
                    self.catalog.touch(row["source_file"], *touch)
                self.catalog.add_manifest(row)
        for _, row, _ in self._pending:
            self.summary.counts[row["status"]] += 1
            if self.progress:
                self.progress(row)
        self._pending.clear()


def _work_run(catalog: Catalog, source_file: str) -> int | None:
    entry = catalog.get(source_file, with_record=False)
    return entry.work_run if entry else None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _fields(entry: Entry) -> dict[str, Any]:
    return {f: getattr(entry, f) for f in entry.__slots__}
