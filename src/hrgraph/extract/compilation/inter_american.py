"""The Inter-American material of the compilation: IACHR report, case, measures, Court orders.

Convention read, in the order printed (after the American Convention's text):

- ``SISTEMA INTERAMERICANO … COMISIÓN INTERAMERICANA … INFORMES POR PAÍS``, then
  ``Conclusiones y recomendaciones`` and one bullet ``• <tema> <texto>`` per topic of the
  IACHR country report; the topic labels are those of the table of contents.
- ``ESTADO DE CUMPLIMIENTO DE LAS RECOMENDACIONES DE LA CIDH``: ``• Caso Caso 11.506 Informe
  No. 77/02 <víctimas> • Conclusiones a) … b) … • Recomendaciones 1. … 5. …``; the conclusions
  name the articles found violated (``artículos 7 y 8 de la Convención Americana``,
  ``artículos XXV y XXVI de la Declaración Americana``).
- ``Medidas cautelares otorgadas``: per measure a label (the beneficiaries as the table of
  contents lists them) and ``El <fecha> la CIDH|Comisión otorgó|solicitó …``.
- ``CORTE INTERAMERICANA … CASOS CON SENTENCIAS PENDIENTES DE CUMPLIMIENTO``: per case an
  upper-case title ``… VS. PARAGUAY`` (at the end of the previous case's last line, or
  alone), a two-column header ``Puntos resolutivos de la Sentencia`` / ``Estado``, then the
  orders: ``<título> El Estado debe|deberá …`` (or ``Mientras …, el Estado deberá``), each
  followed, in some cases only, by its compliance status: ``Cumplido``, ``Pendiente de
  cumplimiento`` or ``Cumplimiento parcial``. No judgment date is printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from hrgraph.extract.common import LineLedger, Problem, SourceText, Span
from hrgraph.extract.compilation import reclayout as lay
from hrgraph.extract.dates import DateError, parse_long_date

KIND = "inter-american"
REPORT_HEADING = "COMISIÓN INTERAMERICANA DE DERECHOS HUMANOS INFORMES POR PAÍS"
COMPLIANCE_HEADING = "ESTADO DE CUMPLIMIENTO DE LAS RECOMENDACIONES DE LA CIDH"
MEASURES_HEADING = "Medidas cautelares otorgadas"
COURT_HEADING = "CORTE INTERAMERICANA DE DERECHOS HUMANOS, CASOS CON SENTENCIAS"
STATUSES = ("Pendiente de cumplimiento", "Cumplimiento parcial", "Cumplido")


@dataclass(frozen=True)
class ReportRecommendation:
    """The recommendations of the IACHR country report on one topic."""

    topic: str
    text: str
    articles: tuple[tuple[str, str], ...]
    span: Span


@dataclass(frozen=True)
class Finding:
    letter: str
    text: str
    articles: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class PetitionCase:
    """A case decided by the IACHR in a merits report."""

    number: str  # "11.506"
    report: str  # "77/02"
    victims: tuple[str, ...]
    findings: tuple[Finding, ...]
    recommendations: tuple[tuple[str, str], ...]  # (number, text)
    span: Span

    @property
    def violated(self) -> list[tuple[str, str]]:
        return list(dict.fromkeys(a for f in self.findings for a in f.articles))


@dataclass(frozen=True)
class PrecautionaryMeasure:
    label: str  # as the table of contents and the heading print it
    granted: date
    beneficiaries: str  # the "a favor de …" clause as printed, else the label
    text: str
    span: Span


@dataclass(frozen=True)
class CourtOrder:
    title: str
    text: str
    status: str | None  # as printed; None where the compilation prints none
    paragraphs: tuple[str, ...]  # judgment paragraphs it refers to
    span: Span


@dataclass(frozen=True)
class CourtCase:
    title: str  # as the table of contents prints it ("Caso Goiburú y otros Vs. Paraguay")
    printed: str  # as the heading prints it (upper case)
    orders: tuple[CourtOrder, ...]
    span: Span
    judgment_status: str | None = None  # what the section heading says of the whole judgment


@dataclass
class Result:
    report: list[ReportRecommendation] = field(default_factory=list)
    report_span: Span | None = None
    cases: list[PetitionCase] = field(default_factory=list)
    measures: list[PrecautionaryMeasure] = field(default_factory=list)
    court_cases: list[CourtCase] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        orders = [o for c in self.court_cases for o in c.orders]
        return {
            "iachr-report-topics": len(self.report),
            "iachr-cases": len(self.cases),
            "iachr-case-recommendations": sum(len(c.recommendations) for c in self.cases),
            "iachr-articles-violated": sum(len(c.violated) for c in self.cases),
            "precautionary-measures": len(self.measures),
            "court-cases": len(self.court_cases),
            "court-orders": len(orders),
            "court-orders-with-status": sum(1 for o in orders if o.status),
        }


# ---------------------------------------------------------------------------- joined text


@dataclass
class Joined:
    """Several source lines as one text, with the line each character came from."""

    text: str = ""
    starts: list[tuple[int, int]] = field(default_factory=list)  # (offset, line)

    def add(self, line: int, text: str) -> None:
        self.starts.append((len(self.text), line))
        self.text += text + " "

    def line_at(self, offset: int) -> int:
        return max(n for off, n in self.starts if off <= offset)

    def span(self, src: SourceText, begin: int, end: int) -> Span:
        return src.span(self.line_at(begin), self.line_at(max(begin, end - 1)))


def _gather(src: SourceText, ledger: LineLedger, start: int, stop: str, skip: tuple[str, ...] = ()) -> Joined:
    """Lines from ``start`` up to (not including) the first line containing ``stop``.

    Lines equal to one of ``skip`` (a table's column headers) are read but not joined.
    """
    joined = Joined()
    for block in lay.blocks(src, start, ledger):
        if stop in block.text and block.line != start:
            break
        ledger.use(src.span(block.line), KIND)
        if block.text not in skip:
            joined.add(block.line, block.text)
    return joined


def _toc_from(toc: str, anchor: str) -> str:
    """The table of contents from the entry ``anchor`` on (the labels of one section)."""
    at = toc.casefold().find(anchor.casefold())
    return toc[at:] if at >= 0 else toc


# ---------------------------------------------------------------------------- country report


def read_report(src: SourceText, ledger: LineLedger, toc: str, result: Result) -> None:
    start = src.find(REPORT_HEADING, lay.body_start(src))
    joined = _gather(src, ledger, start, COMPLIANCE_HEADING)
    toc = _toc_from(toc, "Conclusiones y recomendaciones por tema")
    result.report_span = src.span(start, joined.starts[-1][1])
    bullets = [m.end() for m in re.finditer(r"•\s*", joined.text)]
    for i, begin in enumerate(bullets):
        end = bullets[i + 1] - 1 if i + 1 < len(bullets) else len(joined.text)
        chunk = joined.text[begin:end].rstrip(" •")
        label = lay.toc_label(chunk, toc)
        if label is None:
            span = joined.span(src, begin, end)
            result.problems.append(Problem(span, f"IACHR report topic not in the TOC: {chunk[:50]!r}"))
            continue
        text = lay.clean(chunk[len(label) :])
        result.report.append(
            ReportRecommendation(label, text, tuple(lay.article_refs(text, None)),
                                 joined.span(src, begin, end))
        )  # fmt: skip


# ---------------------------------------------------------------------------- petition case

CASE = re.compile(
    r"Caso (?:Caso )?(?P<number>\d+\.\d+)\s+Informe No\.\s*(?P<report>\d+/\d+)\s+(?P<victims>.+?)"
    r"\s*•\s*Conclusiones\s+(?P<findings>.+?)\s*•\s*Recomendaciones\s+(?P<recs>.+)$"
)
LETTER = re.compile(r"(?:^|(?<=; ))(?P<letter>[a-z])\)\s+")
NUMBER = re.compile(r"(?:^|(?<=\. ))(?P<num>\d{1,2})\.\s+(?=[A-ZÁÉÍÓÚ])")


def _items(text: str, pattern: re.Pattern[str], group: str) -> list[tuple[str, str]]:
    marks = list(pattern.finditer(text))
    out = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        out.append((m[group], lay.clean(text[m.end() : end])))
    return out


def read_case(src: SourceText, ledger: LineLedger, result: Result) -> None:
    line = src.find(COMPLIANCE_HEADING, lay.body_start(src))
    ledger.use(src.span(line), KIND)
    case_line = next(b for b in lay.blocks(src, line + 1, ledger))
    m = CASE.search(case_line.text)
    span = src.span(case_line.line)
    if m is None:
        result.problems.append(Problem(span, "IACHR case: layout not recognised"))
        return
    ledger.use(span, KIND)
    victims = tuple(v.strip() for v in re.split(r",\s*|\s+y\s+", m["victims"]) if v.strip())
    findings = tuple(
        Finding(letter, text, tuple(lay.article_refs(text, None)))
        for letter, text in _items(m["findings"], LETTER, "letter")
    )
    recs = tuple(_items(m["recs"], NUMBER, "num"))
    result.cases.append(PetitionCase(m["number"], m["report"], victims, findings, recs, span))


# ---------------------------------------------------------------------------- measures

MEASURE = re.compile(r"El (?P<date>\d{1,2} de [a-z]+ de \d{4}) la (?:CIDH|Comisión) (?:otorgó|solicitó)")
IN_FAVOUR = re.compile(r"a favor (?:de la |de los |del |de )(?P<who>.+?)\.\s")


def read_measures(src: SourceText, ledger: LineLedger, toc: str, result: Result) -> None:
    start = src.find(MEASURES_HEADING, lay.body_start(src))
    joined = _gather(src, ledger, start, "CORTE INTERAMERICANA")
    toc = _toc_from(toc, "Medidas cautelares")
    text = joined.text.replace(MEASURES_HEADING, " " * len(MEASURES_HEADING), 1)
    heads: list[tuple[int, int, str, re.Match[str]]] = []
    for m in MEASURE.finditer(text):
        pre = text[: m.start()]
        cut = lay.last_sentence_end(pre)
        label = pre[cut:].strip()
        if label and lay.toc_label(label, toc) == label:
            heads.append((cut + len(pre[cut:]) - len(pre[cut:].lstrip()), m.start(), label, m))
    for i, (begin, body, label, m) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        body_text = lay.clean(text[body:end])
        favour = IN_FAVOUR.search(body_text + " ")
        try:
            granted = parse_long_date(m["date"])
        except DateError as err:
            result.problems.append(Problem(joined.span(src, begin, end), str(err)))
            continue
        who = favour["who"] if favour else label
        result.measures.append(
            PrecautionaryMeasure(label, granted, who, body_text, joined.span(src, begin, end))
        )


# ---------------------------------------------------------------------------- court cases

TITLE_END = re.compile(r"VS\. PARAGUAY")
ORDER_START = re.compile(r"\b(?:El Estado deb|Mientras )")
STATUS = re.compile(r"\s*(" + "|".join(STATUSES) + r")\s*$")
LEAD_STATUS = re.compile(r"^\s*(" + "|".join(STATUSES) + r")\s+")
PARAGRAPHS = re.compile(r"párrafos? (?P<refs>\d+(?:(?:,\s*|\s+(?:a|y)\s+)\d+)*)")


def read_court(src: SourceText, ledger: LineLedger, toc: str, result: Result) -> None:
    start = src.find(COURT_HEADING, lay.body_start(src))
    joined = _gather(
        src,
        ledger,
        start,
        "Protocolo Adicional a la Convención Americana",
        skip=("Puntos resolutivos de la Sentencia", "Estado"),
    )
    toc = _toc_from(toc, "casos con sentencias pendientes")
    text = joined.text
    # "CASOS CON SENTENCIAS PENDIENTES DE CUMPLIMIENTO": every judgment listed is pending
    heading = src.line(start)
    pending = "Pendiente de cumplimiento" if "PENDIENTES DE CUMPLIMIENTO" in heading else None
    titles = []
    for m in TITLE_END.finditer(text):
        printed = lay.toc_title_before(text, m.end(), toc)
        if printed is None:
            result.problems.append(
                Problem(joined.span(src, m.start(), m.end()), "Court case title not in the TOC")
            )
            continue
        toc_form = _toc_form(printed, toc)
        titles.append((m.end() - len(printed), m.end(), printed, toc_form))
    for i, (begin, end, printed, toc_form) in enumerate(titles):
        stop = titles[i + 1][0] if i + 1 < len(titles) else len(text)
        orders = _orders(src, joined, text, end, stop)
        span = joined.span(src, begin, stop)
        result.court_cases.append(CourtCase(toc_form, printed, tuple(orders), span, pending))


def _toc_form(printed: str, toc: str) -> str:
    at = toc.casefold().find(printed.casefold())
    return toc[at : at + len(printed)] if at >= 0 else printed


def _orders(src: SourceText, joined: Joined, text: str, begin: int, stop: int) -> list[CourtOrder]:
    marks: list[tuple[int, int, str]] = []  # (heading start, text start, heading)
    for m in ORDER_START.finditer(text, begin, stop):
        pre = text[marks[-1][1] if marks else begin : m.start()]
        cut = lay.last_sentence_end(pre)
        heading = LEAD_STATUS.sub("", pre[cut:]).strip()
        if heading:
            marks.append((m.start() - len(pre[cut:].lstrip()) + pre[cut:].lstrip().find(heading),
                          m.start(), heading))  # fmt: skip
    orders = []
    for i, (head_at, body_at, heading) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else stop
        body = lay.clean(text[body_at:end])
        status = STATUS.search(body)
        if status:
            body = body[: status.start()].rstrip()
        refs = [n for m in PARAGRAPHS.finditer(body) for n in lay.expand_refs(m["refs"])]
        paras = tuple(dict.fromkeys(refs))
        orders.append(CourtOrder(heading, body, status[1] if status else None, paras,
                                 joined.span(src, head_at, end)))  # fmt: skip
    return orders


def extract(src: SourceText, ledger: LineLedger) -> Result:
    """The IACHR country report, case, precautionary measures and the Court's orders."""
    result = Result()
    toc = lay.toc_text(src)
    read_report(src, ledger, toc, result)
    read_case(src, ledger, result)
    read_measures(src, ledger, toc, result)
    read_court(src, ledger, toc, result)
    _page_numbers(src, ledger, result)
    return result


def _page_numbers(src: SourceText, ledger: LineLedger, result: Result) -> None:
    """Page-number lines between the first and the last line read."""
    spans = [c.span for c in result.court_cases] + [c.span for c in result.cases]
    if result.report_span is None or not spans:
        return
    for n, text in src.numbered(result.report_span.start, max(s.end for s in spans)):
        if lay.PAGE_NUMBER.match(text):
            ledger.furniture(n, "page-number")
