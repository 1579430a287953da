"""convert: the pipeline read -> extract -> narrate -> speak -> write, and nothing else."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import resource
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .atomic import BuildState, fingerprint, scratch, write_json, write_text
from .audio import AUDIO_FORMATS, assemble
from .audio.levels import LevelsReader
from .audio.produce import AudioPlan, loudness_format, write_audio
from .audio.stream import Mp3Stream
from .chapters import split_chapters
from .errors import HeardlineError, NoArticleError, OutputError, UsageError
from .extract import extract_document
from .extract.language import release_language_models
from .images import load_image
from .interrupt import deadline
from .model import Document, document_identifier, to_json
from .narrate import NarrateOptions, narrate
from .read import Page, ReadOptions, fetch_resource, read_source
from .script import Script
from .script import to_json as script_to_json
from .speak import EngineSpec, SpeakOptions, speak, start_engines
from .speak.workers import EnginePool
from .voices import Profile, load_profile, voices_dir
from .write.epub import OVERLAY_AUDIO, EpubOptions, write_epub
from .write.podcast import chapters_json, episode_tags
from .write.transcript import to_srt, to_vtt

__all__ = ["AudioOptions", "Options", "Result", "convert", "slugify", "load_document", "OPTION_RANGES"]

#: the accepted range of each numeric option, for the command line and the batch config alike
OPTION_RANGES: dict[str, tuple[float, float]] = {
    "loudness": (-40, -6),  # LUFS
    "rate": (80, 450),  # words per minute
    "max_size": (1, 10_000),  # MB
    "timeout": (0.1, 3600),  # seconds
}


@dataclass(frozen=True)
class AudioOptions:
    enabled: bool = True
    # one or more of mp3, ogg, wav, m4b
    formats: tuple[str, ...] = ("mp3",)
    # target integrated loudness (stereo LUFS); None: the voice profile's
    loudness: float | None = None
    # the episode's album tag (a feed or site name); "": the publisher
    album: str = ""


@dataclass(frozen=True)
class Options:
    """Everything a conversion can be told; the CLI builds one of these."""

    out_dir: Path = Path("out")
    read: ReadOptions = field(default_factory=ReadOptions)
    # a profile name in voices/ or a path to a .toml
    voice_profile: str = "default"
    narrate: NarrateOptions = field(default_factory=NarrateOptions)
    speak: SpeakOptions = field(default_factory=SpeakOptions)
    audio: AudioOptions = field(default_factory=AudioOptions)
    epub: bool = True
    # fetch the figures' http(s) images to embed them (size-limited); else only images next to a local file
    fetch_images: bool = False
    # let URLs (the source, its redirects, images) reach loopback, private and link-local addresses
    allow_private_network: bool = False
    # seconds that reading with extraction, narration, and the EPUB may each take (0: no limit)
    stage_timeout: float = 300.0
    # organisation that evaluated the book; only then is EPUB Accessibility conformance claimed
    claim_conformance: str = ""
    # called as (done, total) while segments are synthesised
    progress: Callable[[int, int], None] | None = None


@dataclass(frozen=True)
class Result:
    """What one conversion made."""

    source: str
    slug: str
    folder: Path
    document: Document
    # every file written, relative to ``folder``
    files: tuple[str, ...] = ()
    script: Script | None = None
    # utterances synthesised now, and taken from the cache
    synthesized: int = 0
    cached: int = 0


def slugify(text: str, max_length: int = 80) -> str:
    """An ASCII, lower-case, hyphenated name for a headline, stable across runs.

    >>> slugify("'IS' digs its heels in as Mosul falls")
    'is-digs-its-heels-in-as-mosul-falls'
    >>> slugify("Grüße aus Köln: Straße & Ärger")
    'grusse-aus-koln-strasse-arger'
    >>> slugify("معارك في غرب الموصل")
    'article-717ce2e035'
    """
    text = text.replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("œ", "oe")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    if len(slug) < 3:
        # a headline in a script without ASCII letters: a stable name from its hash
        slug = "article-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return slug


_MAX_IMAGE = 5 * 1024 * 1024


def _fetch_images(document: Document, options: Options) -> tuple[dict[str, bytes], list[str]]:
    """The figures' web images, when asked for; failures are findings, not errors."""
    fetched: dict[str, bytes] = {}
    findings: list[str] = []
    if not options.fetch_images:
        return fetched, findings
    for figure in document.figures:
        if figure.src.startswith(("http://", "https://")) and figure.src not in fetched:
            try:
                fetched[figure.src] = fetch_resource(figure.src, options.read, _MAX_IMAGE)
            except HeardlineError as exc:
                findings.append(f"image not fetched: {exc}")
    return fetched, findings


def _cover(document: Document, page: Page, fetched: dict[str, bytes]) -> tuple[bytes, str] | None:
    """The first figure's image as cover art, when it is available here."""
    for figure in document.figures:
        image = load_image(figure.src, page.base_dir, fetched)
        if image is not None and image.media_type in ("image/jpeg", "image/png"):
            return image.data, image.extension
    return None


def _book_script(script: Script, formats: tuple[str, ...]) -> Script:
    """The script as the book plays it: chapter audio in the first of the formats
    media overlays can play, whichever comes first on the command line."""
    playable = next((AUDIO_FORMATS[f][0] for f in formats if AUDIO_FORMATS[f][0] in OVERLAY_AUDIO), None)
    if playable is None:
        return script
    return replace(script, chapters=tuple(replace(c, audio=str(Path(c.audio).with_suffix(playable)) if c.audio else c.audio) for c in script.chapters))


def _image_digests(document: Document, page: Page, fetched: dict[str, bytes]) -> list[tuple[str, str]]:
    """The figures' images the book can embed, each by the digest of its bytes: a replaced
    image file makes a new book, as a new image at the same address does."""
    digests = []
    for figure in document.figures:
        image = load_image(figure.src, page.base_dir, fetched)
        if image is not None:
            digests.append((figure.src, hashlib.sha256(image.data).hexdigest()))
    return digests


def _book(document: Document, script: Script, book: Path, page: Page, options: Options, fetched: dict[str, bytes]) -> dict[str, Any]:
    """Write the EPUB unless what it is made from is unchanged; its report facts either way."""
    folder = book.parent
    state = BuildState(folder)
    if options.audio.enabled:
        script = _book_script(script, options.audio.formats)
    audio = [state.get(folder / c.audio, "made_from") for c in script.chapters] if options.audio.enabled else []
    made_from = fingerprint(to_json(document), script_to_json(script), audio, options.claim_conformance, _image_digests(document, page, fetched))
    if state.unchanged(book, made_from):
        return dict(state.get(book, "facts"))
    report = write_epub(
        document,
        script,
        book,
        page.source,
        audio_folder=folder if options.audio.enabled else None,
        options=EpubOptions(claim_conformance=options.claim_conformance, base_dir=page.base_dir, fetched_images=fetched),
    )
    facts = {"findings": report.findings, "images_embedded": report.images_embedded, "media_overlays": report.overlays}
    state.record(book, made_from, facts=facts)
    state.save()
    return facts


def load_document(source: str | Page | None, options: ReadOptions | None = None) -> tuple[Page, Document]:
    """read and extract: a source (or a page already read) to its Document."""
    page = source if isinstance(source, Page) else read_source(source, options or ReadOptions())
    return page, extract_document(page.html, page.source, page.url)


def _check(options: Options) -> None:
    if options.speak.engine:
        EngineSpec.parse(options.speak.engine)  # a bad --engine is a usage error before any work
    unknown = [f for f in options.audio.formats if f not in AUDIO_FORMATS]
    if unknown:
        raise UsageError(f"unknown audio format {unknown[0]!r} (choose from {', '.join(AUDIO_FORMATS)})")


class _Stages:
    """Wall time, CPU time (this process, and the finished children: speech
    workers, encoders) and this process's peak memory at the end of each stage."""

    def __init__(self) -> None:
        self.report: dict[str, dict[str, float]] = {}
        self._last = self._now()

    @staticmethod
    def _now() -> tuple[float, float, float]:
        times = os.times()
        return time.perf_counter(), times.user + times.system, times.children_user + times.children_system

    def lap(self, stage: str) -> None:
        now = self._now()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.report[stage] = {
            "wall_s": round(now[0] - self._last[0], 3),
            "cpu_s": round(now[1] - self._last[1], 3),
            "children_cpu_s": round(now[2] - self._last[2], 3),
            "peak_rss_mb": round(peak, 1),
            # when the stage ended (Unix time), to line up outside measurements
            "ended_at": round(time.time(), 3),
        }
        self._last = now

    def timings(self) -> dict[str, float]:
        return {stage: facts["wall_s"] for stage, facts in self.report.items()}


@dataclass(frozen=True)
class _Audio:
    """What the audio stage made."""

    script: Script
    files: tuple[Path, ...]
    report: dict[str, Any]
    synthesized: int
    cached: int


def convert(source: str | Page | None, options: Options = Options()) -> Result:
    """Convert one article (``None``: the bundled sample; a :class:`Page`: one already read)
    into ``options.out_dir/<slug>/``.

    Temporary files live in ``OUT/.heardline/tmp/`` while it runs (see :func:`scratch`)."""
    _check(options)
    stages = _Stages()
    profile = load_profile(options.voice_profile)
    with scratch(options.out_dir), contextlib.ExitStack() as running:
        # the speech workers start first: their engines load while the page is read
        engines = running.enter_context(start_engines(profile, options.speak)) if options.audio.enabled else None
        return _convert(source, options, profile, stages, engines)


def _narrate(document: Document, page: Page, profile: Profile, options: Options) -> Script:
    plans = split_chapters(document, options.narrate.figures)
    narrate_options = options.narrate
    if narrate_options.lexicon_dir is None:
        narrate_options = replace(narrate_options, lexicon_dir=voices_dir() / "lexicons")
    with deadline(page.source, "narration", options.stage_timeout):
        script = narrate(document, plans, profile, narrate_options)
    if not script.segments:
        raise NoArticleError(page.source, "has no words to read (only symbols, emoji or empty elements)")
    return script


def _speak_and_encode(
    script: Script, document: Document, page: Page, profile: Profile, options: Options, folder: Path, fetched: dict[str, bytes], stages: _Stages, engines: EnginePool
) -> _Audio:
    """speak and the audio files: segments synthesised (their levels read as they
    arrive, and MP3 pieces encoded as the narration grows), assembled, brought to
    the loudness target and encoded."""
    plan = AudioPlan(
        folder=folder,
        slug=folder.name,
        formats=options.audio.formats,
        loudness=options.audio.loudness if options.audio.loudness is not None else profile.loudness,
        chapter_names=tuple(f"audio/{i:02d}-{slugify(c.title, 40)}" for i, c in enumerate(script.chapters, 1)),
        tags=episode_tags(document, options.audio.album),
        cover=_cover(document, page, fetched),
        jobs=options.speak.jobs,
    )
    with LevelsReader() as levels, Mp3Stream(levels, options.speak.jobs) as stream:

        def planned(voiced: Script, audio: dict[str, Path], count: int) -> None:
            # encoding beside speech only pays when there is speech to wait for
            if count and loudness_format(plan.formats) == "mp3":
                stream.start(voiced, audio, profile.pauses.lead_in, plan.target)

        def arrived(path: Path) -> None:
            levels.submit(path)
            stream.arrived(path)

        speech = speak(script, profile, options.speak, options.progress, on_audio=arrived, engines=engines, on_plan=planned)
        engines.close()  # their memory is the encoders' now
        stages.lap("speak")
        assembled = assemble(speech.script, speech.audio, profile.pauses.lead_in, levels.get)
        plan = replace(plan, sources=tuple(speech.audio[s.id].name for s in assembled.script.segments))
        outputs = write_audio(assembled, plan, stream.pieces())
    stages.lap("encode")
    timed = outputs.script
    report = {
        "loudness": outputs.loudness,
        "synthesis": {
            "segments": len(timed.segments),
            "synthesized": speech.synthesized,
            "cached": speech.cached,
            "worker_restarts": speech.restarts,
            "voices": sorted({f"{s.lang}:{s.voice}" for s in timed.segments}),
        },
        "duration": round(timed.duration or 0.0, 3),
    }
    return _Audio(timed, outputs.files, report, speech.synthesized, speech.cached)


def _sidecars(script: Script, document: Document, folder: Path) -> list[Path]:
    """The timed script and what is made from it: chapters.json, transcripts."""
    return [
        write_json(folder / "chapters.json", chapters_json(script, document)),
        write_text(folder / "transcript.vtt", to_vtt(script)),
        write_text(folder / "transcript.srt", to_srt(script)),
        write_json(folder / "script.json", script_to_json(script)),
    ]


def _convert(source: str | Page | None, options: Options, profile: Profile, stages: _Stages, engines: EnginePool | None) -> Result:
    if options.allow_private_network:
        options = replace(options, read=replace(options.read, allow_private_network=True))
    name = source.source if isinstance(source, Page) else source or "sample"
    with deadline(name, "reading and extraction", options.stage_timeout):
        page, document = load_document(source, options.read)
    release_language_models()  # the detection models are not needed again: none held while speaking
    stages.lap("read+extract")
    slug = slugify(document.headline)
    folder = options.out_dir / slug
    if folder.is_symlink():
        raise OutputError(f"{folder}: is a symbolic link; heardline does not write through it")
    script = _narrate(document, page, profile, options)
    stages.lap("narrate")
    fetched, fetch_findings = _fetch_images(document, options)
    report: dict[str, Any] = {
        "schema": "heardline.report/1",
        "source": page.source,
        "guid": document_identifier(document, page.source),
        "findings": list(page.notes) + list(script.notes) + fetch_findings,
        # what extraction left out of the article, and the rule that did
        "left_out": [{"text": left.text, "rule": left.rule} for left in document.left_out],
    }
    if document.continued:
        report["continued"] = document.continued  # the article goes on at this address
    files: list[Path] = []
    synthesized = cached = 0
    if engines is not None:
        audio = _speak_and_encode(script, document, page, profile, options, folder, fetched, stages, engines)
        script, synthesized, cached = audio.script, audio.synthesized, audio.cached
        files += [*audio.files, *_sidecars(script, document, folder)]
        report.update(audio.report)
    if options.epub:
        book = folder / f"{slug}.epub"
        with deadline(page.source, "the EPUB", options.stage_timeout):
            epub_facts = _book(document, script, book, page, options, fetched)
        files.append(book)
        report["findings"] += epub_facts["findings"]
        report["epub"] = {k: v for k, v in epub_facts.items() if k != "findings"}
        stages.lap("epub")
    files.append(write_json(folder / "document.json", to_json(document)))
    stages.lap("write")
    report["timings"] = stages.timings()
    report["stages"] = stages.report
    files.append(write_json(folder / "report.json", report))
    return Result(
        source=page.source,
        slug=slug,
        folder=folder,
        document=document,
        files=tuple(str(f.relative_to(folder)) for f in files),
        script=script,
        synthesized=synthesized,
        cached=cached,
    )
