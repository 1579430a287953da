"""RSS and Atom feeds as lists of articles: each entry's link, what the entry says of it
(to tell a new or edited entry from one already seen), and the entry's own article
when the feed carries it in full. feedparser is used here and nowhere else."""

from __future__ import annotations

import html
from dataclasses import dataclass

import feedparser

from ..atomic import fingerprint
from ..errors import SourceError
from ..read import Page

__all__ = ["FeedEntry", "read_feed", "entry_page"]


@dataclass(frozen=True)
class FeedEntry:
    # the article's address, absolute
    link: str
    title: str
    # a digest of the entry (id, link, title, dates, text): changes when the entry is edited
    listing_hash: str
    # the full article when the feed carries one (content:encoded, atom:content), else ""
    content: str = ""
    lang: str = ""


def read_feed(data: bytes, url: str) -> list[FeedEntry]:
    """The entries of an RSS or Atom document fetched from ``url``, in the feed's order;
    a :class:`SourceError` when it is neither."""
    parsed = feedparser.parse(data, response_headers={"content-location": url, "content-type": "application/xml"})
    if not parsed.get("version"):
        raise SourceError(url, "is not an RSS or Atom feed")
    lang = str(parsed.feed.get("language", "") or "")
    entries = []
    for entry in parsed.entries:
        link = str(entry.get("link", "") or "")
        if not link.startswith(("http://", "https://")):
            continue
        contents = entry.get("content") or []
        content = "".join(str(c.get("value", "")) for c in contents if "html" in str(c.get("type", "html")))
        title = str(entry.get("title", "") or "")
        digest = fingerprint(entry.get("id", link), link, title, entry.get("updated", ""), entry.get("published", ""), content, entry.get("summary", ""))
        entries.append(FeedEntry(link, title, digest, content, lang))
    return entries


def entry_page(entry: FeedEntry) -> Page:
    """The entry's own article as a page, for when its link cannot be read.

    >>> page = entry_page(FeedEntry("https://x.org/a", "A & B", "h", "<p>Text.</p>", "en"))
    >>> "<h1>A &amp; B</h1>" in page.html and page.url
    'https://x.org/a'
    """
    lang = f' lang="{html.escape(entry.lang)}"' if entry.lang else ""
    title = html.escape(entry.title)
    document = (
        f'<!DOCTYPE html><html{lang}><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="canonical" href="{html.escape(entry.link)}"></head>'
        f"<body><article><h1>{title}</h1>{entry.content}</article></body></html>"
    )
    return Page(document, entry.link, entry.link)
