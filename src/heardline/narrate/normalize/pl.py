"""Polish normalisation rules."""

from __future__ import annotations

import re

from num2words import num2words

from .numbers import day_ordinals

# the ordinal words of a year's last part, in the locative (and instrumental) masculine: "w 1989 roku"
_UNITS = ["", "pierwszym", "drugim", "trzecim", "czwartym", "piątym", "szóstym", "siódmym", "ósmym", "dziewiątym"]
_TEENS = ["dziesiątym", "jedenastym", "dwunastym", "trzynastym", "czternastym", "piętnastym", "szesnastym",
          "siedemnastym", "osiemnastym", "dziewiętnastym"]
_TENS = ["", "", "dwudziestym", "trzydziestym", "czterdziestym", "pięćdziesiątym", "sześćdziesiątym",
         "siedemdziesiątym", "osiemdziesiątym", "dziewięćdziesiątym"]
_HUNDREDS = ["", "setnym", "dwusetnym", "trzechsetnym", "czterechsetnym", "pięćsetnym", "sześćsetnym",
             "siedemsetnym", "osiemsetnym", "dziewięćsetnym"]
_THOUSANDS = {1000: "tysięcznym", 2000: "dwutysięcznym"}
# prepositions after which "roku" is the locative ("w 1989 roku"); after the others it is the genitive ("od 1989 roku")
_LOCATIVE = {"w", "we", "o", "po"}


def ordinal_year(year: int, genitive: bool = False) -> str:
    """A year as the ordinal Polish says it in, locative/instrumental or genitive masculine.

    >>> ordinal_year(1989), ordinal_year(2019, genitive=True), ordinal_year(1900), ordinal_year(2000)
    ('tysiąc dziewięćset osiemdziesiątym dziewiątym', 'dwa tysiące dziewiętnastego', 'tysiąc dziewięćsetnym', 'dwutysięcznym')
    """
    last = year % 100
    if year in _THOUSANDS:
        said = _THOUSANDS[year]
    elif last == 0:
        said = f"{_cardinal(year - year % 1000)} {_HUNDREDS[year % 1000 // 100]}"
    else:
        said = f"{_cardinal(year - last)} {_ordinal(last)}" if year - last else _ordinal(last)
    return _genitive(said) if genitive else said


def _ordinal(value: int) -> str:
    """1 to 99 as an ordinal, locative masculine."""
    return _TEENS[value - 10] if 10 <= value < 20 else " ".join(w for w in (_TENS[value // 10], _UNITS[value % 10]) if w)


def _genitive(locative: str) -> str:
    return re.sub(r"im\b", "iego", re.sub(r"ym\b", "ego", locative))


_DATES = day_ordinals("pl", lambda day: _genitive(_ordinal(day)))


def dates(text: str) -> str:
    """The day of a date as an ordinal in the genitive, as Polish says it.

    >>> dates("Wybory odbędą się 15 października, a 3 maja jest święto.")
    'Wybory odbędą się piętnastego października, a trzeciego maja jest święto.'
    >>> dates("21 grudnia")
    'dwudziestego pierwszego grudnia'
    """
    return _DATES(text)


def _cardinal(value: int) -> str:
    return str(num2words(value, lang="pl"))


def years(text: str) -> str:
    """Years before "roku"/"rokiem"/"r." as ordinals in the case the preposition asks for.

    >>> years("Mur upadł w 1989 roku, a od 2004 r. Polska jest w UE.")
    'Mur upadł w tysiąc dziewięćset osiemdziesiątym dziewiątym roku, a od dwa tysiące czwartego roku Polska jest w UE.'
    >>> years("przed 1918 rokiem, do 2030 roku i w latach 90.")
    'przed tysiąc dziewięćset osiemnastym rokiem, do dwa tysiące trzydziestego roku i w latach 90.'
    """

    def year(m: re.Match[str]) -> str:
        word = "roku" if m.group(3) == "r." else m.group(3)
        genitive = word == "roku" and m.group(1).lower() not in _LOCATIVE
        return f"{m.group(1)} {ordinal_year(int(m.group(2)), genitive)} {word}"

    return re.sub(r"(?<!\w)(\w+)\s+(1\d{3}|20\d{2})\s+(roku|rokiem|r\.)(?!\w)", year, text)
