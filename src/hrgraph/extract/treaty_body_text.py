"""Phrases the treaty bodies print in every genre of their documents, English and Spanish.

Used by the readers of concluding observations, follow-up replies, follow-up assessments and
periodic reports; each function reads one phrase from a paragraph's text:

- long dates, ``22 April 2016`` and ``22 de abril de 2016``;
- the articles a paragraph names, ``(art. 2)``, ``(arts. 2, 3, 7 and 26)``, ``(arts. 2, 12-14 y 16)``;
- the paragraphs a follow-up request names, ``paragraphs 10 (non-discrimination), 22 (…) and
  24 (…)``, ``párrafos 12 a), 24 y 30``, with the period (``within one year``, ``en el plazo de
  un año``) or the date (``by 29 July 2017``) it sets;
- the next report's due date or year (``submit its next periodic report by 31 March 2020``,
  ``… in 2026``);
- the adoption date (``At its 3259th meeting, held on 23 March 2016, it adopted …``).

>>> [d.isoformat() for d, _ in find_dates("Distr.: General 22 April 2016 and 4 de julio de 2022")]
['2016-04-22', '2022-07-04']
>>> articles("(arts. 2, 3, 7 and 26)"), articles("(art. 2)"), articles("(arts. 2, 12-14 y 16)")
(('2', '3', '7', '26'), ('2',), ('2', '12', '13', '14', '16'))
>>> follow_up_targets("in paragraphs 10 (non-discrimination), 22 (prohibition of torture) and 24 above")
('10', '22', '24')
>>> follow_up_targets("en los párrafos 12 a) y b), 24 y 30")
('12a', '12b', '24', '30')
>>> period("within one year of the adoption"), period("dentro del plazo de dos años")
('P1Y', 'P2Y')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from hrgraph.extract.common import Declared, ExtractionError, LineLedger, SourceText
from hrgraph.extract.dates import SPANISH_MONTHS, DateError
from hrgraph.extract.symbols import normalise
from hrgraph.extract.undoc.cover import Cover, read_cover
from hrgraph.extract.undoc.furniture import mark_furniture

ENGLISH_MONTHS = {
    m: i
    for i, m in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"),
        start=1,
    )
}  # fmt: skip
_MONTH = "|".join(list(ENGLISH_MONTHS) + list(SPANISH_MONTHS))
DATE = re.compile(
    rf"(?P<day>\d{{1,2}})\s*[º°]?\s+(?:de\s+)?(?P<month>{_MONTH})\s+(?:de\s+|del\s+)?(?P<year>\d{{4}})",
    re.IGNORECASE,
)
ARTICLES = re.compile(
    r"\((?:arts?\.|articles?|artículos?)\s*(?P<list>\d[\d\s,()–\-]*(?:\s(?:and|y|e)\s+\d+(?:\s*\(\d+\))?)?)\)",
    re.IGNORECASE,
)
_ART_ITEM = re.compile(r"(?P<first>\d+)(?:\s*\(\d+\))?(?:\s*[-–]\s*(?P<last>\d+))?")
_T_ITEM = r"\d+(?:\s*\((?:[^()]|\([^()]*\))*\)|\s?[a-z]\))*"
_T_SEP = r"\s*(?:,|and|y|e|or|o|as well as|así como)\s*"
TARGETS = re.compile(
    rf"(?:paragraphs?|párrafos?)\s+(?P<list>{_T_ITEM}(?:{_T_SEP}(?:{_T_ITEM}|\(?[a-z]\)))*)",
    re.IGNORECASE,
)
_TARGET = re.compile(r"(?P<num>\d+)(?P<letters>(?:\s*\(?[a-z]\)(?:\s*(?:,|and|y|e|or|o)\s*)?)*)")
_LETTER = re.compile(r"\(?([a-z])\)")
_NOTE = re.compile(r"\((?![a-z]\))[^()]*(?:\([^()]*\)[^()]*)*\)")
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "eighteen": 18, "twelve": 12,
    "twenty-four": 24, "un": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "seis": 6,
    "doce": 12, "dieciocho": 18, "veinticuatro": 24,
}  # fmt: skip
PERIOD = re.compile(
    r"(?:within|en el plazo de|dentro del plazo de|en un plazo de|dentro de)\s+(?:a\s+period\s+of\s+)?"
    r"(?P<n>\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\s+"
    r"(?P<unit>years?|months?|años?|meses|mes)\b",
    re.IGNORECASE,
)
_BY_DATE = re.compile(r"\b(?:by|before|no later than|a más tardar el|antes del?)\s+(?=\d)", re.IGNORECASE)
NEXT_REPORT = re.compile(r"next (?:periodic )?report|próximo informe|siguiente informe", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:in|by|en|para)\s+(?P<year>(?:19|20)\d\d)\b")
ADOPTED = re.compile(r"\badopted\b|\baprobó\b|\bapprouvé\b", re.IGNORECASE)


def _month(name: str) -> int:
    key = name.lower()
    return ENGLISH_MONTHS.get(key) or SPANISH_MONTHS[key]


def find_dates(text: str) -> list[tuple[date, str]]:
    """Every long date (English or Spanish) in ``text``, with the string printed."""
    out = []
    for m in DATE.finditer(text):
        try:
            out.append((date(int(m["year"]), _month(m["month"]), int(m["day"])), m[0]))
        except ValueError as err:
            raise DateError(f"{m[0]!r} is not a calendar date: {err}") from err
    return out


def articles(text: str) -> tuple[str, ...]:
    """The article numbers of every ``(art. N)`` / ``(arts. N, M and K)`` in ``text``, ranges
    expanded, paragraph numbers ``19 (3)`` dropped, in printed order without repeats."""
    out: list[str] = []
    for m in ARTICLES.finditer(text):
        for item in _ART_ITEM.finditer(m["list"]):
            last = int(item["last"]) if item["last"] else int(item["first"])
            out += [str(n) for n in range(int(item["first"]), last + 1)]
    return tuple(dict.fromkeys(out))


def follow_up_targets(text: str) -> tuple[str, ...]:
    """The paragraph numbers (``22``, sub-items ``12a``) a follow-up request names (its last
    ``paragraphs …`` list); the topics printed in parentheses after each number are dropped."""
    found = list(TARGETS.finditer(text))  # the last: "rule 71, paragraph 5, of the rules" comes first
    if not found:
        return ()
    m = found[-1]
    listed = _NOTE.sub("", m["list"])
    out: list[str] = []
    for item in _TARGET.finditer(listed):
        letters = _LETTER.findall(item["letters"])
        out += [f"{item['num']}{x}" for x in letters] or [item["num"]]
    return tuple(dict.fromkeys(out))


def period(text: str) -> str | None:
    """The period a request sets, as an xsd:duration (``within one year`` → ``P1Y``)."""
    m = PERIOD.search(text)
    if not m:
        return None
    n = int(m["n"]) if m["n"].isdigit() else _NUMBER_WORDS[m["n"].lower()]
    unit = "Y" if m["unit"].lower().startswith(("year", "año")) else "M"
    return f"P{n}{unit}"


def add_period(start: date, duration: str) -> date:
    """``start`` plus ``P1Y`` / ``P18M`` (the same day of the month; 29 February → 28)."""
    m = re.fullmatch(r"P(\d+)([YM])", duration)
    if not m:
        raise ValueError(f"unsupported duration {duration!r}")
    months = int(m[1]) * (12 if m[2] == "Y" else 1)
    year, month = divmod(start.month - 1 + months, 12)
    day = start.day
    while True:
        try:
            return date(start.year + year, month + 1, day)
        except ValueError:
            day -= 1


def printed_deadline(text: str) -> tuple[date, str] | None:
    """A date printed as a deadline (``by 29 July 2017``, ``a más tardar el 29 de julio de 2017``)."""
    for m in _BY_DATE.finditer(text):
        found = find_dates(text[m.end() : m.end() + 40])
        if found and text[m.end() :].startswith(found[0][1]):
            return found[0]
    return None


@dataclass(frozen=True)
class Due:
    """When the next report is due: a date, or only a year, as printed."""

    date: date | None
    year: int
    printed: str


def next_report_due(text: str) -> Due | None:
    """The due date (or year) of the next report, in a paragraph that names the next report."""
    m = NEXT_REPORT.search(text)
    if not m:
        return None
    rest = text[m.start() :]
    found = find_dates(rest)
    if found:
        return Due(found[0][0], found[0][0].year, found[0][1])
    year = _YEAR.search(rest)
    return Due(None, int(year["year"]), year[0]) if year else None


def adoption_date(text: str) -> date | None:
    """The date in the sentence of ``text`` that says the document was adopted."""
    for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z])", text):
        if ADOPTED.search(sentence):
            found = find_dates(sentence)
            if found:
                return found[-1][0]
    return None


# -- document metadata ------------------------------------------------------------------------

BODY_PREFIXES = (
    ("E/C.12/", "CESCR"), ("CCPR/", "CCPR"), ("CERD/", "CERD"), ("CEDAW/", "CEDAW"),
    ("CRC/", "CRC"), ("CAT/", "CAT"), ("CMW/", "CMW"), ("CRPD/", "CRPD"), ("CED/", "CED"),
)  # fmt: skip
ADDENDUM = re.compile(r"/Add\.\d+$")


def body_from_symbol(symbol: str | None) -> str | None:
    """The treaty body whose documents carry ``symbol`` (``E/C.12/PRY/CO/4`` → ``CESCR``).

    >>> body_from_symbol("CCPR/C/NAM/CO/2"), body_from_symbol("E/C.12/PRY/CO/4"), body_from_symbol("A/1")
    ('CCPR', 'CESCR', None)
    """
    return next((b for prefix, b in BODY_PREFIXES if symbol and symbol.startswith(prefix)), None)


def without_addendum(symbol: str) -> str:
    """``CCPR/C/USA/CO/4/Add.1`` → ``CCPR/C/USA/CO/4`` (the document an addendum belongs to)."""
    return ADDENDUM.sub("", symbol)


@dataclass(frozen=True)
class Meta:
    """A document's resolved metadata: the cover's, checked against what the source list declares."""

    symbol: str
    state: str
    date: date | None
    language: str
    body: str


def resolve_meta(key: str, cover: Cover, declared: Declared, need_state: bool = True) -> Meta:
    """The cover's symbol, State, date and body; the declared ones where the cover prints none.

    A symbol or State on the cover that contradicts the declaration is an
    :class:`ExtractionError` naming the cover line and what was expected.
    """
    symbol = cover.symbol or (normalise(declared.symbol) if declared.symbol else "")
    if cover.symbol and declared.symbol and normalise(declared.symbol) != cover.symbol:
        line = cover.symbol_span.start if cover.symbol_span else None
        raise ExtractionError(key, line, f"the cover prints {cover.symbol}; the source list declares "
                                         f"{normalise(declared.symbol)}")  # fmt: skip
    state = cover.state or declared.state.upper()
    if cover.state and declared.state and cover.state != declared.state.upper():
        line = cover.symbol_span.start if cover.symbol_span else None
        raise ExtractionError(key, line, f"the cover is about {cover.state}; the source list declares "
                                         f"the State {declared.state.upper()}")  # fmt: skip
    if need_state and not state:
        raise ExtractionError(key, None, "no State: the cover names none and none is declared")
    body = body_from_symbol(symbol)
    if not symbol or body is None:
        raise ExtractionError(key, None, f"expected a treaty-body symbol on the cover, found {symbol!r}")
    declared_date = _declared_date(declared.date)
    return Meta(symbol, state, cover.date or declared_date, declared.language or "en", body)


def open_document(
    src: SourceText, ledger: LineLedger, declared: Declared, need_state: bool = True
) -> tuple[Cover, Meta]:
    """The cover of a treaty-body document and its metadata (:func:`resolve_meta`), with the cover
    lines and the page furniture accounted for in ``ledger``: what every treaty-body reader does
    first."""
    cover = read_cover(src)
    meta = resolve_meta(src.key, cover, declared, need_state)
    for span in cover.spans:
        ledger.use(span, "cover")
    mark_furniture(src, ledger, cover)
    return cover, meta


def _declared_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None
