"""Assembly: each chapter's segments, trimmed of the engine's own leading and
trailing silence, joined with the profile's pauses. Timings come from the
sample counts of the assembled audio itself: a segment runs from the middle of
the pause before it to the middle of the pause after it, so the segments of a
chapter tile it exactly and every boundary falls in a real silence.
"""

from __future__ import annotations

import wave
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..errors import SpeechError
from ..script import Chapter, Script, Segment

__all__ = ["AssembledAudio", "assemble", "read_wav", "trim_silence"]

# below this absolute amplitude (of 1.0) a sample counts as silence: about -50 dBFS
_SILENCE = 0.003
# speech kept around the first and last loud sample, in seconds
_MARGIN = 0.02


@dataclass(frozen=True)
class AssembledAudio:
    """The timed Script and one mono float32 signal per chapter."""

    script: Script
    chapters: tuple[np.ndarray, ...]
    rate: int


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


def trim_silence(samples: np.ndarray, rate: int) -> np.ndarray:
    """The signal without leading and trailing silence (a small margin kept).

    >>> import numpy as np
    >>> x = np.concatenate([np.zeros(1000), np.ones(500) * 0.5, np.zeros(2000)]).astype(np.float32)
    >>> len(trim_silence(x, 10000))
    900
    """
    loud = np.flatnonzero(np.abs(samples) > _SILENCE)
    if loud.size == 0:
        return samples[:0]
    margin = int(_MARGIN * rate)
    return samples[max(0, loud[0] - margin) : min(len(samples), loud[-1] + 1 + margin)]


def _silence(seconds: float, rate: int) -> np.ndarray:
    return np.zeros(int(round(seconds * rate)), dtype=np.float32)


def assemble(script: Script, audio: dict[str, Path], lead_in: float) -> AssembledAudio:
    """Chapter signals and the Script timed to them (seconds from the episode start)."""
    rate = 0
    signals: list[np.ndarray] = []
    chapters: list[Chapter] = []
    offset = 0  # samples from the episode start
    cache: dict[Path, np.ndarray] = {}
    for chapter in script.chapters:
        pieces: list[np.ndarray] = []
        spans: list[tuple[int, int]] = []  # (speech start, speech end) in samples within the chapter
        position = 0
        for index, seg in enumerate(chapter.segments):
            path = audio[seg.id]
            if path not in cache:
                samples, seg_rate = read_wav(path)
                rate = rate or seg_rate
                if seg_rate != rate:
                    raise SpeechError(f"segment {seg.id}: sample rate {seg_rate} differs from {rate}")
                cache[path] = trim_silence(samples, rate)
            speech = cache[path]
            if index == 0:
                pieces.append(_silence(lead_in, rate))
                position += len(pieces[-1])
            pieces.append(speech)
            spans.append((position, position + len(speech)))
            position += len(speech)
            pieces.append(_silence(seg.pause, rate))
            position += len(pieces[-1])
        signal = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.float32)
        # boundaries in the middle of each pause; the chapter's ends are its own
        bounds = [0] + [(spans[i][1] + spans[i + 1][0]) // 2 for i in range(len(spans) - 1)] + [len(signal)]
        timed = tuple(
            replace(seg, start=(offset + bounds[i]) / rate, end=(offset + bounds[i + 1]) / rate)
            for i, seg in enumerate(chapter.segments)
        )
        chapters.append(replace(chapter, segments=timed, start=offset / rate, end=(offset + len(signal)) / rate))
        signals.append(signal)
        offset += len(signal)
    timed_script = replace(script, chapters=tuple(chapters), duration=offset / rate if rate else 0.0)
    return AssembledAudio(script=timed_script, chapters=tuple(signals), rate=rate or 22050)
