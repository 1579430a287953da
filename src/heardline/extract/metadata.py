"""Article metadata from JSON-LD (NewsArticle and kin), OpenGraph, ``<meta>``,
``<link rel=canonical>`` and ``<time>``, first source that has a value wins."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from bs4 import BeautifulSoup, Tag

from .language import normalize_tag
from .markup import absolute, attr, clean_text, text_of

ARTICLE_TYPES = frozenset(
    ["Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "SatiricalArticle", "ScholarlyArticle", "TechArticle", "BlogPosting", "LiveBlogPosting", "Report"]
)


@dataclass
class Metadata:
    headline: str = ""
    title: str = ""
    description: str = ""
    published: datetime | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str = ""
    url: str = ""
    lang: str | None = None
    site_name: str = ""


def _walk_jsonld(value: Any) -> Iterator[dict[str, Any]]:
    """The objects of a JSON-LD value and its ``@graph``s, in document order, without recursion."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            if "@graph" in item:
                stack.append(item["@graph"])


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type", ())
    names = [t] if isinstance(t, str) else list(t) if isinstance(t, list) else []
    return {str(n).rsplit("/", 1)[-1] for n in names}


def _jsonld_article(soup: BeautifulSoup) -> dict[str, Any]:
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        raw = (script.string or script.get_text() or "").strip()
        raw = re.sub(r"^\s*(<!--|//\s*<!\[CDATA\[)|(-->|//\s*\]\]>)\s*$", "", raw)
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):  # broken, or nested deeper than the parser goes
            continue
        for obj in _walk_jsonld(data):
            if _types(obj) & ARTICLE_TYPES:
                return obj
    return {}


def _names(value: Any) -> list[str]:
    """Names of persons/organisations in a JSON-LD ``author`` value."""
    if isinstance(value, str):
        return [clean_text(value)] if value.strip() and not value.startswith("http") else []
    if isinstance(value, dict):
        name = value.get("name")
        return _names(name) if name else []
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url") or value.get("name") or ""
    return clean_text(str(value)) if value else ""


def parse_datetime(text: str) -> datetime | None:
    """A page's date in any of the usual forms, or None.

    >>> parse_datetime("2017-05-28T17:41:00.000Z")
    datetime.datetime(2017, 5, 28, 17, 41, tzinfo=datetime.timezone.utc)
    >>> parse_datetime("2019-02-21T18:06:37+0100").isoformat()
    '2019-02-21T18:06:37+01:00'
    >>> parse_datetime("Tue, 04 Oct 2022 14:11:25 GMT").year
    2022
    >>> parse_datetime("yesterday") is None
    True
    >>> parse_datetime("0001-01-01T00:00:00+05:00") is None
    True
    """
    text = text.strip()
    if not text:
        return None
    iso = re.sub(r"Z$", "+00:00", text)
    iso = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", iso)
    iso = re.sub(r"(\.\d{1,6})\d*", r"\1", iso)
    iso = re.sub(r"^(\d{4}-\d\d-\d\d) (\d)", r"\1T\2", iso)
    try:
        value = datetime.fromisoformat(iso)
    except ValueError:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    try:
        value.astimezone(timezone.utc)
    except (OverflowError, ValueError):  # year 1 with a time zone east of UTC: no such instant
        return None
    if value.tzinfo is not None and value.utcoffset() == timezone.utc.utcoffset(None):
        value = value.replace(tzinfo=timezone.utc)
    if value.microsecond:
        value = value.replace(microsecond=0)
    return value


def _meta_index(soup: BeautifulSoup) -> dict[tuple[str, str], str]:
    """Every ``<meta>`` with content, by (attribute, lower-case key), read in one pass."""
    index: dict[tuple[str, str], str] = {}
    for el in soup.find_all("meta"):
        content = attr(el, "content")
        if not content:
            continue
        for kind in ("property", "name", "itemprop"):
            key = attr(el, kind)
            if key:
                index.setdefault((kind, key), content)
    return index


def _meta(index: dict[tuple[str, str], str], *keys: str) -> str:
    for key in keys:
        for kind in ("property", "name", "itemprop"):
            if (kind, key) in index:
                return index[(kind, key)]
    return ""


def _strip_site_suffix(title: str) -> str:
    """'Headline | News | DW | 28.05.2017' -> 'Headline'.

    >>> _strip_site_suffix("Headline text here | News | DW | 28.05.2017")
    'Headline text here'
    """
    parts = re.split(r"\s+[|–—-]\s+", title)
    return parts[0] if len(parts) > 1 and len(parts[0]) >= 15 else title


def extract_metadata(soup: BeautifulSoup) -> Metadata:
    ld = _jsonld_article(soup)
    metas = _meta_index(soup)
    meta = Metadata()
    meta.site_name = _meta(metas, "og:site_name", "application-name")
    title_el = soup.find("title")
    meta.title = text_of(title_el) if isinstance(title_el, Tag) else ""
    meta.headline = _text(ld.get("headline") or ld.get("name")) or _strip_site_suffix(_meta(metas, "og:title", "twitter:title") or meta.title)
    meta.description = _text(ld.get("description")) or _meta(metas, "og:description", "description", "twitter:description")
    published = _text(ld.get("datePublished") or ld.get("dateCreated")) or _meta(
        metas,
        "article:published_time",
        "datePublished",
        "date",
        "dc.date",
        "DC.date.issued",
        "parsely-pub-date",
        "sailthru.date",
        "pubdate",
        "publish-date",
        "og:article:published_time",
    )
    meta.published = parse_datetime(published) if published else None
    if meta.published is None:
        for time_el in soup.find_all("time"):
            value = parse_datetime(attr(time_el, "datetime"))
            if value:
                meta.published = value
                break
    meta.authors = _names(ld.get("author"))
    if not meta.authors:
        author = _meta(metas, "author", "article:author", "dc.creator", "byl")
        if author and not author.startswith("http"):
            meta.authors = [re.sub(r"^(by|von|par|por)\s+", "", author, flags=re.I)]
    meta.publisher = _names(ld.get("publisher"))[0] if _names(ld.get("publisher")) else meta.site_name
    canonical = soup.find("link", rel=lambda v: v and "canonical" in (v if isinstance(v, list) else [v]))
    meta.url = (
        (attr(canonical, "href") if isinstance(canonical, Tag) else "")
        or _meta(metas, "og:url")
        or _text(ld.get("url") or ld.get("mainEntityOfPage"))
    )
    html = soup.find("html")
    lang = None
    if isinstance(html, Tag):
        lang = normalize_tag(attr(html, "lang") or attr(html, "xml:lang"))
    equiv = soup.find("meta", attrs={"http-equiv": re.compile("content-language", re.I)})
    meta.lang = (
        lang
        or (normalize_tag(attr(equiv, "content").split(",")[0]) if isinstance(equiv, Tag) else None)
        or normalize_tag(_text(ld.get("inLanguage")))
        or normalize_tag(_meta(metas, "og:locale"))
    )
    return meta


_NEXT_PAGE = re.compile(
    r"^\W*(?:next page|continue(?:d)? (?:reading )?on (?:the )?next page|continued on page \d+|read page \d+|"
    r"nächste seite|weiter auf seite \d+|weiterlesen auf seite \d+|page suivante|suite page \d+|página siguiente|pagina successiva)\W*$",
    re.I,
)


# the address of a numbered page of the same article: ?page=2, /2/, -page-2
_PAGE_NUMBER = re.compile(r"[?&](?:page|p|pg|seite|pagina)=\d+|/(?:page/)?\d{1,2}/?$|[-_]page[-_]?\d+", re.I)


def next_page(soup: BeautifulSoup, within: Tag | None, base: str) -> str:
    """The address of the article's next page when it continues on another page:
    a numbered ``rel=next`` in the head, else a "next page" link in the article.

    >>> next_page(BeautifulSoup('<link rel="next" href="/story?page=2"><p>x</p>', "lxml"), None, "https://a.example/story")
    'https://a.example/story?page=2'
    >>> next_page(BeautifulSoup('<link rel="next" href="/another-story"><p>x</p>', "lxml"), None, "")
    ''
    """
    link = soup.find("link", rel=lambda v: v and "next" in (v if isinstance(v, list) else [v]))
    if isinstance(link, Tag) and _PAGE_NUMBER.search(attr(link, "href")):
        return absolute(attr(link, "href"), base)
    for a in (within or soup).find_all("a", href=True):
        if _NEXT_PAGE.match(text_of(a)):
            return absolute(attr(a, "href"), base)
    return ""
