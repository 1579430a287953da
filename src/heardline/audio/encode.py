"""Encoding chapter signals to files: WAV with the standard library, MP3, Ogg/Opus
and M4B (AAC) with ffmpeg, which writes the encoder-delay headers that let
players and decoders give back exactly the samples that went in."""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np

from ..atomic import atomic_path
from ..errors import OutputError

__all__ = ["AUDIO_FORMATS", "encode", "ffmpeg_available", "to_pcm16"]

# format -> (extension, ffmpeg output arguments)
AUDIO_FORMATS: dict[str, tuple[str, list[str]]] = {
    # speech from the engine is 22.05 kHz mono: kept at that rate (MPEG-2 layer III), LAME quality 7
    "mp3": (".mp3", ["-c:a", "libmp3lame", "-b:a", "64k", "-compression_level", "7", "-f", "mp3"]),
    "ogg": (".ogg", ["-c:a", "libopus", "-b:a", "48k", "-ar", "48000", "-application", "voip", "-f", "ogg"]),
    "m4b": (".m4b", ["-c:a", "aac", "-b:a", "64k", "-ar", "44100", "-f", "ipod"]),
    "wav": (".wav", []),
}


def ffmpeg_available() -> bool:
    return shutil.which("ffmpeg") is not None


def to_pcm16(signal: np.ndarray) -> bytes:
    """float32 in [-1, 1] to little-endian 16-bit PCM, clipped."""
    return (np.clip(signal, -1.0, 1.0) * 32767.0).round().astype("<i2").tobytes()


def encode(signal: np.ndarray, rate: int, target: Path, fmt: str, metadata: dict[str, str] | None = None) -> Path:
    """Write ``signal`` (mono float32 at ``rate``) to ``target`` in ``fmt``, atomically."""
    if fmt not in AUDIO_FORMATS:
        raise OutputError(f"unknown audio format {fmt!r} (known: {', '.join(AUDIO_FORMATS)})")
    pcm = to_pcm16(signal)
    with atomic_path(target) as tmp:
        if fmt == "wav":
            with wave.open(str(tmp), "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(2)
                w.setframerate(rate)
                w.writeframes(pcm)
            return target
        if not ffmpeg_available():
            raise OutputError(f"{target.name}: the {fmt} format needs ffmpeg, which is not installed (apt-get install ffmpeg)")
        tags: list[str] = []
        for key, value in (metadata or {}).items():
            tags += ["-metadata", f"{key}={value}"]
        command = [
            "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
            "-map_metadata", "-1", *tags, *AUDIO_FORMATS[fmt][1], str(tmp),
        ]
        proc = subprocess.run(command, input=pcm, capture_output=True)
        if proc.returncode != 0:
            message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OutputError(f"{target.name}: ffmpeg could not encode {fmt}: {message[-1] if message else proc.returncode}")
    return target
