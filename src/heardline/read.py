"""read: the first stage — a source (path, URL, stdin or the bundled sample) to decoded HTML.

Bytes are decoded by the first of: byte-order mark, the HTTP ``Content-Type``
charset, ``<meta charset>`` / ``http-equiv``, then detection. Inputs over the
size limit, empty inputs and inputs that are plainly not HTML (PDF, images,
archives, other binary data) are refused with a one-line reason, and so are
sources that are not regular files (FIFOs, devices, sockets). URLs are fetched
through :mod:`heardline.net`.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
import time
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

from . import net
from .errors import NotHTMLError, SourceNotFound, SourceTooLarge

__all__ = ["SAMPLE_NAME", "Page", "ReadOptions", "decode_html", "fetch_if_changed", "fetch_resource", "page_from", "prepare_html", "read_source"]

SAMPLE_NAME = "sample:dw-mosul"


@dataclass(frozen=True)
class ReadOptions:
    # refuse inputs larger than this many bytes
    max_bytes: int = 20 * 1024 * 1024
    # seconds for a whole fetch of a URL (redirects, headers and body)
    timeout: float = 20.0
    max_redirects: int = 5
    # let URLs reach loopback, private and link-local addresses (intranet pages)
    allow_private_network: bool = False


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
    # what reading changed about the page (nesting cut), for the report
    notes: tuple[str, ...] = ()


def read_source(source: str | None, options: ReadOptions = ReadOptions()) -> Page:
    """Read ``source`` (None for the bundled sample) into a :class:`Page`, ready for the
    extractor (see :func:`prepare_html`)."""
    if source is not None and re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source):
        return page_from(_get(source, options, accept=_HTML), source)
    return _prepared(_read_local(source, options))


def _read_local(source: str | None, options: ReadOptions) -> Page:
    if source is None or source == SAMPLE_NAME:
        data = resources.files("heardline").joinpath("sample/dw-mosul.html").read_bytes()
        html, enc = decode_html(data, SAMPLE_NAME)
        return Page(html, SAMPLE_NAME, "https://www.dw.com/en/is-digs-its-heels-in-as-mosul-falls/a-39016232", None, enc)
    if source == "-":
        data = _read_limited(sys.stdin.buffer, "stdin", options.max_bytes)
        html, enc = decode_html(data, "stdin")
        return Page(html, "stdin", encoding=enc)
    path = Path(source)
    data = _read_file(path, source, options.max_bytes)
    html, enc = decode_html(data, source)
    return Page(html, source, "", path.resolve().parent, enc)


def _prepared(page: Page) -> Page:
    html, notes = prepare_html(page.html)
    return replace(page, html=html, notes=page.notes + notes) if notes else page


def prepare_html(html: str) -> tuple[str, tuple[str, ...]]:
    """Decoded ``html`` as the extractor takes it, and what was changed, for the report:
    text encoded twice repaired (:func:`repair_double_encoding`), elements nested at most
    ``MAX_DEPTH`` deep (:func:`bound_nesting`)."""
    notes: list[str] = []
    html, repaired = repair_double_encoding(html)
    if repaired:
        notes.append("text encoded twice (UTF-8 bytes read as Windows-1252, as in 'donâ€™t') was repaired")
    html, cut = bound_nesting(html)
    if cut:
        notes.append(f"{cut} elements nested deeper than {MAX_DEPTH} levels were flattened")
    return html, tuple(notes)


def _read_file(path: Path, name: str, limit: int) -> bytes:
    """A regular file's bytes; FIFOs, devices and sockets are refused before they are opened."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise SourceNotFound(name, "no such file") from exc
    except OSError as exc:
        raise SourceNotFound(name, f"cannot be read ({exc.strerror or exc})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise SourceNotFound(name, "is a directory, not an HTML file")
    if not stat.S_ISREG(info.st_mode):
        raise SourceNotFound(name, "not a regular file (a pipe, device or socket)")
    if info.st_size > limit:
        raise SourceTooLarge(name, f"file is larger than the {_mb(limit)} limit")
    try:
        # non-blocking: a FIFO swapped in after the check cannot hang the open
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise SourceNotFound(name, "not a regular file (a pipe, device or socket)")
            return _read_limited(fh, name, limit)
    except OSError as exc:
        raise SourceNotFound(name, f"cannot be read ({exc.strerror or exc})") from exc


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:g} MB"


def _read_limited(stream: BinaryIO, name: str, limit: int) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise SourceTooLarge(name, f"input is larger than the {_mb(limit)} limit")
    return data


def fetch_resource(url: str, options: ReadOptions, max_bytes: int) -> bytes:
    """The bytes at an http(s) URL (an image of the page), within ``max_bytes``."""
    return _get(url, replace(options, max_bytes=max_bytes), accept="image/*").data


_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


def page_from(response: net.Response, source: str) -> Page:
    """A fetched HTML page as a :class:`Page`, ready for the extractor (see :func:`prepare_html`)."""
    html, enc = decode_html(response.data, source, response.charset)
    return _prepared(Page(html, source, response.url, None, enc))


def fetch_if_changed(
    url: str, options: ReadOptions, etag: str = "", last_modified: str = "", accept: str = _HTML, retries: int = 2,
) -> net.Response:
    """A conditional GET (``If-None-Match`` / ``If-Modified-Since``): status 304 and no body
    when the server says the resource is unchanged. Timeouts, failed connections and
    5xx answers are tried again ``retries`` times, a second apart, doubling."""
    headers = {"If-None-Match": etag} if etag else {}
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    for attempt in range(retries):
        try:
            return _get(url, options, accept, headers)
        except net.TransientFetchError:
            time.sleep(2.0**attempt)
    return _get(url, options, accept, headers)


def _get(url: str, options: ReadOptions, accept: str, headers: dict[str, str] | None = None) -> net.Response:
    return net.get(url, options.max_bytes, options.timeout, options.max_redirects, options.allow_private_network, accept, headers)


# -- nesting --------------------------------------------------------------------

#: elements nested deeper than this are flattened (their content kept): real pages
#: nest a few dozen levels, and deeper trees cost the parser and every walk over them
MAX_DEPTH = 128
# elements that only group others: flattened first, so that what they hold keeps its own tags
_WRAPPERS = frozenset(["div", "span", "section", "article", "aside", "main", "header", "footer", "font", "center", "b", "i", "u", "em", "strong", "small", "big", "ul", "ol", "li", "table", "tbody", "tr", "td"])
_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"])
_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)|<(script|style|textarea|title|xmp|plaintext)\b[^>]*>.*?(?:</\1\s*>|$)|<(/?)([A-Za-z][^\s/>]*)[^>]*>",
    re.DOTALL | re.IGNORECASE,
)


# UTF-8 read as Windows-1252 or Latin-1: the letter of a lead byte, then the letters of its
# continuation bytes (0x80-0xBF) — "Ã©" for "é", "Ð¿" for "п", "â€™" for "’"
_CONTINUATION = "\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_DOUBLE_ENCODED = re.compile(f"[ÂÃÄÅÎÏÐÑ][{_CONTINUATION}]|[à-ï][{_CONTINUATION}]{{2}}")


def repair_double_encoding(html: str) -> tuple[str, bool]:
    """``html`` with text that was encoded twice (UTF-8 bytes read as Windows-1252 or
    Latin-1 and encoded again) restored, and whether any was; ftfy judges what is
    mojibake, only on pages where it may be.

    >>> repair_double_encoding("<p>We donâ€™t know the cafÃ©.</p>")
    ('<p>We don’t know the café.</p>', True)
    >>> repair_double_encoding("<p>Der Fuß“ — Ärger… Ça va? Ðe.</p>")
    ('<p>Der Fuß“ — Ärger… Ça va? Ðe.</p>', False)
    """
    if not _DOUBLE_ENCODED.search(html):
        return html, False
    import ftfy  # 40 ms to import: only for the pages that need it

    fixed = ftfy.fix_encoding(html)
    return fixed, fixed != html


def bound_nesting(html: str) -> tuple[str, int]:
    """``html`` with the start and end tags of elements nested deeper than ``MAX_DEPTH``
    removed (wrappers such as ``div`` from 32 levels above it), and how many were;
    iterative, one pass.

    >>> bound_nesting("<div>" * 200 + "x" + "</div>" * 200)[1]
    104
    >>> bound_nesting("<p>a<br>b</p>")
    ('<p>a<br>b</p>', 0)
    """
    if html.count("<") <= MAX_DEPTH:
        return html, 0
    open_tags: list[str] = []
    dropped: dict[str, int] = {}
    cuts: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(html):
        name = (match.group(3) or "").lower()
        if not name or name in _VOID or match.group(0).endswith("/>"):
            continue
        if not match.group(2):  # a start tag
            if len(open_tags) >= MAX_DEPTH or (len(open_tags) >= MAX_DEPTH - 32 and name in _WRAPPERS):
                dropped[name] = dropped.get(name, 0) + 1
                cuts.append(match.span())
            else:
                open_tags.append(name)
        elif dropped.get(name):
            dropped[name] -= 1
            cuts.append(match.span())
        elif name in open_tags:
            while open_tags.pop() != name:
                pass
    if not cuts:
        return html, 0
    pieces, at = [], 0
    for start, end in cuts:
        pieces.append(html[at:start])
        at = end
    pieces.append(html[at:])
    return "".join(pieces), sum(1 for start, _ in cuts if html[start + 1] != "/")


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
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
# Python text codecs that no web page is written in (escapes, IDNA, UTF-7)
_NOT_WEB = {"idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined", "charmap", "utf-7"}
# WHATWG: these labels mean windows-1252 on the web
_WEB_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252"}


def _codec(label: str | None) -> str | None:
    """The Python codec of a charset label, if it names a text encoding.

    >>> _codec("ISO-8859-1"), _codec("base64"), _codec("no-such")
    ('cp1252', None, None)
    """
    if not label:
        return None
    label = label.strip().lower()
    label = _WEB_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
        b"<p>".decode(name, "ignore")  # base64, hex, rot13, zlib … are codecs, but not text encodings
    except (LookupError, ValueError):
        return None
    return None if name in _NOT_WEB else name


def _declared(label: str | None) -> str | None:
    """The codec a page declares; UTF-16/32 declared on bytes that are not UTF-16
    (no byte-order mark, not detected as such) is a mistake that browsers read as UTF-8."""
    name = _codec(label)
    return "utf-8" if name and name.startswith(("utf-16", "utf-32")) else name


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii") if match else None


def _utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le/be when the bytes look like UTF-16 text with no byte-order mark.

    >>> _utf16_without_bom("<p>hello</p>".encode("utf-16-le"))
    'utf-16-le'
    """
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    if len(head) < 8:
        return None
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
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
    encoding = encoding or _utf16_without_bom(data) or _declared(header_charset) or _declared(_meta_charset(data))
    if encoding is None:
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            best = charset_normalizer.from_bytes(data[:65536], cp_isolation=list(_WEB_ENCODINGS)).best()
            encoding = _codec(best.encoding) if best else "cp1252"
            encoding = encoding or "cp1252"
    if not encoding.startswith(("utf-16", "utf-32")) and b"\x00" in data[:4096]:
        raise NotHTMLError(source, "is binary data, not an HTML page")
    html = data.decode(encoding, errors="replace")
    if not re.search(r"<\s*(html|head|body|p|div|article|main|h1|title)\b", html[:200000], re.IGNORECASE):
        raise NotHTMLError(source, "does not look like an HTML page (no HTML elements found)")
    return html, encoding
