"""Where the per-source work runs: in this process, or on a pool of worker processes
(``--jobs N``). An executor takes tasks and yields their results as they finish;
the caller alone commits outputs and records state, whichever executor ran them."""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from .work import SourceResult, SourceTask, convert_source

__all__ = ["Executor", "InlineExecutor", "PoolExecutor"]


class Executor(Protocol):
    def run(self, tasks: Iterable[SourceTask]) -> Iterator[SourceResult]:
        """Each task's result, in the order they finish."""
        ...

    def close(self) -> None:
        """Stop at once; unfinished tasks are abandoned (their scratch folders with them)."""
        ...


class InlineExecutor:
    """One source after another, in this process."""

    def run(self, tasks: Iterable[SourceTask]) -> Iterator[SourceResult]:
        for task in tasks:
            yield convert_source(task)

    def close(self) -> None:
        pass


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: the caller decides, the workers go on until told
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class PoolExecutor:
    """``jobs`` sources at a time, each in a worker process. When a worker dies (killed,
    crashed) the pool is started again and its sources are tried once more."""

    TRIES = 2

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_ignore_interrupts)

    def run(self, tasks: Iterable[SourceTask]) -> Iterator[SourceResult]:
        queue = [(task, 0) for task in tasks]
        queue.reverse()
        running: dict[Future[SourceResult], tuple[SourceTask, int, ProcessPoolExecutor]] = {}
        while queue or running:
            while queue and len(running) < self.jobs:
                task, tries = queue.pop()
                running[self.pool.submit(convert_source, task)] = (task, tries + 1, self.pool)
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                task, tries, pool = running.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    if pool is self.pool:
                        self.close()
                        self.pool = self._start()
                    if tries < self.TRIES:
                        queue.append((task, tries))
                    else:
                        yield SourceResult(task.source_id, error=f"the worker process converting it died {tries} times")

    def close(self) -> None:
        for process in list((self.pool._processes or {}).values()):  # the pool has no public way to stop running work
            process.kill()
        self.pool.shutdown(wait=True, cancel_futures=True)
