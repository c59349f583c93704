"""Where tasks run: a local pool of worker processes (default) or a Dask cluster.

Both take an iterator of ``Task`` and yield ``(task, payload)`` as tasks finish, pulling new
tasks only when a worker is free, so nothing holds the whole batch. A task running longer
than ``timeout`` seconds, or whose worker dies, yields a failed payload instead.
"""

from __future__ import annotations

import importlib.util
import multiprocessing as mp
import os
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Any

from ..models import Reason
from .tasks import failed_payload, run_document, run_document_bytes

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
    payload = failed_payload(
        Reason.TIMEOUT,
        f"{task.name}: took longer than the {timeout:g} s limit per document "
        "and was stopped; raise it with --timeout",
        seconds,
    )
    return {**payload, "retry": True}


READY = "ready"
STARTUP_LIMIT = 300.0  # seconds a new worker may take to import and warm up


def _worker_main(conn, warmup) -> None:
    # Ctrl-C reaches every process of the terminal's group: the runner answers it (one line,
    # exit 130) and stops the workers, so a worker ignores it rather than print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if warmup is not None:
        fn, args = warmup
        try:
            fn(*args)  # load models before the clock of the first document starts
        except Exception:  # noqa: BLE001, S110 - the first task will report the real error
            pass
    try:
        conn.send(READY)
    except (BrokenPipeError, OSError):
        return
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
    def __init__(self, ctx, warmup):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, warmup), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.task: Task | None = None
        self.started = time.monotonic()

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
    """``workers`` processes, started as tasks arrive; a stuck or dead worker is killed and replaced.

    ``warmup`` (a picklable ``(fn, args)``) runs once in each new worker before it takes tasks,
    so loading spaCy does not count against the first document's time limit.
    """

    def __init__(self, workers: int, timeout: float, warmup: tuple | None = None):
        self.workers = max(1, workers)
        self.timeout = timeout
        self.warmup = warmup
        self.ctx = mp.get_context("forkserver")
        self.ctx.set_forkserver_preload([m for m in PRELOAD if _importable(m)])

    def run(self, tasks: Iterator[Task]) -> Iterator[tuple[Task, dict[str, Any]]]:
        pool: list[_Worker] = []
        self._queued: Task | None = None
        self._exhausted = False
        try:
            while True:
                self._dispatch(pool, tasks)
                active = [w for w in pool if w.task is not None or not w.ready]
                if not active:
                    if self._queued is None and self._exhausted:
                        return
                    continue
                finished = list(self._collect(pool, active))
                # the freed workers get their next document before the runner writes these
                # results, so they do not wait on the catalog and output files
                self._dispatch(pool, tasks)
                yield from finished
        finally:
            for worker in pool:
                if worker.task is not None or not worker.ready:
                    worker.kill()
                else:
                    worker.stop()

    def _dispatch(self, pool: list[_Worker], tasks: Iterator[Task]) -> None:
        """Send queued tasks to idle workers; start workers (up to ``workers``) while tasks wait."""
        if self._queued is None and not self._exhausted:
            self._queued = next(tasks, None)
            self._exhausted = self._queued is None
        idle = [w for w in pool if w.ready and w.task is None]
        while self._queued is not None and idle:
            worker = idle.pop()
            worker.task, worker.started = self._queued, time.monotonic()
            worker.conn.send((self._queued.fn, self._queued.args))
            self._queued = next(tasks, None)
            self._exhausted = self._queued is None
        while self._queued is not None and not idle and len(pool) < self.workers:
            pool.append(_Worker(self.ctx, self.warmup))

    def _collect(self, pool: list[_Worker], active: list[_Worker]) -> Iterator[tuple[Task, dict[str, Any]]]:
        limits = [w.started + (self.timeout if w.ready else STARTUP_LIMIT) for w in active]
        ready = set(
            wait(
                [w.conn for w in active] + [w.proc.sentinel for w in active],
                timeout=max(0.0, min(min(limits) - time.monotonic(), 1.0)),
            )
        )
        now = time.monotonic()
        for worker in active:
            message, alive = None, True
            if worker.conn in ready or worker.proc.sentinel in ready:
                try:
                    message = worker.conn.recv() if worker.conn.poll() else None
                except (EOFError, OSError):
                    message = None
                alive = message is not None
            elif now - worker.started <= (self.timeout if worker.ready else STARTUP_LIMIT):
                continue
            if not worker.ready:
                if message == READY:
                    worker.ready = True
                    continue
                worker.kill()
                pool.remove(worker)
                raise RuntimeError(
                    "a worker process could not start (see the messages above); "
                    "try --workers 1 or check the installation"
                )
            task, elapsed = worker.task, now - worker.started
            assert task is not None  # a started worker holds the task it was given
            if message is None and alive:
                payload = timeout_payload(task, self.timeout, elapsed)
            elif message is None:
                worker.proc.join(1)
                payload = {
                    **failed_payload(
                        Reason.INTERNAL,
                        f"{task.name}: the worker process died while reading it (exit code "
                        f"{worker.proc.exitcode}; out of memory or a crash in a parser library)",
                        elapsed,
                    ),
                    "retry": True,
                }
            else:
                payload = message
            worker.task = None
            if message is None:
                worker.kill()
                pool.remove(worker)
            yield task, payload


class DaskExecutor:
    """The same tasks on a Dask cluster; ``send_bytes`` ships file contents instead of paths.

    Dask cannot stop a running task, so past ``timeout`` the document is recorded as failed and
    its future cancelled; the worker thread finishes it in the background.
    """

    def __init__(self, scheduler: str, timeout: float, send_bytes: bool = False):
        from distributed import Client  # start-up: Dask loads only for --scheduler

        self.client = Client(scheduler, set_as_default=False)
        self.timeout = timeout
        self.send_bytes = send_bytes

    def run(self, tasks: Iterator[Task]) -> Iterator[tuple[Task, dict[str, Any]]]:
        from distributed import wait as dask_wait  # start-up: Dask loads only for --scheduler

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
                    if self.send_bytes and fn is run_document and os.path.isfile(args[0]):
                        with open(args[0], "rb") as fh:
                            fn, args = (
                                run_document_bytes,
                                (fh.read(), os.path.splitext(args[0])[1], *args[1:]),
                            )
                    future = self.client.submit(fn, *args, pure=False)
                    pending[future] = (task, time.monotonic())
                if not pending:
                    return
                deadline = min(t for _, t in pending.values()) + self.timeout
                try:
                    with self.client.as_current():
                        dask_wait(
                            list(pending),
                            timeout=max(0.05, deadline - time.monotonic()),
                            return_when="FIRST_COMPLETED",
                        )
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
            return {
                **failed_payload(
                    Reason.INTERNAL, f"{task.name}: failed on the cluster ({type(e).__name__}: {e})"
                ),
                "retry": True,
            }


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def make_executor(
    kind: str,
    workers: int,
    timeout: float,
    scheduler: str | None = None,
    send_bytes: bool = False,
    warmup: tuple | None = None,
):
    if kind == "dask":
        if not scheduler:
            raise ValueError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
        return DaskExecutor(scheduler, timeout, send_bytes)
    return LocalExecutor(workers or os.cpu_count() or 1, timeout, warmup)
