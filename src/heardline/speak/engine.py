"""The speech-engine interface: what speak needs of any text-to-speech engine.

An engine lives in a worker process (see :mod:`heardline.speak.workers`), so a
spawned worker must be able to build it from plain data: an :class:`EngineSpec`
names one or more engines (``pyttsx3``, ``piper`` or ``"module:Class"``, in order
of preference) and carries the profile's :class:`EngineSettings`. Several engines
are combined by :class:`heardline.speak.mixed.MixedEngine`.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, cast, runtime_checkable

from ..errors import UsageError

__all__ = ["Voice", "SpeechEngine", "EngineSettings", "EngineSpec", "DEFAULT_ENGINE", "ENGINES", "SAMPLE_RATE"]

#: the engines known by a short name (``--engine NAME``, ``engine = [...]`` in a profile)
ENGINES = {
    "pyttsx3": "heardline.speak.pyttsx3_engine:Pyttsx3Engine",
    "piper": "heardline.speak.piper_engine:PiperEngine",
}
DEFAULT_ENGINE = "pyttsx3"
#: the sample rate every engine of a mixed episode writes (espeak-ng's own); others are resampled
SAMPLE_RATE = 22050


@dataclass(frozen=True)
class Voice:
    id: str
    name: str
    # BCP 47-ish language tags the voice speaks ("en", "en-gb", "de")
    languages: tuple[str, ...]
    gender: str = ""
    # the engine that speaks it, as named in the EngineSpec ("" when only one engine runs)
    engine: str = ""


@dataclass(frozen=True)
class EngineSettings:
    """What a voice profile tells every engine; plain data, so workers can receive it."""

    # voice model files named by the profile (absolute paths), beside the installed voice packages
    models: tuple[str, ...] = ()
    # folder of PLS lexicons whose <phoneme> entries an engine may speak ("" : none)
    lexicon_dir: str = ""


@runtime_checkable
class SpeechEngine(Protocol):
    #: identifies the engine, its version and its voice models in the synthesis cache key
    signature: str

    @classmethod
    def create(cls, settings: EngineSettings) -> SpeechEngine:
        """The factory: the engine to use in this (worker) process."""

    @classmethod
    def fingerprint(cls, settings: EngineSettings) -> str:
        """What identifies the engine's voices and sound, computed without starting it
        (a fully cached conversion starts no worker)."""

    def voices(self) -> list[Voice]:
        """Every voice the engine offers."""

    def synthesize(self, text: str, voice: str, rate: int, volume: float, path: Path) -> None:
        """Speak ``text`` into a 16-bit mono WAV file at ``path``; raise on failure.

        ``rate`` is in words per minute, ``volume`` 0.0–1.0, ``voice`` one of :meth:`voices`.
        """


def engine_class(name: str) -> type[SpeechEngine]:
    """The class a short name or ``"module:Class"`` stands for (imports its module)."""
    module, _, attribute = ENGINES.get(name, name).partition(":")
    return cast("type[SpeechEngine]", getattr(importlib.import_module(module), attribute))


def build_engine(name: str, settings: EngineSettings) -> SpeechEngine:
    """One engine through its factory (an engine without ``create`` is built with no arguments)."""
    cls = engine_class(name)
    create = getattr(cls, "create", None)
    return cast(SpeechEngine, create(settings) if callable(create) else cls())


@dataclass(frozen=True)
class EngineSpec:
    """Which engines speak, in order of preference, and the profile's settings for them.

    >>> EngineSpec.parse("piper, pyttsx3").names
    ('piper', 'pyttsx3')
    >>> EngineSpec.parse("festival")
    Traceback (most recent call last):
    ...
    heardline.errors.UsageError: unknown speech engine 'festival' (known: piper, pyttsx3; or module:Class)
    """

    names: tuple[str, ...] = (DEFAULT_ENGINE,)
    settings: EngineSettings = EngineSettings()

    @classmethod
    def parse(cls, text: str | tuple[str, ...], settings: EngineSettings = EngineSettings()) -> EngineSpec:
        """``"piper,pyttsx3"`` (or a tuple of names); each a short name or ``module:Class``."""
        parts = text.split(",") if isinstance(text, str) else list(text)
        names = tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))
        for name in names:
            if name not in ENGINES and not re.fullmatch(r"[A-Za-z_][\w.]*:[A-Za-z_]\w*", name):
                known = ", ".join(sorted(ENGINES))
                raise UsageError(f"unknown speech engine {name!r} (known: {known}; or module:Class)")
        if not names:
            raise UsageError("no speech engine named")
        return cls(names, settings)

    def build(self) -> SpeechEngine:
        """The engine a worker runs: the only one, or all of them combined."""
        if len(self.names) == 1:
            return build_engine(self.names[0], self.settings)
        from .mixed import MixedEngine

        return MixedEngine(self.names, self.settings)

    def fingerprint(self) -> str | None:
        """Every engine's fingerprint, or None when one cannot tell without starting."""
        parts = []
        for name in self.names:
            try:
                function = getattr(engine_class(name), "fingerprint", None)
                parts.append(f"{name}={function(self.settings)}" if callable(function) else None)
            except ImportError as exc:  # an engine that is not installed: its absence is the fact
                parts.append(f"{name}=missing:{exc}")
        return "|".join(p for p in parts if p) if all(parts) else None


def as_spec(engine: str | EngineSpec) -> EngineSpec:
    """An EngineSpec from a spec or from engine names as a string."""
    return engine if isinstance(engine, EngineSpec) else EngineSpec.parse(engine)
