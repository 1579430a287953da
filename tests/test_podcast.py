"""The podcast episode: chapters as players see them, tags, loudness, sidecars and the feed."""

from __future__ import annotations

import json
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import feedparser
import numpy as np
import pytest
from audio_tools import RATE, decode

from heardline.audio.loudness import reference_loudness, true_peak
from heardline.audio.tags import read_chapters, read_tags
from heardline.convert import AudioOptions, Options, Result, convert
from heardline.write.podcast import FeedConfig, write_feed

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def episode(sample_episode: tuple[Result, Options]) -> tuple[Result, Options]:
    return sample_episode


def ffprobe_chapters(path: Path) -> list[tuple[float, str]]:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(path)], capture_output=True, check=True).stdout
    return [(float(c["start_time"]), c.get("tags", {}).get("title", "")) for c in json.loads(out)["chapters"]]


def test_ffprobe_lists_the_chapters_of_the_script(episode) -> None:  # type: ignore[no-untyped-def]
    result, _ = episode
    expected = [(c.start, c.title) for c in result.script.chapters]
    for ext in ("mp3", "m4b", "ogg"):
        found = ffprobe_chapters(result.folder / f"{result.slug}.{ext}")
        assert [t for _, t in found] == [t for _, t in expected], ext
        assert all(abs(a - b) <= 0.001 for (a, _), (b, _) in zip(found, expected)), ext


def test_mutagen_sees_ordered_chapters_and_tags(episode) -> None:  # type: ignore[no-untyped-def]
    result, _ = episode
    path = result.folder / f"{result.slug}.mp3"
    marks = read_chapters(path)
    assert [(round(m.start, 3), round(m.end, 3), m.title) for m in marks] == [
        (round(c.start, 3), round(c.end, 3), c.title) for c in result.script.chapters
    ]
    tags = read_tags(path)
    assert tags["TIT2"] == "'IS' digs its heels in as Mosul falls"
    assert tags["TPE1"] == "Deutsche Welle" and tags["TALB"] == "Deutsche Welle"
    assert tags["TDRC"] == "2017-05-28" and tags["TLAN"] == "eng"
    assert tags["COMM"] == "https://www.dw.com/en/is-digs-its-heels-in-as-mosul-falls/a-39016232"


def test_episode_loudness_and_peak(episode) -> None:  # type: ignore[no-untyped-def]
    result, _ = episode
    signal = decode(result.folder / f"{result.slug}.mp3")
    report = json.loads((result.folder / "report.json").read_text())
    target = report["loudness"]["target_lufs"]
    assert target == -19.0  # -16 LUFS stereo, mono 3 LU lower
    assert abs(reference_loudness(signal, RATE) - target) <= 0.5
    assert 20 * np.log10(true_peak(signal)) <= -1.0
    assert abs(report["loudness"]["measured"]["integrated_lufs"] - reference_loudness(signal, RATE)) < 0.2
    assert report["loudness"]["measured"]["true_peak_dbtp"] <= -1.0
    # the episode is as long as the script says
    assert abs(len(signal) / RATE - result.script.duration) < 0.02


def test_chapters_json(episode) -> None:  # type: ignore[no-untyped-def]
    result, _ = episode
    data = json.loads((result.folder / "chapters.json").read_text())
    assert data["version"] == "1.2.0"
    assert [c["title"] for c in data["chapters"]] == [c.title for c in result.script.chapters]
    for entry, chapter in zip(data["chapters"], result.script.chapters):
        assert isinstance(entry["startTime"], (int, float)) and abs(entry["startTime"] - chapter.start) < 0.001
        assert entry["url"].startswith("https://")


def test_feed_parses_and_is_stable(episode) -> None:  # type: ignore[no-untyped-def]
    result, options = episode
    out_dir = options.out_dir
    config = FeedConfig(title="DW News — audio", base_url="https://example.org/audio/", max_items=10)
    feed_path = write_feed(out_dir, config)
    parsed = feedparser.parse(feed_path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    channel = parsed.feed
    assert channel.title == "DW News — audio" and channel.language == "en"
    assert channel.image.href == "https://example.org/audio/cover.png" and (out_dir / "cover.png").is_file()
    assert channel.tags[0].term == "News"
    import xml.etree.ElementTree as ET

    itunes = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
    root = ET.fromstring(feed_path.read_bytes()).find("channel")
    assert root is not None
    for required in ("title", "description", "language", f"{itunes}image", f"{itunes}category", f"{itunes}explicit"):
        assert root.find(required) is not None, required
    assert root.find(f"{itunes}explicit").text == "false"  # type: ignore[union-attr]
    for required in ("title", "enclosure", "guid"):
        assert root.find(f"item/{required}") is not None, required
    entry = parsed.entries[0]
    enclosure = entry.enclosures[0]
    episode_file = result.folder / f"{result.slug}.mp3"
    assert int(enclosure.length) == episode_file.stat().st_size
    assert enclosure.href == f"https://example.org/audio/{result.slug}/{result.slug}.mp3" and enclosure.type == "audio/mpeg"
    seconds = int(round(result.script.duration))
    assert entry.itunes_duration == f"00:{seconds // 60:02d}:{seconds % 60:02d}"
    raw = feed_path.read_text()
    assert "podcast:chapters" in raw and "application/json+chapters" in raw and "podcast:transcript" in raw
    guid = entry.id
    convert(None, options)
    again = feedparser.parse(write_feed(out_dir, config).read_bytes())
    assert again.entries[0].id == guid and guid.startswith("urn:uuid:")


def test_unchanged_rerun_encodes_nothing(episode) -> None:  # type: ignore[no-untyped-def]
    result, options = episode
    before = {p: p.stat().st_mtime_ns for p in result.folder.rglob("*") if p.suffix in (".wav", ".mp3", ".m4b", ".ogg", ".epub")}
    convert(None, options)
    after = {p: p.stat().st_mtime_ns for p in before}
    assert before == after


def test_report_lists_what_extraction_left_out(episode) -> None:  # type: ignore[no-untyped-def]
    result, _ = episode
    report = json.loads((result.folder / "report.json").read_text())
    assert {"text": "Keywords", "rule": "chrome (keywords) and readability does not keep it"} in report["left_out"]
    assert "continued" not in report


def test_media_overlays_whatever_the_first_format(episode, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, options = episode
    # the same speech (cached), WAV first: the book plays the MP3 chapter files
    result = convert(None, replace(options, out_dir=tmp_path / "out", audio=AudioOptions(formats=("wav", "mp3"))))
    report = json.loads((result.folder / "report.json").read_text())
    assert report["epub"]["media_overlays"] is True
    with zipfile.ZipFile(result.folder / f"{result.slug}.epub") as book:
        names = book.namelist()
    assert any(n.endswith(".smil") for n in names) and any(n.endswith(".mp3") for n in names)
    assert not any(n.endswith(".wav") for n in names)
