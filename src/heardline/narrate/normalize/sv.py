"""Swedish normalisation rules."""

from __future__ import annotations

from num2words import num2words

from .numbers import day_ordinals


def _ordinal(day: int) -> str:
    return str(num2words(day, lang="sv", to="ordinal"))


_DATES = day_ordinals("sv", _ordinal)


def dates(text: str) -> str:
    """The day of a date as an ordinal, as Swedish news says it.

    >>> dates("Valet hålls den 11 september, lördag 3 maj.")
    'Valet hålls den elfte september, lördag tredje maj.'
    """
    return _DATES(text)
