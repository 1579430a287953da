"""vote: two of three opinions keep a block; an opinion that found a fragment of the article."""

from __future__ import annotations

from pathlib import Path

import trafilatura

from heardline.extract.opinions import Opinion, trafilatura_opinion
from heardline.extract.vote import Ballot, vote
from heardline.model import Block, Heading, ListBlock, Paragraph

_SECTIONS = [
    ("Boats", "A small passenger ferry costs between two and four million pounds new, and a second-hand boat about a third of that before any refit."),
    ("Landing stages", "Rebuilding a landing stage costs about half a million pounds, more where the river bed has to be dredged so the boat can come alongside."),
    ("Fares", "Fares rarely cover more than half of the running costs, so most services depend on a grant from the council or from the transport authority."),
]
_COMMENTS = ListBlock(ordered=False, items=("Sam says: great news for the town at last", "Ann says: about time too, I remember the old boat"))


def _blocks() -> list[Block]:
    blocks: list[Block] = []
    for title, text in _SECTIONS:
        blocks += [Heading(level=2, text=title), Paragraph(text=text)]
    return [*blocks, _COMMENTS]


def _fragment() -> Opinion:
    """What an extractor keeps that took only the first of the article's sections."""
    return Opinion("x", "\n".join(_SECTIONS[0]))


def test_an_opinion_that_found_one_section_does_not_end_the_article_there() -> None:
    blocks = _blocks()
    kept, _ = vote(blocks, [True] * len(blocks), Ballot(_fragment(), _fragment))
    assert [b for b in kept if not isinstance(b, ListBlock)] == blocks[:-1]


def test_after_a_fragment_its_word_on_lists_and_short_lines_stands() -> None:
    blocks = _blocks()
    kept, left_out = vote(blocks, [True] * len(blocks), Ballot(_fragment(), _fragment))
    assert _COMMENTS not in kept
    assert any(left.text.startswith("Sam says") for left in left_out)


def test_a_fragment_that_keeps_a_block_is_a_vote_for_it() -> None:
    """One extractor took the first half of the article, the other the second half:
    with heardline's container, every block has two votes."""
    blocks = _blocks()[:-1]
    first = Opinion("trafilatura", "\n".join(_SECTIONS[0]))
    rest = Opinion("readability", "\n".join(line for section in _SECTIONS[1:] for line in section))
    kept, left_out = vote(blocks, [True] * len(blocks), Ballot(first, lambda: rest))
    assert kept == blocks and left_out == []


def test_trafilatura_default_mode_is_asked_where_recall_mode_finds_less_than_expected() -> None:
    html = (Path(__file__).parents[1] / "fixtures" / "markup" / "slug-ids.html").read_text()  # the modes differ here
    recall = trafilatura.extract(html, include_comments=False, favor_recall=True) or ""
    plain = trafilatura.extract(html, include_comments=False) or ""
    assert recall != plain and trafilatura_opinion(html, "").text == recall
    assert trafilatura_opinion(html, "", expected=10**6).text == max(recall, plain, key=lambda t: len(t.split()))


# --- branch i9g (recall) ---


def test_a_gap_in_the_middle_of_trafilaturas_text_inside_the_container_is_kept() -> None:
    """trafilatura leaves out a box in the middle of the article (an accordion's panel)
    and readability found only the first section: the box stays, as heardline's
    container has it, but a paragraph after the end of trafilatura's text still goes."""
    box = Paragraph(text="Why we like it: boats leave every twenty minutes in the morning rush, and a weekly season ticket costs nine pounds fifty for as many trips as you like.")
    tail = Paragraph(text="Our travel team tests every crossing it writes about, and we may earn a small fee when you book through the links on this page, at no cost to you.")
    sections = _blocks()[:-1]
    blocks = [*sections[:4], box, *sections[4:], tail]
    trafilatura_text = Opinion("trafilatura", "\n".join(b.text for b in sections if isinstance(b, (Heading, Paragraph))))
    kept, left_out = vote(blocks, [True] * len(blocks), Ballot(trafilatura_text, _fragment))
    assert box in kept and tail not in kept
    assert [left.rule for left in left_out] == ["trafilatura does not keep it"]


# --- i9k: the opening between the headline and the container ---

_OPENING = "When it comes to choosing a way across the river, it is important to understand the difference between the ferry and the bridge, and what each offers."
_PITCH = "Sign up for our weekly travel letter and get the best of the valley's days out, walks and ferry trips sent to you every Friday morning."


def _lead_area_blocks() -> tuple[list[Block], list[bool]]:
    """The headline and two paragraphs above a container that begins with the first section."""
    sections = _blocks()[:-1]
    blocks: list[Block] = [Heading(level=1, text="Ferry or bridge?"), Paragraph(text=_OPENING), Paragraph(text=_PITCH), *sections]
    return blocks, [False, False, False] + [True] * len(sections)


def test_prose_between_the_headline_and_the_container_stays_where_trafilatura_keeps_it() -> None:
    blocks, inside = _lead_area_blocks()
    body = "\n".join(line for section in _SECTIONS for line in section)
    trafilatura_text = Opinion("trafilatura", f"{_OPENING}\n{body}")
    readability_text = Opinion("readability", f"{_PITCH}\n{body}")  # readability alone does not keep the pitch
    kept, _ = vote(blocks, inside, Ballot(trafilatura_text, lambda: readability_text))
    texts = [b.text for b in kept if isinstance(b, Paragraph)]
    assert texts[0] == _OPENING and _PITCH not in texts


def test_a_heading_outside_the_container_over_prose_both_others_keep_is_that_sections_heading() -> None:
    """Other extractors keep the sections' paragraphs but not their headings (set in
    capitals, in boxes of their own); heardline's container holds only the last section."""
    blocks = [b for title, text in _SECTIONS for b in (Heading(level=2, text=title.upper()), Paragraph(text=text))]
    blocks[4:4] = [Heading(level=3, text="NEWS"), Paragraph(text="Fares rise in May")]  # a short line, not a section's prose
    inside = [False] * (len(blocks) - 2) + [True, True]
    paragraphs = Opinion("x", "\n".join([*(text for _, text in _SECTIONS), "Fares rise in May"]))
    kept, _ = vote(blocks, inside, Ballot(paragraphs, lambda: paragraphs))
    assert [b.text for b in kept if isinstance(b, Heading)] == ["LANDING STAGES", "FARES"]  # not the first (no text above it), nor one over a short line
