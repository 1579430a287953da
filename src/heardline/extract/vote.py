"""Which blocks are the article: heardline's choice of container and two other
extractors' texts vote on each block of text, two of three keep it.

heardline's vote is "the block comes from inside the container it chose";
trafilatura's and readability's are "their text has this block's words in this
order". readability is asked only where the first two disagree; where it has no
say (it found a fragment), a block in the container that trafilatura leaves out
stays only in a gap in the middle of trafilatura's text. Blocks that are
not text (figures, bylines, date lines, related links) follow heardline's
container, and a figure in the lead area above it (the hero image under a
headline outside the body column) is kept too; so is a paragraph of prose
there that trafilatura keeps (the opening, above a container that begins at
the first section).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeGuard

from ..model import Block, Heading, LeftOut, ListBlock, Paragraph, Quote, Related
from .opinions import Opinion, words

# an opinion holding less than this share of the container's words found a fragment
_FRAGMENT = 0.35
# a paragraph of at least this many words is prose: a fragment's end does not end the article before it
PROSE = 20


@dataclass
class Ballot:
    """The other opinions, readability's made only when first needed."""

    trafilatura: Opinion
    make_readability: Callable[[], Opinion]
    # False when heardline found no container: it abstains, trafilatura decides
    heardline_votes: bool = True
    # words of text in heardline's container, its text blocks (index, text), the block at hand (set by :func:`vote`)
    container_words: int = 0
    container_texts: list[tuple[int, str]] = field(default_factory=list, repr=False)
    # the container's prose paragraphs and the headings over them (indexes), set by :func:`vote`
    prose: set[int] = field(default_factory=set, repr=False)
    at: int = 0
    _readability: Opinion | None = field(default=None, repr=False)
    _span: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)

    @property
    def readability(self) -> Opinion:
        if self._readability is None:
            self._readability = self.make_readability()
        return self._readability

    def abstains(self, opinion: Opinion) -> bool:
        """An opinion with no text, or with a small fraction of the container's for
        a block before the last one it keeps (any block when it keeps none) or for
        prose: it found a smaller part of the article and has no say there (after
        that part, its word stands on lists and short lines: comments and end
        matter follow the article)."""
        if opinion.empty:
            return True
        if not self.heardline_votes or opinion.size >= _FRAGMENT * self.container_words:
            return False
        reach = self.span(opinion)[1]
        return reach < 0 or self.at <= reach or self.at in self.prose

    def span(self, opinion: Opinion) -> tuple[int, int]:
        """The first and the last of the container's blocks that ``opinion`` keeps ((-1, -1): none)."""
        if opinion.name not in self._span:
            kept = [i for i, text in self.container_texts if opinion.keeps(text)]
            self._span[opinion.name] = (kept[0], kept[-1]) if kept else (-1, -1)
        return self._span[opinion.name]

    def amid(self, opinion: Opinion) -> bool:
        """Whether the block at hand lies between two of the container's blocks that ``opinion`` keeps."""
        first, last = self.span(opinion)
        return first < self.at < last

    def keeps(self, text: str, inside: bool) -> tuple[bool, str]:
        """Whether two of three keep ``text``, and the reason when not."""
        traf = self.trafilatura
        if not self.heardline_votes:
            opinion = traf if not traf.empty else self.readability
            kept = opinion.keeps(text)
            return kept, "" if kept else f"no article container; {opinion.name} does not keep it"
        if self.abstains(traf) and not traf.keeps(text, strict=not inside):  # a fragment's yes still counts
            read = self.readability
            if self.abstains(read):
                return inside, "outside the article"
            kept = inside and read.keeps(text, strict=False)
            return kept, "" if kept else "readability does not keep it"
        t = traf.keeps(text, strict=not inside)
        if inside == t:
            return t, "" if t else "outside the article; trafilatura does not keep it"
        read = self.readability
        kept = read.keeps(text, strict=not inside)
        if not kept and self.abstains(read):
            hole = inside and self.amid(traf)  # a gap in the middle of trafilatura's text, inside heardline's container
            return t or hole, "" if t or hole else "trafilatura does not keep it"
        if kept:
            return True, ""
        return False, ("neither trafilatura nor readability keeps it" if inside else "outside the article; readability does not keep it")


def _text(block: Block) -> str | None:
    """The words of a block that the vote is about (None: not a text block)."""
    if isinstance(block, Paragraph) and block.role != "date":
        return block.text
    if isinstance(block, Heading) and block.level != 1:
        return block.text
    if isinstance(block, Quote):
        return block.text
    return None


def first_words(text: str, count: int = 8) -> str:
    """The opening words of a text that was left out.

    >>> first_words("one two three", 2)
    'one two …'
    """
    parts = text.split()
    return " ".join(parts[:count]) + (" …" if len(parts) > count else "")


def vote(
    blocks: list[Block], inside: list[bool], ballot: Ballot, chrome_words: list[str] | None = None, teasers: Sequence[str] = ()
) -> tuple[list[Block], list[LeftOut]]:
    """The blocks two of three extractors keep, in page order, and what was left out
    and why: from heardline's container, and from elements in it named as chrome
    (``chrome_words``, one per block). The texts of teaser cards the walk left out
    (``teasers``) are not taken back from the other extractors."""
    words_of = chrome_words or [""] * len(blocks)
    ballot.container_texts = [(i, block_words(b)) for i, (b, flag) in enumerate(zip(blocks, inside)) if flag and block_words(b)]
    ballot.container_words = sum(len(words(text)) for _, text in ballot.container_texts)
    ballot.prose = _prose(blocks, inside)
    first_inside = next((i for i, flag in enumerate(inside) if flag), len(blocks))
    headline_at = _outside_headline(blocks, inside, first_inside)
    chosen: list[Block | None] = []
    reasons: list[list[LeftOut]] = []
    for i, (block, flag) in enumerate(zip(blocks, inside)):
        lead_area = headline_at is not None and headline_at < i < first_inside
        ballot.at = i
        # prose that trafilatura keeps between the headline and a container that begins below it is the article's opening
        opening = lead_area and is_prose(block) and ballot.trafilatura.keeps(block.text)
        block_kept, why = _decide(block, flag or opening, ballot, keep_other=flag or i == headline_at or lead_area)
        chosen.append(block_kept)
        if words_of[i] and not flag:
            why = [LeftOut(left.text, f"chrome ({words_of[i]}) and {left.rule.removeprefix('outside the article; ')}") for left in why]
        reasons.append(why if flag or words_of[i] else [])
    _keep_deck(blocks, inside, chosen, reasons, headline_at)
    kept = [b for b in chosen if b is not None]
    if not any(isinstance(b, Paragraph) and b.role != "date" for b in kept):
        return [b for b, flag in zip(blocks, inside) if flag], []
    kept = _section_headings(_add_missing(kept, ballot, _links(blocks, teasers)), blocks, inside, words_of)
    return kept, [left for why in reasons for left in why]


def is_prose(block: Block) -> TypeGuard[Paragraph]:
    """A paragraph of the article's prose (not a date line, not a short line)."""
    return isinstance(block, Paragraph) and block.role != "date" and len(block.text.split()) >= PROSE


def _prose(blocks: list[Block], inside: list[bool]) -> set[int]:
    """Indexes of the container's paragraphs of prose and of the headings right over them."""
    prose: set[int] = set()
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        if inside[i] and (is_prose(block) or isinstance(block, Heading) and i + 1 in prose):
            prose.add(i)
    return prose


def block_words(block: Block) -> str:
    """The words of a text block or a list's items ("": not text)."""
    if isinstance(block, ListBlock):
        return " ".join(block.items)
    return _text(block) or ""


def _links(blocks: list[Block], teasers: Sequence[str]) -> Opinion:
    """The words of the "read more" links and teaser cards heardline's walk found on the page."""
    return Opinion("links", "\n".join([*(f"{b.label} {b.text}" for b in blocks if isinstance(b, Related)), *teasers]))


def _add_missing(kept: list[Block], ballot: Ballot, links: Opinion | None = None) -> list[Block]:
    """trafilatura's lines that no kept block has, where a second opinion agrees
    (readability, or heardline's walk having missed the article's text), as
    paragraphs after the block that holds the line before them; never a line
    that heardline's walk found to be a link to another page (``links``)."""
    traf = ballot.trafilatura
    if traf.empty:
        return kept
    ours = Opinion("heardline", "\n".join(block_words(b) for b in kept))
    lines = [clean for line in traf.text.splitlines() if (clean := line.strip(" -|*•\t"))]
    missing = [line for line in lines if not ours.keeps(line) and not (links is not None and links.keeps(line))]
    if not missing:
        return kept
    heardline_missed = len(words(ours.text)) < 0.5 * len(words(traf.text))
    pairs = [set(zip(w, w[1:])) | {(x, x) for x in w} for w in (words(block_words(b)) for b in kept)]
    after: dict[int, list[Block]] = {}
    at = -1
    for line in lines:
        toks = words(line)
        if line not in missing:
            first = (toks[0], toks[1]) if len(toks) > 1 else (toks[0], toks[0])
            at = next((j for j in range(max(at, 0), len(kept)) if first in pairs[j]), at)
        elif len(toks) >= 4 and (heardline_missed or (not ballot.readability.empty and ballot.readability.keeps(line))):
            after.setdefault(at, []).append(Paragraph(text=line))
    out: list[Block] = list(after.get(-1, []))
    for j, block in enumerate(kept):
        out.append(block)
        out.extend(after.get(j, []))
    return out


def _decide(block: Block, inside: bool, ballot: Ballot, keep_other: bool) -> tuple[Block | None, list[LeftOut]]:
    """One block as kept (None: left out), and what of it was left out and why."""
    if isinstance(block, ListBlock):
        items = [(item, *ballot.keeps(item, inside)) for item in block.items]
        why = [LeftOut(first_words(item), reason) for item, ok, reason in items if not ok]
        if not any(ok for _, ok, _ in items):
            return None, why
        return replace(block, items=tuple(item for item, ok, _ in items if ok)), why
    text = _text(block)
    if text is None:
        return (block if keep_other and not isinstance(block, (ListBlock,)) else None), []
    ok, reason = ballot.keeps(text, inside)
    return (block, []) if ok else (None, [LeftOut(first_words(text), reason)])


def _keep_deck(blocks: list[Block], inside: list[bool], chosen: list[Block | None], reasons: list[list[LeftOut]], headline_at: int | None) -> None:
    """The standfirst under the headline (a lead paragraph or a sentence-long heading)
    stays though other extractors leave decks out: it belongs to the first chapter."""
    start = headline_at if headline_at is not None else next((i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1 and inside[i]), None)
    if start is None:
        return
    for i in range(start + 1, len(blocks)):
        block = blocks[i]
        if isinstance(chosen[i], Paragraph) and chosen[i].role == "body":  # type: ignore[union-attr]
            return
        deck = (isinstance(block, Paragraph) and block.role == "lead") or (isinstance(block, Heading) and block.level > 1 and len(block.text.split()) >= 6)
        if deck and chosen[i] is None and (inside[i] or headline_at is not None):
            chosen[i] = block
            reasons[i] = []


def _section_headings(kept: list[Block], blocks: list[Block], inside: list[bool], chrome_words: list[str]) -> list[Block]:
    """``kept`` with the subheadings it lacks that stand outside the container, not in
    chrome, between two texts it has, right over a paragraph of prose (figures
    aside): those sections' headings, which other extractors leave out of the text
    they keep when they are set in capitals or in boxes of their own."""
    at_text = {block_words(b): j for j, b in enumerate(kept) if block_words(b)}
    texts = [i for i, b in enumerate(blocks) if block_words(b)]
    over: dict[int, Block] = {}
    for before, at, after in zip(texts, texts[1:], texts[2:]):
        block, below = blocks[at], at_text.get(block_words(blocks[after]))
        if not isinstance(block, Heading) or block.level == 1 or inside[at] or chrome_words[at] or block.text in at_text:
            continue
        if below is not None and block_words(blocks[before]) in at_text and is_prose(blocks[after]) and all(not block_words(b) for b in blocks[at + 1 : after]):
            over[below] = block
    return [b for j, block in enumerate(kept) for b in ((over[j], block) if j in over else (block,))]


def _outside_headline(blocks: list[Block], inside: list[bool], first_inside: int) -> int | None:
    """Where the headline is when the container has none: the last ``<h1>`` before it."""
    if any(isinstance(b, Heading) and b.level == 1 and flag for b, flag in zip(blocks, inside)):
        return None
    before = [i for i in range(first_inside) if isinstance(blocks[i], Heading) and blocks[i].level == 1]  # type: ignore[union-attr]
    return before[-1] if before else None

