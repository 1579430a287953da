"""Assembly: each chapter's segments, trimmed of the engine's own leading and
trailing silence, joined with the profile's pauses. Timings come from the
sample counts of the assembled audio itself: a segment runs from the middle of
the pause before it to the middle of the pause after it, so the segments of a
chapter tile it exactly and every boundary falls in a real silence.
"""

from __future__ import annotations

import contextlib
import json
import wave
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..atomic import write_json
from ..errors import OutputError, SpeechError
from ..script import Chapter, Script

__all__ = ["AssembledAudio", "assemble", "read_wav", "speech_bounds"]

# below this absolute amplitude (of 1.0) a sample counts as silence: about -50 dBFS
_SILENCE = 0.003
# speech kept around the first and last loud sample, in seconds
_MARGIN = 0.02


@dataclass(frozen=True)
class AssembledAudio:
    """The timed Script and where every segment's speech goes in the narration;
    :meth:`render` builds the signal only when something must be encoded."""

    script: Script
    # (segment file, speech start in the file, speech end in the file, where it goes in the narration)
    placements: tuple[tuple[Path, int, int, int], ...]
    # sample offset where each chapter starts, and the end
    bounds: tuple[int, ...]
    rate: int

    def render(self) -> np.ndarray:
        """The whole narration as one mono float32 signal, allocated once."""
        signal = np.zeros(self.bounds[-1], dtype=np.float32)
        for path, start, stop, at in self.placements:
            signal[at : at + stop - start] = read_wav(path)[0][start:stop]
        return signal

    def chapter_views(self, signal: np.ndarray) -> tuple[np.ndarray, ...]:
        return tuple(signal[a:b] for a, b in zip(self.bounds, self.bounds[1:]))


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """A 16-bit PCM WAV as mono float32 in [-1, 1] and its sample rate."""
    try:
        with wave.open(str(path), "rb") as w:
            rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
            data = w.readframes(w.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise SpeechError(f"{path}: unreadable synthesised audio ({exc})") from exc
    if width != 2:
        raise SpeechError(f"{path}: expected 16-bit audio, got {8 * width}-bit")
    samples = np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    return samples, rate


def speech_bounds(samples: np.ndarray, rate: int) -> tuple[int, int]:
    """Where the speech is: from the first to the last sample above the silence
    threshold, with a small margin.

    >>> import numpy as np
    >>> x = np.concatenate([np.zeros(1000), np.ones(500) * 0.5, np.zeros(2000)]).astype(np.float32)
    >>> speech_bounds(x, 10000)
    (800, 1700)
    """
    loud = np.flatnonzero(np.abs(samples) > _SILENCE)
    if loud.size == 0:
        return 0, 0
    margin = int(_MARGIN * rate)
    return max(0, int(loud[0]) - margin), min(len(samples), int(loud[-1]) + 1 + margin)


def assemble(script: Script, audio: dict[str, Path], lead_in: float) -> AssembledAudio:
    """The Script timed to the narration (seconds from the episode start) and the
    layout of the narration; where the speech is in each segment file is read once
    and remembered, and the signal is only built by :meth:`AssembledAudio.render`."""
    rate = 0
    trims: dict[Path, tuple[int, int]] = {}
    for seg in script.segments:
        path = audio[seg.id]
        if path not in trims:
            start, stop, seg_rate = _speech_of(path)
            rate = rate or seg_rate
            if seg_rate != rate:
                raise SpeechError(f"segment {seg.id}: sample rate {seg_rate} differs from {rate}")
            trims[path] = (start, stop)
    rate = rate or 22050
    lead = int(round(lead_in * rate))
    chapters: list[Chapter] = []
    placements: list[tuple[Path, int, int, int]] = []
    chapter_bounds = [0]
    offset = 0  # samples from the episode start
    for chapter in script.chapters:
        spans: list[tuple[int, int]] = []  # speech (start, end) within the chapter
        position = lead if chapter.segments else 0
        for seg in chapter.segments:
            start, stop = trims[audio[seg.id]]
            spans.append((position, position + stop - start))
            placements.append((audio[seg.id], start, stop, offset + position))
            position += stop - start + int(round(seg.pause * rate))
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


def _speech_of(path: Path) -> tuple[int, int, int]:
    """Speech bounds and sample rate of a segment file, remembered beside it
    (``<file>.speech.json``) so an unchanged article reads no audio at all."""
    side = path.with_name(path.name + ".speech.json")
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
        return int(data["start"]), int(data["stop"]), int(data["rate"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    samples, rate = read_wav(path)
    start, stop = speech_bounds(samples, rate)
    with contextlib.suppress(OutputError):  # a read-only cache still works, only slower
        write_json(side, {"start": start, "stop": stop, "rate": rate})
    return start, stop, rate
