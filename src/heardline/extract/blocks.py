"""Blocks in reading order: a walk over the cleared container that turns headings,
paragraphs, lists, quotes, figures and "read more" links into model blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import Tag
from bs4.element import Comment, NavigableString

from ..agencies import agency_names
from ..model import Block, Byline, Heading, ListBlock, Paragraph, Quote, Related, Span
from .figures import GALLERY_HINT, extract_embed, extract_figure, is_content_image
from .language import same_language
from .markup import BLOCK_TAGS, absolute, attr, clean_text, lang_of, text_of, tokens

READ_MORE = re.compile(
    r"^\s*(read more|read also|also read|read|see also|more on this|more|related|recommended|"
    r"lesen sie (auch|mehr|hier)|mehr zum thema|mehr dazu|auch interessant|weiterlesen|siehe auch|"
    r"lire aussi|à lire aussi|a lire aussi|voir aussi|lea también|lee también|leia também|leia mais|leggi anche)\s*[:>»|–—-]",
    re.I,
)
_LEAD_CLASS = re.compile(r"(?:^|[\s_-])(intro|lead|lede|standfirst|teaser|summary|dek|deck|subtitle|subhead|kicker-?text|abstract|chapo|chapeau|excerpt)(?:$|[\s_-])", re.I)
_BYLINE_CLASS = re.compile(r"(?:^|[\s_-])(byline|author|authors|autor|autoren|dateline|credits?)(?:$|[\s_-])", re.I)
# the lone word sites print over an advertisement slot
_AD_LABEL = re.compile(r"^\s*(advertisement|advertising|anzeige|werbung|publicité|publicidad|publicidade|pubblicità|sponsored)\s*$", re.I)
_INLINE_SKIP = {"script", "style", "button", "svg", "input", "select", "textarea"}


@dataclass
class _Context:
    page_url: str
    doc_lang: str
    blocks: list[Block] = field(default_factory=list)
    # inline pieces (text, lang) of a paragraph that is not in a <p>
    pending: list[tuple[str, str]] = field(default_factory=list)
    seen_date: bool = False


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
    for text, lang in pieces:
        if merged and same_language(merged[-1][1], lang):
            merged[-1][0] += text
        else:
            merged.append([text, lang])
    text = clean_text("".join(t for t, _ in merged))
    if not text:
        return None
    spans: tuple[Span, ...] = ()
    if len({lang.split("-")[0] for _, lang in merged if clean_text(_)}) > 1:
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
    if READ_MORE.match(text) or (re.search(r"related", tokens(el)) and len(label) <= 30):
        return label, link_text, attr(links[0], "href")
    if not label and el.name == "p":
        return "", link_text, attr(links[0], "href")
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
    def __init__(self, ctx: _Context) -> None:
        self.ctx = ctx

    def flush(self) -> None:
        if self.ctx.pending:
            para = _paragraph_from(self.ctx.pending, self.ctx.doc_lang, self.ctx.doc_lang, "body")
            self.ctx.pending = []
            if para is not None:
                self.ctx.blocks.append(para)

    def emit(self, block: Block | None) -> None:
        self.flush()
        if block is not None:
            self.ctx.blocks.append(block)

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
        ctx = self.ctx
        name = el.name
        own_lang = lang_of(el, ctx.doc_lang) or ctx.doc_lang
        if not ctx.seen_date and name not in ("h1",) and _date_text(el) and not el.find(["p", "figure", "img"]):
            ctx.seen_date = True
            self.emit(Paragraph(text=_date_text(el) or "", role="date"))
            return
        if name in ("time",):
            return
        if name == "a" and el.find(re.compile(r"^(h[1-6]|p|div)$")) is not None and not attr(el, "href").startswith("#"):
            return  # a teaser card: a whole block that links to another article
        if re.fullmatch(r"h[1-6]", name):
            text = text_of(el)
            if text:
                lang = None if same_language(own_lang, ctx.doc_lang) else own_lang
                self.emit(Heading(level=int(name[1]), text=text, lang=lang))
            return
        if name != "figure" and _BYLINE_CLASS.search(tokens(el)) and 0 < len(text_of(el)) < 200 and not el.find(["p", "h1", "h2", "h3"]):
            self.emit(Byline(text=text_of(el)))
            return
        if name == "figure" or _is_figure_box(el):
            self.emit(extract_figure(el, ctx.page_url, ctx.doc_lang))
            return
        if name == "img":
            if is_content_image(el) and attr(el, "alt"):
                self.emit(extract_figure(el, ctx.page_url, ctx.doc_lang))
            return
        if name == "picture":
            img = el.find("img")
            if img is not None and is_content_image(img) and attr(img, "alt"):
                self.emit(extract_figure(img, ctx.page_url, ctx.doc_lang))
            return
        if name in ("video",):
            self.emit(extract_figure(el, ctx.page_url, ctx.doc_lang))
            return
        if name == "iframe":
            self.emit(extract_embed(el, ctx.page_url, ctx.doc_lang))
            return
        if name == "p" or (name in ("div", "section") and not _has_block_child(el)):
            self.paragraph(el, own_lang)
            return
        if name in ("ul", "ol"):
            self.list_block(el, own_lang)
            return
        if name == "blockquote":
            text = text_of(el)
            cite_el = el.find(["cite", "footer"])
            cite = text_of(cite_el) if cite_el is not None else ""
            if cite and text.endswith(cite):
                text = clean_text(text[: -len(cite)]).rstrip("—–- ")
            if text:
                lang = None if same_language(own_lang, ctx.doc_lang) else own_lang
                self.emit(Quote(text=text, lang=lang, cite=cite))
            return
        if name == "table":
            rows = [", ".join(text_of(c) for c in tr.find_all(["td", "th"]) if text_of(c)) for tr in el.find_all("tr")]
            rows = [r for r in rows if r]
            if rows:
                self.emit(ListBlock(ordered=False, items=tuple(rows)))
            return
        if name == "br":
            if ctx.pending and ctx.pending[-1][0] == "\n":
                self.flush()
            else:
                ctx.pending.append(("\n", own_lang))
            return
        if name in ("dl",):
            items = [text_of(x) for x in el.find_all(["dt", "dd"]) if text_of(x)]
            if items:
                self.emit(ListBlock(ordered=False, items=tuple(items)))
            return
        if name in BLOCK_TAGS or name in ("center", "font") and _has_block_child(el):
            self.flush()
            self.walk(el)
            return
        # inline element between paragraphs (text in a bare <div>)
        if name not in _INLINE_SKIP:
            ctx.pending.extend(_pieces(el, own_lang))

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
        links = el.find_all("a")
        if len(links) >= 2 and sum(len(text_of(a)) for a in links) >= 0.9 * len(text):
            return  # a row of links (share bar, tag list): chrome
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
        # a list of links only ("Read more" lists) is related links, not text
        links = [related_link(li) for li, _ in pairs]
        if all(link is not None and not link[0] for link in links) and len(pairs) > 1:
            for li, _ in pairs:
                label, link_text, href = related_link(li) or ("", "", "")
                self.emit(Related(text=link_text, href=absolute(href, self.ctx.page_url), label=label))
            return
        lang = None if same_language(own_lang, self.ctx.doc_lang) else own_lang
        self.emit(ListBlock(ordered=el.name == "ol", items=tuple(t for _, t in pairs), lang=lang))


def _has_block_child(el: Tag) -> bool:
    return any(isinstance(c, Tag) and (c.name in BLOCK_TAGS or c.name == "img") for c in el.children)


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


def walk_blocks(container: Tag, page_url: str, doc_lang: str) -> list[Block]:
    """All blocks of the cleared container in document order (before post-processing)."""
    ctx = _Context(page_url=page_url, doc_lang=doc_lang)
    walker = _Walker(ctx)
    walker.visit(container) if container.name in ("p",) else walker.walk(container)
    return ctx.blocks


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
