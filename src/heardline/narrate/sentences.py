"""Sentence splitting for narration: one segment per sentence.

Survives abbreviations ("U.S.", "Jr.", "Dr.", "z. B."), initials ("J. R. Smith"),
decimal numbers, German ordinals ("am 3. Oktober") and closing quotes.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

_ABBREVIATIONS = {
    "en": "mr mrs ms dr prof st jr sr gen col lt sgt capt gov sen rep rev vs etc inc ltd co corp no approx est dept fig jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m",
    "de": "z.b d.h u.a bzw usw dr prof nr st ca vgl ggf inkl evtl bzw mio mrd jh abs art min max tel str hr fr sog zzgl u.ä o.ä",
    "fr": "m mm mme mlle dr pr st ste av bd etc p.ex cf",
    "es": "sr sra srta dr dra ud uds etc pág",
    "pt": "sr sra dr dra etc pág",
}
_GERMAN_MONTHS = "januar februar märz april mai juni juli august september oktober november dezember jänner"
# a candidate boundary: end punctuation, optional closing quotes/brackets, space, then an opener
_BOUNDARY = re.compile(r"([.!?…]+[\"'”’»«)\]]*)(\s+)(?=[\"'“‘„«»(\[]?[\w¿¡])")


def _abbreviations(lang: str) -> set[str]:
    code = lang.split("-")[0]
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
    """
    text = text.strip()
    if not text:
        return []
    abbreviations = _abbreviations(lang)
    german = lang.split("-")[0] == "de"
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
            if re.fullmatch(r"\w", last) and last.isalpha():  # an initial: "J."
                continue
            if re.fullmatch(r"(\w\.)+\w", last):  # "U.S", "e.g"
                continue
            if re.fullmatch(r"\d{1,2}", last) and (german or re.match(r"\d", after)):
                nxt = after.split(" ", 1)[0].lower().strip(".,")
                if german and (nxt in _GERMAN_MONTHS.split() or re.fullmatch(r"\d{1,2}\.?", nxt) or nxt[:1].islower()):
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
