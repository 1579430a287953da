"""Finding the article container and clearing site chrome out of it.

The container is the smallest candidate (``itemprop=articleBody``, ``<article>``,
``<main>``, ``role=main``, usual CMS body classes, else the best node by
paragraph-text density) that holds nearly all of the page's article text,
widened to take in the headline when that sits just outside it.
"""

from __future__ import annotations

import re
import unicodedata

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, NavigableString, PageElement

from .figures import embed_kind
from .markup import attr, chrome_hints, gone, is_hidden, tags_in, text_of, tokens

_DROP_TAGS = ["script", "style", "template", "iframe", "form", "button", "input", "select", "textarea", "nav", "aside", "svg", "canvas", "object", "embed", "dialog", "menu", "link", "meta", "noscript", "audio", "map", "area", "progress", "meter"]
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar", "toolbar", "tablist"}
_CHROME = re.compile(
    r"(?:^|[\s-]|__)(?:cookies?|consent|gdpr|share|sharing|shares|social|socials|newsletters?|subscribe|subscription|"
    r"promo|promos|advert\w*|ads?|adslot|ad-?container|sponsor\w*|comments?|kommentare|disqus|recommend\w*|"
    r"outbrain|taboola|most-?read|mostread|most-?popular|popular|trending|breadcrumbs?|keywords?|tags|taglist|"
    r"permalink|print|toolbar|sidebar|paywall|login|signup|footer|nav|navigation|navbar|menu|pagination|"
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


# React's streamed rendering: the hidden ``<div id="S:n">`` that its script moves where ``<template id="P:n">`` or "B:n" is
_STREAMED = re.compile(r"^S:(\w+)$")


def reveal_streamed(soup: BeautifulSoup) -> bool:
    """Put the parts of a page that arrive streamed (React's server rendering: hidden
    ``<div id="S:n">``s that an inline script moves to ``<template id="P:n">``, or
    to ``<template id="B:n">`` in place of the loading placeholder after it) where
    a reader sees them. Whether there were any."""
    found = tags_in(soup, ("div", "template"))
    templates = {attr(el, "id"): el for el in found if el.name == "template" and el.has_attr("id")}
    moved = False
    for segment in found if templates else []:
        streamed = _STREAMED.match(attr(segment, "id")) if segment.name == "div" and segment.has_attr("hidden") else None
        target = templates.get(f"P:{streamed.group(1)}") or templates.get(f"B:{streamed.group(1)}") if streamed else None
        if target is None or streamed is None:
            continue
        if attr(target, "id").startswith("B:"):
            for node in _fallback(target):
                node.extract()
        for child in list(segment.contents):
            target.insert_before(child.extract())
        target.decompose()
        segment.decompose()
        moved = True
    return moved


def _fallback(template: Tag) -> list[PageElement]:
    """The loading placeholder after a streamed boundary's template, up to the
    ``<!--/$-->`` that closes it (nothing when none does)."""
    nodes: list[PageElement] = []
    depth = 0
    for node in template.next_siblings:
        if isinstance(node, Comment) and str(node) == "/$":
            if depth == 0:
                return nodes
            depth -= 1
        elif isinstance(node, Comment) and str(node) in ("$", "$?", "$!"):
            depth += 1
        nodes.append(node)
    return []


def remove_invisible(soup: BeautifulSoup) -> bool:
    """Drop what no reader meets anywhere: hidden elements, scripts, styles, comments;
    show the collapsed panels of text a reader opens (:func:`_disclosed`). Whether
    there were any such panels.

    A hidden element that holds most of the page's text is kept: pages that
    reveal their whole body with a script hide it in the markup.
    """
    for el in tags_in(soup, ("script", "style", "template")):
        if not gone(el):
            el.decompose()
    for button in tags_in(soup, ("button",)):
        if not gone(button) and _mid_sentence(button):
            button.unwrap()  # a name that opens a side note is the sentence's, not a control
    total = len(soup.get_text())
    elements = tags_in(soup)
    hidden = [el for el in elements if is_hidden(el)]
    panels = _disclosed(elements, hidden)
    for el in hidden:
        if not gone(el) and len(el.get_text()) < 0.5 * total and id(el) not in panels:
            el.decompose()
    return bool(panels)


# a collapsed panel of at least this many words, under this share of them in links, is text a reader opens
_PANEL_WORDS = 8
_PANEL_LINKS = 0.3


def _disclosed(elements: list[Tag], hidden: list[Tag]) -> set[int]:
    """Ids of the ``hidden`` elements that are collapsed panels of text a control
    among the page's ``elements`` opens (``aria-controls`` naming the panel: FAQ
    answers, accordion sections), not menus or lists of links. A ``<button>`` that
    opens one is the panel's title, kept as text (a question) instead of dropped
    with the page's controls."""
    controls = {name: el for el in elements if el.has_attr("aria-controls") for name in attr(el, "aria-controls").split()}
    panels: set[int] = set()
    for el in hidden if controls else []:
        control = controls.get(attr(el, "id")) if el.has_attr("id") else None
        if control is None or not _prose_panel(el):
            continue
        panels.add(id(el))
        for name in ("hidden", "aria-hidden", "style"):
            el.attrs.pop(name, None)
        if control.name == "button":
            control.name = "div"
    return panels


def _prose_panel(el: Tag) -> bool:
    """Whether ``el`` holds text rather than links: enough words, few of them linked."""
    words = len(text_of(el).split())
    linked = sum(len(text_of(a).split()) for a in tags_in(el, ("a",)))
    return words >= _PANEL_WORDS and linked < _PANEL_LINKS * words


# the longest text of a button read as part of the sentence it stands in
_SENTENCE_BUTTON = 80


def _mid_sentence(el: Tag) -> bool:
    """Whether ``el`` stands in the middle of a paragraph's sentence, words on both sides of it."""
    parent = el.parent
    if not isinstance(parent, Tag) or parent.name not in ("p", "li", "dd", "blockquote", "td"):
        return False
    return 0 < len(text_of(el)) <= _SENTENCE_BUTTON and _has_words(el.previous_sibling) and _has_words(el.next_sibling)


def _has_words(node: PageElement | None) -> bool:
    """Whether a neighbour holds letters: text, or an element with text."""
    if isinstance(node, Tag):
        text = text_of(node)
    elif isinstance(node, NavigableString) and not isinstance(node, Comment):
        text = str(node)
    else:
        return False
    return any(c.isalpha() for c in text)


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


def paragraph_scores(root: Tag) -> dict[int, int]:
    """:func:`_paragraph_score` of every element under ``root`` at once, by ``id()``:
    a paragraph counts for its ancestors up to the first nav/aside/footer/form.
    Computed once per page (after hidden elements and other articles went) and
    shared by :func:`find_container`, :func:`clear_chrome` and :func:`clear_outside`."""
    scores: dict[int, int] = {}
    for p in tags_in(root, ("p", "li", "blockquote", "dd")):
        text = text_of(p)
        if len(text) < 25:
            continue
        inner = tags_in(p, ("p", "a"))
        if any(el.name == "p" for el in inner):
            continue
        link = sum(len(text_of(a)) for a in inner)
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


def _density_best(soup: Tag) -> Tag | None:
    """Readability's idea: credit each paragraph's parent (and half to its grandparent)."""
    scores: dict[int, float] = {}
    nodes: dict[int, Tag] = {}
    for p in tags_in(soup, ("p",)):
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


def find_container(body: Tag, scores: dict[int, int]) -> Tag | None:
    """The element that holds the article, or None when the page has no article
    text; ``scores``: :func:`paragraph_scores` of ``body``."""
    elements = tags_in(body)
    candidates = [el for el in elements if _is_candidate(el)]
    dense = _density_best(body)
    if dense is not None:
        candidates.append(dense)
    scored = [(el, scores.get(id(el), 0)) for el in candidates]
    scored = [(el, s) for el, s in scored if s > 0]
    if not scored:
        return None
    best_score = max(s for _, s in scored)
    # the smallest candidate holding nearly all the text: fewest descendants wins
    holding = [el for el, s in scored if s >= 0.85 * best_score]
    container = min(holding, key=lambda el: len(tags_in(el)))
    return _widen_to_headline(_widen_to_siblings(container, elements, scores), scores)


# blocks of the container's markup elsewhere holding this many times its text: the body is split across them
_SPLIT = 1.5
# the share of their common ancestor's text that they must hold for it to be taken instead
_SPLIT_SHARE = 0.8


def _widen_to_siblings(container: Tag, elements: list[Tag], scores: dict[int, int]) -> Tag:
    """The nearest ancestor holding the container and the other blocks of its markup
    (tag and class, candidates or not: a wrapper per paragraph) when the article is
    split across them, and they are most of that ancestor's text; else the container.
    ``elements``: every element of the page, in order."""
    classes = container.get("class")
    if not classes:
        return container
    same = {id(el): el for el in elements if el.name == container.name and el.get("class") == classes and scores.get(id(el), 0) > 0}
    parts = [el for el in same.values() if not any(id(p) in same for p in el.parents)]
    total = sum(scores.get(id(el), 0) for el in parts)
    if len(parts) < 2 or total < _SPLIT * scores.get(id(container), 0):
        return container
    lines = [{id(p) for p in el.parents} for el in parts if el is not container]
    common = next((p for p in container.parents if all(id(p) in line for line in lines)), None)
    if common is None or common.name in ("body", "html", "[document]") or total < _SPLIT_SHARE * scores.get(id(common), 0):
        return container
    return common


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
    return _chrome_hint(el) is not None


def _chrome_hint(el: Tag) -> re.Match[str] | None:
    """The chrome word in the element's names, unless the name it is in is the
    slug of the element's own text (``id="menu-ideas-for-spring"`` over a section
    headed "Menu ideas for spring")."""
    hints = chrome_hints(el)
    found = _CHROME.search(hints)
    if found is None:
        return None
    slugs = [name for name in hints.split() if _is_slug_of(name, el)]
    if not slugs:
        return found
    return _CHROME.search(" ".join(name for name in hints.split() if name not in slugs))


def _is_slug_of(name: str, el: Tag) -> bool:
    """Whether ``name`` is three or more of the first words of ``el``'s text joined
    by hyphens, accents dropped (the last one perhaps cut short)."""
    parts = name.split("-")
    if len(parts) < 3:
        return False
    plain = unicodedata.normalize("NFKD", text_of(el)[: 20 * len(parts)].lower()).encode("ascii", "ignore").decode()
    words = re.findall(r"\w+", plain)
    return words[: len(parts) - 1] == parts[:-1] and len(words) >= len(parts) and words[len(parts) - 1].startswith(parts[-1])


def clear_chrome(container: Tag, keep: list[Tag], scores: dict[int, int]) -> dict[int, str]:
    """Remove site furniture inside the container (by tag or role); never the
    container, the elements in ``keep`` (inline "read more" links, which a rail
    around them still takes away), nor an element holding most of the article text.

    Elements that only their class or id names as chrome stay in the tree: the
    result maps them (by ``id()``) to the word that matched, and their text is
    left to the vote of the other extractors.
    """
    protected = {id(el) for el in keep} | {id(container)}
    total = scores.get(id(container), 0) or 1
    marked: dict[int, str] = {}
    for el in tags_in(container):
        if gone(el) or el.parent is None:
            continue
        if _is_chrome(el, protected):
            if el.name not in _DROP_TAGS and scores.get(id(el), 0) > 0.5 * total:
                continue
            hint = _chrome_hint(el)
            if any(embed_kind(f) is not None for f in el.find_all("iframe")) and not hint:
                continue
            if hint is not None and el.name not in _DROP_TAGS and attr(el, "role").lower() not in _DROP_ROLES:
                marked[id(el)] = hint.group(0).strip(" _-")
            else:
                el.decompose()
    return marked


def clear_outside(root: Tag, container: Tag | None, scores: dict[int, int]) -> None:
    """Outside the container only what is site furniture by its tag or role goes
    (navigation, forms, footers), unless it wraps most of the page's text (a
    page-wide ``<form>``): the rest is left for the vote on each block."""
    around = {id(el) for el in container.parents} if container is not None else set()
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


_CARD_HEADING = ("h2", "h3", "h4", "h5", "h6")


def _is_card(el: Tag) -> bool:
    """A teaser for another page: a short block with a heading or an image whose
    text is nearly all in links away from the page."""
    text = len(text_of(el))
    if not 0 < text <= 400 or not any(t.name in _CARD_HEADING or t.name == "img" for t in tags_in(el, (*_CARD_HEADING, "img"))):
        return False
    linked = sum(len(text_of(a)) for a in tags_in(el, ("a",)) if not attr(a, "href").startswith("#"))
    return linked >= 0.7 * text


def teaser_cards(container: Tag) -> list[Tag]:
    """Runs of three or more sibling elements of one markup (tag, class and id) that
    are each a teaser card (:func:`_is_card`): related stories, product or app
    cards, "more from" grids inside the article's container."""
    cards: list[Tag] = []
    for parent in [container, *tags_in(container)]:
        groups: dict[tuple[str, str], list[Tag]] = {}
        for child in parent.children:
            if isinstance(child, Tag):
                groups.setdefault((child.name, re.sub(r"\d+", "", tokens(child))), []).append(child)
        for members in groups.values():
            if len(members) >= 3 and all(_is_card(m) for m in members):
                cards.extend(members)
    return cards


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
