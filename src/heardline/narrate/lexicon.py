"""Pronunciation lexicons in W3C PLS format (``voices/lexicons/<lang>.pls``), applied
to the text before normalisation: each grapheme, as a whole word, becomes its alias."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..locale import base_language

__all__ = ["Lexicon", "load_lexicon", "parse_pls"]

_NS = "{http://www.w3.org/2005/01/pronunciation-lexicon}"


@dataclass(frozen=True)
class Lexicon:
    # (grapheme, alias), longest graphemes first
    entries: tuple[tuple[str, str], ...] = ()
    # (grapheme, IPA) of lexemes with a <phoneme> and no <alias>: for engines that take phonemes
    phonemes: tuple[tuple[str, str], ...] = ()

    @property
    def digest(self) -> str:
        return hashlib.sha256(repr(self.entries).encode()).hexdigest()[:16]

    def apply(self, text: str) -> str:
        """Replace each grapheme (whole words, case as written) by its alias.

        >>> Lexicon((("Ibn Sina", "Ibben Seena"), ("Mosul", "Moh-sool"))).apply("Mosul's Ibn Sina hospital")
        "Moh-sool's Ibben Seena hospital"
        """
        if not self.entries:
            return text
        table = dict(self.entries)
        pattern = "|".join(re.escape(g) for g, _ in self.entries)
        return re.sub(rf"(?<!\w)({pattern})(?!\w)", lambda m: table[m.group(1)], text)


def parse_pls(data: bytes) -> Lexicon:
    """Entries of a PLS document: every ``<grapheme>`` of a lexeme maps to its first ``<alias>``;
    a lexeme without an alias but with an IPA ``<phoneme>`` maps to that phoneme string.

    >>> ns = 'xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa"'
    >>> parse_pls(f'<lexicon {ns}><lexeme><grapheme>Mosul</grapheme><phoneme>moʊˈsuːl</phoneme></lexeme></lexicon>'.encode())
    Lexicon(entries=(), phonemes=(('Mosul', 'moʊˈsuːl'),))
    """
    root = ET.fromstring(data)
    entries: list[tuple[str, str]] = []
    phonemes: list[tuple[str, str]] = []
    for lexeme in root.iter(f"{_NS}lexeme"):
        alias = (lexeme.findtext(f"{_NS}alias") or "").strip()
        phoneme = lexeme.find(f"{_NS}phoneme")
        ipa = phoneme is not None and phoneme.get("alphabet", root.get("alphabet", "")) == "ipa"
        spoken = (phoneme.text or "").strip() if phoneme is not None and ipa else ""
        for grapheme in lexeme.findall(f"{_NS}grapheme"):
            if grapheme.text and grapheme.text.strip():
                if alias:
                    entries.append((grapheme.text.strip(), alias))
                elif spoken:
                    phonemes.append((grapheme.text.strip(), spoken))
    entries.sort(key=lambda e: -len(e[0]))
    phonemes.sort(key=lambda e: -len(e[0]))
    return Lexicon(tuple(entries), tuple(phonemes))


@lru_cache(maxsize=32)
def load_lexicon(folder: Path, lang: str) -> Lexicon:
    """The lexicon for a language (``de-AT`` falls back to ``de``), empty when there is none."""
    for name in (lang, base_language(lang)):
        path = folder / f"{name}.pls"
        if path.is_file():
            try:
                return parse_pls(path.read_bytes())
            except ET.ParseError as exc:
                from ..errors import UsageError

                raise UsageError(f"{path}: not a valid PLS lexicon: {exc}") from exc
    return Lexicon()
