"""The per-source work as tasks on a Dask distributed cluster (``batch --scheduler``).

The only module that imports dask and distributed (the optional extra
``heardline[dask]``). The calling process keeps the lock, the state database and
the feed: it reads each article, sends it to the cluster as one task, and commits
what comes back exactly as it commits a local result. A worker converts into a
scratch folder of its own and returns the finished files' bytes, so no shared
filesystem is needed; with ``shared_output`` the workers see OUT and convert
straight into the caller's scratch folder under it.

A worker lost mid-task (killed, out of memory) has its task run again on another
worker, as often as the scheduler's ``distributed.scheduler.allowed-failures``
allows; a task that raises is retried ``retries`` times; after that the source is
recorded as failed, like any other failure.
"""

from __future__ import annotations

import logging
import multiprocessing
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..atomic import write_bytes
from ..errors import HeardlineError, SchedulerUnreachable, UsageError
from ..images import images_beside
from ..read import read_source
from .work import SourceResult, SourceTask, convert_source

try:
    from distributed import Client, Future, as_completed
except ImportError as exc:  # pragma: no cover - make test installs the extra
    raise UsageError("a Dask scheduler needs the Dask extra: pip install 'heardline[dask]'") from exc

__all__ = ["DaskExecutor", "convert_on_worker"]

# a worker process started as a daemon cannot start the speech engine's processes
_DAEMON = "the Dask worker runs as a daemon process, which cannot start the speech engine: start it with DASK_DISTRIBUTED__WORKER__DAEMON=False"


def _quiet_logging() -> None:
    """distributed logs every connection, retry and restart; the batch reports what matters itself."""
    for name in ("distributed", "tornado"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def convert_on_worker(task: SourceTask, shared_output: bool, images: dict[str, bytes]) -> SourceResult:
    """Run on a worker: one source converted, with its files' bytes unless the caller sees them.
    ``images`` are those next to a local page, by their path beside it."""
    if task.options.audio.enabled and multiprocessing.current_process().daemon:
        return SourceResult(task.source_id, error=_DAEMON)
    with tempfile.TemporaryDirectory(prefix="heardline-") as scratch:
        here = _with_images(task, images, Path(scratch) / "page")
        if shared_output:
            return convert_source(here)
        here = replace(here, options=replace(here.options, out_dir=Path(scratch) / "out"), seed=None, return_files=True)
        return replace(convert_source(here), folder=None)


def _with_images(task: SourceTask, images: dict[str, bytes], folder: Path) -> SourceTask:
    """The task's page finding its images in ``folder``, where they are written first."""
    if not images or task.page is None:
        return task
    for name, data in images.items():
        write_bytes(folder / name, data)
    return replace(task, page=replace(task.page, base_dir=folder))


def _portable(task: SourceTask) -> tuple[SourceTask, dict[str, bytes]]:
    """The task with its page read here, and the images next to a local page: a worker
    may not see the caller's files."""
    page = task.page if task.page is not None else read_source(task.source_id, task.options.read)
    images = images_beside(page.html, page.base_dir) if page.base_dir is not None else {}
    return replace(task, page=page), images


class DaskExecutor:
    """Each source one task on the cluster at ``address``; results yielded as they finish."""

    def __init__(self, address: str, *, shared_output: bool = False, retries: int = 2, connect_timeout: float = 10.0) -> None:
        self.shared_output = shared_output
        self.retries = retries
        self.futures: list[Future[SourceResult]] = []
        _quiet_logging()
        try:
            self.client = Client(address, timeout=connect_timeout, set_as_default=False)
        except (OSError, ValueError) as exc:
            raise SchedulerUnreachable(f"{address}: the Dask scheduler cannot be reached ({exc})") from exc

    @property
    def dashboard(self) -> str:
        """The address of the cluster's dashboard."""
        return str(self.client.dashboard_link)

    def run(self, tasks: Iterable[SourceTask]) -> Iterator[SourceResult]:
        by_key: dict[str, SourceTask] = {}
        failed: list[SourceResult] = []
        for task in tasks:
            try:
                shipped, images = _portable(task)
            except (HeardlineError, OSError) as exc:
                failed.append(SourceResult(task.source_id, error=str(exc)))
                continue
            key = f"heardline-convert-{uuid.uuid4().hex}"
            by_key[key] = task
            future = self.client.submit(convert_on_worker, shipped, self.shared_output, images, key=key, pure=False, retries=self.retries)
            self.futures.append(future)
        yield from failed
        for future in as_completed(self.futures, loop=self.client.loop):
            try:
                result = future.result()
            except Exception as exc:  # a worker lost too often (KilledWorker), or a crash outside the conversion
                result = SourceResult(by_key[future.key].source_id, error=f"failed on the Dask cluster: {type(exc).__name__}: {exc}")
            future.release()
            yield result
        self.futures.clear()

    def close(self) -> None:
        """Unfinished tasks cancelled and the connection closed (once); the cluster runs on."""
        if self.futures:
            self.client.cancel(self.futures)
            self.futures.clear()
        if self.client.status != "closed":
            self.client.close()
