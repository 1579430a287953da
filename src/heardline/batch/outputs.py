"""Outputs moved into OUT whole: a finished article folder replaces the old one by
rename, so a reader of OUT (or a run killed at any moment) sees the old folder,
the new one, or — for an instant between two renames — none, never a mixture."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..errors import OutputError

__all__ = ["commit_folder", "remove_folder", "unpack"]


def _sync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def commit_folder(finished: Path, target: Path, trash: Path) -> None:
    """Put ``finished`` (on OUT's filesystem) in place of ``target``; the old one goes to ``trash``."""
    try:
        for path in finished.rglob("*"):
            if path.is_file():
                with open(path, "rb") as fh:
                    os.fsync(fh.fileno())
        old = None
        if target.exists():
            trash.mkdir(parents=True, exist_ok=True)
            old = trash / f"{target.name}.{os.getpid()}"
            os.rename(target, old)
        os.rename(finished, target)
        _sync_dir(target.parent)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        raise OutputError(f"{target}: cannot be written ({exc.strerror or exc})") from exc


def remove_folder(target: Path, trash: Path) -> None:
    """Take ``target`` out of OUT at once (a rename), then delete it."""
    if not target.exists():
        return
    trash.mkdir(parents=True, exist_ok=True)
    old = trash / f"{target.name}.{os.getpid()}"
    os.rename(target, old)
    shutil.rmtree(old, ignore_errors=True)


def unpack(payload: tuple[tuple[str, bytes], ...], folder: Path) -> Path:
    """Files sent back by a worker that does not share OUT's filesystem, written into ``folder``."""
    for name, data in payload:
        path = folder / name
        if Path(name).is_absolute() or ".." in Path(name).parts or not path.resolve().is_relative_to(folder.resolve()):
            raise OutputError(f"{folder}: a worker sent a file outside its folder: {name}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder
