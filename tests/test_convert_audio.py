"""The sample converted with the real espeak-ng voice through pyttsx3, checked by decoding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from audio_tools import RATE, decode, rms

from heardline.convert import Options, convert
from heardline.read import read_source
from heardline.speak import SpeakOptions

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("convert")
    options = Options(out_dir=root / "out", speak=SpeakOptions(cache_dir=root / "cache", jobs=2))
    return convert(None, options), options


def test_chapters_are_titled_by_headline_and_headings(converted) -> None:  # type: ignore[no-untyped-def]
    result, _ = converted
    titles = [c.title for c in result.script.chapters]
    assert len(titles) >= 3
    assert titles[0] == "'IS' digs its heels in as Mosul falls"
    assert titles[-1] == "US admits high non-combatant casualties"
    first = result.script.chapters[0].segments
    assert [s.role for s in first[:3]] == ["headline", "date", "lead"]
    assert first[1].source_text == "Published May 28, 2017"


def test_german_alt_texts_in_a_german_voice(converted) -> None:  # type: ignore[no-untyped-def]
    result, _ = converted
    alts = [s for s in result.script.segments if s.role == "alt"]
    assert {s.source_text for s in alts} == {"Irak Kämpfe im Westen von Mosul", "Karte Mossul ENG", "Irak Mossul Zerstörung"}
    assert {(s.lang, s.voice) for s in alts} == {("de", "gmw/de")}
    assert {s.voice for s in result.script.segments if s.role == "body"} == {"gmw/en"}


def test_map_caption_and_alt_spoken_without_instructions(converted) -> None:  # type: ignore[no-untyped-def]
    result, _ = converted
    texts = [s.source_text for s in result.script.segments]
    assert "Map: IS' remaining strongholds" in texts
    assert "Karte Mossul ENG" in texts
    assert not any("enlarge" in s.text or "enlarge" in s.source_text for s in result.script.segments)
    assert "Image: Reuters/Stringer" in texts


def test_related_links_not_spoken_and_credit_last(converted) -> None:  # type: ignore[no-untyped-def]
    result, _ = converted
    spoken = " ".join(s.source_text for s in result.script.segments)
    assert "Iraqi army launches operation" not in spoken and "annihilate" not in spoken
    last = result.script.segments[-1]
    assert (last.role, last.source_text) == ("byline", "With material from AP and AFP.")


def test_chapter_files_last_as_long_as_their_chapters(converted) -> None:  # type: ignore[no-untyped-def]
    result, _ = converted
    for chapter in result.script.chapters:
        decoded = decode(result.folder / chapter.audio)
        assert abs(len(decoded) / RATE - (chapter.end - chapter.start)) <= 0.020, chapter.title
        segments = chapter.segments
        assert segments[0].start == chapter.start and segments[-1].end == chapter.end
        assert all(a.end == b.start for a, b in zip(segments, segments[1:]))


def test_segment_boundaries_fall_on_silence(converted) -> None:  # type: ignore[no-untyped-def]
    result, _ = converted
    chapter = result.script.chapters[1]
    decoded = decode(result.folder / chapter.audio)
    speech_level = rms(decoded)
    window = int(0.04 * RATE)
    for seg in chapter.segments[:-1]:
        at = int(round((seg.end - chapter.start) * RATE))
        around = decoded[max(0, at - window) : at + window]
        assert rms(around) < 0.05 * speech_level, seg.id
        # and the middle of the segment is speech
        middle = int(round(((seg.start + seg.end) / 2 - chapter.start) * RATE))
        assert rms(decoded[middle - window : middle + window]) > 0.2 * speech_level, seg.id


def test_script_and_transcripts_agree(converted) -> None:  # type: ignore[no-untyped-def]
    result, _ = converted
    data = json.loads((result.folder / "script.json").read_text())
    assert data["schema"] == "heardline.script/1"
    segments = [s for c in data["chapters"] for s in c["segments"]]
    assert len(segments) == len(result.script.segments)
    vtt = (result.folder / "transcript.vtt").read_text()
    assert vtt.startswith("WEBVTT") and vtt.count(" --> ") == len(segments)
    srt = (result.folder / "transcript.srt").read_text()
    assert srt.count(" --> ") == len(segments)
    assert abs(data["duration"] - sum(c["end"] - c["start"] for c in data["chapters"])) < 0.002


def test_second_run_synthesises_nothing_and_an_edit_only_its_sentences(converted, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, options = converted
    again = convert(None, options)
    assert again.synthesized == 0 and again.cached == first.synthesized
    html = read_source(None).html.replace(
        "Mosul was the terrorists' last urban stronghold.", "Mosul was the last big city the terrorists held."
    )
    edited = tmp_path / "edited.html"
    edited.write_text(html, encoding="utf-8")
    changed = convert(str(edited), options)
    assert changed.synthesized == 1


def test_no_partial_files_left(converted) -> None:  # type: ignore[no-untyped-def]
    result, _ = converted
    assert not [p for p in result.folder.rglob("*") if p.name.endswith(".part") or ".part." in p.name]
