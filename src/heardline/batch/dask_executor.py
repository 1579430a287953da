"""The per-source work as tasks on a Dask distributed cluster (``batch --scheduler``).

The only module that imports dask and distributed (the optional extra
``heardline[dask]``). The calling process keeps the lock, the state database and
the feed; a worker converts one source into a scratch folder of its own and sends
the finished files back, which land in the caller's scratch folder, so to the
batch a result from the cluster looks exactly like one made on this machine.
With ``shared_output`` the workers see OUT and convert straight into the caller's
scratch folder under it.

A worker lost mid-task has its task run again elsewhere, up to the scheduler's
``distributed.scheduler.allowed-failures``; a task that raises is retried
``retries`` times; after that the source is recorded as failed.
"""

from __future__ import annotations

import logging
import multiprocessing
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..atomic import write_bytes
from ..errors import SchedulerUnreachable, UsageError
from .work import SourceResult, SourceTask, convert_source

try:
    from distributed import Client, Future, as_completed
except ImportError as exc:  # pragma: no cover - the extra is installed by make test
    raise UsageError("--scheduler needs the Dask extra: pip install 'heardline[dask]'") from exc

__all__ = ["DaskExecutor", "quiet_dask_logging"]

# a worker process started as a daemon cannot start the speech engine's processes
_DAEMON_HINT = (
    "the Dask worker runs as a daemon process and cannot start the speech engine; "
    "start it with DASK_DISTRIBUTED__WORKER__DAEMON=False"
)


def quiet_dask_logging() -> None:
    """distributed logs every connection and restart; the batch reports what matters itself."""
    for name in ("distributed", "tornado", "bokeh"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def convert_on_worker(task: SourceTask, shared_output: bool) -> SourceResult:
    """Run on a worker: the source converted, with its files' bytes unless the caller sees them."""
    if task.options.audio.enabled and multiprocessing.current_process().daemon:
        return SourceResult(task.source_id, error=_DAEMON_HINT)
    if shared_output:
        return convert_source(task)
    with tempfile.TemporaryDirectory(prefix="heardline-") as scratch:
        local = replace(task, options=replace(task.options, out_dir=Path(scratch)), seed=None, return_files=True)
        return replace(convert_source(local), folder=None)


def _land(task: SourceTask, result: SourceResult) -> SourceResult:
    """The files a worker sent back, written into the caller's scratch folder for the source."""
    if not result.ok or not result.payload:
        return result
    started = time.perf_counter()
    folder = task.options.out_dir / result.slug
    for name, data in result.payload:
        write_bytes(folder / name, data)
    seconds = {**result.seconds, "transfer": round(time.perf_counter() - started, 3)}
    return replace(result, folder=folder, payload=(), seconds=seconds)


class DaskExecutor:
    """Each source one task on the cluster at ``address``; results yielded as they finish."""

    def __init__(self, address: str, *, shared_output: bool = False, retries: int = 2, connect_timeout: float = 10.0) -> None:
        self.address = address
        self.shared_output = shared_output
        self.retries = retries
        self.futures: list[Future] = []
        quiet_dask_logging()
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
        for task in tasks:
            key = f"heardline-convert-{uuid.uuid4().hex}"
            by_key[key] = task
            future = self.client.submit(convert_on_worker, task, self.shared_output, key=key, pure=False, retries=self.retries)
            self.futures.append(future)
        for future in as_completed(self.futures):
            task = by_key[future.key]
            try:
                result = _land(task, future.result())
            except Exception as exc:  # a worker lost too often (KilledWorker) or a crash: that source's failure
                result = SourceResult(task.source_id, error=f"failed on the Dask cluster: {type(exc).__name__}: {exc}")
            finally:
                future.release()
            yield result
        self.futures.clear()

    def close(self) -> None:
        """Unfinished tasks cancelled, the connection closed; the cluster itself runs on."""
        if self.futures:
            self.client.cancel(self.futures)
            self.futures.clear()
        self.client.close()
