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
    r"(?:^|[\s-]|__)(?:cookies?|consent|gdpr|share|sharing|shares|social|socials|newsletters?|subscribe|subscription|"
    r"promo|promos|advert\w*|ads?|adslot|ad-?container|sponsor\w*|comments?|kommentare|disqus|recommend\w*|"
    r"outbrain|taboola|most-?read|mostread|most-?popular|popular|trending|breadcrumbs?|keywords?|tags|taglist|"
    r"permalink|print|toolbar|sidebar|widget|paywall|login|signup|footer|nav|navigation|navbar|menu|pagination|"
    r"author-?bio|author-?profile\w*|biography|author-?info|about-?the-?author|(?:bottom|end)-of-article|related\w*|teaser-?list|recirc\w*|more-?stories|read-?next|skip-?links?|visually-?hidden-?focusable|jump-?links?|"
    r"meta-?bar|article-?tools|tools|newsletter-?signup|video-?playlist|embed-?placeholder|advertisement|"
    r"consent-?type|third-?party-?consent|related-?articles|recommendation|linklist|link-?list|toc|table-of-contents|infobox|navbox|catlinks|reflist|references|footnotes)(?=$|[\s-]|__)",
    re.I,
)
_BODY_CLASS = re.compile(
    r"article[-_]?body|articlebody|article__body|story[-_]?body|entry[-_]content|post[-_]content|article[-_]content|"
    r"story[-_]content|content[-_]body|body[-_]text|article[-_]text|longtext|rich[-_]?text|storywrapper|"
    r"mw-parser-output|article-main|main-content|page-content",
    re.I,
)


def remove_invisible(soup: BeautifulSoup) -> None:
    """Drop what no reader meets anywhere: hidden elements, scripts, styles, comments.

    A hidden element that holds most of the page's text is kept: pages that
    reveal their whole body with a script hide it in the markup.
    """
    for el in soup.find_all(["script", "style", "template"]):
        el.decompose()
    total = len(soup.get_text())
    for el in soup.find_all(is_hidden):
        if not el.decomposed and len(el.get_text()) < 0.5 * total:
            el.decompose()


def gather_body(soup: BeautifulSoup) -> Tag | BeautifulSoup:
    """The ``<body>``, with any content the parser left after it (markup past a
    premature ``</body>``) moved back in at its end."""
    body = soup.find("body")
    if not isinstance(body, Tag):
        return soup
    for html in [soup, *soup.find_all("html", recursive=False)]:
        for el in list(html.children):
            if isinstance(el, Tag) and el.name not in ("head", "body", "html"):
                body.append(el.extract())
    return body


def _paragraph_score(el: Tag) -> int:
    """Characters of non-link paragraph text in ``el``."""
    total = 0
    for p in el.find_all(["p", "li", "blockquote", "dd"]) if el.name not in ("p",) else [el]:
        if _in_furniture(p, el):
            continue
        text = text_of(p)
        if len(text) < 25 or p.find(["p"]) is not None:
            continue
        link = sum(len(text_of(a)) for a in p.find_all("a"))
        total += max(0, len(text) - 2 * link)
    return total


def _paragraph_scores(root: Tag) -> dict[int, int]:
    """:func:`_paragraph_score` of every element under ``root`` at once, by ``id()``:
    a paragraph counts for its ancestors up to the first nav/aside/footer/form."""
    scores: dict[int, int] = {}
    for p in root.find_all(["p", "li", "blockquote", "dd"]):
        text = text_of(p)
        if len(text) < 25 or p.find("p") is not None:
            continue
        link = sum(len(text_of(a)) for a in p.find_all("a"))
        score = max(0, len(text) - 2 * link)
        scores[id(p)] = scores.get(id(p), 0) + score
        for parent in p.parents:
            scores[id(parent)] = scores.get(id(parent), 0) + score
            if parent is root or parent.name in _FURNITURE:
                break
    return scores


_FURNITURE = ("nav", "aside", "footer", "form")


def _in_furniture(p: Tag, within: Tag) -> bool:
    """Whether ``p`` sits in a nav/aside/footer/form inside ``within`` (an unclosed
    ``<nav>`` that swallowed the page above ``within`` does not count)."""
    for parent in p.parents:
        if parent is within or not isinstance(parent, Tag):
            return False
        if parent.name in _FURNITURE:
            return True
    return False


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
    scores = _paragraph_scores(body)
    scored = [(el, scores.get(id(el), 0)) for el in candidates]
    scored = [(el, s) for el, s in scored if s > 0]
    if not scored:
        return None
    best_score = max(s for _, s in scored)
    # the smallest candidate holding nearly all the text: fewest descendants wins
    holding = [el for el, s in scored if s >= 0.85 * best_score]
    container = min(holding, key=lambda el: len(el.find_all(True)))
    return _widen_to_headline(container, scores)


def _widen_to_headline(container: Tag, scores: dict[int, int]) -> Tag:
    """Take in the ``<h1>`` (and its lead) when it sits just outside the container."""
    if container.find("h1") is not None:
        return container
    inner = scores.get(id(container), 0)
    for parent in list(container.parents)[:4]:
        if not isinstance(parent, Tag) or parent.name in ("body", "html", "[document]"):
            break
        if parent.find("h1") is not None:
            extra = scores.get(id(parent), 0) - inner
            return parent if extra <= max(400, 0.3 * inner) else container
    return container


def _is_chrome(el: Tag, protected: set[int]) -> bool:
    if id(el) in protected or el.name == "figure":
        return False  # a <figure> is content whatever its class says
    if el.name == "iframe" and embed_kind(el) is not None:
        return False  # a chart, map or video that is part of the story
    if el.name in _DROP_TAGS:
        return True
    if el.name in ("header", "footer") and el.find("h1") is None:
        return el.name == "footer" or bool(el.find("nav"))
    if attr(el, "role").lower() in _DROP_ROLES:
        return True
    return bool(_CHROME.search(chrome_hints(el)))


def clear_chrome(container: Tag, keep: list[Tag]) -> dict[int, str]:
    """Remove site furniture inside the container (by tag or role); never the
    container, the elements in ``keep`` (inline "read more" links, which a rail
    around them still takes away), nor an element holding most of the article text.

    Elements that only their class or id names as chrome stay in the tree: the
    result maps them (by ``id()``) to the word that matched, and their text is
    left to the vote of the other extractors.
    """
    protected = {id(el) for el in keep} | {id(container)}
    scores = _paragraph_scores(container)
    total = scores.get(id(container), 0) or 1
    marked: dict[int, str] = {}
    for el in list(container.find_all(True)):
        if el.decomposed or el.parent is None:
            continue
        if _is_chrome(el, protected):
            if el.name not in _DROP_TAGS and scores.get(id(el), 0) > 0.5 * total:
                continue
            hint = _CHROME.search(chrome_hints(el))
            if any(embed_kind(f) is not None for f in el.find_all("iframe")) and not hint:
                continue
            if hint is not None and el.name not in _DROP_TAGS and attr(el, "role").lower() not in _DROP_ROLES:
                marked[id(el)] = hint.group(0).strip(" _-")
            else:
                el.decompose()
    return marked


def clear_outside(root: Tag, container: Tag | None) -> None:
    """Outside the container only what is site furniture by its tag or role goes
    (navigation, forms, footers), unless it wraps most of the page's text (a
    page-wide ``<form>``): the rest is left for the vote on each block."""
    around = {id(el) for el in container.parents} if container is not None else set()
    scores = _paragraph_scores(root)
    total = scores.get(id(root), 0) or 1
    stack = [root]
    while stack:
        for child in list(stack.pop().children):
            if not isinstance(child, Tag) or child is container:
                continue
            if id(child) not in around and _is_furniture(child) and scores.get(id(child), 0) < 0.5 * total:
                child.decompose()
            else:
                stack.append(child)


def _is_furniture(el: Tag) -> bool:
    if el.name == "iframe" and embed_kind(el) is not None:
        return False
    return el.name in _DROP_TAGS or el.name == "footer" or attr(el, "role").lower() in _DROP_ROLES


def _heading_words(el: Tag) -> set[str]:
    heading = el.find(["h1", "h2"])
    return set(re.findall(r"\w+", text_of(heading).lower())) if heading is not None else set()


def _is_whole_article(el: Tag) -> bool:
    """An ``<article>`` with a headline of its own (an ``<h1>``, or a heading that
    links to the article's address) and several paragraphs: not a part of one."""
    heading = el.find(["h1", "h2"])
    if heading is None or (heading.name != "h1" and heading.find("a", href=True) is None):
        return False
    return _paragraph_score(el) >= 300


def other_articles(soup: BeautifulSoup, headline: str, url: str) -> list[Tag]:
    """Whole other articles stacked on the page (archives, infinite scroll): every
    ``<article>`` with its own heading and text, except the one the page is about,
    the one whose heading is the page's headline or that links to the page's own URL.
    Empty when the page has fewer than two such articles or none is the page's."""
    articles = [el for el in soup.find_all("article") if el.find_parent("article") is None and _is_whole_article(el)]
    if len(articles) < 2:
        return []
    wanted = set(re.findall(r"\w+", headline.lower()))
    path = re.sub(r"^https?://[^/]+|[?#].*$", "", url).rstrip("/")

    def fit(el: Tag) -> float:
        words = _heading_words(el)
        overlap = len(words & wanted) / max(len(wanted | words), 1)
        linked = bool(path) and any(path and attr(a, "href").split("#")[0].rstrip("/").endswith(path) for a in el.find_all("a", href=True, limit=20))
        has_h1 = el.find("h1") is not None
        return overlap + (0.5 if linked else 0.0) + (0.1 if has_h1 else 0.0)

    ranked = sorted(articles, key=fit, reverse=True)
    if fit(ranked[0]) < 0.5:
        return []
    return ranked[1:]
