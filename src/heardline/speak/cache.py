"""The synthesis cache: each segment's audio kept on disk, keyed by everything that
changes the sound — engine and its version, voice, rate, volume and the spoken
text (after the lexicon, so a lexicon change that touches a sentence re-speaks it,
and one that does not leaves it cached)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

__all__ = ["SynthesisCache", "default_cache_dir"]


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/heardline`` (``~/.cache/heardline``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "heardline"


class SynthesisCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @staticmethod
    def key(signature: str, voice: str, rate: int, volume: float, text: str) -> str:
        """A stable key.

        >>> SynthesisCache.key("e", "gmw/en", 170, 1.0, "Hi.") == SynthesisCache.key("e", "gmw/en", 170, 1.0, "Hi.")
        True
        >>> SynthesisCache.key("e", "gmw/en", 170, 1.0, "Hi.") == SynthesisCache.key("e", "gmw/de", 170, 1.0, "Hi.")
        False
        """
        payload = json.dumps([signature, voice, int(rate), round(float(volume), 3), text], ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / "segments" / key[:2] / f"{key}.wav"

    def has(self, key: str) -> bool:
        path = self.path(key)
        return path.is_file() and path.stat().st_size > 44

    def temporary(self, key: str) -> Path:
        """Where a worker writes before :meth:`commit` renames it into place."""
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.with_name(f".{path.stem}.{os.getpid()}.part.wav")

    def commit(self, key: str) -> None:
        os.replace(self.temporary(key), self.path(key))

    def read_json(self, name: str) -> object | None:
        try:
            data: object = json.loads((self.folder / name).read_text(encoding="utf-8"))
            return data
        except (OSError, ValueError):
            return None

    def write_json(self, name: str, data: object) -> None:
        from ..atomic import write_json

        write_json(self.folder / name, data)
