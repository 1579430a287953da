"""Spanish normalisation rules."""

from __future__ import annotations

import re

from .common import substitute

_ABBR = [
    (r"\bEE\.\s?UU\.", "Estados Unidos"),
    (r"\bSr\.(?=\s)", "señor"),
    (r"\bSra\.(?=\s)", "señora"),
    (r"\bSrta\.(?=\s)", "señorita"),
    (r"\bDr\.(?=\s)", "doctor"),
    (r"\bDra\.(?=\s)", "doctora"),
    (r"\bUd\.(?=\s)", "usted"),
    (r"\b[Aa]vda?\.(?=\s)", "avenida"),
    (r"\bav\.(?=\s)", "avenida"),
    (r"\betc\.", "etcétera"),
]


def abbreviations(text: str) -> str:
    """Common abbreviations in full.

    >>> abbreviations("El Sr. García viajó a EE.UU. con la Dra. Ruiz, av. de América")
    'El señor García viajó a Estados Unidos con la doctora Ruiz, avenida de América'
    """
    return substitute(text, _ABBR)


def times(text: str) -> str:
    """Clock times: "a las 19:30 horas".

    >>> times("a las 19:30 horas y a las 8:05")
    'a las 19 30 horas y a las 8 y 5'
    """

    def clock(m: re.Match[str]) -> str:
        hour, minute = m.group(1), int(m.group(2))
        if minute == 0:
            return hour
        return f"{hour} {minute}" if minute >= 10 else f"{hour} y {minute}"

    return re.sub(r"(?<=\blas )(\d{1,2}):(\d{2})\b|(?<=\bla )(1):(\d{2})\b", lambda m: clock(m) if m.group(1) else m.group(0), text)
