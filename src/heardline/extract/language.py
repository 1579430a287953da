"""Language tags and detection for extract: normalising BCP 47 tags and guessing the
language of unlabelled text (alt text, captions, pages with no ``lang``).

lingua is used here and nowhere else; its models load lazily, once per process,
and only for a text it has not seen: what it found is kept in
``$XDG_CACHE_HOME/heardline/languages.json`` (keyed by lingua's version, the
candidate languages and the text), so an unchanged article loads no model at all.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import re
from functools import lru_cache
from pathlib import Path

from ..atomic import write_json
from ..errors import OutputError
from ..speak.cache import default_cache_dir

__all__ = ["normalize_tag", "primary", "same_language", "detect_language", "guess_other_language"]

# Languages detection chooses among: common newsroom languages that espeak-ng speaks.
_CANDIDATES = ("en", "de", "fr", "es", "pt", "it", "nl", "pl", "tr", "ru", "uk", "ar", "sv", "da", "cs")
# For short texts a wide choice gives noise: the major languages of captions and alt texts.
_SHORT_CANDIDATES = ("en", "de", "fr", "es", "pt", "it", "nl")


def normalize_tag(tag: str | None) -> str | None:
    """A BCP 47 tag in canonical case, or None for an empty or invalid one.

    >>> normalize_tag("en_us")
    'en-US'
    >>> normalize_tag("DE-de")
    'de-DE'
    >>> normalize_tag("zh-hant-TW")
    'zh-Hant-TW'
    >>> normalize_tag("") is None
    True
    >>> normalize_tag("en-" + "x" * 5000)
    'en'
    """
    if not tag:
        return None
    parts = [p for p in re.split(r"[-_]", tag.strip()) if p]
    if not parts or not re.fullmatch(r"[A-Za-z]{2,3}", parts[0]):
        return None
    out = [parts[0].lower()]
    for p in parts[1:]:
        # subtags are 1-8 letters or digits, and a tag is at most 35 characters (RFC 5646 4.4.1)
        if not re.fullmatch(r"[A-Za-z0-9]{1,8}", p) or len("-".join(out)) + 1 + len(p) > 35:
            break
        if len(p) == 2 and p.isalpha():
            out.append(p.upper())
        elif len(p) == 4 and p.isalpha():
            out.append(p.title())
        else:
            out.append(p.lower())
    return "-".join(out)


def primary(tag: str | None) -> str:
    """The primary language subtag.

    >>> primary("de-AT")
    'de'
    """
    return (tag or "").split("-")[0].lower()


def same_language(a: str | None, b: str | None) -> bool:
    """Whether two tags name the same language (regions ignored).

    >>> same_language("en-GB", "en")
    True
    """
    return primary(a) == primary(b)


@lru_cache(maxsize=8)
def _detector(codes: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in codes]
    return LanguageDetectorBuilder.from_languages(*languages).build()


# texts remembered at most (the oldest are forgotten first)
_KNOWN_LIMIT = 20_000


class _Known:
    """Confidences found before, read from the cache file once, written back when new ones are added."""

    def __init__(self) -> None:
        self.path = default_cache_dir() / "languages.json"
        self.version = _lingua_version()
        known = _read_json(self.path)
        self.table: dict[str, dict[str, float]] = known if isinstance(known, dict) else {}
        self.dirty = False

    def key(self, text: str, codes: tuple[str, ...]) -> str:
        return f"{self.version}|{','.join(codes)}|{text}"

    def add(self, key: str, confidences: dict[str, float]) -> None:
        if not self.dirty:
            atexit.register(self.save)
            self.dirty = True
        self.table[key] = confidences
        for old in list(self.table)[: max(0, len(self.table) - _KNOWN_LIMIT)]:
            del self.table[old]

    def save(self) -> None:
        with contextlib.suppress(OutputError):  # a read-only cache only means detecting again
            write_json(self.path, self.table)
        self.dirty = False


@lru_cache(maxsize=1)
def _known() -> _Known:
    return _Known()


def _lingua_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("lingua-language-detector")
    except PackageNotFoundError:
        return "unknown"


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _confidences(text: str, codes: tuple[str, ...] = _CANDIDATES) -> dict[str, float]:
    known = _known()
    key = known.key(text, codes)
    if key in known.table:
        return dict(known.table[key])
    values = _detector(codes).compute_language_confidence_values(text)
    found = {v.language.iso_code_639_1.name.lower(): v.value for v in values}
    known.add(key, found)
    return found


def detect_language(text: str) -> str | None:
    """The language of a longer text (a whole article body), or None when unsure."""
    if len(text.split()) < 5:
        return None
    conf = _confidences(text[:5000])
    best = max(conf, key=conf.__getitem__)
    return best if conf[best] >= 0.5 else None


def guess_other_language(text: str, expected: str) -> str | None:
    """For a short unlabelled text (alt text, caption): its language when it is
    clearly not ``expected``, else None.

    Short texts are hard: the answer must be likely, well ahead of any other
    language, and ahead of the expected one, so that names and credits stay in
    the page's language.

    >>> guess_other_language("Irak Kämpfe im Westen von Mosul", "en")
    'de'
    >>> guess_other_language("Image: Reuters/Stringer", "en") is None
    True
    >>> guess_other_language("The destruction in western Mosul", "en") is None
    True
    """
    words = re.findall(r"[^\W\d_]{2,}", text)
    if len(words) < 2:
        return None
    codes: tuple[str, ...] = _SHORT_CANDIDATES
    if primary(expected) in _CANDIDATES and primary(expected) not in codes:
        codes = (*codes, primary(expected))
    conf = _confidences(text, codes)
    ranked = sorted(conf, key=conf.__getitem__, reverse=True)
    best, second = ranked[0], conf[ranked[1]] if len(ranked) > 1 else 0.0
    if same_language(best, expected):
        return None
    margin = conf[best] - conf.get(primary(expected), 0.0)
    if conf[best] >= 0.35 and conf[best] >= 1.5 * second and margin >= 0.15:
        return best
    return None
