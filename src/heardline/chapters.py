"""Chapters, computed once from the Document and shared by narration and every writer,
so audio files, EPUB navigation, ID3 chapters and chapters.json always agree.

Chapter 1 is the headline chapter (headline, date, byline, lead, lead image);
then one chapter per section of the body, a new one at each top-level
subheading. Figures are kept where they stand (``inline``), gathered into a
last chapter (``end``), or left out of the narration (``skip``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .locale import phrase
from .model import Block, Byline, Document, Figure, Heading, Paragraph

__all__ = ["ChapterPlan", "split_chapters", "FIGURE_MODES"]

FIGURE_MODES = ("inline", "end", "skip")

@dataclass(frozen=True)
class ChapterPlan:
    title: str
    # indices into document.blocks, in reading order
    blocks: tuple[int, ...]
    # the heading block that opens it, if any
    heading: int | None = None


def split_chapters(document: Document, figures: str = "inline") -> tuple[ChapterPlan, ...]:
    """The chapters of a Document.

    >>> from heardline.model import Document, Heading, Paragraph
    >>> doc = Document(lang="en", headline="H", blocks=(Heading(1, "H"), Paragraph("Lead.", role="lead"),
    ...     Paragraph("Body one."), Heading(2, "Part two"), Paragraph("Body two.")))
    >>> [(c.title, c.blocks) for c in split_chapters(doc)]
    [('H', (0, 1)), ('Main story', (2,)), ('Part two', (3, 4))]
    """
    if figures not in FIGURE_MODES:
        raise ValueError(f"figures must be one of {FIGURE_MODES}, not {figures!r}")
    blocks = document.blocks
    head_end = _headline_chapter_end(blocks)
    levels = [b.level for b in blocks[head_end:] if isinstance(b, Heading) and b.level > 1]
    top = min(levels) if levels else None
    plans: list[ChapterPlan] = [ChapterPlan(title=document.headline, blocks=tuple(range(head_end)), heading=0)]
    current: list[int] = []
    title, heading = phrase(document.lang, "main_story"), None
    for i in range(head_end, len(blocks)):
        b = blocks[i]
        if isinstance(b, Heading) and b.level == top:
            if current:
                plans.append(ChapterPlan(title=title, blocks=tuple(current), heading=heading))
            current, title, heading = [], b.text, i
        current.append(i)
    if current:
        plans.append(ChapterPlan(title=title, blocks=tuple(current), heading=heading))
    if figures == "end":
        moved = [i for p in plans for i in p.blocks if isinstance(blocks[i], Figure)]
        plans = [ChapterPlan(p.title, tuple(i for i in p.blocks if not isinstance(blocks[i], Figure)), p.heading) for p in plans]
        plans = [p for p in plans if p.blocks]
        if moved:
            plans.append(ChapterPlan(title=phrase(document.lang, "images"), blocks=tuple(moved)))
    return tuple(plans)


def _headline_chapter_end(blocks: tuple[Block, ...]) -> int:
    """Index after the headline chapter: headline, date, bylines, lead and the figures right after it."""
    i = 1 if blocks and isinstance(blocks[0], Heading) else 0
    while i < len(blocks) and isinstance(blocks[i], (Paragraph, Byline)):
        b = blocks[i]
        if isinstance(b, Paragraph) and b.role not in ("date", "lead"):
            break
        i += 1
        if isinstance(b, Paragraph) and b.role == "lead":
            break
    while i < len(blocks) and isinstance(blocks[i], Figure):
        i += 1
    return i
