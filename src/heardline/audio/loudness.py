"""Loudness: the narration brought to a podcast's target integrated loudness
(ITU-R BS.1770, measured with pyloudnorm) with a look-ahead peak limiter
instead of clipping, and true peak estimated by 4x oversampling.

pyloudnorm and scipy are used here and nowhere else.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

__all__ = ["Loudness", "measure", "normalize", "MONO_OFFSET"]

# a mono file is heard on both speakers: the convention is 3 LU below the stereo target
MONO_OFFSET = -3.0
_BLOCK = 0.005  # limiter gain resolution, seconds


@dataclass(frozen=True)
class Loudness:
    integrated: float  # LUFS
    sample_peak: float  # dBFS
    true_peak: float  # dBTP (4x oversampled estimate)


def _db(value: float) -> float:
    return float(20 * np.log10(value)) if value > 0 else float("-inf")


def _integrated(signal: np.ndarray, rate: int) -> float:
    """Integrated loudness of a mono signal, BS.1770-4: pyloudnorm's K-weighting
    filters, and its gating (400 ms blocks, 75 % overlap, -70 LUFS absolute and
    -10 LU relative gates) done with cumulative sums instead of a Python loop
    over blocks, which pyloudnorm takes minutes over for an hour of audio."""
    import pyloudnorm

    if len(signal) < int(0.4 * rate):
        return float("-inf")
    meter = pyloudnorm.Meter(rate)
    weighted = signal.astype(np.float64)
    for stage in meter._filters.values():
        weighted = stage.apply_filter(weighted)
    block = int(round(0.4 * rate))
    blocks = int(np.round((len(weighted) / rate - 0.4) / 0.1)) + 1
    starts = (np.arange(blocks) * 0.1 * rate).astype(np.int64)
    squares = np.concatenate([[0.0], np.cumsum(weighted * weighted)])
    z = (squares[np.minimum(starts + block, len(weighted))] - squares[starts]) / block
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
    highest sample peaks (where inter-sample peaks are)."""
    from scipy.signal import resample_poly

    if signal.size == 0:
        return 0.0
    peak = float(np.max(np.abs(signal)))
    order = np.argpartition(np.abs(signal), -min(candidates, signal.size))[-candidates:]
    best = peak
    for index in order:
        start, stop = max(0, index - 32), min(signal.size, index + 32)
        up = resample_poly(signal[start:stop].astype(np.float64), 4, 1)
        best = max(best, float(np.max(np.abs(up))))
    return best


def measure(signal: np.ndarray, rate: int) -> Loudness:
    return Loudness(
        integrated=_integrated(signal, rate),
        sample_peak=_db(float(np.max(np.abs(signal))) if signal.size else 0.0),
        true_peak=_db(true_peak(signal)),
    )


def _limit(signal: np.ndarray, rate: int, ceiling: float) -> np.ndarray:
    """A look-ahead limiter: per 5 ms block the gain that keeps it under ``ceiling``,
    the minimum over its neighbours, interpolated sample by sample — so no sample
    exceeds the ceiling and the gain never jumps."""
    from scipy.ndimage import minimum_filter1d

    block = max(1, int(_BLOCK * rate))
    count = -(-signal.size // block)
    padded = np.zeros(count * block, dtype=np.float32)
    padded[: signal.size] = np.abs(signal)
    peaks = padded.reshape(count, block).max(axis=1)
    with np.errstate(divide="ignore"):
        gains = np.where(peaks > ceiling, ceiling / np.maximum(peaks, 1e-12), 1.0)
    gains = minimum_filter1d(gains, size=5, mode="nearest")  # 10 ms either side: attack and release
    # gain ramps linearly from each block's start to the next block's; only blocks that limit are touched
    ends = np.append(gains[1:], gains[-1])
    out = padded.copy()
    out[: signal.size] = signal
    frames = out.reshape(count, block)
    active = np.flatnonzero((gains < 1.0) | (ends < 1.0))
    ramp = np.arange(block, dtype=np.float32) / block
    frames[active] *= gains[active, None] + (ends[active, None] - gains[active, None]) * ramp
    return frames.reshape(-1)[: signal.size].astype(np.float32)


def normalize(signal: np.ndarray, rate: int, target: float, ceiling_db: float = -2.0) -> tuple[np.ndarray, float]:
    """The signal at ``target`` LUFS with sample peaks at most ``ceiling_db`` dBFS
    (leaving room for the lossy encoder's overshoot), and the gain applied in dB."""
    current = _integrated(signal, rate)
    if not np.isfinite(current):
        return signal, 0.0
    gain_db = target - current
    out = (signal * 10 ** (gain_db / 20)).astype(np.float32)
    ceiling = 10 ** (ceiling_db / 20)
    # limiting lowers the loudness a little: measure again and make up for it
    limited = _limit(out, rate, ceiling)
    for _ in range(2):
        shortfall = target - _integrated(limited, rate)
        if abs(shortfall) < 0.2:
            break
        out = (out * 10 ** (shortfall / 20)).astype(np.float32)
        gain_db += shortfall
        limited = _limit(out, rate, ceiling)
    return limited, gain_db
