"""Helpers of the batch tests: small article pages, the command line in a subprocess,
the JSON log, and the check that nothing under OUT is partial."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from audio_tools import RATE, decode

from heardline.validate import run_epubcheck


def article(headline: str, text: str) -> str:
    """A small article page: a headline and one paragraph."""
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{headline}</title></head>'
        f"<body><article><h1>{headline}</h1><p>{text}</p></article></body></html>"
    )


def log_lines(path: Path) -> list[dict[str, object]]:
    """The JSON lines of a --log-file; emptied after reading, so each run is read alone."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []
    path.unlink(missing_ok=True)
    return lines


def by_result(lines: list[dict[str, object]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for line in lines:
        found.setdefault(str(line["result"]), set()).add(Path(str(line["source"])).name)
    return found


def converted_sources(out: Path) -> set[str]:
    """File names of the sources the state records as converted (read while a run writes it)."""
    db = out / ".heardline" / "state.db"
    if not db.exists():
        return set()
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return {Path(i).name for (i,) in conn.execute("SELECT id FROM sources WHERE result = 'converted'")}
    except sqlite3.Error:
        return set()


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[str]) -> None:
    """Poll until ``condition`` holds; fail when the process ends first."""
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"the run ended (exit {process.returncode}) before the moment to test: {process.stderr.read() if process.stderr else ''}")
        time.sleep(0.05)


def check_nothing_partial(out: Path, epubcheck: bool = False) -> list[str]:
    """Every article folder under OUT complete and sound: no temporary file, every MP3 as
    long as its script says, every EPUB a whole zip (passing EPUBCheck, with ``epubcheck``),
    the state database whole. Returns the slugs found."""
    leftovers = [p for p in out.rglob("*") if ".heardline" not in p.relative_to(out).parts[:1] and p.name.endswith(".part")]
    assert leftovers == []
    slugs = sorted(p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))
    for slug in slugs:
        folder = out / slug
        script = json.loads((folder / "script.json").read_text(encoding="utf-8"))
        signal = decode(folder / f"{slug}.mp3")
        assert abs(len(signal) / RATE - script["duration"]) < 0.02, slug
        json.loads((folder / "report.json").read_text(encoding="utf-8"))
        with zipfile.ZipFile(folder / f"{slug}.epub") as book:
            assert book.testzip() is None, slug
        if epubcheck:
            problems = [str(f) for f in run_epubcheck(folder / f"{slug}.epub") if f.severity in ("error", "warning")]
            assert problems == [], slug
    with sqlite3.connect(out / ".heardline" / "state.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        outputs = [json.loads(o) for (o,) in conn.execute("SELECT outputs FROM sources WHERE result = 'converted'")]
    assert all((out / name).is_file() for files in outputs for name in files)
    return slugs
