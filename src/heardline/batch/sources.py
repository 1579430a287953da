"""What a batch is over, and what of it needs converting: each ``[[source]]`` expanded
into articles (a path glob's files, a list file's URLs, a feed's entries), and each
article compared with the state — new, changed, unchanged, or waiting after a failure.

Remote pages and feeds are asked for with their last ``ETag`` / ``Last-Modified``, so
an unchanged one is not downloaded again; a feed entry seen before and unchanged is
not fetched at all.
"""

from __future__ import annotations

import glob
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import HeardlineError, SourceError
from ..read import Page, fetch_if_changed, page_from
from .config import ConvertSettings, SourceSpec
from .feeds import FeedEntry, entry_page, read_feed
from .state import SourceState, local_time

__all__ = ["Candidate", "Listing", "Decision", "list_source", "decide"]


@dataclass(frozen=True)
class Candidate:
    """One article of the batch."""

    # the path (absolute) or URL: the source's key in the state
    id: str
    # path | url | item (an entry of a feed)
    kind: str
    # the config entry it came from: the glob, list file or feed URL
    origin: str
    settings: ConvertSettings
    entry: FeedEntry | None = None


@dataclass
class Listing:
    """A ``[[source]]`` expanded: its articles, the feed's own row, and what could not be listed."""

    candidates: list[Candidate] = field(default_factory=list)
    rows: list[SourceState] = field(default_factory=list)
    # (id, kind, origin, reason)
    failures: list[tuple[str, str, str, str]] = field(default_factory=list)
    # (id, until): a failed feed waiting for its next try
    waiting: list[tuple[str, float]] = field(default_factory=list)


@dataclass(frozen=True)
class Decision:
    """Whether a candidate is converted this run, and why."""

    candidate: Candidate
    # convert | unchanged | waiting | failed
    action: str
    reason: str
    # the article already read, for URLs and feed entries
    page: Page | None = None
    content_hash: str = ""
    etag: str = ""
    last_modified: str = ""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _urls(list_file: Path) -> list[str]:
    """The URLs of a list file: one a line; blank lines and ``#`` comments skipped."""
    lines = list_file.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def list_source(spec: SourceSpec, previous: SourceState | None, now: float, retry_at: float = 0.0) -> Listing:
    """The articles of one ``[[source]]``; ``previous`` is the feed's row, for feeds, and
    ``retry_at`` when a failed feed may be tried again."""
    listing = Listing()
    if spec.kind == "path":
        for name in sorted(glob.glob(spec.target, recursive=True)):
            if Path(name).is_file():
                listing.candidates.append(Candidate(str(Path(name).resolve()), "path", spec.target, spec.settings))
    elif spec.kind == "url":
        listing.candidates.append(Candidate(spec.target, "url", spec.target, spec.settings))
    elif spec.kind == "urls":
        try:
            urls = _urls(Path(spec.target))
        except (OSError, UnicodeDecodeError) as exc:
            listing.failures.append((spec.target, "urls", spec.target, f"cannot be read ({exc})"))
            return listing
        for url in urls:
            if re.match(r"^https?://", url):
                listing.candidates.append(Candidate(url, "url", spec.target, spec.settings))
            else:
                listing.failures.append((url, "url", spec.target, "not an http(s) URL"))
    else:
        _list_feed(spec, previous, now, retry_at, listing)
    return listing


def _list_feed(spec: SourceSpec, previous: SourceState | None, now: float, retry_at: float, listing: Listing) -> None:
    if previous is not None and previous.result == "failed" and now < retry_at:
        listing.waiting.append((spec.target, retry_at))
        return
    seen = previous is not None and previous.result == "seen" and previous.body is not None
    try:
        fetched = fetch_if_changed(
            spec.target, spec.settings.read_options(), previous.etag if seen and previous else "", previous.last_modified if seen and previous else "",
            accept=_FEEDS,
        )
        body = previous.body if fetched.status == 304 and previous is not None and previous.body is not None else fetched.data
        entries = read_feed(body, spec.target)
    except HeardlineError as exc:
        listing.failures.append((spec.target, "feed", spec.target, _reason(exc)))
        return
    listing.rows.append(
        SourceState(
            id=spec.target, kind="feed", origin=spec.target, content_hash=_sha256(body),
            etag=fetched.etag or (previous.etag if previous and fetched.status == 304 else ""),
            last_modified=fetched.last_modified or (previous.last_modified if previous and fetched.status == 304 else ""),
            body=body, result="seen", last_run=now, attempts=(previous.attempts if previous else 0) + 1,
        )
    )
    for entry in entries:
        listing.candidates.append(Candidate(entry.link, "item", spec.target, spec.settings, entry))


_FEEDS = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


def _reason(exc: HeardlineError) -> str:
    return exc.reason if isinstance(exc, SourceError) else str(exc)


def decide(candidate: Candidate, previous: SourceState | None, options_hash: str, out_dir: Path, now: float, retry_at: float = 0.0) -> Decision:
    """Compare a candidate with its row in the state (a failed one waits until ``retry_at``);
    read it when that is how to tell."""
    if previous is not None and previous.result == "failed" and now < retry_at:
        return Decision(candidate, "waiting", f"failed before ({previous.error}); next try after {local_time(retry_at)}")
    settled = (
        previous is not None
        and previous.result == "converted"
        and previous.options_hash == options_hash
        and all((out_dir / name).is_file() for name in previous.outputs)
    )
    why = _why(previous, options_hash)
    try:
        if candidate.kind == "path":
            content_hash = _file_hash(Path(candidate.id))
            if settled and previous is not None and content_hash == previous.content_hash:
                return Decision(candidate, "unchanged", "unchanged", content_hash=content_hash)
            return Decision(candidate, "convert", "changed" if settled else why, content_hash=content_hash)
        if candidate.entry is not None and settled and previous is not None and previous.listing_hash == candidate.entry.listing_hash:
            return Decision(candidate, "unchanged", "entry unchanged", content_hash=previous.content_hash, etag=previous.etag, last_modified=previous.last_modified)
        return _decide_url(candidate, previous if settled else None, why)
    except (OSError, HeardlineError) as exc:
        reason = _reason(exc) if isinstance(exc, HeardlineError) else f"cannot be read ({exc.strerror or exc})"
        return Decision(candidate, "failed", reason)


def _why(previous: SourceState | None, options_hash: str) -> str:
    if previous is None:
        return "new"
    if previous.result == "failed":
        return f"retry after {previous.failures} failure{'s' if previous.failures != 1 else ''}"
    if previous.options_hash != options_hash:
        return "options changed"
    return "outputs missing"


def _decide_url(candidate: Candidate, settled: SourceState | None, why: str) -> Decision:
    """A URL (or a feed entry's link) fetched, conditionally when it was converted before."""
    options = candidate.settings.read_options()
    try:
        fetched = fetch_if_changed(candidate.id, options, settled.etag if settled else "", settled.last_modified if settled else "")
    except HeardlineError:
        if candidate.entry is None or not candidate.entry.content:
            raise
        # the link cannot be read, but the feed carries the whole article
        page = entry_page(candidate.entry)
        content_hash = _sha256(page.html.encode("utf-8"))
        if settled is not None and content_hash == settled.content_hash:
            return Decision(candidate, "unchanged", "unchanged (the feed's copy)", content_hash=content_hash)
        return Decision(candidate, "convert", why if settled is None else "changed (the feed's copy)", page, content_hash)
    if fetched.status == 304 and settled is not None:
        return Decision(candidate, "unchanged", "not modified (304)", content_hash=settled.content_hash, etag=settled.etag, last_modified=settled.last_modified)
    content_hash = _sha256(fetched.data)
    if settled is not None and content_hash == settled.content_hash:
        return Decision(candidate, "unchanged", "unchanged", content_hash=content_hash, etag=fetched.etag, last_modified=fetched.last_modified)
    page = page_from(fetched, candidate.id)
    return Decision(candidate, "convert", why if settled is None else "changed", page, content_hash, fetched.etag, fetched.last_modified)
