"""heardline: a news article web page into semantically ordered audio chapters and an accessible EPUB 3.

The pipeline, one module or package per stage::

    read -> extract -> narrate -> speak -> write

Python use::

    from heardline import convert, Options
    result = convert("article.html", Options(out_dir=Path("out")))
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .convert import Options, Result, convert, load_document, slugify
    from .errors import HeardlineError
    from .extract import extract_document
    from .model import Document, Figure, from_json, to_json

# imported when first used: a speech worker process imports this package and needs none of it
_LAZY = {
    "Options": "convert", "Result": "convert", "convert": "convert", "load_document": "convert", "slugify": "convert",
    "HeardlineError": "errors", "extract_document": "extract",
    "Document": "model", "Figure": "model", "from_json": "model", "to_json": "model",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "Document",
    "Figure",
    "HeardlineError",
    "Options",
    "Result",
    "convert",
    "extract_document",
    "from_json",
    "load_document",
    "slugify",
    "to_json",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
