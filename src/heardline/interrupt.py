"""Interruptions: SIGTERM and SIGINT stop the run cleanly.

While :func:`handle_signals` is active, either signal kills this process's
children (speech workers, ffmpeg), marks the run as stopping (so no queued
write starts: see :mod:`heardline.atomic`) and raises :class:`Interrupted` in the
main thread; the context managers that unwind then remove temporary files.
Child processes are started with :func:`die_with_parent`, so even a ``kill -9``
of heardline leaves no ffmpeg writing on.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from types import FrameType

from .errors import Interrupted, StageTimeout

__all__ = ["STOPPING", "handle_signals", "shielded", "stop_children", "die_with_parent", "check", "deadline"]

#: set once a run was told to stop; long loops and queued work look at it
STOPPING = threading.Event()
# how many handle_signals blocks are open (the outermost one starts a run afresh)
_handling = 0
_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def check() -> None:
    """Raise :class:`Interrupted` when the run was told to stop."""
    if STOPPING.is_set():
        raise Interrupted("interrupted")


def children() -> list[int]:
    """Process ids of this process's children (Linux ``/proc``; elsewhere none are known)."""
    me = os.getpid()
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # the command name is in parentheses and may hold spaces: the fields follow the last ')'
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 1 and fields[1] == str(me):
            found.append(int(stat.parent.name))
    return found


def stop_children() -> None:
    """Kill every child process (they hold no state worth keeping: a run is all or nothing),
    but multiprocessing's resource tracker, which ends by itself and cleans up after the others."""
    for pid in children():
        with contextlib.suppress(OSError):
            if b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                os.kill(pid, signal.SIGKILL)


# how many shielded blocks the main thread is in
_shields = 0


def _on_signal(signum: int, frame: FrameType | None) -> None:
    if STOPPING.is_set():
        return  # already unwinding
    STOPPING.set()
    stop_children()
    if _shields == 0:
        raise Interrupted("interrupted")


@contextlib.contextmanager
def shielded() -> Iterator[None]:
    """A block that a signal does not cut short (a batch commit: folders renamed into place
    and recorded); :class:`Interrupted` is raised when it ends instead."""
    global _shields
    _shields += 1
    try:
        yield
    finally:
        _shields -= 1
    if _shields == 0 and STOPPING.is_set():
        raise Interrupted("interrupted")


@contextlib.contextmanager
def handle_signals() -> Iterator[None]:
    """SIGTERM and SIGINT raise :class:`Interrupted` inside the block (main thread only)."""
    global _handling
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if _handling == 0:
        STOPPING.clear()  # a new run in this process: an earlier run's stop is over
    previous = {sig: signal.signal(sig, _on_signal) for sig in _SIGNALS}
    _handling += 1
    try:
        yield
    finally:
        _handling -= 1
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if STOPPING.is_set():
            stop_children()


@lru_cache(maxsize=1)
def _setpriv() -> str | None:
    """util-linux's setpriv when it can start a program with a parent-death signal
    (Linux; BusyBox's and those before util-linux 2.33 cannot): tried once."""
    found = shutil.which("setpriv") if sys.platform.startswith("linux") else None
    if found is None:
        return None
    try:
        probe = subprocess.run([found, "--pdeathsig", "KILL", "--", "true"], capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return found if probe.returncode == 0 else None


@contextlib.contextmanager
def deadline(source: str, stage: str, seconds: float) -> Iterator[None]:
    """Raise :class:`StageTimeout` naming ``source`` and ``stage`` when the block runs longer than ``seconds``
    (a real-time alarm; in the main thread only, elsewhere the block runs unbounded)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise StageTimeout(source, f"{stage} took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def die_with_parent(command: list[str]) -> list[str]:
    """``command`` so that the program is killed when heardline dies, even by ``kill -9``:
    on Linux started through util-linux's ``setpriv --pdeathsig`` (``PR_SET_PDEATHSIG``,
    kept across the exec); unchanged where that cannot be done (then a program still
    ends when its pipes close). No code runs between fork and exec, which is not
    safe with threads (the encoders are started from several).

    The signal comes when the *thread* that started the program ends, not only the
    process: start a program that should outlive the call from a thread that lives
    as long as heardline."""
    setpriv = _setpriv()
    if setpriv is None:
        return command
    return [setpriv, "--pdeathsig", "KILL", "--", *command]
