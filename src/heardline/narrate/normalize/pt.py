"""Portuguese normalisation rules (Portugal and Brazil)."""

from __future__ import annotations

import re

from .common import substitute

_ABBR = [
    (r"\bSr\.(?=\s)", "senhor"),
    (r"\bSra\.(?=\s)", "senhora"),
    (r"\bDr\.(?=\s)", "doutor"),
    (r"\bDra\.(?=\s)", "doutora"),
    (r"\bD\.(?=\s[A-Z][a-zãõéáíóú]+ [IVX]+\b)", "Dom"),
    (r"\bav\.(?=\s)", "avenida"),
    (r"\betc\.", "etcétera"),
]


def abbreviations(text: str) -> str:
    """Common abbreviations in full.

    >>> abbreviations("O Sr. Silva e a Dra. Souza; D. João VI")
    'O senhor Silva e a doutora Souza; Dom João VI'
    """
    return substitute(text, _ABBR)


def times(text: str) -> str:
    """Clock times: "às 19h30", "às 19:30".

    >>> times("às 19h30 e às 8h")
    'às 19 horas e 30 minutos e às 8 horas'
    """

    def clock(m: re.Match[str]) -> str:
        minute = int(m.group(2) or 0)
        return f"{m.group(1)} horas" + (f" e {minute} minutos" if minute else "")

    return re.sub(r"\b(\d{1,2})h(\d{2})?\b|(?<=\bàs )(\d{1,2}):(\d{2})\b", lambda m: clock(m) if m.group(1) else f"{m.group(3)} horas e {int(m.group(4))} minutos", text)
