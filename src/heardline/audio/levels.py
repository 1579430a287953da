"""Levels: what loudness and limiting need to know of each synthesised segment,
measured once when the segment is made and kept beside it in the synthesis cache.

Per 5 ms block of the segment's speech (from its first to its last loud sample,
see :func:`speech_bounds`): the K-weighted energy (BS.1770) and the sample peak.
From these the narration's integrated loudness, the gain that brings it to the
target and the limiter's effect are known before a single sample is rendered,
and an unchanged segment is never read again to learn them.
"""

from __future__ import annotations

import contextlib
import wave
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import numpy as np

from ..errors import SpeechError

__all__ = ["BLOCK", "LevelsReader", "SegmentLevels", "levels_of", "measure_levels", "read_wav", "sidecar", "speech_bounds"]

# limiter and level resolution, seconds
BLOCK = 0.005
# below this absolute amplitude (of 1.0) a sample counts as silence: about -50 dBFS
_SILENCE = 0.003
# speech kept around the first and last loud sample, in seconds
_MARGIN = 0.02
# the sidecar's layout version (first value of the file)
_VERSION = 1.0


@dataclass(frozen=True)
class SegmentLevels:
    """Where a segment's speech is in its file, and its levels per block of :data:`BLOCK`."""

    start: int
    stop: int
    rate: int
    # K-weighted sum of squares per block of the speech, float32
    energy: np.ndarray
    # largest absolute sample per block, float32
    peak: np.ndarray

    @property
    def block(self) -> int:
        return block_size(self.rate)


def block_size(rate: int) -> int:
    return max(1, int(BLOCK * rate))


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
    samples = np.frombuffer(data, dtype="<i2").astype(np.float32) / np.float32(32768.0)
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    return samples, rate


def speech_bounds(samples: np.ndarray, rate: int) -> tuple[int, int]:
    """Where the speech is: from the first to the last sample above the silence
    threshold, with a small margin.

    >>> x = np.concatenate([np.zeros(1000), np.ones(500) * 0.5, np.zeros(2000)]).astype(np.float32)
    >>> speech_bounds(x, 10000)
    (800, 1700)
    """
    loud = np.flatnonzero(np.abs(samples) > _SILENCE)
    if loud.size == 0:
        return 0, 0
    margin = int(_MARGIN * rate)
    return max(0, int(loud[0]) - margin), min(len(samples), int(loud[-1]) + 1 + margin)


def block_peaks(signal: np.ndarray, block: int) -> np.ndarray:
    """The largest absolute sample of each block (the last one may be short).

    >>> block_peaks(np.array([0.1, -0.5, 0.2, 0.3, -0.1], dtype=np.float32), 2).tolist()
    [0.5, 0.30000001192092896, 0.10000000149011612]
    """
    whole = signal.size // block
    peaks = np.abs(signal[: whole * block]).reshape(whole, block).max(axis=1) if whole else np.zeros(0, np.float32)
    if signal.size > whole * block:
        peaks = np.append(peaks, np.abs(signal[whole * block :]).max())
    return peaks.astype(np.float32)


def block_energy(signal: np.ndarray, rate: int, block: int) -> np.ndarray:
    """K-weighted sum of squares of each block of ``signal`` (filtered from rest)."""
    from .loudness import k_weighted

    squares = np.square(k_weighted(signal, rate).astype(np.float64))
    whole = signal.size // block
    energy: np.ndarray = squares[: whole * block].reshape(whole, block).sum(axis=1)
    if signal.size > whole * block:
        energy = np.append(energy, squares[whole * block :].sum())
    return energy


def measure_levels(samples: np.ndarray, rate: int) -> SegmentLevels:
    start, stop = speech_bounds(samples, rate)
    speech = samples[start:stop]
    block = block_size(rate)
    return SegmentLevels(start, stop, rate, block_energy(speech, rate, block).astype(np.float32), block_peaks(speech, block))


def sidecar(path: Path) -> Path:
    """Where a segment file's levels are kept: beside it."""
    return path.with_name(path.name + ".levels.npy")


def _save(levels: SegmentLevels, target: Path) -> None:
    header = np.array([_VERSION, levels.start, levels.stop, levels.rate, levels.energy.size], dtype=np.float64)
    data = np.concatenate([header, levels.energy, levels.peak.astype(np.float64)])
    tmp = target.with_name(target.name + ".part.npy")
    np.save(tmp, data)
    tmp.replace(target)


def _load(path: Path) -> SegmentLevels | None:
    try:
        data = np.load(path)
    except (OSError, ValueError):
        return None
    if data.ndim != 1 or data.size < 5 or data[0] != _VERSION:
        return None
    count = int(data[4])
    if data.size != 5 + 2 * count:
        return None
    return SegmentLevels(int(data[1]), int(data[2]), int(data[3]), data[5 : 5 + count].astype(np.float32), data[5 + count :].astype(np.float32))


def levels_of(path: Path) -> SegmentLevels:
    """The levels of a segment file: from its sidecar, else measured now and kept
    (a read-only cache still works, only slower)."""
    known = _load(sidecar(path))
    if known is not None:
        return known
    samples, rate = read_wav(path)
    levels = measure_levels(samples, rate)
    with contextlib.suppress(OSError):
        _save(levels, sidecar(path))
    return levels


class LevelsReader:
    """Segment levels read (or measured) on a thread of their own as segment files
    arrive, while the others are still being synthesised; a context manager.

    ``submit`` a file when it is there; ``get`` its levels (waiting if need be)."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="heardline-levels")
        self._futures: dict[Path, Future[SegmentLevels]] = {}

    def __enter__(self) -> LevelsReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, path: Path) -> None:
        if path in self._futures:
            return
        known = _load(sidecar(path))
        if known is None:
            self._futures[path] = self._pool.submit(levels_of, path)
        else:
            self._futures[path] = Future()
            self._futures[path].set_result(known)

    def get(self, path: Path) -> SegmentLevels:
        future = self._futures.get(path)
        return future.result() if future is not None else levels_of(path)
