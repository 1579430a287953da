"""Sentence splitting for narration: one segment per sentence.

Survives abbreviations ("U.S.", "Jr.", "Dr.", "z. B."), initials ("J. R. Smith"),
decimal numbers, German ordinals ("am 3. Oktober") and closing quotes.
"""

from __future__ import annotations

import re

from ..locale import base_language

__all__ = ["split_sentences"]

_ABBREVIATIONS = {
    "en": "mr mrs ms dr prof st jr sr gen col lt sgt capt gov sen rep rev vs etc inc ltd co corp no approx est dept fig jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m",
    "de": "z.b d.h u.a bzw usw dr prof nr st ca vgl ggf inkl evtl bzw mio mrd jh abs art min max tel str hr fr sog zzgl u.ä o.ä",
    "fr": "m mm mme mlle dr pr st ste av bd etc p.ex ex cf tél",
    "es": "sr sra srta dr dra ud uds etc pág av avda tel núm",
    "it": "sig sig.ra dott dott.ssa prof on ecc tel avv ing",
    "pt": "sr sra dr dra etc pág av d tel",
    "nl": "dhr mevr mr dr prof bijv o.a d.w.z enz tel",
    "pl": "ul tel dr prof im np tzn itd itp ok mln mld",
    "sv": "t.ex bl.a ca dr prof tel",
    "da": "f.eks bl.a ca dr prof tlf",
    "no": "f.eks bl.a ca dr prof tlf",
    "tr": "dr prof doç av sn",
}
# citation markers of encyclopaedias: "[38]", "[a]", "[citation needed]", "[Zitat benötigt]"
_CITATION = re.compile(r"\[(?:\d{1,4}|[a-z]|(?:citation|quelle|réf|cita|citazione|fonte|bron)[^\]]{0,30}|[^\]]{0,30}(?:needed|benötigt|nécessaire|requerida|necessaria))\]", re.I)
# a clause boundary to cut an over-long sentence at, best first
_CLAUSE_BREAKS = (r"[;:]\s", r",\s", r"\s[–—-]\s")
MAX_CHARS = 400
# a candidate boundary: end punctuation, optional closing quotes/brackets, space, then an opener
_BOUNDARY = re.compile(r"([.!?…]+[\"'”’»«)\]]*)(\s+)(?=[\"'“‘„«»(\[]?[\w¿¡])")


def drop_citations(text: str) -> str:
    """A text without citation markers.

    >>> drop_citations("It flooded in 1953.[12] Thousands fled.[citation needed]")
    'It flooded in 1953. Thousands fled.'
    """
    return _CITATION.sub("", text)


def shorten(sentence: str, limit: int = MAX_CHARS) -> list[str]:
    """A sentence longer than ``limit`` cut at its best clause boundary (a semicolon or
    colon before a comma before a dash), the one nearest its middle, until every part fits.

    >>> [len(p) for p in shorten("a" * 150 + ", " + "b" * 150 + "; " + "c" * 150 + ".")]
    [303, 151]
    """
    if len(sentence) <= limit:
        return [sentence]
    middle = len(sentence) / 2
    for pattern in _CLAUSE_BREAKS:
        cuts = [m.end() for m in re.finditer(pattern, sentence) if 20 < m.end() < len(sentence) - 20]
        if cuts:
            cut = min(cuts, key=lambda c: abs(c - middle))
            return shorten(sentence[:cut].rstrip(), limit) + shorten(sentence[cut:].lstrip(), limit)
    spaces = [m.start() for m in re.finditer(r"\s", sentence)]
    if not spaces:
        return [sentence]
    cut = min(spaces, key=lambda c: abs(c - middle))
    return shorten(sentence[:cut], limit) + shorten(sentence[cut + 1 :], limit)


def _abbreviations(lang: str) -> set[str]:
    """The abbreviations that do not end a sentence in ``lang`` (and in English).

    >>> "f.eks" in _abbreviations("nb-NO")
    True
    """
    code = base_language(lang)
    code = "no" if code in ("nb", "nn") else code  # Bokmål and Nynorsk share Norwegian's
    return set(_ABBREVIATIONS.get(code, "").split()) | set(_ABBREVIATIONS["en"].split())


def split_sentences(text: str, lang: str = "en") -> list[str]:
    """Sentences of a paragraph.

    >>> split_sentences('The U.S. Army said so. Then Jr. Smith left!')
    ['The U.S. Army said so.', 'Then Jr. Smith left!']
    >>> split_sentences('It rose 3.5 percent. J. R. R. Tolkien wrote it.')
    ['It rose 3.5 percent.', 'J. R. R. Tolkien wrote it.']
    >>> split_sentences('"We have not changed," he said. "There is none."')
    ['"We have not changed," he said.', '"There is none."']
    >>> split_sentences('Am 3. Oktober 1990 war es so weit. Z. B. hier.', 'de')
    ['Am 3. Oktober 1990 war es so weit.', 'Z. B. hier.']
    >>> split_sentences('Er kam am 28. 5. zurück. Dann ging er.', 'de')
    ['Er kam am 28. 5. zurück.', 'Dann ging er.']
    >>> split_sentences('Er wohnt in der Bahnhofstr. 5 in Ulm. Tel. 030 123 bzw. Fax.', 'de')
    ['Er wohnt in der Bahnhofstr. 5 in Ulm.', 'Tel. 030 123 bzw. Fax.']
    >>> split_sentences('Sie wurde im 2. Durchgang Dritte.', 'de')
    ['Sie wurde im 2. Durchgang Dritte.']
    >>> split_sentences('Il sig. Rossi ha parlato.[3] Poi è uscito.', 'it')
    ['Il sig. Rossi ha parlato.', 'Poi è uscito.']
    """
    return [part for sentence in _split(drop_citations(text), lang) for part in shorten(sentence)]


def _split(text: str, lang: str) -> list[str]:
    text = text.strip()
    if not text:
        return []
    abbreviations = _abbreviations(lang)
    german = base_language(lang) == "de"
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end(1)
        before = text[start:match.start(1)]
        word = re.search(r"(\S+)$", before)
        last = word.group(1).lower().lstrip("\"'“‘„«(") if word else ""
        after = text[match.end() :]
        if match.group(1) == ".":
            if last.rstrip(".") in abbreviations or last in abbreviations:
                continue
            if german and re.search(r"\wstr$", last) and re.match(r"\d", after):  # "Bahnhofstr. 5"
                continue
            if re.fullmatch(r"\w", last) and last.isalpha():  # an initial: "J."
                continue
            if re.fullmatch(r"(\w\.)+\w", last):  # "U.S", "e.g"
                continue
            # German writes ordinals with a point: "am 3. Oktober", "im 2. Durchgang", "28. 5."
            if german and re.fullmatch(r"\d{1,2}", last) and re.match(r"\w", after):
                continue
            if after[:1].islower():
                continue
        sentence = text[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences
