"""Small helpers over the parsed page shared by the extract modules: text with
collapsed whitespace, class/id tokens, the language in force on an element."""

from __future__ import annotations

import re
from collections.abc import Collection
from urllib.parse import urljoin

from bs4 import Tag
from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

from .language import normalize_tag

_SPACE = re.compile(r"\s+")
_CAMEL = re.compile(r"([a-z])([A-Z])")
# characters that XML 1.0 forbids, and invisible format characters
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff\u200b\u2060\ufeff\u00ad]")
_SKIP_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)

BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "details", "dialog", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "picture", "video", "audio", "iframe"]
)


def clean_text(text: str) -> str:
    """Whitespace collapsed, forbidden characters dropped.

    >>> clean_text("  a\\u00a0 b\\n\\tc\\u200b ")
    'a b c'
    """
    return _SPACE.sub(" ", _FORBIDDEN.sub("", text)).strip()


def apart(left: str, right: str) -> str:
    """What goes between the texts of two elements: a space where they meet as a
    lower-case letter and a capital, two words that styling sets apart (a name, a
    title and a label each in a ``<span>`` shown as a line of its own), else nothing.

    >>> apart("Ghold", "Bludgeoning"), apart("vinyl", "s"), apart("BBC ", "News")
    (' ', '', '')
    """
    return " " if left[-1:].islower() and right[:1].isupper() else ""


def text_of(el: Tag | NavigableString) -> str:
    """The visible text of an element, inline parts joined (see :func:`apart`), ``<br>`` as a space.

    >>> from bs4 import BeautifulSoup
    >>> text_of(BeautifulSoup("<h2><a>Ghold</a><em>Bludgeoning Simulations</em> vinyl<b>s</b></h2>", "html.parser").h2)
    'Ghold Bludgeoning Simulations vinyls'
    """
    if isinstance(el, NavigableString):
        return "" if isinstance(el, _SKIP_STRINGS) else clean_text(str(el))
    parts: list[str] = []
    for node in el.descendants:
        if isinstance(node, NavigableString):
            if not isinstance(node, _SKIP_STRINGS):
                parts.append(apart(parts[-1] if parts else "", str(node)) + str(node))
        elif isinstance(node, Tag) and (node.name == "br" or node.name in BLOCK_TAGS):
            parts.append(" ")
    return clean_text("".join(parts))


def tokens(el: Tag) -> str:
    """The element's class and id as one lower-case string to match words in,
    camelCase split with hyphens (``socialShare`` -> ``social-share``).

    Tags such as ``<aside>`` that lost attributes still give ``""``.
    """
    found = el.get("class")
    classes: list[str] = [found] if isinstance(found, str) else list(found or [])
    raw = " ".join([*classes, str(el.get("id") or "")])
    return _CAMEL.sub(r"\1-\2", raw).lower()


def chrome_hints(el: Tag) -> str:
    """Words that say what an element is for: class, id, role, aria-label, and the
    short identifier values of its ``data-*`` attributes (not their names: a
    ``data-share-url`` on a photo does not make it a share button)."""
    parts = [tokens(el), attr(el, "role"), attr(el, "aria-label")]
    for name, value in (el.attrs or {}).items():
        if name.startswith("data-") and isinstance(value, str) and len(value) < 80 and "/" not in value:
            parts.extend(re.findall(r"[A-Za-z][\w-]*", value))
    return _CAMEL.sub(r"\1-\2", " ".join(parts)).lower()


def attr(el: Tag, name: str) -> str:
    value = el.get(name)
    if not value:
        return ""
    if isinstance(value, list):
        value = " ".join(value)
    return clean_text(value or "")


def lang_of(el: Tag | None, default: str | None = None) -> str | None:
    """The language in force on ``el``: the nearest ``lang``/``xml:lang`` up the tree."""
    while el is not None and isinstance(el, Tag):
        for name in ("xml:lang", "lang"):
            tag = normalize_tag(attr(el, name)) if el.has_attr(name) else None
            if tag:
                return tag
        el = el.parent
    return default


def absolute(href: str, base: str) -> str:
    href = href.strip()
    if not base or not href:
        return href
    try:
        return urljoin(base, href)
    except ValueError:
        return href


def tags_in(el: Tag, names: Collection[str] = ()) -> list[Tag]:
    """The elements under ``el`` in document order, only those named in ``names``
    when given: ``find_all`` without bs4's per-element filter machinery (several
    times faster on a whole page).

    >>> from bs4 import BeautifulSoup
    >>> [t.name for t in tags_in(BeautifulSoup("<div><p>a<b>b</b></p><i>c</i></div>", "html.parser"), ("p", "i"))]
    ['p', 'i']
    """
    if names:
        return [node for node in el.descendants if isinstance(node, Tag) and node.name in names]
    return [node for node in el.descendants if isinstance(node, Tag)]


def gone(el: Tag) -> bool:
    """Whether ``el`` was decomposed. bs4's ``Tag.decomposed`` reads a flag that
    only decomposed elements have: on any other element the lookup falls back to
    ``Tag.__getattr__``, a search of its whole subtree, so checking every element
    of a page that way is quadratic. This reads the flag itself.

    >>> from bs4 import BeautifulSoup
    >>> soup = BeautifulSoup("<div><p>a</p></div>", "html.parser")
    >>> p = soup.p
    >>> gone(p), (p.decompose(), gone(p))[1]
    (False, True)
    """
    return el.__dict__.get("_decomposed", False) is True


def is_hidden(el: Tag) -> bool:
    """Hidden from every reader: ``hidden``, ``aria-hidden``, ``display:none``, ``visibility:hidden``."""
    if not el.attrs or not ("hidden" in el.attrs or "aria-hidden" in el.attrs or "style" in el.attrs):
        return False
    if el.has_attr("hidden") or attr(el, "aria-hidden").lower() == "true":
        return True
    style = attr(el, "style").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style
