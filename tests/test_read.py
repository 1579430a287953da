"""read: sources, charsets, limits and refusals."""

from __future__ import annotations

import codecs
import io
import sys
from pathlib import Path

import pytest

from heardline import net
from heardline.errors import FetchError, NotHTMLError, SourceNotFound, SourceTooLarge
from heardline.extract import extract_document
from heardline.read import SAMPLE_NAME, Page, ReadOptions, decode_html, page_from, read_source

# the local test server is on 127.0.0.1, a private address that only this lets us reach
LOCAL = ReadOptions(allow_private_network=True)
PAGE = "<!DOCTYPE html><html><head><title>t</title></head><body><p>Grüße aus Köln – 5 €</p></body></html>"


def test_sample_is_bundled_and_decoded() -> None:
    page = read_source(None)
    assert page.source == SAMPLE_NAME
    assert "digs its heels in as Mosul falls" in page.html
    assert page.url.startswith("https://www.dw.com/")


@pytest.mark.parametrize(
    "data, header, expected",
    [
        (codecs.BOM_UTF8 + PAGE.encode("utf-8"), None, "utf-8"),
        (codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"), None, "utf-16-le"),
        (PAGE.encode("cp1252"), "windows-1252", "cp1252"),
        (PAGE.replace("<head>", '<head><meta charset="windows-1252">').encode("cp1252"), None, "cp1252"),
        (PAGE.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">').encode("cp1252"), None, "cp1252"),
        (PAGE.encode("utf-8"), None, "utf-8"),
    ],
)
def test_charset_order(data: bytes, header: str | None, expected: str) -> None:
    html, encoding = decode_html(data, "x.html", header)
    assert encoding == expected
    assert "Grüße aus Köln – 5 €" in html


def test_header_charset_beats_meta() -> None:
    data = PAGE.replace("<head>", '<head><meta charset="utf-8">').encode("cp1252")
    html, encoding = decode_html(data, "x.html", "iso-8859-1")
    assert encoding == "cp1252" and "Grüße" in html


def test_undeclared_legacy_encoding_is_detected() -> None:
    text = PAGE.replace("Grüße aus Köln", "Die Bürger der Städte Köln, Düsseldorf und Münster ärgern sich über Straßenbäume " * 5)
    html, _ = decode_html(text.encode("cp1252"), "x.html")
    assert "Düsseldorf und Münster ärgern sich über Straßenbäume" in html


def _read_paragraph(folder: Path, paragraph: str) -> tuple[str, Page]:
    """A UTF-8 page of one paragraph, written to ``folder`` and read: its HTML and the page."""
    html = f'<html><head><meta charset="utf-8"><title>t</title></head><body><p>{paragraph}</p></body></html>'
    source = folder / "page.html"
    source.write_text(html)
    return html, read_source(str(source))


def _doubly_encoded(text: str) -> str:
    """``text`` as a site shows it when its UTF-8 was read as Windows-1252 and saved again."""
    # the five bytes Windows-1252 leaves undefined read as Latin-1 does, as browsers do
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "We don’t know yet — the café’s owner said “wait”.",
        "Die Bürger ärgern sich über Straßenbäume in Köln.",
        "Spotkanie w Łodzi odbędzie się w środę.",
        "Встреча пройдёт в среду в Москве.",
    ],
)
def test_text_encoded_twice_is_repaired_with_a_finding(tmp_path: Path, text: str) -> None:
    _, page = _read_paragraph(tmp_path, _doubly_encoded(text))
    assert f"<p>{text}</p>" in page.html
    assert any("encoded twice" in note for note in page.notes), page.notes


@pytest.mark.parametrize(
    "text",
    [
        "Der Fuß“ des Berges — Ärger… über Öl, Übel.",
        "Ça va? À bientôt… «Très» bien.",
        "São Paulo e Brasília: ações, não.",
        "Ðe Øresund-bro, Ål og Ísafjörður.",
        "Große Straße «Ä»",
    ],
)
def test_text_encoded_once_is_left_as_it_is(tmp_path: Path, text: str) -> None:
    html, page = _read_paragraph(tmp_path, text)
    assert page.html == html and page.notes == ()


def test_a_fetched_page_is_prepared_as_a_read_one() -> None:
    # a batch run builds its pages from fetched responses: nesting bounded and text repaired there too
    deep = "<div>" * 50_000 + "<p>Deep inside, the text goes on.</p>" + "</div>" * 50_000
    html = f"<html><head><title>t</title></head><body><article><h1>Harbour repairs begin</h1><p>{_doubly_encoded('Work started on Monday, the café’s owner said.')}</p>{deep}</article></body></html>"
    page = page_from(net.Response(html.encode(), "utf-8", "https://news.example/a"), "https://news.example/a")
    repaired, flattened = page.notes
    assert "encoded twice" in repaired and flattened.endswith("elements nested deeper than 128 levels were flattened")
    document = extract_document(page.html, page.source, page.url)
    assert "the café’s owner said" in " ".join(getattr(b, "text", "") for b in document.blocks)


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "is empty"),
        (b"   \n\t ", "is empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"\x00\x01\x02\x03binary\x00junk" * 10, "binary"),
        (b"just some words, no markup at all", "does not look like an HTML page"),
    ],
)
def test_not_html_is_refused(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "input.html"
    path.write_bytes(data)
    with pytest.raises(NotHTMLError) as info:
        read_source(str(path))
    assert reason in str(info.value) and str(path) in str(info.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFound, match="no such file"):
        read_source(str(tmp_path / "nope.html"))
    with pytest.raises(SourceNotFound, match="directory"):
        read_source(str(tmp_path))


def test_size_limit_file(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(b"<html><body><p>" + b"a" * 2000 + b"</p></body></html>")
    with pytest.raises(SourceTooLarge, match="limit"):
        read_source(str(path), ReadOptions(max_bytes=1000, allow_private_network=True))


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode("utf-8"))))
    page = read_source("-")
    assert page.source == "stdin" and "Grüße" in page.html


def test_url_with_header_charset(http_server) -> None:  # type: ignore[no-untyped-def]
    url = http_server.route("/a.html", PAGE.encode("cp1252"), headers={"Content-Type": "text/html; charset=windows-1252"})
    page = read_source(url, LOCAL)
    assert "Grüße aus Köln – 5 €" in page.html
    assert page.url == url


def test_url_redirects_followed_and_limited(http_server) -> None:  # type: ignore[no-untyped-def]
    final = http_server.route("/final", PAGE.encode())
    http_server.route("/r1", b"", status=302, headers={"Location": final})
    assert read_source(http_server.base + "/r1", LOCAL).url == final
    for i in range(10):
        http_server.route(f"/loop{i}", b"", status=302, headers={"Location": f"/loop{i + 1}"})
    with pytest.raises(FetchError, match="redirects"):
        read_source(http_server.base + "/loop0", ReadOptions(max_redirects=3, allow_private_network=True))


def test_url_errors(http_server) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FetchError, match="HTTP 404"):
        read_source(http_server.base + "/missing", LOCAL)
    with pytest.raises(FetchError, match="only http and https"):
        read_source("ftp://127.0.0.1/x.html")
    with pytest.raises(FetchError, match="cannot be fetched"):
        read_source("http://127.0.0.1:9/unreachable", LOCAL)  # the discard port: nothing listens


def test_url_size_limit(http_server) -> None:  # type: ignore[no-untyped-def]
    url = http_server.route("/big", b"<html><body>" + b"x" * 5000 + b"</body></html>")
    with pytest.raises(SourceTooLarge):
        read_source(url, ReadOptions(max_bytes=1000, allow_private_network=True))
