"""Decoding audio files with ffmpeg, the real consumer, for tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np

RATE = 22050


def decode(path: Path, rate: int = RATE) -> np.ndarray:
    """A file decoded by ffmpeg to mono float32 at ``rate``."""
    out = subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-ar", str(rate), "pipe:1"],
        capture_output=True, check=True,
    ).stdout
    return np.frombuffer(out, dtype="<i2").astype(np.float32) / 32768.0


def rms(signal: np.ndarray) -> float:
    return float(np.sqrt(np.mean(signal.astype(np.float64) ** 2))) if signal.size else 0.0
