"""Loudness and true peak: the limiter keeps true peaks under its ceiling, and an
episode of very peaky audio still decodes to at most -1 dBTP (enforced, not only measured)."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import numpy as np
import pytest

from heardline.audio import assemble, produce
from heardline.audio.encode import decode
from heardline.audio.loudness import limit, reference_loudness, true_peak
from heardline.audio.produce import MAX_TRUE_PEAK, AudioPlan, write_audio
from heardline.script import Chapter, Script, Segment

RATE = 22050


def test_the_limiter_keeps_inter_sample_peaks_under_the_ceiling() -> None:
    # a quarter-rate sine sampled at 45 degrees: every sample is at 0.707 of the peak between them
    n = np.arange(RATE)
    signal = (1.3 * np.sin(np.pi / 2 * n + np.pi / 4)).astype(np.float32)
    assert np.max(np.abs(signal)) < 1.0 < true_peak(signal)
    ceiling = 10 ** (-2 / 20)
    limit(signal, RATE, ceiling)
    assert true_peak(signal) <= ceiling * 1.001


def _peaky_segment(path: Path, seconds: float, seed: int) -> None:
    """Quiet noise with full-scale clicks: normalised to the target, the clicks go far above full scale."""
    rng = np.random.default_rng(seed)
    samples = rng.normal(0, 0.01, int(seconds * RATE))
    samples[:: RATE // 7] = 0.99
    samples[1 :: RATE // 7] = -0.99
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())


@pytest.mark.parametrize("first_ceiling", [None, 1.0])
def test_a_peaky_episode_decodes_under_minus_one_dbtp_and_on_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first_ceiling: float | None) -> None:
    if first_ceiling is not None:
        # a limiter ceiling far too high: only the check after encoding can bring the peaks down
        monkeypatch.setattr(produce, "CEILING", first_ceiling)
    audio = {}
    segments = []
    for i in range(4):
        audio[f"s{i}"] = tmp_path / f"s{i}.wav"
        _peaky_segment(audio[f"s{i}"], 6.0, i)
        segments.append(Segment(id=f"s{i}", role="body", text="x", source_text="x", lang="en", block=i, pause=0.5))
    script = Script(lang="en", chapters=(Chapter("c01", "One", tuple(segments[:2])), Chapter("c02", "Two", tuple(segments[2:]))))
    assembled = assemble(script, audio, lead_in=0.25)
    plan = AudioPlan(folder=tmp_path / "out", slug="peaky", formats=("mp3",), loudness=-16.0, chapter_names=("audio/01", "audio/02"))
    outputs = write_audio(assembled, plan)
    decoded = decode(tmp_path / "out" / "peaky.mp3", RATE).astype(np.float32) / 32768.0
    assert 20 * np.log10(true_peak(decoded)) <= MAX_TRUE_PEAK
    assert abs(reference_loudness(decoded, RATE) - (-19.0)) <= 0.5
    measured = outputs.loudness["measured"]
    assert measured["true_peak_dbtp"] <= MAX_TRUE_PEAK
    assert abs(measured["integrated_lufs"] - reference_loudness(decoded, RATE)) <= 0.3
    # the chapter files are the episode's own frames: same samples, to the sample
    for chapter, name in zip(outputs.script.chapters, ("01", "02")):
        part = decode(tmp_path / "out" / "audio" / f"{name}.mp3", RATE).astype(np.float32) / 32768.0
        start = int(round((chapter.start or 0.0) * RATE))
        assert part.size == int(round(((chapter.end or 0.0) - (chapter.start or 0.0)) * RATE))
        assert np.max(np.abs(part - decoded[start : start + part.size])) < 0.05
    assert json.loads(json.dumps(outputs.loudness))["target_lufs"] == -19.0
    if first_ceiling is not None:
        assert outputs.loudness["ceiling_dbtp"] < first_ceiling
