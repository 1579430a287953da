"""Atomic file writes, used by every stage that writes: a temporary file in the target folder, fsync, rename into place.

A run killed at any moment leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import OutputError

__all__ = ["atomic_path", "write_bytes", "write_text", "write_json", "BuildState", "fingerprint"]


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``; renamed onto it when the block ends without error.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(d / "a.txt") as tmp:
    ...     _ = tmp.write_text("hi")
    >>> (d / "a.txt").read_text(), sorted(p.name for p in d.iterdir())
    ('hi', ['a.txt'])
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot be written ({exc.strerror or exc})") from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"{target}: cannot be written ({exc.strerror or exc})") from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def write_bytes(target: Path, data: bytes) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return target


def write_text(target: Path, text: str) -> Path:
    return write_bytes(target, text.encode("utf-8"))


def write_json(target: Path, data: Any) -> Path:
    return write_text(target, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def fingerprint(*parts: Any) -> str:
    """A digest of what an output is made from.

    >>> fingerprint(1, "a") == fingerprint(1, "a") != fingerprint(1, "b")
    True
    """
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


class BuildState:
    """What each output file of a folder was made from (``.heardline-state.json``),
    so an unchanged file is not made again; facts about it (measured loudness) are kept with it."""

    NAME = ".heardline-state.json"

    def __init__(self, folder: Path) -> None:
        self.path = folder / self.NAME
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.table: dict[str, Any] = data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            self.table = {}

    def unchanged(self, target: Path, fingerprint: str) -> bool:
        entry = self.table.get(target.name)
        return target.is_file() and isinstance(entry, dict) and entry.get("made_from") == fingerprint

    def record(self, target: Path, fingerprint: str, **extra: Any) -> None:
        self.table[target.name] = {"made_from": fingerprint, **extra}

    def get(self, target: Path, key: str) -> Any:
        entry = self.table.get(target.name)
        return entry.get(key) if isinstance(entry, dict) else None

    def save(self) -> None:
        write_json(self.path, self.table)


