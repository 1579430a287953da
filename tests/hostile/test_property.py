"""Property: any HTML page — random tags, attributes and nesting, text in several scripts,
hostile charset, lang and JSON-LD values — goes through read → extract → narrate →
EPUB (timings from a stand-in for the speech engine) and gives well-formed XML with no
script and no remote resource, or one of heardline's own errors; never anything else."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heardline.chapters import split_chapters
from heardline.errors import HeardlineError
from heardline.extract import extract_document
from heardline.narrate import NarrateOptions, narrate
from heardline.read import bound_nesting, decode_html
from heardline.script import Script
from heardline.voices import load_profile
from heardline.write.epub import write_epub

PROFILE = load_profile("default")
TAGS = ["div", "p", "span", "h1", "h2", "h3", "h4", "article", "main", "section", "header", "footer", "nav", "aside", "figure", "figcaption", "img", "picture", "source", "a", "ul", "ol", "li", "blockquote", "q", "em", "strong", "b", "i", "br", "hr", "table", "tr", "td", "time", "meta", "script", "style", "noscript", "iframe", "svg", "math", "template", "button", "form", "input", "label", "dl", "dt", "dd", "pre", "code", "sup", "sub", "x-widget"]
WORDS = st.sampled_from(
    [
        "The", "harbour", "wall", "repairs", "council", "said", "Monday", "€5", "3.5%", "1914", "Dr.", "e.g.", "Straße", "Köln",
        "Москва", "عاجل", "北京", "नमस्ते", "שלום", "😀", "🔥🎉", "\u200b", "\x07", "\ufeff", "&amp;", "&#xD800;", "&#0;", "<!--",
        "]]>", '"', "'", "&nbsp;", "7" * 60, "a" * 70, "\u202e", "\u0301", "ﷺ",
    ]
)
HOSTILE_LANGS = st.sampled_from(["en", "de-DE", "ar", "he", "zh-Hant-TW", "", "x" * 300, "en-" + "y" * 300, "'\"><", "123", "en_US", "i-klingon", "und"])
URLS = st.sampled_from(["#main", "#ma\"in", "javascript:alert(1)", "http://127.0.0.1/x.jpg", "//evil.example/a.png", "data:image/png;base64,AAAA", "../../etc/passwd", "", "x.jpg", "https://cdn.example/p.jpg?a=1&b=2"])
ATTRS = st.dictionaries(
    st.sampled_from(["lang", "dir", "class", "id", "href", "src", "alt", "hidden", "style", "aria-hidden", "role", "title", "srcset", "datetime", "xml:lang"]),
    st.one_of(HOSTILE_LANGS, URLS, st.sampled_from(["skip-link", "article-body", "caption", "rtl", "display:none", "true", "main", "2017-05-28T17:41:00Z", "0001-01-01T00:00+14:00"])),
    max_size=3,
)
JSONLD = st.one_of(
    st.just('{"@type":"NewsArticle","headline":"A \\ud800 B \\u0001","datePublished":"0001-01-01T00:00:00+05:00","author":{"name":"\\udfff"}}'),
    st.just('{"@graph":' + "[" * 50 + "{}" + "]" * 50 + "}"),
    st.just("[" * 5000 + "]" * 5000),
    st.just('{"@type":["NewsArticle",5,null],"headline":[1,2],"author":[{"name":{"x":1}},7],"publisher":"x","datePublished":5}'),
    st.just("not json at all {"),
)
CHARSETS = st.sampled_from(["utf-8", "base64", "rot13", "hex", "zlib", "utf-16", "utf-32", "utf-7", "x-user-defined", "shift_jis", "windows-1252", "idna", ""])


def _text() -> st.SearchStrategy[str]:
    return st.lists(WORDS, min_size=1, max_size=8).map(" ".join)


def _attrs(attrs: dict[str, str]) -> str:
    return "".join(f' {name}="{value.replace(chr(34), "&quot;")}"' for name, value in attrs.items())


ELEMENTS = st.recursive(
    _text(),
    lambda children: st.tuples(st.sampled_from(TAGS), ATTRS, st.lists(children, max_size=4)).map(
        lambda t: f"<{t[0]}{_attrs(t[1])}>{''.join(t[2])}</{t[0]}>"
    ),
    max_leaves=12,
)


@st.composite
def pages(draw: st.DrawFn) -> bytes:
    head = ""
    charset = draw(CHARSETS)
    if charset:
        head += f'<meta charset="{charset}">'
    if draw(st.booleans()):
        head += f'<script type="application/ld+json">{draw(JSONLD)}</script>'
    headline = draw(_text())
    body = "".join(draw(st.lists(ELEMENTS, min_size=1, max_size=4)))
    if draw(st.integers(0, 9)) == 0:
        body = "<div>" * draw(st.integers(250, 300)) + body  # deeper than the nesting bound, unclosed
    html = (
        f"<!DOCTYPE html><html lang=\"{draw(HOSTILE_LANGS)}\"><head><title>{headline}</title>{head}</head>"
        f"<body><article><h1>{headline}</h1><p>{draw(_text())}</p>{body}</article></body></html>"
    )
    return html.encode(draw(st.sampled_from(["utf-8", "utf-16-le", "cp1252"])), "replace")


def _timed(script: Script, audio: Path) -> Script:
    """Timings a speech engine would give: a tenth of a second a word; one audio file a chapter."""
    at, chapters = 0.0, []
    for number, chapter in enumerate(script.chapters, 1):
        start, segments = at, []
        for segment in chapter.segments:
            end = round(at + 0.1 * max(1, len(segment.text.split())), 3)
            segments.append(replace(segment, start=at, end=end))
            at = end
        name = f"audio/{number:02d}.mp3"
        (audio / name).write_bytes(b"ID3")
        chapters.append(replace(chapter, segments=tuple(segments), start=start, end=at, audio=name))
    return replace(script, chapters=tuple(chapters), duration=at)


def _check_book(book: Path) -> None:
    with zipfile.ZipFile(book) as zf:
        for member in zf.namelist():
            if not member.endswith((".xhtml", ".opf", ".ncx", ".smil", ".xml")):
                continue
            root = ET.fromstring(zf.read(member))  # well-formed, or ParseError fails the property
            for element in root.iter():
                tag = element.tag.rsplit("}", 1)[-1]
                assert tag != "script", member
                for name in ("src", "poster", "data"):
                    assert not element.get(name, "").startswith(("http:", "https:", "//")), (member, element.attrib)


@pytest.mark.slow
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(data=pages())
def test_any_page_gives_a_valid_book_or_heardlines_own_error(data: bytes, tmp_path: Path) -> None:
    audio = tmp_path / "a"
    (audio / "audio").mkdir(parents=True, exist_ok=True)
    try:
        html, _ = decode_html(data, "page.html")
        document = extract_document(bound_nesting(html)[0], "page.html", "https://news.example/a")
        script = narrate(document, split_chapters(document, "inline"), PROFILE, NarrateOptions())
    except HeardlineError:
        return
    json.dumps(script.notes)  # plain text
    book = tmp_path / "book.epub"
    if script.segments:
        write_epub(document, _timed(script, audio), book, "page.html", audio_folder=audio)
    else:
        write_epub(document, script, book, "page.html")
    _check_book(book)
