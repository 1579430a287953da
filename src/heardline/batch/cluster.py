"""The per-source work as tasks on a Dask cluster (``--scheduler tcp://HOST:PORT``).

The caller keeps the lock, the state and the feed; workers only run
:func:`~heardline.batch.work.convert_source_elsewhere` on the article sent with the
task and send the finished files back (or, with ``shared_output``, convert into the
caller's scratch folder under OUT, which they see). A worker lost mid-task has its
task run again elsewhere by the scheduler (``distributed.scheduler.allowed-failures``
times). dask.distributed is used here and nowhere else; it is the optional extra
``heardline[dask]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from ..errors import ClusterUnavailable, HeardlineError, SourceError, UsageError
from ..read import read_source
from .work import SourceResult, SourceTask, convert_source, convert_source_elsewhere

__all__ = ["ClusterExecutor"]


class ClusterExecutor:
    """Sources converted on the workers of a Dask scheduler; results in the order they finish."""

    def __init__(self, address: str, shared_output: bool = False, connect_timeout: float = 10.0) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise UsageError("a Dask scheduler needs the dask extra: pip install 'heardline[dask]'") from exc
        self.shared_output = shared_output
        self.futures: dict[Any, SourceTask] = {}
        try:
            self.client = Client(address, timeout=connect_timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ClusterUnavailable(f"{address}: the Dask scheduler cannot be reached ({reason})") from exc
        self.dashboard = str(self.client.dashboard_link or "")

    def _ready(self, task: SourceTask) -> SourceTask:
        """A task a worker can run: with the article's page when it would otherwise read a path here."""
        if task.page is not None or self.shared_output:
            return task
        page = read_source(task.source_id, task.options.read)
        return replace(task, page=replace(page, base_dir=None), seed=None)

    def run(self, tasks: Iterable[SourceTask]) -> Iterator[SourceResult]:
        from distributed import as_completed

        work = convert_source if self.shared_output else convert_source_elsewhere
        for task in tasks:
            try:
                ready = self._ready(task)
            except HeardlineError as exc:
                yield SourceResult(task.source_id, error=exc.reason if isinstance(exc, SourceError) else str(exc))
                continue
            self.futures[self.client.submit(work, ready, pure=False)] = task
        for future in as_completed(list(self.futures), loop=self.client.loop):
            task = self.futures.pop(future)
            try:
                yield future.result()
            except Exception as exc:  # the task's own failures come back as results; this is the cluster's
                yield SourceResult(task.source_id, error=f"failed on the cluster: {type(exc).__name__}: {exc}")

    def close(self) -> None:
        for future in self.futures:
            future.cancel()
        self.futures.clear()
        self.client.close()
