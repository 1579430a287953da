"""The engines' audio files: 16-bit mono WAV at :data:`~heardline.speak.engine.SAMPLE_RATE`,
written and, when an engine speaks at another rate, resampled here."""

from __future__ import annotations

import wave
from math import gcd
from pathlib import Path

import numpy as np

from .engine import SAMPLE_RATE

__all__ = ["write_wav", "conform"]


def write_wav(path: Path, samples: np.ndarray, rate: int) -> None:
    """Float samples in [-1, 1] as a 16-bit mono WAV at :data:`SAMPLE_RATE`.

    >>> import tempfile, numpy as np
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_wav(Path(d) / "a.wav", np.zeros(16000, dtype=np.float32), 16000)
    ...     w = wave.open(str(Path(d) / "a.wav")); (w.getframerate(), w.getnframes())
    (22050, 22050)
    """
    if rate != SAMPLE_RATE:
        from scipy.signal import resample_poly

        common = gcd(rate, SAMPLE_RATE)
        samples = resample_poly(samples, SAMPLE_RATE // common, rate // common)
    pcm = np.clip(np.round(np.asarray(samples, dtype=np.float64) * 32767.0), -32767, 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(pcm.tobytes())


def conform(path: Path) -> None:
    """Rewrite a 16-bit WAV at :data:`SAMPLE_RATE` mono when it is not already."""
    with wave.open(str(path), "rb") as w:
        rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
        if rate == SAMPLE_RATE and channels == 1:
            return
        data = w.readframes(w.getnframes())
    if width != 2:
        raise RuntimeError(f"{path}: expected 16-bit audio, got {8 * width}-bit")
    samples = np.frombuffer(data, dtype="<i2").astype(np.float32).reshape(-1, channels).mean(axis=1) / 32768.0
    write_wav(path, samples, rate)
