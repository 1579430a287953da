"""The state database and the lock, without any conversion."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from heardline.batch.lock import BatchLock
from heardline.batch.state import SourceState, State
from heardline.errors import LockHeld


def test_rows_round_trip_in_a_wal_database(tmp_path: Path) -> None:
    row = SourceState(id="https://x.org/a", kind="url", origin="https://x.org/a", slug="a", outputs=("a/a.mp3", "a/a.epub"),
                      result="converted", seconds={"speak": 1.5}, body=b"<rss/>", attempts=2)
    with State(tmp_path) as state:
        state.put(row, SourceState(id="b.html", kind="path", origin="*.html", slug="b", result="failed", error="broken"))
        assert state.get("https://x.org/a") == row
        assert state.owner("a", "other") == row and state.owner("a", "https://x.org/a") is None
        state.delete("b.html")
        assert [r.id for r in state.all()] == ["https://x.org/a"]
    with sqlite3.connect(tmp_path / ".heardline" / "state.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with State(tmp_path, create=False) as state:
        assert state.get("https://x.org/a") == row


def test_the_lock_is_exclusive_and_freed_when_its_holder_ends(tmp_path: Path) -> None:
    held = BatchLock(tmp_path / ".heardline").__enter__()
    with pytest.raises(LockHeld, match=r"another batch run holds the lock \(pid \d+\); try again later"), BatchLock(tmp_path / ".heardline"):
        pass
    held.__exit__(None, None, None)
    with BatchLock(tmp_path / ".heardline"):
        pass


def test_a_damaged_state_database_is_a_one_line_error(tmp_path: Path) -> None:
    db = tmp_path / ".heardline" / "state.db"
    db.parent.mkdir()
    db.write_bytes(b"this is not an SQLite database" * 200)
    result = subprocess.run([sys.executable, "-m", "heardline.cli", "status", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1 and "state.db: the batch state cannot be" in result.stderr
