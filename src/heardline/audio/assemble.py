"""Assembly: each chapter's segments, trimmed of the engine's own leading and
trailing silence, joined with the profile's pauses. Timings come from the
sample counts of the assembled audio itself: a segment runs from the middle of
the pause before it to the middle of the pause after it, so the segments of a
chapter tile it exactly and every boundary falls in a real silence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import SpeechError
from ..script import Chapter, Script
from .levels import SegmentLevels, levels_of

__all__ = ["AssembledAudio", "Placement", "assemble"]


@dataclass(frozen=True)
class Placement:
    """One segment's speech in the narration: samples ``[levels.start, levels.stop)``
    of ``path`` go to sample ``at`` of the episode."""

    path: Path
    levels: SegmentLevels
    at: int

    @property
    def length(self) -> int:
        return self.levels.stop - self.levels.start

    @property
    def end(self) -> int:
        return self.at + self.length


@dataclass(frozen=True)
class AssembledAudio:
    """The timed Script and where every segment's speech goes in the narration;
    the signal itself is only made, a piece at a time, by :mod:`heardline.audio.render`."""

    script: Script
    placements: tuple[Placement, ...]
    # sample offset where each chapter starts, and the end
    bounds: tuple[int, ...]
    rate: int

    @property
    def length(self) -> int:
        return self.bounds[-1]


def assemble(
    script: Script, audio: dict[str, Path], lead_in: float, levels: Callable[[Path], SegmentLevels] = levels_of
) -> AssembledAudio:
    """The Script timed to the narration (seconds from the episode start) and the
    layout of the narration; where the speech is in each segment file comes from
    its levels, measured once and kept beside it (:func:`~heardline.audio.levels.levels_of`)."""
    rate = 0
    trims: dict[Path, SegmentLevels] = {}
    for seg in script.segments:
        path = audio[seg.id]
        if path not in trims:
            trims[path] = levels(path)
            rate = rate or trims[path].rate
            if trims[path].rate != rate:
                raise SpeechError(f"segment {seg.id}: sample rate {trims[path].rate} differs from {rate}")
    rate = rate or 22050
    lead = int(round(lead_in * rate))
    chapters: list[Chapter] = []
    placements: list[Placement] = []
    chapter_bounds = [0]
    offset = 0  # samples from the episode start
    for chapter in script.chapters:
        spans: list[tuple[int, int]] = []  # speech (start, end) within the chapter
        position = lead if chapter.segments else 0
        for seg in chapter.segments:
            placement = Placement(audio[seg.id], trims[audio[seg.id]], offset + position)
            spans.append((position, position + placement.length))
            placements.append(placement)
            position += placement.length + int(round(seg.pause * rate))
        # boundaries in the middle of each pause; the chapter's ends are its own
        cuts = [0] + [(spans[i][1] + spans[i + 1][0]) // 2 for i in range(len(spans) - 1)] + [position]
        timed = tuple(
            replace(seg, start=(offset + cuts[i]) / rate, end=(offset + cuts[i + 1]) / rate)
            for i, seg in enumerate(chapter.segments)
        )
        chapters.append(replace(chapter, segments=timed, start=offset / rate, end=(offset + position) / rate))
        offset += position
        chapter_bounds.append(offset)
    timed_script = replace(script, chapters=tuple(chapters), duration=offset / rate)
    return AssembledAudio(script=timed_script, placements=tuple(placements), bounds=tuple(chapter_bounds), rate=rate)
