"""The Document: the article's semantic model, what extract produces and every later stage reads.

It knows nothing of HTML, audio or EPUB and imports nothing of ours and no
third-party library. Frozen dataclasses, tuples for sequences. ``to_json`` /
``from_json`` give the ``heardline.document/1`` JSON of SPEC.md.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone  # noqa: F401 (timezone: used by doctests)
from typing import Any, Union

SCHEMA = "heardline.document/1"

FIGURE_KINDS = ("photo", "map", "chart", "gallery", "video")
PARAGRAPH_ROLES = ("body", "lead", "date")
SKIP_ROLES = ("content", "navigation", "search", "other")


@dataclass(frozen=True)
class Span:
    """A run of text inside a paragraph that mixes languages."""

    text: str
    # BCP 47 tag of this run, always set (the paragraph's own where unmarked)
    lang: str


@dataclass(frozen=True)
class Link:
    """A link kept from the page (the lists behind skip links)."""

    text: str
    href: str


@dataclass(frozen=True)
class SkipLink:
    """An in-page "skip to …" link at the top of the source page."""

    # the link's wording on the page, unchanged
    text: str
    # the id it jumps to (without "#")
    target: str
    # content | navigation | search | other
    role: str
    # for navigation/other: the links found at the target, so a writer can keep them
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    # set only where it differs from the document's language
    lang: str | None = None


@dataclass(frozen=True)
class Paragraph:
    text: str
    # body | lead | date; a date paragraph with no text stands for the metadata's date,
    # which the page does not show: narration and the book write it in their language
    role: str = "body"
    lang: str | None = None
    # present only where the paragraph mixes languages; their texts join to ``text``
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Figure:
    # photo | map | chart | gallery | video
    kind: str
    # the image's text alternative exactly as the page gives it ("" when decorative or missing)
    alt: str
    caption: str = ""
    credit: str = ""
    src: str = ""
    # languages of alt and caption where they differ from the document's
    alt_lang: str | None = None
    caption_lang: str | None = None


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[str, ...]
    lang: str | None = None


@dataclass(frozen=True)
class Quote:
    text: str
    lang: str | None = None
    cite: str = ""


@dataclass(frozen=True)
class Related:
    """A "Read more: …" link to another article, inside the body."""

    text: str
    href: str = ""
    # the label before the link on the page ("Read more:"), kept apart
    label: str = ""


@dataclass(frozen=True)
class Byline:
    """The closing byline or agency credit ("es/rc (AP, AFP)")."""

    text: str


@dataclass(frozen=True)
class LeftOut:
    """Text of the page that extraction left out of the article, and the rule that did."""

    # the opening words of what was left out
    text: str
    rule: str


Block = Union[Heading, Paragraph, Figure, ListBlock, Quote, Related, Byline]  # noqa: UP007 (a runtime alias on 3.10)

_BLOCK_TYPES: dict[str, type[Block]] = {
    "heading": Heading,
    "paragraph": Paragraph,
    "figure": Figure,
    "list": ListBlock,
    "quote": Quote,
    "related": Related,
    "byline": Byline,
}
_TYPE_NAMES = {cls: name for name, cls in _BLOCK_TYPES.items()}


def block_type(block: Block) -> str:
    """The JSON ``type`` name of a block.

    >>> block_type(Heading(level=2, text="Reaction"))
    'heading'
    """
    return _TYPE_NAMES[type(block)]


@dataclass(frozen=True)
class Document:
    """One article: metadata, the skip links of its page, and its blocks in reading order."""

    lang: str
    headline: str
    blocks: tuple[Block, ...]
    title: str = ""
    description: str = ""
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    byline: str = ""
    publisher: str = ""
    url: str = ""
    # the news agencies the closing credit names ("es/rc (AP, AFP)" -> AP, AFP)
    agencies: tuple[str, ...] = ()
    skip_links: tuple[SkipLink, ...] = field(default=())
    # the next page's address when the article continues on another page
    continued: str = ""
    # what extraction left out and why: for inspect and report.json, not part of the article
    left_out: tuple[LeftOut, ...] = field(default=(), compare=False)

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Figure))


def document_identifier(document: Document, source: str) -> str:
    """A stable identifier for an article: the same source gives the same id
    (the EPUB's dc:identifier, the feed item's guid).

    >>> a = Document(lang="en", headline="H", blocks=(), url="https://x.org/a")
    >>> document_identifier(a, "a.html") == document_identifier(a, "b.html")
    True
    >>> document_identifier(a, "a.html").startswith("urn:uuid:")
    True
    """
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, document.url or source)}"


# -- JSON ---------------------------------------------------------------------


def _format_datetime(value: datetime) -> str:
    """ISO 8601, with ``Z`` for UTC.

    >>> _format_datetime(datetime(2017, 5, 28, 17, 41, tzinfo=timezone.utc))
    '2017-05-28T17:41:00Z'
    """
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _parse_datetime(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _dump_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_dump_value(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return _dump_object(value)
    return value


def _dump_object(obj: Any) -> dict[str, Any]:
    """Fields in declaration order; empty optional fields are left out."""
    out: dict[str, Any] = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if value is None or value == () or (value == "" and f.default == ""):
            continue
        out[f.name] = _dump_value(value)
    return out


def block_to_json(block: Block) -> dict[str, Any]:
    return {"type": block_type(block), **_dump_object(block)}


def to_json(document: Document) -> dict[str, Any]:
    """The Document as the ``heardline.document/1`` JSON object."""
    out: dict[str, Any] = {"schema": SCHEMA, "lang": document.lang, "headline": document.headline}
    out["title"] = document.title
    out["description"] = document.description
    out["published"] = _format_datetime(document.published) if document.published else None
    out["authors"] = list(document.authors)
    out["byline"] = document.byline
    if document.agencies:  # left out when none, as documents before it were written
        out["agencies"] = list(document.agencies)
    out["publisher"] = document.publisher
    out["url"] = document.url
    out["skip_links"] = [_dump_object(s) for s in document.skip_links]
    if document.continued:
        out["continued"] = document.continued
    out["blocks"] = [block_to_json(b) for b in document.blocks]
    return out


def _block_from_json(data: dict[str, Any]) -> Block:
    data = dict(data)
    cls = _BLOCK_TYPES[data.pop("type")]
    if cls is Paragraph and "spans" in data:
        data["spans"] = tuple(Span(**s) for s in data["spans"])
    if cls is ListBlock:
        data["items"] = tuple(data["items"])
    block: Block = cls(**data)
    return block


def from_json(data: dict[str, Any]) -> Document:
    """Inverse of :func:`to_json`."""
    if data.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} document: schema={data.get('schema')!r}")
    return Document(
        lang=data["lang"],
        headline=data["headline"],
        title=data.get("title", ""),
        description=data.get("description", ""),
        published=_parse_datetime(data["published"]) if data.get("published") else None,
        authors=tuple(data.get("authors", ())),
        byline=data.get("byline", ""),
        agencies=tuple(data.get("agencies", ())),
        publisher=data.get("publisher", ""),
        url=data.get("url", ""),
        continued=data.get("continued", ""),
        skip_links=tuple(
            SkipLink(
                text=s["text"],
                target=s["target"],
                role=s["role"],
                links=tuple(Link(**link) for link in s.get("links", ())),
            )
            for s in data.get("skip_links", ())
        ),
        blocks=tuple(_block_from_json(b) for b in data["blocks"]),
    )
