"""The pyttsx3 speech engine (espeak-ng on Linux, SAPI5 on Windows, NSSpeech on macOS).

On Linux it drives espeak-ng through pyttsx3's own libespeak-ng bindings
(``pyttsx3.drivers._espeak``) in espeak's synchronous mode, which returns only
when the audio is complete: measured many times faster than pyttsx3's
event loop, and free of its races. Elsewhere, and when those bindings cannot
load, it uses pyttsx3's portable ``save_to_file``/``runAndWait`` loop.

pyttsx3 is used here and nowhere else, and only inside a worker process: a
second engine in one process hangs the first, and a forked child of a process
that used pyttsx3 hangs. Measured pitfalls this module guards against:
one utterance per ``runAndWait``; ``runAndWait`` may return before the WAV is
complete (wait for ``finished-utterance`` and check the frames, retry once);
properties are set before every utterance; an unknown voice id is silently
ignored by the driver, so ids are checked here.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import time
import wave
from pathlib import Path
from typing import Any

from .engine import EngineSettings, SpeechEngine, Voice

__all__ = ["Pyttsx3Engine"]


class Pyttsx3Engine:
    """pyttsx3's portable event loop; :meth:`create` picks espeak-ng's synchronous mode on Linux."""

    @classmethod
    def create(cls, settings: EngineSettings) -> SpeechEngine:
        """The factory: on Linux espeak-ng in synchronous mode (unless ``HEARDLINE_PYTTSX3_LOOP=1``
        or its bindings cannot load), else this class; a subclass is always itself."""
        if cls is Pyttsx3Engine and sys.platform.startswith("linux") and os.environ.get("HEARDLINE_PYTTSX3_LOOP") != "1":
            try:
                return _EspeakSyncEngine()
            except (OSError, RuntimeError, ImportError, AttributeError):
                pass
        return cls()

    @classmethod
    def fingerprint(cls, settings: EngineSettings) -> str:
        """What identifies the voices and sound without starting the engine (for caches)."""
        return _fingerprint()

    def __init__(self) -> None:
        import pyttsx3

        self._engine = pyttsx3.init()
        self._done = False
        self._engine.connect("finished-utterance", self._on_finished)
        # MBROLA voices are listed by espeak-ng even when their data is not installed
        mbrola = os.path.isdir("/usr/share/mbrola")
        self._voices = [self._voice(v) for v in self._engine.getProperty("voices") if mbrola or not str(v.id).startswith("mb/")]
        self._ids = {v.id for v in self._voices}
        version = _package_version("pyttsx3")
        driver = type(self._engine.proxy._driver).__module__ if hasattr(self._engine, "proxy") else "driver"
        self.signature = f"pyttsx3-{version}-{driver}-{_espeak_version()}"

    @staticmethod
    def _voice(v: Any) -> Voice:
        languages = tuple(
            (lang.decode("utf-8", "ignore") if isinstance(lang, bytes) else str(lang)).lstrip("\x05").lower().replace("_", "-")
            for lang in (getattr(v, "languages", None) or [])
        )
        return Voice(id=str(v.id), name=str(getattr(v, "name", "")), languages=languages, gender=str(getattr(v, "gender", "") or ""))

    def _on_finished(self, name: object = None, completed: bool = True) -> None:
        self._done = True

    def voices(self) -> list[Voice]:
        return list(self._voices)

    def synthesize(self, text: str, voice: str, rate: int, volume: float, path: Path) -> None:
        if voice not in self._ids:
            raise ValueError(f"unknown voice id {voice!r}")
        for _attempt in range(3):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            self._engine.setProperty("voice", voice)
            self._engine.setProperty("rate", int(rate))
            self._engine.setProperty("volume", float(volume))
            self._done = False
            self._engine.save_to_file(text, str(path))
            self._engine.runAndWait()
            # runAndWait may return before the driver has finished and written the file
            deadline = time.monotonic() + 5.0
            while time.monotonic() < deadline and not (self._done and _frames(path) > 0):
                time.sleep(0.005)
            if _frames(path) > 0:
                return
        raise RuntimeError("the engine wrote no audio (three tries)")


class _EspeakSyncEngine:
    """espeak-ng through pyttsx3's ctypes bindings, synchronous mode (one per process)."""

    def __init__(self) -> None:
        from pyttsx3.drivers import _espeak  # raises when libespeak-ng cannot be loaded
        from pyttsx3.drivers.espeak import EspeakDriver

        self._espeak = _espeak
        self.sample_rate = _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, 1000)
        if self.sample_rate <= 0:
            raise RuntimeError("espeak-ng could not be initialised")
        EspeakDriver._moduleInitialized = True  # pyttsx3 must not initialise espeak a second time
        self._chunks: list[bytes] = []
        _espeak.SetSynthCallback(self._on_synth)
        mbrola = os.path.isdir("/usr/share/mbrola")
        self._voices = [Pyttsx3Engine._voice(v) for v in EspeakDriver.getProperty("voices") if mbrola or not str(v.id).startswith("mb/")]
        self._ids = {v.id for v in self._voices}
        self.signature = f"pyttsx3-{_package_version('pyttsx3')}-espeak-sync-{_espeak_version()}"

    @classmethod
    def create(cls, settings: EngineSettings) -> SpeechEngine:
        return Pyttsx3Engine.create(settings)

    @classmethod
    def fingerprint(cls, settings: EngineSettings) -> str:
        return _fingerprint()

    def _on_synth(self, wav: Any, count: int, events: object) -> int:
        if count > 0:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        return 0

    def voices(self) -> list[Voice]:
        return list(self._voices)

    def synthesize(self, text: str, voice: str, rate: int, volume: float, path: Path) -> None:
        if voice not in self._ids:
            raise ValueError(f"unknown voice id {voice!r}")
        espeak = self._espeak
        if espeak.SetVoiceByName(voice.encode("utf-8")) != 0:
            raise RuntimeError(f"espeak-ng cannot use voice {voice!r}")
        espeak.SetParameter(espeak.RATE, int(rate), 0)
        espeak.SetParameter(espeak.VOLUME, int(round(volume * 100)), 0)
        self._chunks = []
        status = espeak.Synth(text, flags=espeak.CHARS_UTF8 | espeak.ENDPAUSE)
        if status != 0:
            raise RuntimeError(f"espeak-ng failed (status {status})")
        data = b"".join(self._chunks)
        if not data:
            raise RuntimeError("espeak-ng produced no audio")
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(self.sample_rate)
            w.writeframes(data)


def _frames(path: Path) -> int:
    try:
        with wave.open(str(path), "rb") as w:
            return w.getnframes()
    except (OSError, EOFError, wave.Error):
        return 0


def _fingerprint() -> str:
    """pyttsx3's version and the espeak-ng library's name and date."""
    import ctypes.util

    library = ctypes.util.find_library("espeak-ng") or ""
    stamp = ""
    for folder in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib"):
        path = os.path.join(folder, library) if library else ""
        if path and os.path.exists(path):
            stamp = str(int(os.stat(path).st_mtime))
            break
    return f"pyttsx3-{_package_version('pyttsx3')}-{library}-{stamp}"


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def _espeak_version() -> str:
    try:
        from pyttsx3.drivers import _espeak

        info = _espeak.Info(None) if hasattr(_espeak, "Info") else b""
        return info.decode() if isinstance(info, bytes) else str(info)
    except Exception:  # not espeak: SAPI5 / NSSpeech
        return os.name
