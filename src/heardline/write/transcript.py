"""Transcripts: WebVTT and SubRip, one cue per spoken segment at its episode times.

Cues carry the words as written (``source_text``), not the spelled-out forms
the voice was given; in WebVTT, headlines and headings carry a voice tag naming
their role (``<v Headline>``), so a player can set them apart.
"""

from __future__ import annotations

from ..script import Script, Segment, clock

__all__ = ["to_vtt", "to_srt"]


def _stamp(seconds: float, comma: bool = False) -> str:
    return clock(seconds, separator="," if comma else ".")


def _cue_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("-->", "->")


# roles whose WebVTT cues carry a voice tag, and its name
_VOICE_TAGS = {"headline": "Headline", "heading": "Heading"}


def _vtt_cue(role: str, text: str) -> str:
    """A WebVTT cue's text, with the voice tag of its role.

    >>> _vtt_cue("heading", "Floods & storms"), _vtt_cue("body", "A <b> tag")
    ('<v Heading>Floods &amp; storms</v>', 'A &lt;b&gt; tag')
    """
    name = _VOICE_TAGS.get(role)
    return f"<v {name}>{_cue_text(text)}</v>" if name else _cue_text(text)


def _times(seg: Segment) -> tuple[float, float]:
    if seg.start is None or seg.end is None:
        raise ValueError(f"segment {seg.id} has no times: transcripts are written from a spoken script")
    return seg.start, seg.end


def to_vtt(script: Script) -> str:
    lines = ["WEBVTT", ""]
    for chapter in script.chapters:
        for seg in chapter.segments:
            start, end = _times(seg)
            lines += [seg.id, f"{_stamp(start)} --> {_stamp(end)}", _vtt_cue(seg.role, seg.source_text), ""]
    return "\n".join(lines)


def to_srt(script: Script) -> str:
    lines: list[str] = []
    number = 0
    for chapter in script.chapters:
        for seg in chapter.segments:
            start, end = _times(seg)
            number += 1
            lines += [str(number), f"{_stamp(start, True)} --> {_stamp(end, True)}", seg.source_text, ""]
    return "\n".join(lines)
