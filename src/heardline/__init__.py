"""heardline: a news article web page into semantically ordered audio chapters and an accessible EPUB 3.

The pipeline, one module or package per stage::

    read -> extract -> narrate -> speak -> write

Python use::

    from heardline import convert, Options
    result = convert("article.html", Options(out_dir=Path("out")))
"""

from __future__ import annotations

import logging

from .convert import Options, Result, convert, load_document, slugify
from .errors import HeardlineError
from .extract import extract_document
from .model import Document, Figure, from_json, to_json

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
