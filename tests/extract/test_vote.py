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
