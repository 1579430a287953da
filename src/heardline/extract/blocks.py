"""Blocks in reading order: a walk over the cleared container that turns headings,
paragraphs, lists, quotes, figures and "read more" links into model blocks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import Tag
from bs4.element import Comment, NavigableString

from ..agencies import agency_names
from ..locale import base_language
from ..model import Block, Byline, Heading, ListBlock, Paragraph, Quote, Related, Span
from .figures import (
    GALLERY_HINT,
    chart_figure,
    extract_embed,
    extract_figure,
    is_content_image,
    is_text_layer,
    text_layers,
)
from .language import same_language
from .markup import BLOCK_TAGS, absolute, apart, attr, clean_text, lang_of, tags_in, text_of, tokens
from .notices import READ_ALSO, is_button_link

READ_MORE = re.compile(
    rf"^\s*({READ_ALSO}|read also|also read|read|more on this|more|related|recommended|"
    r"lesen sie (auch|mehr|hier)|mehr dazu|weiterlesen|"
    r"lire aussi|a lire aussi|lea también|lee también|leia mais|"
    r"lire|(?:à )?lire également|voir|à voir aussi|lire notre (?:article|enquête|reportage|analyse)|lesen sie|mehr lesen|zum thema|"
    r"leer|léase|ver|ver también|te puede interesar|leggi|vedi|vedi anche|saiba mais|"
    r"lees|lees meer|lees verder|zie|meer over dit onderwerp)\s*[:>»|–—-]",
    re.I,
)
_LEAD_CLASS = re.compile(r"(?:^|[\s_-])(intro|lead|lede|standfirst|teaser|summary|dek|deck|subtitle|subhead|kicker-?text|abstract|chapo|chapeau|excerpt)(?:$|[\s_-])", re.I)
_BYLINE_CLASS = re.compile(r"(?:^|[\s_-])(byline|author|authors|autor|autoren|dateline|credits?)(?:$|[\s_-])", re.I)
# the lone word sites print over an advertisement slot
_AD_LABEL = re.compile(r"^\s*(advertisement|advertising|anzeige|werbung|publicité|publicidad|publicidade|pubblicità|sponsored)\s*$", re.I)
_HEADING = re.compile(r"h[1-6]")
# what is not a letter or a digit: the separators between the links of a row ("Asia | Japan")
_WORD_CHARS = re.compile(r"[\W_]+")
_HEADING_TAG = re.compile(r"^h[1-6]$")
_LAYOUT_INSIDE = re.compile(r"^(h[1-6]|p|article|table)$")
_TEASER_INSIDE = re.compile(r"^(h[1-6]|p|div)$")
# elements that run inside a line of text; any other element holding text is a block
INLINE_TAGS = frozenset(
    ["a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "nobr", "big", "img", "picture", "br", "button", "svg", "input", "select", "textarea"]
)
_INLINE_SKIP = {"script", "style", "button", "svg", "input", "select", "textarea"}


@dataclass
class _Context:
    page_url: str
    doc_lang: str
    # the element heardline takes for the article; blocks from inside it are marked True
    container: Tag | None = None
    blocks: list[Block] = field(default_factory=list)
    inside: list[bool] = field(default_factory=list)
    in_container: bool = False
    # for each block, the chrome word of the element it came from ("" when none)
    chrome_words: list[str] = field(default_factory=list)
    chrome_word: str = ""
    # ids of the container's ancestors: these are walked into, never taken whole
    around: set[int] = field(default_factory=set)
    # ids of elements inside the container that class or id name as chrome: their blocks count as outside
    chrome: dict[int, str] = field(default_factory=dict)
    # characters of positioned chart labels under each element (see figures.text_layers)
    label_chars: dict[int, int] = field(default_factory=dict)
    # ids of the elements that are or hold a <time>, an <img>: the only ones worth asking for a date line, an image box
    holds_time: set[int] = field(default_factory=set)
    holds_img: set[int] = field(default_factory=set)
    # inline pieces (text, lang) of a paragraph that is not in a <p>
    pending: list[tuple[str, str]] = field(default_factory=list)
    seen_date: bool = False

    def add(self, block: Block) -> None:
        self.blocks.append(block)
        self.inside.append(self.in_container)
        self.chrome_words.append(self.chrome_word)


def _pieces(el: Tag, lang: str) -> list[tuple[str, str]]:
    """Text runs of an inline element with the language in force on each."""
    out: list[tuple[str, str]] = []
    for child in el.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, Comment):
                out.append((str(child), lang))
        elif isinstance(child, Tag):
            if child.name == "br":
                out.append((" ", lang))
            elif child.name not in _INLINE_SKIP:
                out.extend(_pieces(child, (lang_of(child, lang) or lang) if child.has_attr("lang") or child.has_attr("xml:lang") else lang))
    return out


def _paragraph_from(pieces: list[tuple[str, str]], own_lang: str, doc_lang: str, role: str) -> Paragraph | None:
    merged: list[list[str]] = []
    last = ""
    for text, lang in pieces:
        text, last = apart(last, text) + text, text or last
        if merged and same_language(merged[-1][1], lang):
            merged[-1][0] += text
        else:
            merged.append([text, lang])
    text = clean_text("".join(t for t, _ in merged))
    if not text:
        return None
    spans: tuple[Span, ...] = ()
    if len({base_language(lang) for _, lang in merged if clean_text(_)}) > 1:
        spans = _spans(merged)
    return Paragraph(text=text, role=role, lang=None if same_language(own_lang, doc_lang) else own_lang, spans=spans)


def _spans(merged: list[list[str]]) -> tuple[Span, ...]:
    """Spans whose texts join (with the paragraph's spacing) to the paragraph text."""
    spans: list[Span] = []
    joined = ""
    for raw, lang in merged:
        piece = re.sub(r"\s+", " ", raw)
        if not joined or joined.endswith(" "):
            piece = piece.lstrip()
        joined += piece
        if piece.strip():
            spans.append(Span(text=piece, lang=lang))
        elif spans:
            spans[-1] = Span(text=spans[-1].text + piece, lang=spans[-1].lang)
    if spans:
        spans[-1] = Span(text=spans[-1].text.rstrip(), lang=spans[-1].lang)
    return tuple(s for s in spans if s.text)


def _is_bold_line(p: Tag, text: str) -> bool:
    """A paragraph that is only a bold line: a subheading in disguise."""
    if not text or len(text) > 120 or text.endswith((":", ",")) or READ_MORE.match(text):
        return False
    strings = [str(s) for s in p.find_all(string=True) if str(s).strip()]
    all_bold = all(s.find_parent(["strong", "b"]) is not None for s in p.find_all(string=True) if str(s).strip())
    return bool(strings) and all_bold and p.find("a") is None


def related_link(el: Tag) -> tuple[str, str, str] | None:
    """(label, link text, href) when ``el`` is a "Read more: <link>" paragraph."""
    links = [a for a in el.find_all("a", href=True) if text_of(a)]
    if len(links) != 1:
        return None
    text = text_of(el)
    link_text = text_of(links[0])
    if len(text) > 300:
        return None
    label = clean_text(text.replace(link_text, "", 1))
    read_more = READ_MORE.match(text)
    # "Lire : <title>", "Related: Our <newsletter> …", "Lire – <title>", not a sentence that opens with the word ("Lire – et relire – <Proust>, …")
    colon = read_more is not None and read_more.group(0).rstrip()[-1] in ":>»|"
    if (read_more and (colon or not re.search(r"\w", text[read_more.end() : text.find(link_text)]))) or (re.search(r"related", tokens(el)) and len(label) <= 30):
        return label, link_text, attr(links[0], "href")
    button = el.name in ("p", "div", "section") and not re.search(r"\w", label) and is_button_link(link_text)
    if (not label and el.name in ("p", "div", "section")) or button:
        return "", link_text, attr(links[0], "href")  # a paragraph or a box that is one link, or a button and a stop ("Shop Acme.")
    return None


def _date_text(el: Tag) -> str | None:
    """The text of a ``<time>`` when ``el`` is little more than a date line."""
    time = el.find("time")
    if time is None:
        return None
    time_text = text_of(time)
    rest = clean_text(text_of(el).replace(time_text, "", 1))
    return time_text if time_text and len(rest) <= 25 else None


class _Walker:
    """Turns elements into blocks; :meth:`visit` tries each kind of element in turn."""

    def __init__(self, ctx: _Context) -> None:
        self.ctx = ctx
        self.steps: tuple[Callable[[Tag, str], bool], ...] = (
            self.container,
            self.date_line,
            self.skipped,
            self.heading,
            self.byline,
            self.text_layer,
            self.media,
            self.text_block,
            self.structured,
            self.line_break,
            self.nested,
        )

    def flush(self) -> None:
        if self.ctx.pending:
            para = _paragraph_from(self.ctx.pending, self.ctx.doc_lang, self.ctx.doc_lang, "body")
            self.ctx.pending = []
            if para is not None:
                self.ctx.add(para)

    def emit(self, block: Block | None) -> None:
        self.flush()
        if block is not None:
            self.ctx.add(block)

    def walk(self, el: Tag) -> None:
        for child in list(el.children):
            if isinstance(child, NavigableString):
                if not isinstance(child, Comment) and clean_text(str(child)):
                    self.ctx.pending.append((str(child), lang_of(el, self.ctx.doc_lang) or self.ctx.doc_lang))
                continue
            if not isinstance(child, Tag):
                continue
            self.visit(child)
        self.flush()

    def visit(self, el: Tag) -> None:
        own_lang = lang_of(el, self.ctx.doc_lang) or self.ctx.doc_lang
        if id(el) in self.ctx.around:
            self.flush()
            self.walk(el)
            return
        for step in self.steps:
            if step(el, own_lang):
                return
        if el.name not in INLINE_TAGS and text_of(el):
            self.paragraph(el, own_lang)  # an unknown element holding text is a paragraph of its own
        elif el.name not in _INLINE_SKIP:
            self.ctx.pending.extend(_pieces(el, own_lang))  # inline text between paragraphs (in a bare <div>)

    def container(self, el: Tag, own_lang: str) -> bool:
        """The article's container: what is walked inside it is marked as heardline's
        choice, except in elements named as chrome."""
        ctx = self.ctx
        entering = el is ctx.container and not ctx.in_container
        leaving = ctx.in_container and id(el) in ctx.chrome
        if not (entering or leaving):
            return False
        self.flush()
        ctx.in_container = entering
        if leaving:
            ctx.chrome_word = ctx.chrome.pop(id(el))  # visited once more, as outside
        self.visit(el) if el.name == "p" or leaving else self.walk(el)
        self.flush()
        ctx.in_container = not entering
        ctx.chrome_word = ""
        return True

    def date_line(self, el: Tag, own_lang: str) -> bool:
        if self.ctx.seen_date or id(el) not in self.ctx.holds_time or el.name == "h1" or el.find(["p", "figure", "img"]) is not None:
            return False
        text = _date_text(el)
        if not text:
            return False
        self.ctx.seen_date = True
        self.emit(Paragraph(text=text, role="date"))
        return True

    def skipped(self, el: Tag, own_lang: str) -> bool:
        """A ``<time>`` after the date line, and teaser cards (:func:`is_teaser`)."""
        return el.name == "time" or is_teaser(el)

    def heading(self, el: Tag, own_lang: str) -> bool:
        if not _HEADING.fullmatch(el.name):
            return False
        text = text_of(el)
        if text:
            lang = None if same_language(own_lang, self.ctx.doc_lang) else own_lang
            self.emit(Heading(level=int(el.name[1]), text=text, lang=lang))
        return True

    def byline(self, el: Tag, own_lang: str) -> bool:
        if el.name == "figure" or not _BYLINE_CLASS.search(tokens(el)) or el.find(["p", "h1", "h2", "h3"]) is not None:
            return False
        text = text_of(el)
        if not 0 < len(text) < 200:
            return False
        self.emit(Byline(text=text))
        return True

    def text_layer(self, el: Tag, own_lang: str) -> bool:
        """A chart drawn as an image under absolutely positioned labels (ai2html and
        the like): one chart figure, its labels not read as text."""
        if el.name not in ("div", "section", "figure") or not is_text_layer(el, self.ctx.label_chars):
            return False
        self.emit(chart_figure(el, self.ctx.page_url))
        return True

    def media(self, el: Tag, own_lang: str) -> bool:
        """Figures, captioned image boxes, lone images with alt text, videos and embeds."""
        ctx = self.ctx
        name = el.name
        if name == "figure" and _is_text_figure(el):
            return False  # a table, quote or listing in a <figure>: its text is walked
        if name == "figure" or (id(el) in ctx.holds_img and _is_figure_box(el)) or name == "video":
            self.emit(extract_figure(el, ctx.page_url, ctx.doc_lang))
        elif name in ("img", "picture"):
            img = el if name == "img" else el.find("img")
            if isinstance(img, Tag) and is_content_image(img) and attr(img, "alt"):
                self.emit(extract_figure(img, ctx.page_url, ctx.doc_lang))
        elif name == "iframe":
            self.emit(extract_embed(el, ctx.page_url, ctx.doc_lang))
        else:
            return False
        return True

    def text_block(self, el: Tag, own_lang: str) -> bool:
        name = el.name
        if name == "p" or (name in ("div", "section") and not _has_block_child(el)):
            self.paragraph(el, own_lang)
        elif name in ("ul", "ol"):
            self.list_block(el, own_lang)
        elif name == "blockquote":
            self.quote(el, own_lang)
        else:
            return False
        return True

    def structured(self, el: Tag, own_lang: str) -> bool:
        """Tables (one item per row) and definition lists."""
        if el.name == "table":
            if el.find(_LAYOUT_INSIDE) is not None:
                return False  # a layout table: its cells hold paragraphs and headings
            rows = [", ".join(text_of(c) for c in tr.find_all(["td", "th"]) if text_of(c)) for tr in el.find_all("tr")]
        elif el.name == "dl":
            rows = [text_of(x) for x in el.find_all(["dt", "dd"])]
        else:
            return False
        rows = [r for r in rows if r]
        if rows:
            self.emit(ListBlock(ordered=False, items=tuple(rows)))
        return True

    def line_break(self, el: Tag, own_lang: str) -> bool:
        """``<br>``: a line break inside loose text; two in a row end the paragraph."""
        if el.name != "br":
            return False
        if self.ctx.pending and self.ctx.pending[-1][0] == "\n":
            self.flush()
        else:
            self.ctx.pending.append(("\n", own_lang))
        return True

    def nested(self, el: Tag, own_lang: str) -> bool:
        """A block that holds other blocks (or an unknown element that does): walk into it."""
        if el.name in BLOCK_TAGS or _has_block_child(el):
            self.flush()
            self.walk(el)
            return True
        return False

    def quote(self, el: Tag, own_lang: str) -> None:
        text = text_of(el)
        if self.link_only(el, text):
            return  # an embedded post's card ("Another review" as a quote of its link): a link, not a quote
        cite_el = el.find(["cite", "footer"])
        cite = text_of(cite_el) if cite_el is not None else ""
        if cite and text.endswith(cite):
            text = clean_text(text[: -len(cite)]).rstrip("—–- ")
        if text:
            lang = None if same_language(own_lang, self.ctx.doc_lang) else own_lang
            self.emit(Quote(text=text, lang=lang, cite=cite))

    def link_only(self, el: Tag, text: str) -> bool:
        """Emit ``el`` as a related link when all its text is one link's."""
        links = [a for a in el.find_all("a", href=True) if text_of(a)]
        if len(links) != 1 or text_of(links[0]) != text:
            return False
        self.emit(Related(text=text, href=absolute(attr(links[0], "href"), self.ctx.page_url)))
        return True

    def paragraph(self, el: Tag, own_lang: str) -> None:
        ctx = self.ctx
        text = text_of(el)
        if not text:
            # an image alone in a paragraph
            img = el.find("img")
            if img is not None and is_content_image(img):
                self.emit(extract_figure(img, ctx.page_url, ctx.doc_lang))
            return
        if _AD_LABEL.match(text):
            return
        if _link_row(el, text):
            return  # a row of links (share bar, tag list, "Asia | Japan | Travel Tips"): chrome
        related = related_link(el)
        if related is not None:
            label, link_text, href = related
            self.emit(Related(text=link_text, href=absolute(href, ctx.page_url), label=label))
            return
        if _is_bold_line(el, text):
            self.emit(Heading(level=0, text=text))  # level set once all headings are known
            return
        role = "lead" if _LEAD_CLASS.search(tokens(el)) else "body"
        if _BYLINE_CLASS.search(tokens(el)) and len(text) < 150:
            self.emit(Byline(text=text))
            return
        self.flush()
        para = _paragraph_from(_pieces(el, own_lang), own_lang, ctx.doc_lang, role)
        self.emit(para)
        for img in el.find_all("img"):
            if is_content_image(img) and attr(img, "alt"):
                self.emit(extract_figure(img, ctx.page_url, ctx.doc_lang))

    def list_block(self, el: Tag, own_lang: str) -> None:
        items = [li for li in el.find_all("li", recursive=False)] or [el]
        texts = [text_of(li) for li in items]
        pairs = [(li, t) for li, t in zip(items, texts) if t]
        if not pairs:
            return
        if len(pairs) == 1 and self.link_only(pairs[0][0], pairs[0][1]):
            return  # a list of one link: a link to another article, not text
        # a list of links only, of "See also: <link>" items, or of links to other pages of the site, is related links, not text
        site = [_site_link(li, text, self.ctx.page_url) for li, text in pairs]
        links = [related_link(li) or here for (li, _), here in zip(pairs, site)]
        labelled = all(link is not None and READ_MORE.match(text) for link, (_, text) in zip(links, pairs))
        steps = all(text.endswith(".") for _, text in pairs)  # sentences, each a link: a how-to's steps, not other pages' titles
        if labelled or (not steps and (all(site) or (all(link is not None and not link[0] for link in links) and len(pairs) > 1))):
            for link in links:
                label, link_text, href = link or ("", "", "")
                self.emit(Related(text=link_text, href=absolute(href, self.ctx.page_url), label=label))
            return
        lang = None if same_language(own_lang, self.ctx.doc_lang) else own_lang
        self.emit(ListBlock(ordered=el.name == "ol", items=tuple(t for _, t in pairs), lang=lang))


def _link_row(el: Tag, text: str) -> bool:
    """Whether ``el`` is a row of two or more links: nearly all its text linked, or
    only separators between them ("Asia | Japan | Travel Tips"); a word between
    two links is a line of text ("Arsenal v Chelsea", "Ana Ruiz and Tom Baker")."""
    links = el.find_all("a")
    if len(links) < 2:
        return False
    linked = [text_of(a) for a in links]
    outside = len(_WORD_CHARS.sub("", text)) - sum(len(_WORD_CHARS.sub("", t)) for t in linked)
    return outside <= 0 or sum(len(t) for t in linked) >= 0.9 * len(text)


def _site_link(item: Tag, text: str, page_url: str) -> tuple[str, str, str] | None:
    """("", link text, href) when a list item is only a link to another page of the page's own site."""
    links = item.find_all("a", href=True)
    if len(links) != 1 or text_of(links[0]) != text:
        return None
    href = absolute(attr(links[0], "href"), page_url)
    site, target = (urlsplit(u) for u in (page_url, href))
    other_page = (target.path.rstrip("/"), target.query) != (site.path.rstrip("/"), site.query)
    return ("", text, href) if site.netloc and target.netloc == site.netloc and other_page else None


def _holders(root: Tag, name: str) -> set[int]:
    """Ids of the ``name`` elements under ``root`` and of all their ancestors."""
    ids: set[int] = set()
    for el in root.find_all(name):
        ids.add(id(el))
        for parent in el.parents:
            if id(parent) in ids:
                break
            ids.add(id(parent))
    return ids


def is_teaser(el: Tag) -> bool:
    """A teaser card: a whole block that links to another article (a link around
    headings, paragraphs or boxes, or a ``<figure>`` card)."""
    if el.name == "figure":
        return _is_teaser_figure(el)
    return el.name == "a" and el.find(_TEASER_INSIDE) is not None and not attr(el, "href").startswith("#")


def teaser_texts(root: Tag) -> list[str]:
    """The texts of the teaser cards under ``root``, which the walk leaves out."""
    return [text for el in tags_in(root, ("a", "figure")) if is_teaser(el) and (text := text_of(el))]


def _is_teaser_figure(el: Tag) -> bool:
    """A ``<figure>`` that is a card for another article: a heading, and all its text in links away."""
    if el.find(_HEADING_TAG) is None:
        return False
    text = len(text_of(el))
    linked = sum(len(text_of(a)) for a in el.find_all("a", href=True) if not attr(a, "href").startswith("#"))
    return text > 0 and linked >= 0.8 * text


_MEDIA = ("img", "picture", "video", "audio", "iframe", "svg", "canvas", "object", "embed")


def _is_text_figure(el: Tag) -> bool:
    """A ``<figure>`` that holds a table, a quote or a code listing and no image or
    other media: text set as a figure, not a picture."""
    return el.find(("table", "blockquote", "pre")) is not None and el.find(_MEDIA) is None


def _has_block_child(el: Tag) -> bool:
    """Whether a child is a block: a known one, an image, an unknown element (a custom one) with text, or a teaser card."""
    return any(
        isinstance(c, Tag) and (c.name in BLOCK_TAGS or c.name == "img" or (c.name not in INLINE_TAGS and c.get_text(strip=True)) or is_teaser(c))
        for c in el.children
    )


def _is_figure_box(el: Tag) -> bool:
    """A non-<figure> element that is a captioned image (WordPress ``wp-caption``, an
    image with a line of text under it) or a gallery of images."""
    if el.name not in ("div", "section", "span", "p", "a", "li"):
        return False
    images = [i for i in el.find_all("img") if is_content_image(i)]
    if not images:
        return False
    if len(images) > 1:
        return bool(GALLERY_HINT.search(tokens(el)))
    if _BYLINE_CLASS.search(tokens(el)):
        return False  # an author's photo beside the byline
    if images[0].get("alt") == "" and el.find(class_=re.compile("caption", re.I)) is None and el.find("figcaption") is None:
        return False  # marked decorative, nothing to describe
    if el.find(re.compile(r"^h[1-6]$")) is not None or len(el.find_all("p")) > 1:
        return False
    return len(text_of(el)) <= 400


def walk_blocks(
    root: Tag, page_url: str, doc_lang: str, container: Tag | None = None, chrome: dict[int, str] | None = None
) -> tuple[list[Block], list[bool], list[str]]:
    """All blocks under ``root`` in document order (before post-processing), for
    each whether it comes from inside ``container`` (all do when it is None) and
    outside the ``chrome`` elements in it, and the chrome word of the one it is in."""
    ctx = _Context(page_url=page_url, doc_lang=doc_lang, container=container, in_container=container is None or container is root)
    ctx.chrome = dict(chrome or {})
    ctx.label_chars = text_layers(root)
    ctx.holds_time = _holders(root, "time")
    ctx.holds_img = _holders(root, "img")
    ctx.around = {id(el) for el in container.parents} if container is not None else set()
    walker = _Walker(ctx)
    walker.visit(root) if root.name in ("p",) else walker.walk(root)
    return ctx.blocks, ctx.inside, ctx.chrome_words


def is_agency_credit(text: str) -> bool:
    """A closing agency credit.

    >>> is_agency_credit("es/rc (AP, AFP)")
    True
    >>> is_agency_credit("(dpa)")
    True
    >>> is_agency_credit("dpa/AFP")
    True
    >>> is_agency_credit("atb/AFP")
    True
    >>> is_agency_credit("He said (quietly) no.")
    False
    """
    return bool(agency_names(text))
