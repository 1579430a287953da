"""Language tags and detection for extract: normalising BCP 47 tags and guessing the
language of unlabelled text (alt text, captions, pages with no ``lang``).

lingua (behind :mod:`heardline.extract.lingua_detect`) loads its models only for a text it has
not seen: what it found is kept in ``$XDG_CACHE_HOME/heardline/languages.json``
(keyed by lingua's version, the candidate languages, the mode and the text), so
an unchanged article loads no model at all. Whole articles are told apart in
lingua's low-accuracy mode (trigrams: tens of MB, reliable past a sentence);
short texts need every n-gram model (about 30 MB a language), so they are
detected in a child process, started on first need and kept for the next page,
which :func:`release_language_models` ends (``convert`` does after extraction), so
the models never weigh on synthesis and encoding.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import re
import subprocess
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

from ..atomic import write_json
from ..errors import OutputError
from ..interrupt import die_with_parent
from ..locale import base_language
from ..speak.cache import default_cache_dir
from .lingua_detect import detect

__all__ = [
    "normalize_tag", "primary", "same_language", "detect_language", "guess_other_language", "guess_other_languages",
    "release_language_models", "start_guessing",
]

# Languages detection chooses among: common newsroom languages that espeak-ng speaks.
_CANDIDATES = ("en", "de", "fr", "es", "pt", "it", "nl", "pl", "tr", "ru", "uk", "ar", "sv", "da", "cs")
# Texts at least this long are detected in low-accuracy mode (lingua's advice: 120 characters)
_LOW_ACCURACY_LENGTH = 120
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
    return base_language(tag or "")


def same_language(a: str | None, b: str | None) -> bool:
    """Whether two tags name the same language (regions ignored).

    >>> same_language("en-GB", "en")
    True
    """
    return primary(a) == primary(b)


# the program that detects in a child process
_PROGRAM = str(Path(__file__).with_name("lingua_detect.py"))


class _Detector:
    """The child process holding the full models: started on first need, asked one query a line."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()

    def ask(self, query: str) -> str:
        """The child's answer line, or "" when it could not answer (then it is ended)."""
        with self._lock:
            try:
                process = self._process
                if process is not None and process.poll() is not None:
                    self._end()  # ended from outside (a stop): its pipes closed, a new one started
                    process = None
                if process is None:
                    process = self._process = subprocess.Popen(
                        die_with_parent([sys.executable, "-I", _PROGRAM]), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                        stderr=subprocess.DEVNULL, text=True,
                    )
                if process.stdin is None or process.stdout is None:
                    return ""
                process.stdin.write(query + "\n")
                process.stdin.flush()
                answer = process.stdout.readline()
            except OSError:
                answer = ""
            if not answer:
                self._end()
            return answer

    def close(self) -> None:
        with self._lock:
            self._end()

    def _end(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        with contextlib.suppress(OSError):
            if process.stdin is not None:
                process.stdin.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


_DETECTOR = _Detector()
atexit.register(_DETECTOR.close)


def release_language_models() -> None:
    """End the detection process (its models): it starts again when a new text needs it."""
    _DETECTOR.close()


def _detect_apart(texts: Sequence[str], codes: tuple[str, ...], low: bool) -> list[dict[str, float]]:
    """As :func:`~heardline.extract.lingua_detect.detect`; the full models (``low`` false) are loaded in the
    detection process (in this one should that fail)."""
    if low:
        return detect(texts, codes, low)
    answer = _DETECTOR.ask(json.dumps({"texts": list(texts), "codes": list(codes)}))
    with contextlib.suppress(ValueError):
        found = json.loads(answer) if answer else None
        if isinstance(found, list) and len(found) == len(texts):
            return [{str(k): float(v) for k, v in item.items()} for item in found]
    return detect(texts, codes, low)


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

    def key(self, text: str, codes: tuple[str, ...], low: bool) -> str:
        return f"{self.version}{'|low' if low else ''}|{','.join(codes)}|{text}"

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


def _confidences(texts: Sequence[str], codes: tuple[str, ...], low: bool) -> list[dict[str, float]]:
    """Confidences per language of each text: remembered, or detected together."""
    known = _known()
    keys = [known.key(text, codes, low) for text in texts]
    missing = {key: text for key, text in zip(keys, texts) if key not in known.table}
    if missing:
        for key, found in zip(missing, _detect_apart(list(missing.values()), codes, low)):
            known.add(key, found)
    return [dict(known.table[key]) for key in keys]


def detect_language(text: str) -> str | None:
    """The language of a longer text (a whole article body), or None when unsure."""
    if len(text.split()) < 5:
        return None
    (conf,) = _confidences([text[:5000]], _CANDIDATES, low=len(text) >= _LOW_ACCURACY_LENGTH)
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
    """
    return guess_other_languages([text], expected)[0]


def guess_other_languages(texts: Sequence[str], expected: str) -> list[str | None]:
    """:func:`guess_other_language` of each text, the models loaded once for all of them.

    >>> guess_other_languages(["Image: Reuters/Stringer", "The destruction in western Mosul", "Karte Mossul ENG"], "en")
    [None, None, 'de']
    """
    codes: tuple[str, ...] = _SHORT_CANDIDATES
    if primary(expected) in _CANDIDATES and primary(expected) not in codes:
        codes = (*codes, primary(expected))
    wanted = [text for text in texts if len(re.findall(r"[^\W\d_]{2,}", text)) >= 2]
    found = dict(zip(wanted, _confidences(wanted, codes, low=False))) if wanted else {}
    return [_other(found[text], expected) if text in found else None for text in texts]


def start_guessing(texts: Sequence[str], expected: str) -> Future[list[str | None]]:
    """:func:`guess_other_languages` started on a thread of its own, so that the models
    load while the caller goes on; what it finds is remembered, so asking again for the
    same texts once it is done costs nothing."""
    return _guesser().submit(guess_other_languages, list(texts), expected)


@lru_cache(maxsize=1)
def _guesser() -> ThreadPoolExecutor:
    """The one thread that detection started ahead runs on. It lives as long as
    heardline does: the detection process it starts is killed when the thread that
    started it ends (see :func:`~heardline.interrupt.die_with_parent`), and it is
    meant to serve the next page too."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="heardline-languages")


def _other(conf: dict[str, float], expected: str) -> str | None:
    ranked = sorted(conf, key=conf.__getitem__, reverse=True)
    best, second = ranked[0], conf[ranked[1]] if len(ranked) > 1 else 0.0
    if same_language(best, expected):
        return None
    margin = conf[best] - conf.get(primary(expected), 0.0)
    if conf[best] >= 0.35 and conf[best] >= 1.5 * second and margin >= 0.15:
        return best
    return None
