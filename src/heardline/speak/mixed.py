"""Several speech engines in one worker, as one engine: each voice is spoken by the
engine that offers it (the first, in the spec's order of preference), and every
engine's audio is brought to :data:`~heardline.speak.engine.SAMPLE_RATE`, so one
episode can mix engines (English in Piper, a German alt text in espeak-ng).

An engine that cannot start (its optional extra not installed) is left out with a
warning while another remains: its languages go to the next engine.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from .engine import EngineSettings, SpeechEngine, Voice, build_engine
from .wavfile import conform

__all__ = ["MixedEngine"]

log = logging.getLogger(__name__)


class MixedEngine:
    def __init__(self, names: tuple[str, ...], settings: EngineSettings) -> None:
        self._engines: dict[str, SpeechEngine] = {}
        failures: list[str] = []
        for name in names:
            try:
                self._engines[name] = build_engine(name, settings)
            except (ImportError, OSError, RuntimeError) as exc:
                failures.append(f"{name}: {type(exc).__name__}: {exc}")
                log.warning("speech engine %s left out: %s", name, exc)
        if not self._engines:
            raise RuntimeError("no speech engine could start (" + "; ".join(failures) + ")")
        self._voices: list[Voice] = []
        self._owner: dict[str, SpeechEngine] = {}
        for name, engine in self._engines.items():
            for voice in engine.voices():
                if voice.id not in self._owner:
                    self._owner[voice.id] = engine
                    self._voices.append(replace(voice, engine=name))
        self.signature = "+".join(e.signature for e in self._engines.values())

    # not named in a spec itself: EngineSpec builds it from the names and combines their fingerprints
    @classmethod
    def create(cls, settings: EngineSettings) -> MixedEngine:
        raise TypeError("a MixedEngine is built by EngineSpec.build from engine names")

    @classmethod
    def fingerprint(cls, settings: EngineSettings) -> str:
        raise TypeError("EngineSpec.fingerprint combines the engines' own fingerprints")

    def voices(self) -> list[Voice]:
        return list(self._voices)

    def synthesize(self, text: str, voice: str, rate: int, volume: float, path: Path) -> None:
        engine = self._owner.get(voice)
        if engine is None:
            raise ValueError(f"unknown voice id {voice!r}")
        engine.synthesize(text, voice, rate, volume, path)
        conform(path)
