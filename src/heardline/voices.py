"""Voice profiles (``voices/*.toml``): the speech engines, per role and language a voice
(or a list of voices, the first one an engine offers wins), a rate, a volume, and the
pauses between sentences, paragraphs, figures and chapters.

Profiles are found by name in the packaged ``voices/`` folder (``heardline/_voices``
after a non-editable install) or given as a path.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .errors import UsageError
from .locale import base_language

__all__ = ["Profile", "Pauses", "load_profile", "voices_dir"]


@dataclass(frozen=True)
class Pauses:
    sentence: float = 0.35
    paragraph: float = 0.7
    heading: float = 0.8
    figure: float = 0.9
    chapter: float = 1.5
    lead_in: float = 0.3


@dataclass(frozen=True)
class Profile:
    name: str
    rate: int = 170
    volume: float = 1.0
    loudness: float = -16.0
    # language -> voice ids, in order of preference
    voices: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    pauses: Pauses = field(default_factory=Pauses)
    # role -> {"rate": …, "volume": …, "voices": {lang: id or [ids]}}
    roles: dict[str, dict[str, Any]] = field(default_factory=dict)
    path: str = ""
    # speech engines in order of preference: per language the first with a voice of it speaks
    engine: tuple[str, ...] = ("pyttsx3",)
    # voice model files for engines that load models (Piper), absolute
    models: tuple[str, ...] = ()

    def rate_for(self, role: str, override: int | None = None) -> int:
        """Words per minute for a role; an explicit ``--rate`` scales every role alike."""
        own = int(self.roles.get(role, {}).get("rate", self.rate))
        return round(own * override / self.rate) if override else own

    def volume_for(self, role: str) -> float:
        return float(self.roles.get(role, {}).get("volume", self.volume))

    def voice_for(self, role: str, lang: str) -> str | None:
        """The profile's first voice id for a role and language (None: let the engine choose)."""
        return next(iter(self.voices_for(role, lang)), None)

    def voices_for(self, role: str, lang: str, exact: bool = False) -> tuple[str, ...]:
        """The profile's voice ids for a role and language, in order of preference;
        ``exact``: only those named for this very tag (``pt-BR``), not for its language.

        >>> p = Profile(name="t", voices={"en": ("piper/en_US-joe-medium", "gmw/en")}, roles={"alt": {"voices": {"en": "gmw/en-us"}}})
        >>> p.voices_for("alt", "en-GB"), p.voices_for("body", "en")
        (('gmw/en-us', 'piper/en_US-joe-medium', 'gmw/en'), ('piper/en_US-joe-medium', 'gmw/en'))
        """
        code = base_language(lang)
        by_role = self.roles.get(role, {}).get("voices", {})
        found: list[str] = []
        for table in (by_role, self.voices):
            for key in (lang, code) if not exact else (lang,):
                if key in table:
                    found += _ids(table[key])
                    break
        return tuple(dict.fromkeys(found))


def _ids(value: object) -> list[str]:
    """A voice entry: one id or a list of ids."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _names(value: object) -> tuple[str, ...]:
    """Engine names: a list or a comma-separated string."""
    parts = value if isinstance(value, (list, tuple)) else str(value).split(",")
    return tuple(str(p).strip() for p in parts if str(p).strip())


def voices_dir() -> Path:
    """The folder of shipped profiles and lexicons."""
    packaged = resources.files("heardline").joinpath("_voices")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "voices"


def load_profile(name_or_path: str = "default") -> Profile:
    """A profile by name (``default``) or by path to a TOML file."""
    path = Path(name_or_path)
    if not (path.suffix == ".toml" or path.exists()):
        path = voices_dir() / f"{name_or_path}.toml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in voices_dir().glob("*.toml"))) or "none"
        raise UsageError(f"voice profile {name_or_path!r} not found (known profiles: {known}; or give a path to a .toml file)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not a valid voice profile: {exc}") from exc
    try:
        pauses = Pauses(**{k: float(v) for k, v in data.get("pauses", {}).items()})
        return Profile(
            name=str(data.get("name", path.stem)),
            rate=int(data.get("rate", 170)),
            volume=float(data.get("volume", 1.0)),
            loudness=float(data.get("loudness", -16.0)),
            voices={str(k): tuple(_ids(v)) for k, v in data.get("voices", {}).items()},
            pauses=pauses,
            roles={str(k): dict(v) for k, v in data.get("roles", {}).items()},
            path=str(path),
            engine=_names(data.get("engine", "pyttsx3")) or ("pyttsx3",),
            models=_models(path, data.get("models", [])),
        )
    except (TypeError, ValueError) as exc:
        raise UsageError(f"{path}: not a valid voice profile: {exc}") from exc


def _models(profile: Path, value: object) -> tuple[str, ...]:
    """The voice model files a profile names, relative to it; each must exist."""
    models = tuple((profile.parent / Path(m).expanduser()).resolve() for m in _ids(value))
    for model in models:
        if not model.is_file():
            raise UsageError(f"{profile}: voice model {model} not found")
    return tuple(str(m) for m in models)
