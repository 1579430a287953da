"""Rules for numbers that hold in every language, made for one language from its
table of words (:data:`LANGUAGES`): codes, money, units, decades, years, scores,
ranges, thousands separators, fractions, Roman numerals after names.

Each ``make_*`` function returns the rule for a language; the rule's doctest is
on the maker.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from num2words import num2words

from ...locale import MONTHS, base_language, phrase

Rule = Callable[[str], str]


@dataclass(frozen=True)
class Words:
    """The words one language needs to say numbers."""

    lang: str
    # the decimal mark; the other of "," and "." groups thousands (with a space, U+202F, U+00A0)
    decimal: str = ","
    minus: str = "minus"
    to: str = "to"
    score: str = "to"
    # the word for a score's nil ("3-0"); "" keeps the digit
    nil: str = ""
    one: str = "one"
    # unit -> (singular, plural)
    units: dict[str, tuple[str, str]] = field(default_factory=dict)
    # symbol or code -> (singular, plural)
    currencies: dict[str, tuple[str, str]] = field(default_factory=dict)
    # "2 euros 50": how cents follow the unit ("{unit} {cents}")
    cents: str = "{unit} {cents}"
    # a magnitude word after a number -> spoken (bn -> billion)
    scales: dict[str, str] = field(default_factory=dict)
    # between a magnitude and its currency ("millions d'euros": " d'"/" de ")
    of: str = " "
    # a year (True: spoken by num2words' year form, as news says it)
    years: bool = False
    # a year before 2000 said as two numbers ("nitten åttini"), where the language says it so
    years_in_pairs: bool = False
    # ordinal number words of Roman numerals after a name (Felipe VI)
    roman_ordinal_upto: int = 0
    # a numeric date dd/mm/yyyy said as "{day} {month} {year}"
    date: str = "{day} {month} {year}"
    # a fraction character -> words
    fractions: dict[str, str] = field(default_factory=dict)
    # amounts of money said in words: the voice links them to the currency ("deux cents_euros")
    # or says them as the language does ("três mil e duzentos")
    amounts_in_words: bool = False
    # feminine number words, for a number before a feminine plural noun ("doscientas personas")
    feminine: tuple[tuple[str, str], ...] = ()
    # unit -> its form after 2, 3, 4 (not 12-14), where the language has one ("2 kilometry")
    few: dict[str, str] = field(default_factory=dict)
    # unit -> its form after a number with a decimal part, where the language has one ("2,5 kilometra")
    fractional: dict[str, str] = field(default_factory=dict)
    # the word a percent sign written before its number says ("%5": "yüzde 5")
    percent_before: str = ""
    # the word for the decimal mark, where the voice says another ("2,5": "två komma fem", not "punkt")
    decimal_word: str = ""




# num2words' limit; longer numbers (IDs, hostile input) stay digits
_LARGEST = 10**15


def _n2w(value: int | float, lang: str, to: str = "cardinal") -> str:
    """The number in words, or in digits when it is too long to say as one number.

    >>> _n2w(7 * 10**20, "en")
    '700000000000000000000'
    """
    if abs(value) >= _LARGEST:
        return str(value)
    return str(num2words(value, lang=lang.replace("-", "_"), to=to))


def _plain(number: str, words: Words) -> str:
    """A number as digits a voice reads right: thousands separators out, the decimal mark kept.

    >>> _plain("3.200", LANGUAGES["de"]), _plain("1,200", LANGUAGES["en"]), _plain("3 200", LANGUAGES["fr"])
    ('3200', '1200', '3200')
    """
    group = "." if words.decimal == "," else ","
    return re.sub(rf"(?<=\d)[{re.escape(group)}\s\u202f\u00a0](?=\d{{3}}(?!\d))", "", number)


def _value(number: str, words: Words) -> float:
    return float(_plain(number, words).replace(words.decimal, "."))


def _group_pattern(words: Words) -> str:
    group = r"\." if words.decimal == "," else ","
    # not before a further group of other length: "22 123 45 67" is a phone number
    return rf"\d{{1,3}}(?:(?:{group}|[ \u202f\u00a0])\d{{3}})+(?!\d|[ \u202f\u00a0]\d)"


def _number_pattern(words: Words) -> str:
    return rf"(?:{_group_pattern(words)}|\d+)(?:{re.escape(words.decimal)}\d+)?"


def make_codes(words: Words) -> Rule:
    """Phone numbers and ISBN-like codes read digit by digit, groups apart (never as ranges).

    >>> make_codes(LANGUAGES["en"])("Call 0800 123-4567 or see ISBN 978-3-16-148410-0.")
    'Call oh eight hundred, one two three, four five six seven or see ISBN nine seven eight, three, one six, one four eight four one zero, zero.'
    >>> make_codes(LANGUAGES["en"])("Freephone 0800 555 111")
    'Freephone oh eight hundred, five five five, one one one'
    >>> make_codes(LANGUAGES["de"])("Tel. 030 1234567")
    'Tel. null drei null, eins zwei drei vier fünf sechs sieben'
    >>> make_codes(LANGUAGES["sv"])("Ring 08-123 456 78, inte 08-12.")
    'Ring noll åtta, ett två tre, fyra fem sex, sju åtta, inte 08-12.'
    """
    digits = {str(d): _n2w(d, words.lang) for d in range(10)}
    if words.lang == "de":
        digits["1"] = "eins"

    def group(digits_: str, phone: bool) -> str:
        if phone and words.lang == "en" and re.fullmatch(r"0[1-9]00", digits_):
            return f"oh {digits[digits_[1]]} hundred"  # "0800", "0300": a service prefix said so
        return " ".join("oh" if d == "0" and phone and words.lang == "en" else digits[d] for d in digits_)

    def spell(groups: list[str], phone: bool) -> str:
        return ", ".join(group(g, phone) for g in groups)

    def phone(m: re.Match[str]) -> str:
        groups = re.findall(r"\d+", m.group(0))
        if len("".join(groups)) < 7:  # "08-12", "0 2": too short for a phone number
            return m.group(0)
        return spell(groups, True)

    def chain(m: re.Match[str]) -> str:
        return spell(m.group(0).split("-"), False)

    def apply(text: str) -> str:
        text = re.sub(r"(?<![\w-])\d+(?:-\d+){2,}(?![\w-])", chain, text)
        return re.sub(r"(?<![\w+])(?:\+\d{1,3}|0\d{1,4})(?:[ /-]\d{2,8}){1,3}(?![\w-])", phone, text)

    return apply


def make_money(words: Words) -> Rule:
    """Amounts of money: symbol or code before or after, cents, magnitudes.

    >>> en = make_money(LANGUAGES["en"])
    >>> en("$40 billion, €7bn, £1.2m, $2.50, $1 million and US$5")
    '40 billion dollars, 7 billion euros, 1.2 million pounds, 2 dollars 50, 1 million dollars and 5 US dollars'
    >>> make_money(LANGUAGES["de"])("3.200 €, 4,8 Milliarden Euro und 2,50 €")
    '3200 Euro, 4,8 Milliarden Euro und 2 Euro 50'
    >>> make_money(LANGUAGES["pt-BR"])("R$ 50 e R$ 2,5 bilhões")
    'cinquenta reais e 2,5 bilhões de reais'
    """
    if not words.currencies:
        return lambda text: text
    number = _number_pattern(words)
    symbols = "|".join(re.escape(s) for s in sorted(words.currencies, key=len, reverse=True))
    scales = "|".join(re.escape(s) for s in sorted(words.scales, key=len, reverse=True)) or "(?!)"

    def say(amount: str, scale: str | None, symbol: str) -> str:
        singular, plural = words.currencies[symbol]
        if scale:
            magnitude = _form(scale, _plain(amount, words), words, words.scales.get(scale, scale))
            return f"{_plain(amount, words)} {magnitude}{words.of}{plural}".replace("' ", "'")
        whole, _, cents = _plain(amount, words).partition(words.decimal)
        unit = singular if whole == "1" else plural
        whole = words.one if whole == "1" else (_n2w(int(whole), words.lang) if words.amounts_in_words else whole)
        if cents and int(cents):
            return words.cents.format(unit=f"{whole} {unit}", cents=str(int(cents.ljust(2, "0"))))
        return f"{whole} {unit}"

    before = re.compile(rf"(?<![\w$])({symbols})\s?({number})(?:\s?({scales})(?!\w))?")
    after = re.compile(rf"(?<![\w.,])({number})(?:\s?({scales}))?\s?({symbols})(?!\w)")

    def apply(text: str) -> str:
        text = before.sub(lambda m: say(m.group(2), m.group(3), m.group(1)), text)
        return after.sub(lambda m: say(m.group(1), m.group(2), m.group(3)), text)

    return apply


def make_units(words: Words) -> Rule:
    """Units after a number, singular or plural, and a minus before a temperature.

    >>> make_units(LANGUAGES["en"])("25 km, 1 kg, -5°C, 104°F, 300 km/h and 30 mph")
    '25 kilometres, one kilogram, minus 5 degrees Celsius, 104 degrees Fahrenheit, 300 kilometres per hour and 30 miles per hour'
    >>> make_units(LANGUAGES["de"])("25 km, 1 kg, 40 t, -5 °C")
    '25 Kilometer, ein Kilogramm, 40 Tonnen, minus 5 Grad Celsius'
    >>> make_units(LANGUAGES["pl"])("1 km, 3 km, 12 km, 25 km")
    'jeden kilometr, 3 kilometry, 12 kilometrów, 25 kilometrów'
    >>> make_units(LANGUAGES["tr"])("-3 °C")
    'eksi 3 derece'
    """
    return _unit_rule(replace(words, percent_before=""), {u: w for u, w in words.units.items() if u not in _PERCENT})


def make_percentages(words: Words) -> Rule:
    """Percent and per-mille signs in words, after the number or, where the language writes it so, before.

    >>> make_percentages(LANGUAGES["en"])("up 3.5% and 0.5 ‰")
    'up 3.5 percent and 0.5 per mille'
    >>> make_percentages(LANGUAGES["tr"])("%5 arttı")
    'yüzde 5 arttı'
    """
    return _unit_rule(words, {u: w for u, w in words.units.items() if u in _PERCENT})


_PERCENT = ("%", "‰")


def _unit_rule(words: Words, units: dict[str, tuple[str, str]]) -> Rule:
    if not units and not words.percent_before:
        return lambda text: text
    names = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True)) or "(?!)"
    pattern = re.compile(rf"(?<![\w.,])([-−]?)({_number_pattern(words)})\s?({names})(?![\w/²])")

    def unit(m: re.Match[str]) -> str:
        sign, amount, name = m.group(1), m.group(2), m.group(3)
        singular, plural = units[name]
        number = _plain(amount, words)
        one = number == "1"
        plural = _form(name, number, words, plural)
        said = f"{words.one} {singular}" if one else f"{number} {plural}"
        return (f"{words.minus} " if sign else "") + said

    def apply(text: str) -> str:
        if words.percent_before and "%" not in units:
            text = re.sub(r"%\s?(?=\d)", f"{words.percent_before} ", text)
        return pattern.sub(unit, text)

    return apply


def _form(unit: str, number: str, words: Words, plural: str) -> str:
    """The form of a unit or magnitude after ``number`` (digits, the decimal mark kept): the plural,
    or the language's form after 2-4 or after a fraction.

    >>> pl = LANGUAGES["pl"]
    >>> _form("km", "23", pl, "kilometrów"), _form("km", "12", pl, "kilometrów"), _form("mln", "2,5", pl, "milionów")
    ('kilometry', 'kilometrów', 'miliona')
    """
    if words.decimal in number and unit in words.fractional:
        return words.fractional[unit]
    if unit in words.few and re.fullmatch(r"\d*[234]", number) and not re.fullmatch(r"\d*1[234]", number):
        return words.few[unit]
    return plural


def make_decades(words: Words) -> Rule:
    """Decades: "the 1980s", "the '90s", "1980er Jahre", "anni '80".

    >>> make_decades(LANGUAGES["en"])("the 1980s and the '90s")
    'the nineteen eighties and the nineties'
    >>> make_decades(LANGUAGES["de"])("in den 1980er Jahren und den 90er-Jahren")
    'in den neunzehnhundertachtziger Jahren und den neunziger Jahren'
    """
    lang = words.lang

    def english(m: re.Match[str]) -> str:
        number = int(m.group(1).lstrip("'"))
        said = _n2w(number, lang, "year") if number >= 100 else _n2w(number, lang)
        return re.sub(r"y$", "ies", said) if said.endswith("y") else said + "s"

    def german(m: re.Match[str]) -> str:
        number = int(m.group(1))
        said = _n2w(number, lang, "year") if number >= 100 else _n2w(number, lang)
        return f"{said}er Jahre"

    def apply(text: str) -> str:
        if lang == "en":
            return re.sub(r"(?<!\w)((?:1[1-9]|20)\d0|'\d0)s\b", english, text)
        if lang == "de":
            return re.sub(r"\b((?:1[1-9]|20)?\d0)er[- ]?Jahre", german, text)
        return re.sub(r"(?<=\s)'(\d0)\b", lambda m: _n2w(int(m.group(1)), lang), text)

    return apply


def make_years(words: Words) -> Rule:
    """Years as news says them ("twenty nineteen", "two thousand and five",
    "neunzehnhundertvierundachtzig"); numbers next to a unit or an amount are no years.

    >>> make_years(LANGUAGES["en"])("In 2019, not 2005 or 1984; the 2022-23 season")
    'In twenty nineteen, not two thousand and five or nineteen eighty-four; the twenty twenty-two to twenty-three season'
    >>> make_years(LANGUAGES["de"])("Im Jahr 1871 und 2019, die Saison 2023/24")
    'Im Jahr achtzehnhunderteinundsiebzig und 2019, die Saison zweitausenddreiundzwanzig vierundzwanzig'
    >>> make_years(LANGUAGES["no"])("Muren falt i 1989, ikke i 1900 eller 2019.")
    'Muren falt i nitten åttini, ikke i nitten hundre eller 2019.'
    >>> make_years(LANGUAGES["de"])("der Krieg 1914–1918, die Jahre 1998-2004")
    'der Krieg neunzehnhundertvierzehn bis neunzehnhundertachtzehn, die Jahre neunzehnhundertachtundneunzig bis 2004'
    """
    if not words.years:
        return lambda text: text
    lang = words.lang

    def say(value: int) -> str:
        if lang != "en" and value >= 2000:
            return str(value)  # "zweitausendneunzehn": the voice says it so
        if words.years_in_pairs:
            century, rest = divmod(value, 100)
            said = f"{_n2w(century, lang)} {_n2w(rest, lang) if rest else _n2w(100, lang).split()[-1]}"
        else:
            said = _n2w(value, lang, "year")
        return said.replace(" ", "") if lang == "nl" else said

    def year(m: re.Match[str]) -> str:
        said = say(int(m.group(1)))
        if m.group(2):
            said += f" {words.to} {_n2w(int(m.group(2)), lang)}"
        return said

    def span(m: re.Match[str]) -> str:
        return f"{say(int(m.group(1)))} {words.to} {say(int(m.group(2)))}"

    def season(m: re.Match[str]) -> str:
        first = int(m.group(1))
        said = _n2w(first, lang, "year") if lang == "en" or first < 2000 else _n2w(first, lang)
        return f"{said.replace(' ', '') if lang == 'nl' else said} {_n2w(int(m.group(2)), lang)}"

    pattern = re.compile(r"(?<![\w$€£¥.,:/-])(1[1-9]\d\d|20\d\d)(?:[-–](\d\d)(?!\d))?(?![\w%‰°]|[.,:/-]?\d|\s?(?:[%‰€$£]|km|kg|mph)\b)")
    seasons = re.compile(r"(?<![\w./-])(1[1-9]\d\d|20\d\d)/(\d\d)(?![\w/]|[.,]\d)")
    spans = re.compile(r"(?<![\w$€£¥.,:/-])(1[1-9]\d\d|20\d\d)\s?[-–]\s?(1[1-9]\d\d|20\d\d)(?![\w%‰°]|[.,:/-]?\d)")
    return lambda text: pattern.sub(year, spans.sub(span, seasons.sub(season, text)))


def make_scores(words: Words) -> Rule:
    """Scores and ratios: "3:0", "5:4", a "3-0" win (a dash downward is no range).

    >>> make_scores(LANGUAGES["en"])("won 3-0, voted 5:4, at 10:30")
    'won 3 nil, voted 5 to 4, at 10:30'
    >>> make_scores(LANGUAGES["de"])("3:0 und 2:1")
    '3 zu 0 und 2 zu 1'
    """

    def score(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(3)
        if m.group(2) != ":" and int(b) > int(a):
            return m.group(0)  # upward: a range
        if b == "0" and words.nil:
            return f"{a} {words.nil}"
        if words.lang in ("it", "pt", "pt-BR", "es"):  # "3 a 0" would be read as a letter between numbers
            a, b = _n2w(int(a), words.lang), _n2w(int(b), words.lang)
        return f"{a} {words.score} {b}".replace("  ", " ")

    return lambda text: re.sub(r"(?<![\w.,:/-])(\d{1,2})([-–:])(\d)(?![\w.,:/-]?\d)", score, text)


def make_ranges(words: Words) -> Rule:
    """Number ranges with a dash.

    >>> make_ranges(LANGUAGES["en"])("5–10 people, 20-30 km")
    '5 to 10 people, 20 to 30 km'
    >>> make_ranges(LANGUAGES["it"])("2-3 ore")
    'da 2 a 3 ore'
    >>> make_ranges(LANGUAGES["tr"])("5-6 kişi")
    '5 ila 6 kişi'
    """

    def span(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        if words.lang == "it":
            return f"da {a} a {b}"
        return f"{a} {words.to} {b}"

    return lambda text: re.sub(r"(?<![\w.,/-])(\d+(?:[.,]\d+)?)\s?[-–—]\s?(\d+(?:[.,]\d+)?)(?![\w-]|[.,]\d)", span, text)


def make_numbers(words: Words) -> Rule:
    """Numbers with thousands separators, said as one number.

    >>> make_numbers(LANGUAGES["en"])("1,200 people and 3.5 percent")
    '1200 people and 3.5 percent'
    >>> make_numbers(LANGUAGES["de"])("1.200 Menschen, 130 km/h, 2,5 Prozent")
    'tausendzweihundert Menschen, hundertdreißig km/h, 2,5 Prozent'
    >>> make_numbers(LANGUAGES["sv"])("räntan 0,5 procent, 1 200 kronor")
    'räntan 0 komma 5 procent, 1200 kronor'
    >>> make_numbers(LANGUAGES["pl"])("2 500 osób, tel. 22 123 45 67")
    '2500 osób, tel. 22 123 45 67'
    """

    def german(m: re.Match[str]) -> str:
        value = int(_plain(m.group(0), words))
        if not 100 <= value < 1_000_000:
            return _plain(m.group(0), words)
        return re.sub(r"^ein(?=hundert|tausend)", "", _n2w(value, "de"))

    if words.lang in ("pt", "pt-BR"):  # "três mil e duzentos", "sete vírgula cinco": the voice leaves out the "e"
        def portuguese(m: re.Match[str]) -> str:
            value = _value(m.group(0), words)
            return _n2w(value, words.lang).replace(",", "") if value >= 1000 or "," in m.group(0) else m.group(0)

        return lambda text: re.sub(rf"(?<![\w.,])(?:{_group_pattern(words)}|\d+)(?:,\d+)?(?![\w]|[.,]\d)", portuguese, text)
    if words.lang == "de":  # "hundertdreißig", "tausendzweihundert", as German news says them
        return lambda text: re.sub(rf"(?<![\w.,/]){_group_pattern(words)}|(?<![\w.,/])\d{{3,6}}(?![\w/]|[.,]\d)", german, text)
    grouped = rf"(?<![\w.,]){_group_pattern(words)}"
    if not words.decimal_word:
        return lambda text: re.sub(grouped, lambda m: _plain(m.group(0), words), text)
    decimal = rf"(?<![\w.,])(\d+){re.escape(words.decimal)}(\d+)(?![\w]|[.,]\d)"
    return lambda text: re.sub(decimal, rf"\1 {words.decimal_word} \2", re.sub(grouped, lambda m: _plain(m.group(0), words), text))


def make_agreement(words: Words) -> Rule:
    """A number before a feminine plural noun in its feminine form.

    >>> make_agreement(LANGUAGES["es"])("1200 personas y 200 euros, 300 días")
    'mil doscientas personas y 200 euros, 300 días'
    >>> make_agreement(LANGUAGES["pt"])("mil e duzentos pessoas, 2 casas")
    'mil e duzentas pessoas, duas casas'
    """
    if not words.feminine:
        return lambda text: text
    number_words = r"(?:[a-zçáéíóúâêô]+\s(?:e\s|y\s)?)*?"

    def feminine(m: re.Match[str]) -> str:
        said = m.group(1)
        if re.fullmatch(r"\d+", said.strip()):
            said = _n2w(int(said), words.lang) + " "
        for pattern, form in words.feminine:
            said = re.sub(pattern, form, said)
        return said + m.group(2)

    # nouns in -as that are masculine: "días", "problemas", "mapas"
    pattern = rf"(?<![\w.,])(\d+\s|(?:mil|um|uma|dois|duas|uno|un|[a-zçáéíóú]+(?:ientos|entos))\s{number_words})(?!\w*(?:mas|pas)\b|d[ií]as\b)(\w+as)\b"
    return lambda text: re.sub(pattern, feminine, text)


def make_ordinal_indicators(words: Words) -> Rule:
    """Ordinals written with an ordinal indicator ("2.º", "1.ª", "2°"), where the language writes them so.

    >>> make_ordinal_indicators(LANGUAGES["es"])("en 2.º lugar, la 1.ª vez")
    'en segundo lugar, la primera vez'
    >>> make_ordinal_indicators(LANGUAGES["it"])("arrivato 2° nella gara, il 1° maggio, la 3ª volta")
    'arrivato secondo nella gara, il primo maggio, la terza volta'
    """
    if base_language(words.lang) not in ("es", "it", "pt"):
        return lambda text: text

    def ordinal(m: re.Match[str]) -> str:
        said = _n2w(int(m.group(1)), words.lang, "ordinal")
        return said[:-1] + "a" if m.group(2) == "ª" else said

    return lambda text: re.sub(r"\b(\d{1,3})\.?([ºª°])(?!\w)", ordinal, text)


def make_fractions(words: Words) -> Rule:
    """Fraction characters in words.

    >>> make_fractions(LANGUAGES["en"])("about ½ of them, 2¼ hours")
    'about one half of them, 2 and a quarter hours'
    >>> make_fractions(LANGUAGES["de"])("1½ Stunden")
    'eineinhalb Stunden'
    >>> make_fractions(LANGUAGES["fr"])("2½ heures")
    '2 heures et demi'
    """
    if not words.fractions:
        return lambda text: text

    def fraction(m: re.Match[str]) -> str:
        whole, sign, noun = m.group(1), m.group(2), m.group(3) or ""
        said = words.fractions[sign]
        if not whole:
            return f"{said} {noun}".strip()
        if words.lang == "de":  # "eineinhalb", "zweieinviertel"
            return f"{'ein' if whole == '1' else _n2w(int(whole), 'de')}{said.replace(' ', '')} {noun}".strip()
        if words.lang == "en":
            part = "a " + said.split(" ", 1)[1] if said.startswith("one ") else said
            return f"{whole} {phrase(words.lang, 'and')} {part} {noun}".strip()
        # "2 heures et demie": the fraction after the noun
        return f"{whole} {noun} {phrase(words.lang, 'and')} {re.sub(r'^(?:un|um) ', '', said)}".replace("  ", " ").strip()

    return lambda text: re.sub(r"(\d*)([½¼¾⅓⅔])(?:\s(\w+))?", fraction, text)


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman(numeral: str) -> int:
    total = 0
    for i, ch in enumerate(numeral):
        value = _ROMAN[ch]
        total += -value if i + 1 < len(numeral) and _ROMAN[numeral[i + 1]] > value else value
    return total


def make_roman(words: Words) -> Rule:
    """Roman numerals after a name ("Felipe VI", "Papa Leone XIV") and with centuries ("siglo XXI").

    >>> make_roman(LANGUAGES["es"])("Felipe VI y Alfonso XIII en el siglo XXI")
    'Felipe sexto y Alfonso trece en el siglo veintiuno'
    >>> make_roman(LANGUAGES["it"])("Papa Leone XIV nel XXI secolo")
    'Papa Leone quattordicesimo nel ventunesimo secolo'
    >>> make_roman(LANGUAGES["fr"])("Louis XIV et François Ier")
    'Louis quatorze et François Ier'
    """
    numeral = r"(X{0,3}(?:IX|IV|V?I{0,3}))"
    centuries = {"es": r"siglos?", "pt": r"séculos?", "it": r"(?!)", "fr": r"(?!)"}.get(words.lang, r"(?!)")

    def after_name(m: re.Match[str]) -> str:
        name, roman = m.group(1), m.group(2)
        if not roman:
            return m.group(0)
        value = _roman(roman)
        ordinal = value <= words.roman_ordinal_upto or (value == 1 and words.lang == "fr")
        return f"{name} {_n2w(value, words.lang, 'ordinal' if ordinal else 'cardinal')}"

    def century(m: re.Match[str]) -> str:
        return f"{m.group(1)} {_n2w(_roman(m.group(2)), words.lang)}" if m.group(2) else m.group(0)

    def apply(text: str) -> str:
        text = re.sub(rf"\b({centuries}) {numeral}\b", century, text)
        if words.lang == "it":
            text = re.sub(rf"\b{numeral} (secol[oi])\b", lambda m: f"{_n2w(_roman(m.group(1)), 'it', 'ordinal')} {m.group(2)}" if m.group(1) else m.group(0), text)
        return re.sub(rf"\b((?:[A-ZÁÉÍÓÚ][a-záéíóúàèìòùãõç]+)) {numeral}(?![\w'’])", after_name, text)

    return apply


def make_numeric_dates(words: Words) -> Rule:
    """Numeric dates (dd/mm/yyyy, dd.mm.yyyy) with the month's name.

    >>> make_numeric_dates(LANGUAGES["es"])("El 14/07/2019 llovió")
    'El 14 de julio de 2019 llovió'
    >>> make_numeric_dates(LANGUAGES["fr"])("le 1/5/2024")
    'le 1 mai 2024'
    """
    months = MONTHS.get(base_language(words.lang))
    if not months:
        return lambda text: text

    def date(m: re.Match[str]) -> str:
        day, month = int(m.group(1)), int(m.group(2))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return m.group(0)
        return words.date.format(day=day, month=months[month - 1], year=m.group(3))

    return lambda text: re.sub(r"(?<![\w/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?![\w/])", date, text)


def day_ordinals(lang: str, ordinal: Callable[[int], str]) -> Rule:
    """The rule saying the day of a date before a month's name as the ordinal the language says
    there and the voice does not ("den 11 september": "elfte").

    >>> day_ordinals("sv", lambda day: _n2w(day, "sv", "ordinal"))("den 11 september och 1 maj 2024, 40 maj")
    'den elfte september och första maj 2024, 40 maj'
    """
    months = "|".join(MONTHS[lang])
    pattern = re.compile(rf"(?<![\w.,])([12]?\d|3[01])\.?(?=\s(?:{months})(?!\w))")
    return lambda text: pattern.sub(lambda m: ordinal(int(m.group(1))) if m.group(1) != "0" else m.group(0), text)


def _units(km: tuple[str, str], m: tuple[str, str], cm: tuple[str, str], kg: tuple[str, str], t: tuple[str, str],
           kmh: str, degree: tuple[str, str], percent: str, permille: str, mph: str = "", fahrenheit: str = "Fahrenheit",
           celsius: str = "Celsius") -> dict[str, tuple[str, str]]:
    # millimetres from the centimetre's name: "centimetre" -> "millimetre", "Zentimeter" -> "Millimeter"
    mm = tuple(u.replace("Zenti", "Milli").replace("centí", "milí").replace("centi", "milli") for u in cm)
    table = {"km": km, "m": m, "cm": cm, "mm": (mm[0], mm[1]), "kg": kg, "t": t, "km/h": (kmh, kmh), "%": (percent, percent), "‰": (permille, permille),
             "°C": (f"{degree[0]} {celsius}".strip(), f"{degree[1]} {celsius}".strip()),
             "°F": (f"{degree[0]} {fahrenheit}", f"{degree[1]} {fahrenheit}")}
    if mph:
        table["mph"] = (mph, mph)
    return table


_EURO_LATIN = {"€": ("euro", "euros"), "EUR": ("euro", "euros"), "$": ("dólar", "dólares"), "US$": ("dólar", "dólares"), "USD": ("dólar", "dólares")}

LANGUAGES: dict[str, Words] = {
    "en": Words(
        "en", decimal=".", nil="nil", one="one", years=True,
        units=_units(("kilometre", "kilometres"), ("metre", "metres"), ("centimetre", "centimetres"), ("kilogram", "kilograms"),
                     ("tonne", "tonnes"), "kilometres per hour", ("degree", "degrees"), "percent", "per mille", mph="miles per hour"),
        currencies={"$": ("dollar", "dollars"), "US$": ("US dollar", "US dollars"), "€": ("euro", "euros"), "£": ("pound", "pounds"),
                    "¥": ("yen", "yen"), "USD": ("dollar", "dollars"), "EUR": ("euro", "euros"), "GBP": ("pound", "pounds")},
        scales={"bn": "billion", "b": "billion", "m": "million", "mn": "million", "k": "thousand", "tn": "trillion",
                "trillion": "trillion", "billion": "billion", "million": "million"},
        fractions={"½": "one half", "¼": "one quarter", "¾": "three quarters", "⅓": "one third", "⅔": "two thirds"},
    ),
    "de": Words(
        "de", score="zu", to="bis", one="ein", years=True,
        units=_units(("Kilometer", "Kilometer"), ("Meter", "Meter"), ("Zentimeter", "Zentimeter"), ("Kilogramm", "Kilogramm"),
                     ("Tonne", "Tonnen"), "Kilometer pro Stunde", ("Grad", "Grad"), "Prozent", "Promille"),
        currencies={"€": ("Euro", "Euro"), "EUR": ("Euro", "Euro"), "$": ("Dollar", "Dollar"), "USD": ("Dollar", "Dollar"),
                    "£": ("Pfund", "Pfund"), "CHF": ("Franken", "Franken")},
        scales={"Mrd.": "Milliarden", "Mio.": "Millionen", "Milliarden": "Milliarden", "Millionen": "Millionen"},
        fractions={"½": "ein halb", "¼": "ein viertel", "¾": "drei viertel"},
    ),
    "fr": Words(
        "fr", minus="moins", score="à", to="à", one="un",
        units=_units(("kilomètre", "kilomètres"), ("mètre", "mètres"), ("centimètre", "centimètres"), ("kilogramme", "kilogrammes"),
                     ("tonne", "tonnes"), "kilomètres heure", ("degré", "degrés"), "pour cent", "pour mille"),
        currencies={"€": ("euro", "euros"), "EUR": ("euro", "euros"), "$": ("dollar", "dollars"), "£": ("livre", "livres")},
        scales={"milliards": "milliards", "millions": "millions", "Mds": "milliards", "M": "millions"}, of=" d'", amounts_in_words=True,
        fractions={"½": "un demi", "¼": "un quart", "¾": "trois quarts"},
    ),
    "es": Words(
        "es", minus="menos", score="a", to="a", one="un", cents="{unit} con {cents}", roman_ordinal_upto=10,
        date="{day} de {month} de {year}",
        units=_units(("kilómetro", "kilómetros"), ("metro", "metros"), ("centímetro", "centímetros"), ("kilogramo", "kilogramos"),
                     ("tonelada", "toneladas"), "kilómetros por hora", ("grado", "grados"), "por ciento", "por mil"),
        currencies=_EURO_LATIN, scales={"millones": "millones", "mil millones": "mil millones"}, of=" de ",
        feminine=((r"ientos\b", "ientas"), (r"\buno\b", "una"), (r"\bun\b", "una"), (r"iuno\b", "iuna")),
        fractions={"½": "medio", "¼": "un cuarto", "¾": "tres cuartos"},
    ),
    "it": Words(
        "it", minus="meno", score="a", to="a", one="un", cents="{unit} e {cents}", roman_ordinal_upto=99,
        units=_units(("chilometro", "chilometri"), ("metro", "metri"), ("centimetro", "centimetri"), ("chilo", "chili"),
                     ("tonnellata", "tonnellate"), "chilometri orari", ("grado", "gradi"), "per cento", "per mille", celsius=""),
        currencies={"€": ("euro", "euro"), "EUR": ("euro", "euro"), "$": ("dollaro", "dollari"), "£": ("sterlina", "sterline")},
        scales={"miliardi": "miliardi", "milioni": "milioni", "mld": "miliardi", "mln": "milioni"}, of=" di ",
        fractions={"½": "mezzo", "¼": "un quarto", "¾": "tre quarti"},
    ),
    "pt": Words(
        "pt", minus="menos", score="a", to="a", one="um", cents="{unit} e {cents}", roman_ordinal_upto=10,
        date="{day} de {month} de {year}",
        units=_units(("quilómetro", "quilómetros"), ("metro", "metros"), ("centímetro", "centímetros"), ("quilo", "quilos"),
                     ("tonelada", "toneladas"), "quilómetros por hora", ("grau", "graus"), "por cento", "por mil"),
        currencies={"€": ("euro", "euros"), "EUR": ("euro", "euros"), "$": ("dólar", "dólares"), "US$": ("dólar", "dólares"),
                    "R$": ("real", "reais")},
        scales={"mil milhões": "mil milhões", "milhões": "milhões", "bilhões": "bilhões", "mil": "mil"}, of=" de ",
        amounts_in_words=True, feminine=((r"entos\b", "entas"), (r"\bum\b", "uma"), (r"\bdois\b", "duas")),
        fractions={"½": "meio", "¼": "um quarto", "¾": "três quartos"},
    ),
    "nl": Words(
        "nl", minus="min", score="", to="tot", one="één", years=True,
        units=_units(("kilometer", "kilometer"), ("meter", "meter"), ("centimeter", "centimeter"), ("kilo", "kilo"),
                     ("ton", "ton"), "kilometer per uur", ("graad", "graden"), "procent", "promille"),
        currencies={"€": ("euro", "euro"), "EUR": ("euro", "euro"), "$": ("dollar", "dollar")},
        scales={"miljard": "miljard", "miljoen": "miljoen", "mld": "miljard", "mln": "miljoen"},
    ),
}
LANGUAGES.update({
    "pl": Words(
        "pl", score="do", to="do", one="jeden",
        units=_units(("kilometr", "kilometrów"), ("metr", "metrów"), ("centymetr", "centymetrów"), ("kilogram", "kilogramów"),
                     ("tona", "ton"), "kilometrów na godzinę", ("stopień", "stopni"), "procent", "promili", celsius="Celsjusza"),
        few={"km": "kilometry", "m": "metry", "cm": "centymetry", "mm": "milimetry", "kg": "kilogramy", "t": "tony",
             "°C": "stopnie Celsjusza", "‰": "promile", "mln": "miliony", "mld": "miliardy"},
        fractional={"km": "kilometra", "m": "metra", "cm": "centymetra", "mm": "milimetra", "kg": "kilograma", "t": "tony",
                    "°C": "stopnia Celsjusza", "mln": "miliona", "mld": "miliarda"},
        currencies={"zł": ("złoty", "złotych"), "PLN": ("złoty", "złotych"), "€": ("euro", "euro"), "$": ("dolar", "dolarów")},
        scales={"mln": "milionów", "mld": "miliardów"},
    ),
    "sv": Words(
        "sv", score="", to="till", one="en", decimal_word="komma",
        units=_units(("kilometer", "kilometer"), ("meter", "meter"), ("centimeter", "centimeter"), ("kilo", "kilo"), ("ton", "ton"),
                     "kilometer i timmen", ("grad", "grader"), "procent", "promille"),
        currencies={"kr": ("krona", "kronor"), "SEK": ("krona", "kronor"), "€": ("euro", "euro"), "$": ("dollar", "dollar")},
        scales={"mdr": "miljarder", "milj.": "miljoner", "miljarder": "miljarder", "miljoner": "miljoner"},
    ),
    "da": Words(
        "da", score="", to="til", one="en",
        units=_units(("kilometer", "kilometer"), ("meter", "meter"), ("centimeter", "centimeter"), ("kilo", "kilo"), ("ton", "ton"),
                     "kilometer i timen", ("grad", "grader"), "procent", "promille"),
        currencies={"kr": ("krone", "kroner"), "DKK": ("krone", "kroner"), "€": ("euro", "euro")},
        scales={"mia.": "milliarder", "mio.": "millioner", "milliarder": "milliarder", "millioner": "millioner"},
    ),
    "no": Words(
        "no", score="", to="til", one="en", years=True, years_in_pairs=True,
        units=_units(("kilometer", "kilometer"), ("meter", "meter"), ("centimeter", "centimeter"), ("kilo", "kilo"), ("tonn", "tonn"),
                     "kilometer i timen", ("grad", "grader"), "prosent", "promille"),
        currencies={"kr": ("krone", "kroner"), "NOK": ("krone", "kroner"), "€": ("euro", "euro")},
        scales={"mrd.": "milliarder", "mill.": "millioner", "milliarder": "milliarder", "millioner": "millioner"},
    ),
    "tr": Words(
        "tr", minus="eksi", score="", to="ila", one="bir", percent_before="yüzde",
        units={u: w for u, w in _units(("kilometre", "kilometre"), ("metre", "metre"), ("santimetre", "santimetre"), ("kilogram", "kilogram"),
                                        ("ton", "ton"), "", ("derece", "derece"), "", "", celsius="").items()
               if u not in ("%", "‰", "km/h")},  # Turkish says these before the number
        currencies={"TL": ("lira", "lira"), "₺": ("lira", "lira"), "$": ("dolar", "dolar"), "€": ("avro", "avro")},
        scales={"milyar": "milyar", "milyon": "milyon"},
    ),
})
LANGUAGES["nb"] = LANGUAGES["no"]
LANGUAGES["pt-BR"] = Words(
    "pt-BR", **{k: v for k, v in LANGUAGES["pt"].__dict__.items() if k not in ("lang", "units")},
    units={**LANGUAGES["pt"].units, "km": ("quilômetro", "quilômetros"), "km/h": ("quilômetros por hora", "quilômetros por hora")},
)

MAKERS: list[tuple[str, Callable[[Words], Rule]]] = [
    ("codes", make_codes),
    ("numeric_dates", make_numeric_dates),
    ("currencies", make_money),
    ("units", make_units),
    ("percentages", make_percentages),
    ("decades", make_decades),
    ("years", make_years),
    ("scores", make_scores),
    ("ranges", make_ranges),
    ("numbers", make_numbers),
    ("agreement", make_agreement),
    ("fractions", make_fractions),
    ("roman_numerals", make_roman),
    ("ordinal_indicators", make_ordinal_indicators),
]
