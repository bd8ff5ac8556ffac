"""The records of general comments and their obligations, and the headings' printed forms.

>>> cite = "Personas con discapacidad (11º período de sesiones, 1994), U.N. Doc. E/C.12/1994/13 (1994)."
>>> CITATION.search(cite).group("doc")
'E/C.12/1994/13'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from hrgraph.extract.common import Problem, Span
from hrgraph.extract.compilation.gc_refs import ArticleRef

INSTRUMENT = {"CESCR": "ICESCR", "CCPR": "ICCPR", "CERD": "CERD", "CEDAW": "CEDAW", "CRC": "CRC"}
KIND = {
    "CESCR": "Observación general",
    "CCPR": "Observación general",
    "CERD": "Recomendación general",
    "CEDAW": "Recomendación general",
    "CRC": "Observación general",
}

# CESCR general comment 19 is headed by its document block, not by "Observación general 19".
CESCR_DOC_HEADING = re.compile(
    r"COMITÉ DE DERECHOS ECONÓMICOS, SOCIALES Y CULTURALES\. (?P<session>\d+)º período de "
    r"sesiones\. [^.]+\. (?P<symbol>E/C\.12/GC/(?P<num>\d+))\. (?P<date>\d{1,2} de \w+ de \d{4})"
)
CITATION = re.compile(
    r",? \(?(?P<session>[^(),]*?) período de sesiones,? ?(?P<syear>\d{4})?\)?,? "
    r"U\.N\. Doc\. (?P<doc>.+?) \((?P<year>\d{4})\)\.?"
)


@dataclass(frozen=True)
class Heading:
    """A comment's heading: where it starts, and the text up to the next heading."""

    body: str
    number: str
    printed: str
    line: int
    text: str  # from the end of the heading prefix to the next heading (or line end)
    start: int  # character offset of the heading in its line


@dataclass(frozen=True)
class GeneralComment:
    """One general comment / general recommendation as the compilation heads it."""

    body: str  # CESCR, CCPR, CERD, CEDAW, CRC
    number: str  # arabic, as minted in the IRI
    printed_number: str  # as printed ("I" for CERD's first)
    title: str | None  # as printed; None where the compilation prints none
    span: Span  # the heading line
    session: str | None = None  # as printed: "Sexto", "16º", "39º"
    session_number: int | None = None
    year: int | None = None  # the year printed after the document symbol
    session_year: int | None = None  # the year printed with the session, where it differs
    symbol: str | None = None  # the comment's own symbol (E/C.12/…)
    published_in: str | None = None  # the document it was published in (annual report …)
    citation: str | None = None  # the citation as printed
    date: date | None = None
    replaced_by: str | None = None
    replaced_span: Span | None = None
    interprets: tuple[ArticleRef, ...] = ()

    @property
    def label(self) -> str:
        return f"{KIND[self.body]} {self.printed_number}" + (f", {self.title}" if self.title else "")


@dataclass(frozen=True)
class Obligation:
    """One obligation statement of a general comment (a bullet or an enumerated duty)."""

    body: str
    gc: str  # the general comment's number
    key: str  # "<line>-<k>": the k-th obligation starting on that line; stable per source
    text: str
    marker: str  # "•" or the item letter "a)"
    heading: str | None  # the sub-heading it sits under, where one is known
    types: tuple[str, ...]  # obligation-type concept keys
    assigned_by: str  # "heading" or "rule"
    articles: tuple[ArticleRef, ...]
    span: Span
    continued: tuple[Span, ...] = ()  # where the text goes on (another column or page)


@dataclass
class Result:
    comments: list[GeneralComment] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    bullet_headings: list[tuple[str, str, Span]] = field(default_factory=list)  # (gc, text, span)
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for gc in self.comments:
            counts[f"general comments {gc.body}"] += 1
        for ob in self.obligations:
            counts[f"obligations {ob.body}"] += 1
            counts[f"obligations typed by {ob.assigned_by}"] += 1
        return dict(sorted(counts.items()))
