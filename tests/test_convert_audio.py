"""The sample converted with the real espeak-ng voice through pyttsx3, checked by decoding."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from audio_tools import RATE, decode, rms

from heardline.convert import Options, Result, convert
from heardline.read import read_source

FIXTURES = Path(__file__).parent / "fixtures"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def converted(sample_episode: tuple[Result, Options]) -> tuple[Result, Options]:
    return sample_episode


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
    assert abs(data["duration"] - sum(c["end"] - c["start"] for c in data["chapters"])) < 0.002


def _cues(text: str) -> list[tuple[float, float, str]]:
    """(start, end, text) of every cue of a WebVTT or SubRip file; WebVTT voice tags and escapes undone."""
    cues = []
    for block in text.strip().split("\n\n"):
        lines = block.splitlines()
        timing = next((i for i, line in enumerate(lines) if " --> " in line), None)
        if timing is None:
            continue
        start, end = (_seconds(t) for t in lines[timing].split(" --> "))
        words = re.sub(r"</?v\b[^>]*>", "", "\n".join(lines[timing + 1 :]))
        cues.append((start, end, html.unescape(words)))
    return cues


def _seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.strip().split()[0].replace(",", ".").split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def test_transcript_cues_are_the_written_sentences_at_their_times(converted) -> None:  # type: ignore[no-untyped-def]
    result, _ = converted
    segments = result.script.segments
    vtt = (result.folder / "transcript.vtt").read_text()
    srt = (result.folder / "transcript.srt").read_text()
    assert vtt.startswith("WEBVTT\n")
    for cues in (_cues(vtt), _cues(srt)):
        assert [text for _, _, text in cues] == [s.source_text for s in segments]
        assert all(abs(start - s.start) <= 0.001 and abs(end - s.end) <= 0.001 for (start, end, _), s in zip(cues, segments))
    assert [block.splitlines()[0] for block in srt.strip().split("\n\n")] == [str(n) for n in range(1, len(segments) + 1)]
    # the words as written, not as spelled out for the voice
    assert "'IS' digs its heels in as Mosul falls" in [text for _, _, text in _cues(vtt)]


def test_second_run_synthesises_nothing_and_an_edit_only_its_sentences(converted, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, options = converted
    utterances = first.synthesized + first.cached
    again = convert(None, options)
    assert (again.synthesized, again.cached) == (0, utterances)
    page = read_source(None).html
    html_text = page.replace("Mosul was the terrorists' last urban stronghold.", "Mosul was the last big city the terrorists held.")
    assert html_text != page
    edited = tmp_path / "edited.html"
    edited.write_text(html_text, encoding="utf-8")
    changed = convert(str(edited), replace(options, out_dir=tmp_path / "out", audio=replace(options.audio, formats=("wav",)), epub=False))
    assert (changed.synthesized, changed.cached) == (1, utterances - 1)


def test_no_partial_files_left(converted) -> None:  # type: ignore[no-untyped-def]
    result, _ = converted
    assert not [p for p in result.folder.rglob("*") if p.name.endswith(".part") or ".part." in p.name]
