"""Encoding chapter signals to files: WAV with the standard library, MP3, Ogg/Opus
and M4B (AAC) with ffmpeg, which writes the encoder-delay headers that let
players and decoders give back exactly the samples that went in."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from ..atomic import atomic_path
from ..errors import OutputError
from .tags import write_id3, write_opus_comments

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


def to_pcm16(signal: np.ndarray) -> Iterator[bytes]:
    """float32 in [-1, 1] as little-endian 16-bit PCM, clipped, a megasample at a time.

    >>> b"".join(to_pcm16(np.array([0.0, 0.5, 2.0], dtype=np.float32)))
    b'\\x00\\x00\\x00@\\xff\\x7f'
    """
    step = 1 << 20
    for start in range(0, signal.size, step):
        part = np.clip(signal[start : start + step], -1.0, 1.0) * 32767.0
        yield np.rint(part).astype("<i2").tobytes()


def _escape(value: str) -> str:
    r"""FFMETADATA escaping.

    >>> _escape("a=b; c#d\\e")
    'a\\=b\\; c\\#d\\\\e'
    """
    return re.sub(r"([=;#\\\n])", r"\\\1", value)


def _ffmetadata(metadata: dict[str, str], chapters: list[tuple[float, float, str]]) -> str:
    lines = [";FFMETADATA1"] + [f"{key}={_escape(value)}" for key, value in metadata.items() if value]
    for start, end, title in chapters:
        lines += ["", "[CHAPTER]", "TIMEBASE=1/1000", f"START={int(round(start * 1000))}", f"END={int(round(end * 1000))}", f"title={_escape(title)}"]
    return "\n".join(lines) + "\n"


def encode(
    signal: np.ndarray,
    rate: int,
    target: Path,
    fmt: str,
    metadata: dict[str, str] | None = None,
    chapters: list[tuple[float, float, str]] | None = None,
    cover: tuple[bytes, str] | None = None,
) -> Path:
    """Write ``signal`` (mono float32 at ``rate``) to ``target`` in ``fmt``, atomically,
    with tags, chapter marks (start, end, title in seconds) and cover art (bytes, extension)
    where the format has them: ID3v2 CHAP/CTOC for MP3, QuickTime/Nero chapters for M4B,
    chapter comments for Opus."""
    if fmt not in AUDIO_FORMATS:
        raise OutputError(f"unknown audio format {fmt!r} (known: {', '.join(AUDIO_FORMATS)})")
    with atomic_path(target) as tmp:
        if fmt == "wav":
            with wave.open(str(tmp), "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(2)
                w.setframerate(rate)
                for chunk in to_pcm16(signal):
                    w.writeframesraw(chunk)
            return target
        if not ffmpeg_available():
            raise OutputError(f"{target.name}: the {fmt} format needs ffmpeg, which is not installed (apt-get install ffmpeg)")
        # MP3 and Opus tags and chapters are written by mutagen afterwards (see tags)
        ff_tags, ff_chapters = ({}, []) if fmt in ("mp3", "ogg") else (metadata or {}, chapters or [])
        with tempfile.TemporaryDirectory() as work:
            meta_file = Path(work) / "metadata.txt"
            meta_file.write_text(_ffmetadata(ff_tags, ff_chapters), encoding="utf-8")
            # raw PCM through a file: subprocess pipes feed stdin 512 bytes at a time
            raw = Path(work) / "audio.pcm"
            with open(raw, "wb") as fh:
                for chunk in to_pcm16(signal):
                    fh.write(chunk)
            inputs = ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", str(raw), "-i", str(meta_file)]
            maps = ["-map", "0:a", "-map_metadata", "1", "-map_chapters", "1"]
            if cover is not None and fmt == "m4b":
                cover_file = Path(work) / f"cover{cover[1]}"
                cover_file.write_bytes(cover[0])
                inputs += ["-i", str(cover_file)]
                maps += ["-map", "2:v", "-c:v", "copy", "-disposition:v", "attached_pic"]
            extra = ["-id3v2_version", "0", "-write_id3v1", "0", "-write_xing", "1"] if fmt == "mp3" else []
            command = [
                "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                *inputs, *maps, *AUDIO_FORMATS[fmt][1], *extra, str(tmp),
            ]
            proc = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True)
        if proc.returncode != 0:
            message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OutputError(f"{target.name}: ffmpeg could not encode {fmt}: {message[-1] if message else proc.returncode}")
        if fmt == "mp3" and (metadata or chapters or cover):
            write_id3(tmp, metadata or {}, chapters or [], cover, url=(metadata or {}).get("comment", ""))
        if fmt == "ogg" and (metadata or chapters):
            write_opus_comments(tmp, metadata or {}, chapters or [])
    return target
