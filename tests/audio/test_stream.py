"""MP3 pieces encoded while the narration is spoken (heardline.audio.stream): the
episode and chapter files cut from them keep every timing and loudness promise.

The real engine speaks (slower, and slowest on the last sentence, so the stream
has time to work beside it); the stream's sizes are made small so a short
article is cut into several pieces."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from audio_tools import RATE, decode

from heardline.audio import stream
from heardline.audio.loudness import reference_loudness, true_peak
from heardline.convert import AudioOptions, Options, Result, convert
from heardline.speak import SpeakOptions

pytestmark = pytest.mark.slow

WORDS = ["river", "council", "bridge", "harbour", "market", "budget", "election", "museum", "festival", "village"]


def _article(path: Path, last: str = "The meeting ended at long last.") -> Path:
    sections = []
    for s in range(3):
        sentences = [
            f"The {WORDS[(s + i) % 10]} and the {WORDS[(s * 3 + i) % 10]} were discussed again on day {i + 1} of the meeting." for i in range(12)
        ]
        paragraphs = "".join(f"<p>{' '.join(sentences[i : i + 3])}</p>" for i in range(0, 12, 3))
        sections.append(f"<h2>Part {s + 1}: the {WORDS[s]}</h2>{paragraphs}")
    # its last sentence is spoken slowly (tests/fake_engines.py): the stream has the rest by then
    sections.append(f"<p>{last}</p>")
    html = f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A meeting</title></head><body><article><h1>A long meeting in the city</h1>{"".join(sections)}</article></body></html>'
    path.write_text(html, encoding="utf-8")
    return path


def _options(root: Path, out: str) -> Options:
    return Options(
        out_dir=root / out,
        speak=SpeakOptions(engine="fake_engines:SlowEngine", cache_dir=root / "cache", jobs=2),
        audio=AudioOptions(formats=("mp3",)),
        epub=False,
    )


@pytest.fixture(scope="module")
def streamed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, dict[str, object]]:
    root = tmp_path_factory.mktemp("stream")
    with pytest.MonkeyPatch.context() as patch:
        # the gain from the first half: a short article's first tenth (its headline) may be 0.3 LU off
        patch.setattr(stream, "_GAIN_SHARE", 0.5)
        patch.setattr(stream, "_GAIN_SECONDS", 10.0)
        patch.setattr(stream, "_PIECE_SECONDS", 15.0)
        patch.setattr(stream, "_STEP", 1)
        result = convert(str(_article(root / "meeting.html")), _options(root, "out"))
    report = json.loads((result.folder / "report.json").read_text())
    return result, report


@pytest.fixture(scope="module")
def after_speech(streamed: tuple[Result, dict[str, object]]) -> Result:
    """The same article again from the same synthesis cache: nothing to speak, so
    every piece is encoded after assembly, the usual way."""
    result, _ = streamed
    root = result.folder.parents[1]
    return convert(str(root / "meeting.html"), _options(root, "again"))


def test_pieces_were_encoded_while_speaking(streamed: tuple[Result, dict[str, object]]) -> None:
    _, report = streamed
    loudness = report["loudness"]
    assert isinstance(loudness, dict)
    early = loudness["while_speaking"]
    assert early["pieces"] >= 2, early["how"]


def test_chapter_files_are_the_episode_cut_at_the_chapter_times(streamed: tuple[Result, dict[str, object]]) -> None:
    result, _ = streamed
    episode = decode(result.folder / f"{result.slug}.mp3")
    assert abs(len(episode) / RATE - (result.script.duration or 0.0)) <= 0.020
    for chapter in result.script.chapters:
        decoded = decode(result.folder / chapter.audio)
        assert abs(len(decoded) / RATE - (chapter.end - chapter.start)) <= 0.020, chapter.title
        start = int(round(chapter.start * RATE))
        same = episode[start : start + len(decoded)]
        assert np.max(np.abs(same - decoded[: len(same)])) < 2e-3, chapter.title


def test_the_episode_is_the_one_made_after_speech(streamed: tuple[Result, dict[str, object]], after_speech: Result) -> None:
    """Every piece holds the right stretch of the narration: the episode matches, chapter
    by chapter, the one made with no head start (a gain a fraction of a dB apart)."""
    result, _ = streamed
    assert [(c.start, c.end) for c in result.script.chapters] == [(c.start, c.end) for c in after_speech.script.chapters]
    ours = decode(result.folder / f"{result.slug}.mp3")
    usual = decode(after_speech.folder / f"{after_speech.slug}.mp3")
    assert len(ours) == len(usual)
    for chapter in result.script.chapters:
        span = slice(int(chapter.start * RATE), int(chapter.end * RATE))
        assert np.corrcoef(ours[span], usual[span])[0, 1] > 0.98, chapter.title


def test_a_bad_piece_made_while_speaking_only_costs_the_head_start(streamed: tuple[Result, dict[str, object]], monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces that cannot be joined are made again after speech: the episode is whole."""
    result, _ = streamed
    root = result.folder.parents[1]

    def unusable(assembled: object, mastering: object, span: tuple[int, int], path: Path) -> Path:
        path.write_bytes(b"not an MP3 stream")
        return path

    monkeypatch.setattr(stream, "encode_piece", unusable)
    monkeypatch.setattr(stream, "_GAIN_SHARE", 0.5)
    monkeypatch.setattr(stream, "_GAIN_SECONDS", 10.0)
    monkeypatch.setattr(stream, "_PIECE_SECONDS", 15.0)
    monkeypatch.setattr(stream, "_STEP", 1)
    # only the (slow) last sentence is new: the rest comes from the cache at once
    again = convert(str(_article(root / "changed.html", "The meeting ended at long last, near midnight.")), _options(root, "changed"))
    early = json.loads((again.folder / "report.json").read_text())["loudness"]["while_speaking"]
    assert early["pieces"] == 0 and early["how"].startswith("made again:"), early
    for chapter in again.script.chapters:
        assert abs(len(decode(again.folder / chapter.audio)) / RATE - (chapter.end - chapter.start)) <= 0.020, chapter.title


def test_episode_chapter_marks_agree_with_the_script(streamed: tuple[Result, dict[str, object]]) -> None:
    result, _ = streamed
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(result.folder / f"{result.slug}.mp3")], capture_output=True, check=True
    ).stdout
    starts = [float(c["start_time"]) for c in json.loads(probe)["chapters"]]
    expected = [c.start for c in result.script.chapters]
    assert len(starts) == len(expected)
    assert all(abs(a - b) <= 0.001 for a, b in zip(starts, expected))


def test_loudness_and_true_peak_hold(streamed: tuple[Result, dict[str, object]]) -> None:
    result, _ = streamed
    episode = decode(result.folder / f"{result.slug}.mp3")
    assert abs(reference_loudness(episode, RATE) - (-19.0)) <= 0.5
    assert 20 * np.log10(true_peak(episode)) <= -1.0
