"""Italian normalisation rules."""

from __future__ import annotations

import re

from .common import substitute

_ABBR = [
    (r"\bsig\.ra(?=\s)", "signora"),
    (r"\b[Ss]ig\.(?=\s)", "signor"),
    (r"\b[Dd]ott\.ssa(?=\s)", "dottoressa"),
    (r"\b[Dd]ott\.(?=\s)", "dottor"),
    (r"\b[Pp]rof\.(?=\s)", "professor"),
    (r"\b[Oo]n\.(?=\s[A-Z])", "onorevole"),
    (r"\becc\.", "eccetera"),
]


def abbreviations(text: str) -> str:
    """Common abbreviations in full.

    >>> abbreviations("Il sig. Rossi e il dott. Bianchi, ecc.")
    'Il signor Rossi e il dottor Bianchi, eccetera'
    """
    return substitute(text, _ABBR)


def times(text: str) -> str:
    """Clock times: "alle 19:30".

    >>> times("alle 19:30 e alle 8.00")
    'alle 19 e 30 e alle 8'
    """

    def clock(m: re.Match[str]) -> str:
        prefix, space, hour, minute = m.group(1), m.group(2), m.group(3), int(m.group(4))
        return f"{prefix}{space}{hour}" + (f" e {minute}" if minute else "")

    return re.sub(r"\b(all[e']|dalle|ore)(\s?)(\d{1,2})[:.](\d{2})\b", clock, text)
