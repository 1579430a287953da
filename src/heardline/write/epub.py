"""The EPUB 3 writer: the Document, in the audio's chapters, as an accessible book.

ebooklib is used here and nowhere else. It packages what this module renders;
the XHTML, the navigation document and the SMIL overlays are written here,
because ebooklib's own rendering drops ``<body>`` attributes and ``<head>``
content and cannot express what accessibility needs. What ebooklib cannot do at
all (``xml:lang`` on ``<package>``) is added to the package document after it
has written the book.

The book keeps the page's skip navigation: the skip links open the first
content document, in the page's order and wording, each pointing inside the
book ("to content" at the article text, "to navigation" at the table of
contents, other link lists in an appendix that keeps them).
"""

from __future__ import annotations

import html
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ebooklib import epub

from ..atomic import atomic_path
from ..images import load_image
from ..locale import PHRASES, base_language, format_date
from ..model import (
    Block,
    Byline,
    Document,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Related,
    SkipLink,
    document_identifier,
)
from ..script import TITLE_BLOCK, Chapter, Script, Segment, clock

__all__ = ["EpubOptions", "EpubReport", "OVERLAY_AUDIO", "write_epub"]

_XHTML_NS = 'xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'
_AUDIO_TYPES = {".mp3": "audio/mpeg", ".ogg": "audio/ogg; codecs=opus"}
# audio file suffixes media overlays can play
OVERLAY_AUDIO = frozenset(_AUDIO_TYPES)
_SKIP_PREFIX = re.compile(
    r"^\s*(skip|jump|go)\s+(to|directly to)\s+(the\s+)?|^\s*(zum|zur|zu den)\s+|\s+springen\s*$|^\s*(aller|passer|accéder)\s+(au|à la|à|aux)\s+"
    r"|^\s*(saltar|ir|pular)\s+(a|al|para|para o)\s+|^\s*(vai|salta)\s+(al|alla|a)\s+|^\s*ga\s+naar\s+",
    re.I,
)


@dataclass(frozen=True)
class EpubOptions:
    # organisation that evaluated conformance; only then is conformance claimed
    claim_conformance: str = ""
    # folder next to a local source, to embed its images
    base_dir: Path | None = None
    # extra images fetched by the caller: src -> bytes
    fetched_images: dict[str, bytes] = field(default_factory=dict)
    max_image_bytes: int = 5 * 1024 * 1024
    modified: datetime | None = None


@dataclass
class EpubReport:
    """What the writer could not keep, for report.json."""

    findings: list[str] = field(default_factory=list)
    images_embedded: int = 0
    overlays: bool = False


def _e(text: str) -> str:
    """Text escaped for XHTML, with characters XML forbids dropped."""
    return html.escape(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text), quote=True)


def _labels(lang: str) -> dict[str, str]:
    return PHRASES.get(base_language(lang), PHRASES["en"])


def _lang_attrs(lang: str | None, book_lang: str) -> str:
    if not lang or base_language(lang) == base_language(book_lang):
        return ""
    return f' lang="{_e(lang)}" xml:lang="{_e(lang)}"'


def _clock(seconds: float) -> str:
    return clock(seconds, hours=1)


class _Renderer:
    """XHTML for one chapter's blocks, with an id on every element a segment speaks from."""

    def __init__(self, document: Document, book_lang: str, images: dict[int, str]) -> None:
        self.document = document
        self.lang = book_lang
        self.images = images
        self.labels = _labels(book_lang)
        # segment id -> element id it is synchronised with
        self.text_ref: dict[str, str] = {}
        self.shift = 0
        # the level of the last heading written in this document: no level is skipped after it
        self.last_level = 0

    def chapter(self, chapter: Chapter) -> str:
        """The chapter's ``<section>``: a title heading when the page gives it none, then its blocks."""
        by_block: dict[int, list[Segment]] = {}
        for seg in chapter.segments:
            if seg.block == TITLE_BLOCK:
                self.text_ref[seg.id] = f"{chapter.id}-title"
            else:
                by_block.setdefault(seg.block, []).append(seg)
        blocks = self.document.blocks
        headings = [block for block in (blocks[i] for i in chapter.blocks) if isinstance(block, Heading)]
        self.shift = headings[0].level - 1 if headings and headings[0].level > 1 else 0
        self.last_level = 0
        body = []
        if not headings or chapter.blocks and not isinstance(blocks[chapter.blocks[0]], Heading):
            body.append(f'<h1 id="{chapter.id}-title">{_e(chapter.title)}</h1>')
            self.last_level = 1
            self.shift = min((h.level for h in headings), default=2) - 2
        body += [self.block(index, blocks[index], by_block.get(index, [])) for index in chapter.blocks]
        return f'<section id="{chapter.id}" epub:type="chapter" role="doc-chapter" aria-labelledby="{_heading_id(body)}">\n' + "\n".join(body) + "\n</section>"

    def sentences(self, text: str, segments: list[Segment], lang: str | None, fallback_id: str) -> str:
        """``text`` with each segment's sentence wrapped in a span carrying the segment id."""
        out, cursor = [], 0
        for seg in segments:
            at = text.find(seg.source_text, cursor)
            if at < 0 or seg.source_text in ("",):
                self.text_ref[seg.id] = fallback_id
                continue
            out.append(_e(text[cursor:at]))
            out.append(f'<span id="{seg.id}"{_lang_attrs(seg.lang if seg.lang != lang else None, lang or self.lang)}>{_e(seg.source_text)}</span>')
            self.text_ref[seg.id] = seg.id
            cursor = at + len(seg.source_text)
        out.append(_e(text[cursor:]))
        return "".join(out)

    def block(self, index: int, block: Block, segments: list[Segment]) -> str:
        bid = f"b{index}"
        for seg in segments:
            self.text_ref[seg.id] = bid
        if isinstance(block, Heading):
            level = 1 if block.level == 1 else max(1, min(6, block.level - self.shift, self.last_level + 1))
            self.last_level = level
            return f'<h{level} id="{bid}"{_lang_attrs(block.lang, self.lang)}>{_e(block.text)}</h{level}>'
        if isinstance(block, Paragraph):
            if block.role == "date":
                stamp = self.document.published
                time_attr = f' datetime="{_e(stamp.isoformat())}"' if stamp else ""
                text = block.text or (format_date(stamp, self.lang) if stamp else "")
                return f'<p class="date" id="{bid}"><time{time_attr}>{_e(text)}</time></p>'
            cls = ' class="lead"' if block.role == "lead" else ""
            if block.spans:
                inner, rest = [], list(segments)
                for span in block.spans:
                    mine = [s for s in rest if s.source_text and s.source_text in span.text]
                    rest = [s for s in rest if s not in mine]
                    body = self.sentences(span.text, mine, span.lang, bid)
                    inner.append(f"<span{_lang_attrs(span.lang, self.lang)}>{body}</span>" if _lang_attrs(span.lang, self.lang) else body)
                return f'<p{cls} id="{bid}">{"".join(inner)}</p>'
            lang = block.lang or self.lang
            return f'<p{cls} id="{bid}"{_lang_attrs(block.lang, self.lang)}>{self.sentences(block.text, segments, lang, bid)}</p>'
        if isinstance(block, Figure):
            return self.figure(index, block, segments)
        if isinstance(block, ListBlock):
            items = []
            for n, item in enumerate(block.items):
                match = next((s for s in segments if s.source_text.rstrip(".") == item.rstrip(".")), None)
                item_id = match.id if match else f"{bid}-{n}"
                if match:
                    self.text_ref[match.id] = item_id
                items.append(f'<li id="{item_id}">{_e(item)}</li>')
            tag = "ol" if block.ordered else "ul"
            return f'<{tag} id="{bid}"{_lang_attrs(block.lang, self.lang)}>{"".join(items)}</{tag}>'
        if isinstance(block, Quote):
            cite = f"<footer>{_e(block.cite)}</footer>" if block.cite else ""
            return f'<blockquote id="{bid}"{_lang_attrs(block.lang, self.lang)}><p>{self.sentences(block.text, segments, block.lang or self.lang, bid)}</p>{cite}</blockquote>'
        if isinstance(block, Related):
            label = block.label or self.labels["read_more"]
            link = f'<a href="{_e(block.href)}">{_e(block.text)}</a>' if block.href.startswith(("http://", "https://")) else _e(block.text)
            return f'<p class="related" id="{bid}"><span class="label">{_e(label)}</span> {link}</p>'
        if isinstance(block, Byline):
            return f'<p class="byline" id="{bid}">{_e(block.text)}</p>'
        return ""

    def figure(self, index: int, fig: Figure, segments: list[Segment]) -> str:
        bid = f"b{index}"
        kind_label = self.labels.get(fig.kind, self.labels["photo"])
        parts = [f'<figure id="{bid}" class="figure {fig.kind}" aria-labelledby="{bid}-caption">']
        alt = fig.alt or ""
        alt_lang = _lang_attrs(fig.alt_lang, self.lang)
        if index in self.images:
            parts.append(f'<img id="{bid}-img" src="{_e(self.images[index])}" alt="{_e(alt)}"{alt_lang}/>')
            alt_id = f"{bid}-img"
        else:
            # the image stays on the web: the figure carries its description as text
            description = alt or fig.caption or kind_label
            parts.append(
                f'<p class="image-description" id="{bid}-alt"><span class="label">{_e(self.labels["description"])}:</span> '
                f'<span{alt_lang if alt else ""}>{_e(description)}</span></p>'
            )
            alt_id = f"{bid}-alt"
        caption_lang = _lang_attrs(fig.caption_lang, self.lang)
        caption_bits = [f'<span class="kind">{_e(kind_label)}:</span>']
        if fig.caption:
            caption_bits.append(f'<span class="caption" id="{bid}-cap"{caption_lang}>{_e(fig.caption)}</span>')
        if fig.credit:
            caption_bits.append(f'<span class="credit" id="{bid}-credit">{_e(self.labels["credit"])}: {_e(fig.credit)}</span>')
        parts.append(f'<figcaption id="{bid}-caption">{" ".join(caption_bits)}</figcaption></figure>')
        for seg in segments:
            if seg.role == "alt":
                self.text_ref[seg.id] = alt_id
            elif seg.role == "credit" and fig.credit:
                self.text_ref[seg.id] = f"{bid}-credit"
            elif fig.caption and seg.source_text.rstrip(":") != kind_label:
                self.text_ref[seg.id] = f"{bid}-cap"
            else:
                self.text_ref[seg.id] = f"{bid}-caption"
        return "".join(parts)


_RTL = {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"}


def _direction(lang: str) -> str:
    return "rtl" if base_language(lang) in _RTL else "ltr"


def _xhtml(title: str, lang: str, body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html {_XHTML_NS} lang="{_e(lang)}" xml:lang="{_e(lang)}" dir="{_direction(lang)}">\n<head>\n<meta charset="UTF-8"/>\n'
        f"<title>{_e(title)}</title>\n"
        '<link rel="stylesheet" type="text/css" href="css/book.css"/>\n</head>\n'
        f"<body>\n{body}\n</body>\n</html>\n"
    )


_CSS = """/* heardline: readable at any size; relative units only */
body { font-family: serif; line-height: 1.5; margin: 0 1em; }
h1, h2, h3, h4, h5, h6 { font-family: sans-serif; line-height: 1.25; }
h1 { font-size: 1.6em; } h2 { font-size: 1.35em; } h3 { font-size: 1.15em; }
.skip-links ul { list-style: none; padding: 0; margin: 0 0 1em 0; }
.skip-links li { display: inline; margin-right: 1em; }
.date { font-style: italic; }
.lead { font-weight: bold; }
figure { margin: 1em 0; }
figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; }
.kind, .label { font-weight: bold; }
.image-description { border-left: 0.2em solid #767676; padding-left: 0.5em; }
.byline { font-size: 0.9em; }
.-epub-media-overlay-active { background-color: #fff3b0; color: #000; }
"""


def _skip_heading(text: str) -> str:
    """'Skip to more DW sites' -> 'More DW sites'.

    >>> _skip_heading("Skip to more DW sites")
    'More DW sites'
    >>> _skip_heading("Zur Navigation springen")
    'Navigation'
    """
    rest = _SKIP_PREFIX.sub("", text).strip() or text
    rest = _SKIP_PREFIX.sub("", rest).strip() or rest
    return rest[:1].upper() + rest[1:]


def _skip_links(document: Document, first_file: str, report: EpubReport) -> tuple[str, list[SkipLink], dict[str, str]]:
    """The skip-link list for the top of the book, the links kept in the appendix, and their hrefs."""
    labels = _labels(document.lang)
    hrefs: dict[str, str] = {}
    appendix: list[SkipLink] = []
    items = []
    for link in document.skip_links:
        if link.role == "content":
            href = f"{first_file}#article"
        elif link.role == "navigation":
            href = "nav.xhtml#toc"
        elif link.links:
            appendix.append(link)
            href = f"appendix.xhtml#{_safe_id(link.target)}"
        else:
            href = "nav.xhtml#toc"
            report.findings.append(f"skip link {link.text!r} (to #{link.target}, {link.role}): its target cannot be kept in a book; it points to the table of contents")
        hrefs[link.target] = href
        items.append(f'<li><a href="{_e(href)}">{_e(link.text)}</a></li>')
    if not items:
        return "", appendix, hrefs
    nav = f'<nav class="skip-links" aria-label="{_e(labels["skip"])}"><ul>{"".join(items)}</ul></nav>'
    return nav, appendix, hrefs


def _safe_id(value: str) -> str:
    """An XML id from a page's target name.

    >>> _safe_id("dwSites"), _safe_id("1 main")
    ('dwSites', 'id-1-main')
    """
    clean = re.sub(r"[^A-Za-z0-9_.-]", "-", value)
    return clean if re.match(r"[A-Za-z_]", clean) else f"id-{clean}"


def _toc_entries(document: Document, chapter: Chapter, file_name: str) -> list[tuple[str, str]]:
    """(title, href) of a chapter's sub-sections: its headings below the chapter's own."""
    entries = []
    for index in chapter.blocks:
        block = document.blocks[index]
        if isinstance(block, Heading) and block.level > 1 and block.text != chapter.title:
            entries.append((block.text, f"{file_name}#b{index}"))
    return entries


def write_epub(
    document: Document,
    script: Script,
    target: Path,
    source: str,
    audio_folder: Path | None = None,
    options: EpubOptions = EpubOptions(),
) -> EpubReport:
    """Write the book to ``target``; with ``audio_folder`` (where the script's chapter
    audio lives) the book gets media overlays synchronised to it."""
    report = EpubReport()
    book = _new_book(document, source)
    images = _embed_images(book, document, options)
    report.images_embedded = len(images)
    overlay_audio = _overlay_audio(script, audio_folder, report)
    report.overlays = overlay_audio is not None
    skip_nav, appendix, _ = _skip_links(document, "c01.xhtml", report)
    renderer = _Renderer(document, document.lang, images)
    spine: list[object] = []
    toc: list[object] = []
    for number, chapter in enumerate(script.chapters, 1):
        item = _add_chapter(book, renderer, chapter, number, skip_nav if number == 1 else "", overlay_audio)
        spine.append(item)
        toc.append(_toc_link(document, chapter, number))
    if appendix:
        spine.append(_add_appendix(book, appendix, document.lang))
        toc.append(epub.Link("appendix.xhtml", _labels(document.lang)["appendix"], "appendix-link"))
    _add_navigation(book, script, document, spine, toc, bool(appendix))
    if overlay_audio is not None:
        _overlay_metadata(book, script)
    _accessibility(book, document, options, bool(images), overlay_audio is not None)
    # the audio goes into the package straight from its files (see _finish_package)
    audio = {f"audio/{Path(c.audio).name}": overlay_audio / c.audio for c in script.chapters if c.audio} if overlay_audio else {}
    _package(book, target, document.lang, options.modified, audio)
    return report


def _new_book(document: Document, source: str) -> epub.EpubBook:
    """A book with the article's Dublin Core metadata and the style sheet."""
    lang = document.lang
    book = epub.EpubBook()
    book.set_identifier(document_identifier(document, source))
    book.set_title(document.headline)
    book.set_language(lang)
    book.set_direction(_direction(lang))
    for number, author in enumerate(document.authors, 1):
        book.add_author(author, uid=f"creator{number}")  # one id per author
    if document.publisher:
        book.add_metadata("DC", "publisher", document.publisher)
    if document.published:
        book.add_metadata("DC", "date", document.published.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if document.published.tzinfo else document.published.strftime("%Y-%m-%d"))
    if document.url:
        book.add_metadata("DC", "source", document.url)
    if document.description:
        book.add_metadata("DC", "description", document.description)
    book.add_item(epub.EpubItem(uid="css", file_name="css/book.css", media_type="text/css", content=_CSS.encode("utf-8")))
    return book


def _embed_images(book: epub.EpubBook, document: Document, options: EpubOptions) -> dict[int, str]:
    """The figures' images that are available here, added to the book: block index -> file name."""
    images: dict[int, str] = {}
    for index, block in enumerate(document.blocks):
        if isinstance(block, Figure):
            image = load_image(block.src, options.base_dir, options.fetched_images, options.max_image_bytes)
            if image:
                name = f"images/img-{index}{image.extension}"
                book.add_item(epub.EpubItem(uid=f"img-{index}", file_name=name, media_type=image.media_type, content=image.data))
                images[index] = name
    return images


def _overlay_audio(script: Script, audio_folder: Path | None, report: EpubReport) -> Path | None:
    """The folder of the chapter audio when media overlays can be made from it, else None."""
    if audio_folder is None:
        return None
    if all(c.audio and Path(c.audio).suffix in _AUDIO_TYPES for c in script.chapters):
        return audio_folder
    report.findings.append("no MP3 or Opus chapter audio: the book has no media overlays")
    return None


def _add_chapter(book: epub.EpubBook, renderer: _Renderer, chapter: Chapter, number: int, skip_nav: str, audio_folder: Path | None) -> epub.EpubItem:
    """One chapter's content document, and its overlay and audio when there is audio."""
    file_name = f"c{number:02d}.xhtml"
    section = renderer.chapter(chapter)
    if number == 1:
        section = (skip_nav + "\n" if skip_nav else "") + f'<div id="article">\n{section}\n</div>'
    content = _xhtml(chapter.title, renderer.lang, section)
    item = epub.EpubItem(uid=f"chap-{number:02d}", file_name=file_name, media_type="application/xhtml+xml", content=content.encode("utf-8"))
    if audio_folder is not None:
        smil_id = f"smil-{number:02d}"
        audio_name = f"audio/{Path(chapter.audio).name}"
        smil = _smil(chapter, file_name, audio_name, renderer.text_ref, renderer.document)
        book.add_item(epub.EpubItem(uid=smil_id, file_name=f"smil/c{number:02d}.smil", media_type="application/smil+xml", content=smil.encode("utf-8")))
        # an empty stand-in: the file is copied in when the book is packaged
        book.add_item(epub.EpubItem(uid=f"audio-{number:02d}", file_name=audio_name, media_type=_AUDIO_TYPES[Path(chapter.audio).suffix], content=b""))
        item.media_overlay = smil_id
        book.add_metadata(None, "meta", _clock(_duration(chapter)), {"property": "media:duration", "refines": f"#{smil_id}"})
    book.add_item(item)
    return item


def _duration(chapter: Chapter) -> float:
    return (chapter.end or 0.0) - (chapter.start or 0.0)


def _toc_link(document: Document, chapter: Chapter, number: int) -> object:
    """The chapter's entry in the NCX table of contents, with its sub-sections."""
    file_name = f"c{number:02d}.xhtml"
    subsections = _toc_entries(document, chapter, file_name)
    if not subsections:
        return epub.Link(file_name, chapter.title, f"chap-{number:02d}")
    return (epub.Section(chapter.title, file_name), [epub.Link(h, t, f"sub-{number}-{i}") for i, (t, h) in enumerate(subsections)])


def _add_appendix(book: epub.EpubBook, appendix: list[SkipLink], lang: str) -> epub.EpubItem:
    """The appendix keeping the page's other link lists, one section per skip link."""
    title = _labels(lang)["appendix"]
    sections: list[str] = []
    for link in appendix:
        heading = _skip_heading(link.text)
        items = "".join(f'<li><a href="{_e(item.href)}">{_e(item.text)}</a></li>' for item in link.links if item.href.startswith(("http://", "https://")))
        sections.append(f'<section id="{_safe_id(link.target)}" aria-labelledby="{_safe_id(link.target)}-h"><h2 id="{_safe_id(link.target)}-h">{_e(heading)}</h2><ul>{items}</ul></section>')
    body = f'<section id="appendix" epub:type="appendix" role="doc-appendix" aria-labelledby="appendix-h"><h1 id="appendix-h">{_e(title)}</h1>\n' + "\n".join(sections) + "</section>"
    item = epub.EpubItem(uid="appendix", file_name="appendix.xhtml", media_type="application/xhtml+xml", content=_xhtml(title, lang, body).encode("utf-8"))
    book.add_item(item)
    return item


def _add_navigation(book: epub.EpubBook, script: Script, document: Document, spine: list[object], toc: list[object], has_appendix: bool) -> None:
    """The navigation document, the NCX, the table of contents and the spine."""
    lang = document.lang
    nav = epub.EpubItem(uid="nav", file_name="nav.xhtml", media_type="application/xhtml+xml", content=_nav(script, document, _labels(lang), lang, has_appendix).encode("utf-8"))
    nav.properties = ["nav"]
    book.add_item(nav)
    book.add_item(epub.EpubNcx())
    book.toc = toc
    book.spine = spine + [(nav, "no")]


def _overlay_metadata(book: epub.EpubBook, script: Script) -> None:
    """The book's total overlay duration (the sum of the clock values written), active class and narrator."""
    total = sum(round(_duration(c), 3) for c in script.chapters)
    book.add_metadata(None, "meta", _clock(total), {"property": "media:duration"})
    book.add_metadata(None, "meta", "-epub-media-overlay-active", {"property": "media:active-class"})
    narrators = sorted({s.voice for s in script.segments if s.voice})
    book.add_metadata(None, "meta", "heardline text-to-speech (" + ", ".join(narrators) + ")", {"property": "media:narrator"})


def _package(book: epub.EpubBook, target: Path, lang: str, modified: datetime | None, audio: dict[str, Path]) -> None:
    """ebooklib writes the book; it is finished and moved onto ``target`` atomically,
    with the ``audio`` files (by their names in the book) copied in."""
    stamp = (modified or datetime.now(timezone.utc)).replace(microsecond=0)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "book.epub"
        epub.write_epub(str(raw), book, {"epub3_pages": False, "epub3_landmark": False, "mtime": stamp, "play_order": {"enabled": False}})
        with atomic_path(target) as out:
            _finish_package(raw, out, lang, audio)


def _heading_id(body: list[str]) -> str:
    for part in body:
        match = re.match(r'<h[1-6] id="([^"]+)"', part)
        if match:
            return match.group(1)
    return ""


def _nav(script: Script, document: Document, labels: dict[str, str], lang: str, has_appendix: bool) -> str:
    items = []
    for number, chapter in enumerate(script.chapters, 1):
        file_name = f"c{number:02d}.xhtml"
        subs = _toc_entries(document, chapter, file_name)
        sub = "<ol>" + "".join(f'<li><a href="{_e(h)}">{_e(t)}</a></li>' for t, h in subs) + "</ol>" if subs else ""
        items.append(f'<li><a href="{file_name}">{_e(chapter.title)}</a>{sub}</li>')
    if has_appendix:
        items.append(f'<li><a href="appendix.xhtml">{_e(labels["appendix"])}</a></li>')
    landmarks = [
        f'<li><a epub:type="toc" href="nav.xhtml#toc">{_e(labels["contents"])}</a></li>',
        f'<li><a epub:type="bodymatter" href="c01.xhtml#article">{_e(labels["start"])}</a></li>',
    ]
    if has_appendix:
        landmarks.append(f'<li><a epub:type="appendix" href="appendix.xhtml">{_e(labels["appendix"])}</a></li>')
    body = (
        f'<nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-h"><h1 id="toc-h">{_e(labels["contents"])}</h1><ol>{"".join(items)}</ol></nav>\n'
        f'<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-h" hidden="hidden"><h2 id="landmarks-h">{_e(labels["landmarks"])}</h2><ol>{"".join(landmarks)}</ol></nav>'
    )
    return _xhtml(labels["contents"], lang, body)


def _smil(chapter: Chapter, file_name: str, audio_name: str, text_ref: dict[str, str], document: Document) -> str:
    """The chapter's overlay: a <par> per segment, figures in an escapable <seq>."""
    start = chapter.start or 0.0
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" version="3.0">',
        f'<body><seq id="seq-{chapter.id}" epub:textref="../{file_name}" epub:type="chapter">',
    ]
    open_figure: int | None = None
    for seg in chapter.segments:
        is_figure = seg.block != TITLE_BLOCK and isinstance(document.blocks[seg.block], Figure)
        if open_figure is not None and (not is_figure or seg.block != open_figure):
            lines.append("</seq>")
            open_figure = None
        if is_figure and open_figure is None:
            lines.append(f'<seq id="fig-{seg.id}" epub:textref="../{file_name}#b{seg.block}" epub:type="figure">')
            open_figure = seg.block
        begin = (seg.start or 0.0) - start
        end = (seg.end or 0.0) - start
        lines.append(
            f'<par id="par-{seg.id}"><text src="../{file_name}#{text_ref.get(seg.id, f"b{seg.block}")}"/>'
            f'<audio src="../{audio_name}" clipBegin="{begin:.3f}s" clipEnd="{end:.3f}s"/></par>'
        )
    if open_figure is not None:
        lines.append("</seq>")
    lines.append("</seq></body></smil>")
    return "\n".join(lines) + "\n"


def _accessibility(book: epub.EpubBook, document: Document, options: EpubOptions, images: bool, overlays: bool) -> None:
    """EPUB Accessibility 1.1 metadata, computed from what the book contains."""
    modes = ["textual"] + (["visual"] if images else [])
    for mode in modes:
        book.add_metadata(None, "meta", mode, {"property": "schema:accessMode"})
    book.add_metadata(None, "meta", "textual", {"property": "schema:accessModeSufficient"})
    if overlays:
        book.add_metadata(None, "meta", "auditory", {"property": "schema:accessModeSufficient"})
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    if images:
        features.append("alternativeText")
    if overlays:
        features.append("synchronizedAudioText")
    for feature in features:
        book.add_metadata(None, "meta", feature, {"property": "schema:accessibilityFeature"})
    book.add_metadata(None, "meta", "none", {"property": "schema:accessibilityHazard"})
    figures = document.figures
    summary = [
        "This article has a table of contents, headings in reading order and the source page's skip links.",
        f"Its {len(figures)} figures are described in text" + (" and embedded images carry alternative text." if images else "; the images themselves are not included.") if figures else "It has no figures.",
    ]
    if overlays:
        summary.append("The whole text, including image descriptions, is read aloud with synchronised highlighting.")
    if any(isinstance(b, Paragraph) and b.spans for b in document.blocks) or any(
        getattr(b, "lang", None) or getattr(b, "alt_lang", None) or getattr(b, "caption_lang", None) for b in document.blocks
    ):
        summary.append("Passages in other languages, image descriptions included, are marked with their language.")
    book.add_metadata(None, "meta", " ".join(summary), {"property": "schema:accessibilitySummary"})
    if options.claim_conformance:
        book.add_metadata(None, "meta", "EPUB Accessibility 1.1 - WCAG 2.2 Level AA", {"property": "dcterms:conformsTo"})
        book.add_metadata(None, "meta", options.claim_conformance, {"property": "a11y:certifiedBy"})


def _finish_package(raw: Path, out: Path, lang: str, audio: dict[str, Path]) -> None:
    """Copy the book, adding ``xml:lang`` to ``<package>``, mimetype first and stored;
    the stand-ins for ``audio`` are replaced by the files, copied a block at a time."""
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w") as dst:
        dst.writestr(zipfile.ZipInfo("mimetype"), src.read("mimetype"), compress_type=zipfile.ZIP_STORED)
        for info in src.infolist():
            if info.filename == "mimetype":
                continue
            source = next((path for name, path in audio.items() if info.filename.endswith("/" + name)), None)
            if source is not None:
                entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                entry.file_size = source.stat().st_size
                with source.open("rb") as fh, dst.open(entry, "w") as sink:
                    shutil.copyfileobj(fh, sink, 1 << 20)
                continue
            data = src.read(info.filename)
            if info.filename.endswith(".opf"):
                text = data.decode("utf-8")
                if "xml:lang=" not in text.split("<metadata", 1)[0]:
                    text = re.sub(r"<package\b", f'<package xml:lang="{_e(lang)}"', text, count=1)
                data = text.encode("utf-8")
            compress = zipfile.ZIP_STORED if info.filename.endswith((".mp3", ".ogg", ".jpg", ".png", ".gif", ".webp")) else zipfile.ZIP_DEFLATED
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=info.date_time), data, compress_type=compress)
