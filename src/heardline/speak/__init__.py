"""speak: the fourth stage — every segment of a Script to audio, through the cache.

A voice is chosen per segment (the profile's for its role and language, else
the engine's first voice of that language, else the default voice and a note);
what the cache lacks is synthesised on ``jobs`` worker processes.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..script import Chapter, Script, Segment
from ..voices import Profile
from .cache import SynthesisCache, default_cache_dir
from .engine import DEFAULT_ENGINE, SpeechEngine, Voice
from .workers import EnginePool, Job

__all__ = ["SpeakOptions", "Speech", "speak", "list_voices", "choose_voice", "SpeechEngine", "Voice", "DEFAULT_ENGINE"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SpeakOptions:
    # "module:Class" of the engine, built inside each worker
    engine: str = DEFAULT_ENGINE
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    cache_dir: Path | None = None
    # words per minute for everything (None: the profile's)
    rate: int | None = None
    # seconds one utterance may take before its worker is restarted
    timeout: float = 30.0


@dataclass(frozen=True)
class Speech:
    """The Script with a voice on every segment, and where each segment's audio is."""

    script: Script
    # segment id -> WAV file in the cache
    audio: dict[str, Path]
    synthesized: int
    cached: int
    restarts: int = 0
    notes: tuple[str, ...] = ()


# regions whose language follows a wider region (CLDR parent locales): Latin American Spanish
_LATIN_AMERICA = frozenset(["mx", "ar", "bo", "cl", "co", "cr", "cu", "do", "ec", "gt", "hn", "ni", "pa", "pe", "pr", "py", "sv", "us", "uy", "ve", "419"])


def region_tags(lang: str) -> tuple[str, ...]:
    """The tags a voice for ``lang``'s region may carry, most exact first; () without a region.

    >>> region_tags("es-MX"), region_tags("pt-BR"), region_tags("de")
    (('es-mx', 'es-419'), ('pt-br',), ())
    """
    code, _, region = lang.lower().replace("_", "-").partition("-")
    if not region:
        return ()
    if code == "es" and region in _LATIN_AMERICA:
        return (f"es-{region}", "es-419") if region != "419" else ("es-419",)
    return (f"{code}-{region}",)


def choose_voice(profile: Profile, role: str, lang: str, voices: list[Voice], default_lang: str) -> tuple[str, str | None]:
    """A voice id for a segment, and a note when its language had to be given up.

    >>> vs = [Voice("gmw/en", "English", ("en-gb",)), Voice("gmw/de", "German", ("de",)), Voice("roa/fr", "French", ("fr-fr",))]
    >>> from heardline.voices import Profile
    >>> p = Profile(name="t", voices={"en": "gmw/en"})
    >>> choose_voice(p, "alt", "de", vs, "en")
    ('gmw/de', None)
    >>> choose_voice(p, "body", "fr-CA", vs, "en")
    ('roa/fr', None)
    >>> choose_voice(p, "body", "sw", vs, "en")
    ('gmw/en', 'no voice for language sw: spoken with gmw/en')

    A tag with a region gets the engine's voice for that region when it has one,
    else the language's voice:

    >>> vs += [Voice("roa/pt", "Portuguese", ("pt",)), Voice("roa/pt-br", "Portuguese (Brazil)", ("pt-br",)),
    ...        Voice("roa/es", "Spanish", ("es",)), Voice("roa/es-419", "Spanish (Latin America)", ("es-419",))]
    >>> p = Profile(name="t", voices={"pt": "roa/pt", "es": "roa/es", "de": "gmw/de"})
    >>> [choose_voice(p, "body", tag, vs, "en")[0] for tag in ("pt-BR", "pt-PT", "es-MX", "de-AT", "es")]
    ['roa/pt-br', 'roa/pt', 'roa/es-419', 'gmw/de', 'roa/es']
    """
    ids = {v.id for v in voices}
    code = lang.split("-")[0].lower()
    regional = [v for v in voices if set(region_tags(lang)) & {t.lower() for t in v.languages}]
    wanted = profile.voice_for(role, lang, exact=True) or (regional[0].id if regional else profile.voice_for(role, lang))
    if wanted in ids:
        return wanted, None
    same = [v for v in voices if any(tag.split("-")[0] == code for tag in v.languages)]
    if same:
        return same[0].id, None
    fallback = profile.voice_for(role, default_lang)
    if fallback not in ids:
        same_default = [v for v in voices if any(tag.split("-")[0] == default_lang.split("-")[0] for tag in v.languages)]
        fallback = (same_default or voices)[0].id
    return fallback, f"no voice for language {lang}: spoken with {fallback}"


def _fingerprint(engine: str) -> str | None:
    module = importlib.import_module(engine.partition(":")[0])
    function = getattr(module, "fingerprint", None)
    return f"{engine}|{function()}" if callable(function) else None


def _engine_facts(pool: EnginePool, cache: SynthesisCache, engine: str) -> tuple[str, list[Voice]]:
    """The engine's signature and voices, from the cache when the engine is unchanged
    (so a fully cached run starts no worker at all)."""
    fingerprint = _fingerprint(engine)
    name = "engines.json"
    known = cache.read_json(name)
    table = known if isinstance(known, dict) else {}
    if fingerprint and fingerprint in table:
        entry = table[fingerprint]
        return entry["signature"], [Voice(v["id"], v["name"], tuple(v["languages"]), v.get("gender", "")) for v in entry["voices"]]
    signature, voices = pool.signature, pool.voices()
    if fingerprint:
        table[fingerprint] = {"signature": signature, "voices": [v.__dict__ | {"languages": list(v.languages)} for v in voices]}
        cache.write_json(name, table)
    return signature, voices


def list_voices(options: SpeakOptions = SpeakOptions()) -> list[Voice]:
    """Every voice the engine offers (starts one worker)."""
    with EnginePool(options.engine, jobs=1, timeout=options.timeout) as pool:
        return pool.voices()


def speak(script: Script, profile: Profile, options: SpeakOptions = SpeakOptions(), progress: Callable[[int, int], None] | None = None) -> Speech:
    """Audio for every segment; ``progress(done, total)`` is called as segments are synthesised."""
    cache = SynthesisCache(options.cache_dir or default_cache_dir())
    notes: list[str] = []
    with EnginePool(options.engine, jobs=max(1, options.jobs), timeout=options.timeout) as pool:
        signature, voices = _engine_facts(pool, cache, options.engine)
        if not voices:
            from ..errors import SpeechError

            raise SpeechError(f"the speech engine {options.engine} offers no voices")
        chapters: list[Chapter] = []
        audio: dict[str, Path] = {}
        jobs: dict[str, Job] = {}
        for chapter in script.chapters:
            segments: list[Segment] = []
            for seg in chapter.segments:
                voice, note = choose_voice(profile, seg.role, seg.lang, voices, script.lang)
                if note and note not in notes:
                    notes.append(note)
                rate = profile.rate_for(seg.role, options.rate)
                volume = profile.volume_for(seg.role)
                key = cache.key(signature, voice, rate, volume, seg.text)
                audio[seg.id] = cache.path(key)
                if not cache.has(key) and key not in jobs:
                    jobs[key] = Job(seg.id, seg.text, voice, rate, volume, str(cache.temporary(key)))
                segments.append(replace(seg, voice=voice))
            chapters.append(replace(chapter, segments=tuple(segments)))
        total = len(jobs)
        finished = 0
        by_path = {job.path: key for key, job in jobs.items()}

        def done(job: Job) -> None:
            nonlocal finished
            cache.commit(by_path[job.path])
            finished += 1
            if progress is not None:
                progress(finished, total)

        if progress is not None:
            progress(0, total)
        pool.run(jobs.values(), done)
        restarts = pool.restarts
    unique = len({p for p in audio.values()})
    return Speech(
        script=replace(script, chapters=tuple(chapters), notes=script.notes + tuple(notes)),
        audio=audio,
        synthesized=total,
        cached=unique - total,
        restarts=restarts,
        notes=tuple(notes),
    )
