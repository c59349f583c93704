"""Where tasks run: a local pool of worker processes (default) or a Dask cluster.

Both take an iterator of ``Task`` and yield ``(task, payload)`` as tasks finish, pulling new
tasks only when a worker is free, so nothing holds the whole batch. A task running longer
than ``timeout`` seconds, or whose worker dies, yields a failed payload instead.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Any

from ..models import Reason
from .tasks import failed_payload

# Imported once in the fork server, so each new worker starts with them loaded.
PRELOAD = ("pipeline.batch.tasks", "pipeline.extract", "pipeline.parse", "pipeline.nlp")


@dataclass
class Task:
    key: int
    name: str  # the source file, for messages
    fn: Callable[..., dict[str, Any]]
    args: tuple
    context: dict[str, Any] = field(default_factory=dict)  # runner's bookkeeping, never sent


def timeout_payload(task: Task, timeout: float, seconds: float) -> dict[str, Any]:
    payload = failed_payload(Reason.TIMEOUT, f"{task.name}: took longer than the {timeout:g} s limit per document "
                             "and was stopped; raise it with --timeout", seconds)
    return {**payload, "retry": True}


def _worker_main(conn) -> None:
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return  # the runner is gone
        try:
            payload = fn(*args)
        except Exception as e:  # noqa: BLE001 - the runner decides; the worker lives on
            payload = failed_payload(Reason.INTERNAL, f"{args[-1]}: internal error ({type(e).__name__}: {e})")
        try:
            conn.send(payload)
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, ctx):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child,), daemon=True)
        self.proc.start()
        child.close()
        self.task: Task | None = None
        self.started = 0.0

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        self.conn.close()  # the worker sees EOF and returns
        self.proc.join(5)
        if self.proc.is_alive():
            self.kill()


class LocalExecutor:
    """``workers`` processes, started on the first task; a stuck or dead worker is replaced."""

    def __init__(self, workers: int, timeout: float):
        self.workers = max(1, workers)
        self.timeout = timeout
        self.ctx = mp.get_context("forkserver")
        preload = [m for m in PRELOAD if _importable(m)]
        self.ctx.set_forkserver_preload(preload)

    def run(self, tasks: Iterator[Task]) -> Iterator[tuple[Task, dict[str, Any]]]:
        idle: list[_Worker] = []
        busy: list[_Worker] = []
        started = 0
        exhausted = False
        try:
            while True:
                while not exhausted and (idle or started < self.workers):
                    task = next(tasks, None)
                    if task is None:
                        exhausted = True
                        break
                    if not idle:
                        idle.append(_Worker(self.ctx))
                        started += 1
                    worker = idle.pop()
                    worker.task, worker.started = task, time.monotonic()
                    worker.conn.send((task.fn, task.args))
                    busy.append(worker)
                if not busy:
                    return
                deadline = min(w.started for w in busy) + self.timeout
                ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy],
                                 timeout=max(0.0, min(deadline - time.monotonic(), 1.0))))
                now = time.monotonic()
                for worker in list(busy):
                    task, elapsed = worker.task, now - worker.started
                    payload, reusable = None, False
                    if worker.conn in ready or worker.proc.sentinel in ready:
                        try:
                            payload = worker.conn.recv() if worker.conn.poll() else None
                            reusable = payload is not None
                        except (EOFError, OSError):
                            payload = None
                        if payload is None:
                            worker.proc.join(1)
                            payload = {**failed_payload(
                                Reason.INTERNAL, f"{task.name}: the worker process died while reading it "
                                f"(exit code {worker.proc.exitcode}; out of memory or a crash in a parser library)",
                                elapsed), "retry": True}
                    elif elapsed > self.timeout:
                        payload = timeout_payload(task, self.timeout, elapsed)
                    if payload is None:
                        continue
                    busy.remove(worker)
                    if reusable:
                        idle.append(worker)
                    else:
                        worker.kill()
                        started -= 1
                    worker.task = None
                    yield task, payload
        finally:
            for worker in busy:
                worker.kill()
            for worker in idle:
                worker.stop()


class DaskExecutor:
    """The same tasks on a Dask cluster; ``send_bytes`` ships file contents instead of paths.

    Dask cannot stop a running task, so past ``timeout`` the document is recorded as failed and
    its future cancelled; the worker thread finishes it in the background.
    """

    def __init__(self, scheduler: str, timeout: float, send_bytes: bool = False):
        from distributed import Client

        self.client = Client(scheduler, set_as_default=False)
        self.timeout = timeout
        self.send_bytes = send_bytes

    def run(self, tasks: Iterator[Task]) -> Iterator[tuple[Task, dict[str, Any]]]:
        from distributed import wait as dask_wait

        from .tasks import run_document, run_document_bytes

        slots = max(1, sum(self.client.nthreads().values()))
        pending: dict[Any, tuple[Task, float]] = {}
        exhausted = False
        try:
            while True:
                while not exhausted and len(pending) < slots:
                    task = next(tasks, None)
                    if task is None:
                        exhausted = True
                        break
                    fn, args = task.fn, task.args
                    if self.send_bytes and fn is run_document:
                        with open(args[0], "rb") as fh:
                            fn, args = run_document_bytes, (fh.read(), os.path.splitext(args[0])[1], *args[1:])
                    future = self.client.submit(fn, *args, pure=False)
                    pending[future] = (task, time.monotonic())
                if not pending:
                    return
                deadline = min(t for _, t in pending.values()) + self.timeout
                try:
                    with self.client.as_current():
                        dask_wait(list(pending), timeout=max(0.05, deadline - time.monotonic()),
                                  return_when="FIRST_COMPLETED")
                except TimeoutError:
                    pass
                now = time.monotonic()
                for future, (task, started) in list(pending.items()):
                    if future.done():
                        payload = self._result(future, task)
                    elif now - started > self.timeout:
                        future.cancel()
                        payload = timeout_payload(task, self.timeout, now - started)
                    else:
                        continue
                    del pending[future]
                    yield task, payload
        finally:
            for future in pending:
                future.cancel()
            self.client.close()

    @staticmethod
    def _result(future, task: Task) -> dict[str, Any]:
        try:
            return future.result()
        except Exception as e:  # noqa: BLE001 - a lost worker or task error fails one document
            return {**failed_payload(Reason.INTERNAL, f"{task.name}: failed on the cluster ({type(e).__name__}: {e})"),
                    "retry": True}


def _importable(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def make_executor(kind: str, workers: int, timeout: float, scheduler: str | None = None,
                  send_bytes: bool = False):
    if kind == "dask":
        if not scheduler:
            raise ValueError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
        return DaskExecutor(scheduler, timeout, send_bytes)
    return LocalExecutor(workers or os.cpu_count() or 1, timeout)
