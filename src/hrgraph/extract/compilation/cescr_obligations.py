"""The CESCR's obligation lists (lines ~585–711 of the compilation), attributed and typed.

Layout read (see ``seeds/NOTES.md``): each physical line is one block of a two-column page;
the blocks of the left and right columns alternate, so the bullets of one general comment sit
between blocks of another, and a comment's heading can stand in the middle of a block (673).
Page numbers are digit-only lines.

Attribution rule, block by block (a block is split at every comment heading it holds; the
text after a heading belongs to that comment):

1. *Candidates* for a block's leading text are the comments headed on its page or the page
   before, plus the comment last headed before that: a comment's text never runs further.
2. *Content*: every CESCR comment here is about one right or one group, so each is scored by
   the words of its subject, read from its title (``TOPICS``). A comment about a group of
   persons (5: disability, 6: older persons) wins whenever its words occur, because its blocks
   also speak of work, health or social security; otherwise the highest score wins.
3. *Position*: on a tie (e.g. no subject word at all) the nearest heading before the block
   wins, else the nearest after it.
4. *Continuations*: a block that starts in mid-sentence (lower-case, or a list item after
   ``a)``) ends a block that stopped in mid-sentence. A column ends at the bottom of a page
   and goes on at the top of the other column, which on the same page has the other parity
   of block position, or at the top of the next page; among the open blocks of the comments
   its content allows, the one on the same page (other parity) is taken first, else the one
   on the page before. Its leading fragment completes that block's last bullet, and the
   sub-heading in force there stays in force for its next bullets.

Within a comment, a bullet takes the sub-heading printed before it in the same block (or in
the block it continues). Bullets of a block that starts with a bullet have no sub-heading
known with certainty (it was printed in another column) and are typed by rule. Sub-headings
are recognised from a closed list (``HEADING``), at a block's start or after the last
sentence of a bullet. Two bullets that are printed headings (``• Derecho a participar en la
vida cultural …``, ``• Protección de la familia, …``) are headings, not obligations. Lettered
duties ``a) … b) …`` are split into one obligation each when they stand outside a bullet
(``Obligaciones básicas a) …``, general comment 4's ``el Estado debe: a) …``) or make up a
whole bullet (``• a) Garantizar …``); inside a bullet they stay part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hrgraph.extract.common import LineLedger, Problem, SourceText, Span
from hrgraph.extract.compilation import obligation_types
from hrgraph.extract.compilation.gc_records import (
    CESCR_DOC_HEADING,
    CITATION,
    Heading,
    Obligation,
    Result,
)
from hrgraph.extract.compilation.gc_refs import ArticleRef, article_refs

# What each comment is about, as its title says (general comment 19: its obligations).
TOPICS: dict[str, str] = {
    "4": r"vivienda|desahucio",
    "5": r"discapacidad",
    "6": r"personas mayores|personas de edad|edad avanzada|vejez|jubilación|ancian|"
    r"trabajadores mayores|familiares mayores|\bla edad\b",
    "7": r"desaloj",
    "12": r"alimentaci|alimentos|alimentaria|hambre",
    "13": r"educaci|enseñanza|instrucción|educativ",
    "14": r"salud",
    "15": r"\bagua\b",
    "18": r"trabajo|empleo",
    "19": r"seguridad social",
}
GROUPS = ("5", "6")

_OBLIG = (
    r"(?:\d\.\s)?(?:(?:Las|La)\s)?[Oo]bligaci(?:ón|ones)\s(?:de\s(?:respetar|proteger|cumplir|aplicar"
    r"|eliminar la discriminación por motivos de discapacidad|los Estados(?: Partes)?|facilitar"
    r"|promover|garantizar)|básicas|internacionales|generales de los Estados Partes"
    r"|jurídicas (?:generales|concretas|específicas|de carácter general)"
    r"|legales (?:de carácter general|específicas)|y violaciones)"
    r"(?:\s\(facilitar\))?(?:\srequiere)?:?"
)
_THEMES = (
    r"Seguridad social|Medios de aplicación|Vigilancia|Recursos y responsabilidad"
    r"|Aplicación en el plano nacional|Referencias y legislación marco|Protección a la familia"
    r"|Derechos relacionados con el trabajo|Derecho a la seguridad social"
    r"|Derecho a un nivel de vida adecuado|Derecho al disfrute de salud física y mental"
    r"|Derecho a la salud física y mental|Derecho a la educación(?: y a la cultura)?"
    r"|Disposiciones específicas del Pacto(?: Igualdad de derechos (?:para hombres y mujeres"
    r"|entre el hombre y la mujer))?"
    r"|Entre las obligaciones de prioridad comparables figuran las siguientes:"
)
HEADING = re.compile(rf"(?:{_OBLIG}|{_THEMES})")
HEADING_BULLET = re.compile(r"^(?:Derecho a participar|Protección de la familia)[^.]{0,100}\.?$")
ITEM = re.compile(r"(?:(?<=^)|(?<=\s))([a-z])\)\s")
CONTINUES = re.compile(r"^(?:[a-záéíóúñ]|[b-z]\)\s)")
SENTENCE_END = re.compile(r"\.\s+(?=[A-ZÁÉÍÓÚ¿])")


@dataclass
class Segment:
    """A block's text from one comment heading to the next (or the block's end)."""

    line: int
    page: int
    index: int  # position of the block on its page (the column alternates with parity)
    text: str
    gc: str | None = None
    headed: bool = False  # starts with the comment's heading
    continues: Segment | None = None
    taken: bool = False  # an open end already continued


@dataclass
class Piece:
    """A bullet, or prose outside bullets, with the sub-heading it sits under."""

    kind: str  # "bullet" or "prose"
    text: str
    heading: str | None
    spans: list[Span] = field(default_factory=list)


def extract(src: SourceText, ledger: LineLedger, headings: list[Heading], end: int, result: Result) -> None:
    """Add the CESCR obligations printed from the first heading to line ``end`` to ``result``."""
    start = min(h.line for h in headings)
    segments = split_blocks(src, ledger, start, end, headings)
    attribute(segments, result.problems, src)
    known = {gc.number: gc for gc in result.comments if gc.body == "CESCR"}
    for number in sorted({s.gc for s in segments if s.gc}, key=int):
        own = [s for s in segments if s.gc == number]
        pieces = read_pieces(src, own)
        interprets = known[number].interprets if number in known else ()
        result.obligations.extend(to_obligations(src, number, pieces, interprets))
        result.bullet_headings.extend(
            (number, p.text, p.spans[0]) for p in pieces if p.kind == "heading-bullet"
        )
        for s in own:
            ledger.use(src.span(s.line), "general_comment")


def split_blocks(
    src: SourceText,
    ledger: LineLedger,
    start: int,
    end: int,
    headings: list[Heading],
) -> list[Segment]:
    page, index, segments = 0, 0, []
    for n, line in src.numbered(start, end):
        text = line.strip()
        if not text:
            continue
        if text.isdigit():
            page, index = page + 1, 0
            ledger.furniture(n, "page-number")
            continue
        index += 1
        if text.startswith("OBSERVACIONES GENERALES DEL COMITÉ"):
            ledger.use(src.span(n), "general_comment")
            continue
        if re.match(r"Artículo \d", text):  # the Covenant's own articles, printed alongside
            continue
        cuts = sorted(h.start for h in headings if h.line == n)
        bounds = [0, *cuts, len(line)]
        for i in range(len(bounds) - 1):
            part = line[bounds[i] : bounds[i + 1]].strip()
            if part:
                headed = i > 0 or (bool(cuts) and cuts[0] == 0)
                gc = next((h.number for h in headings if h.line == n and h.start == bounds[i]), None)
                segments.append(Segment(n, page, index, part, gc if headed else None, headed))
    return segments


def score(text: str, number: str) -> int:
    return len(re.findall(TOPICS.get(number, r"(?!x)x"), text, flags=re.IGNORECASE))


def candidates(seg: Segment, headed: list[Segment]) -> list[Segment]:
    """Heading segments on the block's page or the page before, and the one last before them."""
    near = [h for h in headed if seg.page - 1 <= h.page <= seg.page]
    before = [h for h in headed if h.page < seg.page - 1]
    return ([before[-1]] if before else []) + near


def choose(seg: Segment, options: list[Segment]) -> str | None:
    if not options:
        return None
    scores = {h.gc: score(seg.text, h.gc) for h in options if h.gc}
    groups = [g for g in GROUPS if scores.get(g, 0) > 0]
    if groups:
        return max(groups, key=lambda g: scores[g])
    best = max(scores.values())
    tied = [h for h in options if h.gc and scores[h.gc] == best]
    before = [h for h in tied if h.line <= seg.line]
    return (before[-1] if before else tied[0]).gc


def attribute(segments: list[Segment], problems: list[Problem], src: SourceText) -> None:
    headed = [s for s in segments if s.headed]
    loose = [s for s in segments if not s.headed]
    for seg in loose:
        if not CONTINUES.match(seg.text):
            seg.gc = choose(seg, candidates(seg, headed))
    for seg in loose:
        if CONTINUES.match(seg.text):
            link_continuation(seg, segments, headed, problems, src)


def is_open(seg: Segment) -> bool:
    return not seg.text.rstrip().endswith((".", ":")) and not seg.taken


def link_continuation(
    seg: Segment, segments: list[Segment], headed: list[Segment], problems: list[Problem], src: SourceText
) -> None:
    options = candidates(seg, headed)
    scores = {h.gc: score(seg.text, h.gc) for h in options if h.gc}
    allowed = {g for g, v in scores.items() if v > 0} or set(scores)
    open_ends = [s for s in segments if s.gc in allowed and s is not seg and is_open(s)]
    same_page = [s for s in open_ends if s.page == seg.page and s.index % 2 != seg.index % 2]
    page_before = [s for s in open_ends if s.page == seg.page - 1]
    chosen = (same_page or page_before)[-1] if (same_page or page_before) else None
    if chosen is None:
        problems.append(Problem(src.span(seg.line), "CESCR: a continued text with no open block to end"))
        return
    chosen.taken = True
    seg.gc, seg.continues = chosen.gc, chosen


def read_pieces(src: SourceText, own: list[Segment]) -> list[Piece]:
    """The comment's bullets and prose in reading order: a continuation right after its block."""
    order = [s for s in own if s.continues is None]
    for s in own:
        if s.continues is not None:
            order.insert(order.index(s.continues) + 1, s)
    pieces: list[Piece] = []
    heading: str | None = None
    last_of: dict[int, tuple[Piece | None, str | None]] = {}
    for s in order:
        if s.continues is not None:
            tail, heading = last_of.get(id(s.continues), (None, None))
        else:
            tail, heading = None, None
        new, heading = parse_segment(src, s, tail, heading)
        pieces.extend(new)
        last_of[id(s)] = ((new[-1] if new else tail), heading)
    return pieces


def strip_comment_heading(text: str) -> str:
    """The segment's text after the comment's heading and its citation."""
    doc = CESCR_DOC_HEADING.match(text)
    if doc:
        return text[doc.end() :].strip(" .")
    cite = CITATION.search(text)
    return text[cite.end() :].strip() if cite else text


def leading_headings(text: str) -> tuple[list[str], str]:
    """Sub-headings at the start of ``text``, and the rest."""
    found = []
    while m := HEADING.match(text):
        found.append(m.group(0))
        text = text[m.end() :].strip()
    return found, text


def trailing_heading(text: str) -> tuple[str, str | None]:
    """Split the sub-heading(s) printed after the last sentence of ``text``; the last one rules."""
    for m in HEADING.finditer(text):
        before = text[: m.start()].rstrip()
        heads, rest = leading_headings(text[m.start() :])
        if (before.endswith((".", ":", ";")) or not before) and heads and not rest:
            return before, heads[-1]
    return text, None


def parse_segment(
    src: SourceText, seg: Segment, tail: Piece | None, heading: str | None
) -> tuple[list[Piece], str | None]:
    span = src.span(seg.line)
    text = strip_comment_heading(seg.text) if seg.headed else seg.text
    prose, *bullets = text.split("•")
    prose = prose.strip()
    pieces: list[Piece] = []
    if seg.continues is not None and prose:
        fragment, *rest = re.split(rf"(?={HEADING.pattern})", prose, maxsplit=1)
        fragment, trailing = trailing_heading(prose) if not rest else (fragment, None)
        if tail is not None:
            tail.text = f"{tail.text.rstrip()} {fragment.strip()}"
            tail.spans.append(span)
        prose = "".join(rest).strip() if rest else ""
        heading = trailing or heading
    heads, prose = leading_headings(prose)
    heading = heads[-1] if heads else heading
    if prose:
        prose, trailing = trailing_heading(prose)
        pieces.append(Piece("prose", prose, heading, [span]))
        heading = trailing or heading
    for raw in bullets:
        piece_list, heading = parse_bullet(raw.strip(), heading, span)
        pieces.extend(piece_list)
    return pieces, heading


INNER_LIST = re.compile(rf"(?<=[.;:])\s+({HEADING.pattern})\s+(?=a\)\s)")


def parse_bullet(text: str, heading: str | None, span: Span) -> tuple[list[Piece], str | None]:
    if HEADING_BULLET.match(text):
        return [Piece("heading-bullet", text, heading, [span])], text.rstrip(".")
    inner = INNER_LIST.search(text)
    if inner:  # "… Obligaciones básicas a) …": the list after the heading is not the bullet's
        bullet = Piece("bullet", text[: inner.start()].strip(), heading, [span])
        listed = Piece("prose", text[inner.end() :].strip(), inner.group(1), [span])
        return [bullet, listed], inner.group(1)
    body, trailing = trailing_heading(text)
    return [Piece("bullet", body.strip(), heading, [span])], trailing or heading


def items(text: str, first: str = "a") -> list[tuple[str, str]]:
    """``(letter, text)`` of the consecutive lettered duties ``a) … b) …`` in ``text``.

    >>> items("debe: a) abstenerse; b) prevenir; y c) adoptar medidas. El Comité i) no")
    [('a)', 'abstenerse'), ('b)', 'prevenir'), ('c)', 'adoptar medidas.')]
    """
    marks = [m for m in ITEM.finditer(text)]
    run: list[re.Match[str]] = []
    for m in marks:
        expected = chr(ord(run[-1].group(1)) + 1) if run else first
        if m.group(1) == expected:
            run.append(m)
    found = []
    for i, m in enumerate(run):
        stop = run[i + 1].start() if i + 1 < len(run) else len(text)
        chunk = text[m.end() : stop]
        if i + 1 == len(run) and (end := SENTENCE_END.search(chunk)):
            chunk = chunk[: end.start() + 1]
        chunk = re.sub(r"(?:;\s*y|;|\s+y)\s*$", "", chunk.strip()).strip()
        found.append((f"{m.group(1)})", chunk))
    return found


def item_span(src: SourceText, piece: Piece, marker: str, text: str) -> Span:
    """The line a lettered duty is printed on (a list can go on in another column)."""
    probe = f"{marker} {text[:30]}"
    return next((s for s in piece.spans if probe in src.line(s.start)), piece.spans[0])


def to_obligations(
    src: SourceText, number: str, pieces: list[Piece], interprets: tuple[ArticleRef, ...]
) -> list[Obligation]:
    """One obligation per bullet, and per lettered duty of a list."""
    out: list[Obligation] = []
    per_line: dict[int, int] = {}

    def add(text: str, marker: str, piece: Piece) -> None:
        if marker == "•":
            span, more = piece.spans[0], tuple(piece.spans[1:])
        else:
            span, more = item_span(src, piece, marker, text), ()
        per_line[span.start] = per_line.get(span.start, 0) + 1
        types, how = obligation_types.assign(piece.heading, text)
        refs = tuple(article_refs("ICESCR", text)) or interprets
        key = f"{span.start}-{per_line[span.start]}"
        out.append(
            Obligation("CESCR", number, key, text, marker, piece.heading, types, how, refs, span, more)
        )

    for piece in pieces:
        if piece.kind == "bullet" and not piece.text.startswith("a) "):
            add(piece.text, "•", piece)
        elif piece.kind in ("bullet", "prose"):
            for letter, text in items(piece.text):
                add(text, letter, piece)
    return out
