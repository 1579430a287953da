"""Rendering: the narration made a piece at a time, at the podcast loudness.

The gain comes from the segments' levels (:mod:`heardline.audio.levels`) before
any audio is made; each segment's speech is then read, scaled and limited on
its own (its edges are silence), so any stretch of the narration can be made
without the rest, in memory proportional to one segment.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .assemble import AssembledAudio, Placement
from .levels import block_size, read_wav
from .loudness import BlockLevels, limit, reached_loudness, solve_gain

__all__ = ["Mastering", "master", "reached", "render"]

# at most this many samples in one rendered chunk
_CHUNK = 1 << 18


@dataclass(frozen=True)
class Mastering:
    """How the narration is brought to its loudness: a gain (dB) and the limiter's
    true-peak ceiling (linear); ``predicted`` is the loudness (LUFS) this reaches."""

    gain_db: float
    ceiling: float
    predicted: float

    @property
    def gain(self) -> float:
        return float(10 ** (self.gain_db / 20))


def _segments(assembled: AssembledAudio) -> tuple[list[BlockLevels], int]:
    """The segments' levels where they are, and the number of 100 ms hops of the narration."""
    segments = [BlockLevels(p.at, p.levels.energy, p.levels.peak) for p in assembled.placements]
    return segments, assembled.length // int(round(0.1 * assembled.rate))


def master(assembled: AssembledAudio, target: float, ceiling_db: float) -> Mastering:
    """The gain that brings the narration to ``target`` LUFS with true peaks under
    ``ceiling_db`` dBTP, from the segments' levels alone (no audio is read)."""
    rate = assembled.rate
    segments, hops = _segments(assembled)
    ceiling = float(10 ** (ceiling_db / 20))
    gain_db, predicted = solve_gain(segments, block_size(rate), hops, rate, target, ceiling)
    return Mastering(gain_db, ceiling, predicted)


def reached(assembled: AssembledAudio, mastering: Mastering) -> Mastering:
    """``mastering`` (found on a part of the narration) with the loudness it gives the whole."""
    segments, hops = _segments(assembled)
    predicted = reached_loudness(segments, block_size(assembled.rate), hops, assembled.rate, mastering.gain_db, mastering.ceiling)
    return Mastering(mastering.gain_db, mastering.ceiling, predicted)


def _speech(placement: Placement, mastering: Mastering, rate: int) -> np.ndarray:
    samples, _ = read_wav(placement.path)
    speech = samples[placement.levels.start : placement.levels.stop] * np.float32(mastering.gain)
    limit(speech, rate, mastering.ceiling)
    return speech


def render(assembled: AssembledAudio, mastering: Mastering, start: int = 0, stop: int | None = None) -> Iterator[np.ndarray]:
    """Samples ``[start, stop)`` of the mastered narration (mono float32), in chunks."""
    stop = assembled.length if stop is None else min(stop, assembled.length)
    position = start
    for placement in assembled.placements:
        if placement.end <= position:
            continue
        if placement.at >= stop:
            break
        yield from _silence(placement.at - position)
        speech = _speech(placement, mastering, assembled.rate)
        first = max(0, position - placement.at)
        last = min(placement.length, stop - placement.at)
        yield speech[first:last]
        position = placement.at + last
    yield from _silence(stop - position)


def _silence(count: int) -> Iterator[np.ndarray]:
    while count > 0:
        size = min(count, _CHUNK)
        yield np.zeros(size, dtype=np.float32)
        count -= size
