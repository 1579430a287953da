"""Normalisation rules that hold in every language."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ...locale import base_language, phrase

# upper-case words a newsroom says as words, not letters (lexicons override)
SPOKEN_AS_WORDS = frozenset(
    ["NATO", "UNESCO", "UNICEF", "NASA", "OPEC", "FIFA", "UEFA", "AIDS", "COVID", "ASEAN", "OSZE", "NAFTA", "FEMA", "SARS", "ISIS", "DAX", "NASDAQ", "INTERPOL", "EUROPOL", "FRONTEX", "UNHCR", "ESA", "CERN", "IKEA", "LEGO", "BAFTA", "SWAT", "RAM", "ROM", "LED", "GIF", "JPEG", "PIN", "SAT", "TOEFL", "DEFRA", "ONU", "OTAN", "UNEF", "OPEP", "NAVO"]
)
_CAPS = r"[A-ZÄÖÜÀ-ÖØ-ÞŁŚŻŹĆŃĘĄİŞĞ]"
_ACRONYM = re.compile(rf"(?<![\w.])({_CAPS}{{2,}})(s?)(?!\w)(?!\.\w)")
# a run of upper-case words: a heading, a dateline, a byline set in capitals
_RUN = re.compile(rf"(?<![\w.]){_CAPS}{{2,}}(?:[ \t:,'-]+{_CAPS}{{2,}})+(?!\w)")
_VOWELS = "AEIOUYÄÖÜÀÁÂÃÈÉÊÌÍÎÒÓÔÕÙÚÛİ"
# consonant pairs a word of these languages may begin with
_ONSETS = frozenset(["BL", "BR", "CH", "CL", "CR", "DR", "FL", "FR", "GL", "GN", "GR", "KL", "KN", "KR", "PF", "PH", "PL", "PR", "PS", "QU", "SC", "SH", "SK", "SL", "SM", "SN", "SP", "ST", "SW", "SZ", "TH", "TR", "TS", "TW", "WR", "ZW",
                     "STR", "SPR", "SCR", "SPL", "SHR", "THR", "SCH", "CHR", "PHR", "SQU"])


def pronounceable(word: str) -> bool:
    """Whether an upper-case word could be read as a word: vowels where words have them.

    >>> [pronounceable(w) for w in ("BREAKING", "NATO", "AFP", "CDU", "OECD", "PSOE", "NSDAP")]
    [True, True, False, False, False, True, False]
    """
    if not any(ch in _VOWELS for ch in word):
        return False
    start = re.match(rf"[^{_VOWELS}]*", word)
    onset = start.group(0) if start else ""
    if len(onset) > 3 or (len(onset) >= 2 and onset not in _ONSETS):
        return False
    if re.search(rf"[^{_VOWELS}]{{4,}}", word):
        return False
    coda = re.search(rf"[^{_VOWELS}]{{2}}$", word)
    # a word may end in a sonorant or "h" before a consonant, or in "s", or in a few stop pairs
    return not coda or coda.group(0)[0] in "HLMNRS" or coda.group(0)[1] == "S" or coda.group(0) in ("CK", "CH", "SH", "TH", "PH", "GH", "TZ", "PT", "CT", "KT", "FT", "XT")


def is_word(word: str, lang: str) -> bool:
    """Whether an upper-case word is a word of the language (its word list, from wordfreq).

    >>> is_word("BREAKING", "en"), is_word("LONDON", "en"), is_word("EILMELDUNG", "de"), is_word("AFP", "en")
    (True, True, True, False)
    """
    if not pronounceable(word):
        return False
    if len(word) >= 5:
        return True  # long and sayable: a word (long unsayable runs are spelled above)
    return len(word) == 4 and _frequency(word.lower(), base_language(lang)) >= 3.0


def _frequency(word: str, lang: str) -> float:
    """The word's Zipf frequency in the language (wordfreq: imported when first needed, it takes a tenth of a second)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang))


@lru_cache(maxsize=64)
def _function_words(lang: str) -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(w for w in top_n_list(lang, 60) if len(w) <= 2)


def in_run_is_word(word: str, lang: str) -> bool:
    """Whether an upper-case word in a line set in capitals is read as a word: two
    letters only when a function word of the language, three when sayable and a
    word of the language, longer ones when sayable.

    >>> [in_run_is_word(w, "en") for w in ("OF", "UK", "LEE", "GDP", "NEWS")]
    [True, False, True, False, True]
    """
    code = base_language(lang)
    if len(word) <= 2:
        return word.lower() in _function_words(code)
    if len(word) == 3:
        return pronounceable(word) and _frequency(word.lower(), code) >= 3.0
    return pronounceable(word)


def _as_word(word: str) -> str:
    return word[0] + word[1:].lower()


def make_acronyms(lang: str) -> Callable[[str], str]:
    """Upper-case words: acronyms spelled letter by letter, words of the language read
    as words, runs of capitals (headings, bylines, datelines) read as words.

    >>> en = make_acronyms("en")
    >>> en("The IS group and the US military met NATO and AFP staff.")
    'The I S group and the U S military met Nato and A F P staff.'
    >>> en("Three NGOs and CEOs")
    'Three N G O s and C E O s'
    >>> en("BREAKING NEWS: Storm hits coast. By JOHN SMITH and ANNA LEE")
    'Breaking News: Storm hits coast. By John Smith and Anna Lee'
    >>> en("LONDON (Reuters) - the ISBN")
    'London (Reuters) - the I S B N'
    >>> en("UK GDP grew. UK ECONOMY SHRINKS AS EU NATO TALKS STALL. THE END")
    'U K G D P grew. U K Economy Shrinks As E U Nato Talks Stall. The End'
    >>> make_acronyms("de")("EILMELDUNG: Die CDU und die SPD")
    'Eilmeldung: Die C D U und die S P D'
    """

    def spell(m: re.Match[str]) -> str:
        word, plural = m.group(1), m.group(2)
        if word in SPOKEN_AS_WORDS or is_word(word, lang):
            return _as_word(word + plural)
        return " ".join(word) + (" s" if plural else "")

    def run(m: re.Match[str]) -> str:
        words = re.findall(rf"{_CAPS}{{2,}}", m.group(0))
        if not any(len(w) >= 3 and in_run_is_word(w, lang) for w in words):
            return m.group(0)  # "UK GDP": acronyms side by side, not a line set in capitals
        return re.sub(rf"{_CAPS}{{2,}}", lambda w: _as_word(w.group(0)) if in_run_is_word(w.group(0), lang) else w.group(0), m.group(0))

    def apply(text: str) -> str:
        return _ACRONYM.sub(spell, _RUN.sub(run, text))

    return apply


def make_ampersand(lang: str) -> Callable[[str], str]:
    """"&" between words said as the language's "and".

    >>> make_ampersand("de")("Müller & Söhne, AT&T")
    'Müller und Söhne, AT&T'
    """
    word = phrase(lang, "and")
    return lambda text: re.sub(r"\s+&\s+", f" {word} ", text)


def symbols(text: str) -> str:
    """Typographic symbols a voice would read out or stumble on.

    >>> symbols("Rock — «live» / on tour…")
    'Rock, "live" on tour...'
    """
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
