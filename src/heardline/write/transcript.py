"""Transcripts: WebVTT and SubRip, one cue per spoken segment at its episode times.

Cues carry the words as written (``source_text``), not the spelled-out forms
the voice was given, and a WebVTT voice tag naming the role for headings.
"""

from __future__ import annotations

from ..script import Script, clock

__all__ = ["to_vtt", "to_srt"]


def _stamp(seconds: float, comma: bool = False) -> str:
    return clock(seconds, separator="," if comma else ".")


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
