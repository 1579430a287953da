"""MP3 frames: an encoded narration cut into chapter files, and pieces encoded
apart joined into one episode, at frame boundaries and sample-exact.

An MPEG-2 layer III frame holds 576 samples. Encoded without the bit reservoir
(each frame carries all its own data), a run of frames is a valid stream on its
own; a decoder starting on it needs one frame to fill its filter banks, so a
cut starts two frames early and the gapless header (the LAME tag of the Info
frame: encoder delay and padding) tells decoders how many samples to drop at
each end. With the encoder's delay ``D`` (the tag's delay plus the decoder's
529), frame ``f`` decodes to the samples ``[576 f - D, 576 (f + 1) - D)`` of the
input, which places every sample of the narration in a known frame.

Only the CBR streams ffmpeg's libmp3lame writes here are read: Info frame first.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import OutputError

__all__ = ["DECODER_DELAY", "FrameTable", "Mp3Frames", "read_frames", "frame_span", "samples_per_frame", "write_stream"]

# samples a layer III decoder's filter banks delay the signal (added to the tag's encoder delay)
DECODER_DELAY = 529
# warm-up frames decoded and dropped before a cut (the decoder's overlap needs one)
WARM_UP = 2

_BITRATES = {  # kbit/s by index: MPEG-1, and MPEG-2 / 2.5
    3: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
# offsets in the Info frame from the "Info" tag (as ffmpeg's muxer writes them)
_FRAMES, _BYTES, _TOC, _DELAY, _MUSIC_LENGTH, _MUSIC_CRC, _TAG_CRC = 8, 12, 16, 141, 148, 152, 154


@dataclass(frozen=True)
class Mp3Frames:
    """An MP3 file's Info frame and where each audio frame is."""

    path: Path
    info: bytes
    # offset of the "Info" tag in the Info frame
    tag: int
    # byte offset and size of every audio frame, one row each (int64)
    frames: np.ndarray
    samples_per_frame: int
    # the encoder delay the tag gives, plus the decoder's
    delay: int


def samples_per_frame(rate: int) -> int:
    """Samples in a layer III frame at this sample rate (MPEG-1 from 32 kHz, else MPEG-2)."""
    return 1152 if rate >= 32000 else 576


def _frame_size(header: int) -> tuple[int, int]:
    """Bytes and samples of the layer III frame with this 32-bit header.

    >>> _frame_size(0xFFF380C4)  # MPEG-2, 64 kbit/s, 22.05 kHz, no padding, mono
    (208, 576)
    >>> _frame_size(0xFFF36440)  # MPEG-2, 48 kbit/s, 24 kHz
    (144, 576)
    """
    if header >> 21 != 0x7FF or (header >> 17) & 3 != 1:
        raise ValueError("not a layer III frame header")
    version = (header >> 19) & 3
    bitrate = _BITRATES[3 if version == 3 else 2][(header >> 12) & 15] * 1000
    rate = _RATES[version][(header >> 10) & 3]
    padding = (header >> 9) & 1
    if version == 3:
        return 144 * bitrate // rate + padding, 1152
    return 72 * bitrate // rate + padding, 576


def read_frames(path: Path) -> Mp3Frames:
    """The frames of an MP3 written by :func:`heardline.audio.encode.encode` (no ID3 tags)."""
    data = path.read_bytes()
    frames: list[tuple[int, int]] = []
    position = 0
    samples = 0
    try:
        while position + 4 <= len(data):
            size, samples = _frame_size(int.from_bytes(data[position : position + 4], "big"))
            frames.append((position, size))
            position += size
    except (ValueError, IndexError, KeyError) as exc:
        raise OutputError(f"{path}: not a plain MP3 stream at byte {position}") from exc
    if not frames:
        raise OutputError(f"{path}: no MP3 frames")
    info = data[frames[0][0] : frames[0][0] + frames[0][1]]
    tag = max(info.find(b"Info"), info.find(b"Xing"))
    if tag < 0:
        raise OutputError(f"{path}: no Info frame (gapless header)")
    delay = int.from_bytes(info[tag + _DELAY : tag + _DELAY + 3], "big") >> 12
    return Mp3Frames(path, info, tag, np.array(frames[1:], dtype=np.int64).reshape(-1, 2), samples, delay + DECODER_DELAY)


def frame_span(start: int, stop: int, delay: int, spf: int, total: int) -> tuple[int, int, int]:
    """The frames ``[first, last)`` that decode samples ``[start, stop)`` of the
    input, and how many decoded samples come before ``start``.

    >>> frame_span(0, 1000, 1105, 576, 100)
    (0, 4, 1105)
    >>> frame_span(10000, 20000, 1105, 576, 100)
    (17, 37, 1313)
    """
    first = max(0, (start + delay) // spf - WARM_UP)
    last = min(total, -(-(stop + delay) // spf))
    return first, last, start + delay - first * spf


def _crc16(data: bytes) -> int:
    """CRC-16/ARC, as the LAME tag's own checksum.

    >>> hex(_crc16(b"123456789"))
    '0xbb3d'
    """
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def info_frame(template: Mp3Frames, sizes: list[int], skip: int, samples: int) -> bytes:
    """An Info frame for ``sizes`` audio frames that decode to ``samples`` samples after
    dropping the first ``skip``: frame and byte counts, seek table, delay and padding."""
    spf = template.samples_per_frame
    start_pad = skip - DECODER_DELAY
    end_pad = len(sizes) * spf - start_pad - samples
    if not (0 <= start_pad < 4096 and 0 <= end_pad < 4096):
        raise OutputError(f"cannot describe a cut of {samples} samples after {skip} in a gapless header")
    frame = bytearray(template.info)
    tag = template.tag
    total = len(frame) + sum(sizes)
    frame[tag + _FRAMES : tag + _FRAMES + 4] = struct.pack(">I", len(sizes))
    frame[tag + _BYTES : tag + _BYTES + 4] = struct.pack(">I", total)
    offsets = [len(frame)]
    for size in sizes:
        offsets.append(offsets[-1] + size)
    toc = bytes(min(255, 256 * offsets[i * len(sizes) // 100] // total) for i in range(100))
    frame[tag + _TOC : tag + _TOC + 100] = b"\x00" + toc[1:]
    frame[tag + _DELAY : tag + _DELAY + 3] = ((start_pad << 12) | end_pad).to_bytes(3, "big")
    frame[tag + _MUSIC_LENGTH : tag + _MUSIC_LENGTH + 4] = struct.pack(">I", total)
    frame[tag + _MUSIC_CRC : tag + _TAG_CRC + 2] = b"\x00" * 4
    frame[tag + _TAG_CRC : tag + _TAG_CRC + 2] = struct.pack(">H", _crc16(bytes(frame[:190])))
    return bytes(frame)


@dataclass(frozen=True)
class FrameTable:
    """Audio frames from one or more files, in order: for each, which file
    (index into ``files``), and its byte offset and size there."""

    files: tuple[Path, ...]
    file: np.ndarray
    offset: np.ndarray
    size: np.ndarray

    @staticmethod
    def of(parts: list[tuple[Path, np.ndarray]]) -> FrameTable:
        """The frames (rows of offset and size) of each file, joined."""
        rows = [frames.reshape(-1, 2) for _, frames in parts]
        return FrameTable(
            tuple(path for path, _ in parts),
            np.concatenate([np.full(len(r), i, dtype=np.int32) for i, r in enumerate(rows)] or [np.zeros(0, np.int32)]),
            np.concatenate([r[:, 0] for r in rows] or [np.zeros(0, np.int64)]),
            np.concatenate([r[:, 1] for r in rows] or [np.zeros(0, np.int64)]),
        )

    def __len__(self) -> int:
        return int(self.offset.size)

    def runs(self, first: int, last: int) -> Iterator[tuple[Path, int, int]]:
        """Frames ``[first, last)`` as runs of neighbouring frames of one file: (file, offset, bytes)."""
        file, offset, size = self.file[first:last], self.offset[first:last], self.size[first:last]
        if file.size == 0:
            return
        breaks = np.flatnonzero((file[1:] != file[:-1]) | (offset[1:] != offset[:-1] + size[:-1])) + 1
        for a, b in zip(np.r_[0, breaks], np.r_[breaks, file.size]):
            yield self.files[int(file[a])], int(offset[a]), int(offset[b - 1] + size[b - 1] - offset[a])


def write_stream(target: Path, template: Mp3Frames, table: FrameTable, first: int, last: int, skip: int, samples: int) -> None:
    """An MP3 file of frames ``[first, last)`` of ``table`` behind a fresh Info frame."""
    with open(target, "wb") as out:
        out.write(info_frame(template, table.size[first:last].tolist(), skip, samples))
        for path, offset, count in table.runs(first, last):
            with open(path, "rb") as fh:
                fh.seek(offset)
                out.write(fh.read(count))
