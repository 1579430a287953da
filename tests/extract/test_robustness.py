"""Damaged pages: truncated, spliced, unbalanced or shuffled markup gives a Document
or a clear HeardlineError — never a crash — and narration copes with what comes out."""

from __future__ import annotations

import random
from pathlib import Path

from heardline.chapters import split_chapters
from heardline.errors import HeardlineError
from heardline.extract import extract_document
from heardline.narrate import NarrateOptions, narrate
from heardline.voices import load_profile

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _damaged(html: str, rng: random.Random) -> str:
    op = rng.randrange(4)
    if op == 0:
        return html[: rng.randrange(len(html))]
    if op == 1:
        at = rng.randrange(len(html))
        return html[:at] + html[at + rng.randrange(2000) :]
    if op == 2:
        return html.replace("</p>", "", rng.randrange(20)).replace("</div>", "", rng.randrange(5))
    parts = html.split("<p")
    rng.shuffle(parts)
    return "<p".join(parts)


def test_damaged_pages_never_crash() -> None:
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.glob("*.html"))]
    profile = load_profile()
    rng = random.Random(20261125)
    extracted = refused = 0
    for i in range(150):
        html = _damaged(rng.choice(pages), rng)
        try:
            document = extract_document(html, f"damaged-{i}.html")
        except HeardlineError as exc:
            assert f"damaged-{i}.html" in str(exc)
            refused += 1
            continue
        assert document.headline and document.blocks
        narrate(document, split_chapters(document), profile, NarrateOptions())
        extracted += 1
    assert extracted > 50 and refused > 0
