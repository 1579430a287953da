"""English normalisation rules."""

from __future__ import annotations

import re

from num2words import num2words

from ...locale import MONTHS as LOCALE_MONTHS
from .common import substitute

MONTHS = LOCALE_MONTHS["en"]
_MONTH = "(" + "|".join(MONTHS) + r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_ABBR = [
    (r"\be\.g\.", "for example"),
    (r"\bi\.e\.", "that is"),
    (r"\betc\.", "et cetera"),
    (r"\bvs\.?(?=\s)", "versus"),
    (r"\bDr\.(?=\s)", "Doctor"),
    (r"\bProf\.(?=\s)", "Professor"),
    (r"\bMr\.(?=\s)", "Mister"),
    (r"\bMrs\.(?=\s)", "Missus"),
    (r"\bSt\.(?=\s[A-Z])", "Saint"),
    (r"\b([A-Z][a-z]+) St\.(?=\s[a-z]|\s*$|[,;])", r"\1 Street"),
    (r"\bJr\.", "Junior"),
    (r"\bSr\.", "Senior"),
    (r"\bNo\.(?=\s?\d)", "number"),
    (r"\bapprox\.", "approximately"),
    (r"\bU\.S\.(?=\s)", "U S"),
    (r"\bU\.K\.(?=\s)", "U K"),
    (r"\bU\.N\.(?=\s)", "U N"),
]
_SHORT_MONTHS = {m[:3].lower(): m for m in MONTHS}


def abbreviations(text: str) -> str:
    """Common abbreviations in full.

    >>> abbreviations("Dr. Jones, e.g. the U.S. team, met Mr. Li at No. 10.")
    'Doctor Jones, for example the U S team, met Mister Li at number 10.'
    >>> abbreviations("King Jr. lived at 10 Downing St. in London")
    'King Junior lived at 10 Downing Street in London'
    """
    return substitute(text, _ABBR)


def _month(name: str) -> str:
    return _SHORT_MONTHS.get(name.rstrip(".")[:3].lower(), name)


def dates(text: str) -> str:
    """Days of the month as ordinals: "May 28, 2017", "28 May 2017".

    >>> dates("on May 28, 2017 and on 4 July")
    'on May twenty-eighth, 2017 and on the fourth of July'
    >>> dates("Published Sept. 3")
    'Published September third'
    """
    text = re.sub(
        rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent))",
        lambda m: f"{_month(m.group(1))} {num2words(int(m.group(2)), lang='en', to='ordinal')}" if 1 <= int(m.group(2)) <= 31 else m.group(0),
        text,
    )
    return re.sub(
        rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\b",
        lambda m: f"the {num2words(int(m.group(1)), lang='en', to='ordinal')} of {_month(m.group(2))}" if 1 <= int(m.group(1)) <= 31 else m.group(0),
        text,
    )


def times(text: str) -> str:
    """Clock times.

    >>> times("leaves at 8.38pm, arrives 10:05 a.m.")
    'leaves at 8 38 p m, arrives 10 oh 5 a m'
    """

    def clock(m: re.Match[str]) -> str:
        hour, minute, half = m.group(1), m.group(2), (m.group(3) or "").replace(".", "").lower()
        minutes = "" if minute == "00" else (f" oh {int(minute)}" if minute.startswith("0") else f" {minute}")
        suffix = f" {' '.join(half)}" if half else ""
        return f"{hour}{minutes or ' o clock' if not half else minutes}{suffix}"

    return re.sub(r"\b(\d{1,2})[:.](\d{2})\s*([ap]\.?m\.?)?(?=\W|$)", lambda m: clock(m) if m.group(3) or ":" in m.group(0) else m.group(0), text, flags=re.I)


_ROMAN = {"II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16}


def roman_numerals(text: str) -> str:
    """Roman numerals after a name: "World War II", "Elizabeth II".

    >>> roman_numerals("After World War II, Elizabeth II and Henry VIII")
    'After World War Two, Elizabeth the Second and Henry the Eighth'
    """

    def roman(m: re.Match[str]) -> str:
        word, numeral = m.group(1), m.group(2)
        value = _ROMAN[numeral]
        if word.lower() in ("war", "phase", "part", "chapter", "vatican", "act", "level", "stage", "type", "class"):
            return f"{word} {num2words(value, lang='en').title()}"
        return f"{word} the {num2words(value, lang='en', to='ordinal').title()}"

    return re.sub(r"\b([A-Z][a-z]+) (" + "|".join(sorted(_ROMAN, key=len, reverse=True)) + r")\b", roman, text)


def ordinals(text: str) -> str:
    """Ordinal suffixes in words.

    >>> ordinals("the 21st century and 3rd place")
    'the twenty-first century and third place'
    """
    return re.sub(r"\b(\d+)(st|nd|rd|th)\b", lambda m: num2words(int(m.group(1)), lang="en", to="ordinal"), text)
