"""Finding the article container and clearing site chrome out of it.

The container is the smallest candidate (``itemprop=articleBody``, ``<article>``,
``<main>``, ``role=main``, usual CMS body classes, else the best node by
paragraph-text density) that holds nearly all of the page's article text,
widened to take in the headline when that sits just outside it.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from .figures import embed_kind
from .markup import attr, chrome_hints, is_hidden, text_of, tokens

_DROP_TAGS = ["script", "style", "template", "iframe", "form", "button", "input", "select", "textarea", "nav", "aside", "svg", "canvas", "object", "embed", "dialog", "menu", "link", "meta", "noscript", "audio", "map", "area"]
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar", "toolbar", "tablist"}
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|share|sharing|shares|social|socials|newsletters?|subscribe|subscription|"
    r"promo|promos|advert\w*|ads?|adslot|ad-?container|sponsor\w*|comments?|kommentare|disqus|recommend\w*|"
    r"outbrain|taboola|most-?read|mostread|most-?popular|popular|trending|breadcrumbs?|keywords?|tags|taglist|"
    r"permalink|print|toolbar|sidebar|widget|paywall|login|signup|footer|nav|navigation|navbar|menu|pagination|"
    r"author-?bio|author-?profile\w*|biography|author-?info|about-?the-?author|(?:bottom|end)-of-article|related\w*|teaser-?list|recirc\w*|more-?stories|read-?next|skip-?links?|visually-?hidden-?focusable|jump-?links?|"
    r"meta-?bar|article-?tools|tools|newsletter-?signup|video-?playlist|embed-?placeholder|advertisement|"
    r"consent-?type|third-?party-?consent|related-?articles|recommendation|linklist|link-?list)(?:$|[\s_-])",
    re.I,
)
_BODY_CLASS = re.compile(
    r"article[-_]?body|articlebody|article__body|story[-_]?body|entry[-_]content|post[-_]content|article[-_]content|"
    r"story[-_]content|content[-_]body|body[-_]text|article[-_]text|longtext|rich[-_]?text|storywrapper|"
    r"mw-parser-output|article-main|main-content|page-content",
    re.I,
)


def remove_invisible(soup: BeautifulSoup) -> None:
    """Drop what no reader meets anywhere: hidden elements, scripts, styles, comments."""
    for el in soup.find_all(["script", "style", "template"]):
        el.decompose()
    for el in soup.find_all(is_hidden):
        el.decompose()


def _paragraph_score(el: Tag) -> int:
    """Characters of non-link paragraph text in ``el``."""
    total = 0
    for p in el.find_all(["p", "li", "blockquote", "dd"]) if el.name not in ("p",) else [el]:
        if p.find_parent(["nav", "aside", "footer", "form"]) is not None:
            continue
        text = text_of(p)
        if len(text) < 25 or p.find(["p"]) is not None:
            continue
        link = sum(len(text_of(a)) for a in p.find_all("a"))
        total += max(0, len(text) - 2 * link)
    return total


def _density_best(soup: BeautifulSoup) -> Tag | None:
    """Readability's idea: credit each paragraph's parent (and half to its grandparent)."""
    scores: dict[int, float] = {}
    nodes: dict[int, Tag] = {}
    for p in soup.find_all("p"):
        text = text_of(p)
        if len(text) < 25:
            continue
        score = 1 + text.count(",") + min(len(text) // 100, 3)
        for weight, parent in zip((1.0, 0.5), p.parents):
            if not isinstance(parent, Tag) or parent.name in ("html", "[document]"):
                break
            scores[id(parent)] = scores.get(id(parent), 0.0) + score * weight
            nodes[id(parent)] = parent
    if not scores:
        return None
    return nodes[max(scores, key=scores.__getitem__)]


def _is_candidate(el: Tag) -> bool:
    if el.name in ("article", "main"):
        return True
    if attr(el, "role").lower() == "main" or attr(el, "itemprop").lower() == "articlebody":
        return True
    return bool(_BODY_CLASS.search(tokens(el)))


def find_container(soup: BeautifulSoup) -> Tag | None:
    """The element that holds the article, or None when the page has no article text."""
    body = soup.find("body") or soup
    candidates = [el for el in body.find_all(_is_candidate)]
    dense = _density_best(soup)
    if dense is not None:
        candidates.append(dense)
    scored = [(el, _paragraph_score(el)) for el in candidates]
    scored = [(el, s) for el, s in scored if s > 0]
    if not scored:
        return None
    best_score = max(s for _, s in scored)
    # the smallest candidate holding nearly all the text: fewest descendants wins
    holding = [el for el, s in scored if s >= 0.85 * best_score]
    container = min(holding, key=lambda el: len(el.find_all(True)))
    return _widen_to_headline(container)


def _widen_to_headline(container: Tag) -> Tag:
    """Take in the ``<h1>`` (and its lead) when it sits just outside the container."""
    if container.find("h1") is not None:
        return container
    inner = _paragraph_score(container)
    for parent in list(container.parents)[:4]:
        if not isinstance(parent, Tag) or parent.name in ("body", "html", "[document]"):
            break
        if parent.find("h1") is not None:
            extra = _paragraph_score(parent) - inner
            return parent if extra <= max(400, 0.3 * inner) else container
    return container


def _is_chrome(el: Tag, protected: set[int]) -> bool:
    if id(el) in protected:
        return False
    if el.name == "iframe" and embed_kind(el) is not None:
        return False  # a chart, map or video that is part of the story
    if el.name in _DROP_TAGS:
        return True
    if el.name in ("header", "footer") and el.find("h1") is None:
        return el.name == "footer" or bool(el.find("nav"))
    if attr(el, "role").lower() in _DROP_ROLES:
        return True
    return bool(_CHROME.search(chrome_hints(el)))


def clear_chrome(container: Tag, keep: list[Tag]) -> None:
    """Remove site chrome inside the container; never the container, the elements in
    ``keep`` (inline "read more" links, which a rail around them still takes away),
    nor an element holding most of the article text."""
    protected = {id(el) for el in keep} | {id(container)}
    total = _paragraph_score(container) or 1
    for el in list(container.find_all(True)):
        if el.decomposed or el.parent is None:
            continue
        if _is_chrome(el, protected):
            if el.name not in _DROP_TAGS and _paragraph_score(el) > 0.5 * total:
                continue
            if any(embed_kind(f) is not None for f in el.find_all("iframe")) and not _CHROME.search(chrome_hints(el)):
                continue
            el.decompose()
