"""What a State report cites: national acts, UN documents, its own paragraphs and chapters.

Read from the text of one numbered paragraph (rejoined across its wrapped lines by
:class:`LinedText`, which maps every character back to its physical line):

- **national acts** as the Kazakh reports print them (``número`` abbreviated as
  :data:`hrgraph.extract.laws.NUMERO` reads it; :mod:`hrgraph.extract.laws` reads the
  ``Ley núm. 322-I`` form of the treaty tables, this module the wider set of kinds): a kind
  (``Ley``, ``Decreto Presidencial``, ``Resolución Gubernamental``, ``Resolución Normativa``,
  ``Orden``, ``Código``), a number
  (``núm. 322-I``, ``núm. 1.014``), an issuer for ministerial orders (``Orden núm. 607 del
  Ministerio del Interior``, ``Orden del Ministro de Cultura e Información núm. 20``), an optional
  title, and a date (``, de 26 de agosto de 1998``, ``de fecha 20 de febrero de 2015``); and
  named acts with a date or year attached (``Ley de Idiomas, de 1997``, ``Ley de Empleo de
  2016``, ``Código Penal, de 3 de julio de 2014``, ``Ley de 2001 de Protección …``). A named act
  without an attached date or year is not read: the report gives nothing to identify it by.
- **UN documents**: symbols (:func:`hrgraph.extract.symbols.find_symbols`) and General Assembly
  resolutions printed as ``resolución 68/268 de la Asamblea General`` (symbol ``A/RES/68/268``).
- **concluding-observation paragraphs**: ``párrs. 16, 22, 28 y 42 de las observaciones finales``,
  ``párrafos 28, 33 y 34 del documento CERD/C/KAZ/CO/8-10``, ``(CERD/C/KAZ/CO/8-10, párr. 54)``.
- **internal cross-references**: ``véase el párrafo 49 del presente documento``, ``véase el
  capítulo XII``, ``capítulo VI del presente informe, dedicado al artículo 6``, ``véase el
  párr. 6.1``, ``véase el anexo 5 del presente informe``.

>>> t = LinedText.join("demo", [(3, "por la Ley núm. 322-I, de 26 de"), (5, "agosto de 1998.")])
>>> [(a.kind, a.number, a.date.isoformat(), str(a.span)) for a in find_acts(t)]
[('Ley', '322-I', '1998-08-26', 'demo:3-5')]
>>> ga = LinedText.join("d", [(1, "la resolución 68/268 de la Asamblea General")])
>>> [(d.symbol, str(d.span)) for d in find_documents(ga)]
[('A/RES/68/268', 'd:1')]
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from hrgraph.extract.common import Problem, Span
from hrgraph.extract.dates import DateError, parse_long_date
from hrgraph.extract.laws import NUMERO
from hrgraph.extract.refs import RefError, expand
from hrgraph.extract.symbols import find_symbols, normalise
from hrgraph.extract.treaty_statements import SENTENCE_END, find_statements

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_to_int(numeral: str) -> int:
    """``XIII`` → 13.

    >>> roman_to_int("XIII"), roman_to_int("IV")
    (13, 4)
    """
    total = 0
    for i, ch in enumerate(numeral):
        value = ROMAN[ch]
        following = ROMAN[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def slug(text: str) -> str:
    """A lower-case ASCII slug: ``Ministerio del Interior`` → ``ministerio-del-interior``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True)
class LinedText:
    """Text joined from physical lines (one space between them), each offset mapped to its line."""

    source: str
    text: str
    starts: tuple[int, ...]
    line_numbers: tuple[int, ...]

    @classmethod
    def join(
        cls, source: str, pieces: list[tuple[int, str]], items: frozenset[int] = frozenset()
    ) -> LinedText:
        """Join ``(line, text)`` pieces; the lines in ``items`` (list items) start a new line."""
        out = ""
        starts: list[int] = []
        for n, piece in pieces:
            if out:
                out += "\n" if n in items else " "
            starts.append(len(out))
            out += piece.strip()
        return cls(source, out, tuple(starts), tuple(n for n, _ in pieces))

    @property
    def search(self) -> str:
        """The text with no-break spaces as plain spaces (same length), for pattern matching."""
        return self.text.replace("\u00a0", " ").replace("\u202f", " ")

    def line_at(self, offset: int) -> int:
        return self.line_numbers[max(0, bisect_right(self.starts, offset) - 1)]

    def span(self, start: int, end: int) -> Span:
        """The lines that characters ``start``..``end`` (exclusive) of the text sit on."""
        return Span(self.source, self.line_at(start), self.line_at(max(start, end - 1)))


@dataclass(frozen=True)
class ActCitation:
    """A national law, decree, order or code as the report prints it."""

    kind: str  # as printed: "Ley", "Decreto Presidencial", "Orden", …
    number: str | None
    issuer: str | None
    title: str | None
    date: date | None
    year: int | None
    printed: str
    span: Span

    @property
    def key(self) -> tuple[str, str]:
        """``(kind key, identifier)`` for the act's IRI: its number, else its title and year."""
        kind = slug(self.kind) + (f"-{slug(self.issuer)}" if self.issuer else "")
        if self.number:
            thousands = re.fullmatch(r"\d{1,3}(?:\.\d{3})+", self.number)
            return kind, self.number.replace(".", "") if thousands else self.number
        year = self.date.year if self.date else self.year
        return kind, f"{slug(self.title or '')}-{year}"


@dataclass(frozen=True)
class DocCitation:
    """A UN document the report cites, by its normalised symbol."""

    symbol: str
    printed: str
    span: Span


@dataclass(frozen=True)
class ParagraphCitation:
    """Paragraphs of a UN document (concluding observations) the report cites."""

    symbol: str
    numbers: tuple[str, ...]
    printed: str
    span: Span


@dataclass(frozen=True)
class InternalRef:
    """A cross-reference to a paragraph, chapter or annex of the report itself."""

    target: str  # "paragraph", "chapter" or "annex"
    numbers: tuple[str, ...]
    article: str | None  # "capítulo VII relativo al artículo 5": the article the text names
    printed: str
    span: Span


_KIND = (
    r"(?P<kind>Ley Constitucional|Ley|Decreto Presidencial|Decreto|Resolución Gubernamental"
    r"|Resolución Normativa|Orden|Código)"
)
_CAP = r"[A-ZÁÉÍÓÚÑ][\wáéíóúñü\-]*"
_FUNC = r"(?:de|del|la|las|los|el|y|e|en|para|por|contra|sobre|con|a|parte|que)"
_ISSUER = rf"(?:Ministro|Ministerio|Organismo)(?: (?:{_FUNC} )*{_CAP})*"
_NUMBER = r"\d[\d.]*(?:-[IVXL]+)?"
_DATE = r"(?:,\s)?de (?:fecha )?(?P<date>\d{1,2}\s*º?\s+de\s+\w+\s+(?:de|del)\s+\d{4})"
NUMBERED_ACT = re.compile(
    rf"{_KIND}(?: del? (?P<issuer1>{_ISSUER}))? {NUMERO} ?(?P<number>{_NUMBER})"
    rf"(?: del? (?P<issuer2>{_ISSUER}))?"
    r"(?: (?!de (?:fecha )?\d)(?P<title>(?:de|por la que) (?:[^,;().]|\.(?=\d))*[^,;().\s]))?"
    rf"(?:{_DATE})?(?=[\s,.;:)]|$)"
)
_TITLE = rf"(?:de|del) (?:(?:la|las|los|el) )?{_CAP}(?: (?:{_FUNC} )*{_CAP})*"
NAMED_ACT = re.compile(
    r"(?P<kind>Ley|Código)(?: de (?P<year0>\d{4}))? "
    rf"(?P<title>{_TITLE}|Penal|Social|Civil)"
    rf"(?:,? de (?P<date>\d{{1,2}} de \w+ de \d{{4}})|,? de (?P<year1>\d{{4}})"
    rf"|\s\((?P<year2>\d{{4}})\))?"
)
GA_RESOLUTION = re.compile(
    r"resoluci[oó]n (?P<session>\d{1,3})/(?P<number>\d{1,4}) de la Asamblea(?: General)?"
)
CO_PARAGRAPHS = re.compile(
    r"(?:párrs?\.|párrafos?) (?P<refs>\d+(?:(?:,\s*|\s+y\s+)\d+)*) "
    r"(?:de las observaciones finales(?:,\s*(?P<sym1>[A-Z]+/[^\s,;)]+))?"
    r"|del documento (?P<sym2>[A-Z]+/[^\s,;)]+))"
)
SYMBOL_PARAGRAPH = re.compile(r"(?P<sym>[A-Z]+/[^\s,;)]+), párrs?\. (?P<refs>\d+(?:(?:,\s*|\s+y\s+)\d+)*)")
SEE_PARAGRAPH = re.compile(
    r"(?:véase|véanse) (?:el|los) (?:párrafos?|párrs?\.) "
    r"(?P<refs>\d+(?:\.\d+)?(?:(?:,\s*|\s+y\s+)\d+(?:\.\d+)?)*)"
)
SEE_CHAPTER = re.compile(
    r"capítulo (?P<numeral>[IVXL]+)\b(?:(?: del presente informe)?,? "
    r"(?:relativo al|dedicado al|art\.) (?:artículo )?(?P<article>\d+))?"
)
SEE_ANNEX = re.compile(
    r"(?:véase|véanse) (?:el|los) anexos? (?:núms?\. )?(?P<refs>\d+(?:(?:,\s*|\s+y\s+)\d+)*)"
)


def _act_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return parse_long_date(text)
    except DateError:
        return None


def find_acts(t: LinedText) -> list[ActCitation]:
    """Every numbered act, and every named act with a date or year, in printed order."""
    found: list[ActCitation] = []
    taken: list[range] = []
    for m in NUMBERED_ACT.finditer(t.search):
        issuer = m["issuer1"] or m["issuer2"]
        found.append(
            ActCitation(m["kind"], m["number"], issuer, m["title"], _act_date(m["date"]), None,
                        m[0].rstrip(" ,"), t.span(m.start(), m.end()))
        )  # fmt: skip
        taken.append(range(m.start(), m.end()))
    for m in NAMED_ACT.finditer(t.search):
        year = m["year0"] or m["year1"] or m["year2"]
        if not (m["date"] or year) or any(m.start() in r for r in taken):
            continue
        title = m["title"]
        found.append(
            ActCitation(m["kind"], None, None, title, _act_date(m["date"]),
                        int(year) if year else None, m[0], t.span(m.start(), m.end()))
        )  # fmt: skip
    return sorted(found, key=lambda a: (a.span.start, t.search.find(a.printed)))


def find_documents(t: LinedText) -> list[DocCitation]:
    """UN symbols and General Assembly resolutions, in printed order, repeats kept."""
    out = []
    for m in GA_RESOLUTION.finditer(t.search):
        sym = f"A/RES/{m['session']}/{m['number']}"
        out.append((m.start(), DocCitation(sym, m[0], t.span(m.start(), m.end()))))
    pos = 0
    for norm, printed in find_symbols(t.search):
        start = t.search.find(printed, pos)
        pos = start + len(printed)
        out.append((start, DocCitation(norm, printed, t.span(start, pos))))
    return [d for _, d in sorted(out, key=lambda pair: pair[0])]


def _refs(text: str) -> tuple[str, ...]:
    try:
        return tuple(expand(text))
    except RefError:
        return ()


def find_co_paragraphs(t: LinedText, default_symbol: str | None) -> list[ParagraphCitation]:
    """Concluding-observation paragraphs cited in running text.

    ``de las observaciones finales`` without a symbol means the observations the report
    follows up (``default_symbol``, read from the report itself).
    """
    out = []
    for m in CO_PARAGRAPHS.finditer(t.search):
        sym = m["sym1"] or m["sym2"] or default_symbol
        if sym:
            out.append(ParagraphCitation(normalise(sym), _refs(m["refs"]), m[0],
                                         t.span(m.start(), m.end())))  # fmt: skip
    for m in SYMBOL_PARAGRAPH.finditer(t.search):
        out.append(ParagraphCitation(normalise(m["sym"]), _refs(m["refs"]), m[0],
                                     t.span(m.start(), m.end())))  # fmt: skip
    return sorted(out, key=lambda c: (c.span.start, t.search.find(c.printed)))


def find_internal_refs(t: LinedText) -> list[InternalRef]:
    """Cross-references to the report's own paragraphs, chapters and annexes."""
    out = []
    for m in SEE_PARAGRAPH.finditer(t.search):
        numbers = tuple(re.findall(r"\d+(?:\.\d+)?", m["refs"]))
        out.append((m.start(), InternalRef("paragraph", numbers, None, m[0], t.span(m.start(), m.end()))))
    for m in SEE_CHAPTER.finditer(t.search):
        out.append(
            (m.start(), InternalRef("chapter", (m["numeral"],), m["article"], m[0],
                                    t.span(m.start(), m.end())))
        )  # fmt: skip
    for m in SEE_ANNEX.finditer(t.search):
        out.append(
            (
                m.start(),
                InternalRef("annex", _refs(m["refs"]), None, m[0], t.span(m.start(), m.end())),
            )
        )
    return [r for _, r in sorted(out, key=lambda pair: pair[0])]


@dataclass(frozen=True)
class TreatyClaim:
    """A paragraph's claim about the State's treaty status (see ``treaty_statements``)."""

    kind: str
    instrument: str
    printed_instrument: str
    year: int | None
    month: int | None
    act: ActCitation | None  # the approving law the same sentence names
    paragraph: int
    printed: str
    span: Span

    @property
    def effective_year(self) -> int | None:
        """The year the claim gives the act: printed with it, else its approving law's year."""
        if self.year is not None:
            return self.year
        return self.act.date.year if self.act and self.act.date else None


@dataclass(frozen=True)
class Cites:
    """Everything one paragraph cites or claims."""

    acts: tuple[ActCitation, ...] = ()
    documents: tuple[DocCitation, ...] = ()
    co_paragraphs: tuple[ParagraphCitation, ...] = ()
    internal: tuple[InternalRef, ...] = ()
    claims: tuple[TreatyClaim, ...] = ()


def _sentence_of(text: str, start: int) -> tuple[int, int]:
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    return max((e for e in ends if e <= start), default=0), min(
        (e for e in ends if e > start), default=len(text)
    )


def _claims(t: LinedText, paragraph: int, acts: list[ActCitation]) -> tuple[list[TreatyClaim], list[Problem]]:
    statements, unread = find_statements(t.search)
    claims = []
    for s in statements:
        assert s.instrument
        lo, hi = _sentence_of(t.search, s.start)
        laws = [
            a for a in acts
            if a.kind in ("Ley", "Decreto Presidencial") and a.number
            and lo <= t.search.find(a.printed, lo) < hi
        ]  # fmt: skip
        act = laws[0] if laws and s.kind in ("ratification", "accession") else None
        claims.append(
            TreatyClaim(s.kind, s.instrument, s.printed_instrument, s.year, s.month, act,
                        paragraph, t.search[s.start : s.end], t.span(s.start, s.end))
        )  # fmt: skip
    problems = [Problem(t.span(u.start, u.end), u.message) for u in unread]
    return claims, problems


def read_cites(t: LinedText, paragraph: int, co_symbol: str | None) -> tuple[Cites, list[Problem]]:
    """Everything paragraph ``paragraph`` (its text ``t``) cites, and what could not be read."""
    acts = find_acts(t)
    claims, problems = _claims(t, paragraph, acts)
    cites = Cites(
        tuple(acts),
        tuple(find_documents(t)),
        tuple(find_co_paragraphs(t, co_symbol)),
        tuple(find_internal_refs(t)),
        tuple(claims),
    )
    return cites, problems


def conflicts(claims: list[TreatyClaim]) -> list[tuple[TreatyClaim, TreatyClaim]]:
    """Pairs of claims that give one act (State, instrument, kind) two different years."""
    out = []
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            same = (a.instrument, a.kind) == (b.instrument, b.kind)
            ya, yb = a.effective_year, b.effective_year
            if same and ya is not None and yb is not None and ya != yb:
                out.append((a, b))
    return out
