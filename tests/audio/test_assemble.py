"""audio: assembly timings with a fake tone engine (timing logic only; the real voice is tested in test_convert_audio)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from audio_tools import decode

from heardline.audio import assemble, encode
from heardline.audio.levels import sidecar
from heardline.audio.render import Mastering, render
from heardline.script import Chapter, Script, Segment
from heardline.speak import SpeakOptions, speak
from heardline.voices import Profile


def test_segments_tile_chapters_and_pauses_are_where_they_should_be(tmp_path: Path) -> None:
    segs = lambda c, n: tuple(  # noqa: E731
        Segment(id=f"{c}{i}", role="body", text=" ".join(["word"] * (i + 1)), source_text="x", lang="en", block=i, pause=0.5) for i in range(n)
    )
    script = Script(lang="en", chapters=(Chapter("c01", "A", segs("a", 3)), Chapter("c02", "B", segs("b", 2))))
    speech = speak(script, Profile(name="t"), SpeakOptions(engine="fake_engines:ToneEngine", jobs=1, cache_dir=tmp_path))
    result = assemble(speech.script, speech.audio, lead_in=0.25)
    rate = result.rate
    # tone of 60 ms a word (+2 x 20 ms margin kept by trimming), pauses of 0.5 s, lead-in 0.25 s
    first = result.script.chapters[0]
    expected = 0.25 + sum(0.06 * (i + 1) + 0.04 + 0.5 for i in range(3))
    assert abs((first.end - first.start) - expected) < 0.002
    mastering = Mastering(gain_db=0.0, ceiling=1.0, predicted=0.0)
    chapters = [np.concatenate(list(render(result, mastering, a, b))) for a, b in zip(result.bounds, result.bounds[1:])]
    assert abs(len(chapters[0]) / rate - expected) < 0.001
    # the levels are remembered beside the cached segment: a second assembly reads no audio
    assert all(sidecar(p).is_file() for p in speech.audio.values())
    for wav in speech.audio.values():
        wav.write_bytes(b"")  # reading one now would raise
    assert assemble(speech.script, speech.audio, lead_in=0.25).script == result.script
    second = result.script.chapters[1]
    assert second.start == first.end and result.script.duration == second.end
    # boundaries sit in the middle of each pause: silence around them
    signal = chapters[0]
    for seg in first.segments[:-1]:
        at = int(seg.end * rate)
        assert np.max(np.abs(signal[at - 200 : at + 200])) == 0.0


def test_encoded_mp3_and_ogg_keep_the_exact_length(tmp_path: Path) -> None:
    rate = 22050
    signal = (0.3 * np.sin(np.linspace(0, 2000, rate * 3))).astype(np.float32)
    for fmt in ("mp3", "ogg", "wav"):
        path = encode(signal, rate, tmp_path / f"x.{fmt}", fmt)
        assert abs(len(decode(path, rate)) - len(signal)) / rate < 0.005, fmt
