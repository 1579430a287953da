"""Figures: images with alt text, caption and credit kept apart, and a kind
(photo, map, chart, gallery, video) read from markup and words in several languages."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ..model import Figure
from .markup import absolute, attr, clean_text, lang_of, text_of, tokens

# labels that introduce a credit: "Image: Reuters", "Foto: dpa", "© AFP", "Credit Getty Images"
_CREDIT_LABEL = (
    r"(?:image|images|photo|photos|photograph|photography|picture|pictures|credit|credits|source|copyright|"
    r"image copyright|image source|illustration|graphic|video|foto|fotos|fotografie|bild|bilder|bildquelle|"
    r"quelle|grafik|crédit|crédits|crédito|créditos|fotografía|imagen|fonte|immagine)"
)
_CREDIT_START = re.compile(
    rf"^\s*(?:{_CREDIT_LABEL}\s*[:|]\s*|(?:image copyright|image source|copyright|credit|crédit)\s*\.*\s*(?=[A-Z©])|©\s*)", re.I
)
_CREDIT_INSIDE = re.compile(rf"(?:^|(?<=[.!?)\s]))\s*(?:{_CREDIT_LABEL}(?:\s+by)?\s*:\s*|©\s*|(?-i:Credit|Crédit|Bildquelle)\s*\.*\s*)(?P<credit>[^:]{{2,100}})$", re.I)
# screen-reader labels some sites put before captions
_CAPTION_LABEL = re.compile(r"^\s*(image caption|media caption|caption|bildunterschrift|légende)\s*:?\s*", re.I)
_CREDIT_CLASS = re.compile(r"credit|copyright|source|photographer|byline|author|attribution|quelle|courtesy|rights|legal", re.I)
_CAPTION_CLASS = re.compile(r"caption|legend|figcaption|unterschrift|bildtext|description|desc\b", re.I)
# interaction and counting noise inside captions ("1 of 12", "Bild 1 von 4")
_COUNTER = re.compile(r"\b(bild|image|photo|foto|picture)\s+\d+\s+(von|of|sur|de)\s+\d+\s*", re.I)

_KIND_WORDS = {
    "map": r"\bmaps?\b|\w*karten?\b|\bcartes?\b|\bmapas?\b|\bmappa\b|\bkaart\b|\bharita",
    "chart": r"\bcharts?\b|\bgraphs?\b|\bgrafik\b|\binfogra\w*|\bdiagramm\w*|\bgraphique\w*|\bgráfico\w*|\bgrafico\b|datawrapper|flourish",
    "video": r"\bvideos?\b|\bvidéo\b|\bvídeo\b|\bmedia caption\b|\bplayer\b",
    "gallery": r"\bgaller(y|ies)\b|\bgalerie\b|\bbildergalerie\b|\bslideshow\b|\bcarousel\b|\bfotostrecke\b|\bdiaporama\b|\bgaler[ií]a\b|\d+\s+(images|photos|pictures|bilder|fotos)\b",
}
GALLERY_HINT = re.compile(r"galler|slideshow|carousel|slider|slides|fotostrecke|diaporama|bildergalerie", re.I)
_GALLERY_HREF = re.compile(r"/g-\d+|/gallery|/galerie|/bildergalerie|/fotostrecke|/slideshow|/diaporama", re.I)
_PLACEHOLDER = re.compile(r"^data:|blank\.gif|spacer|placeholder|transparent|pixel\.gif|1x1|lazy[-_]?load", re.I)
_DECORATION = re.compile(r"logo|icon|avatar|sprite|badge|emoji|tracking|pixel|spacer|button|author-?image", re.I)


def split_credit(text: str) -> tuple[str, str]:
    """A caption's text split into caption and credit.

    >>> split_credit("Protesters at the camp. Photograph: Stephanie Keith/Reuters")
    ('Protesters at the camp.', 'Stephanie Keith/Reuters')
    >>> split_credit("Image: Reuters/Stringer")
    ('', 'Reuters/Stringer')
    >>> split_credit("Die Barbie-Puppe Foto: - / dpa")
    ('Die Barbie-Puppe', '- / dpa')
    >>> split_credit("A manhole in Manhattan. Credit...Todd Heisler/The New York Times")
    ('A manhole in Manhattan.', 'Todd Heisler/The New York Times')
    >>> split_credit("Eine Demo in Berlin © Greenpeace")
    ('Eine Demo in Berlin', 'Greenpeace')
    >>> split_credit("A compact camera on a fence post. Photo by: 'Jo Lee'.")
    ('A compact camera on a fence post.', "'Jo Lee'.")
    >>> split_credit("The photo shows a map of the region")
    ('The photo shows a map of the region', '')
    """
    text = clean_text(text)
    start = _CREDIT_START.match(text)
    if start:
        return "", text[start.end() :].strip()
    if "©" in text:
        caption, _, credit = text.partition("©")
        return caption.strip(), credit.strip()
    match = _CREDIT_INSIDE.search(text)
    if match and match.start() > 0:
        return text[: match.start()].strip(), match.group("credit").strip()
    return text, ""


# a line under an image that is only its credit: a label, then ":" or a word that introduces the credit
_CREDIT_LINE = re.compile(
    rf"^\W*(?:(?:(?:feature[d]?|header|cover|hero|lead|top) )?{_CREDIT_LABEL}(?:\s*:|\s+(?:credits?|courtesy(?: of)?|source|by|via|from(?!.*\b(?:shows?|showing|shown|depicts?|is|are|was|were)\b)|(?:provided|supplied) by)\b\s*:?)|courtesy of\b:?)"
    r"\s*©?\s*(?P<credit>\w.{0,80})$",
    re.I,
)
# the most words of a credit line
_CREDIT_LINE_WORDS = 12


def credit_line(text: str) -> str:
    """The credit that a line under an image gives, "" when the line says more than a credit.

    >>> credit_line("Photo Courtesy of Noble Desktop"), credit_line("Image credit: © Depositphotos.com/A. Lozo"), credit_line("Photo: Shutterstock")
    ('Noble Desktop', 'Depositphotos.com/A. Lozo', 'Shutterstock')
    >>> credit_line("Image from the March 2024 review."), credit_line("Image provided by Acme.")
    ('the March 2024 review.', 'Acme.')
    >>> credit_line("Photographs show the river in 1963."), credit_line("Video shows the bridge falling"), credit_line("(Image Source)")
    ('', '', '')
    >>> credit_line("Video from the scene shows the bridge falling.")
    ''

    """
    match = _CREDIT_LINE.match(clean_text(text))
    return match.group("credit").strip() if match and len(text.split()) <= _CREDIT_LINE_WORDS else ""


def strip_credit_label(text: str) -> str:
    """'Image: Reuters/Stringer' -> 'Reuters/Stringer'.

    >>> strip_credit_label("Bildquelle: dpa")
    'dpa'
    """
    text = clean_text(text)
    match = _CREDIT_START.match(text)
    return text[match.end() :].strip() if match else text


def _best_srcset(value: str) -> str:
    best, best_w = "", -1.0
    for part in value.split(","):
        bits = part.strip().split()
        if not bits:
            continue
        width = 0.0
        if len(bits) > 1:
            m = re.match(r"([\d.]+)[wx]", bits[1])
            width = float(m.group(1)) if m else 0.0
        if width > best_w:
            best, best_w = bits[0], width
    return best


def image_src(img: Tag) -> str:
    """The real address of an image, looking past lazy-loading placeholders."""
    for name in ("data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src", "data-full-src"):
        value = attr(img, name)
        if value and not _PLACEHOLDER.search(value):
            return value
    for name in ("data-srcset", "srcset"):
        value = attr(img, name)
        if value:
            best = _best_srcset(value)
            if best and not _PLACEHOLDER.search(best):
                return best
    src = attr(img, "src")
    if src and not _PLACEHOLDER.search(src):
        return src
    picture = img.find_parent("picture")
    if picture is not None:
        for source in picture.find_all("source"):
            best = _best_srcset(attr(source, "srcset") or attr(source, "data-srcset"))
            if best:
                return best
    return ""


def is_content_image(img: Tag) -> bool:
    """Not a logo, icon, avatar, tracking pixel or spacer."""
    for name in ("width", "height"):
        value = attr(img, name)
        if value.isdigit() and int(value) < 60:
            return False
    hint = " ".join([tokens(img), image_src(img), attr(img, "alt") if len(attr(img, "alt")) < 20 else ""])
    return not _DECORATION.search(hint) and bool(image_src(img) or attr(img, "alt"))


def _images(el: Tag) -> list[Tag]:
    return [img for img in el.find_all("img") if is_content_image(img)]


def _kind(el: Tag, images: list[Tag], alt: str, caption: str) -> str:
    markup = " ".join([tokens(el), *(tokens(d) for d in el.find_all(True))]).replace("-", " ").replace("_", " ")
    words = " ".join([alt, caption])
    srcs = " ".join(re.sub(r"[^a-z]+", " ", image_src(i).rsplit("/", 1)[-1].lower()) for i in images)
    player = el.find(["video", "iframe"])
    if player is not None and (player.name == "video" or re.search(r"video|youtube|vimeo|player", markup + " " + attr(player, "src"), re.I)):
        return "video"
    for kind in ("map", "chart"):
        pattern = re.compile(_KIND_WORDS[kind], re.I)
        if pattern.search(markup) or pattern.search(words) or pattern.search(srcs):
            return kind
    gallery = re.compile(_KIND_WORDS["gallery"], re.I)
    links = [attr(a, "href") for a in el.find_all("a", href=True)]
    if len(images) > 1 or gallery.search(markup) or gallery.search(words) or any(_GALLERY_HREF.search(h) for h in links):
        return "gallery"
    if re.search(_KIND_WORDS["video"], markup + " " + words, re.I):
        return "video"
    return "photo"


def _caption_parts(el: Tag, gallery: bool) -> tuple[str, str]:
    """Caption and credit of a figure-like element.

    The caption is its ``<figcaption>`` or caption-classed element; failing that,
    the figure's own text (a gallery's: its title). Credit elements are taken out first.
    """
    caption_el = el.find("figcaption")
    if caption_el is None:
        caption_el = next((d for d in el.find_all(True) if _CAPTION_CLASS.search(tokens(d)) and d.name != "img"), None)
    credit_parts: list[str] = []
    for credit_el in el.find_all(_is_credit_element):
        text = text_of(credit_el)
        if text and text not in credit_parts:
            credit_parts.append(text)
        credit_el.extract()
    if caption_el is not None:
        caption = text_of(caption_el)
    elif gallery:
        title = el.find(re.compile(r"^h[1-6]$"))
        caption = text_of(title) if title is not None else attr(el, "data-title") or attr(el, "title")
    else:
        caption = text_of(el)
    caption = _COUNTER.sub("", _CAPTION_LABEL.sub("", caption))
    caption, inline_credit = split_credit(caption)
    credits = [strip_credit_label(_COUNTER.sub("", c)) for c in credit_parts]
    credit = "; ".join(dict.fromkeys(c for c in credits if c)) or inline_credit
    return tidy_caption(caption, credit)


_AD_NOTE = re.compile(r"^\s*(?:advertisement|anzeige|werbung|publicité|sponsored)\b[\s:|–-]*|[\s|–-]*\b(?:advertisement|anzeige|werbung|publicité|sponsored)\s*$", re.I)


def tidy_caption(caption: str, credit: str) -> tuple[str, str]:
    """Caption and credit cleaned: an ad notice out of the caption, separators off
    the credit's ends, and a credit that repeats the caption cut back to the credit.

    >>> tidy_caption("Ferry at dawn. Advertisement", "Photo: P A;")
    ('Ferry at dawn.', 'P A')
    >>> tidy_caption("The new ferry at the quay", "The new ferry at the quay Jane Doe")
    ('The new ferry at the quay', 'Jane Doe')
    >>> tidy_caption("Jane Doe/Reuters", "Jane Doe/Reuters")
    ('', 'Jane Doe/Reuters')
    """
    caption = _AD_NOTE.sub("", caption).strip()
    credit = strip_credit_label(credit).strip(" ;,|:–-")
    if credit and caption:
        if credit == caption:
            caption = ""  # a caption that is only the credit
        elif len(caption) > 15 and caption in credit:
            credit = credit.replace(caption, "", 1).strip(" ;,|:.–-")
    return caption, credit


def extract_figure(el: Tag, page_url: str, doc_lang: str) -> Figure | None:
    """A Figure from ``<figure>``, a ``wp-caption`` box, ``<picture>`` or a lone ``<img>``."""
    images = [el] if el.name == "img" else _images(el)
    if el.name != "img" and not images and el.find(["video", "iframe"]) is None:
        caption_only = text_of(el)
        if not caption_only:
            return None
    first = images[0] if images else None
    alt = attr(first, "alt") if first is not None else ""
    if first is not None and not alt and attr(first, "title"):
        alt = attr(first, "title")
    player = el.find(["iframe", "video"]) if first is None and el.name != "img" else None
    if player is not None and not alt:
        alt = attr(player, "aria-label") or attr(player, "title")
    gallery = len(images) > 1 or bool(GALLERY_HINT.search(tokens(el)))
    caption, credit = ("", "") if el.name == "img" else _caption_parts(el, gallery)
    if not (alt or caption or credit):
        return None
    kind = _kind(el, images, alt, caption)
    src = absolute(image_src(first), page_url) if first is not None else ""
    if kind == "video" and not src:
        video = el.find(["video", "iframe"])
        src = absolute(attr(video, "poster") or "", page_url) if video is not None else ""
    alt_lang = lang_of(first, doc_lang) if first is not None else None
    caption_el = el.find("figcaption") if el.name != "img" else None
    caption_lang = lang_of(caption_el, doc_lang) if caption_el is not None else lang_of(el, doc_lang)
    return Figure(
        kind=kind,
        alt=alt,
        caption=caption,
        credit=credit,
        src=src,
        alt_lang=alt_lang,
        caption_lang=caption_lang,
    )


# embeds that are part of the story: data visualisations, maps, videos
_EMBED_HOSTS = {
    "chart": r"datawrapper|flourish|infogram|everviz|public\.tableau|plot\.ly|chartbeat-embed|e\.infogram",
    "map": r"google\.[a-z.]+/maps|openstreetmap|umap\.|mapbox|arcgis",
    "video": r"youtube(-nocookie)?\.com|youtu\.be|vimeo\.com|dailymotion|player\.",
}


def embed_kind(el: Tag) -> str | None:
    """The kind of an ``<iframe>`` that carries content (a chart, map or video with a
    title), or None for ads, trackers and widgets."""
    if el.name != "iframe":
        return None
    label = attr(el, "aria-label") or attr(el, "title")
    hint = " ".join([attr(el, "src"), attr(el, "data-src"), tokens(el), label])
    for kind, hosts in _EMBED_HOSTS.items():
        if re.search(hosts, hint, re.I):
            return kind if label or kind != "video" else "video"
    return None


def extract_embed(el: Tag, page_url: str, doc_lang: str) -> Figure | None:
    """A described Figure for a chart, map or video embedded with an ``<iframe>``."""
    kind = embed_kind(el)
    if kind is None:
        return None
    label = attr(el, "aria-label") or attr(el, "title")
    # "Table: How house prices have changed" -> the description without its own kind label
    label = re.sub(r"^\s*(chart|table|map|graphic|grafik|karte|video|diagramm)\s*:\s*", "", label, flags=re.I)
    kind = _kind(el, [], label, "") if kind == "chart" and re.search(_KIND_WORDS["map"], label, re.I) else kind
    container = el.find_parent("figure")
    caption, credit = _caption_parts(container, False) if container is not None and container.find("figcaption") else ("", "")
    if not (label or caption):
        return None
    return Figure(kind=kind, alt=label, caption=caption, credit=credit, src=absolute(attr(el, "src") or attr(el, "data-src"), page_url), alt_lang=lang_of(el, doc_lang))


def _is_credit_element(t: Tag) -> bool:
    return t.name in ("small", "cite") or (t.name != "img" and _CREDIT_CLASS.search(tokens(t)) is not None)


def unwrap_noscript(soup: Tag) -> None:
    """Give lazy images their ``<noscript>`` twin's address, then drop the twin,
    so one image yields one figure; a ``<noscript>`` with the only image is unwrapped."""
    for noscript in soup.find_all("noscript"):
        inner = BeautifulSoup(noscript.decode_contents(), "lxml") if not noscript.find("img") else noscript
        twin = inner.find("img")
        if twin is None:
            noscript.decompose()
            continue
        sibling = noscript.find_previous_sibling("img") or (noscript.parent.find("img") if noscript.parent else None)
        if sibling is not None and sibling is not twin and sibling.find_parent("noscript") is None:
            if not image_src(sibling) or _PLACEHOLDER.search(attr(sibling, "src")):
                sibling["src"] = attr(twin, "src")
            if not sibling.get("alt") and twin.get("alt"):
                sibling["alt"] = twin["alt"]
            noscript.decompose()
        else:
            twin = twin.extract() if inner is noscript else twin
            noscript.replace_with(twin)


def _absolute(el: Tag) -> bool:
    return "position:absolute" in attr(el, "style").replace(" ", "").lower()


def text_layers(root: Tag) -> dict[int, int]:
    """For each element above absolutely positioned short labels (a chart's text
    layer, ai2html-style), the characters of label text under it, by ``id()``."""
    chars: dict[int, int] = {}
    for label in root.find_all(style=True):
        if not _absolute(label) or label.find(style=True) is not None:
            continue
        text = text_of(label)
        if not 0 < len(text) <= 80:
            continue
        for parent in list(label.parents)[:8]:
            chars[id(parent)] = chars.get(id(parent), 0) + len(text)
    return chars


def is_text_layer(el: Tag, label_chars: dict[int, int]) -> bool:
    """Mostly short positioned labels, over a picture: a chart's text layer."""
    chars = label_chars.get(id(el), 0)
    if chars < 40 or (el.find("img") is None and "background-image" not in str(el)[:20000]):
        return False
    return chars >= 0.5 * len(text_of(el))


def chart_figure(el: Tag, page_url: str) -> Figure:
    """A text-layer chart as a figure: the picture's alt text, else the element's label."""
    img = next((i for i in el.find_all("img") if attr(i, "alt")), el.find("img"))
    alt = attr(img, "alt") if isinstance(img, Tag) else ""
    alt = alt or attr(el, "aria-label") or attr(el, "title")
    return Figure(kind="chart", alt=alt, src=absolute(image_src(img), page_url) if isinstance(img, Tag) else "")
