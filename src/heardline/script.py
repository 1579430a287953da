"""The Script: what narrate produces and speak/audio time — chapters of spoken segments.

Like the Document it is plain data (frozen dataclasses, no imports of ours).
Times are ``None`` until the audio is assembled; then every segment's
``[start, end)`` is in seconds from the start of the episode and the segments
of a chapter tile it without gaps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = "heardline.script/1"
#: ``Segment.block`` of a chapter title that narration adds (the chapter has no heading on the page)
TITLE_BLOCK = -1
ROLES = ("headline", "date", "byline", "lead", "body", "heading", "caption", "alt", "credit", "list", "quote", "related")


@dataclass(frozen=True)
class Segment:
    """One sentence (or short phrase) spoken in one voice."""

    id: str
    # headline | date | byline | lead | body | heading | caption | alt | credit | list | quote | related
    role: str
    # the words spoken, after normalisation and the lexicon
    text: str
    # the words on the page this segment stands for
    source_text: str
    lang: str
    # index of the Document block it comes from (TITLE_BLOCK for an added chapter title)
    block: int
    # silence after it, in seconds (sentence, paragraph, figure or chapter pause)
    pause: float = 0.0
    # engine voice id, set by speak
    voice: str = ""
    start: float | None = None
    end: float | None = None


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    segments: tuple[Segment, ...]
    # Document block indices of this chapter, in order (also those not spoken)
    blocks: tuple[int, ...] = ()
    # path of the chapter audio relative to the output folder, set by audio
    audio: str = ""
    start: float | None = None
    end: float | None = None


@dataclass(frozen=True)
class Script:
    lang: str
    chapters: tuple[Chapter, ...]
    duration: float | None = None
    # things narration noticed (unspoken content, missing voices), for report.json
    notes: tuple[str, ...] = field(default=())

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(s for c in self.chapters for s in c.segments)


def clock(seconds: float, hours: int = 2, separator: str = ".") -> str:
    """A time as [H]H:MM:SS.mmm, for transcripts, SMIL and OPF.

    >>> clock(3723.4567)
    '01:02:03.457'
    >>> clock(1.5, hours=1), clock(1.5, separator=",")
    ('0:00:01.500', '00:00:01,500')
    """
    millis = int(round(seconds * 1000))
    h, rest = divmod(millis, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:0{hours}d}:{m:02d}:{s:02d}{separator}{ms:03d}"


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def to_json(script: Script) -> dict[str, Any]:
    """The Script as ``heardline.script/1`` JSON."""
    return {
        "schema": SCHEMA,
        "lang": script.lang,
        "duration": _r(script.duration),
        "chapters": [
            {
                "id": c.id,
                "title": c.title,
                "start": _r(c.start),
                "end": _r(c.end),
                "audio": c.audio,
                "segments": [
                    {
                        "id": s.id,
                        "role": s.role,
                        "text": s.text,
                        "source_text": s.source_text,
                        "lang": s.lang,
                        "voice": s.voice,
                        "start": _r(s.start),
                        "end": _r(s.end),
                        "block": s.block,
                    }
                    for s in c.segments
                ],
            }
            for c in script.chapters
        ],
    }
