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


# --- i9h: datelines and bylines without the words the notice rule names ---


@pytest.mark.parametrize("line", ["Dec 18, 2025 ⋅ 15 min read", "3 January, 2025", "Published on: February 14, 2025", "05/03/2026 by Meaghan Weeden", "By Preetam Jinka", "Written by A. J. Neal and Sam Lee", "by Jo Tan—10 min read", "Reading Time: 11 minutes", "Estimated reading time:"])
def test_a_line_that_is_only_a_date_or_a_byline_is_a_site_notice(line: str) -> None:
    kept, left = remove_end_matter([BODY, Paragraph(text=line)])
    assert kept == [BODY] and [x.rule for x in left] == ["site notice"]


@pytest.mark.parametrize("line", ["As of July 31, 2025, the FDA has received:", "Tate Britain, October 2, 2025 – February 15, 2026", "By The Numbers", "By 2030, most buses will be electric", "On March 3, 2024 the mayor resigned after the vote.", "Boil For 10 Minutes", "Reading time matters to pupils who read daily"])
def test_a_line_with_a_date_that_says_more_stays(line: str) -> None:
    kept, left = remove_end_matter([BODY, Paragraph(text=line)])
    assert kept == [BODY, Paragraph(text=line)] and left == []
