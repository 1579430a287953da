"""Normalisation rules that hold in every language."""

from __future__ import annotations

import re

# upper-case words a newsroom says as words, not letters
SPOKEN_AS_WORDS = frozenset(
    ["NATO", "UNESCO", "UNICEF", "NASA", "OPEC", "FIFA", "UEFA", "AIDS", "COVID", "ASEAN", "OSZE", "NAFTA", "FEMA", "SARS", "ISIS", "DAX", "NASDAQ", "INTERPOL", "EUROPOL", "FRONTEX", "UNHCR", "ESA", "CERN", "IKEA", "LEGO", "BAFTA", "OPEC", "SWAT", "RAM", "ROM", "LED", "GIF", "JPEG", "PIN", "ZDF", "ARD", "ORF", "SAT", "TOEFL", "DEFRA", "ONU", "OTAN", "UNEF", "OPEP"]
)
_ACRONYM = re.compile(r"(?<![\w.])([A-ZÄÖÜ]{2,5})(s?)(?!\w)(?!\.\w)")


def acronyms(text: str) -> str:
    """Upper-case abbreviations spoken letter by letter, as a newsroom reads them.

    >>> acronyms("The IS group and the US military met NATO and AFP staff.")
    'The I S group and the U S military met NATO and A F P staff.'
    >>> acronyms("the coalition against IS. AFP said")
    'the coalition against I S. A F P said'
    >>> acronyms("Three NGOs and CEOs")
    'Three N G O s and C E O s'
    """

    def spell(m: re.Match[str]) -> str:
        word, plural = m.group(1), m.group(2)
        if word in SPOKEN_AS_WORDS:
            return m.group(0)
        return " ".join(word) + (" s" if plural else "")

    return _ACRONYM.sub(spell, text)


def symbols(text: str) -> str:
    """Typographic symbols a voice would read out or stumble on.

    >>> symbols("Rock & roll — «live» / on tour…")
    'Rock and roll, "live" on tour...'
    """
    text = re.sub(r"\s+&\s+", " and ", text)
    text = re.sub(r"\s+[—–]\s+", ", ", text)
    text = text.replace("«", '"').replace("»", '"').replace("„", '"').replace("“", '"').replace("”", '"')
    text = text.replace("…", "...")
    text = re.sub(r"\s+/\s+", " ", text)
    text = re.sub(r"[*#_|~^]+", " ", text)
    return text


def substitute(text: str, table: list[tuple[str, str]]) -> str:
    """Every (pattern, words) of a table applied in order: the body of each
    language's abbreviation rule.

    >>> substitute("z. B. hier", [(r"\\bz\\.\\s?B\\.", "zum Beispiel")])
    'zum Beispiel hier'
    """
    for pattern, words in table:
        text = re.sub(pattern, words, text)
    return text


def whitespace(text: str) -> str:
    """Single spaces, none before punctuation.

    >>> whitespace("  a  b ,c ")
    'a b,c'
    """
    return re.sub(r"\s+([,.;:!?])", r"\1", re.sub(r"\s+", " ", text)).strip()
