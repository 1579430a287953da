"""narrate: what is said, in which order and language, for the project's pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from heardline.chapters import split_chapters
from heardline.convert import load_document
from heardline.model import Document
from heardline.narrate import NarrateOptions, narrate
from heardline.narrate.lexicon import parse_pls
from heardline.script import Script
from heardline.voices import load_profile, voices_dir

FIXTURES = Path(__file__).parents[1] / "fixtures"
PROFILE = load_profile("default")
LEXICONS = voices_dir() / "lexicons"


def doc(name: str) -> Document:
    return load_document(str(FIXTURES / name))[1]


def script_of(document: Document, **options: object) -> Script:
    opts = NarrateOptions(lexicon_dir=LEXICONS, **options)  # type: ignore[arg-type]
    return narrate(document, split_chapters(document, opts.figures), PROFILE, opts)


@pytest.fixture(scope="module")
def dw() -> Document:
    return doc("dw-mosul.html")


def test_headline_chapter_order(dw: Document) -> None:
    first = script_of(dw).chapters[0]
    assert [s.role for s in first.segments] == ["headline", "date", "lead", "lead", "caption", "alt", "credit"]
    assert first.segments[4].source_text == "Photo:"
    assert first.segments[0].text == "'I S' digs its heels in as Moh-sool falls"  # lexicon, then acronyms


def test_figures_at_end_and_skipped(dw: Document) -> None:
    end = script_of(dw, figures="end")
    assert end.chapters[-1].title == "Images"
    assert end.chapters[-1].segments[0].source_text == "Images"  # announced, as the book shows it
    assert {s.role for s in end.chapters[-1].segments[1:]} <= {"caption", "alt", "credit"}
    assert not any(s.role == "alt" for c in end.chapters[:-1] for s in c.segments)
    skip = script_of(dw, figures="skip")
    assert not any(s.role in ("alt", "caption", "credit") for s in skip.segments)


def test_related_read_only_when_asked(dw: Document) -> None:
    assert not any(s.role == "related" for s in script_of(dw).segments)
    related = [s.source_text for s in script_of(dw, read_related=True).segments if s.role == "related"]
    assert related[0] == "Read more: Iraqi army launches operation to seize last 'IS' enclave in Mosul"


def test_german_page_speaks_german_and_english_quotes_in_english() -> None:
    script = script_of(doc("german-english-quotes.html"))
    date = next(s for s in script.segments if s.role == "date")
    assert date.text == "Veröffentlicht am dritten September zweitausendzweiundzwanzig"
    quote = next(s for s in script.segments if "learned faster" in s.text)
    assert quote.lang == "en"
    assert next(s for s in script.segments if s.role == "alt").lang == "en"
    credit = next(s for s in script.segments if s.role == "credit")
    assert credit.source_text == "Bild: dpa/Patrick Pleul"
    assert script.segments[-1].source_text == "Mit Material von dpa."
    assert script.chapters[1].title == "Der Artikel"


def test_alt_equal_to_caption_is_said_once() -> None:
    html = """<html lang="en"><body><article><h1>A headline of some length</h1>
    <p>First paragraph of the story, long enough to be article text.</p>
    <figure><img src="a.jpg" alt="Crowds on the bridge"><figcaption>Crowds on the bridge</figcaption></figure>
    <p>Second paragraph of the story, long enough to be article text.</p></article></body></html>"""
    from heardline.extract import extract_document

    script = script_of(extract_document(html))
    figure = [s.source_text for s in script.segments if s.role in ("caption", "alt")]
    assert figure == ["Photo: Crowds on the bridge"]


def test_pauses(dw: Document) -> None:
    script = script_of(dw)
    pauses = PROFILE.pauses
    for chapter in script.chapters:
        assert chapter.segments[-1].pause == pauses.chapter
    heading = next(s for s in script.segments if s.role == "heading")
    assert heading.pause == pauses.heading


def test_pls_lexicon_parsing() -> None:
    lexicon = parse_pls(
        b'<?xml version="1.0"?><lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" '
        b'alphabet="ipa" xml:lang="en"><lexeme><grapheme>Nguyen</grapheme><grapheme>NGUYEN</grapheme>'
        b"<alias>Win</alias></lexeme><lexeme><grapheme>nobody</grapheme></lexeme></lexicon>"
    )
    assert lexicon.apply("Mr Nguyen and NGUYEN, not Nguyenx") == "Mr Win and Win, not Nguyenx"


def test_french_page_is_spoken_in_french() -> None:
    script = script_of(doc("bold-subheadings.html"))
    assert script.lang == "fr" and {s.lang for s in script.segments} == {"fr"}
    assert script.segments[1].text == "Publié le 5 octobre 2023"
    assert script.chapters[1].title == "L'article"
    # "XIXe siècle" in the lead is said as an ordinal
    assert any("dix-neuvième siècle" in s.text for s in script.segments)


def test_chapters_without_a_heading_are_announced(dw: Document) -> None:
    script = script_of(dw)
    main = script.chapters[1]
    assert main.title == "Main story"
    assert (main.segments[0].role, main.segments[0].source_text, main.segments[0].block) == ("heading", "Main story", -1)
    # chapters that open with the page's own heading are not announced twice
    assert [s.source_text for s in script.chapters[2].segments[:1]] == ["US admits high non-combatant casualties"]
