"""Images of figures that can be embedded (in the EPUB, as episode cover art):
read from next to a local source, never from outside its folder, within a size
limit, and only JPEG, PNG, GIF or WebP recognised by their bytes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

__all__ = ["Image", "load_image", "images_beside", "MAX_IMAGE"]

#: the largest image embedded
MAX_IMAGE = 5 * 1024 * 1024

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


def local_file(src: str, base_dir: Path) -> Path | None:
    """The file a relative ``src`` names inside ``base_dir`` (never outside it), if there is one."""
    if not src or re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I):
        return None
    base = base_dir.resolve()
    path = (base / src.split("?")[0].split("#")[0].lstrip("/")).resolve()
    return path if base in path.parents and path.is_file() else None


def load_image(src: str, base_dir: Path | None, fetched: dict[str, bytes] | None = None, max_bytes: int = MAX_IMAGE) -> Image | None:
    """The image at ``src`` when it is available here, else None."""
    data = (fetched or {}).get(src)
    path = local_file(src, base_dir) if data is None and base_dir is not None else None
    if path is not None and path.stat().st_size <= max_bytes:
        data = path.read_bytes()
    if data is None or len(data) > max_bytes:
        return None
    found = sniff(data)
    return Image(data, *found) if found else None


_ATTRIBUTE = re.compile(r"""\s(?:src|srcset|data-[\w-]+|href|poster)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def images_beside(html: str, base_dir: Path, max_bytes: int = MAX_IMAGE) -> dict[str, bytes]:
    """Every image next to a local page that its attributes name (src, srcset, data-*),
    by its path relative to ``base_dir``: what a machine without the page's folder needs.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "img").mkdir()
    >>> _ = (d / "img" / "a.png").write_bytes(b"\\x89PNG....")
    >>> sorted(images_beside('<img src="nope.jpg" srcset="img/a.png 2x, /etc/passwd 3x">', d))
    ['img/a.png']
    """
    found: dict[str, bytes] = {}
    base = base_dir.resolve()
    for match in _ATTRIBUTE.finditer(html):
        for candidate in unescape(match.group(1) or match.group(2) or "").split(","):
            path = local_file(candidate.strip().split(" ")[0], base)
            if path is None or path.stat().st_size > max_bytes:
                continue
            name = path.relative_to(base).as_posix()
            if name not in found and sniff(data := path.read_bytes()):
                found[name] = data
    return found
