"""The work of one source, as one picklable function: an article (a path, or a page
already read) and its options in, a finished output folder in a scratch place out.

It touches nothing under OUT but its own scratch folder, so it can run in this
process, in a worker process, or on another machine; the caller alone moves the
folder into OUT and records the state.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import interrupt
from ..atomic import BuildState
from ..convert import Options, convert
from ..errors import HeardlineError, Interrupted, SourceError
from ..read import Page

__all__ = ["SourceTask", "SourceResult", "convert_source", "convert_source_elsewhere"]


@dataclass(frozen=True)
class SourceTask:
    """What one conversion needs."""

    source_id: str
    # the article already read (URLs, feed entries); None: read ``source_id``, a path
    page: Page | None
    # the conversion's options; ``out_dir`` is the scratch folder the result is made in
    options: Options
    # the source's previous output folder: linked into scratch so unchanged files are not made again
    seed: Path | None = None


@dataclass(frozen=True)
class SourceResult:
    """What one conversion made, or why it failed."""

    source_id: str
    error: str = ""
    slug: str = ""
    # the finished folder (in scratch), when the caller can see it
    folder: Path | None = None
    # files of the folder, relative to it
    files: tuple[str, ...] = ()
    # (relative name, bytes) of every file, from a worker that does not share the caller's filesystem
    payload: tuple[tuple[str, bytes], ...] = ()
    # seconds per stage, and in all
    seconds: dict[str, float] = field(default_factory=dict)
    synthesized: int = 0
    cached: int = 0

    @property
    def ok(self) -> bool:
        return not self.error


def _seed(previous: Path, scratch: Path) -> None:
    """The previous outputs, hard-linked (copied across filesystems) into scratch: every
    writer replaces files by rename, so the originals are never touched."""
    if not previous.is_dir():
        return

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(previous, scratch / previous.name, copy_function=link, dirs_exist_ok=True)


def _keep_only(folder: Path, keep: set[str]) -> None:
    """Files left over from the seed that this conversion no longer makes are removed."""
    for path in sorted(folder.rglob("*"), reverse=True):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def convert_source(task: SourceTask) -> SourceResult:
    """Convert one source into ``task.options.out_dir/<slug>/``; failures are returned, not raised."""
    started = time.perf_counter()
    scratch = task.options.out_dir
    try:
        scratch.mkdir(parents=True, exist_ok=True)
        if task.seed is not None:
            _seed(task.seed, scratch)
        result = convert(task.page if task.page is not None else task.source_id, replace(task.options, progress=None))
    except (Interrupted, KeyboardInterrupt):
        raise
    except Exception as exc:  # a failure of one article must not cost the others …
        if interrupt.STOPPING.is_set():
            raise Interrupted("interrupted") from exc  # … but one caused by stopping is the stop
        if isinstance(exc, HeardlineError):
            reason = exc.reason if isinstance(exc, SourceError) else str(exc)
        else:
            reason = f"internal error: {type(exc).__name__}: {exc}"
        return SourceResult(task.source_id, error=reason, seconds={"total": round(time.perf_counter() - started, 3)})
    files = set(result.files)
    if (result.folder / BuildState.NAME).is_file():
        files.add(BuildState.NAME)
    try:
        _keep_only(result.folder, files)
        seconds = _timings(result.folder)
    except OSError as exc:
        return SourceResult(task.source_id, error=f"{result.folder}: cannot be tidied ({exc.strerror or exc})")
    seconds["total"] = round(time.perf_counter() - started, 3)
    return SourceResult(
        task.source_id, slug=result.slug, folder=result.folder, files=tuple(sorted(files)),
        seconds=seconds, synthesized=result.synthesized, cached=result.cached,
    )


def convert_source_elsewhere(task: SourceTask) -> SourceResult:
    """:func:`convert_source` on a machine that does not see OUT: in a private temporary
    folder, the finished files sent back as bytes (the page must come with the task)."""
    if multiprocessing.current_process().daemon:
        return SourceResult(task.source_id, error=(
            "this worker is a daemon process and cannot start speech engines: "
            "start Dask workers with DASK_DISTRIBUTED__WORKER__DAEMON=False"))
    with tempfile.TemporaryDirectory(prefix="heardline-work-") as scratch:
        result = convert_source(replace(task, options=replace(task.options, out_dir=Path(scratch)), seed=None))
        if not result.ok or result.folder is None:
            return result
        payload = tuple((name, (result.folder / name).read_bytes()) for name in result.files)
        return replace(result, folder=None, payload=payload)


def _timings(folder: Path) -> dict[str, float]:
    try:
        timings = json.loads((folder / "report.json").read_text(encoding="utf-8")).get("timings", {})
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in timings.items()} if isinstance(timings, dict) else {}
