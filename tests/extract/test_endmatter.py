"""Site notices among the blocks: datelines and bylines go, look-alike headings and lines stay."""

from __future__ import annotations

import pytest

from heardline.extract.endmatter import remove_end_matter
from heardline.model import Heading, Paragraph

BODY = Paragraph(text="The council approved the new bridge on Tuesday after a long debate about its cost.")


@pytest.mark.parametrize("line", ["Posted by admin on March 5, 2024", "Updated: 5 March 2024", "By Jane Doe, March 5, 2024", "Published 12/03/2023"])
def test_a_dateline_or_byline_is_a_site_notice(line: str) -> None:
    kept, left = remove_end_matter([BODY, Paragraph(text=line), Heading(level=2, text=line)])
    assert kept == [BODY]
    assert [(x.rule) for x in left] == ["site notice", "site notice"]


@pytest.mark.parametrize("line", ["By the end of 2025", "By the numbers: 2019 in review", "Published in 2019, the report", "By 2030 the valley"])
def test_a_heading_that_only_looks_like_a_dateline_stays(line: str) -> None:
    kept, left = remove_end_matter([BODY, Heading(level=2, text=line), BODY])
    assert kept == [BODY, Heading(level=2, text=line), BODY] and left == []



# --- branch i9g (recall) ---

PROSE = [Paragraph(text=f"Paragraph {n} of the article goes on about the ferry, the river and the town quay for long enough to be prose that a listener hears.") for n in range(4)]


def test_a_back_matter_heading_left_alone_in_the_prose_goes_without_the_prose() -> None:
    blocks = [Heading(level=2, text="Reading the water"), PROSE[0], Heading(level=3, text="Related Articles"), PROSE[1], PROSE[2], Heading(level=2, text="Learning"), PROSE[3]]
    kept, left = remove_end_matter(blocks)
    assert kept == [b for b in blocks if b != Heading(level=3, text="Related Articles")]
    assert [x.rule for x in left] == ["back matter section"]


def test_a_back_matter_section_at_the_end_goes_whole() -> None:
    blocks = [*PROSE[:2], Heading(level=2, text="About the author"), PROSE[2], Heading(level=2, text="Related articles"), Paragraph(text="Ten bridges worth a walk")]
    kept, _ = remove_end_matter(blocks)
    assert kept == PROSE[:2]
