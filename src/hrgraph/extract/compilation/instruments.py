"""Instruments and their articles, in order and whole, from the Paraguay compilation (seed 002).

The compilation prints the full text of each instrument: its title, an adoption line
(``Adoptada y proclamada por la Asamblea General en su Resolución 217 A (III), de 10 de
diciembre de 1948.``), a preamble, parts/chapters/sections and articles. The dump of the
two-column PDF interleaves the column blocks of a page, drops page numbers on lines of their
own, and prints some text before its own title or inside the next instrument; see
:mod:`.layout` (pages), :mod:`.pieces` (headings within a block), :mod:`.columns` (reading
order from article numbers) and :mod:`.catalogue` (the printed titles). Commentary sections
(general comments, concluding observations, Inter-American reports) are not read here, except
for article blocks inside them that continue an instrument's numbering.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from hrgraph.extract.common import LineLedger, Problem, SourceText, Span
from hrgraph.extract.compilation import catalogue, columns, layout
from hrgraph.extract.compilation.articles import paragraphs
from hrgraph.extract.compilation.catalogue import InstrumentSpec
from hrgraph.extract.compilation.pieces import (
    BULLETS,
    COMMENTARY,
    Piece,
    closing_cut,
    join_stray_numbers,
    split,
)
from hrgraph.extract.compilation.provisions import provision_kind
from hrgraph.extract.dates import parse_long_date

ZONE_END = re.compile(r"^Recomendaciones de la Comisión de Verdad")
LEDGER_KIND = "instrument text"


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


def zone(src: SourceText) -> tuple[int, int, int]:
    """First line, last line and first page number of the instruments' part of the book."""
    start = next(n for n, t in src.numbered() if catalogue.spec("UDHR").pattern.match(t))
    end = next(n for n, t in src.numbered(start) if ZONE_END.match(t)) - 1
    before = next(int(t) for _, t in reversed(list(src.numbered(1, start))) if layout.PAGE_NUMBER.match(t))
    return start, end, before + 1


def extract(src: SourceText, ledger: LineLedger) -> Result:
    """Every instrument printed in the compilation, with its articles in numerical order."""
    start, end, first_page = zone(src)
    blocks = layout.blocks(src, ledger, start, end, first_page)
    pieces, titles, strict = _pieces(blocks)
    page_end = {b.page: i for i, b in enumerate(blocks)}
    _loosen(pieces, blocks, titles, strict)
    demoted, dropped = columns.assign_articles(pieces, titles, page_end, strict)
    pieces = _demote([p for p in pieces if p.block not in dropped], demoted)
    pieces = join_stray_numbers(pieces)
    _assign_divisions(pieces)
    result = Result()
    vocabulary = {w for line in src.lines for w in columns.WORD.findall(line.lower())}
    for o in columns.attach_leads(pieces, vocabulary):
        if o.loose:  # commentary text, left for the commentary readers
            continue
        result.problems.append(
            Problem(src.span(o.line), f"text not attached to any article: {o.text[:60]!r}")
        )
    for p in pieces:
        if p.kind == "stray" and BULLETS.match(p.text):
            ledger.furniture(p.line, "decoration")
        elif p.kind == "stray":
            ledger.furniture(p.line, "detached paragraph number")
            result.problems.append(
                Problem(src.span(p.line), f"paragraph number {p.text!r} printed apart from its text")
            )
    build_records(src, pieces, result)
    _named_only(src, result)
    for p in pieces:
        if p.instrument or p.attached:
            for n in (*p.lines_before, p.line):
                ledger.use(src.span(n), LEDGER_KIND)
    return result


def _pieces(blocks: list[layout.Block]) -> tuple[list[Piece], dict[str, int], set[int]]:
    """Split every block; returns the pieces, each title's block, and commentary blocks."""
    pieces: list[Piece] = []
    titles: dict[str, int] = {}
    strict: set[int] = set()
    section: InstrumentSpec | None = None
    title_page = -1
    for i, b in enumerate(blocks):
        titled = catalogue.match_title(b.text)
        if titled:
            section, title_page = titled[0], b.page
            titles.setdefault(section.key, i)
        elif COMMENTARY.match(b.text):
            strict.add(i)
            if title_page != b.page:  # not a block of the commentary printed beside the title
                section = None
        if section is None:
            strict.add(i)
        for p in split(b, i, section):
            if p.kind in ("title", "adoption", "preamble", "closing") or (
                p.kind == "division" and p.heading is None
            ):
                p.instrument = p.instrument or (section.key if section else None)
            pieces.append(p)
    return pieces, titles, strict


def _loosen(pieces: list[Piece], blocks: list[layout.Block], titles: dict[str, int],
            strict: set[int]) -> None:  # fmt: skip
    """Commentary blocks printed on the page of a later instrument title may be its text.

    A lead among them (e.g. 761, the end of ICCPR art. 2 printed before the Covenant's title)
    is kept as a *loose* lead that attaches only on clear evidence; the others stay dropped.
    """
    title_pages = {blocks[b].page: b for b in titles.values()}
    for p in pieces:
        title = title_pages.get(p.page)
        if p.block in strict and title is not None and p.block < title and p.kind == "lead":
            strict.discard(p.block)
            p.loose = True


def _demote(pieces: list[Piece], demoted: list[Piece]) -> list[Piece]:
    """Fold a heading no instrument can take back into the text of the piece before it."""
    gone = {id(p) for p in demoted}
    out: list[Piece] = []
    for p in pieces:
        if id(p) in gone:
            assert p.heading is not None
            restored = f"Artículo {p.heading.label} {p.text}".strip()
            if out and out[-1].block == p.block:
                out[-1].text = f"{out[-1].text} {restored}"
                out[-1].last_in_block = p.last_in_block
                continue
            p.kind, p.heading, p.text = "lead", None, restored
        out.append(p)
    return out


def _assign_divisions(pieces: list[Piece]) -> None:
    """A division heads the next article in its block, else the article opening a block nearby.

    A division printed alone on a line belongs to the column it is in, and the column's next
    block is two blocks later in the interleaved dump; one or three blocks later are tried next.
    """
    by_block: dict[int, list[Piece]] = defaultdict(list)
    for p in pieces:
        by_block[p.block].append(p)
    for p in pieces:
        if p.kind != "division":
            continue
        group = by_block[p.block]
        after = [q for q in group[group.index(p) + 1 :] if q.kind == "article"]
        candidates = after[:1] or [
            by_block[p.block + k][0]
            for k in (2, 1, 3, 4)
            if by_block.get(p.block + k) and by_block[p.block + k][0].kind == "article"
        ]
        if candidates:
            p.first = candidates[0]
            p.instrument = p.instrument or candidates[0].instrument
            if p.heading is not None:
                p.instrument = candidates[0].instrument


# -- records -----------------------------------------------------------------------------

LEVELS = {"part": 0, "chapter": 1, "section": 2}
PREAMBLE_OPENING = re.compile(
    r"^(?:Los|Las|La) (?:Estados|Altas Partes|Partes|Gobiernos|gobiernos|Conferencia)"
)
PLACE = re.compile(
    r"\b(?:en|Convocada en) ((?:[A-ZÁÉÍÓÚ][\w.-]*)(?:[ ,]+(?:[A-ZÁÉÍÓÚ][\w.-]*|do|de))*?),? "
    r"(?:el \d|por el Consejo)"
)
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


def build_records(src: SourceText, pieces: list[Piece], result: Result) -> None:
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
        articles, closing = _articles(src, spec, own, divisions, result)
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
    when = LONG_DATE.search(adoption or "")
    place = PLACE.search(adoption or "") or (
        PLACE.search(preamble[:300]) if preamble and spec.system == "ILO" else None
    )
    return Instrument(
        key=spec.key, kind=spec.kind, system=spec.system, parent=spec.parent,
        title=title.text, printed=True, adoption=adoption,
        adoption_date=parse_long_date("de " + when.group(0)) if when else None,
        adoption_place=place.group(1) if place else None,
        preamble=preamble, closing=closing, span=src.span(min(lines), max(lines)),
    )  # fmt: skip


def _articles(src: SourceText, spec: InstrumentSpec, own: list[Piece], divisions: list[Division],
              result: Result) -> tuple[list[Article], str]:  # fmt: skip
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
        paras = tuple(Paragraph(n, t) for n, t in paragraphs(text))
        articles.append(Article(
            instrument=spec.key, number=p.heading.number, label=p.heading.label, value=value,
            text=text, paragraphs=paras, division=membership.get(value),
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


def _named_only(src: SourceText, result: Result) -> None:
    """Instruments a table names whose text the compilation does not print."""
    for named in catalogue.NAMED_ONLY:
        pattern = re.compile(named.title)
        line = next((n for n, t in src.numbered() if pattern.search(t)), None)
        if line is None:
            result.problems.append(Problem(src.span(1), f"{named.key}: table row not found"))
            continue
        title = pattern.search(src.line(line))
        assert title is not None
        result.instruments.append(Instrument(
            key=named.key, kind=named.kind, system=named.system, parent="",
            title=src.line(line).strip(), printed=False, span=src.span(line),
        ))  # fmt: skip


# -- check ---------------------------------------------------------------------------------

SHORT, LONG = 25, 20000


def check(result: Result) -> dict[str, dict[str, object]]:
    """Per instrument: articles read, missing numbers, and texts suspiciously short or long."""
    report: dict[str, dict[str, object]] = {}
    for inst in result.instruments:
        if not inst.printed:
            report[inst.key] = {"articles": 0, "printed": False}
            continue
        arts = result.articles_of(inst.key)
        values = sorted(a.value for a in arts)
        missing = sorted(set(range(1, max(values, default=0) + 1)) - set(values))
        report[inst.key] = {
            "articles": len(arts),
            "last": values[-1] if values else None,
            "missing": missing,
            "short": [a.label for a in arts if len(a.text) < SHORT],
            "long": [a.label for a in arts if len(a.text) > LONG],
        }
    return report
