"""narrate: the third stage — Document to Script, the chapters of spoken segments.

What the listener hears, in order (SPEC "What the listener hears"): the
headline chapter (headline, "Published …", byline, lead, lead image
described), then one chapter per body section with figures read where they
stand, introduced by their kind; related links only when asked for; the
closing credit last. Each sentence is one segment, its text normalised for
speech after the pronunciation lexicon of its language.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..agencies import agency_names
from ..chapters import ChapterPlan
from ..locale import format_date, join_names, phrase
from ..model import Block, Byline, Document, Figure, Heading, ListBlock, Paragraph, Quote, Related
from ..script import TITLE_BLOCK, Chapter, Script, Segment
from ..voices import Profile
from .lexicon import load_lexicon
from .normalize import normalize
from .phrases import drop_instructions
from .sentences import shorten, split_sentences

__all__ = ["NarrateOptions", "narrate"]


@dataclass(frozen=True)
class NarrateOptions:
    # inline | end | skip (the chapters already reflect inline/end)
    figures: str = "inline"
    read_related: bool = False
    # folder of <lang>.pls lexicons; None: no lexicon
    lexicon_dir: Path | None = None
    # normalisation rules to leave out, by name
    skip_rules: tuple[str, ...] = ()


@dataclass
class _Piece:
    """A run of text to speak before it is cut into sentences."""

    role: str
    text: str
    lang: str
    split: bool = True


@dataclass
class _Builder:
    document: Document
    profile: Profile
    options: NarrateOptions
    segments: list[Segment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    count: int = 0
    # the words of the bylines and date lines spoken so far: each is said once
    said: list[str] = field(default_factory=list)

    def said_before(self, piece: _Piece) -> bool:
        """Whether a byline or date line repeats one already spoken (a byline above and below the headline)."""
        frame = set(_words(phrase(piece.lang, "by", names="") + " " + phrase(piece.lang, "published", date="")).split())
        key = " ".join(w for w in _words(piece.text).split() if w not in frame)
        if not key:
            return False
        if any(key in earlier or earlier in key for earlier in self.said):
            return True
        self.said.append(key)
        return False

    def add(self, block: int, pieces: list[_Piece], pause: float) -> None:
        """Segments for one block; the last one gets the block's pause."""
        made: list[Segment] = []
        for piece in pieces:
            if piece.role in ("byline", "date") and self.said_before(piece):
                continue
            sentences = split_sentences(piece.text, piece.lang) if piece.split else shorten(piece.text.strip())
            for sentence in sentences:
                sentence = self.bounded(sentence, block)
                spoken = self.speakable(sentence, piece.lang)
                if not re.search(r"\w", spoken):
                    continue
                self.count += 1
                made.append(
                    Segment(
                        id=f"s{self.count:04d}",
                        role=piece.role,
                        text=spoken,
                        source_text=sentence,
                        lang=piece.lang,
                        block=block,
                        pause=self.profile.pauses.sentence,
                    )
                )
        if made:
            last = made[-1]
            made[-1] = Segment(**{**last.__dict__, "pause": pause})
        self.segments.extend(made)

    def bounded(self, sentence: str, block: int) -> str:
        """The sentence with pathological words (a 100,000-letter word, 50,000 digits) cut
        to a length a listener can follow, with a note; an utterance cut at ``MAX_UTTERANCE``."""
        cut = _LONG_WORD.sub(lambda m: m.group(0)[:MAX_WORD], sentence)
        if len(cut) > MAX_UTTERANCE:
            cut = cut[:MAX_UTTERANCE].rsplit(" ", 1)[0]
        if cut != sentence:
            self.notes.append(f"block {block}: a sentence of {len(sentence)} characters with overlong words or length cut to {len(cut)} characters")
        return cut

    def speakable(self, text: str, lang: str) -> str:
        if self.options.lexicon_dir is not None:
            text = load_lexicon(self.options.lexicon_dir, lang).apply(text)
        return normalize(text, lang, self.options.skip_rules)


# longest word and utterance spoken; what is longer on a page is not prose
MAX_WORD = 64
MAX_UTTERANCE = 2000
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD + 1},}}")


def _lang(block_lang: str | None, document: Document) -> str:
    return block_lang or document.lang


def _agency_credit(text: str, document: Document, lang: str) -> str:
    """'es/rc (AP, AFP)' -> 'With material from AP and AFP.'; other bylines as they are."""
    names = list(document.agencies or agency_names(text))
    return phrase(lang, "agencies", agencies=join_names(names, lang)) if names else text


def _page_byline(document: Document) -> bool:
    """Whether the page shows a byline of its own (read where it stands, in its own words)."""
    return any(isinstance(b, Byline) and not agency_names(b.text) for b in document.blocks)


def _date_line(date: str, lang: str) -> str:
    """The spoken date line: "Published …" unless the page's own words already say so.

    >>> _date_line("Veröffentlicht am 3. Mai 2024", "de")
    'Veröffentlicht am 3. Mai 2024'
    >>> _date_line("3 maggio 2024", "it")
    'Pubblicato il 3 maggio 2024'
    """
    frame = phrase(lang, "published", date="").strip()
    if date.lower().startswith(frame.lower()) or date.lower().startswith(frame.split()[0].lower()):
        return date
    return phrase(lang, "published", date=date)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def same_words(a: str, b: str) -> bool:
    """Whether two texts say (nearly) the same: an alt text that repeats its caption.

    >>> same_words("Protesters in Rome, 3 May", "Protesters in Rome on 3 May.")
    True
    >>> same_words("A map of the region", "Smoke over Mosul")
    False
    """
    x, y = _words(a), _words(b)
    return bool(x and y) and (x in y or y in x or difflib.SequenceMatcher(None, x, y).ratio() >= 0.85)


def _figure_pieces(fig: Figure, lang: str) -> list[_Piece]:
    """Kind, caption, alt text (in its own language), credit."""
    intro = phrase(lang, fig.kind if fig.kind in ("photo", "map", "chart", "graphic", "gallery", "video") else "photo")
    caption = drop_instructions(fig.caption)
    alt = fig.alt.strip()
    alt_lang = fig.alt_lang or lang
    caption_lang = fig.caption_lang or lang
    if alt and caption and same_words(alt, caption):
        alt = ""  # the same words twice: say them once
    pieces: list[_Piece] = []
    if caption:
        if caption_lang == lang:
            pieces.append(_Piece("caption", f"{intro}: {caption}", lang))
        else:
            pieces += [_Piece("caption", f"{intro}:", lang, split=False), _Piece("caption", caption, caption_lang)]
    if alt:
        if not pieces and alt_lang == lang:
            pieces.append(_Piece("alt", f"{intro}: {alt}", lang, split=False))
        else:
            if not pieces:
                pieces.append(_Piece("caption", f"{intro}:", lang, split=False))
            pieces.append(_Piece("alt", alt, alt_lang, split=False))
    if fig.credit:
        if not pieces:
            pieces.append(_Piece("caption", f"{intro}:", lang, split=False))
        pieces.append(_Piece("credit", phrase(lang, "image", credit=fig.credit), lang, split=False))
    return pieces


def _block_pieces(block: Block, document: Document, options: NarrateOptions) -> tuple[list[_Piece], str]:
    """The pieces of one block and the kind of pause after it."""
    lang = document.lang
    if isinstance(block, Heading):
        role = "headline" if block.level == 1 else "heading"
        return [_Piece(role, block.text, _lang(block.lang, document), split=False)], "heading"
    if isinstance(block, Paragraph):
        if block.role == "date":
            date = block.text or (format_date(document.published, lang) if document.published else "")
            pieces = [_Piece("date", _date_line(date, lang), lang, split=False)] if date else []
            if document.authors and document.authors != (document.publisher,) and not _page_byline(document):
                pieces.append(_Piece("byline", phrase(lang, "by", names=join_names(list(document.authors), lang)), lang, split=False))
            return pieces, "paragraph"
        role = "lead" if block.role == "lead" else "body"
        if block.spans:
            return [_Piece(role, s.text, s.lang) for s in block.spans], "paragraph"
        return [_Piece(role, block.text, _lang(block.lang, document))], "paragraph"
    if isinstance(block, Figure):
        return _figure_pieces(block, lang), "figure"
    if isinstance(block, ListBlock):
        return [_Piece("list", item if re.search(r"[.!?]$", item) else item + ".", _lang(block.lang, document)) for item in block.items], "paragraph"
    if isinstance(block, Quote):
        return [_Piece("quote", block.text, _lang(block.lang, document))], "paragraph"
    if isinstance(block, Related):
        if options.read_related:
            return [_Piece("related", f"{phrase(lang, 'read_more')} {block.text}", lang, split=False)], "paragraph"
        return [], "paragraph"
    if isinstance(block, Byline):
        return [_Piece("byline", _agency_credit(block.text, document, lang), lang, split=False)], "paragraph"
    return [], "paragraph"


def narrate(document: Document, plans: tuple[ChapterPlan, ...], profile: Profile, options: NarrateOptions = NarrateOptions()) -> Script:
    """The Script of a Document for its chapters (see :func:`heardline.chapters.split_chapters`)."""
    builder = _Builder(document, profile, options)
    pauses = profile.pauses
    chapters: list[Chapter] = []
    skipped_related = 0
    for number, plan in enumerate(plans, 1):
        start = len(builder.segments)
        if not plan.blocks or not isinstance(document.blocks[plan.blocks[0]], Heading):
            # a chapter without a heading of its own ("Main story") is announced by its title,
            # which the book shows as its heading: narration covers all visible text
            builder.add(TITLE_BLOCK, [_Piece("heading", plan.title, document.lang, split=False)], pauses.heading)
        for index in plan.blocks:
            block = document.blocks[index]
            if isinstance(block, Figure) and options.figures == "skip":
                continue
            if isinstance(block, Related) and not options.read_related:
                skipped_related += 1
                continue
            pieces, kind = _block_pieces(block, document, options)
            builder.add(index, pieces, getattr(pauses, kind))
        segments = builder.segments[start:]
        if all(seg.block == TITLE_BLOCK for seg in segments):
            del builder.segments[start:]
            continue
        last = segments[-1]
        builder.segments[-1] = Segment(**{**last.__dict__, "pause": pauses.chapter})
        chapters.append(Chapter(id=f"c{number:02d}", title=plan.title, segments=tuple(builder.segments[start:]), blocks=plan.blocks))
    if skipped_related:
        builder.notes.append(f"{skipped_related} related-article links not read (use --read-related to read them)")
    for i, block in enumerate(document.blocks):
        if isinstance(block, Figure) and not block.alt:
            builder.notes.append(f"block {i}: {block.kind} without alt text" + (f" (caption: {block.caption[:60]!r})" if block.caption else ""))
    return Script(lang=document.lang, chapters=tuple(_renumber(chapters)), notes=tuple(builder.notes))


def _renumber(chapters: list[Chapter]) -> list[Chapter]:
    """Chapter ids c01, c02 … in order, after empty chapters were left out."""
    return [Chapter(id=f"c{i:02d}", title=c.title, segments=c.segments, blocks=c.blocks) for i, c in enumerate(chapters, 1)]
