"""The records the instruments stage returns, and how they are assembled from pieces.

Once every piece of the compilation knows its instrument and every lead its place
(:mod:`.columns`, :mod:`.leads`), an article's text is its heading piece followed by the leads
chained to it, joined with a word hyphenated over a break made whole again; its paragraphs are
the consecutive ``1.``, ``2.``… of that text; its division the innermost part, chapter or section
whose first article comes at or before it; and its provision kind a reading of its opening
(:mod:`.provisions`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from hrgraph.extract.common import Problem, SourceText, Span
from hrgraph.extract.compilation import catalogue
from hrgraph.extract.compilation.articles import paragraphs
from hrgraph.extract.compilation.catalogue import InstrumentSpec
from hrgraph.extract.compilation.pieces import Piece, closing_cut
from hrgraph.extract.compilation.provisions import provision_kind
from hrgraph.extract.compilation.titles import split_title
from hrgraph.extract.dates import DateError, parse_long_date, parse_word_date


@dataclass(frozen=True)
class Paragraph:
    number: str
    text: str


@dataclass(frozen=True)
class Article:
    instrument: str
    number: str  # IRI segment: arabic ("14"), with suffix ("1bis")
    label: str  # as printed ("XIV", "14")
    value: int
    text: str
    paragraphs: tuple[Paragraph, ...]
    division: str | None  # id of the innermost division ("part/3", "chapter/2")
    title: str | None  # the printed title ("Derecho a la Vida"), split off the text
    provision: str  # substantive / institutional / final
    lines: tuple[int, ...]  # the lines its text was read from, in reading order
    span: Span

    @property
    def substantive(self) -> bool:
        return self.provision == "substantive"


@dataclass(frozen=True)
class Division:
    instrument: str
    kind: str  # part chapter section
    number: str  # IRI segment; unnumbered divisions get their order ("1", "2", …)
    label: str  # as printed ("III", "Primero")
    title: str
    parent: str | None  # id of the enclosing division
    first_article: int | None
    span: Span

    @property
    def id(self) -> str:
        return f"{self.kind}/{self.number}"


@dataclass(frozen=True)
class Instrument:
    key: str
    kind: str
    system: str
    parent: str
    title: str  # as printed
    printed: bool
    adoption: str | None = None
    adoption_date: date | None = None
    adoption_place: str | None = None
    preamble: str | None = None
    closing: str | None = None
    span: Span | None = None


@dataclass
class Result:
    instruments: list[Instrument] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    divisions: list[Division] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "instruments": sum(1 for i in self.instruments if i.printed),
            "instruments named only": sum(1 for i in self.instruments if not i.printed),
            "articles": len(self.articles),
            "article paragraphs": sum(len(a.paragraphs) for a in self.articles),
            "divisions": len(self.divisions),
        }

    def articles_of(self, key: str) -> list[Article]:
        return [a for a in self.articles if a.instrument == key]

    def article(self, key: str, number: str) -> Article:
        for a in self.articles:
            if a.instrument == key and a.number == number:
                return a
        raise KeyError(f"{key} article {number}")


LEVELS = {"part": 0, "chapter": 1, "section": 2}
PREAMBLE_OPENING = re.compile(
    r"^(?:Los|Las|La) (?:Estados|Altas Partes|Partes|Gobiernos|gobiernos|Conferencia)"
)
PLACE = re.compile(
    r"\b(?:en|Convocada en) ((?:[A-ZÁÉÍÓÚ][\w.-]*)(?:[ ,]+(?:[A-ZÁÉÍÓÚ][\w.-]*|do|de))*?),? "
    r"(?:el \d|por el Consejo)"
)
ILO_ADOPTS = re.compile(r"Adopta, con fecha ([^,]+)")
LONG_DATE = re.compile(r"\d{1,2}º? de [a-z]+ de \d{4}")


def _join(parts: list[str]) -> str:
    """Join text runs; a word hyphenated at a break (``discrimina-`` + ``ción``) is rejoined."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out.endswith("-") and part[:1].islower():
            out = out[:-1] + part
        else:
            out = f"{out} {part}" if out else part
    return out


def _chain(p: Piece) -> tuple[str, list[int]]:
    chain = p.chain()
    return _join([c.text for c in chain]), [n for c in chain for n in (*c.lines_before, c.line)]


def build_records(
    src: SourceText, pieces: list[Piece], result: Result, titles: dict[str, set[str]] | None = None
) -> None:
    by_key: dict[str, list[Piece]] = defaultdict(list)
    for p in pieces:
        if p.instrument and not (p.kind == "lead" and p.attached):
            by_key[p.instrument].append(p)
    for spec in catalogue.PRINTED:
        own = by_key.get(spec.key, [])
        if not any(p.kind == "title" for p in own):
            result.problems.append(Problem(src.span(1), f"{spec.key}: printed title not found"))
            continue
        divisions = _divisions(src, spec, own)
        articles, closing = _articles(src, spec, own, divisions, result, titles or {})
        result.divisions.extend(divisions)
        result.articles.extend(articles)
        result.instruments.append(_instrument(src, spec, own, closing))


def _instrument(src: SourceText, spec: InstrumentSpec, own: list[Piece], last: str) -> Instrument:
    title = next(p for p in own if p.kind == "title")
    adoption = " ".join(p.text for p in own if p.kind == "adoption") or None
    chains = [_chain(p)[0] for p in own if p.kind == "preamble"]
    # the part that opens with its addressees ("Los Estados Partes …") comes first
    chains.sort(key=lambda t: not PREAMBLE_OPENING.match(t))
    preamble = _join(chains) or None
    closing = _join([last, *(_chain(p)[0] for p in own if p.kind == "closing")]) or None
    lines = [q.line for p in own for q in p.chain()]
    place = PLACE.search(adoption or "") or (
        PLACE.search(preamble[:300]) if preamble and spec.system == "ILO" else None
    )
    return Instrument(
        key=spec.key, kind=spec.kind, system=spec.system, parent=spec.parent,
        title=title.text, printed=True, adoption=adoption,
        adoption_date=_adoption_date(adoption, preamble, spec),
        adoption_place=place.group(1) if place else None,
        preamble=preamble, closing=closing, span=src.span(min(lines), max(lines)),
    )  # fmt: skip


def _adoption_date(adoption: str | None, preamble: str | None, spec: InstrumentSpec) -> date | None:
    """The adoption line's date, or an ILO preamble's ``Adopta, con fecha <date in words>``."""
    when = LONG_DATE.search(adoption or "")
    if when:
        return parse_long_date("de " + when.group(0))
    adopts = ILO_ADOPTS.search(preamble or "") if spec.system == "ILO" else None
    if adopts:
        try:
            return parse_word_date(adopts.group(1))
        except DateError:
            return None
    return None


def _articles(src: SourceText, spec: InstrumentSpec, own: list[Piece], divisions: list[Division],
              result: Result, titles: dict[str, set[str]]) -> tuple[list[Article], str]:  # fmt: skip
    found: dict[int, Piece] = {}
    for p in own:
        if p.kind != "article" or p.heading is None:
            continue
        if p.heading.value in found:
            result.problems.append(
                Problem(src.span(p.line), f"{spec.key}: article {p.heading.label} printed twice")
            )
            continue
        found[p.heading.value] = p
    closing = ""
    last = max(found, default=0)
    membership = _membership(sorted(found), divisions)
    articles = []
    for value in sorted(found):
        p = found[value]
        assert p.heading is not None
        text, lines = _chain(p)
        if value == last:
            text, closing = closing_cut(text)
        title, text = split_title(p.heading.label, text, titles)
        paras = tuple(Paragraph(n, t) for n, t in paragraphs(text))
        articles.append(Article(
            instrument=spec.key, number=p.heading.number, label=p.heading.label, value=value,
            text=text, paragraphs=paras, division=membership.get(value), title=title,
            provision=provision_kind(text), lines=tuple(lines),
            span=src.span(min(lines), max(lines)),
        ))  # fmt: skip
    return articles, closing


def _divisions(src: SourceText, spec: InstrumentSpec, own: list[Piece]) -> list[Division]:
    out: dict[str, Division] = {}
    unnumbered = 0
    for p in own:
        if p.kind != "division":
            continue
        first = p.first.heading.value if p.first and p.first.heading else None
        if p.heading is None:
            unnumbered += 1
            kind, number, label = "section", str(unnumbered), ""
        else:
            kind, number, label = p.heading.kind, p.heading.number, p.heading.label
        div = Division(spec.key, kind, number, label, p.text.strip(" -."), None, first, src.span(p.line))
        out.setdefault(div.id, div)
    ordered = sorted(out.values(), key=lambda d: (d.first_article or 0, LEVELS[d.kind]))
    with_parents: list[Division] = []
    active: dict[int, Division] = {}
    for d in ordered:
        level = LEVELS[d.kind]
        parent = next((active[lv] for lv in sorted(active, reverse=True) if lv < level), None)
        d = Division(
            d.instrument,
            d.kind,
            d.number,
            d.label,
            d.title,
            parent.id if parent else None,
            d.first_article,
            d.span,
        )
        active = {lv: x for lv, x in active.items() if lv < level}
        active[level] = d
        with_parents.append(d)
    return with_parents


def _membership(values: list[int], divisions: list[Division]) -> dict[int, str]:
    """The innermost division each article falls in, from where each division starts."""
    starts: dict[int, list[Division]] = defaultdict(list)
    for d in divisions:
        if d.first_article is not None:
            starts[d.first_article].append(d)
    active: dict[int, Division] = {}
    out: dict[int, str] = {}
    for v in values:
        for d in sorted(starts.get(v, []), key=lambda d: LEVELS[d.kind]):
            level = LEVELS[d.kind]
            active = {lv: x for lv, x in active.items() if lv < level}
            active[level] = d
        if active:
            out[v] = active[max(active)].id
    return out
