"""Worker processes that run a speech engine, so a hang cannot freeze a conversion.

Each worker is a ``spawn``ed process holding one engine; the parent sends it one
utterance at a time and waits at most ``timeout`` seconds. A worker that does
not answer is killed and started again, and the utterance is tried once more;
an engine error is handled the same way. A second hang raises
:class:`~heardline.errors.EngineTimeout` naming the segment, a second
engine error :class:`~heardline.errors.SpeechError`.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from .. import interrupt
from ..errors import EngineTimeout, SpeechError
from .engine import DEFAULT_ENGINE, EngineSpec, Voice, as_spec

__all__ = ["Job", "EnginePool"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """One utterance to synthesise into ``path``; ``key`` names it in errors (a segment id)."""

    key: str
    text: str
    voice: str
    rate: int
    volume: float
    path: str


def _worker_main(conn: Connection, engine_path: str | EngineSpec) -> None:
    # Ctrl-C reaches the whole process group: the parent stops the workers, quietly
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # engines may print (pyttsx3's espeak driver does): keep the parent's stdout clean
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    from pathlib import Path

    try:
        engine = as_spec(engine_path).build()
        conn.send(("hello", engine.signature, engine.voices()))
    except Exception as exc:  # report and quit: the parent turns it into a SpeechError
        conn.send(("fail", f"{type(exc).__name__}: {exc}"))
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            engine.synthesize(job.text, job.voice, job.rate, job.volume, Path(job.path))
            conn.send(("ok", job.key))
        except Exception as exc:
            conn.send(("error", job.key, f"{type(exc).__name__}: {exc}"))


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """A spawned process imports its parent's main module first — for the CLI, the
    whole pipeline (seconds and tens of megabytes per worker) — unless it cannot
    tell which it is. A worker needs none of it: hide it while the process starts."""
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    spec, path = getattr(main, "__spec__", None), main.__dict__.pop("__file__", None)
    main.__spec__ = None
    try:
        yield
    finally:
        main.__spec__ = spec
        if path is not None:
            main.__file__ = path


class _Hang(Exception):
    pass


class _Worker:
    def __init__(self, engine: str | EngineSpec, start_timeout: float) -> None:
        self.engine = engine
        self.start_timeout = start_timeout
        self.process: Any = None
        self.conn: Connection | None = None
        self.hello: tuple[str, list[Voice]] = ("", [])

    def start(self) -> None:
        self.launch()
        self.wait_ready()

    def launch(self) -> None:
        """Start the process; :meth:`wait_ready` waits for its engine (so several start at once)."""
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, self.engine), daemon=True, name="heardline-speech")
        with _main_module_hidden():
            self.process.start()
        child.close()
        self.conn = parent

    def wait_ready(self) -> None:
        parent = self._connection()
        if not parent.poll(self.start_timeout):
            self.kill()
            raise EngineTimeout(f"the speech engine did not start within {self.start_timeout:g} s")
        try:
            message = parent.recv()
        except EOFError as exc:
            self.kill()
            raise SpeechError("the speech engine worker died while starting") from exc
        if message[0] != "hello":
            self.kill()
            hint = " (is espeak-ng installed? apt-get install espeak-ng)" if "espeak" in message[1].lower() else ""
            raise SpeechError(f"the speech engine could not start: {message[1]}{hint}")
        self.hello = (message[1], message[2])

    def _connection(self) -> Connection:
        if self.conn is None:
            raise RuntimeError("the speech worker was used before it was started")
        return self.conn

    def call(self, job: Job, timeout: float) -> tuple[Any, ...]:
        conn = self._connection()
        try:
            conn.send(job)
            if not conn.poll(timeout):
                raise _Hang()
            return tuple(conn.recv())
        except (EOFError, OSError, BrokenPipeError) as exc:
            raise _Hang() from exc

    def kill(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.kill()
        if self.process is not None:
            self.process.join(5)
        if self.conn is not None:
            self.conn.close()
        self.process, self.conn = None, None

    def ask_to_stop(self) -> None:
        if self.conn is not None and self.process is not None and self.process.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(None)

    def stop(self) -> None:
        """Wait a little for the worker to finish after :meth:`ask_to_stop`, then end it."""
        if self.process is not None:
            self.process.join(2)
        self.kill()


class EnginePool:
    """``jobs`` engine workers; use as a context manager.

    >>> EnginePool(jobs=0)
    Traceback (most recent call last):
    ...
    ValueError: jobs must be at least 1
    """

    def __init__(self, engine: str | EngineSpec = DEFAULT_ENGINE, jobs: int = 1, timeout: float = 30.0, start_timeout: float = 60.0) -> None:
        if jobs < 1:
            raise ValueError("jobs must be at least 1")
        self.engine = engine
        self.timeout = timeout
        self.restarts = 0
        self._workers = [_Worker(engine, start_timeout) for _ in range(jobs)]
        self._started = 0

    def __enter__(self) -> EnginePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def launch(self) -> None:
        """Start every worker's process without waiting: their engines load while
        the caller does other work (a worker never needed is stopped by :meth:`close`)."""
        for worker in self._workers:
            if worker.process is None:
                worker.launch()

    def _ensure(self, count: int) -> None:
        wanted = self._workers[self._started : min(count, len(self._workers))]
        for worker in wanted:
            if worker.process is None:
                worker.launch()
        for worker in wanted:
            worker.wait_ready()
            self._started += 1

    @property
    def signature(self) -> str:
        self._ensure(1)
        return self._workers[0].hello[0]

    def voices(self) -> list[Voice]:
        self._ensure(1)
        return list(self._workers[0].hello[1])

    def run(self, jobs: Iterable[Job], done: Callable[[Job], None] | None = None) -> None:
        """Synthesise every job, spread over the workers; ``done`` is called after each one."""
        todo: queue.Queue[Job] = queue.Queue()
        for job in jobs:
            todo.put(job)
        if todo.empty():
            return
        self._ensure(min(todo.qsize(), len(self._workers)))
        errors: list[Exception] = []
        lock = threading.Lock()

        def serve(worker: _Worker) -> None:
            while not errors:
                try:
                    job = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    self._one(worker, job)
                except Exception as exc:
                    errors.append(exc)
                    return
                if done is not None:
                    with lock:
                        done(job)

        threads = [threading.Thread(target=serve, args=(w,), daemon=True) for w in self._workers[: self._started]]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise errors[0]

    def _one(self, worker: _Worker, job: Job) -> None:
        """One job; a hung or failing worker is restarted and the job tried once more."""
        failure = ""
        for attempt in (1, 2):
            try:
                reply = worker.call(job, self.timeout)
            except _Hang:
                interrupt.check()  # the workers were stopped on purpose: no restart
                log.warning("speech worker hung on segment %s (attempt %d); restarting it", job.key, attempt)
                failure = "hang"
            else:
                if reply[0] == "ok":
                    return
                log.warning("speech engine failed on segment %s (attempt %d): %s; restarting it", job.key, attempt, reply[2])
                failure = reply[2]
            worker.kill()
            worker.start()
            self.restarts += 1
        if failure == "hang":
            raise EngineTimeout(f"segment {job.key}: the speech engine hung twice (timeout {self.timeout:g} s) on {job.text[:60]!r}")
        raise SpeechError(f"segment {job.key}: the speech engine failed on {job.text[:60]!r}: {failure}")

    def close(self) -> None:
        # all asked first, so they wind down together; launched ones never used are ended too
        for worker in self._workers:
            worker.ask_to_stop()
        for worker in self._workers:
            worker.stop()
        self._started = 0
