"""The speech-engine interface: what speak needs of any text-to-speech engine.

An engine lives in a worker process (see :mod:`heardline.speak.workers`); it is
named by an import path ``"module:Class"`` so a spawned worker can build it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

__all__ = ["Voice", "SpeechEngine", "DEFAULT_ENGINE"]

DEFAULT_ENGINE = "heardline.speak.pyttsx3_engine:Pyttsx3Engine"


@dataclass(frozen=True)
class Voice:
    id: str
    name: str
    # BCP 47-ish language tags the voice speaks ("en", "en-gb", "de")
    languages: tuple[str, ...]
    gender: str = ""


@runtime_checkable
class SpeechEngine(Protocol):
    #: identifies the engine and its version in the synthesis cache key
    signature: str

    def voices(self) -> list[Voice]:
        """Every voice the engine offers."""

    def synthesize(self, text: str, voice: str, rate: int, volume: float, path: Path) -> None:
        """Speak ``text`` into a WAV file at ``path``; raise on failure.

        ``rate`` is in words per minute, ``volume`` 0.0–1.0, ``voice`` one of :meth:`voices`.
        """
