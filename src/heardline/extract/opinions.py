"""Second opinions on which text is the article: trafilatura and readability-lxml.

The only module that imports either library. Each opinion is the text a
main-content extractor keeps, reduced to word tokens, so that heardline can ask
of any block of its own: "does this extractor keep these words too?"
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from readability import Document as ReadabilityDocument
from readability.cleaners import Cleaner
from readability.htmls import build_doc
from readability.readability import REGEXES

_WORD = re.compile(r"\w+")
# a block this share of whose word pairs an opinion has is one the opinion keeps
_COVERED = 0.5

for _name in ("trafilatura", "readability", "readability.readability", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def words(text: str) -> list[str]:
    """Lower-case word tokens.

    >>> words("It's 5 o'clock, Dr. Who!")
    ['it', 's', '5', 'o', 'clock', 'dr', 'who']
    """
    return _WORD.findall(text.lower())


@dataclass
class Opinion:
    """The words one extractor keeps, as word pairs and as one spaced string."""

    name: str
    text: str
    pairs: set[tuple[str, str]] = field(default_factory=set)
    lines: set[str] = field(default_factory=set)
    joined: str = ""
    size: int = 0

    def __post_init__(self) -> None:
        toks = words(self.text)
        self.pairs = set(zip(toks, toks[1:]))
        self.lines = {" ".join(words(line)) for line in self.text.splitlines()}
        self.joined = " " + " ".join(toks) + " "
        self.size = len(toks)

    @property
    def empty(self) -> bool:
        return not self.pairs and not any(self.lines)

    def keeps(self, text: str, strict: bool = True) -> bool:
        """Whether this extractor keeps most of ``text``'s word pairs (a text of one
    or two words: as a line of its own, or anywhere when not ``strict``).

        >>> o = Opinion("x", "The river rose. Officials said the bridge would close.")
        >>> o.keeps("officials said the bridge would close"), o.keeps("Share this article")
        (True, False)
        >>> o.keeps("River"), o.keeps("River", strict=False), Opinion("x", "Weather\\nRain today").keeps("Weather")
        (False, True, True)
        """
        toks = words(text)
        if len(toks) < 3:
            if not strict:  # a short text another voter already keeps: anywhere in the text will do
                return bool(toks) and f" {' '.join(toks)} " in self.joined
            return bool(toks) and " ".join(toks) in self.lines  # a short text: only as a line of its own
        pairs = list(zip(toks, toks[1:]))
        return sum(p in self.pairs for p in pairs) >= _COVERED * len(pairs)


def trafilatura_opinion(html: str, url: str, expected: int = 0) -> Opinion:
    """trafilatura's main text (without comments), "" when it finds none: its
    recall-favouring mode, and where that holds fewer than ``expected`` words,
    its default mode too, whichever holds more (each mode misses what the other
    finds on some pages)."""
    text = _trafilatura_text(html, url, favor_recall=True)
    if len(text.split()) < expected:
        plain = _trafilatura_text(html, url, favor_recall=False)
        text = plain if len(plain.split()) > len(text.split()) else text
    return Opinion("trafilatura", text)


def _trafilatura_text(html: str, url: str, favor_recall: bool) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return trafilatura.extract(html, url=url or None, include_comments=False, favor_recall=favor_recall) or ""
        except (ValueError, TypeError, RecursionError):
            return ""


# readability's own cleaner with ``javascript=False``: that option rewrites every
# link and event attribute of the page (a third of readability's time), and the
# text, all heardline asks of readability, is the same without it
_CLEANER = Cleaner(
    scripts=True, javascript=False, comments=True, style=True, links=True, meta=False, add_nofollow=False, page_structure=False,
    processing_instructions=True, embedded=False, frames=False, forms=False, annoying_tags=False, remove_tags=None,
    remove_unknown_tags=False, safe_attrs_only=False,
)


class _TextReadability(ReadabilityDocument):  # type: ignore[misc]
    """readability-lxml asked for text only: its page preparation (``_parse``:
    parse, drop hidden elements, clean) without rewriting links."""

    def _parse(self, input: str) -> lxml.html.HtmlElement:
        doc, self.encoding = build_doc(input)
        for elem in doc.xpath("//*[@hidden]"):
            elem.drop_tree()
        for elem in doc.xpath("//*[@style]"):
            if REGEXES["displayNoneRe"].search(elem.get("style")):
                elem.drop_tree()
        return _CLEANER.clean_html(doc)


def readability_opinion(html: str) -> Opinion:
    """readability-lxml's summary as text, "" when it finds none."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            summary = _TextReadability(html).summary(html_partial=True)
            text = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
        except Exception:  # readability raises its own Unparseable and lxml's errors alike
            text = ""
    return Opinion("readability", str(text))
