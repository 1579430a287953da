"""Class 4, no internal errors: each hostile input gets a correct result or a one-line
message naming the input (exit 2); feed and validate report what is wrong with a
folder or a book instead of failing on it."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hostile_tools import ARTICLE, RecordingServer, cli, files_under, respond

from heardline.model import Document, Paragraph, to_json
from heardline.validate import check_book


def _with_head(extra: str) -> str:
    return ARTICLE.replace("</head>", extra + "</head>")


def _jsonld(data: str) -> str:
    return _with_head(f'<script type="application/ld+json">{data}</script>')


PAGES: dict[str, str | bytes] = {
    "year 1 with a time zone in JSON-LD": _jsonld('{"@type":"NewsArticle","datePublished":"0001-01-01T00:00:00+05:00"}'),
    "year 1 with a time zone in meta": _with_head('<meta property="article:published_time" content="0001-01-01T00:30:00+01:00">'),
    "lone surrogates and controls in JSON-LD": _jsonld('{"@type":"NewsArticle","headline":"A \\ud800 B \\u0001 C","author":{"name":"X\\udfff"}}'),
    "controls and surrogate references in the headline": ARTICLE.replace("<h1>Harbour", "<h1>\x02Harbour &#xD800;&#x1;"),
    "meta charset base64": _with_head('<meta charset="base64">'),
    "meta charset hex": _with_head('<meta charset="hex">'),
    "meta charset rot13": _with_head('<meta charset="rot13">'),
    "meta charset zlib": _with_head('<meta charset="zlib">'),
    "meta charset utf-16 on UTF-8": _with_head('<meta charset="utf-16">').replace("council", "Stadtrat Köln"),
    "meta charset utf-32 on UTF-8": _with_head('<meta charset="utf-32">').replace("council", "Stadtrat Köln"),
    "UTF-16 without a byte-order mark": ARTICLE.replace("council", "Stadtrat Köln").encode("utf-16-le"),
    "a 5,000-character lang": ARTICLE.replace("lang='en'", "lang='en-" + "x" * 5000 + "'"),
    "a 5,000-letter lang": ARTICLE.replace("lang='en'", "lang='" + "e" * 5000 + "'"),
    "a skip link whose href holds a quote": ARTICLE.replace("<body>", "<body><a class='skip-link' href='#ma\"in'>Skip to content</a>").replace(
        "<article>", "<article id='ma\"in'>"
    ),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_hostile_pages_give_a_result_or_one_line(tmp_path: Path, name: str) -> None:
    data = PAGES[name]
    source = tmp_path / "page.html"
    source.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
    shown = cli("inspect", "--json", str(source))
    assert shown.exit_code == 0, shown.output
    document = json.loads(shown.stdout)
    assert "repairs begin" in document["headline"] and len(document["lang"]) <= 35
    assert "Köln" in shown.stdout or "Köln" not in str(data)
    assert cli("inspect", str(source)).exit_code == 0
    out = tmp_path / "out"
    made = cli("convert", str(source), "-o", str(out), "--no-audio")
    assert made.exit_code == 0, made.output
    book = next(out.glob("*/*.epub"))
    with zipfile.ZipFile(book) as zf:
        for member in zf.namelist():
            if member.endswith((".xhtml", ".opf", ".ncx", ".xml")):
                ET.fromstring(zf.read(member))  # well-formed
    assert all(len(part) < 100 for f in files_under(out) for part in Path(f).parts)


def test_an_emoji_only_page_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    source = tmp_path / "emoji.html"
    source.write_text("<html><body><article><h1>🔥🔥🔥</h1><p>" + "😀🎉🔥" * 30 + "</p></article></body></html>")
    result = cli("convert", str(source), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr == f"heardline: error: {source}: has no words to read (only symbols, emoji or empty elements)\n"
    assert files_under(tmp_path / "out") == []


@pytest.mark.parametrize(
    "location, reason",
    [
        ("javascript:alert(1)", "redirected to an unusable URL 'javascript:alert(1)': only http and https URLs are read, not javascript:"),
        ("http://[::1", "redirected to a malformed URL 'http://[::1'"),
        ("http://example.org:99999/", "redirected to an unusable URL 'http://example.org:99999/': port out of range 1-65535"),
    ],
)
def test_redirects_to_unusable_urls(server: RecordingServer, tmp_path: Path, location: str, reason: str) -> None:
    url = server.route("/moved", respond("302 Found", headers={"Location": location}))
    result = cli("convert", url, "--allow-private-network", "-o", str(tmp_path / "out"), "--no-audio")
    assert result.exit_code == 2
    assert result.stderr == f"heardline: error: {url}: {reason}\n"
    assert files_under(tmp_path / "out") == []


def _episode(out: Path, slug: str, headline: str) -> None:
    folder = out / slug
    folder.mkdir(parents=True)
    document = Document(lang="en", headline=headline, blocks=(Paragraph(text="The lead.", role="lead"),), published=datetime(2024, 5, 1, tzinfo=timezone.utc))
    (folder / "document.json").write_text(json.dumps(to_json(document)))
    (folder / "script.json").write_text(json.dumps({"duration": 12.5}))
    (folder / f"{slug}.mp3").write_bytes(b"ID3" + b"\0" * 100)


def test_feed_skips_broken_episodes_and_strips_illegal_characters(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    out = tmp_path / "out"
    _episode(out, "good", "Harbour \x01repairs\x1b begin")
    _episode(out, "broken", "Broken")
    (out / "broken" / "document.json").write_text('{"schema": "heardline.document/1", "lang": ')
    _episode(out, "wrong-types", "Wrong")
    (out / "wrong-types" / "script.json").write_text('["not", "an", "object"]')
    result = cli("feed", str(out))
    assert result.exit_code == 0, result.output
    feed = ET.parse(out / "feed.xml").getroot()
    assert [t.text for t in feed.iter("title")][-1] == "Harbour repairs begin"
    assert len(feed.findall("channel/item")) == 1
    warnings = [r.getMessage() for r in caplog.records if "left out of the feed" in r.getMessage()]
    assert len(warnings) == 2 and any("/broken:" in w for w in warnings) and any("/wrong-types:" in w for w in warnings)


@pytest.mark.parametrize(
    "table, message",
    [
        ('title = 5', "[feed] title must be a string, not int"),
        ('max_items = "ten"', "[feed] max_items must be an integer, not str"),
        ('explicit = "yes"', "[feed] explicit must be true or false, not str"),
        ('base_url = "file:///etc/"', "[feed] base_url must be an http(s) URL, not 'file:///etc/'"),
        ('image = "javascript:alert(1)"', "[feed] image must be an http(s) URL, not 'javascript:alert(1)'"),
    ],
)
def test_feed_config_of_the_wrong_type_is_refused(tmp_path: Path, table: str, message: str) -> None:
    config = tmp_path / "batch.toml"
    config.write_text(f"[feed]\n{table}\n")
    result = cli("feed", str(tmp_path / "out"), "--config", str(config))
    assert result.exit_code == 2
    assert result.stderr == f"heardline: error: {config}: {message}\n"
    assert files_under(tmp_path / "out") == []


_CONTAINER = '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles></container>'
_OPF = """<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" xml:lang="en" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">x</dc:identifier><dc:title>t</dc:title><dc:language>en</dc:language>
<meta property="media:duration">nonsense</meta><meta property="media:duration" refines="#o1">1:xx</meta></metadata>
<manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml" media-overlay="o1"/><item id="o1" href="c1.smil" media-type="application/smil+xml"/></manifest>
<spine><itemref idref="c1"/></spine></package>"""
_XHTML = '<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><body><p id="p1">Text <a href="../../../etc/passwd">up</a></p></body></html>'
_SMIL = '<smil xmlns="http://www.w3.org/ns/SMIL" version="3.0"><body><par><text src="c1.xhtml#p1"/><audio src="a.mp3" clipBegin="abc" clipEnd="-1:00"/></par></body></smil>'


def test_validate_reports_hostile_books_as_findings(tmp_path: Path) -> None:
    """heardline's own checks (EPUBCheck, slow to start, is tested elsewhere)."""
    book = tmp_path / "hostile.epub"
    with zipfile.ZipFile(book, "w") as zf:
        zf.writestr("mimetype", "application/epub+zip")
        zf.writestr("META-INF/container.xml", _CONTAINER)
        zf.writestr("EPUB/package.opf", _OPF)
        zf.writestr("EPUB/c1.xhtml", _XHTML)
        zf.writestr("EPUB/c1.smil", _SMIL)
        zf.writestr("../../evil.sh", "echo owned")
        zf.writestr("/etc/cron.d/evil", "* * * * * root true")
    findings = check_book(book)
    assert all(f.severity == "error" for f in findings)
    messages = [f.message for f in findings]
    assert "entry name '../../evil.sh' points outside the book (zip-slip)" in messages
    assert "entry name '/etc/cron.d/evil' points outside the book (zip-slip)" in messages
    assert "link '../../../etc/passwd' resolves to nothing" in messages
    for clock in ("nonsense", "1:xx", "abc", "-1:00"):
        assert f"bad SMIL clock value {clock!r}" in messages
    assert not any(m.startswith("not a readable EPUB") for m in messages)
