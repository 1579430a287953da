"""The per-source work as tasks on a Dask cluster (``--scheduler tcp://HOST:PORT``).

The caller keeps the lock, the state and the feed; it reads each article (and the
images next to a local one) and sends it as one task. Workers run
:func:`~heardline.batch.work.convert_source_elsewhere` and send the finished files
back (or, with ``shared_output``, convert into the caller's scratch folder under OUT,
which they see). A worker lost mid-task has its task run again elsewhere by the
scheduler (``distributed.scheduler.allowed-failures`` times); a task that raises is
retried ``retries`` times; then the source is recorded as failed, like any failure.
dask.distributed is used here and nowhere else; it is the optional extra
``heardline[dask]``.
"""

from __future__ import annotations

import logging
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..atomic import write_bytes
from ..errors import ClusterUnavailable, HeardlineError, SourceError, UsageError
from ..images import images_beside
from ..read import read_source
from .work import SourceResult, SourceTask, convert_source, convert_source_elsewhere

__all__ = ["ClusterExecutor", "convert_on_worker"]


def convert_on_worker(task: SourceTask, images: dict[str, bytes], shared_output: bool) -> SourceResult:
    """Run on a worker: the source converted, its page finding ``images`` (those next to
    a local page, by their path beside it) in a folder of the worker's own."""
    convert = convert_source if shared_output else convert_source_elsewhere
    if not images or task.page is None:
        return convert(task)
    with tempfile.TemporaryDirectory(prefix="heardline-page-") as beside:
        for name, data in images.items():
            write_bytes(Path(beside) / name, data)
        return convert(replace(task, page=replace(task.page, base_dir=Path(beside))))


def _quiet_logging() -> None:
    """distributed logs every connection, retry and worker restart; the batch reports what matters itself."""
    for name in ("distributed", "tornado"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


class ClusterExecutor:
    """Sources converted on the workers of a Dask scheduler; results in the order they finish."""

    def __init__(self, address: str, shared_output: bool = False, connect_timeout: float = 10.0, retries: int = 2) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise UsageError("a Dask scheduler needs the dask extra: pip install 'heardline[dask]'") from exc
        _quiet_logging()
        self.shared_output = shared_output
        self.retries = retries
        self.futures: dict[Any, SourceTask] = {}
        try:
            self.client = Client(address, timeout=connect_timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ClusterUnavailable(f"{address}: the Dask scheduler cannot be reached ({reason})") from exc
        self.dashboard = str(self.client.dashboard_link or "")

    def _ready(self, task: SourceTask) -> tuple[SourceTask, dict[str, bytes]]:
        """A task a worker can run: with the article's page (read here when it is a path,
        as the worker may not see it) and the images next to it."""
        page = task.page if task.page is not None else read_source(task.source_id, task.options.read)
        images = images_beside(page.html, page.base_dir) if page.base_dir is not None else {}
        return replace(task, page=page), images

    def run(self, tasks: Iterable[SourceTask]) -> Iterator[SourceResult]:
        from distributed import as_completed

        for task in tasks:
            try:
                ready, images = self._ready(task)
            except (HeardlineError, OSError) as exc:
                yield SourceResult(task.source_id, error=exc.reason if isinstance(exc, SourceError) else str(exc))
                continue
            key = f"heardline-convert-{uuid.uuid4().hex}"
            future = self.client.submit(convert_on_worker, ready, images, self.shared_output, key=key, pure=False, retries=self.retries)
            self.futures[future] = task
        for future in as_completed(list(self.futures), loop=self.client.loop):
            task = self.futures.pop(future)
            try:
                yield future.result()
            except Exception as exc:  # the task's own failures come back as results; this is the cluster's
                yield SourceResult(task.source_id, error=f"failed on the cluster: {type(exc).__name__}: {exc}")
            finally:
                future.release()

    def close(self) -> None:
        for future in self.futures:
            future.cancel()
        self.futures.clear()
        self.client.close()
