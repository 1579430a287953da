"""Transcripts: WebVTT and SubRip, one cue per spoken segment at its episode times.

Cues carry the words as written (``source_text``), not the spelled-out forms
the voice was given, and a WebVTT voice tag naming the role for headings.
"""

from __future__ import annotations

from ..script import Script

__all__ = ["to_vtt", "to_srt"]


def _stamp(seconds: float, comma: bool = False) -> str:
    """HH:MM:SS.mmm.

    >>> _stamp(3723.4567)
    '01:02:03.457'
    >>> _stamp(1.5, comma=True)
    '00:00:01,500'
    """
    millis = int(round(seconds * 1000))
    h, rest = divmod(millis, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{',' if comma else '.'}{ms:03d}"


def _cue_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("-->", "->")


def to_vtt(script: Script) -> str:
    lines = ["WEBVTT", ""]
    for chapter in script.chapters:
        for seg in chapter.segments:
            assert seg.start is not None and seg.end is not None
            lines += [seg.id, f"{_stamp(seg.start)} --> {_stamp(seg.end)}", _cue_text(seg.source_text), ""]
    return "\n".join(lines)


def to_srt(script: Script) -> str:
    lines: list[str] = []
    number = 0
    for chapter in script.chapters:
        for seg in chapter.segments:
            assert seg.start is not None and seg.end is not None
            number += 1
            lines += [str(number), f"{_stamp(seg.start, True)} --> {_stamp(seg.end, True)}", seg.source_text, ""]
    return "\n".join(lines)
