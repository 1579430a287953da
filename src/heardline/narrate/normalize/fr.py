"""French normalisation rules."""

from __future__ import annotations

import re

from num2words import num2words

from .common import substitute

_ABBR = [
    (r"\bM\.(?=\s[A-ZÉ])", "Monsieur"),
    (r"\bMM\.(?=\s[A-ZÉ])", "Messieurs"),
    (r"\bMme(?=\s)", "Madame"),
    (r"\bMlle(?=\s)", "Mademoiselle"),
    (r"\bDr(?=\s[A-ZÉ])", "Docteur"),
    (r"\bPr(?=\s[A-ZÉ])", "Professeur"),
    (r"\bp\.\s?ex\.", "par exemple"),
    (r"\betc\.", "et cetera"),
]
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11, "XII": 12,
          "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19, "XX": 20, "XXI": 21}


def abbreviations(text: str) -> str:
    """Common abbreviations in full.

    >>> abbreviations("M. Dupont et Mme Durand, p. ex. ici")
    'Monsieur Dupont et Madame Durand, par exemple ici'
    """
    return substitute(text, _ABBR)


def times(text: str) -> str:
    """Clock times written with "h", in words so the voice makes the liaison ("dix-neuf heures").

    >>> times("à 19h30 et à 1 h")
    'à dix-neuf heures trente et à une heure'
    """

    def clock(m: re.Match[str]) -> str:
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        said = "une heure" if hour == 1 else f"{num2words(hour, lang='fr')} heures"
        return said + (f" {num2words(minute, lang='fr')}" if minute else "")

    return re.sub(r"\b(\d{1,2})\s?h\s?(\d{2})?\b", clock, text)


def centuries(text: str) -> str:
    """Roman ordinals: "XIXe siècle".

    >>> centuries("au XIXe siècle et au Ier siècle")
    'au dix-neuvième siècle et au premier siècle'
    """

    def ordinal(m: re.Match[str]) -> str:
        return str(num2words(_ROMAN[m.group(1)], lang="fr", to="ordinal"))

    return re.sub(r"\b(" + "|".join(sorted(_ROMAN, key=len, reverse=True)) + r")(?:e|ème|er|re)\b", ordinal, text)


def ordinals(text: str) -> str:
    """Ordinals written with a letter: "1er", "2e", "3ème".

    >>> ordinals("le 1er mai, 2e de la course, la 1re fois")
    'le premier mai, deuxième de la course, la première fois'
    """

    def ordinal(m: re.Match[str]) -> str:
        value, suffix = int(m.group(1)), m.group(2)
        if value == 1:
            return "première" if suffix in ("re", "ère") else "premier"
        return str(num2words(value, lang="fr", to="ordinal"))

    return re.sub(r"\b(\d{1,3})(er|re|ère|e|ème)\b", ordinal, text)
