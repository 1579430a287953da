"""News-agency credits ("es/rc (AP, AFP)", "dpa/AFP", "AFP, Reuters"): the one
parser that tells which agencies an article credits. Extraction keeps its result
on the Document; narration says it ("With material from AP and AFP.")."""

from __future__ import annotations

import re

__all__ = ["agency_names"]

# agencies whose credit is written in lower case, told apart from editors' initials
_LOWER_CASE_AGENCIES = frozenset(["dpa", "epd", "kna", "sid", "ddp", "apa", "afp", "ap", "ansa", "efe", "reuters"])
_BRACKETS = re.compile(r"\(([^()]+)\)\s*\)?\s*$")
_SEPARATOR = re.compile(r"\s*(?:[,/;&]|\b(?:and|und|et|y|e)\b)\s*")


def _is_agency(name: str) -> bool:
    return name.lower() in _LOWER_CASE_AGENCIES or bool(re.fullmatch(r"[A-ZÄÖÜ]{2,6}|Reuters|Xinhua|Kyodo|Yonhap|Interfax|Ansa|Efe", name))


def agency_names(credit: str) -> tuple[str, ...]:
    """The agencies a credit line names, in its order; () when it is not a credit.

    >>> agency_names("es/rc (AP, AFP)")
    ('AP', 'AFP')
    >>> agency_names("dpa/AFP")
    ('dpa', 'AFP')
    >>> agency_names("AFP, Reuters")
    ('AFP', 'Reuters')
    >>> agency_names("(dpa)")
    ('dpa',)
    >>> agency_names("atb/AFP, Reuters")
    ('AFP', 'Reuters')
    >>> agency_names("By Jane Doe"), agency_names("He said (quietly) no."), agency_names("Thanks")
    ((), (), ())
    """
    text = credit.strip()
    if len(text) > 80:
        return ()
    brackets = _BRACKETS.search(text)
    if brackets:  # editors' initials, then the agencies in brackets
        if not re.fullmatch(r"\(?\s*(?:[a-zäöü]{1,4}(?:/[a-zäöü]{1,4})*)?\s*", text[: brackets.start()]):
            return ()
        text = brackets.group(1)
    parts = [p.strip(" .") for p in _SEPARATOR.split(text.strip("() ")) if p.strip(" .")]
    if not parts or not all(re.fullmatch(r"[A-Za-zÄÖÜäöü]{2,10}", p) for p in parts):
        return ()
    agencies = [p for p in parts if _is_agency(p)]
    initials = [p for p in parts if not _is_agency(p)]
    if not agencies or any(not re.fullmatch(r"[a-zäöü]{1,4}", p) for p in initials):
        return ()
    return tuple(agencies)
