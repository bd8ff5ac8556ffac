"""A State's periodic report to a treaty body (genre ``state-report``), in either print.

The convention read, as the UN publishes a periodic report (English or Spanish; e.g.
CCPR/C/USA/4, CERD/C/KAZ/11-14):

- the **cover** (:mod:`hrgraph.extract.undoc.cover`): the symbol, ``<BODY>/C/<STATE>/<N>`` or
  combined reports ``…/11-14``, ``Distr.: General 22 May 2012``, ``Original: English``, the
  committee, ``Fourth periodic reports of States parties due in 2010`` (``Informes periódicos
  11º a 14º combinados …``), the State, the date received (``[30 December 2011]``), then maybe
  a table of contents (``Contents`` … ``I. Introduction ...... 1–4 3``);
- chapters ``I.``, sections ``A.``, headings such as ``Article 6`` (``Artículo 6``: the
  paragraphs under it report on that article) and numbered paragraphs over
  :mod:`hrgraph.extract.undoc` (run together mid-line, lettered items, page furniture, footnotes
  at the foot of each page or endnotes after ``Notes``, their markers glued to the text);
- **references to concluding-observation paragraphs**, in the text, in a heading (its paragraphs
  answer what it names) or in a note a marker points to: ``paragraph 12 of the concluding
  observations (CCPR/C/USA/CO/3)``, ``paragraphs 25 (a) and (b) of the concluding
  observations``, ``(CCPR/C/USA/CO/3, para. 12)``, ``párrafo 12 de las observaciones finales``,
  ``(CERD/C/KAZ/CO/8-10, párr. 54)``. Without a symbol they are the observations the report
  follows up: the first ``…/CO/…`` symbol of the State it prints. Only observations addressed to
  the reporting State are answered; a reference the report gives no symbol for is a problem.

The hard-wrapped Spanish print of Kazakhstan's CERD report (tab-numbered paragraphs
``N.<tab>text``, tab-indented headings, no cover) is read by :mod:`hrgraph.extract.treaty_report`
(:func:`read_print` picks).

>>> refs = co_references("In paragraph 10 of its concluding observations (CCPR/C/USA/CO/3), the", None)
>>> [(r.symbol, r.paragraphs) for r in refs]
[('CCPR/C/USA/CO/3', ('10',))]
>>> [(r.symbol, r.paragraphs) for r in co_references("(CERD/C/KAZ/CO/8-10, párrs. 16 y 22 b))", None)]
[('CERD/C/KAZ/CO/8-10', ('16', '22b'))]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from hrgraph.extract import treaty_body_text as tb
from hrgraph.extract import treaty_report
from hrgraph.extract.citations import DocCitation, LinedText, find_documents
from hrgraph.extract.common import Declared, ExtractionError, LineLedger, Problem, SourceText, Span
from hrgraph.extract.refs import RefError, expand
from hrgraph.extract.symbols import SYMBOL, find_symbols, normalise
from hrgraph.extract.undoc.cover import Cover, kind_from_symbol, state_from_symbol
from hrgraph.extract.undoc.layout import Layout, read_layout
from hrgraph.extract.undoc.notes import Note
from hrgraph.extract.undoc.paragraphs import SubItem

KIND = "state-report"
REQUIRED_UNITS: tuple[str, ...] = ("paragraphs",)

_ITEM = r"\d{1,3}(?:\s?\(?[a-z]\))*"
_LIST = rf"{_ITEM}(?:(?:\s*,\s*|\s+(?:and|or|to|y|e|a|al)\s+|\s*[-–]\s*)(?:{_ITEM}|\(?[a-z]\)))*"
_PARAS = r"(?:[Pp]aragraphs?|[Pp]aras?\.|[Pp]árrafos?|[Pp]árrs?\.)"
_CO = r"(?:concluding\s+observations|observaciones\s+finales)"
_SYM = SYMBOL.pattern
# paragraph 12 of the (Committee's / its / previous) concluding observations (SYMBOL)
PARAS_OF_CO = re.compile(
    rf"\b{_PARAS}\s+(?P<refs>{_LIST})\s+(?:of|de|del)\s+(?:(?:the|its|las|sus)\s+)?"
    r"(?:Committee['’]s\s+|Comité\s+)?(?:(?:previous|last|latest|most\s+recent|anteriores)\s+)?"
    rf"{_CO}(?:\s+(?:anteriores|del\s+Comité))?"
    rf"(?:[^.;()]{{0,120}}?(?:\(|,\s*)(?P<sym>{_SYM}))?"
)
# (SYMBOL, para. 12) | SYMBOL, paras. 12 and 13
SYMBOL_PARAS = re.compile(rf"(?P<sym>{_SYM}),?\s+{_PARAS}\s+(?P<refs>{_LIST})")
# paragraph 12 of document SYMBOL | párrafo 12 del documento SYMBOL
PARAS_OF_SYMBOL = re.compile(
    rf"\b{_PARAS}\s+(?P<refs>{_LIST})\s+(?:of|del)\s+(?:(?:the\s+)?document\s+|documento\s+)?(?P<sym>{_SYM})"
)
ARTICLE_HEADING = re.compile(r"^(?:Article|Artículo|Art\.)\s+(?P<n>\d{1,2})\b")
TABBED = re.compile(r"^(?:\[bookmark: _Hlk\d+\])?\d{1,3}\.\t")


@dataclass(frozen=True)
class COReference:
    """Paragraphs of concluding observations a passage refers to."""

    symbol: str
    paragraphs: tuple[str, ...]  # "12", lettered sub-paragraphs "25a"
    printed: str
    start: int  # characters of the text searched
    end: int


@dataclass(frozen=True)
class Response:
    """A concluding-observation paragraph a report paragraph answers, and where it says so."""

    symbol: str
    paragraph: str
    via: str  # "text", "heading", "note N"
    span: Span


@dataclass(frozen=True)
class ReportHeading:
    kind: str  # "chapter", "section", "subheading", "heading"
    number: str | None
    title: str
    span: Span
    ordinal: int
    parent: int | None
    article: str | None  # "Article 6": the article of the treaty it reports on
    responds_to: tuple[Response, ...]


@dataclass(frozen=True)
class ReportParagraph:
    number: int
    text: str
    span: Span
    heading: int | None
    chapter: int | None
    article: str | None  # the article of the heading it sits under
    items: tuple[SubItem, ...]
    notes: tuple[int, ...]
    responds_to: tuple[Response, ...]
    documents: tuple[DocCitation, ...]


@dataclass
class PeriodicReport:
    """Everything read from one periodic report printed with a UN cover."""

    source: str
    symbol: str
    symbol_span: Span | None
    state: str
    language: str
    date: dt.date | None
    received: dt.date | None
    body: str  # the committee reported to: CCPR, CERD, …
    title: str | None
    cover: Cover
    co_symbol: str | None = None  # the concluding observations the report follows up
    headings: list[ReportHeading] = field(default_factory=list)
    paragraphs: list[ReportParagraph] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    kind: str = KIND

    def answered(self) -> list[tuple[str, str]]:
        """Every (CO symbol, paragraph) the report answers, once, in printed order."""
        pairs = [(r.symbol, r.paragraph) for p in self.paragraphs for r in p.responds_to]
        pairs += [(r.symbol, r.paragraph) for h in self.headings for r in h.responds_to]
        return list(dict.fromkeys(pairs))

    def counts(self) -> dict[str, int]:
        return {
            "chapters": sum(h.kind == "chapter" for h in self.headings),
            "headings": sum(h.kind != "chapter" for h in self.headings),
            "paragraphs": len(self.paragraphs),
            "notes": len(self.notes),
            "paragraph→note links": sum(len(p.notes) for p in self.paragraphs),
            "CO paragraphs answered": len(self.answered()),
            "paragraph→CO paragraph links": sum(len(p.responds_to) for p in self.paragraphs),
            "documents cited": sum(len(p.documents) for p in self.paragraphs),
        }


# -- references to concluding observations ----------------------------------------------------


def _numbers(printed: str) -> tuple[str, ...]:
    """``25 (a) and (b)`` → ``25a``, ``25b``; ``20 to 22`` → 20, 21, 22."""
    text = re.sub(r"\(([a-z])\)", r"\1)", printed)
    text = re.sub(r"\s+(?:and|or)\s+", " y ", text)
    text = re.sub(r"\s+to\s+|\s*[–]\s*", " a ", text)
    text = re.sub(r"(?<=\d)\s*-\s*(?=\d)", " a ", text)
    try:
        return tuple(x.replace(" ", "") for x in expand(text))
    except RefError:
        return ()


def co_references(text: str, default_symbol: str | None) -> list[COReference]:
    """Every reference to concluding-observation paragraphs in ``text``, in printed order;
    ``default_symbol`` for the references that print none (None: they are skipped, with
    ``symbol`` empty)."""
    out: list[COReference] = []
    taken: list[range] = []
    for pattern in (SYMBOL_PARAS, PARAS_OF_SYMBOL, PARAS_OF_CO):
        for m in pattern.finditer(text):
            if any(m.start() in r or m.start("refs") in r for r in taken):
                continue
            symbol = normalise(m["sym"]) if m["sym"] else default_symbol or ""
            if m["sym"] and kind_from_symbol(symbol) != "concluding-observations":
                continue  # another document's paragraphs (a reply CCPR/C/USA/CO/3/Add.1, a report)
            numbers = _numbers(m["refs"])
            if numbers:
                out.append(COReference(symbol, numbers, m[0], m.start(), m.end()))
                taken.append(range(m.start(), m.end()))
    return sorted(out, key=lambda r: r.start)


# -- reading ------------------------------------------------------------------------------------


def is_tabbed(src: SourceText) -> bool:
    """Whether the text is the tab-numbered print (``N.<tab>text``) of
    :mod:`hrgraph.extract.treaty_report`: most numbered lines are so printed."""
    numbered = [t for t in src.lines if re.match(r"^(?:\[bookmark: _Hlk\d+\])?\d{1,3}\.\s", t)]
    tabbed = [t for t in numbered if TABBED.match(t)]
    return bool(numbered) and len(tabbed) * 2 > len(numbered)


def read_print(
    src: SourceText, ledger: LineLedger, declared: Declared
) -> PeriodicReport | treaty_report.TreatyReport:
    """The records the build maps: the tab-numbered print through
    :func:`hrgraph.extract.treaty_report.extract` (unchanged), else :func:`read`."""
    if not is_tabbed(src):
        return read(src, ledger, declared)
    report = treaty_report.extract(src, ledger)
    line = report.co_symbol_span.start if report.co_symbol_span else None
    if report.state and declared.state and report.state != declared.state.upper():
        raise ExtractionError(src.key, line, f"expected a report of {declared.state.upper()} (declared), "
                                             f"it follows up {report.co_symbol}")  # fmt: skip
    report.state = report.state or declared.state.upper()
    if not report.state:
        raise ExtractionError(src.key, None, "no State: the report names none and none is declared")
    return report


def read(src: SourceText, ledger: LineLedger, declared: Declared) -> PeriodicReport:
    """Read a periodic report printed with a UN cover into records with spans."""
    layout = read_layout(src, ledger, page_notes=True)
    cover = layout.cover
    meta = tb.resolve_meta(src.key, cover, declared)
    if kind_from_symbol(meta.symbol) not in (KIND, None):
        line = cover.symbol_span.start if cover.symbol_span else None
        message = "expected a periodic report's symbol (e.g. CCPR/C/USA/4), found"
        raise ExtractionError(src.key, line, f"{message} {meta.symbol} ({kind_from_symbol(meta.symbol)})")
    language = cover.original_language if cover.original_language in ("en", "es") else meta.language
    report = PeriodicReport(
        src.key, meta.symbol, cover.symbol_span, meta.state, language, meta.date, cover.received,
        meta.body, cover.title, cover, problems=list(layout.problems), notes=layout.notes,
    )  # fmt: skip
    report.co_symbol = _followed_up(src, report, cover.end_line)
    _headings(report, layout)
    _paragraphs(report, layout)
    if not report.paragraphs:
        raise ExtractionError(src.key, None, "no numbered paragraphs found")
    return report


def _followed_up(src: SourceText, report: PeriodicReport, after: int) -> str | None:
    """The first concluding observations addressed to the State that the report prints."""
    for _, raw in src.numbered(after + 1):
        for symbol, _ in find_symbols(raw):
            if "/CO/" in symbol and state_from_symbol(symbol) == report.state:
                return tb.without_addendum(symbol)
    return None


def _responses(report: PeriodicReport, text: LinedText, via: str, span: Span | None = None) -> list[Response]:
    out: list[Response] = []
    for ref in co_references(text.search, report.co_symbol):
        where = span or text.span(ref.start, ref.end)
        if not ref.symbol:
            why = "no concluding observations named and none printed in the report; not linked"
            report.problems.append(Problem(where, f"{ref.printed!r}: {why}"))
        elif state_from_symbol(ref.symbol) == report.state:
            out += [Response(ref.symbol, n, via, where) for n in ref.paragraphs]
    return out


def _headings(report: PeriodicReport, layout: Layout) -> None:
    article: str | None = None
    for h in layout.body.headings:
        if h.kind == "chapter":
            article = None
        m = ARTICLE_HEADING.match(h.title)
        article = m["n"] if m else article
        title = LinedText.join(report.source, [(h.span.start, h.title)])
        responds = _responses(report, title, "heading", h.span)
        report.headings.append(ReportHeading(h.kind, h.number, h.title, h.span, h.ordinal, h.parent,
                                             article, tuple(responds)))  # fmt: skip


def _paragraphs(report: PeriodicReport, layout: Layout) -> None:
    headings = {h.ordinal: h for h in report.headings}
    for p in layout.body.paragraphs:
        heading = headings.get(p.heading or 0)
        notes = layout.notes_of("paragraph", p.number)
        responses = list(heading.responds_to if heading else ())
        responses += _responses(report, p.lined, "text")
        for number in notes:
            note = layout.note(number)
            if note:
                lined = LinedText.join(report.source, [(note.span.start, note.text)])
                responses += _responses(report, lined, f"note {number}", note.span)
        unique = tuple({(r.symbol, r.paragraph): r for r in reversed(responses)}.values())[::-1]
        report.paragraphs.append(ReportParagraph(
            p.number, layout.clean_text(p), p.span, p.heading, p.chapter,
            heading.article if heading else None, p.items, notes, unique,
            tuple(find_documents(p.lined)),
        ))  # fmt: skip
