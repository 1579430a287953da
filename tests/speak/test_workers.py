"""speak: worker restarts on a hang, clear errors on engine failure, the cache."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from heardline.errors import EngineTimeout, SpeechError
from heardline.script import Chapter, Script, Segment
from heardline.speak import SpeakOptions, speak
from heardline.speak.workers import EnginePool, Job
from heardline.voices import Profile


def _script(*texts: str, lang: str = "en") -> Script:
    segments = tuple(Segment(id=f"s{i:04d}", role="body", text=t, source_text=t, lang=lang, block=0) for i, t in enumerate(texts, 1))
    return Script(lang="en", chapters=(Chapter(id="c01", title="T", segments=segments),))


PROFILE = Profile(name="test", voices={"en": "gmw/en", "de": "gmw/de"})


@pytest.mark.slow
def test_a_hung_worker_is_restarted_and_the_work_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("HEARDLINE_HANG_MARKER", str(tmp_path / "hangs"))
    options = SpeakOptions(engine="fake_engines:HangOnceEngine", jobs=1, cache_dir=tmp_path / "cache", timeout=10.0)
    with caplog.at_level(logging.WARNING, logger="heardline.speak.workers"):
        speech = speak(_script("First sentence here.", "Second sentence here."), PROFILE, options)
    assert (tmp_path / "hangs").read_text() == "hung\n"
    assert speech.restarts == 1 and speech.synthesized == 2
    assert [r.getMessage() for r in caplog.records] == ["speech worker hung on segment s0001 (attempt 1); restarting it"]
    assert all(p.stat().st_size > 1000 for p in speech.audio.values())


def test_engine_failure_names_the_segment(tmp_path: Path) -> None:
    options = SpeakOptions(engine="fake_engines:FailingEngine", jobs=2, cache_dir=tmp_path / "cache", timeout=10.0)
    with pytest.raises(SpeechError, match=r"segment s0002: .*FAIL.*driver error") as info:
        speak(_script("A fine sentence.", "This one will FAIL now.", "Another."), PROFILE, options)
    assert type(info.value) is SpeechError
    # nothing half-written in the cache
    assert not list((tmp_path / "cache").rglob("*.part.wav"))


def test_two_hangs_give_a_timeout_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HEARDLINE_HANG_MARKER", str(tmp_path / "hangs"))
    with EnginePool("fake_engines:HangingEngine", jobs=1, timeout=2.0) as pool:
        with pytest.raises(EngineTimeout, match=r"^segment s0001: the speech engine hung twice \(timeout 2 s\) on 'Hello\.'$"):
            pool.run([Job("s0001", "Hello.", "gmw/en", 170, 1.0, str(tmp_path / "a.wav"))])
        assert pool.restarts == 2
    assert (tmp_path / "hangs").read_text() == "hung\n" * 2
    assert not (tmp_path / "a.wav").exists()


def test_unknown_language_falls_back_with_a_note(tmp_path: Path) -> None:
    options = SpeakOptions(engine="fake_engines:ToneEngine", jobs=1, cache_dir=tmp_path / "cache")
    speech = speak(_script("Habari za asubuhi.", lang="sw"), Profile(name="t"), options)
    assert speech.script.segments[0].voice == "tone/en"
    assert speech.notes == ("no voice for language sw: spoken with tone/en",)


def test_cache_is_keyed_by_voice_and_rate(tmp_path: Path) -> None:
    options = SpeakOptions(engine="fake_engines:ToneEngine", jobs=1, cache_dir=tmp_path / "cache")
    script = _script("One two three.")
    assert speak(script, PROFILE, options).synthesized == 1
    assert speak(script, PROFILE, options).synthesized == 0
    faster = SpeakOptions(engine="fake_engines:ToneEngine", jobs=1, cache_dir=tmp_path / "cache", rate=200)
    assert speak(script, PROFILE, faster).synthesized == 1
