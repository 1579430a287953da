"""Atomic file writes, used by every stage that writes: a temporary file, fsync, rename into place.

A run killed at any moment leaves either the old file or the new one, never half of one.
While a run is active on an output folder (:func:`scratch`), every temporary file of
the run, ours and the system temp folder's, lives in ``OUT/.heardline/tmp/<run>/``:
removed when the run ends or is interrupted, and by the next run after a ``kill -9``.
Writes never go through a symbolic link planted in place of an output folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import interrupt
from .errors import OutputError

__all__ = ["atomic_path", "write_bytes", "write_text", "write_json", "BuildState", "fingerprint", "scratch", "SCRATCH"]

#: the run folders' parent, inside an output folder
SCRATCH = Path(".heardline") / "tmp"
# output folder -> [its run folder, how many runs in this process use it]
_ACTIVE: dict[Path, list[Any]] = {}
_LOCK = threading.Lock()
# the system temp folder before the first active run
_SYSTEM_TEMP: list[str | None] = []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale(parent: Path) -> None:
    """Run folders left by runs that died (``kill -9``, power loss)."""
    for run in parent.iterdir() if parent.is_dir() else []:
        pid = run.name.split("-", 1)[0]
        if not pid.isdigit() or (int(pid) != os.getpid() and not _alive(int(pid))):
            shutil.rmtree(run, ignore_errors=True)


@contextmanager
def scratch(out_dir: Path) -> Iterator[Path]:
    """This run's temporary folder ``out_dir/.heardline/tmp/<pid>-<token>``, also the system
    temp folder while any run is active; removed at the end, whatever happens."""
    key = out_dir.resolve()
    made = [d for d in (out_dir, out_dir / SCRATCH.parent, out_dir / SCRATCH) if not d.exists()]
    with _LOCK:
        entry = _ACTIVE.get(key)
        if entry is None:
            entry = _ACTIVE[key] = [_new_run(out_dir / SCRATCH), 0]
            if not _SYSTEM_TEMP:
                _SYSTEM_TEMP.append(tempfile.tempdir)
                tempfile.tempdir = str(entry[0])
        entry[1] += 1
    try:
        yield entry[0]
    finally:
        with _LOCK:
            entry[1] -= 1
            if entry[1] == 0:
                del _ACTIVE[key]
                if tempfile.tempdir == str(entry[0]):
                    tempfile.tempdir = str(next(iter(_ACTIVE.values()))[0]) if _ACTIVE else _SYSTEM_TEMP.pop()
                shutil.rmtree(entry[0], ignore_errors=True)
                for folder in reversed(made):  # a run that wrote nothing leaves nothing
                    with contextlib.suppress(OSError):
                        folder.rmdir()


def _new_run(parent: Path) -> Path:
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(parent)
        run = parent / f"{os.getpid()}-{secrets.token_hex(4)}"
        run.mkdir()
    except OSError as exc:
        raise OutputError(f"{parent}: cannot be written ({exc.strerror or exc})") from exc
    return run


def _temp_dir(target: Path) -> Path:
    """Where ``target``'s temporary file goes: the active run's folder of an output
    folder above it, else beside it. Refuses a symbolic link between the two."""
    folder = target.parent
    steps = [folder, *folder.parents][:4]
    for depth, above in enumerate(steps):
        with _LOCK:
            entry = _ACTIVE.get(above.resolve())
        if entry is not None:
            _refuse_links(steps[:depth])
            return Path(entry[0])
    _refuse_links(steps[:1])
    return folder


def _refuse_links(folders: list[Path]) -> None:
    for folder in folders:
        if folder.is_symlink():
            raise OutputError(f"{folder}: is a symbolic link; heardline does not write through it")


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path (in the run's folder, or beside ``target``); renamed onto ``target``
    when the block ends without error.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(d / "a.txt") as tmp:
    ...     _ = tmp.write_text("hi")
    >>> (d / "a.txt").read_text(), sorted(p.name for p in d.iterdir())
    ('hi', ['a.txt'])
    """
    interrupt.check()  # a stopping run starts no new write
    temp_dir = _temp_dir(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=temp_dir)
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
        with contextlib.suppress(OSError):
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


