"""The batch state: one SQLite database, ``OUT/.heardline/state.db`` (WAL), with a row
per source — what it was made from, where its outputs are, how its last run went.

Written only by the run that holds the lock, one transaction per finished source,
so a run killed at any moment leaves the rows of every source it finished.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..errors import OutputError

__all__ = ["SourceState", "State", "retry_wait", "local_time", "STATE_DIR"]

#: the folder under OUT that holds the state, the lock and temporary files
STATE_DIR = ".heardline"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    id TEXT PRIMARY KEY,            -- the path or URL
    kind TEXT NOT NULL,             -- path | url | feed | item (an entry of a feed)
    origin TEXT NOT NULL,           -- the config entry it came from: glob, list file, feed URL
    slug TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL DEFAULT '',   -- sha256 of the article's (or feed's) bytes
    listing_hash TEXT NOT NULL DEFAULT '',   -- what the feed entry said of it, for items
    options_hash TEXT NOT NULL DEFAULT '',
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    body BLOB,                      -- a feed's last body, to read its entries again on 304
    outputs TEXT NOT NULL DEFAULT '[]',      -- files relative to OUT
    result TEXT NOT NULL DEFAULT '',         -- converted | failed | seen (feeds)
    error TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,     -- conversions tried, ever
    failures INTEGER NOT NULL DEFAULT 0,     -- failures in a row
    next_attempt REAL NOT NULL DEFAULT 0,    -- a failed source waits until then (Unix time)
    last_run REAL NOT NULL DEFAULT 0,
    seconds TEXT NOT NULL DEFAULT '{}',      -- seconds per stage of the last conversion
    synthesized INTEGER NOT NULL DEFAULT 0,
    cached INTEGER NOT NULL DEFAULT 0
);
"""
_VERSION = 1


@dataclass(frozen=True)
class SourceState:
    """One row of the state."""

    id: str
    kind: str
    origin: str
    slug: str = ""
    content_hash: str = ""
    listing_hash: str = ""
    options_hash: str = ""
    etag: str = ""
    last_modified: str = ""
    body: bytes | None = None
    outputs: tuple[str, ...] = ()
    result: str = ""
    error: str = ""
    attempts: int = 0
    failures: int = 0
    next_attempt: float = 0.0
    last_run: float = 0.0
    seconds: dict[str, float] = field(default_factory=dict)
    synthesized: int = 0
    cached: int = 0


_COLUMNS = tuple(f.name for f in fields(SourceState))


def local_time(timestamp: float) -> str:
    """A Unix time as people read it here ("" for never)."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(timestamp)) if timestamp else ""


def retry_wait(failures: int, delay: float, max_delay: float) -> float:
    """Seconds a source that failed ``failures`` times in a row waits before its next try.

    >>> [retry_wait(n, 900, 86400) for n in (1, 2, 3, 8, 20)]
    [900.0, 1800.0, 3600.0, 86400.0, 86400.0]
    >>> retry_wait(3, 0, 86400)
    0.0
    """
    return float(min(max_delay, delay * 2 ** min(max(failures - 1, 0), 32)))


class State:
    """The state database of an output folder; use as a context manager."""

    def __init__(self, out_dir: Path, create: bool = True) -> None:
        self.path = out_dir / STATE_DIR / "state.db"
        self.db: sqlite3.Connection | None = None
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            else:
                self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None, timeout=30)
            if create:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self.db.executescript(_SCHEMA)
                self.db.execute(f"PRAGMA user_version={_VERSION}")
        except sqlite3.Error as exc:
            if self.db is not None:
                self.db.close()
            raise OutputError(f"{self.path}: the batch state cannot be opened ({exc})") from exc

    def __enter__(self) -> State:
        return self

    def __exit__(self, *exc: object) -> None:
        self._db().close()

    def _db(self) -> sqlite3.Connection:
        if self.db is None:
            raise OutputError(f"{self.path}: the batch state is not open")
        return self.db

    def _select(self, where: str, values: tuple[str, ...]) -> list[SourceState]:
        try:
            rows = self._db().execute(f"SELECT {', '.join(_COLUMNS)} FROM sources {where}", values).fetchall()
        except sqlite3.Error as exc:
            raise OutputError(f"{self.path}: the batch state cannot be read ({exc})") from exc
        return [_from_row(row) for row in rows]

    def get(self, source_id: str) -> SourceState | None:
        return next(iter(self._select("WHERE id = ?", (source_id,))), None)

    def all(self) -> list[SourceState]:
        return self._select("ORDER BY origin, id", ())

    def owner(self, slug: str, other_than: str) -> SourceState | None:
        """The converted source, other than ``other_than``, whose outputs are in OUT/``slug``."""
        return next(iter(self._select("WHERE slug = ? AND id != ? AND result = 'converted'", (slug, other_than))), None)

    def put(self, *rows: SourceState) -> None:
        """Write rows in one transaction."""
        marks = ", ".join("?" for _ in _COLUMNS)
        try:
            with self._transaction():
                self._db().executemany(f"INSERT OR REPLACE INTO sources ({', '.join(_COLUMNS)}) VALUES ({marks})", [_to_row(r) for r in rows])
        except sqlite3.Error as exc:
            raise OutputError(f"{self.path}: the batch state cannot be written ({exc})") from exc

    def delete(self, source_id: str) -> None:
        try:
            with self._transaction():
                self._db().execute("DELETE FROM sources WHERE id = ?", (source_id,))
        except sqlite3.Error as exc:
            raise OutputError(f"{self.path}: the batch state cannot be written ({exc})") from exc

    def _transaction(self) -> Any:
        return _Transaction(self._db())


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *rest: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def _to_row(state: SourceState) -> tuple[Any, ...]:
    values = dict(state.__dict__)
    values["outputs"] = json.dumps(list(state.outputs))
    values["seconds"] = json.dumps(state.seconds)
    return tuple(values[c] for c in _COLUMNS)


def _from_row(row: tuple[Any, ...]) -> SourceState:
    values = dict(zip(_COLUMNS, row))
    values["outputs"] = tuple(json.loads(values["outputs"]))
    values["seconds"] = json.loads(values["seconds"])
    return SourceState(**values)
