"""Text normalisation for speech: an ordered list of small named rules per language.

Each rule is a pure function ``str -> str`` with a doctest; ``normalize(text,
lang, skip=("acronyms",))`` runs them in order, leaving out those named.
The page's words stay in ``source_text``; what these rules return is spoken.
"""

from __future__ import annotations

from collections.abc import Callable

from . import common, de, en, es, fr

__all__ = ["normalize", "rules_for", "Rule"]

Rule = tuple[str, Callable[[str], str]]

RULES: dict[str, list[Rule]] = {
    "en": [
        ("symbols", common.symbols),
        ("abbreviations", en.abbreviations),
        ("dates", en.dates),
        ("times", en.times),
        ("currencies", en.currencies),
        ("percentages", en.percentages),
        ("ranges", en.ranges),
        ("roman_numerals", en.roman_numerals),
        ("ordinals", en.ordinals),
        ("acronyms", common.acronyms),
        ("whitespace", common.whitespace),
    ],
    "de": [
        ("symbols", common.symbols),
        ("abbreviations", de.abbreviations),
        ("dates", de.dates),
        ("times", de.times),
        ("currencies", de.currencies),
        ("percentages", de.percentages),
        ("ranges", de.ranges),
        ("ordinals", de.ordinals),
        ("acronyms", common.acronyms),
        ("whitespace", common.whitespace),
    ],
    "fr": [
        ("symbols", common.symbols),
        ("abbreviations", fr.abbreviations),
        ("times", fr.times),
        ("centuries", fr.centuries),
        ("acronyms", common.acronyms),
        ("whitespace", common.whitespace),
    ],
    "es": [
        ("symbols", common.symbols),
        ("abbreviations", es.abbreviations),
        ("acronyms", common.acronyms),
        ("whitespace", common.whitespace),
    ],
}
# languages without rules of their own get the ones that hold everywhere
_GENERIC: list[Rule] = [("symbols", common.symbols), ("acronyms", common.acronyms), ("whitespace", common.whitespace)]


def rules_for(lang: str) -> list[Rule]:
    return RULES.get(lang.split("-")[0].lower(), _GENERIC)


def normalize(text: str, lang: str, skip: tuple[str, ...] = ()) -> str:
    """``text`` as it should be spoken in ``lang``.

    >>> normalize("The IS group took 5% of Mosul on May 28, 2017.", "en")
    'The I S group took 5 percent of Mosul on May twenty-eighth, 2017.'
    >>> normalize("Am 3.10.1990 um 19:30 Uhr, z. B. in Nr. 5", "de")
    'Am dritten Oktober 1990 um 19 Uhr 30, zum Beispiel in Nummer 5'
    >>> normalize("M. Macron au XXIe siècle, à 19h30", "fr")
    'Monsieur Macron au vingt et unième siècle, à 19 heures 30'
    >>> normalize("IS", "en", skip=("acronyms",))
    'IS'
    """
    for name, rule in rules_for(lang):
        if name not in skip:
            text = rule(text)
    return text
