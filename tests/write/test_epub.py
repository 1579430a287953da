"""EPUB 3: the books of the sample and every fixture, with and without audio, checked
by EPUBCheck (0 errors, 0 warnings), Ace by DAISY (no violations), and by opening them."""

from __future__ import annotations

import re
import shutil
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from audio_tools import decode

from heardline.convert import AudioOptions, Options, convert
from heardline.speak import SpeakOptions
from heardline.validate import run_ace, run_epubcheck

FIXTURES = Path(__file__).parents[1] / "fixtures"
PAGES = sorted(FIXTURES.glob("*.html"))
NS = {"x": "http://www.w3.org/1999/xhtml", "opf": "http://www.idpf.org/2007/opf", "smil": "http://www.w3.org/ns/SMIL",
      "epub": "http://www.idpf.org/2007/ops", "dc": "http://purl.org/dc/elements/1.1/"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="session")
def books(tmp_path_factory: pytest.TempPathFactory, speech_cache: Path) -> dict[tuple[str, bool], Path]:
    """Every fixture page as a book, with audio (True) and without (False)."""
    root = tmp_path_factory.mktemp("books")
    out: dict[tuple[str, bool], Path] = {}
    for page in PAGES:
        for audio in (True, False):
            options = Options(
                out_dir=root / ("audio" if audio else "text"),
                speak=SpeakOptions(cache_dir=speech_cache, jobs=2),
                audio=AudioOptions(enabled=audio),
            )
            result = convert(str(page), options)
            out[(page.stem, audio)] = result.folder / f"{result.slug}.epub"
    return out


@pytest.fixture(scope="session")
def epubcheck_results(books: dict[tuple[str, bool], Path]) -> dict[tuple[str, bool], list]:  # type: ignore[type-arg]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run_epubcheck, books.values()))
    return dict(zip(books, results))


@pytest.mark.slow
def test_every_book_passes_epubcheck_without_warnings(epubcheck_results) -> None:  # type: ignore[no-untyped-def]
    problems = {f"{name} audio={audio}": [str(f) for f in findings if f.severity in ("error", "warning")] for (name, audio), findings in epubcheck_results.items()}
    assert {k: v for k, v in problems.items() if v} == {}
    assert len(problems) == 2 * len(PAGES)


@pytest.mark.slow
def test_every_book_passes_ace(books) -> None:  # type: ignore[no-untyped-def]
    # make test installs Ace and Chromium: run_ace raises FileNotFoundError, failing this test, when one is missing
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(books, pool.map(run_ace, books.values())))
    violations = {f"{name} audio={audio}": [str(f) for f in findings] for (name, audio), findings in results.items()}
    assert {k: v for k, v in violations.items() if v} == {}
    assert len(violations) == 2 * len(PAGES)


def open_book(path: Path) -> tuple[zipfile.ZipFile, ET.Element]:
    zf = zipfile.ZipFile(path)
    return zf, ET.fromstring(zf.read("EPUB/content.opf"))


def xhtml(zf: zipfile.ZipFile, name: str) -> ET.Element:
    return ET.fromstring(zf.read(f"EPUB/{name}"))


def ids(root: ET.Element) -> set[str]:
    return {el.get("id", "") for el in root.iter()}


@pytest.mark.slow
def test_dw_skip_links_kept_in_order_and_resolving(books) -> None:  # type: ignore[no-untyped-def]
    zf, _ = open_book(books[("dw-mosul", True)])
    first = xhtml(zf, "c01.xhtml")
    nav = first.find("x:body/x:nav", NS)
    assert nav is not None and nav.get("class") == "skip-links"
    links = [(a.text, a.get("href")) for a in nav.iter(f"{{{NS['x']}}}a")]
    assert [t for t, _ in links] == ["Skip to content", "Skip to main menu", "Skip to more DW sites"]
    for _, href in links:
        name, _, fragment = href.partition("#")
        assert fragment in ids(xhtml(zf, name)), href
    assert links[1][1] == "nav.xhtml#toc"
    appendix = xhtml(zf, "appendix.xhtml")
    section = next(el for el in appendix.iter() if el.get("id") == "dwSites")
    assert [a.text for a in section.iter(f"{{{NS['x']}}}a")] == ["Media Center", "Learn German", "DW Akademie"]


@pytest.mark.slow
def test_navigation_document(books) -> None:  # type: ignore[no-untyped-def]
    zf, opf = open_book(books[("dw-mosul", True)])
    nav_item = next(i for i in opf.findall("opf:manifest/opf:item", NS) if "nav" in (i.get("properties") or ""))
    nav = xhtml(zf, nav_item.get("href", ""))
    toc = next(n for n in nav.iter(f"{{{NS['x']}}}nav") if n.get(f"{{{NS['epub']}}}type") == "toc")
    titles = [a.text for a in toc.iter(f"{{{NS['x']}}}a")]
    assert titles[:3] == ["'IS' digs its heels in as Mosul falls", "Main story", "US admits high non-combatant casualties"]
    landmarks = next(n for n in nav.iter(f"{{{NS['x']}}}nav") if n.get(f"{{{NS['epub']}}}type") == "landmarks")
    types = [a.get(f"{{{NS['epub']}}}type") for a in landmarks.iter(f"{{{NS['x']}}}a")]
    assert {"toc", "bodymatter", "appendix"} <= set(types)
    assert "toc.ncx" in [n.split("/")[-1] for n in zf.namelist()]


@pytest.mark.slow
def test_languages_and_figures(books) -> None:  # type: ignore[no-untyped-def]
    zf, opf = open_book(books[("dw-mosul", True)])
    assert opf.get(XML_LANG) == "en"
    doc = xhtml(zf, "c01.xhtml")
    assert doc.get("lang") == "en" and doc.get(XML_LANG) == "en"
    german = [el for c in ("c01.xhtml", "c02.xhtml", "c03.xhtml") for el in xhtml(zf, c).iter() if el.get("lang") == "de"]
    assert {"".join(el.itertext()) for el in german} == {"Irak Kämpfe im Westen von Mosul", "Karte Mossul ENG", "Irak Mossul Zerstörung"}
    assert all(el.get(XML_LANG) == "de" for el in german)
    map_figure = next(el for el in xhtml(zf, "c02.xhtml").iter(f"{{{NS['x']}}}figure") if "map" in el.get("class", ""))
    text = " ".join(map_figure.itertext())
    assert "Karte Mossul ENG" in text and "IS' remaining strongholds (click to enlarge)" in text
    assert map_figure.find("x:figcaption", NS) is not None


@pytest.mark.slow
def test_embedded_image_keeps_alt_and_accessibility_metadata_follows(books) -> None:  # type: ignore[no-untyped-def]
    zf, opf = open_book(books[("broken-unclosed", True)])
    imgs = [img for name in zf.namelist() if name.endswith(".xhtml") for img in ET.fromstring(zf.read(name)).iter(f"{{{NS['x']}}}img")]
    assert [img.get("alt") for img in imgs] == ["Black and white photo of a café terrace in 1920"]
    meta = {(m.get("property"), m.text) for m in opf.findall("opf:metadata/opf:meta", NS)}
    assert ("schema:accessMode", "visual") in meta and ("schema:accessibilityFeature", "alternativeText") in meta
    assert ("schema:accessibilityFeature", "synchronizedAudioText") in meta
    _, text_opf = open_book(books[("broken-unclosed", False)])
    text_meta = {(m.get("property"), m.text) for m in text_opf.findall("opf:metadata/opf:meta", NS)}
    assert ("schema:accessibilityFeature", "synchronizedAudioText") not in text_meta
    assert not any(p == "dcterms:conformsTo" for p, _ in meta)


@pytest.mark.slow
def test_nothing_active_or_remote(books) -> None:  # type: ignore[no-untyped-def]
    for path in books.values():
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.endswith(".xhtml"):
                    text = zf.read(name).decode()
                    assert not re.search(r"<(script|iframe|object|embed)\b|\son\w+=|javascript:|data:", text), name
                    assert not re.search(r'<(img|audio|video|link)[^>]+(src|href)="https?:', text), name


@pytest.mark.slow
def test_overlays_are_contiguous_and_match_the_audio(books) -> None:  # type: ignore[no-untyped-def]
    zf, opf = open_book(books[("dw-mosul", True)])
    durations = {m.get("refines", "").lstrip("#"): m.text for m in opf.findall("opf:metadata/opf:meta", NS) if m.get("property") == "media:duration"}
    smils = [i for i in opf.findall("opf:manifest/opf:item", NS) if i.get("media-type") == "application/smil+xml"]
    assert len(smils) == 3
    for item in smils:
        smil = ET.fromstring(zf.read(f"EPUB/{item.get('href')}"))
        pars = list(smil.iter(f"{{{NS['smil']}}}par"))
        clips = [(float(p.find("smil:audio", NS).get("clipBegin").rstrip("s")), float(p.find("smil:audio", NS).get("clipEnd").rstrip("s"))) for p in pars]  # type: ignore[union-attr]
        assert clips[0][0] == 0.0 and all(abs(a[1] - b[0]) < 0.0015 for a, b in zip(clips, clips[1:]))
        document = pars[0].find("smil:text", NS).get("src").split("#")[0].split("/")[-1]  # type: ignore[union-attr]
        targets = ids(xhtml(zf, document))
        for p in pars:
            assert p.find("smil:text", NS).get("src").split("#")[1] in targets  # type: ignore[union-attr]
        audio_name = pars[0].find("smil:audio", NS).get("src").split("/")[-1]  # type: ignore[union-attr]
        decoded = decode_bytes(zf.read(f"EPUB/audio/{audio_name}"))
        assert abs(sum(e - b for b, e in clips) - decoded) < 0.050
        h, m, s = durations[item.get("id", "")].split(":")
        assert abs(int(h) * 3600 + int(m) * 60 + float(s) - sum(e - b for b, e in clips)) < 0.0015
        # every chapter of the sample has a figure, read in an escapable <seq>
        assert any(s.get(f"{{{NS['epub']}}}type") == "figure" for s in smil.iter(f"{{{NS['smil']}}}seq"))


def decode_bytes(data: bytes) -> float:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".mp3") as fh:
        fh.write(data)
        fh.flush()
        return len(decode(Path(fh.name))) / 22050


@pytest.mark.slow
def test_same_source_same_identifier(books) -> None:  # type: ignore[no-untyped-def]
    _, opf = open_book(books[("dw-mosul", True)])
    _, again = open_book(books[("dw-mosul", False)])
    ident = opf.find("opf:metadata/dc:identifier", NS).text  # type: ignore[union-attr]
    assert ident == again.find("opf:metadata/dc:identifier", NS).text  # type: ignore[union-attr]


@pytest.mark.slow
def test_fetched_images_are_embedded_and_become_cover_art(tmp_path: Path, http_server) -> None:  # type: ignore[no-untyped-def]
    from heardline.audio.tags import read_tags

    jpeg = (FIXTURES / "old-cafe.jpg").read_bytes()
    image_url = http_server.route("/img/cafe.jpg", jpeg, headers={"Content-Type": "image/jpeg"})
    page = (FIXTURES / "wordpress-caption.html").read_text().replace(
        "https://gazette.example.org/wp-content/uploads/2024/03/bridge-street.jpg 1600w", f"{image_url} 1600w"
    )
    source = tmp_path / "page.html"
    source.write_text(page)
    options = Options(out_dir=tmp_path / "out", speak=SpeakOptions(cache_dir=tmp_path / "cache", jobs=1), fetch_images=True, allow_private_network=True)
    result = convert(str(source), options)
    with zipfile.ZipFile(result.folder / f"{result.slug}.epub") as zf:
        images = [n for n in zf.namelist() if n.startswith("EPUB/images/")]
        assert len(images) == 1 and zf.read(images[0]) == jpeg
    assert read_tags(result.folder / f"{result.slug}.mp3")["APIC"] == "image/jpeg"
    assert [f for f in run_epubcheck(result.folder / f"{result.slug}.epub") if f.severity in ("error", "warning")] == []


@pytest.mark.slow
def test_conformance_is_claimed_only_when_asked(tmp_path: Path) -> None:
    options = Options(out_dir=tmp_path, audio=AudioOptions(enabled=False), claim_conformance="Example Accessibility Lab")
    result = convert(str(FIXTURES / "bold-subheadings.html"), options)
    book = result.folder / f"{result.slug}.epub"
    _, opf = open_book(book)
    meta = {(m.get("property"), m.text) for m in opf.findall("opf:metadata/opf:meta", NS)}
    assert ("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.2 Level AA") in meta
    assert ("a11y:certifiedBy", "Example Accessibility Lab") in meta
    assert [f for f in run_epubcheck(book) if f.severity in ("error", "warning")] == []


@pytest.mark.slow
def test_right_to_left_article(tmp_path: Path) -> None:
    html = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>الموصل</title></head>
    <body><article><h1>معارك في غرب الموصل</h1>
    <p>قالت القوات العراقية يوم الأحد إنها تقدمت في الأحياء الغربية من مدينة الموصل، بينما يواصل المدنيون الفرار.</p>
    <p>وذكرت الأمم المتحدة أن آلاف العائلات ما زالت محاصرة في البلدة القديمة.</p></article></body></html>"""
    source = tmp_path / "ar.html"
    source.write_text(html, encoding="utf-8")
    result = convert(str(source), Options(out_dir=tmp_path / "out", audio=AudioOptions(enabled=False)))
    assert result.slug.startswith("article-") and len(result.slug) == len("article-") + 10
    zf, opf = open_book(result.folder / f"{result.slug}.epub")
    assert xhtml(zf, "c01.xhtml").get("dir") == "rtl"
    assert opf.find("opf:spine", NS).get("page-progression-direction") == "rtl"  # type: ignore[union-attr]
    assert [f for f in run_epubcheck(result.folder / f"{result.slug}.epub") if f.severity in ("error", "warning")] == []


def test_a_replaced_local_image_is_embedded_again(tmp_path: Path) -> None:
    page = tmp_path / "page" / "cafe.html"
    page.parent.mkdir()
    shutil.copy(FIXTURES / "broken-unclosed.html", page)
    image = page.parent / "old-cafe.jpg"
    jpeg = (FIXTURES / "old-cafe.jpg").read_bytes()
    image.write_bytes(jpeg)
    options = Options(out_dir=tmp_path / "out", audio=AudioOptions(enabled=False))

    def embedded() -> tuple[bytes, int]:
        book = result.folder / f"{result.slug}.epub"
        with zipfile.ZipFile(book) as zf:
            (name,) = [n for n in zf.namelist() if n.startswith("EPUB/images/")]
            return zf.read(name), book.stat().st_mtime_ns

    result = convert(str(page), options)
    first, made = embedded()
    assert first == jpeg
    result = convert(str(page), options)
    assert embedded() == (jpeg, made)  # nothing changed: the book is not made again
    replaced = jpeg + b"another picture under the same name"
    image.write_bytes(replaced)
    result = convert(str(page), options)
    assert embedded()[0] == replaced
