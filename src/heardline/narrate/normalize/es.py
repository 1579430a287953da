"""Spanish normalisation rules."""

from __future__ import annotations

from .common import substitute

_ABBR = [
    (r"\bEE\.\s?UU\.", "Estados Unidos"),
    (r"\bSr\.(?=\s)", "señor"),
    (r"\bSra\.(?=\s)", "señora"),
    (r"\bSrta\.(?=\s)", "señorita"),
    (r"\bDr\.(?=\s)", "doctor"),
    (r"\bDra\.(?=\s)", "doctora"),
    (r"\bUd\.(?=\s)", "usted"),
    (r"\betc\.", "etcétera"),
]


def abbreviations(text: str) -> str:
    """Common abbreviations in full.

    >>> abbreviations("El Sr. García viajó a EE.UU. con la Dra. Ruiz")
    'El señor García viajó a Estados Unidos con la doctora Ruiz'
    """
    return substitute(text, _ABBR)
