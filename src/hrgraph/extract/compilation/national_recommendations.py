"""National recommendations printed at the end of the compilation.

Convention read:

- ``Recomendaciones de la Comisión de Verdad y Justicia`` (Paraguay's Truth and Justice
  Commission, CVJ): five categories, each opened by ``Recomendaciones en materia de
  <satisfacción|restitución|indemnización|rehabilitación|no repetición>``, each divided by
  sub-headings (``Medidas dirigidas a …``, ``Perjuicios por el daño físico o mental``,
  ``Otros perjuicios`` …) and holding recommendations numbered 1, 2, 3 … straight through
  the five categories. Lines run on across pages, with words hyphenated at the page break.
  A sub-heading is the text between the end of one recommendation and the next number: the
  part after the last full stop that is not itself a sentence, or a last sentence that opens
  with ``Medidas``.
- ``Recomendaciones de la Asociación de ONGs del Paraguay POJOAJU al Gobierno de Fernando Lugo
  2008-2013``: a subtitle, then one paragraph per theme, opened by the theme label the table
  of contents lists; inside it, numbered lists (``1. … 2. …``) that restart after a lead-in
  (``Medidas a mediano plazo:``, ``Como medidas de adopción inmediatas, se propone lo
  siguiente:``); a theme without a list is one proposal.

Neither is a UN recommendation: the records say who made them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from hrgraph.extract.common import LineLedger, Problem, SourceText, Span
from hrgraph.extract.compilation import reclayout as lay
from hrgraph.extract.compilation.inter_american import Joined

KIND = "national-recommendations"
CVJ_HEADING = "Recomendaciones de la Comisión de Verdad y Justicia"
NGO_HEADING = "Recomendaciones de la Asociación de ONGs del Paraguay POJOAJU"
SITE_FOOTER = "Get in touch"
CATEGORY = re.compile(r"Recomendaciones en materia de (?P<cat>no repetición|\w+)\s*")
ITEM = re.compile(r"(?:^|(?<=[\s:]))(?P<num>\d{1,3})\.\s+(?=[A-ZÁÉÍÓÚ“])")


@dataclass(frozen=True)
class TruthCommissionRecommendation:
    number: int
    category: str  # as printed: "satisfacción", "no repetición" …
    heading: str  # the sub-heading it sits under, as printed
    text: str
    articles: tuple[tuple[str, str], ...]
    span: Span


@dataclass(frozen=True)
class CivilSocietyProposal:
    theme: str  # as printed
    list_index: int  # 1 for the theme's first numbered list, 2 for the next …; 0: no list
    number: int | None
    lead: str  # the lead-in of its list, as printed
    text: str
    span: Span


@dataclass
class Result:
    truth_commission: list[TruthCommissionRecommendation] = field(default_factory=list)
    proposals: list[CivilSocietyProposal] = field(default_factory=list)
    ngo_title: str = ""
    ngo_span: Span | None = None
    cvj_span: Span | None = None
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "truth-commission-recommendations": len(self.truth_commission),
            "truth-commission-categories": len({r.category for r in self.truth_commission}),
            "civil-society-proposals": len(self.proposals),
            "civil-society-themes": len({p.theme for p in self.proposals}),
        }


def _gather(src: SourceText, ledger: LineLedger, start: int, stop: str) -> Joined:
    joined = Joined()
    for block in lay.blocks(src, start, ledger):
        if block.line != start and stop in block.text:
            break
        ledger.use(src.span(block.line), KIND)
        joined.add(block.line, block.text)
    return joined


def _numbered(text: str, begin: int = 0, restart: bool = True) -> list[re.Match[str]]:
    """Item numbers in sequence: each the next number (or 1, restarting a list)."""
    out: list[re.Match[str]] = []
    for m in ITEM.finditer(text, begin):
        n = int(m["num"])
        expected = int(out[-1]["num"]) + 1 if out else 1
        if n == expected or (restart and n == 1):
            out.append(m)
    return out


# ---------------------------------------------------------------------------- CVJ


FULL_STOP = re.compile(r"(?<=\.)[´'”»\"]?\s+")
MAX_HEADING = 400


def _trailing_heading(chunk: str) -> tuple[str, str]:
    """``(recommendation text, sub-heading)`` of the text between two numbers.

    The sub-heading is the last sentence, when it has no full stop of its own or opens with
    ``Medidas``; a text without any full stop inside is all recommendation.
    """
    stops = [m.end() for m in FULL_STOP.finditer(chunk.rstrip())]
    if not stops:
        return chunk, ""
    tail = chunk[stops[-1] :].strip()
    ends = tail.rstrip("´'”»\"").endswith(".")
    if tail and (not ends or tail.startswith("Medidas ")) and _heading_like(tail):
        return chunk[: stops[-1]], tail
    return chunk, ""


def _heading_like(text: str) -> bool:
    return len(text) <= MAX_HEADING and text[:1].isupper()


def read_truth_commission(src: SourceText, ledger: LineLedger, result: Result) -> None:
    start = src.find(CVJ_HEADING, lay.body_start(src))
    joined = _gather(src, ledger, start, NGO_HEADING)
    result.cvj_span = src.span(start, joined.starts[-1][1])
    text = joined.text
    items = _numbered(text, restart=False)
    category, heading = "", ""
    for i, m in enumerate(items):
        end = items[i + 1].start() if i + 1 < len(items) else len(text)
        before = text[items[i - 1].end() if i else 0 : m.start()]
        category, heading = _heading_before(before, category, heading, first=i == 0)
        body = text[m.end() : end]
        if i + 1 < len(items):
            body, _ = _trailing_heading(body)
        cat = CATEGORY.search(body)
        if cat:
            body = body[: cat.start()]
        clean = lay.clean(body)
        result.truth_commission.append(
            TruthCommissionRecommendation(
                int(m["num"]), category, heading, clean, tuple(lay.article_refs(clean, None)),
                joined.span(src, m.start(), m.end() + len(body)),
            )
        )  # fmt: skip
    _check_sequence(src, result)


def _heading_before(before: str, category: str, heading: str, first: bool) -> tuple[str, str]:
    cat = CATEGORY.search(before)
    if cat:
        return cat["cat"], lay.clean(before[cat.end() :])
    if first:
        return category, heading
    _, sub = _trailing_heading(before)
    return category, lay.clean(sub) if sub else heading


def _check_sequence(src: SourceText, result: Result) -> None:
    numbers = [r.number for r in result.truth_commission]
    for a, b in pairwise(numbers):
        if b != a + 1:
            result.problems.append(
                Problem(result.cvj_span or src.span(1), f"CVJ recommendation numbers jump from {a} to {b}")
            )


# ---------------------------------------------------------------------------- POJOAJU


def read_proposals(src: SourceText, ledger: LineLedger, toc: str, result: Result) -> None:
    start = src.find(NGO_HEADING, lay.body_start(src))
    toc = toc[toc.find("POJOAJU") :]
    joined = _gather(src, ledger, start, SITE_FOOTER)
    result.ngo_span = src.span(start, joined.starts[-1][1])
    for n, text in src.numbered(joined.starts[-1][1] + 1):
        if text.strip():  # the web page's footer after the last proposal (site furniture)
            ledger.furniture(n, "site-furniture")
    themes: list[tuple[int, str]] = []
    for offset, line in joined.starts:
        label = lay.toc_label(src.line(line).strip(), toc)
        if line != start and label and len(label.split()) >= 1 and _is_theme(label, toc):
            themes.append((offset, label))
    subtitle = joined.text[len(src.line(start).strip()) : themes[0][0] if themes else None]
    result.ngo_title = lay.clean(subtitle)
    for i, (offset, label) in enumerate(themes):
        end = themes[i + 1][0] if i + 1 < len(themes) else len(joined.text)
        _theme(src, joined, label, offset + len(label), end, result)


def _is_theme(label: str, toc: str) -> bool:
    """A theme label is a whole entry of the table of contents: capital to capital."""
    at = toc.casefold().find(label.casefold())
    after = toc[at + len(label) :].lstrip()
    return at >= 0 and label[:1].isupper() and (not after or after[0].isupper())


def _theme(src: SourceText, joined: Joined, theme: str, begin: int, end: int, result: Result) -> None:
    text = joined.text[:end]
    items = _numbered(text, begin)
    if not items:
        span = joined.span(src, begin, end)
        result.proposals.append(CivilSocietyProposal(theme, 0, None, "", lay.clean(text[begin:end]), span))
        return
    list_index, lead, next_lead = 0, "", text[begin : items[0].start()]
    for i, m in enumerate(items):
        stop = items[i + 1].start() if i + 1 < len(items) else end
        body = text[m.end() : stop]
        if m["num"] == "1":
            list_index, lead = list_index + 1, lay.clean(next_lead)
        if i + 1 < len(items) and items[i + 1]["num"] == "1":
            cut = lay.last_sentence_end(body.rstrip())  # the next list's lead-in follows
            body, next_lead = body[:cut], body[cut:]
        span = joined.span(src, m.start(), stop)
        result.proposals.append(
            CivilSocietyProposal(theme, list_index, int(m["num"]), lead, lay.clean(body), span)
        )


def extract(src: SourceText, ledger: LineLedger) -> Result:
    """The Truth and Justice Commission's recommendations and the POJOAJU proposals."""
    result = Result()
    read_truth_commission(src, ledger, result)
    read_proposals(src, ledger, lay.toc_text(src), result)
    return result
