"""convert: the pipeline read -> extract -> narrate -> speak -> write, and nothing else."""

from __future__ import annotations

import hashlib
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .atomic import BuildState, fingerprint, write_json, write_text
from .audio import AUDIO_FORMATS, assemble
from .audio.produce import AudioPlan, write_audio
from .chapters import split_chapters
from .errors import HeardlineError, UsageError
from .extract import extract_document
from .images import load_image
from .model import Document, document_identifier, to_json
from .narrate import NarrateOptions, narrate
from .read import Page, ReadOptions, fetch_resource, read_source
from .script import Script
from .script import to_json as script_to_json
from .speak import SpeakOptions, speak
from .voices import load_profile, voices_dir
from .write.epub import EpubOptions, write_epub
from .write.podcast import chapters_json, episode_tags
from .write.transcript import to_srt, to_vtt

__all__ = ["AudioOptions", "Options", "Result", "convert", "slugify", "load_document"]


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
    unknown = [f for f in options.audio.formats if f not in AUDIO_FORMATS]
    if unknown:
        raise UsageError(f"unknown audio format {unknown[0]!r} (choose from {', '.join(AUDIO_FORMATS)})")


def convert(source: str | Page | None, options: Options = Options()) -> Result:
    """Convert one article (``None``: the bundled sample; a :class:`Page`: one already read)
    into ``options.out_dir/<slug>/``."""
    _check(options)
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = round(now - clock, 3)
        clock = now

    profile = load_profile(options.voice_profile)
    page, document = load_document(source, options.read)
    lap("read+extract")
    slug = slugify(document.headline)
    folder = options.out_dir / slug
    files: list[Path] = []
    plans = split_chapters(document, options.narrate.figures)
    narrate_options = options.narrate
    if narrate_options.lexicon_dir is None:
        narrate_options = replace(narrate_options, lexicon_dir=voices_dir() / "lexicons")
    script = narrate(document, plans, profile, narrate_options)
    lap("narrate")
    synthesized = cached = 0
    fetched, fetch_findings = _fetch_images(document, options)
    report: dict[str, Any] = {
        "schema": "heardline.report/1",
        "source": page.source,
        "guid": document_identifier(document, page.source),
        "findings": list(script.notes) + fetch_findings,
    }
    if options.audio.enabled:
        speech = speak(script, profile, options.speak, options.progress)
        synthesized, cached = speech.synthesized, speech.cached
        lap("speak")
        assembled = assemble(speech.script, speech.audio, profile.pauses.lead_in)
        outputs = write_audio(
            assembled,
            AudioPlan(
                folder=folder,
                slug=slug,
                formats=options.audio.formats,
                loudness=options.audio.loudness if options.audio.loudness is not None else profile.loudness,
                chapter_names=tuple(f"audio/{i:02d}-{slugify(c.title, 40)}" for i, c in enumerate(assembled.script.chapters, 1)),
                tags=episode_tags(document, options.audio.album),
                cover=_cover(document, page, fetched),
                sources=tuple(speech.audio[s.id].name for s in assembled.script.segments),
                jobs=options.speak.jobs,
            ),
        )
        script = outputs.script
        files += outputs.files
        report["loudness"] = outputs.loudness
        lap("encode")
        files.append(write_json(folder / "chapters.json", chapters_json(script, document)))
        files.append(write_text(folder / "transcript.vtt", to_vtt(script)))
        files.append(write_text(folder / "transcript.srt", to_srt(script)))
        files.append(write_json(folder / "script.json", script_to_json(script)))
        report["synthesis"] = {
            "segments": len(script.segments),
            "synthesized": synthesized,
            "cached": cached,
            "worker_restarts": speech.restarts,
            "voices": sorted({f"{s.lang}:{s.voice}" for s in script.segments}),
        }
        report["duration"] = round(script.duration or 0.0, 3)
    if options.epub:
        book = folder / f"{slug}.epub"
        epub_facts = _book(document, script, book, page, options, fetched)
        files.append(book)
        report["findings"] += epub_facts["findings"]
        report["epub"] = {k: v for k, v in epub_facts.items() if k != "findings"}
        lap("epub")
    files.append(write_json(folder / "document.json", to_json(document)))
    lap("write")
    report["timings"] = timings
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
