"""One run per output folder: an exclusive ``flock`` on ``OUT/.docket.lock``.

The kernel drops the lock when the holder dies, however it dies, so a killed run never
leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path

from ..errors import DocketError
from ..outputs import Layout


class FolderLockedError(DocketError):
    pass


class OutputLock:
    def __init__(self, out_dir: str | Path, wait: bool = False, on_wait: Callable[[str], None] | None = None):
        self.out_dir = Path(out_dir)
        self.path = Layout(self.out_dir).lock
        self.wait = wait
        self.on_wait = on_wait
        self._fd: int | None = None

    def __enter__(self) -> OutputLock:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if not self.wait:
                os.close(fd)
                raise FolderLockedError(
                    f"{self.out_dir} is in use by another docket run{holder}. "
                    "Wait for it to finish, use --wait to queue behind it, or choose another -o folder."
                ) from None
            if self.on_wait:
                self.on_wait(f"waiting for another docket run{holder} to finish with {self.out_dir}...")
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except BaseException:
                os.close(fd)
                raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode().strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""
