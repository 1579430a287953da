"""Speech engines for tests, importable by spawned worker processes (tests/ is on sys.path).

ToneEngine: a fake for timing logic — a tone of 60 ms per word, no real speech.
HangOnceEngine: the real pyttsx3 engine that hangs on the first utterance of a
test (simulates a stuck driver); HangingEngine hangs on every utterance. Each hang
adds a line to the file ``$HEARDLINE_HANG_MARKER``, so a test counts them across
worker restarts. FailingEngine: real engine, fails on "FAIL". SlowEngine: the real
engine, slower.
"""

from __future__ import annotations

import math
import os
import sys
import time
import wave
from pathlib import Path

from heardline.speak.engine import Voice
from heardline.speak.pyttsx3_engine import Pyttsx3Engine

RATE = 22050


class ToneEngine:
    signature = "tone-1"

    def voices(self) -> list[Voice]:
        return [Voice("tone/en", "Tone English", ("en",)), Voice("tone/de", "Tone German", ("de",))]

    def synthesize(self, text: str, voice: str, rate: int, volume: float, path: Path) -> None:
        words = max(1, len(text.split()))
        n = int(0.06 * words * RATE)
        lead = int(0.05 * RATE)
        frames = bytearray()
        for i in range(lead + n + lead):
            value = int(8000 * math.sin(2 * math.pi * 440 * i / RATE)) if lead <= i < lead + n else 0
            frames += value.to_bytes(2, "little", signed=True)
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(bytes(frames))


def _hang_while_fewer_than(hangs: int) -> None:
    """Sleep an hour when fewer than ``hangs`` hangs are recorded in ``$HEARDLINE_HANG_MARKER``."""
    marker = Path(os.environ["HEARDLINE_HANG_MARKER"])
    if not marker.exists() or marker.read_text().count("\n") < hangs:
        with marker.open("a") as log:
            log.write("hung\n")
        time.sleep(3600)


class HangOnceEngine(Pyttsx3Engine):
    def synthesize(self, text: str, voice: str, rate: int, volume: float, path: Path) -> None:
        _hang_while_fewer_than(1)
        super().synthesize(text, voice, rate, volume, path)


class HangingEngine(Pyttsx3Engine):
    def synthesize(self, text: str, voice: str, rate: int, volume: float, path: Path) -> None:
        _hang_while_fewer_than(sys.maxsize)


class FailingEngine(Pyttsx3Engine):
    def synthesize(self, text: str, voice: str, rate: int, volume: float, path: Path) -> None:
        if "FAIL" in text:
            raise RuntimeError("driver error")
        super().synthesize(text, voice, rate, volume, path)


class SlowEngine(Pyttsx3Engine):
    """The real engine, a tenth of a second slower per utterance (as a neural voice is)
    and six seconds on a sentence with "at long last": lets later stages work while
    the narration is still being spoken."""

    def synthesize(self, text: str, voice: str, rate: int, volume: float, path: Path) -> None:
        time.sleep(6.0 if "at long last" in text else 0.1)
        super().synthesize(text, voice, rate, volume, path)
