"""extract: the second stage — decoded HTML to a :class:`~heardline.model.Document`.

The only place bs4 and lxml are used. Steps, in order::

    parse -> metadata -> drop hidden/script -> drop other stacked articles
          -> find container -> skip links -> mark chrome -> walk the page's blocks
          -> vote (container, trafilatura, readability) -> end matter
          -> put in reading order -> languages

What was left out, and by which rule, goes into ``Document.left_out``.

Extract knows nothing about audio or EPUB.
"""

from __future__ import annotations

import difflib
import re
import warnings
from dataclasses import replace
from datetime import datetime

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag, XMLParsedAsHTMLWarning

from ..agencies import agency_names
from ..errors import NoArticleError
from ..model import Block, Byline, Document, Figure, Heading, LeftOut, ListBlock, Paragraph, Quote, Related
from .blocks import is_agency_credit, related_link, teaser_texts, walk_blocks
from .container import (
    clear_chrome,
    clear_outside,
    find_container,
    gather_body,
    other_articles,
    paragraph_scores,
    remove_invisible,
    reveal_streamed,
    teaser_cards,
)
from .endmatter import remove_end_matter
from .figures import credit_line, unwrap_noscript
from .language import detect_language, guess_other_languages, same_language, start_guessing
from .markup import gone, text_of
from .metadata import extract_metadata, next_page
from .opinions import readability_opinion, trafilatura_opinion
from .skiplinks import extract_skip_links
from .vote import PROSE, Ballot, block_words, first_words, is_prose, vote

__all__ = ["extract_document"]

# trafilatura's recall mode holding less than this share of the container's words: its default mode is asked too
_EXPECTED = 0.8
# stands for "no container": no element is it, so every block counts as outside
_NOWHERE = Tag(name="nowhere")


def _parse(html: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(html, "lxml")


def extract_document(html: str, source: str = "page", url: str = "") -> Document:
    """The article in ``html`` as a Document; ``url`` resolves relative links.

    Raises :class:`~heardline.errors.NoArticleError` when the page has no article text.
    """
    soup = _parse(html)
    meta = extract_metadata(soup)
    page_url = meta.url or url
    revealed = reveal_streamed(soup)
    revealed |= remove_invisible(soup)
    left_out = _drop_other_articles(soup, meta.headline, page_url)
    page_html = str(soup) if left_out or revealed else html  # the other opinions see the page as heardline does
    root = gather_body(soup)
    scores = paragraph_scores(root)
    container = find_container(root, scores)
    left_out += _drop_cards(container)
    skip_links = extract_skip_links(soup, page_url, container)
    continued = next_page(soup, container, page_url)
    lang = meta.lang or detect_language((container or root).get_text(" ")) or "en"
    walked, inside, chrome_words, teasers = _page_blocks(root, container, scores, page_url, lang)
    guessing = start_guessing(_unsure_texts(walked, lang), lang)  # the models load while the opinions are asked
    expected = int(_EXPECTED * sum(len(block_words(b).split()) for b, flag in zip(walked, inside) if flag))
    ballot = Ballot(trafilatura_opinion(page_html, page_url, expected), lambda: readability_opinion(page_html), container is not None)
    blocks, voted_out = vote(walked, inside, ballot, chrome_words, teasers)
    blocks, end_matter = remove_end_matter(blocks, tuple(meta.authors))
    left_out += voted_out + end_matter
    blocks = _linked_titles(_credit_lines(blocks))
    blocks = _reading_order(blocks, meta.headline, meta.description, meta.published)
    guessing.result()  # what it found is remembered: asked again below, it costs nothing
    blocks = _figure_languages(blocks, lang)
    if not any(isinstance(b, Paragraph) and b.role in ("body", "lead") for b in blocks):
        raise NoArticleError(source, "no article text found: is it an article page?")
    headline = next(b.text for b in blocks if isinstance(b, Heading) and b.level == 1)
    closing = [b.text for b in blocks if isinstance(b, Byline)]
    return Document(
        lang=lang,
        headline=headline,
        title=meta.title,
        description=meta.description,
        published=meta.published,
        authors=tuple(meta.authors),
        byline=closing[0] if closing else (", ".join(meta.authors) if meta.authors else ""),
        agencies=agency_names(closing[0]) if closing else (),
        publisher=meta.publisher,
        url=page_url,
        skip_links=skip_links,
        continued=continued,
        blocks=tuple(blocks),
        left_out=tuple(left_out),
    )


def _drop_other_articles(soup: BeautifulSoup, headline: str, page_url: str) -> list[LeftOut]:
    """Take whole other articles stacked on the page out of it; say which."""
    left_out: list[LeftOut] = []
    for other in other_articles(soup, headline, page_url):
        heading = other.find(["h1", "h2"])
        left_out.append(LeftOut(first_words(text_of(heading) if heading is not None else text_of(other)), "another article on the page"))
        other.decompose()
    return left_out


def _drop_cards(container: Tag | None) -> list[LeftOut]:
    """Take runs of teaser cards out of the article's container; say which."""
    cards = teaser_cards(container) if container is not None else []
    left_out = [LeftOut(first_words(text_of(card)), "teaser cards") for card in cards if not gone(card)]
    for card in cards:
        if not gone(card):
            card.decompose()
    return left_out


def _page_blocks(
    root: Tag, container: Tag | None, scores: dict[int, int], page_url: str, lang: str
) -> tuple[list[Block], list[bool], list[str], list[str]]:
    """Every block of the page with whether heardline takes it for the article
    and the chrome word of the element it is in: furniture out, chrome in the
    container marked, the rest walked in order; and the texts of the teaser
    cards the walk leaves out."""
    unwrap_noscript(root)
    chrome: dict[int, str] = {}
    if container is not None:
        keep = [el for el in container.find_all("p") if related_link(el) is not None and len(el.find_all("a")) == 1]
        chrome = clear_chrome(container, keep, scores)
    clear_outside(root, container, scores)
    return (*walk_blocks(root, page_url, lang, container if container is not None else _NOWHERE, chrome), teaser_texts(root))


def _credit_lines(blocks: list[Block]) -> list[Block]:
    """A line right under a figure without a credit that is only a credit
    ("Photo courtesy of Acme") is that figure's credit, not a paragraph."""
    out: list[Block] = []
    for b in blocks:
        before = out[-1] if out else None
        credit = credit_line(b.text) if isinstance(b, Paragraph) and b.role == "body" and isinstance(before, Figure) and not before.credit else ""
        if credit and isinstance(before, Figure):
            out[-1] = replace(before, credit=credit)
            continue
        out.append(b)
    return out


# the fewest linked item titles in a row that make a list of items, each title a link over its description
_LINKED_TITLES = 3


def _linked_titles(blocks: list[Block]) -> list[Block]:
    """Links that stand alone between paragraphs, each over a paragraph of prose
    that describes it, three or more in a row with no heading among them (a
    roundup's or a listicle's items, each titled by a link to its source): the
    items' titles, not links to read elsewhere."""
    titled: dict[int, Related] = {
        i: b for i, b in enumerate(blocks)
        if isinstance(b, Related) and not b.label and i + 1 < len(blocks) and is_prose(blocks[i + 1]) and not (i and isinstance(blocks[i - 1], Related))
    }
    runs: list[list[int]] = []
    for i in titled:
        if runs and not any(isinstance(b, (Heading, Related)) for b in blocks[runs[-1][-1] + 1 : i]):
            runs[-1].append(i)
        else:
            runs.append([i])
    out = list(blocks)
    for run in runs:
        texts = {titled[i].text.lower() for i in run}
        if len(run) >= _LINKED_TITLES and len(texts) == len(run):
            for i in run:
                out[i] = Heading(level=0, text=titled[i].text)
    return out


def _similar(a: str, b: str) -> bool:
    a, b = a.lower().strip(), b.lower().strip()
    if not a or not b:
        return False
    if a.startswith(b[:80]) or b.startswith(a[:80]):
        return True
    return difflib.SequenceMatcher(None, a[:300], b[:300]).ratio() >= 0.8


def _reading_order(
    blocks: list[Block], headline: str, description: str, published: datetime | None
) -> list[Block]:
    """Headline, date, top byline, lead, lead image, then the body; chrome-like leftovers dropped."""
    blocks = [b for b in blocks if b is not None]
    blocks = _drop_repeats(blocks)
    # the headline: the <h1> that matches the metadata best, else the metadata's
    h1s = [i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1]
    h1_index = next((i for i in h1s if _similar(blocks[i].text, headline)), _first_h1_above_body(blocks, h1s))  # type: ignore[union-attr]
    if h1_index is None:
        head: Heading = Heading(level=1, text=headline or "Untitled article")
        before: list[Block] = []
        rest = blocks
    else:
        head = blocks[h1_index]  # type: ignore[assignment]
        before, rest = blocks[:h1_index], blocks[h1_index + 1 :]
    # other <h1>s in the body become section headings; a repeat of the headline goes
    rest = [b for b in rest if not (isinstance(b, Heading) and _similar(b.text, head.text))]
    rest = [replace(b, level=2) if isinstance(b, Heading) and b.level == 1 else b for b in rest]
    rest = _above_headline(before) + rest
    # a sentence-long heading before any body text is the deck under the headline, not a section
    first_body = next((i for i, b in enumerate(rest) if isinstance(b, Paragraph) and b.role == "body"), len(rest))
    rest = [
        Paragraph(text=b.text, role="body", lang=b.lang) if isinstance(b, Heading) and i < first_body and len(b.text.split()) >= 6 else b
        for i, b in enumerate(rest)
    ]
    date = next((b for b in rest if isinstance(b, Paragraph) and b.role == "date"), None)
    rest = [b for b in rest if not (isinstance(b, Paragraph) and b.role == "date")]
    if date is None and published is not None:
        date = Paragraph(text="", role="date")  # the writers say it, from the Document's date
    # the lead: marked by class, or the first paragraph when it is the page's description
    first_text = next((i for i, b in enumerate(rest) if isinstance(b, Paragraph)), None)
    lead_index = next((i for i, b in enumerate(rest) if isinstance(b, Paragraph) and b.role == "lead"), None)
    if lead_index is not None and first_text is not None and lead_index > first_text + 1:
        teaser = rest[lead_index]
        if isinstance(teaser, Paragraph):
            rest[lead_index] = replace(teaser, role="body")  # a "teaser" far down is not the lead
        lead_index = None
    first = rest[first_text] if first_text is not None else None
    if lead_index is None and isinstance(first, Paragraph) and _similar(first.text, description):
        lead_index = first_text
        rest[rest.index(first)] = replace(first, role="lead")
    top: list[Block] = [head]
    if date:
        top.append(date)
    if lead_index is not None:
        lead = rest[lead_index]
        # figures and bylines before the lead follow it (the lead image is described after the lead)
        early = rest[:lead_index]
        top += [b for b in early if isinstance(b, Byline)] + [lead] + [b for b in early if not isinstance(b, Byline)]
        rest = rest[lead_index + 1 :]
    body = _drop_empty_sections(_level_bold_headings(top + rest))
    return _closing_credit(body)


def _above_headline(before: list[Block]) -> list[Block]:
    """What stays of the blocks above the headline: a lead, a date, an image, and
    the article's opening from its first paragraph of prose on (an ``<h1>`` that a
    card in the body repeats, below the opening); kickers and breadcrumbs go."""
    opening = next((i for i, b in enumerate(before) if isinstance(b, Paragraph) and b.role == "body" and len(b.text.split()) >= PROSE), len(before))
    kept = [b for i, b in enumerate(before) if i >= opening or isinstance(b, Figure) or (isinstance(b, Paragraph) and b.role in ("lead", "date"))]
    return [replace(b, level=2) if isinstance(b, Heading) and b.level == 1 else b for b in kept]


def _first_h1_above_body(blocks: list[Block], h1s: list[int]) -> int | None:
    """The first ``<h1>`` when no ``<h1>`` is the page's headline, unless most of the
    body's words come before it (a promo's or a rail's ``<h1>`` below the article)."""
    if not h1s:
        return None
    counts = [len(b.text.split()) if isinstance(b, Paragraph) and b.role == "body" else 0 for b in blocks]
    return h1s[0] if sum(counts[: h1s[0]]) <= sum(counts[h1s[0] :]) else None


def _drop_empty_sections(blocks: list[Block]) -> list[Block]:
    """Headings with nothing under them (rail titles left after their rail went)."""
    out: list[Block] = []
    for i, b in enumerate(blocks):
        if isinstance(b, Heading) and b.level > 1:
            section = []
            for n in blocks[i + 1 :]:
                if isinstance(n, Heading) and n.level <= b.level:
                    break
                section.append(n)
            if all(isinstance(n, Heading) for n in section):
                continue
        out.append(b)
    return out


def _drop_repeats(blocks: list[Block]) -> list[Block]:
    """Drop pull quotes that repeat body text, and a figure, paragraph or list given twice."""
    body_text = " ".join(b.text for b in blocks if isinstance(b, Paragraph)).lower()
    out: list[Block] = []
    seen_figures: set[tuple[str, str]] = set()
    seen_text: set[str] = set()
    for b in blocks:
        if isinstance(b, Quote) and len(b.text) > 20 and b.text.lower().strip("“”\"' ") in body_text:
            continue
        if isinstance(b, Figure):
            # a chart drawn twice (desktop and mobile copies) is one chart
            key = ("chart", b.alt) if b.kind == "chart" and b.alt else (re.sub(r"[?#].*$", "", b.src), b.alt)
            if key in seen_figures and (b.src or b.alt):
                continue
            seen_figures.add(key)
        if isinstance(b, (Paragraph, Heading, Related, ListBlock)):
            text = "\n".join(b.items) if isinstance(b, ListBlock) else b.text
            key2 = f"{type(b).__name__}:{text}"
            if key2 in seen_text and len(text) > 30:
                continue
            seen_text.add(key2)
        out.append(b)
    return out


def _level_bold_headings(blocks: list[Block]) -> list[Block]:
    """Give bold-line subheadings (level 0) the level of the body's own subheadings."""
    levels = [b.level for b in blocks[1:] if isinstance(b, Heading) and b.level > 1]
    level = min(levels) if levels else 2
    out: list[Block] = []
    for i, b in enumerate(blocks):
        if isinstance(b, Heading) and b.level == 0:
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if isinstance(nxt, Paragraph) and i > 1:
                out.append(replace(b, level=level))
            else:
                out.append(Paragraph(text=b.text))
        else:
            out.append(b)
    return out


def _closing_credit(blocks: list[Block]) -> list[Block]:
    """The last short paragraph that is an agency credit becomes the closing byline."""
    for i in range(len(blocks) - 1, max(len(blocks) - 4, 0), -1):
        b = blocks[i]
        if isinstance(b, Paragraph) and b.role == "body" and is_agency_credit(b.text):
            blocks = blocks[:i] + [Byline(text=b.text)] + blocks[i + 1 :]
            break
        if isinstance(b, Paragraph) and b.role == "body":
            break
    return blocks


def _unsure(text: str, lang: str | None, doc_lang: str) -> bool:
    """Whether a figure text's language is left to detection: the markup says none, or only the page's."""
    return bool(text) and (lang is None or same_language(lang, doc_lang))


def _unsure_texts(blocks: list[Block], doc_lang: str) -> list[str]:
    """The figures' alt texts and captions whose language is left to detection."""
    figures = [b for b in blocks if isinstance(b, Figure)]
    alts = [f.alt for f in figures if _unsure(f.alt, f.alt_lang, doc_lang)]
    return alts + [f.caption for f in figures if _unsure(f.caption, f.caption_lang, doc_lang)]


def _figure_languages(blocks: list[Block], doc_lang: str) -> list[Block]:
    """Languages of alt texts and captions: markup first; detection (all texts at once)
    where the markup says only the page's."""

    def unsure(text: str, lang: str | None) -> bool:
        return _unsure(text, lang, doc_lang)

    texts = _unsure_texts(blocks, doc_lang)
    guessed = dict(zip(texts, guess_other_languages(texts, doc_lang)))

    def languages(fig: Figure) -> Figure:
        alt_lang = (guessed.get(fig.alt) if unsure(fig.alt, fig.alt_lang) else None) or fig.alt_lang
        caption_lang = (guessed.get(fig.caption) if unsure(fig.caption, fig.caption_lang) else None) or fig.caption_lang
        return replace(
            fig,
            alt_lang=None if same_language(alt_lang, doc_lang) or not fig.alt else alt_lang,
            caption_lang=None if same_language(caption_lang, doc_lang) or not fig.caption else caption_lang,
        )

    return [languages(b) if isinstance(b, Figure) else b for b in blocks]
