"""The batch lock: an exclusive ``flock`` on ``OUT/.heardline/lock``. The kernel lets
go of it when the holder ends, however it ends, so a killed run never blocks the next."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from ..errors import LockHeld, OutputError

__all__ = ["BatchLock"]


class BatchLock:
    """Held for the life of the ``with`` block; :class:`LockHeld` at once when another run has it."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "lock"
        self.fd = -1

    def __enter__(self) -> BatchLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot be created ({exc.strerror or exc})") from exc
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            holder = os.pread(self.fd, 64, 0).decode("ascii", "replace").strip()
            os.close(self.fd)
            who = f" (pid {holder})" if holder else ""
            raise LockHeld(f"{self.path.parent.parent}: another batch run holds the lock{who}; try again later") from exc
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, f"{os.getpid()}\n".encode("ascii"), 0)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        os.close(self.fd)
