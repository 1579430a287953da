"""speak: the fourth stage — every segment of a Script to audio, through the cache.

A voice is chosen per segment (per language the first engine with a voice of it:
the profile's voice for its role and language, else the engine's first voice of
that language; else the default voice and a note);
what the cache lacks is synthesised on ``jobs`` worker processes.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import UsageError
from ..locale import base_language
from ..script import Chapter, Script, Segment
from ..voices import Profile, voices_dir
from .cache import SynthesisCache, default_cache_dir
from .engine import DEFAULT_ENGINE, EngineSettings, EngineSpec, SpeechEngine, Voice
from .workers import EnginePool, Job

__all__ = ["SpeakOptions", "Speech", "speak", "start_engines", "list_voices", "choose_voice", "engine_spec", "SpeechEngine", "EngineSpec", "Voice", "DEFAULT_ENGINE"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SpeakOptions:
    # engines by name or "module:Class", comma-separated in order of preference (None: the profile's)
    engine: str | None = None
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

    The first engine (voices come in the engines' order of preference) with a voice of
    the language speaks it: the profile's first voice of that engine for the role and
    language, else the engine's first voice of exactly that language, else of its family.

    >>> vs = [Voice("gmw/en", "English", ("en-gb",)), Voice("gmw/de", "German", ("de",)), Voice("roa/fr", "French", ("fr-fr",))]
    >>> from heardline.voices import Profile
    >>> p = Profile(name="t", voices={"en": "gmw/en"})
    >>> choose_voice(p, "alt", "de", vs, "en")
    ('gmw/de', None)
    >>> choose_voice(p, "body", "fr-CA", vs, "en")
    ('roa/fr', None)
    >>> choose_voice(p, "body", "sw", vs, "en")
    ('gmw/en', 'no voice for language sw: spoken with gmw/en')
    >>> mixed = [Voice("piper/joe", "Joe", ("en-us",), engine="piper")] + [replace(v, engine="pyttsx3") for v in vs]
    >>> choose_voice(p, "body", "en", mixed, "en"), choose_voice(p, "alt", "de", mixed, "en")
    (('piper/joe', None), ('gmw/de', None))
    >>> natural = Profile(name="n", voices={"en": ("piper/joe", "gmw/en")})
    >>> choose_voice(natural, "body", "en", vs, "en")  # Piper not installed: the next voice listed
    ('gmw/en', None)

    A tag with a region gets the engine's voice for that region when it has one,
    else the language's voice:

    >>> vs += [Voice("roa/pt", "Portuguese", ("pt",)), Voice("roa/pt-br", "Portuguese (Brazil)", ("pt-br",)),
    ...        Voice("roa/es", "Spanish", ("es",)), Voice("roa/es-419", "Spanish (Latin America)", ("es-419",))]
    >>> p = Profile(name="t", voices={"pt": "roa/pt", "es": "roa/es", "de": "gmw/de"})
    >>> [choose_voice(p, "body", tag, vs, "en")[0] for tag in ("pt-BR", "pt-PT", "es-MX", "de-AT", "es")]
    ['roa/pt-br', 'roa/pt', 'roa/es-419', 'gmw/de', 'roa/es']
    """
    code = base_language(lang)
    same = [v for v in voices if any(base_language(tag) == code for tag in v.languages)]
    if same:
        engine = same[0].engine
        own = [v for v in same if v.engine == engine]
        ids = {v.id for v in voices if v.engine == engine}
        # a voice named for the very tag, else the engine's voice for the tag's region, else the language's
        regional = [v.id for v in own if set(region_tags(lang)) & {t.lower() for t in v.languages}]
        wanted = [w for w in profile.voices_for(role, lang, exact=True) if w in ids] or regional
        wanted = wanted or [w for w in profile.voices_for(role, lang) if w in ids]
        return (wanted[0] if wanted else own[0].id), None
    ids = {v.id for v in voices}
    wanted = [w for w in profile.voices_for(role, lang) if w in ids]
    if wanted:
        return wanted[0], None
    fallback = choose_voice(profile, role, default_lang, voices, default_lang)[0] if code != base_language(default_lang) else voices[0].id
    return fallback, f"no voice for language {lang}: spoken with {fallback}"


def engine_spec(profile: Profile, options: SpeakOptions) -> EngineSpec:
    """The engines that speak: ``options.engine`` when given, else the profile's."""
    settings = EngineSettings(models=profile.models, lexicon_dir=str(voices_dir() / "lexicons"))
    if options.engine:
        return EngineSpec.parse(options.engine, settings)
    try:
        return EngineSpec.parse(profile.engine, settings)
    except UsageError as exc:
        raise UsageError(f"{profile.path or profile.name}: {exc}") from exc


def _engine_facts(pool: EnginePool, cache: SynthesisCache, spec: EngineSpec) -> tuple[str, list[Voice]]:
    """The engine's signature and voices, from the cache when the engine is unchanged
    (so a fully cached run starts no worker at all)."""
    fingerprint = spec.fingerprint()
    name = "engines.json"
    known = cache.read_json(name)
    table = known if isinstance(known, dict) else {}
    if fingerprint and fingerprint in table:
        entry = table[fingerprint]
        return entry["signature"], [Voice(v["id"], v["name"], tuple(v["languages"]), v.get("gender", ""), v.get("engine", "")) for v in entry["voices"]]
    signature, voices = pool.signature, pool.voices()
    if fingerprint:
        table[fingerprint] = {"signature": signature, "voices": [v.__dict__ | {"languages": list(v.languages)} for v in voices]}
        cache.write_json(name, table)
    return signature, voices


def list_voices(options: SpeakOptions = SpeakOptions(), profile: Profile | None = None) -> list[Voice]:
    """Every voice the engines offer, in their order of preference (starts one worker)."""
    with EnginePool(engine_spec(profile or Profile(name="default"), options), jobs=1, timeout=options.timeout) as pool:
        return pool.voices()


def start_engines(profile: Profile, options: SpeakOptions = SpeakOptions()) -> EnginePool:
    """A pool for :func:`speak` whose worker processes start now, so their engines
    load while the page is read; a context manager (it stops them)."""
    pool = EnginePool(engine_spec(profile, options), jobs=max(1, options.jobs), timeout=options.timeout)
    pool.launch()
    return pool


def speak(
    script: Script,
    profile: Profile,
    options: SpeakOptions = SpeakOptions(),
    progress: Callable[[int, int], None] | None = None,
    on_audio: Callable[[Path], None] | None = None,
    engines: EnginePool | None = None,
    on_plan: Callable[[Script, dict[str, Path], int], None] | None = None,
) -> Speech:
    """Audio for every segment; ``progress(done, total)`` is called as segments are
    synthesised, and ``on_audio(path)`` once for each segment file as soon as it is
    there (at once for those in the cache), so later stages can start on it;
    before that, ``on_plan(script, audio, count)`` with the voiced script, where each
    segment's audio will be and how many files are to be synthesised.
    ``engines``: workers started beforehand (:func:`start_engines`), left running."""
    cache = SynthesisCache(options.cache_dir or default_cache_dir())
    notes: list[str] = []
    spec = engine_spec(profile, options)
    with contextlib.ExitStack() as own:
        pool = engines or own.enter_context(EnginePool(spec, jobs=max(1, options.jobs), timeout=options.timeout))
        signature, voices = _engine_facts(pool, cache, spec)
        if not voices:
            from ..errors import SpeechError

            raise SpeechError(f"the speech engine {','.join(spec.names)} offers no voices")
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
        pending = {cache.path(key) for key in jobs}

        def done(job: Job) -> None:
            nonlocal finished
            cache.commit(by_path[job.path])
            if on_audio is not None:
                on_audio(cache.path(by_path[job.path]))
            finished += 1
            if progress is not None:
                progress(finished, total)

        voiced = replace(script, chapters=tuple(chapters))
        if on_plan is not None:
            on_plan(voiced, audio, total)
        if progress is not None:
            progress(0, total)
        if on_audio is not None:
            for path in dict.fromkeys(audio.values()):
                if path not in pending:
                    on_audio(path)
        pool.run(jobs.values(), done)
        restarts = pool.restarts
    unique = len({p for p in audio.values()})
    return Speech(
        script=replace(voiced, notes=script.notes + tuple(notes)),
        audio=audio,
        synthesized=total,
        cached=unique - total,
        restarts=restarts,
        notes=tuple(notes),
    )
