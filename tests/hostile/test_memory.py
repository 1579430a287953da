"""Class 3, bounded memory: stacked content encodings decoded as a stream against the
size limit; a zip bomb stops validate at a limit; 100,000-deep nesting handled;
pathological words cut to a sane length with a finding."""

from __future__ import annotations

import gzip
import json
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import brotli
import pytest
from hostile_tools import ARTICLE, RecordingServer, cli, respond

from heardline.chapters import split_chapters
from heardline.convert import load_document
from heardline.errors import SourceTooLarge
from heardline.narrate import MAX_WORD, NarrateOptions, narrate
from heardline.read import ReadOptions, read_source
from heardline.voices import load_profile


def _zeros(megabytes: int) -> bytes:
    return b" " * (megabytes << 20)


def _deflate_raw(data: bytes) -> bytes:
    packer = zlib.compressobj(1, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


BOMBS = {
    # 200 MB of spaces in about 200 KB, and gzipped again: ~1 KB on the wire
    "gzip, gzip": lambda: gzip.compress(gzip.compress(_zeros(200), 1), 1),
    "br": lambda: brotli.compress(_zeros(200), quality=1),
    "deflate": lambda: zlib.compress(_zeros(200), 1),
    "deflate, gzip": lambda: gzip.compress(_deflate_raw(_zeros(200)), 1),
}


@pytest.mark.parametrize("encoding", sorted(BOMBS))
def test_compressed_responses_are_decoded_as_a_stream_against_the_limit(server: RecordingServer, encoding: str) -> None:
    body = BOMBS[encoding]()
    assert len(body) < 2 << 20
    url = server.route("/bomb", respond(body=body, headers={"Content-Encoding": encoding}))
    tracemalloc.start()
    try:
        with pytest.raises(SourceTooLarge, match="larger than the 20 MB limit"):
            read_source(url, ReadOptions(allow_private_network=True))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 60 << 20  # the limit and a little: never the 200 MB


def test_a_compressed_page_within_the_limit_is_read(server: RecordingServer) -> None:
    body = gzip.compress(brotli.compress(ARTICLE.encode()))
    url = server.route("/ok", respond(body=body, headers={"Content-Encoding": "br, gzip"}))
    assert "Harbour repairs begin" in read_source(url, ReadOptions(allow_private_network=True)).html


def test_validate_stops_at_a_zip_bomb(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.epub"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        info = zipfile.ZipInfo("EPUB/text.xhtml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as fh:
            block = b"\0" * (1 << 20)
            for _ in range(300):
                fh.write(block)
    assert bomb.stat().st_size < 2 << 20
    result = cli("validate", "--no-ace", str(bomb))
    assert result.exit_code == 1
    assert "ERROR [heardline] not a readable EPUB: entry 'EPUB/text.xhtml' would unpack to 300 MB, over the 256 MB limit" in result.stdout
    assert "epubcheck" not in result.stdout  # nothing else unpacked it


@pytest.mark.parametrize(
    "where, page",
    [
        ("article", ARTICLE.replace("</h1>", "</h1>" + "<div>" * 100_000 + "<p>Deep inside, the text goes on.</p>" + "</div>" * 100_000)),
        ("json-ld", ARTICLE.replace("</head>", '<script type="application/ld+json">' + '{"a":[' * 100_000 + "1" + "]}" * 100_000 + "</script></head>")),
        ("json-ld graph", ARTICLE.replace("</head>", '<script type="application/ld+json">' + '{"@graph":[' * 900 + "{}" + "]}" * 900 + "</script></head>")),
    ],
)
def test_deep_nesting_is_handled(tmp_path: Path, where: str, page: str) -> None:
    source = tmp_path / "deep.html"
    source.write_text(page)
    result = cli("inspect", "--json", str(source))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["headline"] == "Harbour repairs begin"


@pytest.mark.parametrize("monster", ["a" * 100_000, "7" * 50_000])
def test_pathological_words_are_cut_with_a_finding(tmp_path: Path, monster: str) -> None:
    source = tmp_path / "words.html"
    source.write_text(ARTICLE.replace("</article>", f"<p>Here is {monster} in a sentence.</p></article>"))
    out = tmp_path / "out"
    result = cli("convert", str(source), "-o", str(out), "--no-audio")
    assert result.exit_code == 0, result.output
    findings = json.loads((out / "harbour-repairs-begin" / "report.json").read_text())["findings"]
    assert any("overlong words" in f and "cut to" in f for f in findings), findings
    _, document = load_document(str(source))
    script = narrate(document, split_chapters(document, "inline"), load_profile("default"), NarrateOptions())
    assert max(len(word) for s in script.segments for word in s.text.split()) <= MAX_WORD
