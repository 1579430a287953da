"""Decoding audio files for tests, with the library's own ffmpeg module (the real consumer)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from heardline.audio.encode import decode as decode_pcm16

RATE = 22050


def decode(path: Path, rate: int = RATE) -> np.ndarray:
    """A file decoded by ffmpeg to mono float32 at ``rate``."""
    return decode_pcm16(path, rate).astype(np.float32) / 32768.0


def rms(signal: np.ndarray) -> float:
    return float(np.sqrt(np.mean(signal.astype(np.float64) ** 2))) if signal.size else 0.0
