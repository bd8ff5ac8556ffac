"""A committee's report on follow-up to its concluding observations (genre ``follow-up-assessment``).

Two kinds of document share the genre (the Human Rights Committee's, e.g. CCPR/C/129/2 and
CCPR/C/138/2/Add.1; English or Spanish):

- the **chapeau** (``CCPR/C/129/2``): numbered paragraphs and the **assessment key**, one grade
  to a line, ``A Reply/action largely satisfactory: The State party has provided evidence …``
  (the label up to the colon, then its meaning; a grade without a colon is all meaning:
  ``E Information or measures taken are contrary to …``), sub-grades ``B1``/``B2`` where printed;
- the **addenda** (``CCPR/C/138/2/Add.1``), per State: ``Evaluation of the information on
  follow-up to the concluding observations on Mexico``, a table whose labels and values are
  printed on separate lines (``Concluding observations (127th session):`` …
  ``CCPR/C/MEX/CO/6, 1 November 2019`` / ``19, 23 and 43`` / … / ``19 [B], 23 [B] and 43 [C]``),
  then per CO paragraph ``Paragraph 19: Right to life and security of person``, the
  recommendation, ``Summary of the information received from the State party``, ``… from
  stakeholders``, ``Committee's evaluation`` and the **grade** on a line of its own, ``[B]``,
  or per sub-item, ``[C]: (a), (b), (c) and (d)`` / ``(a) [B]``; then ``Recommended action: …``
  and ``Next periodic report due: 2026 (…)``.

Each grade is an :class:`Assessment` of ``Paragraph N`` (or of its sub-item) of the CO symbol
the State's table prints, dated by the report's date. A grade in the table that differs from
the one under the paragraph is a :class:`Problem`.

What "nothing read" means differs: the chapeau has a key and no grades, an addendum grades and
no key; ``counts()["grades and key entries"]`` is their sum, the unit that must not be 0.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from hrgraph.extract import treaty_body_text as tb
from hrgraph.extract.common import Declared, ExtractionError, LineLedger, Problem, SourceText, Span
from hrgraph.extract.symbols import find_symbols
from hrgraph.extract.tb_layout import page_note_lines
from hrgraph.extract.undoc.cover import state_from_name, state_from_symbol

KIND = "follow-up-assessment"
REQUIRED_UNITS: tuple[str, ...] = ("grades and key entries",)
STATE_HEAD = re.compile(
    r"^(?:Evaluation of the information on follow-up to the concluding observations on"
    r"|Evaluación de la información (?:de seguimiento|sobre el seguimiento) (?:relativa a|de) las "
    r"observaciones finales (?:sobre|relativas a))\s+(?P<state>.+?)\s*$"
)
CO_LINE = re.compile(r"^(?P<symbol>[A-Z]+(?:/[\w.\-]+)*/CO/[\w.\-]+),\s*(?P<date>.+)$")
PARA_HEAD = re.compile(r"^(?:Paragraph|Párrafo)\s+(?P<n>\d+)(?:\s*\((?P<l>[a-z])\))?\s*[:.]\s*(?P<title>.*)$")
EVALUATION = re.compile(r"^(?:Committee's evaluation|Evaluación del Comité)\s*:?\s*$")
GRADE = re.compile(r"\[(?P<g>[A-E]\d?)\]")
GRADE_LINE = re.compile(
    r"^(?:\([a-z]\)(?:,?\s*(?:and|y|e)?\s*\([a-z]\))*\s*)?\[[A-E]\d?\](?::?\s*(?:\([a-z]\)|,|and|y|e|\s)*)?$"
)
LETTERS = re.compile(r"\(([a-z])\)")
KEY = re.compile(r"^(?P<g>[A-E]\d?)\s+(?P<rest>[A-Z].+)$")
ACTION = re.compile(r"^(?:Recommended action|Medida recomendada)\s*:\s*(?P<text>.+)$")
NEXT_DUE = re.compile(
    r"^(?:Next periodic report due|Fecha de presentación del próximo informe(?: periódico)?)"
    r"\s*:\s*(?P<text>.+)$"
)
TABLE_GRADES = re.compile(r"(?P<n>\d+)(?:\s*\((?P<l>[a-z])\))?\s*\[(?P<g>[A-E]\d?)\]")
NUMBERED = re.compile(r"^(?P<n>\d{1,3})\.\s+(?P<text>\S.*)$")


@dataclass(frozen=True)
class KeyEntry:
    grade: str  # "A", "B1"
    label: str | None  # "Reply/action largely satisfactory"
    meaning: str
    span: Span


@dataclass(frozen=True)
class Assessment:
    co_symbol: str
    paragraph: str  # "19", sub-item "43a"
    title: str  # the heading's words after the number ("Right to life and security of person")
    grade: str
    span: Span  # the grade line
    unit: Span  # the paragraph's whole evaluation, heading to grade text


@dataclass
class StateBlock:
    state: str
    co_symbol: str | None = None
    co_date: dt.date | None = None
    recommended_action: str | None = None
    next_report: tb.Due | None = None
    table_grades: dict[str, str] = field(default_factory=dict)
    span: Span | None = None


@dataclass
class FollowUpAssessment:
    source: str
    symbol: str
    state: str  # the declared State, or the one State evaluated ("" for the chapeau)
    date: dt.date | None
    language: str
    body: str
    paragraphs: list[tuple[int, str, Span]] = field(default_factory=list)  # the chapeau's numbered paragraphs
    key: list[KeyEntry] = field(default_factory=list)
    blocks: list[StateBlock] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    span: Span | None = None

    def counts(self) -> dict[str, int]:
        return {
            "paragraphs": len(self.paragraphs),
            "assessment key entries": len(self.key),
            "States evaluated": len(self.blocks),
            "grades": len(self.assessments),
            "grades and key entries": len(self.assessments) + len(self.key),
        }


class _Reader:
    def __init__(self, src: SourceText, ledger: LineLedger, doc: FollowUpAssessment) -> None:
        self.src, self.ledger, self.doc = src, ledger, doc
        self.block: StateBlock | None = None
        self.unit: tuple[str, str, int] | None = None  # paragraph number, title, first line
        self.evaluating = False
        self.last_grades: list[Assessment] = []
        self.para: list[tuple[int, str]] = []

    def use(self, n: int, kind: str) -> None:
        self.ledger.use(self.src.span(n), kind)

    def line(self, n: int, text: str) -> None:  # noqa: C901 - one branch per line kind
        if m := STATE_HEAD.match(text):
            self._close_unit(n)
            self._block(n, state_from_name(m["state"]) or "", m["state"])
            self.use(n, "heading")
        elif (m := CO_LINE.match(text)) and self.block is not None and self.block.co_symbol is None:
            self.block.co_symbol = find_symbols(m["symbol"])[0][0]
            dates = tb.find_dates(m["date"])
            self.block.co_date = dates[0][0] if dates else None
            if not self.block.state:
                self.block.state = state_from_symbol(self.block.co_symbol) or ""
            self.use(n, "evaluation table")
        elif m := PARA_HEAD.match(text):
            self._close_unit(n)
            self.unit = (m["n"] + (m["l"] or ""), m["title"].strip(), n)
            self.use(n, "heading")
        elif EVALUATION.match(text) and self.unit:
            self.evaluating = True
            self.use(n, "heading")
        elif self.evaluating and self.unit and GRADE_LINE.match(text):
            self._grades(n, text)
            self.use(n, "grade")
        elif m := ACTION.match(text):
            self._close_unit(n)
            if self.block:
                self.block.recommended_action = m["text"].strip()
            self.use(n, "recommended action")
        elif m := NEXT_DUE.match(text):
            self._close_unit(n)
            if self.block:
                self.block.next_report = _due(m["text"])
            self.use(n, "next report")
        elif self.unit:
            self.use(n, "evaluation text")
        elif self.block is not None:
            for found in TABLE_GRADES.finditer(text):
                self.block.table_grades[found["n"] + (found["l"] or "")] = found["g"]
            self.use(n, "evaluation table")
        else:
            self._chapeau(n, text)

    def _block(self, n: int, state: str, printed: str) -> None:
        self.block = StateBlock(state, span=self.src.span(n))
        if not state:
            self.doc.problems.append(Problem(self.src.span(n), f"no ISO 3166 State for {printed!r}"))
        self.doc.blocks.append(self.block)

    def _chapeau(self, n: int, text: str) -> None:
        key = KEY.match(text)
        last = self.doc.key[-1].grade[0] if self.doc.key else None
        if key and (
            (last is None and key["g"][0] == "A") or (last and key["g"][0] in (last, chr(ord(last) + 1)))
        ):
            label, _, meaning = key["rest"].partition(":")
            entry = KeyEntry(key["g"], label.strip() if meaning else None, (meaning or label).strip(),
                             self.src.span(n))  # fmt: skip
            self.doc.key.append(entry)
            self.use(n, "assessment key")
        elif m := NUMBERED.match(text):
            self.doc.paragraphs.append((int(m["n"]), m["text"], self.src.span(n)))
            self.use(n, "paragraph")
        elif self.doc.paragraphs and not self.doc.key:
            number, prev, span = self.doc.paragraphs[-1]
            self.doc.paragraphs[-1] = (number, f"{prev} {text}", Span(span.source, span.start, n))
            self.use(n, "paragraph")
        else:
            self.doc.problems.append(Problem(self.src.span(n), f"line not read: {text[:60]!r}"))

    def _grades(self, n: int, text: str) -> None:
        assert self.unit and self.block is not None
        number, title, first = self.unit
        co = self.block.co_symbol
        if co is None:
            raise ExtractionError(
                self.src.key, n, "a grade before the State's concluding-observations symbol"
            )
        grades = list(GRADE.finditer(text))
        for i, g in enumerate(grades):
            before = text[grades[i - 1].end() if i else 0 : g.start()]
            after = text[g.end() : grades[i + 1].start() if i + 1 < len(grades) else len(text)]
            letters = LETTERS.findall(after) or LETTERS.findall(before)
            for target in [f"{number}{x}" for x in letters] or [number]:
                a = Assessment(co, target, title, g["g"], self.src.span(n), Span(self.src.key, first, n))
                self.doc.assessments.append(a)
                self.last_grades.append(a)

    def _close_unit(self, n: int) -> None:
        if self.unit and self.last_grades:
            for i, a in enumerate(self.doc.assessments):
                if a in self.last_grades:
                    self.doc.assessments[i] = Assessment(a.co_symbol, a.paragraph, a.title, a.grade, a.span,
                                                         Span(self.src.key, a.unit.start, n - 1))  # fmt: skip
        elif self.unit:
            self.doc.problems.append(Problem(self.src.span(self.unit[2]), f"paragraph {self.unit[0]}: "
                                                                          "no grade printed"))  # fmt: skip
        self.unit, self.evaluating, self.last_grades = None, False, []


def _due(text: str) -> tb.Due | None:
    """``2026 (country review in 2027, …)``: the date, or else the first year, printed."""
    dates = tb.find_dates(text)
    if dates:
        return tb.Due(dates[0][0], dates[0][0].year, dates[0][1])
    year = re.search(r"\b(?:19|20)\d\d\b", text)
    return tb.Due(None, int(year[0]), year[0]) if year else None


def _check_table(doc: FollowUpAssessment) -> None:
    """The grades the State's table prints against the ones under each paragraph."""
    for block in doc.blocks:
        given = {a.paragraph: a.grade for a in doc.assessments if a.co_symbol == block.co_symbol}
        for para, grade in block.table_grades.items():
            mine = given.get(para) or next(
                (g for p, g in given.items() if p.rstrip("abcdefgh") == para), None
            )
            if mine is not None and mine != grade and block.span:
                doc.problems.append(Problem(block.span, f"the table grades paragraph {para} [{grade}], "
                                                        f"the evaluation [{mine}]"))  # fmt: skip


def read(src: SourceText, ledger: LineLedger, declared: Declared) -> FollowUpAssessment:
    """Read a follow-up report: its assessment key, or per State the grade of each CO paragraph."""
    cover, meta = tb.open_document(src, ledger, declared, need_state=False)
    notes = page_note_lines(src, ledger, cover.spans)
    for n in notes:
        ledger.use(src.span(n), "note")
    doc = FollowUpAssessment(src.key, meta.symbol, meta.state, meta.date, meta.language, meta.body)
    if cover.spans:
        doc.span = Span(src.key, cover.spans[0].start, cover.spans[-1].end)
    reader = _Reader(src, ledger, doc)
    for n, raw in src.numbered(cover.end_line + 1):
        if raw.strip() and n not in ledger.used_as:
            reader.line(n, raw.strip())
    reader._close_unit(len(src.lines) + 1)
    _check_table(doc)
    states = {b.state for b in doc.blocks}
    if declared.state and states and declared.state.upper() not in states:
        first = doc.blocks[0].span
        raise ExtractionError(src.key, first.start if first else None,
                              f"the report evaluates {', '.join(sorted(states))}; the source list "
                              f"declares the State {declared.state.upper()}")  # fmt: skip
    if len(states) == 1 and not doc.state:
        doc.state = states.pop()
    return doc
