"""Text normalisation for speech: an ordered list of small named rules per language.

Each rule is a pure function ``str -> str`` with a doctest (rules made for a
language from its table of words carry the doctest on their maker);
``normalize(text, lang, skip=("acronyms",))`` runs them in order, leaving out
those named. The page's words stay in ``source_text``; what these rules return
is spoken. Rules leave to the voice what it already says right (a plain
"2019" in French, "3,5" in German) and write out what it would misread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache

from ...locale import base_language
from . import common, de, en, es, fr, it, pl, pt, sv, tr
from .numbers import LANGUAGES, MAKERS, Words

__all__ = ["normalize", "rules_for", "Rule"]

Rule = tuple[str, Callable[[str], str]]

logger = logging.getLogger(__name__)

# each language's own rules: (name, rule, the rule it goes before)
_OWN: dict[str, list[tuple[str, Callable[[str], str], str]]] = {
    "en": [("abbreviations", en.abbreviations, "codes"), ("dates", en.dates, "currencies"), ("times", en.times, "currencies"),
           ("roman_numerals", en.roman_numerals, "acronyms"), ("ordinals", en.ordinals, "acronyms")],
    "de": [("abbreviations", de.abbreviations, "codes"), ("dates", de.dates, "currencies"), ("times", de.times, "currencies"),
           ("ordinals", de.ordinals, "acronyms")],
    "fr": [("abbreviations", fr.abbreviations, "codes"), ("times", fr.times, "currencies"), ("centuries", fr.centuries, "roman_numerals"),
           ("ordinals", fr.ordinals, "acronyms")],
    "es": [("abbreviations", es.abbreviations, "codes"), ("times", es.times, "currencies")],
    "it": [("abbreviations", it.abbreviations, "codes"), ("times", it.times, "currencies")],
    "pt": [("abbreviations", pt.abbreviations, "codes"), ("times", pt.times, "currencies")],
    "pl": [("ordinal_years", pl.years, "codes"), ("dates", pl.dates, "currencies")],
    "sv": [("dates", sv.dates, "currencies")],
    "tr": [("suffixes", tr.suffixes, "acronyms")],
}
# the rules made from a language's table of words that it leaves out
_NOT_FOR = {"en": {"roman_numerals", "numeric_dates"}, "de": {"roman_numerals", "numeric_dates"}, "nl": {"roman_numerals"}}


@lru_cache(maxsize=64)
def _rules(lang: str) -> tuple[Rule, ...]:
    code = base_language(lang)
    words = LANGUAGES.get(lang) or LANGUAGES.get(code) or Words(code)
    rules: list[Rule] = [("symbols", common.symbols), ("ampersand", common.make_ampersand(code))]
    if code in LANGUAGES:
        rules += [(name, make(words)) for name, make in MAKERS if name not in _NOT_FOR.get(code, set())]
    rules += [("acronyms", common.make_acronyms(code)), ("whitespace", common.whitespace)]
    for name, rule, before in _OWN.get(code, []):
        names = [n for n, _ in rules]
        rules.insert(names.index(before) if before in names else len(rules) - 2, (name, rule))
    return tuple(rules)


def rules_for(lang: str) -> list[Rule]:
    """The rules for a language tag, in the order they run.

    >>> [name for name, _ in rules_for("de-AT")][:6]
    ['symbols', 'ampersand', 'abbreviations', 'codes', 'dates', 'times']
    """
    return list(_rules(lang))


def normalize(text: str, lang: str, skip: tuple[str, ...] = ()) -> str:
    """``text`` as it should be spoken in ``lang``.

    >>> normalize("The IS group took 5% of Mosul on May 28, 2017.", "en")
    'The I S group took 5 percent of Mosul on May twenty-eighth, twenty seventeen.'
    >>> normalize("Am 3.10.1990 um 19:30 Uhr, z. B. in Nr. 5", "de")
    'Am dritten Oktober neunzehnhundertneunzig um 19 Uhr 30, zum Beispiel in Nummer 5'
    >>> normalize("M. Macron au XXIe siècle, à 19h30", "fr")
    'Monsieur Macron au vingt et unième siècle, à dix-neuf heures trente'
    >>> normalize("IS", "en", skip=("acronyms",))
    'IS'
    """
    for name, rule in _rules(lang):
        if name in skip:
            continue
        try:
            text = rule(text)
        except (ArithmeticError, ValueError, NotImplementedError) as exc:  # num2words on a number it cannot say
            logger.debug("normalisation rule %s left %.40r as it is: %s", name, text, exc)
    return text
