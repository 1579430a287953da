"""Skip links: the in-page "skip to …" links at the top of a page, with their targets,
a role, and the link lists found at navigation targets (kept for the EPUB appendix)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from ..model import Link, SkipLink
from .markup import absolute, attr, text_of

# wording of skip links in English, German, French, Spanish, Portuguese, Italian, Dutch
_SKIP = re.compile(
    r"^\s*(skip|jump|go)\b|\bskip\s+to\b|"
    r"^\s*(zum|zur|zu den)\s|springen\b|überspring|direkt\s+zu|"
    r"^\s*(aller|passer|accéder|sauter)\s+(au|à|aux|directement)\b|"
    r"^\s*(saltar|ir|pular|saltare|vai|salta)\s+(a|al|à|ao|para|para o|al|alla)\b|"
    r"^\s*(ga|spring)\s+naar\b",
    re.I,
)
_NAVIGATION = re.compile(r"\b(menu|menü|menú|hauptmenü|nav|navigation|navigación|navegação|navigazione|site index)", re.I)
_SEARCH = re.compile(r"\b(search|suche|recherche|rechercher|búsqueda|buscar|busca|pesquisa|ricerca|zoeken)", re.I)
_CONTENT = re.compile(
    r"\b(content|inhalt|inhalten|contenu|contenido|conteúdo|conteudo|contenuto|inhoud|article|artikel|main|haupt|"
    r"principal|story|text|texte)",
    re.I,
)
_MAX_LINKS_BEFORE = 40


def _same_page(href: str, page_url: str) -> str | None:
    """The fragment of an in-page link, or None for a link elsewhere."""
    if "#" not in href:
        return None
    base, fragment = href.split("#", 1)
    if not fragment or fragment.startswith("!"):
        return None
    if base and page_url:
        a, b = urlsplit(absolute(base, page_url)), urlsplit(page_url)
        if (a.netloc, a.path.rstrip("/")) != (b.netloc, b.path.rstrip("/")):
            return None
    elif base:
        return None
    return fragment


def _role(text: str, target: Tag | None) -> str:
    if _NAVIGATION.search(text):
        return "navigation"
    if _SEARCH.search(text):
        return "search"
    if _CONTENT.search(text):
        return "content"
    if target is not None:
        role = attr(target, "role").lower()
        if target.name == "main" or role == "main":
            return "content"
        if role == "search" or target.name == "form":
            return "search"
    return "other"


def _target(soup: BeautifulSoup, fragment: str) -> Tag | None:
    el = soup.find(id=fragment)
    if el is None:
        el = soup.find(None, {"name": fragment})
    return el if isinstance(el, Tag) else None


def _links_at(target: Tag, page_url: str) -> tuple[Link, ...]:
    links = []
    for a in target.find_all("a", href=True):
        text = text_of(a) or attr(a, "title") or attr(a, "aria-label")
        href = attr(a, "href")
        if text and href and not href.lower().startswith(("javascript:", "data:")):
            links.append(Link(text=text, href=absolute(href, page_url)))
    return tuple(links)


def extract_skip_links(soup: BeautifulSoup, page_url: str, content_start: Tag | None) -> tuple[SkipLink, ...]:
    """The skip links that come before ``content_start`` (the article), in page order.

    Only links near the top count: those before the article and among the
    first links of the page, so that "skip the gallery" links inside the text
    are left to the text.
    """
    found: list[SkipLink] = []
    seen: set[tuple[str, str]] = set()
    order = {id(el): i for i, el in enumerate(soup.find_all(True))}
    limit = len(order)
    if content_start is not None:
        # skip links may sit at the very top of the article's container, before its first paragraph
        first_text = content_start.find("p")
        limit = order.get(id(first_text if first_text is not None else content_start), limit)
    anchors = soup.find_all("a", href=True)
    for index, a in enumerate(anchors):
        if order[id(a)] >= limit:
            break
        if index >= _MAX_LINKS_BEFORE and found:
            break
        fragment = _same_page(attr(a, "href"), page_url)
        text = text_of(a) or attr(a, "aria-label")
        if fragment is None or not text or len(text) > 80 or not _SKIP.search(text):
            continue
        if (text, fragment) in seen:
            continue
        seen.add((text, fragment))
        target = _target(soup, fragment)
        role = _role(text, target)
        links = _links_at(target, page_url) if target is not None and role in ("navigation", "other") else ()
        found.append(SkipLink(text=text, target=fragment, role=role, links=links))
    return tuple(found)

