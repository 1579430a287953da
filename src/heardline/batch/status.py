"""The state of an output folder as rows a person (or a script) reads: ``heardline status``."""

from __future__ import annotations

import time
from pathlib import Path

from ..errors import UsageError
from .state import STATE_DIR, State, local_time

__all__ = ["read_status", "status_table"]

_COLUMNS = ("source", "slug", "result", "last_run", "attempts", "note")


def read_status(out_dir: Path) -> list[dict[str, object]]:
    """One dict per source of the batch state in ``out_dir``."""
    if not (out_dir / STATE_DIR / "state.db").is_file():
        raise UsageError(f"{out_dir}: no batch state here (run heardline batch first)")
    with State(out_dir, create=False) as state:
        rows = state.all()
    now = time.time()
    return [
        {
            "source": row.id, "kind": row.kind, "slug": row.slug, "result": row.result,
            "last_run": local_time(row.last_run), "attempts": row.attempts,
            "note": row.error + (f" (next try after {local_time(row.next_attempt)})" if row.result == "failed" and row.next_attempt > now else ""),
            "synthesized": row.synthesized, "cached": row.cached, "seconds": row.seconds,
        }
        for row in rows
    ]


def status_table(rows: list[dict[str, object]]) -> str:
    """The rows as a plain-text table, widest values setting the columns.

    >>> print(status_table([{"source": "a.html", "slug": "a", "result": "converted", "last_run": "2026-01-01 10:00:00", "attempts": 1, "note": ""}]))
    source  slug  result     last_run             attempts  note
    a.html  a     converted  2026-01-01 10:00:00  1
    """
    cells = [list(_COLUMNS)] + [[str(row.get(c, "")) for c in _COLUMNS] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(_COLUMNS))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in cells)
