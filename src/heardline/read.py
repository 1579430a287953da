"""read: the first stage — a source (path, URL, stdin or the bundled sample) to decoded HTML.

Bytes are decoded by the first of: byte-order mark, the HTTP ``Content-Type``
charset, ``<meta charset>`` / ``http-equiv``, then detection. Inputs over the
size limit, empty inputs and inputs that are plainly not HTML (PDF, images,
archives, other binary data) are refused with a one-line reason. httpx is
used here and nowhere else.
"""

from __future__ import annotations

import codecs
import re
import sys
import time
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import BinaryIO

import charset_normalizer
import httpx

from .errors import FetchError, NotHTMLError, SourceNotFound, SourceTooLarge

__all__ = ["Page", "ReadOptions", "read_source", "fetch_resource", "fetch_if_changed", "Fetched", "SAMPLE_NAME", "decode_html"]

SAMPLE_NAME = "sample:dw-mosul"
_USER_AGENT = "heardline/0.1 (+article-to-audio converter)"


@dataclass(frozen=True)
class ReadOptions:
    # refuse inputs larger than this many bytes
    max_bytes: int = 20 * 1024 * 1024
    # seconds for connect/read of a URL
    timeout: float = 20.0
    max_redirects: int = 5


@dataclass(frozen=True)
class Page:
    """A decoded page and where it came from."""

    html: str
    # what the user named: a path, a URL, "-" or the sample's name
    source: str
    # the page's own address after redirects, "" for files and stdin
    url: str = ""
    # the folder next to a local file (to find its images), None otherwise
    base_dir: Path | None = None
    encoding: str = "utf-8"


def read_source(source: str | None, options: ReadOptions = ReadOptions()) -> Page:
    """Read ``source`` (None for the bundled sample) into a :class:`Page`."""
    if source is None or source == SAMPLE_NAME:
        data = resources.files("heardline").joinpath("sample/dw-mosul.html").read_bytes()
        html, enc = decode_html(data, SAMPLE_NAME)
        return Page(html, SAMPLE_NAME, "https://www.dw.com/en/is-digs-its-heels-in-as-mosul-falls/a-39016232", None, enc)
    if source == "-":
        data = _read_limited(sys.stdin.buffer, "stdin", options.max_bytes)
        html, enc = decode_html(data, "stdin")
        return Page(html, "stdin", encoding=enc)
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source):
        return _fetch(source, options)
    path = Path(source)
    if not path.exists():
        raise SourceNotFound(source, "no such file")
    if path.is_dir():
        raise SourceNotFound(source, "is a directory, not an HTML file")
    if path.stat().st_size > options.max_bytes:
        raise SourceTooLarge(source, f"file is larger than the {_mb(options.max_bytes)} limit")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceNotFound(source, f"cannot be read ({exc.strerror})") from exc
    html, enc = decode_html(data, source)
    return Page(html, source, "", path.resolve().parent, enc)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:g} MB"


def _read_limited(stream: BinaryIO, name: str, limit: int) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise SourceTooLarge(name, f"input is larger than the {_mb(limit)} limit")
    return data


def fetch_resource(url: str, options: ReadOptions, max_bytes: int) -> bytes:
    """The bytes at an http(s) URL (an image of the page), within ``max_bytes``."""
    return _get(url, replace(options, max_bytes=max_bytes)).data


def _fetch(url: str, options: ReadOptions) -> Page:
    return page_from(_get(url, options), url)


@dataclass(frozen=True)
class Fetched:
    """What a GET answered: the body (empty for 304 Not Modified) and its validators."""

    data: bytes
    charset: str | None
    # the address after redirects
    url: str
    status: int = 200
    etag: str = ""
    last_modified: str = ""


def page_from(fetched: Fetched, source: str) -> Page:
    """A fetched HTML page as a :class:`Page`."""
    html, enc = decode_html(fetched.data, source, fetched.charset)
    return Page(html, source, fetched.url, None, enc)


def fetch_if_changed(url: str, options: ReadOptions, etag: str = "", last_modified: str = "", retries: int = 2) -> Fetched:
    """A conditional GET (``If-None-Match`` / ``If-Modified-Since``): status 304 and no body
    when the server says the resource is unchanged. Timeouts, connection failures and
    5xx answers are tried again ``retries`` times, a second apart, doubling."""
    headers = {"If-None-Match": etag} if etag else {}
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    for attempt in range(retries + 1):
        try:
            return _get(url, options, headers)
        except _Transient:
            if attempt == retries:
                raise
            time.sleep(2.0**attempt)
    raise AssertionError("unreachable")  # pragma: no cover


class _Transient(FetchError):
    """A fetch failure worth trying again (timeout, connection, 5xx)."""


def _get(url: str, options: ReadOptions, headers: dict[str, str] | None = None) -> Fetched:
    scheme = url.split(":", 1)[0].lower()
    if scheme not in ("http", "https"):
        raise FetchError(url, f"only http and https URLs are read, not {scheme}:")
    try:
        with httpx.Client(
            follow_redirects=True,
            max_redirects=options.max_redirects,
            timeout=options.timeout,
            headers={"User-Agent": _USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5", **(headers or {})},
        ) as client, client.stream("GET", url) as response:
            if response.url.scheme not in ("http", "https"):
                raise FetchError(url, f"redirected to a non-http URL {response.url}")
            if response.status_code >= 500:
                raise _Transient(url, f"HTTP {response.status_code} {response.reason_phrase}")
            if response.status_code >= 400:
                raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            length = response.headers.get("content-length")
            if length and length.isdigit() and int(length) > options.max_bytes:
                raise SourceTooLarge(url, f"page is larger than the {_mb(options.max_bytes)} limit")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > options.max_bytes:
                    raise SourceTooLarge(url, f"page is larger than the {_mb(options.max_bytes)} limit")
                chunks.append(chunk)
            fetched = Fetched(
                b"".join(chunks), response.charset_encoding, str(response.url), response.status_code,
                response.headers.get("etag", ""), response.headers.get("last-modified", ""),
            )
    except httpx.TooManyRedirects as exc:
        raise FetchError(url, f"more than {options.max_redirects} redirects") from exc
    except httpx.TimeoutException as exc:
        raise _Transient(url, f"timed out after {options.timeout:g} s") from exc
    except httpx.TransportError as exc:
        raise _Transient(url, f"cannot be fetched ({_describe(exc)})") from exc
    except httpx.HTTPError as exc:
        raise FetchError(url, f"cannot be fetched ({_describe(exc)})") from exc
    return fetched


def _describe(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0]


# -- decoding -------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (EPUB, DOCX …)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"ID3", "an MP3 file"),
    (b"RIFF", "a RIFF (WAV/WebP) file"),
    (b"OggS", "an Ogg file"),
    (b"\x7fELF", "a program binary"),
)
# encodings web pages are written in, for detection of undeclared legacy pages
_WEB_ENCODINGS = (
    "cp1252", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "cp1253", "cp1254", "cp1255",
    "cp1256", "cp1257", "cp874", "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr",
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
# WHATWG: these labels mean windows-1252 on the web
_WEB_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252"}


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = _WEB_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes, source: str, header_charset: str | None = None) -> tuple[str, str]:
    """Bytes of a page to text and the encoding used; refuses what is not HTML.

    >>> decode_html('<p>Grüße</p>'.encode('cp1252'), 'x.html')[0]
    '<p>Grüße</p>'
    >>> decode_html(b'<meta charset="utf-8"><p>\\xc3\\xa9t\\xc3\\xa9</p>', 'x.html')[0]
    '<meta charset="utf-8"><p>été</p>'
    """
    if not data.strip():
        raise NotHTMLError(source, "is empty")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise NotHTMLError(source, f"is {what}, not an HTML page")
    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, data = name, data[len(bom) :]
            break
    encoding = encoding or _codec(header_charset)
    if encoding is None:
        match = _META_CHARSET.search(data[:8192])
        encoding = _codec(match.group(1).decode("ascii")) if match else None
    if encoding is None:
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            best = charset_normalizer.from_bytes(data[:65536], cp_isolation=list(_WEB_ENCODINGS)).best()
            encoding = _codec(best.encoding) if best else "cp1252"
            encoding = encoding or "cp1252"
    if not encoding.startswith("utf-16") and b"\x00" in data[:4096]:
        raise NotHTMLError(source, "is binary data, not an HTML page")
    html = data.decode(encoding, errors="replace")
    if not re.search(r"<\s*(html|head|body|p|div|article|main|h1|title)\b", html[:200000], re.I):
        raise NotHTMLError(source, "does not look like an HTML page (no HTML elements found)")
    return html, encoding
