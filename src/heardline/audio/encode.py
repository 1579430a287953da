"""Encoding and decoding audio files: WAV with the standard library, MP3, Ogg/Opus
and M4B (AAC) with ffmpeg, which writes the encoder-delay headers that let
players and decoders give back exactly the samples that went in.

ffmpeg is called here and nowhere else."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

import numpy as np

from ..atomic import atomic_path
from ..errors import OutputError
from ..interrupt import die_with_parent
from .tags import write_id3, write_opus_comments

__all__ = ["AUDIO_FORMATS", "Signal", "decode", "decode_windows", "encode", "ffmpeg_available", "tag_file", "to_pcm16", "wav_writer"]

# a whole signal, or its chunks in order (mono float32 in [-1, 1])
Signal = np.ndarray | Iterable[np.ndarray]

# format -> (extension, ffmpeg output arguments)
AUDIO_FORMATS: dict[str, tuple[str, list[str]]] = {
    # speech from the engine is 22.05 kHz mono: kept at that rate (MPEG-2 layer III), LAME quality 7;
    # without the bit reservoir every frame carries its own data, so files can be cut at any frame (see mp3)
    "mp3": (".mp3", ["-c:a", "libmp3lame", "-b:a", "64k", "-compression_level", "7", "-reservoir", "0", "-f", "mp3"]),
    "ogg": (".ogg", ["-c:a", "libopus", "-b:a", "48k", "-ar", "48000", "-application", "voip", "-f", "ogg"]),
    "m4b": (".m4b", ["-c:a", "aac", "-b:a", "64k", "-ar", "44100", "-f", "ipod"]),
    "wav": (".wav", []),
}


def ffmpeg_available() -> bool:
    return shutil.which("ffmpeg") is not None


def to_pcm16(signal: Signal) -> Iterator[bytes]:
    """float32 in [-1, 1] as little-endian 16-bit PCM, clipped, a megasample at a time.

    >>> b"".join(to_pcm16(np.array([0.0, 0.5, 2.0], dtype=np.float32)))
    b'\\x00\\x00\\x00@\\xff\\x7f'
    """
    step = 1 << 20
    for chunk in [signal] if isinstance(signal, np.ndarray) else signal:
        for start in range(0, chunk.size, step):
            part = np.clip(chunk[start : start + step], -1.0, 1.0) * 32767.0
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
    signal: Signal,
    rate: int,
    target: Path,
    fmt: str,
    metadata: dict[str, str] | None = None,
    chapters: list[tuple[float, float, str]] | None = None,
    cover: tuple[bytes, str] | None = None,
) -> Path:
    """Write ``signal`` (mono float32 at ``rate``, whole or in chunks) to ``target``
    in ``fmt``, atomically, with tags, chapter marks (start, end, title in seconds)
    and cover art (bytes, extension) where the format has them: ID3v2 CHAP/CTOC for
    MP3, QuickTime/Nero chapters for M4B, chapter comments for Opus. The samples
    are streamed to the encoder: the signal is never whole in memory."""
    if fmt not in AUDIO_FORMATS:
        raise OutputError(f"unknown audio format {fmt!r} (known: {', '.join(AUDIO_FORMATS)})")
    if fmt == "wav":
        with wav_writer(target, rate) as write:
            for chunk in [signal] if isinstance(signal, np.ndarray) else signal:
                write(chunk)
        return target
    with atomic_path(target) as tmp:
        _run_encoder(signal, rate, tmp, fmt, metadata or {}, chapters or [], cover)
        tag_file(tmp, fmt, metadata or {}, chapters or [], cover)
    return target


@contextlib.contextmanager
def wav_writer(target: Path, rate: int) -> Iterator[Callable[[np.ndarray], None]]:
    """A 16-bit mono WAV file written atomically, chunk by chunk: yields ``write(chunk)``."""
    with atomic_path(target) as tmp, wave.open(str(tmp), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)

        def write(chunk: np.ndarray) -> None:
            for data in to_pcm16(chunk):
                w.writeframesraw(data)

        yield write


def tag_file(path: Path, fmt: str, metadata: dict[str, str], chapters: list[tuple[float, float, str]], cover: tuple[bytes, str] | None = None) -> None:
    """Tags and chapter marks of MP3 and Opus files (written by mutagen: ffmpeg rounds chapters)."""
    if fmt == "mp3" and (metadata or chapters or cover):
        write_id3(path, metadata, chapters, cover, url=metadata.get("comment", ""))
    if fmt == "ogg" and (metadata or chapters):
        write_opus_comments(path, metadata, chapters)


def _run_encoder(
    signal: Signal, rate: int, tmp: Path, fmt: str, metadata: dict[str, str], chapters: list[tuple[float, float, str]], cover: tuple[bytes, str] | None
) -> None:
    if not ffmpeg_available():
        raise OutputError(f"{tmp.name}: the {fmt} format needs ffmpeg, which is not installed (apt-get install ffmpeg)")
    # MP3 and Opus tags and chapters are written by mutagen afterwards (see tag_file)
    ff_tags, ff_chapters = ({}, []) if fmt in ("mp3", "ogg") else (metadata, chapters)
    with tempfile.TemporaryDirectory(prefix="heardline-encode-") as work:
        inputs = ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0"]
        maps = ["-map", "0:a", "-map_metadata", "-1"]
        # a second input costs ffmpeg about a third more CPU time: given only when it has something
        if ff_tags or ff_chapters:
            meta_file = Path(work) / "metadata.txt"
            meta_file.write_text(_ffmetadata(ff_tags, ff_chapters), encoding="utf-8")
            inputs += ["-i", str(meta_file)]
            maps = ["-map", "0:a", "-map_metadata", "1", "-map_chapters", "1"]
        if cover is not None and fmt == "m4b":
            cover_file = Path(work) / f"cover{cover[1]}"
            cover_file.write_bytes(cover[0])
            maps += ["-map", f"{inputs.count('-i')}:v", "-c:v", "copy", "-disposition:v", "attached_pic"]
            inputs += ["-i", str(cover_file)]
        extra = ["-id3v2_version", "0", "-write_id3v1", "0", "-write_xing", "1"] if fmt == "mp3" else []
        command = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", *inputs, *maps, *AUDIO_FORMATS[fmt][1], *extra, str(tmp)]
        with open(Path(work) / "stderr.txt", "w+b") as errors:
            proc = subprocess.Popen(die_with_parent(command), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors)
            _feed(proc.stdin, signal)
            code = proc.wait()
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace").strip().splitlines()
    if code != 0:
        raise OutputError(f"{tmp.name}: ffmpeg could not encode {fmt}: {message[-1] if message else code}")


def _feed(stdin: IO[bytes] | None, signal: Signal) -> None:
    if stdin is None:
        return
    # a broken pipe means ffmpeg stopped: its exit status and message say why
    with contextlib.suppress(BrokenPipeError):
        for chunk in to_pcm16(signal):
            stdin.write(chunk)
    with contextlib.suppress(BrokenPipeError):
        stdin.close()


def decode(path: Path, rate: int, start: float = 0.0, duration: float | None = None) -> np.ndarray:
    """A file (or ``duration`` seconds of it from ``start``) decoded by ffmpeg to mono
    16-bit PCM at ``rate``: what listeners get."""
    window = (["-ss", f"{start:.3f}"] if start > 0 else []) + (["-t", f"{duration:.3f}"] if duration is not None else [])
    command = ["ffmpeg", "-nostdin", "-v", "error", *window, "-i", str(path), "-f", "s16le", "-ac", "1", "-ar", str(rate), "pipe:1"]
    proc = subprocess.run(die_with_parent(command), capture_output=True)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OutputError(f"{path.name}: cannot be decoded ({message[-1] if message else proc.returncode})")
    return np.frombuffer(proc.stdout, dtype="<i2")


def decode_windows(path: Path, rate: int, windows: list[tuple[float, float]]) -> list[np.ndarray]:
    """Stretches ``(start, duration)`` in seconds of a file, decoded as by :func:`decode`
    but by one ffmpeg process."""
    if not windows:
        return []
    with tempfile.TemporaryDirectory(prefix="heardline-decode-") as work:
        inputs: list[str] = []
        outputs: list[str] = []
        for n, (start, duration) in enumerate(windows):
            inputs += ["-ss", f"{max(0.0, start):.3f}", "-t", f"{duration:.3f}", "-i", str(path)]
            outputs += ["-map", f"{n}:a", "-f", "s16le", "-ac", "1", "-ar", str(rate), str(Path(work) / f"{n}.raw")]
        proc = subprocess.run(die_with_parent(["ffmpeg", "-nostdin", "-v", "error", "-y", *inputs, *outputs]), capture_output=True)
        if proc.returncode != 0:
            message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OutputError(f"{path.name}: cannot be decoded ({message[-1] if message else proc.returncode})")
        return [np.fromfile(Path(work) / f"{n}.raw", dtype="<i2") for n in range(len(windows))]
