"""extract: reading order, figures, languages, skip links and chrome, on the project's pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from heardline.errors import NoArticleError
from heardline.extract import extract_document
from heardline.model import Byline, Document, Figure, Heading, ListBlock, Paragraph, Quote, Related, block_type
from heardline.read import read_source

FIXTURES = Path(__file__).parents[1] / "fixtures"


def load(name: str) -> Document:
    page = read_source(str(FIXTURES / name))
    return extract_document(page.html, page.source, page.url)


@pytest.fixture(scope="module")
def dw() -> Document:
    return load("dw-mosul.html")


def all_text(doc: Document) -> str:
    parts = []
    for b in doc.blocks:
        if isinstance(b, Figure):
            parts += [b.alt, b.caption, b.credit]
        elif isinstance(b, ListBlock):
            parts += list(b.items)
        else:
            parts.append(b.text)
    return "\n".join(parts)


def test_dw_reading_order(dw: Document) -> None:
    kinds = [(block_type(b), getattr(b, "role", None) or getattr(b, "kind", None)) for b in dw.blocks]
    assert kinds[:4] == [("heading", None), ("paragraph", "date"), ("paragraph", "lead"), ("figure", "photo")]
    assert dw.blocks[0] == Heading(level=1, text="'IS' digs its heels in as Mosul falls")
    assert dw.blocks[1].text == "May 28, 2017"  # type: ignore[union-attr]
    photo = dw.blocks[3]
    assert isinstance(photo, Figure)
    assert (photo.alt, photo.alt_lang, photo.credit, photo.caption) == ("Irak Kämpfe im Westen von Mosul", "de", "Reuters/Stringer", "")
    # then: body, first related, map, subheading, gallery, second related, closing credit
    order = [i for i, b in enumerate(dw.blocks) if isinstance(b, (Related, Figure, Heading, Byline))]
    landmarks = [dw.blocks[i] for i in order]
    assert [block_type(b) for b in landmarks] == ["heading", "figure", "related", "figure", "heading", "figure", "related", "byline"]
    map_figure = landmarks[3]
    assert isinstance(map_figure, Figure)
    assert (map_figure.kind, map_figure.alt, map_figure.caption) == ("map", "Karte Mossul ENG", "IS' remaining strongholds (click to enlarge)")
    assert landmarks[4] == Heading(level=2, text="US admits high non-combatant casualties")
    gallery = landmarks[5]
    assert isinstance(gallery, Figure) and gallery.kind == "gallery" and gallery.caption == "The destruction in western Mosul"
    assert landmarks[2].text.startswith("Iraqi army launches")  # type: ignore[union-attr]
    assert landmarks[6].text.startswith("US plan to 'annihilate IS'")  # type: ignore[union-attr]
    assert dw.blocks[-1] == Byline(text="es/rc (AP, AFP)")
    assert isinstance(dw.blocks[4], Paragraph) and dw.blocks[4].text.startswith("Snipers and suicide bombers")


def test_dw_metadata(dw: Document) -> None:
    assert dw.lang == "en"
    assert dw.published is not None and dw.published.isoformat() == "2017-05-28T17:41:00+00:00"
    assert dw.publisher == "Deutsche Welle"
    assert dw.url == "https://www.dw.com/en/is-digs-its-heels-in-as-mosul-falls/a-39016232"


def test_dw_skip_links(dw: Document) -> None:
    assert [(s.text, s.target, s.role) for s in dw.skip_links] == [
        ("Skip to content", "innerFrame", "content"),
        ("Skip to main menu", "navMain", "navigation"),
        ("Skip to more DW sites", "dwSites", "other"),
    ]
    assert [link.text for link in dw.skip_links[2].links] == ["Media Center", "Learn German", "DW Akademie"]


@pytest.mark.parametrize(
    "chrome",
    ["We use cookies", "Top stories", "Related content", "Subscribe to our newsletter", "Legal notice", "Permalink",
     "Keywords", "Facebook", "Twitter", "Advertisement", "Share", "12 images", "200,000 civilians", "Deutsche Welle"],
)
def test_dw_has_no_chrome(dw: Document, chrome: str) -> None:
    assert chrome not in all_text(dw)


def test_wordpress_caption_and_chrome() -> None:
    doc = load("wordpress-caption.html")
    fig = doc.figures[0]
    assert (fig.alt, fig.caption, fig.credit) == ("Cyclists waiting at a red light on Bridge Street", "Bridge Street at rush hour.", "Tomás Reyes")
    assert fig.src.endswith("bridge-street.jpg")  # the largest of srcset
    assert doc.authors == ("Priya Natarajan",) and doc.publisher == "The Riverside Gazette"
    text = all_text(doc)
    for chrome in ("Share this", "Related", "Bus fares", "thoughts on", "Leave a Reply", "Recent Posts", "Posted in", "powered by"):
        assert chrome not in text
    quote = next(b for b in doc.blocks if isinstance(b, Quote))
    assert quote.cite == "Councillor Ruth Abiodun" and "most important decision" in quote.text
    assert [h.text for h in doc.blocks if isinstance(h, Heading)] == ["City council approves new cycle lanes", "What happens next"]


def test_page_without_article_or_main() -> None:
    doc = load("no-article-element.html")
    assert doc.headline == "Harbour porpoises return to the estuary"
    assert doc.blocks[2] == Paragraph(text=doc.description, role="lead")
    assert doc.figures[0].credit == "Coastal Times"
    text = all_text(doc)
    for chrome in ("cookies", "Local news", "Share on Facebook", "Most read", "Pier repairs", "Privacy"):
        assert chrome not in text


def test_german_page_with_english_spans_and_alt() -> None:
    doc = load("german-english-quotes.html")
    assert doc.lang == "de"
    spans = [p for p in doc.blocks if isinstance(p, Paragraph) and p.spans]
    assert len(spans) == 2
    assert [(s.lang, s.text) for s in spans[0].spans if s.lang == "en"] == [("en", "They learned faster than we expected.")]
    assert "".join(s.text for s in spans[1].spans) == spans[1].text
    fig = doc.figures[0]
    assert (fig.alt_lang, fig.caption, fig.credit) == ("en", "Eine Honigbiene auf Lavendel (Archivbild)", "dpa/Patrick Pleul")
    assert fig.caption_lang is None
    # the pull quote repeating the body is gone; the kicker before the headline too
    assert not any(isinstance(b, Quote) for b in doc.blocks)
    assert "Forschung" not in [getattr(b, "text", "") for b in doc.blocks]
    assert [(s.text, s.role) for s in doc.skip_links] == [("Zum Inhalt springen", "content"), ("Zur Navigation springen", "navigation")]
    assert doc.blocks[-1] == Byline(text="jb/dpa")


def test_lazy_images_with_noscript_twins_give_one_figure_each() -> None:
    doc = load("lazy-noscript.html")
    figures = doc.figures
    assert [f.src for f in figures] == [
        "https://img.example.com/nightjet-vienna-1200.jpg",
        "https://img.example.com/route-map-1280.png",
        "https://img.example.com/couchette.jpg",
    ]
    assert [f.kind for f in figures] == ["photo", "map", "photo"]
    assert figures[2].credit == "ÖBB/Harald Eisenberger"


def test_broken_latin1_page() -> None:
    doc = load("broken-unclosed.html")
    assert doc.headline == "Café closures hit the old town"
    assert any("Zoë Brandt" in getattr(b, "text", "") for b in doc.blocks)
    assert Heading(level=2, text="A long tradition") in doc.blocks
    assert doc.figures[0].alt == "Black and white photo of a café terrace in 1920"
    assert "Impressum" not in all_text(doc)


def test_bold_paragraphs_become_subheadings() -> None:
    doc = load("bold-subheadings.html")
    headings = [(b.level, b.text) for b in doc.blocks if isinstance(b, Heading)]
    assert headings == [(1, "Le retour des vignes en Bretagne"), (2, "Une histoire ancienne"), (2, "Des premières cuvées prometteuses")]
    assert doc.blocks[2].role == "lead"  # type: ignore[union-attr]
    assert [s.text for s in doc.skip_links] == ["Aller au contenu", "Aller au menu"]
    # a bold lead-in inside a sentence stays a paragraph
    assert doc.blocks[-1].text.startswith("Le saviez-vous ?")  # type: ignore[union-attr]


HIDDEN = """<html lang="en"><body><article><h1>Title of the story here</h1>
<p>First paragraph of the story, long enough to count as article text for sure.</p>
<p hidden>Hidden by attribute.</p><p style="display: none">Hidden by style.</p>
<div aria-hidden="true"><p>Hidden from assistive technology.</p></div>
<script>var x = "script text";</script><style>p { color: red }</style>
<p>Second paragraph of the story, also long enough to count as article text.</p>
</article></body></html>"""


def test_hidden_elements_scripts_and_styles_are_dropped() -> None:
    doc = extract_document(HIDDEN, "inline")
    text = all_text(doc)
    assert "First paragraph" in text and "Second paragraph" in text
    for hidden in ("Hidden by", "assistive", "script text", "color: red"):
        assert hidden not in text


def test_page_without_article_text_is_refused() -> None:
    with pytest.raises(NoArticleError, match="no article"):
        extract_document("<html><body><nav><a href='/'>Home</a></nav></body></html>", "menu.html")


def test_embedded_chart_and_video_become_described_figures_ads_do_not() -> None:
    doc = load("embeds-and-deck.html")
    figures = doc.figures
    assert [(f.kind, f.alt) for f in figures] == [
        ("chart", "Ferry passengers by month, 2019 to 2022"),
        ("video", "Captain explains the new schedule"),
    ]
    assert not any("adserver" in f.src for f in figures)
    # the deck under the headline is the lead, not a section; the author photo is not a figure
    assert doc.blocks[2] == Paragraph(text="More people took the ferries this summer than in any year since 2019", role="lead")
    assert isinstance(doc.blocks[3], Byline) and doc.blocks[3].text.startswith("Sam Lee")
    assert not any(isinstance(b, Heading) and b.level > 1 for b in doc.blocks)
