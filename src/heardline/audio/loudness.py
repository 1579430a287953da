"""Loudness: the narration brought to a podcast's target integrated loudness
(ITU-R BS.1770, measured with pyloudnorm) with a look-ahead peak limiter
instead of clipping, and true peak estimated by 4x oversampling.

pyloudnorm and scipy are used here and nowhere else.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .levels import block_peaks, block_size

__all__ = ["BlockLevels", "Loudness", "measure", "limit", "solve_gain", "k_weighted", "MONO_OFFSET"]

# a mono file is heard on both speakers: the convention is 3 LU below the stereo target
MONO_OFFSET = -3.0


@dataclass(frozen=True)
class Loudness:
    integrated: float  # LUFS
    sample_peak: float  # dBFS
    true_peak: float  # dBTP (4x oversampled estimate)


def _db(value: float) -> float:
    return float(20 * np.log10(value)) if value > 0 else float("-inf")


_CHUNK_HOPS = 600  # 60 s of audio at a time: memory stays small for hour-long episodes


@lru_cache(maxsize=4)
def _k_weighting(rate: int) -> tuple[np.ndarray, float]:
    """pyloudnorm's BS.1770 K-weighting (shelf and high-pass) as second-order sections."""
    import pyloudnorm

    rows, gain = [], 1.0
    for stage in pyloudnorm.Meter(rate)._filters.values():
        b, a = np.asarray(stage.b, dtype=np.float64), np.asarray(stage.a, dtype=np.float64)
        rows.append(np.concatenate([b / a[0], a / a[0]]))
        gain *= stage.passband_gain
    return np.array(rows), gain


def k_weighted(signal: np.ndarray, rate: int) -> np.ndarray:
    """The signal K-weighted (from rest), float32."""
    from scipy.signal import sosfilt

    sos, gain = _k_weighting(rate)
    filtered = sosfilt(sos.astype(np.float32), signal.astype(np.float32, copy=False))
    return np.asarray(filtered * np.float32(gain), dtype=np.float32)


def _hop_energies(signal: np.ndarray, rate: int) -> np.ndarray:
    """Sum of squares of the K-weighted signal per 100 ms hop, filtered in chunks."""
    from scipy.signal import sosfilt

    sos, gain = _k_weighting(rate)
    hop = int(round(0.1 * rate))
    hops = len(signal) // hop
    energies = np.empty(hops, dtype=np.float64)
    state = np.zeros((sos.shape[0], 2))
    scale = 1 / 32768.0 if signal.dtype == np.int16 else 1.0
    sos = sos.astype(np.float32)
    state = state.astype(np.float32)
    for first in range(0, hops, _CHUNK_HOPS):
        last = min(hops, first + _CHUNK_HOPS)
        part = signal[first * hop : last * hop].astype(np.float32) * np.float32(scale)
        filtered, state = sosfilt(sos, part, zi=state)
        filtered *= gain
        energies[first:last] = np.square(filtered, dtype=np.float64).reshape(-1, hop).sum(axis=1)
    return energies


def _integrated(signal: np.ndarray, rate: int) -> float:
    """Integrated loudness of a mono signal (float32, or int16 PCM), BS.1770-4:
    pyloudnorm's K-weighting, then its gating — 400 ms blocks every 100 ms, the
    -70 LUFS absolute and -10 LU relative gates — computed from 100 ms hop
    energies, so an hour of audio is measured in seconds and little memory
    (pyloudnorm itself loops over blocks in Python and holds float64 copies)."""
    return _gated_loudness(_hop_energies(signal, rate), rate)


def _gated_loudness(energies: np.ndarray, rate: int) -> float:
    """BS.1770 gated loudness from 100 ms hop energies (400 ms blocks = 4 hops)."""
    hop = int(round(0.1 * rate))
    if energies.size < 4:
        return float("-inf")
    sums = np.concatenate([[0.0], np.cumsum(energies)])
    z = (sums[4:] - sums[:-4]) / (4 * hop)
    with np.errstate(divide="ignore"):
        loud = -0.691 + 10 * np.log10(z)
    gated = z[loud >= -70.0]
    if gated.size == 0:
        return float("-inf")
    relative = -0.691 + 10 * np.log10(gated.mean()) - 10.0
    final = z[(loud >= -70.0) & (loud >= relative)]
    return float(-0.691 + 10 * np.log10(final.mean())) if final.size else float("-inf")


def reference_loudness(signal: np.ndarray, rate: int) -> float:
    """pyloudnorm's own measurement (slow on long audio; used to check ours)."""
    import pyloudnorm

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(pyloudnorm.Meter(rate).integrated_loudness(signal.astype(np.float64)))


def true_peak(signal: np.ndarray, candidates: int = 200) -> float:
    """Largest absolute value of the signal oversampled 4x, looked for around its
    highest sample peaks (where inter-sample peaks are), in the signal's own units."""
    if signal.size == 0:
        return 0.0
    block = 64
    peaks = block_peaks(signal.astype(np.float32), block)
    chosen = np.argsort(peaks)[-candidates:]
    return max(float(np.max(np.abs(signal))), float(np.max(_oversampled_peaks(signal, block, chosen))))


def measure(signal: np.ndarray, rate: int) -> Loudness:
    """Loudness of a float32 signal, or of int16 PCM (as decoded)."""
    scale = 1 / 32768.0 if signal.dtype == np.int16 else 1.0
    peak_index = int(np.argmax(np.abs(signal))) if signal.size else 0
    sample_peak = abs(float(signal[peak_index])) * scale if signal.size else 0.0
    return Loudness(
        integrated=_integrated(signal, rate),
        sample_peak=_db(sample_peak),
        true_peak=_db(true_peak(signal) * scale),
    )


def _block_gains(peaks: np.ndarray, ceiling: float) -> np.ndarray:
    """Per block the gain that keeps it under ``ceiling``, the minimum over its two
    neighbours on each side (10 ms of attack and release).

    >>> _block_gains(np.array([0.1, 0.1, 0.1, 2.0, 0.1, 0.1, 0.1]), 1.0).tolist()
    [1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 1.0]
    """
    from scipy.ndimage import minimum_filter1d

    gains = np.where(peaks > ceiling, ceiling / np.maximum(peaks, 1e-12), 1.0)
    filtered: np.ndarray = minimum_filter1d(gains, size=5, mode="nearest")
    return filtered.astype(np.float64)


@lru_cache(maxsize=1)
def _interpolator() -> np.ndarray:
    """A 4x interpolation filter (49-tap windowed sinc) as its four phases, one per column."""
    from scipy.signal import firwin

    taps = np.zeros(52)
    taps[:49] = firwin(49, 0.25, window=("kaiser", 5.0)) * 4
    return taps.reshape(13, 4)[::-1].astype(np.float32)


# input samples of context on each side of a block when it is oversampled
_CONTEXT = 8


def _oversampled_peaks(signal: np.ndarray, block: int, candidates: np.ndarray) -> np.ndarray:
    """The 4x-oversampled (true) peak around each candidate block (the block and a
    few samples either side), all candidates in one matrix product."""
    from numpy.lib.stride_tricks import sliding_window_view

    phases = _interpolator()
    pad = _CONTEXT + phases.shape[0]
    padded = np.concatenate([np.zeros(pad, np.float32), signal.astype(np.float32), np.zeros(block + pad, np.float32)])
    starts = candidates * block + pad - _CONTEXT - phases.shape[0] // 2
    width = block + 2 * _CONTEXT + phases.shape[0]
    windows = padded[starts[:, None] + np.arange(width)]
    interpolated = sliding_window_view(windows, phases.shape[0], axis=1) @ phases
    return np.asarray(np.abs(interpolated).max(axis=(1, 2)), dtype=np.float64)


def limit(signal: np.ndarray, rate: int, ceiling: float) -> None:
    """A look-ahead true-peak limiter, in place: per 5 ms block the gain that keeps
    the block's true peak (4x oversampled, computed where the sample peak is within
    3 dB of the ceiling) under ``ceiling``, the minimum over its neighbours, ramped
    linearly from block to block so the gain never jumps. Checked afterwards and
    tightened until no block's true peak is above the ceiling."""
    block = block_size(rate)
    target = ceiling
    for _ in range(4):
        peaks = block_peaks(signal, block).astype(np.float64)
        candidates = np.flatnonzero(peaks > ceiling / np.sqrt(2.0))
        if candidates.size:
            peaks[candidates] = np.maximum(peaks[candidates], _oversampled_peaks(signal, block, candidates))
        if not np.any(peaks > ceiling):
            return
        gains = _block_gains(peaks, target)
        ends = np.append(gains[1:], gains[-1])
        ramp = np.arange(block, dtype=np.float64) / block
        for index in np.flatnonzero((gains < 1.0) | (ends < 1.0)):
            piece = signal[index * block : (index + 1) * block]
            piece *= (gains[index] + (ends[index] - gains[index]) * ramp[: piece.size]).astype(np.float32)
        # interpolation across a changed block can still overshoot a little: aim lower next time
        target *= 0.98


def limited_energy(energy: np.ndarray, peaks: np.ndarray, gain: float, ceiling: float) -> np.ndarray:
    """Block energies after ``gain`` (linear) and the limiter, from the blocks' energies and sample peaks."""
    gains = _block_gains(peaks.astype(np.float64) * gain, ceiling)
    ends = np.append(gains[1:], gains[-1]) if gains.size else gains
    # mean square of a linear ramp from a to b: (a² + ab + b²) / 3
    limited: np.ndarray = energy * gain**2 * (gains**2 + gains * ends + ends**2) / 3
    return limited


@dataclass(frozen=True)
class BlockLevels:
    """One segment's levels where it is in the narration: its first block starts at sample ``at``."""

    at: int
    energy: np.ndarray
    peak: np.ndarray


def _loudness(segments: Sequence[BlockLevels], block: int, hops: int, rate: int, gain: float | None, ceiling: float) -> float:
    """Integrated loudness from the segments' block energies (after ``gain`` and the
    limiter, when given) summed into the 100 ms hops they fall in, a segment at a time."""
    hop = int(round(0.1 * rate))
    energies = np.zeros(hops + 1, dtype=np.float64)
    for segment in segments:
        energy = segment.energy if gain is None else limited_energy(segment.energy, segment.peak, gain, ceiling)
        index = np.minimum((segment.at + np.arange(energy.size) * block) // hop, hops)
        energies += np.bincount(index, weights=energy, minlength=hops + 1)[: hops + 1]
    return _gated_loudness(energies[:hops], rate)


def reached_loudness(segments: Sequence[BlockLevels], block: int, hops: int, rate: int, gain_db: float, ceiling: float) -> float:
    """The integrated loudness (LUFS) the segments reach after ``gain_db`` and the limiter."""
    return _loudness(segments, block, hops, rate, 10 ** (gain_db / 20), ceiling)


def solve_gain(segments: Sequence[BlockLevels], block: int, hops: int, rate: int, target: float, ceiling: float) -> tuple[float, float]:
    """The gain in dB that brings the narration, limited under ``ceiling``, to
    ``target`` LUFS, and the loudness it is predicted to reach: the limiter takes a
    little loudness off, made up for in a few steps."""
    current = _loudness(segments, block, hops, rate, None, ceiling)
    if not np.isfinite(current):
        return 0.0, current
    gain_db = target - current
    reached = current
    for _ in range(4):
        reached = _loudness(segments, block, hops, rate, 10 ** (gain_db / 20), ceiling)
        shortfall = target - reached
        if abs(shortfall) < 0.02:
            break
        gain_db += shortfall
    return gain_db, reached
