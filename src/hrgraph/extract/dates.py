"""Dates as the Spanish sources print them.

Numeric forms, ``day/month/year`` with the month in roman (``09/IV/1992``) or arabic
(``7/11/1996``, ``31/07/1996``) numerals, a two-digit year (``22/VII/03``: 00-30 read as 20xx,
31-99 as 19xx, since no instrument in the sources predates 1931 in that form) and the
missing-slash typo ``11/XII1948``; and long forms ``26 de agosto de 1998`` (``1º de mayo``,
``1 de julio del 2003`` too).

>>> parse_numeric_date("09/IV/1992")
datetime.date(1992, 4, 9)
>>> parse_numeric_date("22/VII/03")
datetime.date(2003, 7, 22)
>>> parse_numeric_date("11/XII1948")
datetime.date(1948, 12, 11)
>>> parse_long_date("de 26 de agosto de 1998")
datetime.date(1998, 8, 26)
>>> [d.isoformat() for d, _ in find_numeric_dates("Ley N° 4 09/IV/1992 y 7/11/1996")]
['1992-04-09', '1996-11-07']
"""

from __future__ import annotations

import re
from datetime import date

ROMAN_MONTHS = {
    "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6,
    "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11, "XII": 12,
}  # fmt: skip

SPANISH_MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}  # fmt: skip

_ROMAN = "XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I"
NUMERIC_DATE = re.compile(
    rf"(?<![\d/])(?P<day>\d{{1,2}})\s?/\s?(?P<month>{_ROMAN}|\d{{1,2}})\s?/?\s?"
    r"(?P<year>\d{4}|\d{2})(?![\d/])"
)
LONG_DATE = re.compile(
    r"(?P<day>\d{1,2})\s*[º°o]?\s+de\s+(?P<month>"
    + "|".join(SPANISH_MONTHS)
    + r")\s+(?:de|del)\s+(?P<year>\d{4})",
    re.IGNORECASE,
)


class DateError(ValueError):
    """A printed date that cannot be read as a calendar date."""


def expand_year(text: str) -> int:
    """A four-digit year as is; a two-digit year 00-30 as 20xx, 31-99 as 19xx.

    >>> expand_year("03"), expand_year("89"), expand_year("1948")
    (2003, 1989, 1948)
    """
    year = int(text)
    if len(text) == 2:
        return 2000 + year if year <= 30 else 1900 + year
    if len(text) != 4:
        raise DateError(f"year {text!r} is neither two nor four digits")
    return year


def month_number(text: str) -> int:
    """A month printed as a roman numeral, an arabic number or a Spanish name."""
    token = text.strip()
    if token.upper() in ROMAN_MONTHS and not token.isdigit():
        return ROMAN_MONTHS[token.upper()]
    if token.isdigit():
        return int(token)
    if token.lower() in SPANISH_MONTHS:
        return SPANISH_MONTHS[token.lower()]
    raise DateError(f"unknown month {text!r}")


def _make(day: str, month: str, year: str, printed: str) -> date:
    try:
        return date(expand_year(year), month_number(month), int(day))
    except ValueError as err:
        raise DateError(f"{printed!r} is not a calendar date: {err}") from err


def parse_numeric_date(text: str) -> date:
    """The single numeric date that ``text`` is (surrounding spaces allowed)."""
    match = NUMERIC_DATE.fullmatch(text.strip())
    if not match:
        raise DateError(f"{text!r} is not a day/month/year date")
    return _make(match["day"], match["month"], match["year"], text)


def parse_long_date(text: str) -> date:
    """The first ``26 de agosto de 1998`` style date in ``text``."""
    match = LONG_DATE.search(text)
    if not match:
        raise DateError(f"no 'D de MES de AAAA' date in {text!r}")
    return _make(match["day"], match["month"], match["year"], match[0])


def find_numeric_dates(text: str) -> list[tuple[date, str]]:
    """Every numeric date in ``text`` with the string printed; unreadable ones raise."""
    return [(_make(m["day"], m["month"], m["year"], m[0]), m[0]) for m in NUMERIC_DATE.finditer(text)]


def find_long_dates(text: str) -> list[tuple[date, str]]:
    """Every long-form date in ``text`` with the string printed."""
    return [(_make(m["day"], m["month"], m["year"], m[0]), m[0]) for m in LONG_DATE.finditer(text)]


_UNITS = {
    "un": 1, "uno": 1, "primero": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13,
    "catorce": 14, "quince": 15, "dieciséis": 16, "diecisiete": 17, "dieciocho": 18,
    "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiún": 21, "veintidós": 22,
    "veintitrés": 23, "veinticuatro": 24, "veinticinco": 25, "veintiséis": 26,
    "veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30, "cuarenta": 40,
    "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
    "cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300, "cuatrocientos": 400,
    "quinientos": 500, "seiscientos": 600, "setecientos": 700, "ochocientos": 800,
    "novecientos": 900,
}  # fmt: skip
_NUMBER_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
WORD_DATE = re.compile(
    rf"\b(?P<day>(?:{_NUMBER_WORD})(?: y (?:{_NUMBER_WORD}))?) de (?P<month>[a-z]+) de "
    rf"(?P<year>(?:dos )?mil(?: (?:{_NUMBER_WORD}|y)\b)*)",
    re.IGNORECASE,
)


def words_to_int(text: str) -> int:
    """A number written in Spanish words, below ten thousand.

    >>> words_to_int("mil novecientos treinta y dos"), words_to_int("veintiocho")
    (1932, 28)
    """
    total, current = 0, 0
    for word in text.lower().split():
        if word == "y":
            continue
        if word == "mil":
            total += (current or 1) * 1000
            current = 0
        elif word in _UNITS:
            current += _UNITS[word]
        else:
            raise DateError(f"{word!r} is not a Spanish number word (in {text!r})")
    return total + current


def parse_word_date(text: str) -> date:
    """The first date written in words: ``treinta de abril de mil novecientos treinta y dos``.

    ILO conventions print their adoption date this way (``Adopta, con fecha …``).

    >>> parse_word_date("Adopta, con fecha veintiocho de junio de mil novecientos treinta, el")
    datetime.date(1930, 6, 28)
    """
    for match in WORD_DATE.finditer(text):
        if match["month"].lower() not in SPANISH_MONTHS:
            continue
        try:
            day, year = words_to_int(match["day"]), words_to_int(match["year"])
        except DateError:
            continue
        try:
            return date(year, SPANISH_MONTHS[match["month"].lower()], day)
        except ValueError as err:
            raise DateError(f"{match[0]!r} is not a calendar date: {err}") from err
    raise DateError(f"no date in words in {text!r}")
