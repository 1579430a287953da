"""Turkish normalisation rules."""

from __future__ import annotations

import re

_UNITS = ["", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz"]
_TENS = ["", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan"]
_SCALES = [(1_000_000_000, "milyar"), (1_000_000, "milyon"), (1000, "bin")]


def cardinal(value: int) -> str:
    """A whole number in Turkish words, a space between them ("bin", "yüz" without "bir").

    >>> cardinal(1989), cardinal(2024), cardinal(0), cardinal(1_250_000)
    ('bin dokuz yüz seksen dokuz', 'iki bin yirmi dört', 'sıfır', 'bir milyon iki yüz elli bin')
    """
    if value == 0:
        return "sıfır"
    words: list[str] = []
    for scale, name in _SCALES:
        count, value = divmod(value, scale)
        if count:
            words += ([] if count == 1 and scale == 1000 else [cardinal(count)]) + [name]
    hundreds, rest = divmod(value, 100)
    if hundreds:
        words += ([] if hundreds == 1 else [_UNITS[hundreds]]) + ["yüz"]
    words += [w for w in (_TENS[rest // 10], _UNITS[rest % 10]) if w]
    return " ".join(words)


def suffixes(text: str) -> str:
    """A number with a case suffix after an apostrophe ("2024'te", "%50'ye") said as one word with it,
    as Turkish says it: the suffix already agrees with the spoken number.

    >>> suffixes("Toplantı 2024'te yapıldı, faiz yüzde 50'ye çıktı, 1990'larda")
    'Toplantı iki bin yirmi dörtte yapıldı, faiz yüzde elliye çıktı, bin dokuz yüz doksanlarda'
    """
    return re.sub(r"(?<![\w.,])(\d{1,12})['’](\w+)", lambda m: cardinal(int(m.group(1))) + m.group(2), text)
