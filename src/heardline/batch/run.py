"""The batch run: under the lock, list the sources, decide what changed, convert that
(on an executor), and commit each finished article into OUT and its row into the
state — one transaction per source, in this process only — then write the feed.

SIGTERM and SIGINT stop the run between two commits (:mod:`heardline.interrupt`): a
commit under way is finished and recorded, work not yet committed is dropped (its
cached speech stays), and the report says it was interrupted (exit 75: the next run
goes on from there, and writes the feed).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from .. import interrupt
from ..atomic import fingerprint
from ..errors import Interrupted, OutputError, UsageError
from ..write.podcast import build_feed, find_episodes, write_feed
from .config import BatchConfig, ConvertSettings, scheduler_address
from .executors import Executor, InlineExecutor, PoolExecutor
from .lock import BatchLock
from .outputs import commit_folder, remove_folder, unpack
from .sources import Candidate, Decision, Listing, decide, list_source
from .state import STATE_DIR, SourceState, State, local_time, retry_wait
from .work import SourceResult, SourceTask

__all__ = ["RunOptions", "Outcome", "BatchReport", "run_batch"]


@dataclass(frozen=True)
class Outcome:
    """One source's line in the report and the log."""

    source: str
    # converted | unchanged | failed | waiting | pruned | would convert
    result: str
    reason: str = ""
    slug: str = ""
    seconds: dict[str, float] = field(default_factory=dict)
    synthesized: int = 0
    cached: int = 0

    def to_json(self) -> dict[str, object]:
        return {"source": self.source, "slug": self.slug, "result": self.result, "reason": self.reason,
                "seconds": self.seconds, "synthesized": self.synthesized, "cached": self.cached}


@dataclass(frozen=True)
class BatchReport:
    outcomes: tuple[Outcome, ...]
    interrupted: bool = False
    feed: Path | None = None

    def count(self, result: str) -> int:
        return sum(1 for o in self.outcomes if o.result == result)

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.result == "failed")

    def summary(self) -> str:
        """One line: ``3 converted, 1 failed: <source>: <reason>``."""
        parts = [f"{self.count('converted')} converted"]
        for result in ("would convert", "unchanged", "waiting", "pruned"):
            if self.count(result):
                parts.append(f"{self.count(result)} {result}" if result != "waiting" else f"{self.count(result)} waiting to retry")
        text = ", ".join(parts)
        if self.failed:
            shown = "; ".join(f"{o.source}: {o.reason}" for o in self.failed[:3])
            more = f" (and {len(self.failed) - 3} more)" if len(self.failed) > 3 else ""
            text += f", {len(self.failed)} failed: {shown}{more}"
        return text


@dataclass(frozen=True)
class RunOptions:
    # sources converted at once on this machine
    jobs: int = 1
    # list what would be converted and why; change nothing
    dry_run: bool = False
    # remove the outputs and rows of sources no longer in the config
    prune: bool = False
    # JSON lines appended here, one per source
    log_file: Path | None = None
    # the clock, seconds since the epoch (back-off is decided by it)
    now: Callable[[], float] = time.time
    # told of each source's outcome as it is known
    on_outcome: Callable[[Outcome], None] | None = None
    # a Dask scheduler (tcp://HOST:PORT) to run the work on; "": the config's, else this machine
    scheduler: str = ""
    # told things worth knowing at the start (the Dask dashboard's address)
    on_note: Callable[[str], None] | None = None


@lru_cache(maxsize=64)
def _options_hash(settings: ConvertSettings, album: str) -> str:
    return fingerprint(settings.digest(), album)


class _Run:
    def __init__(self, config: BatchConfig, options: RunOptions, state: State | None) -> None:
        self.config = config
        self.options = options
        self.state = state
        self.out = config.output
        self.outcomes: list[Outcome] = []
        self.tmp = self.out / STATE_DIR / "tmp" / f"batch-{os.getpid()}"
        self.cluster: Executor | None = None

    def connect(self) -> None:
        """Reach the Dask scheduler, when there is one, before any work."""
        address = self.options.scheduler or self.config.scheduler
        if not address:
            return
        from .cluster import ClusterExecutor

        cluster = ClusterExecutor(address, self.config.shared_output, self.config.scheduler_timeout)
        self.cluster = cluster
        if self.options.on_note is not None and cluster.dashboard:
            self.options.on_note(f"Dask dashboard: {cluster.dashboard}")

    # -- bookkeeping ---------------------------------------------------------

    def tell(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        if self.options.log_file is not None and not self.options.dry_run:
            line = {"time": round(self.options.now(), 3), **outcome.to_json()}
            try:
                with open(self.options.log_file, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps(line, ensure_ascii=False) + "\n")
            except OSError as exc:
                raise OutputError(f"{self.options.log_file}: the log cannot be written ({exc.strerror or exc})") from exc
        if self.options.on_outcome is not None:
            self.options.on_outcome(outcome)

    @property
    def album(self) -> str:
        """The episodes' album tag: the feed's title."""
        return self.config.feed.title if self.config.feed is not None else ""

    def options_hash(self, candidate: Candidate) -> str:
        return _options_hash(candidate.settings, self.album)

    def previous(self, source_id: str) -> SourceState | None:
        return self.state.get(source_id) if self.state is not None else None

    def retry_at(self, previous: SourceState | None) -> float:
        """When a failed source may be tried again, by the back-off the config sets now."""
        if previous is None or previous.result != "failed":
            return 0.0
        return previous.last_run + retry_wait(previous.failures, self.config.retry_delay, self.config.retry_max_delay)

    def record_failure(self, source_id: str, kind: str, origin: str, reason: str) -> None:
        now = self.options.now()
        previous = self.previous(source_id)
        failures = (previous.failures if previous else 0) + 1
        wait = retry_wait(failures, self.config.retry_delay, self.config.retry_max_delay)
        if self.state is not None and not self.options.dry_run:
            base = previous or SourceState(id=source_id, kind=kind, origin=origin)
            with interrupt.shielded():
                self.state.put(replace(base, kind=kind, origin=origin, result="failed", error=reason,
                                       attempts=base.attempts + 1, failures=failures,
                                       next_attempt=now + wait, last_run=now))
        self.tell(Outcome(source_id, "failed", reason, previous.slug if previous else ""))

    # -- listing and deciding --------------------------------------------------

    def plan(self) -> tuple[list[Decision], set[str]]:
        """What to convert; and every source id the config still names (for --prune)."""
        decisions: list[Decision] = []
        present: set[str] = set()
        now = self.options.now()
        for spec in self.config.sources:
            feed = self.previous(spec.target) if spec.kind == "feed" else None
            listing: Listing = list_source(spec, feed, now, self.retry_at(feed))
            if spec.kind == "feed":
                present.add(spec.target)
            for row in listing.rows:
                if self.state is not None and not self.options.dry_run:
                    self.state.put(row)
            for source_id, until in listing.waiting:
                self.tell(Outcome(source_id, "waiting", f"failed before; next try after {local_time(until)}"))
            for source_id, kind, origin, reason in listing.failures:
                present.add(source_id)
                self.record_failure(source_id, kind, origin, reason)
            for candidate in listing.candidates:
                if candidate.id in present:
                    continue  # named twice: the first entry wins
                present.add(candidate.id)
                previous = self.previous(candidate.id)
                decisions.append(decide(candidate, previous, self.options_hash(candidate), self.out, now, self.retry_at(previous)))
        if self.state is not None:
            # entries of a configured feed stay, also after they leave the feed's window
            feeds = {s.target for s in self.config.sources if s.kind == "feed"}
            present |= {row.id for row in self.state.all() if row.kind == "item" and row.origin in feeds}
        return decisions, present

    # -- converting ------------------------------------------------------------

    def task(self, decision: Decision, index: int, speech_jobs: int) -> SourceTask:
        candidate = decision.candidate
        previous = self.previous(candidate.id)
        seed = self.out / previous.slug if previous is not None and previous.slug else None
        options = candidate.settings.options(self.tmp / str(index), self.config.cache_dir, speech_jobs, self.album)
        return SourceTask(candidate.id, decision.page, options, seed)

    def commit(self, decision: Decision, result: SourceResult) -> None:
        candidate = decision.candidate
        if not result.ok:
            interrupt.check()  # a failure while stopping (workers killed) is the stop, not the source's
            self.record_failure(candidate.id, candidate.kind, candidate.origin, result.error)
            return
        owner = self.state.owner(result.slug, candidate.id) if self.state is not None else None
        if owner is not None:
            self.record_failure(candidate.id, candidate.kind, candidate.origin, f"its slug {result.slug!r} is already used by {owner.id}")
            return
        folder = result.folder
        if result.payload:
            folder = unpack(result.payload, self.tmp / "received" / result.slug)
        if folder is None:
            self.record_failure(candidate.id, candidate.kind, candidate.origin, "the worker returned no files")
            return
        previous = self.previous(candidate.id)
        now = self.options.now()
        row = SourceState(
            id=candidate.id, kind=candidate.kind, origin=candidate.origin, slug=result.slug,
            content_hash=decision.content_hash, listing_hash=candidate.entry.listing_hash if candidate.entry else "",
            options_hash=self.options_hash(candidate), etag=decision.etag, last_modified=decision.last_modified,
            outputs=tuple(f"{result.slug}/{name}" for name in result.files), result="converted",
            attempts=(previous.attempts if previous else 0) + 1, last_run=now, seconds=result.seconds,
            synthesized=result.synthesized, cached=result.cached,
        )
        if self.state is None:  # a dry run converts nothing
            return
        with interrupt.shielded():
            if previous is not None and previous.slug and previous.slug != result.slug:
                remove_folder(self.out / previous.slug, self.tmp / "trash")
            commit_folder(folder, self.out / result.slug, self.tmp / "trash")
            self.state.put(row)
        self.tell(Outcome(candidate.id, "converted", decision.reason, result.slug, result.seconds, result.synthesized, result.cached))

    def settle(self, decision: Decision) -> None:
        """A source not converted this run: told, and its validators kept fresh."""
        candidate = decision.candidate
        previous = self.previous(candidate.id)
        if decision.action == "failed":
            self.record_failure(candidate.id, candidate.kind, candidate.origin, decision.reason)
            return
        slug = previous.slug if previous else ""
        if decision.action == "unchanged" and previous is not None and self.state is not None and not self.options.dry_run:
            fresh = replace(previous, etag=decision.etag or previous.etag, last_modified=decision.last_modified or previous.last_modified,
                            listing_hash=candidate.entry.listing_hash if candidate.entry else previous.listing_hash)
            if fresh != previous:
                self.state.put(fresh)
        result = {"convert": "would convert", "waiting": "waiting"}.get(decision.action, decision.action)
        self.tell(Outcome(candidate.id, result, decision.reason, slug))

    def convert(self, decisions: list[Decision]) -> None:
        todo = [d for d in decisions if d.action == "convert"]
        for decision in decisions:
            if decision.action != "convert" or self.options.dry_run:
                self.settle(decision)
        if self.options.dry_run or not todo:
            return
        jobs = max(1, min(self.options.jobs, len(todo)))
        # on a cluster each worker speaks one segment at a time; here the cores are shared out
        speech_jobs = 1 if self.cluster is not None else max(1, (os.cpu_count() or 1) // jobs)
        tasks = {d.candidate.id: (d, self.task(d, i, speech_jobs)) for i, d in enumerate(todo)}
        executor: Executor = self.cluster or (PoolExecutor(jobs) if jobs > 1 else InlineExecutor())
        try:
            for result in executor.run(task for _, task in tasks.values()):
                self.commit(tasks[result.source_id][0], result)
        finally:
            if executor is not self.cluster:
                executor.close()

    # -- pruning and the feed ----------------------------------------------------

    def prune(self, present: set[str]) -> None:
        if self.state is None:
            return
        for row in self.state.all():
            if row.id in present:
                continue
            if self.options.dry_run:
                self.tell(Outcome(row.id, "would prune", "no longer in the config", row.slug))
                continue
            with interrupt.shielded():
                if row.slug and self.state.owner(row.slug, row.id) is None:
                    remove_folder(self.out / row.slug, self.tmp / "trash")
                self.state.delete(row.id)
            self.tell(Outcome(row.id, "pruned", "no longer in the config", row.slug))

    def write_feed(self) -> Path | None:
        """OUT/feed.xml, rewritten only when its bytes would change (new episodes, a new [feed] table)."""
        if self.config.feed is None or self.options.dry_run:
            return None
        path = self.out / "feed.xml"
        try:
            current = path.read_bytes()
        except OSError:
            current = b""
        if build_feed(find_episodes(self.out), self.config.feed) != current:
            with interrupt.shielded():
                write_feed(self.out, self.config.feed)
        return path


def run_batch(config: BatchConfig, options: RunOptions = RunOptions()) -> BatchReport:
    """Run the batch of ``config``: a :class:`~heardline.errors.LockHeld` when another run
    is at it; the report says what each source came to, and whether a signal stopped it."""
    if options.scheduler:  # the config's was checked as it was read
        try:
            scheduler_address(options.scheduler)
        except ValueError as exc:
            raise UsageError(f"--scheduler: {exc}") from exc
    if options.dry_run:
        exists = (config.output / STATE_DIR / "state.db").is_file()
        with State(config.output, create=False) if exists else _no_state() as state:
            run = _Run(config, options, state)
            decisions, present = run.plan()
            run.convert(decisions)
            if options.prune:
                run.prune(present)
            return BatchReport(tuple(run.outcomes))
    with BatchLock(config.output / STATE_DIR), State(config.output) as state:
        run = _Run(config, options, state)
        _clear_leftovers(config.output / STATE_DIR / "tmp")
        interrupted = False
        feed = None
        run.connect()
        with interrupt.handle_signals():
            try:
                decisions, present = run.plan()
                run.convert(decisions)
                if options.prune:
                    run.prune(present)
                feed = run.write_feed()
            except Interrupted:
                # what was committed is recorded; the feed follows on the next run
                interrupted = True
            finally:
                if run.cluster is not None:
                    run.cluster.close()
                shutil.rmtree(run.tmp, ignore_errors=True)
        return BatchReport(tuple(run.outcomes), interrupted, feed)


@contextmanager
def _no_state() -> Iterator[None]:
    yield None


def _clear_leftovers(tmp: Path) -> None:
    """Scratch folders of batch runs that were killed (the lock says none is running)."""
    if tmp.is_dir():
        for folder in tmp.glob("batch-*"):
            shutil.rmtree(folder, ignore_errors=True)
