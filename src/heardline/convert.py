"""convert: the pipeline read -> extract -> narrate -> speak -> write, and nothing else."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .extract import extract_document
from .model import Document, to_json
from .read import Page, ReadOptions, read_source
from .write.files import write_json

__all__ = ["Options", "Result", "convert", "slugify", "load_document"]


@dataclass(frozen=True)
class Options:
    """Everything a conversion can be told; the CLI builds one of these."""

    out_dir: Path = Path("out")
    read: ReadOptions = field(default_factory=ReadOptions)


@dataclass(frozen=True)
class Result:
    """What one conversion made."""

    source: str
    slug: str
    folder: Path
    document: Document
    # every file written, relative to ``folder``
    files: tuple[str, ...] = ()


def slugify(text: str, max_length: int = 80) -> str:
    """An ASCII, lower-case, hyphenated name for a headline, stable across runs.

    >>> slugify("'IS' digs its heels in as Mosul falls")
    'is-digs-its-heels-in-as-mosul-falls'
    >>> slugify("Grüße aus Köln: Straße & Ärger")
    'grusse-aus-koln-strasse-arger'
    >>> slugify("！！！")
    'article'
    """
    text = text.replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("œ", "oe")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "article"


def load_document(source: str | None, options: ReadOptions = ReadOptions()) -> tuple[Page, Document]:
    """read and extract: a source to its Document."""
    page = read_source(source, options)
    return page, extract_document(page.html, page.source, page.url)


def convert(source: str | None, options: Options = Options()) -> Result:
    """Convert one article (``None``: the bundled sample) into ``options.out_dir/<slug>/``."""
    page, document = load_document(source, options.read)
    slug = slugify(document.headline)
    folder = options.out_dir / slug
    files = [write_json(folder / "document.json", to_json(document))]
    return Result(
        source=page.source,
        slug=slug,
        folder=folder,
        document=document,
        files=tuple(str(f.relative_to(folder)) for f in files),
    )
