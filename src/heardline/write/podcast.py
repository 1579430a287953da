"""Podcast sidecars: the episode's tags, Podcasting 2.0 JSON chapters, and the RSS feed
(RSS 2.0 with the iTunes and Podcasting 2.0 namespaces) over every episode in a folder."""

from __future__ import annotations

import contextlib
import json
import logging
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..locale import base_language, phrase
from ..model import Document, Paragraph
from ..script import Script

log = logging.getLogger(__name__)

__all__ = ["episode_tags", "chapters_json", "FeedConfig", "write_feed", "build_feed", "find_episodes", "ISO639_2"]

# ID3 TLAN wants ISO 639-2 codes
ISO639_2 = {"en": "eng", "de": "deu", "fr": "fra", "es": "spa", "pt": "por", "it": "ita", "nl": "nld", "pl": "pol",
            "tr": "tur", "ru": "rus", "uk": "ukr", "ar": "ara", "sv": "swe", "da": "dan", "cs": "ces"}


def episode_tags(document: Document, album: str = "") -> dict[str, str]:
    """Tags of the episode file: title, artist, album, date, comment (the source URL), language."""
    date = ""
    if document.published is not None:
        date = document.published.strftime("%Y-%m-%d")
    return {
        "title": document.headline,
        "artist": document.publisher or ", ".join(document.authors),
        "album_artist": document.publisher,
        "album": album or document.publisher,
        "date": date,
        "comment": document.url,
        "language": ISO639_2.get(base_language(document.lang), ""),
        "genre": "Podcast",
    }


def chapters_json(script: Script, document: Document) -> dict[str, Any]:
    """Podcasting 2.0 JSON chapters (``application/json+chapters``, version 1.2.0)."""
    chapters = []
    for chapter in script.chapters:
        entry: dict[str, Any] = {"startTime": round(chapter.start or 0.0, 3), "title": chapter.title}
        if chapter.end is not None:
            entry["endTime"] = round(chapter.end, 3)
        if document.url:
            entry["url"] = document.url
        chapters.append(entry)
    return {"version": "1.2.0", "chapters": chapters}


def lead_text(document: Document) -> str:
    lead = next((b.text for b in document.blocks if isinstance(b, Paragraph) and b.role == "lead"), "")
    return lead or document.description or next((b.text for b in document.blocks if isinstance(b, Paragraph) and b.role == "body"), "")


def rfc822(value: datetime) -> str:
    """RFC 822 dates, as RSS wants them.

    >>> rfc822(datetime(2017, 5, 28, 17, 41, tzinfo=timezone.utc))
    'Sun, 28 May 2017 17:41:00 +0000'
    """
    from email.utils import format_datetime

    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return format_datetime(value)


# -- the feed -------------------------------------------------------------------

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
_MIME = {".mp3": "audio/mpeg", ".m4b": "audio/mp4", ".ogg": "audio/ogg", ".wav": "audio/wav"}


@dataclass(frozen=True)
class FeedConfig:
    """The ``[feed]`` table of a batch config."""

    title: str = "heardline articles"
    # "": the feed's language's words for "News articles read aloud, in chapters."
    description: str = ""
    # where OUT/ is published: enclosure and sidecar URLs are made from it
    base_url: str = "https://example.org/audio/"
    link: str = ""
    language: str = ""
    # the podcast's cover (Apple wants one); "": OUT/cover.png is made and used
    image: str = ""
    category: str = "News"
    explicit: bool = False
    author: str = ""
    max_items: int = 100

    @classmethod
    def from_table(cls, table: Any) -> FeedConfig:
        """The config from a TOML table; ValueError names a key that is unknown, of the
        wrong type, or a URL that is not http(s).

        >>> FeedConfig.from_table({"max_items": "10"})
        Traceback (most recent call last):
        ...
        ValueError: [feed] max_items must be an integer, not str
        >>> FeedConfig.from_table({"base_url": "javascript:alert(1)"})
        Traceback (most recent call last):
        ...
        ValueError: [feed] base_url must be an http(s) URL, not 'javascript:alert(1)'
        """
        if not isinstance(table, dict):
            raise ValueError(f"[feed] must be a table, not {type(table).__name__}")
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(table) - set(known))
        if unknown:
            raise ValueError(f"unknown [feed] keys: {', '.join(map(str, unknown))}")
        for key, value in table.items():
            wanted = type(known[key].default)
            if type(value) is not wanted:
                raise ValueError(f"[feed] {key} must be {_TYPE_NAMES[wanted]}, not {type(value).__name__}")
            text = str(value)
            if key in _URL_KEYS and text and not re.match(r"^https?://[^\s/]+", text, re.IGNORECASE):
                raise ValueError(f"[feed] {key} must be an http(s) URL, not {text[:80]!r}")
        if table.get("max_items", 1) < 1:
            raise ValueError("[feed] max_items must be at least 1")
        return cls(**table)


_TYPE_NAMES = {str: "a string", bool: "true or false", int: "an integer"}
_URL_KEYS = ("base_url", "link", "image")


@dataclass(frozen=True)
class Episode:
    slug: str
    title: str
    description: str
    guid: str
    published: datetime
    file: Path
    duration: float
    lang: str
    has_chapters: bool
    has_transcript: bool


def find_episodes(out_dir: Path) -> list[Episode]:
    """Every converted article under ``out_dir`` that has an episode file, newest first;
    a folder whose JSON is broken is skipped with a warning."""
    from ..model import from_json

    episodes = []
    for folder in sorted(p for p in out_dir.iterdir() if p.is_dir() and not p.name.startswith(".")) if out_dir.is_dir() else []:
        audio = next((folder / f"{folder.name}{ext}" for ext in _MIME if (folder / f"{folder.name}{ext}").is_file()), None)
        if audio is None:
            continue
        try:
            document = from_json(json.loads((folder / "document.json").read_text(encoding="utf-8")))
            script = json.loads((folder / "script.json").read_text(encoding="utf-8"))
            duration = float(script.get("duration") or 0.0)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("%s: episode left out of the feed: its document.json or script.json is unusable (%s)", folder, _xml_text(str(exc))[:120])
            continue
        published = document.published or datetime.fromtimestamp(audio.stat().st_mtime, timezone.utc)
        report: Any = {}
        with contextlib.suppress(OSError, ValueError):
            report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
        guid = report.get("guid") if isinstance(report, dict) else None
        episodes.append(
            Episode(
                slug=folder.name,
                title=document.headline,
                description=lead_text(document),
                guid=guid if isinstance(guid, str) and guid else f"heardline:{folder.name}",
                published=published if published.tzinfo else published.replace(tzinfo=timezone.utc),
                file=audio,
                duration=duration,
                lang=document.lang,
                has_chapters=(folder / "chapters.json").is_file(),
                has_transcript=(folder / "transcript.vtt").is_file(),
            )
        )
    episodes.sort(key=lambda e: e.published, reverse=True)
    return episodes


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold.

    >>> _xml_text("a\\x00b\\x1bc")
    'abc'
    """
    return _XML_ILLEGAL.sub("", text)


def _hms(seconds: float) -> str:
    """itunes:duration.

    >>> _hms(3723.4)
    '01:02:03'
    """
    total = int(round(seconds))
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def build_feed(episodes: list[Episode], config: FeedConfig) -> bytes:
    """The RSS document."""
    ET.register_namespace("itunes", ITUNES)
    ET.register_namespace("podcast", PODCAST)
    ET.register_namespace("atom", "http://www.w3.org/2005/Atom")
    base = config.base_url if config.base_url.endswith("/") else config.base_url + "/"
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, tag, {k: _xml_text(v) for k, v in attrs.items()})
        if text is not None:
            el.text = _xml_text(text)
        return el

    language = config.language or (episodes[0].lang if episodes else "en")
    sub(channel, "title", config.title)
    description = config.description or phrase(language, "feed")
    sub(channel, "description", description)
    sub(channel, "link", config.link or base)
    sub(channel, "{http://www.w3.org/2005/Atom}link", href=base + "feed.xml", rel="self", type="application/rss+xml")
    sub(channel, "language", language)
    sub(channel, "generator", "heardline")
    if episodes:
        sub(channel, "lastBuildDate", rfc822(episodes[0].published))
    sub(channel, f"{{{ITUNES}}}image", href=config.image or base + "cover.png")
    ET.SubElement(channel, f"{{{ITUNES}}}category", {"text": config.category})
    sub(channel, f"{{{ITUNES}}}explicit", "true" if config.explicit else "false")
    sub(channel, f"{{{ITUNES}}}author", config.author or config.title)
    sub(channel, f"{{{ITUNES}}}summary", description)
    image = sub(channel, "image")
    sub(image, "url", config.image or base + "cover.png")
    sub(image, "title", config.title)
    sub(image, "link", config.link or base)
    for episode in episodes[: config.max_items]:
        item = sub(channel, "item")
        sub(item, "title", episode.title)
        sub(item, "description", episode.description)
        sub(item, "guid", episode.guid, isPermaLink="false")
        sub(item, "pubDate", rfc822(episode.published))
        rel = f"{episode.slug}/{episode.file.name}"
        sub(item, "enclosure", url=base + quote(rel), length=str(episode.file.stat().st_size), type=_MIME[episode.file.suffix])
        sub(item, f"{{{ITUNES}}}duration", _hms(episode.duration))
        sub(item, f"{{{ITUNES}}}explicit", "true" if config.explicit else "false")
        sub(item, f"{{{ITUNES}}}episodeType", "full")
        if episode.has_chapters:
            sub(item, f"{{{PODCAST}}}chapters", url=base + quote(f"{episode.slug}/chapters.json"), type="application/json+chapters")
        if episode.has_transcript:
            sub(item, f"{{{PODCAST}}}transcript", url=base + quote(f"{episode.slug}/transcript.vtt"), type="text/vtt", language=episode.lang)
    ET.indent(rss)
    body: bytes = ET.tostring(rss, encoding="utf-8")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def write_feed(out_dir: Path, config: FeedConfig) -> Path:
    """``out_dir/feed.xml`` (and ``cover.png`` when the config names no image), atomically."""
    from ..atomic import write_bytes

    if not config.image:
        cover = out_dir / "cover.png"
        if not cover.exists():
            write_bytes(cover, _plain_cover())
    return write_bytes(out_dir / "feed.xml", build_feed(find_episodes(out_dir), config))


def _plain_cover(size: int = 1400) -> bytes:
    """A square PNG in one colour: the smallest cover Apple accepts, made without any image library."""
    import struct
    import zlib

    row = b"\x00" + bytes((0x1F, 0x3A, 0x5F)) * size
    raw = zlib.compress(row * size, 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
