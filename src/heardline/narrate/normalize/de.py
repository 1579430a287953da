"""German normalisation rules."""

from __future__ import annotations

import re

from num2words import num2words

from ...locale import MONTHS as LOCALE_MONTHS
from ...locale import month_names
from .common import substitute

MONTHS = LOCALE_MONTHS["de"]
_MONTH = "(" + "|".join(month_names("de")) + ")"
_ABBR = [
    (r"\bz\.\s?B\.", "zum Beispiel"),
    (r"\bd\.\s?h\.", "das heißt"),
    (r"\bu\.\s?a\.", "unter anderem"),
    (r"\bu\.\s?ä\.", "und ähnliches"),
    (r"\bbzw\.", "beziehungsweise"),
    (r"\busw\.", "und so weiter"),
    (r"\bvgl\.", "vergleiche"),
    (r"\bca\.", "circa"),
    (r"\bggf\.", "gegebenenfalls"),
    (r"\binkl\.", "inklusive"),
    (r"\bsog\.", "sogenannte"),
    (r"\bDr\.(?=\s)", "Doktor"),
    (r"\bProf\.(?=\s)", "Professor"),
    (r"\bNr\.(?=\s?\d)", "Nummer"),
    (r"\bSt\.(?=\s[A-ZÄÖÜ])", "Sankt"),
    (r"\bMio\.", "Millionen"),
    (r"\bMrd\.", "Milliarden"),
    (r"\bJh\.", "Jahrhundert"),
    (r"\bTel\.", "Telefon"),
    (r"\bn\.\s?Chr\.", "nach Christus"),
    (r"\bv\.\s?Chr\.", "vor Christus"),
    (r"(?<=\w)str\.", "straße"),
    (r"\bStr\.", "Straße"),
]


def abbreviations(text: str) -> str:
    """Common abbreviations in full.

    >>> abbreviations("z. B. Dr. Weber, Nr. 5, usw.")
    'zum Beispiel Doktor Weber, Nummer 5, und so weiter'
    >>> abbreviations("Bahnhofstr. 5, Tel. 030 123")
    'Bahnhofstraße 5, Telefon 030 123'
    """
    return substitute(text, _ABBR)


def _ordinal(day: int) -> str:
    # the dative/accusative form, as in "am dritten Oktober", "vom 28. Mai"
    return str(num2words(day, lang="de", to="ordinal")) + "n"


def dates(text: str) -> str:
    """Numeric dates and "28. Mai" as spoken German.

    >>> dates("Am 3.10.1990 und am 28. Mai 2017")
    'Am dritten Oktober 1990 und am achtundzwanzigsten Mai 2017'
    >>> dates("Stand: 09.08.2023")
    'Stand: neunten August 2023'
    """

    def numeric(m: re.Match[str]) -> str:
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return m.group(0)
        return f"{_ordinal(day)} {MONTHS[month - 1]}" + (f" {year}" if year else "")

    text = re.sub(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})?(?!\d)", numeric, text)
    return re.sub(rf"\b(\d{{1,2}})\.\s?{_MONTH}", lambda m: f"{_ordinal(int(m.group(1)))} {m.group(2)}", text)


def times(text: str) -> str:
    """Clock times with "Uhr".

    >>> times("um 19:30 Uhr und 8.15 Uhr, 22.42 Uhr")
    'um 19 Uhr 30 und 8 Uhr 15, 22 Uhr 42'
    """
    return re.sub(r"\b(\d{1,2})[:.](\d{2})\s?Uhr\b", lambda m: f"{m.group(1)} Uhr" + ("" if m.group(2) == "00" else f" {int(m.group(2))}"), text)


def ordinals(text: str) -> str:
    """Ordinal numbers before a noun: "der 2. Weltkrieg".

    >>> ordinals("im 2. Weltkrieg, der 21. Januar")
    'im zweiten Weltkrieg, der einundzwanzigsten Januar'
    """
    return re.sub(r"\b(\d{1,3})\.\s(?=[A-ZÄÖÜ][a-zäöüß])", lambda m: _ordinal(int(m.group(1))) + " ", text)
