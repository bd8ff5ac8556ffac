"""Domestic acts as the Spanish sources cite them: laws, and messages of the Executive.

The Paraguay compilation's tables print the act approving a treaty as ``Ley N° 5`` (``N°`` with a
degree sign or ``Nº`` with an ordinal indicator), with the year after a slash (``Ley Nº 2128/03``),
a thousands dot (``Ley N° 2.298``), or two candidate numbers (``Ley N° 992 o 994``: the source is
ambiguous, both are kept); a bill still before Congress is cited by the message that sent it
(``Mensaje del Poder Ejecutivo N° 585 del 29 de octubre de 2001``). The Kazakh reports write
``Ley núm. 322-I, de 26 de agosto de 1998`` (the roman suffix is the convocation of Parliament:
part of the number, not a month).

>>> act = parse_act("Ley N° 992 o 994")
>>> act.kind, act.numbers, act.ambiguous
('ley', ('992', '994'), True)
>>> parse_act("Ley N° 2.298").numbers
('2298',)
>>> a = parse_act("Ley Nº 2128/03")
>>> a.numbers, a.year, a.identifier(a.numbers[0])
(('2128',), 2003, '2128/2003')
>>> parse_act("Mensaje del Poder Ejecutivo Nº 845").kind
'mensaje'
>>> [(c.act.numbers, c.date.isoformat()) for c in find_acts(
...     "ratificada mediante la Ley núm. 322-I, de 26 de agosto de 1998")]
[(('322-I',), '1998-08-26')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from hrgraph.extract.dates import (
    LONG_DATE,
    NUMERIC_DATE,
    DateError,
    expand_year,
    parse_long_date,
    parse_numeric_date,
)

# "N°" (degree sign), "Nº" (ordinal indicator), "No.", "núm." and "Nro." all abbreviate número.
NUMERO = r"(?:N\s?[°º]|N[o°º]\.|[Nn]úm\.|Nro\.)"
# One act number: 5 | 2128/03 | 2.298 | 322-I (a roman convocation suffix, Kazakhstan).
_NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+(?:/\d{2,4})?(?:-[IVX]+)?"
ACT = re.compile(
    rf"(?P<kind>Ley|Mensaje del Poder Ejecutivo|Decreto)\s*{NUMERO}\s*"
    rf"(?P<first>{_NUMBER})(?:\s+o\s+(?P<second>{_NUMBER}))?"
)
KINDS = {"Ley": "ley", "Mensaje del Poder Ejecutivo": "mensaje", "Decreto": "decreto"}


class LawError(ValueError):
    """A citation that is not a domestic act in a form hrgraph reads."""


@dataclass(frozen=True)
class DomesticActRef:
    """A cited domestic act: its kind, the text as printed and its number(s) normalised.

    ``numbers`` holds one number, or two where the source prints ``992 o 994``;
    ``year`` is the year the number carries after a slash (``69/89`` → 1989), if any.
    """

    kind: str
    printed: str
    numbers: tuple[str, ...]
    year: int | None

    @property
    def ambiguous(self) -> bool:
        return len(self.numbers) > 1

    def identifier(self, number: str, year: int | None = None) -> str:
        """``number/year`` as Paraguay cites a law (``5/1992``); the year printed wins.

        >>> parse_act("Ley N° 5").identifier("5", 1992)
        '5/1992'
        >>> parse_act("Ley N° 69/89").identifier("69", 1990)
        '69/1989'
        """
        chosen = self.year if self.year is not None else year
        return number if chosen is None else f"{number}/{chosen}"


@dataclass(frozen=True)
class CitedAct:
    """A domestic act found in running text, with the date printed after it (if any)."""

    act: DomesticActRef
    date: date | None
    date_printed: str | None
    start: int
    end: int


def _split_number(text: str) -> tuple[str, int | None]:
    """``2128/03`` → ("2128", 2003); ``2.298`` → ("2298", None); ``322-I`` as is."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return text.replace(".", ""), None
    number, _, year = text.partition("/")
    return number, (expand_year(year) if year else None)


def _from_match(match: re.Match[str]) -> DomesticActRef:
    first, year = _split_number(match["first"])
    numbers = [first]
    if match["second"]:
        second, year_2 = _split_number(match["second"])
        numbers.append(second)
        year = year if year is not None else year_2
    return DomesticActRef(KINDS[match["kind"]], match[0].strip(), tuple(numbers), year)


def parse_act(text: str) -> DomesticActRef:
    """The act that ``text`` starts with (``Ley N° 4``, ``Mensaje del Poder Ejecutivo Nº 845``).

    >>> parse_act("Ley N° 4 09/IV/1992").printed
    'Ley N° 4'
    >>> parse_act("Resolución 12")
    Traceback (most recent call last):
    ...
    hrgraph.extract.laws.LawError: no 'Ley N° …' citation at the start of 'Resolución 12'
    """
    match = ACT.match(text.strip())
    if not match:
        raise LawError(f"no 'Ley N° …' citation at the start of {text!r}")
    return _from_match(match)


_DATE_LEAD = re.compile(r"\s*,?\s*(?:(?:de|del)\s+(?:fecha\s+)?)?", re.IGNORECASE)


def _date_after(text: str, pos: int) -> tuple[date | None, str | None, int]:
    """The date printed right after position ``pos`` (``09/IV/1992``, ``, de 26 de agosto``)."""
    start = _DATE_LEAD.match(text, pos)
    at = start.end() if start else pos
    for pattern, parse in ((NUMERIC_DATE, parse_numeric_date), (LONG_DATE, parse_long_date)):
        match = pattern.match(text, at)
        if match:
            try:
                return parse(match[0]), match[0], match.end()
            except DateError:
                return None, match[0], match.end()
    return None, None, pos


def find_acts(text: str) -> list[CitedAct]:
    """Every domestic act cited in ``text``, each with the date printed right after it.

    >>> cells = "Ley N° 1215 28/XI/1986 Ley N° 1683 25/IV/2001"
    >>> [(c.act.printed, str(c.date)) for c in find_acts(cells)]
    [('Ley N° 1215', '1986-11-28'), ('Ley N° 1683', '2001-04-25')]
    >>> c = find_acts("Mensaje del Poder Ejecutivo N° 585 del 29 de octubre de 2001 Girado")[0]
    >>> c.date.isoformat(), c.date_printed
    ('2001-10-29', '29 de octubre de 2001')
    """
    found = []
    for match in ACT.finditer(text):
        value, printed, end = _date_after(text, match.end())
        found.append(CitedAct(_from_match(match), value, printed, match.start(), end))
    return found
