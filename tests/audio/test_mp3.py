"""MP3 frames: chapter files cut from one encoding decode to exactly their samples."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from heardline.audio.encode import decode, encode
from heardline.audio.mp3 import FrameTable, frame_span, read_frames, write_stream
from heardline.errors import OutputError

RATE = 22050


def _speechlike(seconds: float) -> np.ndarray:
    rng = np.random.default_rng(3)
    t = np.arange(int(seconds * RATE)) / RATE
    envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 3 * t)
    return (0.3 * envelope * np.sin(2 * np.pi * 220 * t + rng.normal(0, 0.3, t.size).cumsum() * 0.01)).astype(np.float32)


@pytest.fixture(scope="module")
def encoded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, np.ndarray]:
    path = encode(_speechlike(20.0), RATE, tmp_path_factory.mktemp("mp3") / "whole.mp3", "mp3")
    return path, decode(path, RATE)


@pytest.mark.parametrize("span", [(0, 100_000), (100_000, 250_001), (250_001, 441_000), (12_345, 12_345 + 576)])
def test_a_cut_decodes_to_exactly_the_same_samples(encoded: tuple[Path, np.ndarray], tmp_path: Path, span: tuple[int, int]) -> None:
    path, whole = encoded
    frames = read_frames(path)
    table = FrameTable.of([(path, frames.frames)])
    first, last, skip = frame_span(*span, frames.delay, frames.samples_per_frame, len(table))
    cut = tmp_path / "cut.mp3"
    write_stream(cut, frames, table, first, last, skip, span[1] - span[0])
    got = decode(cut, RATE)
    assert len(got) == span[1] - span[0]
    assert np.array_equal(got, whole[span[0] : span[1]])


def test_the_whole_stream_rebuilt_from_its_frames_is_the_same(encoded: tuple[Path, np.ndarray], tmp_path: Path) -> None:
    path, whole = encoded
    frames = read_frames(path)
    rebuilt = tmp_path / "again.mp3"
    table = FrameTable.of([(path, frames.frames)])
    write_stream(rebuilt, frames, table, 0, len(table), frames.delay, whole.size)
    assert np.array_equal(decode(rebuilt, RATE), whole)


def test_a_file_that_is_not_a_plain_mp3_stream_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.mp3"
    bad.write_bytes(b"ID3\x04\x00" + bytes(300))
    with pytest.raises(OutputError, match="not a plain MP3 stream"):
        read_frames(bad)
