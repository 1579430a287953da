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


_CHUNK_HOPS = 600  # 60 s of audio at a time: memory stays small for hour-long episodes


def _k_weighting(rate: int) -> tuple[np.ndarray, float]:
    """pyloudnorm's BS.1770 K-weighting (shelf and high-pass) as second-order sections."""
    import pyloudnorm

    rows, gain = [], 1.0
    for stage in pyloudnorm.Meter(rate)._filters.values():
        b, a = np.asarray(stage.b, dtype=np.float64), np.asarray(stage.a, dtype=np.float64)
        rows.append(np.concatenate([b / a[0], a / a[0]]))
        gain *= stage.passband_gain
    return np.array(rows), gain


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
    from scipy.signal import resample_poly

    if signal.size == 0:
        return 0.0
    block = 64
    whole = signal.size // block
    peaks = np.abs(signal[: whole * block].reshape(whole, block)).max(axis=1) if whole else np.abs(signal)
    best = float(np.max(np.abs(signal)))
    for index in np.argsort(peaks)[-candidates:] if whole else []:
        start, stop = max(0, index * block - block), min(signal.size, index * block + 2 * block)
        up = resample_poly(signal[start:stop].astype(np.float64), 4, 1)
        best = max(best, float(np.max(np.abs(up))))
    return best


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


def _limit(signal: np.ndarray, rate: int, ceiling: float) -> np.ndarray:  # returns the indices of the blocks it changed
    """A look-ahead limiter, in place: per 5 ms block the gain that keeps it under
    ``ceiling``, the minimum over its neighbours (10 ms of attack and release),
    ramped linearly from block to block — so no sample exceeds the ceiling and
    the gain never jumps. Blocks that need no limiting are not touched."""
    from scipy.ndimage import minimum_filter1d

    block = max(1, int(_BLOCK * rate))
    whole = signal.size // block
    peaks = np.abs(signal[: whole * block]).reshape(whole, block).max(axis=1) if whole else np.zeros(0, np.float32)
    if signal.size > whole * block:
        peaks = np.append(peaks, np.abs(signal[whole * block :]).max())
    gains = np.where(peaks > ceiling, ceiling / np.maximum(peaks, 1e-12), 1.0)
    gains = minimum_filter1d(gains, size=5, mode="nearest")
    ends = np.append(gains[1:], gains[-1])
    ramp = np.arange(block, dtype=np.float32) / block
    active = np.flatnonzero((gains < 1.0) | (ends < 1.0))
    for index in active:
        start = index * block
        piece = signal[start : start + block]
        piece *= (gains[index] + (ends[index] - gains[index]) * ramp[: piece.size]).astype(np.float32)
    return active * block


def _patched(energies: np.ndarray, signal: np.ndarray, rate: int, changed: np.ndarray) -> np.ndarray:
    """Hop energies of ``signal`` where it differs from the signal ``energies`` were
    measured on (around the samples in ``changed``): only those hops are filtered
    again, each run with 100 ms of signal before it to settle the filters."""
    hop = int(round(0.1 * rate))
    hops = np.unique(changed // hop)
    hops = hops[hops < energies.size]
    if hops.size == 0:
        return energies
    out = energies.copy()
    breaks = np.flatnonzero(np.diff(hops) > 1)
    for first, last in zip(np.r_[hops[0], hops[breaks + 1]], np.r_[hops[breaks], hops[-1]]):
        lead = 1 if first > 0 else 0
        piece = signal[(first - lead) * hop : (last + 1) * hop]
        out[first : last + 1] = _hop_energies(piece, rate)[lead:]
    return out


def normalize(signal: np.ndarray, rate: int, target: float, ceiling_db: float = -2.0) -> float:
    """Bring the signal, in place, to ``target`` LUFS with sample peaks at most
    ``ceiling_db`` dBFS (room for the lossy encoder's overshoot); return the gain in dB.

    The signal is K-weighted once; after limiting, only the hops the limiter
    touched are measured again."""
    base = _hop_energies(signal, rate)
    current = _gated_loudness(base, rate)
    if not np.isfinite(current):
        return 0.0
    gain_db = target - current
    ceiling = 10 ** (ceiling_db / 20)
    out = signal
    out *= np.float32(10 ** (gain_db / 20))
    changed = _limit(out, rate, ceiling)
    # limiting lowers the loudness a little: measure again and make up for it (in place)
    for _ in range(2):
        energies = _patched(base * 10 ** (gain_db / 10), out, rate, changed)
        shortfall = target - _gated_loudness(energies, rate)
        if abs(shortfall) < 0.15:
            break
        gain_db += shortfall
        out *= np.float32(10 ** (shortfall / 20))
        changed = np.union1d(changed, _limit(out, rate, ceiling))
    return gain_db
