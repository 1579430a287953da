"""Images of figures that can be embedded (in the EPUB, as episode cover art):
read from next to a local source, never from outside its folder, within a size
limit, and only JPEG, PNG, GIF or WebP recognised by their bytes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Image", "load_image"]

_TYPES = {b"\xff\xd8\xff": ("image/jpeg", ".jpg"), b"\x89PNG": ("image/png", ".png"), b"GIF8": ("image/gif", ".gif")}


@dataclass(frozen=True)
class Image:
    data: bytes
    media_type: str
    extension: str


def sniff(data: bytes) -> tuple[str, str] | None:
    """Media type and extension from the first bytes.

    >>> sniff(b"\\x89PNG\\r\\n")
    ('image/png', '.png')
    >>> sniff(b"<svg") is None
    True
    """
    for magic, found in _TYPES.items():
        if data.startswith(magic):
            return found
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", ".webp"
    return None


def load_image(src: str, base_dir: Path | None, fetched: dict[str, bytes] | None = None, max_bytes: int = 5 * 1024 * 1024) -> Image | None:
    """The image at ``src`` when it is available here, else None."""
    data = (fetched or {}).get(src)
    if data is None and base_dir is not None and src and not re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I):
        base = base_dir.resolve()
        path = (base / src.split("?")[0].split("#")[0].lstrip("/")).resolve()
        if base in path.parents and path.is_file() and path.stat().st_size <= max_bytes:
            data = path.read_bytes()
    if data is None or len(data) > max_bytes:
        return None
    found = sniff(data)
    return Image(data, *found) if found else None
