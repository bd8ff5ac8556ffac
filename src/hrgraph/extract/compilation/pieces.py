"""Cut the compilation's blocks into pieces: titles, adoption lines, preambles, divisions,
article headings with their text, and leading text that continues a piece from elsewhere.

A block (one physical line) is a run of text from one PDF column; it may start in the middle of
an article whose heading is in another block (the *lead* of the block), and it may hold several
headings. Pieces are the unit that the column reordering (:mod:`.columns`) moves around.

>>> from hrgraph.extract.compilation.layout import Block
>>> [(p.kind, p.text[:12]) for p in split(Block(5, 0, "fin del texto. Artículo 2 Nadie será"), 0)]
[('lead', 'fin del text'), ('article', 'Nadie será')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hrgraph.extract.compilation.articles import Heading, find_headings
from hrgraph.extract.compilation.catalogue import InstrumentSpec, match_title
from hrgraph.extract.compilation.layout import Block

ADOPTION = re.compile(
    r"^(?:\((?:Adoptad[oa]|Aprobad[oa]|Firmad[oa])\b[^)]*\)|(?:Adoptad[oa]|Aprobad[oa]|Firmad[oa])"
    r"\b.*?(?:(?=\s+(?:Preámbulo|Los Estados|Las Partes|Los gobiernos|Los Gobiernos|Deseosos)\b)|$))"
)
STRAY_NUMBER = re.compile(r"^\d{1,2}\.$")  # a paragraph number printed apart from its text
BULLETS = re.compile(r"^[•\s]+$")  # a row of bullets: decoration
PREAMBLE_WORD = re.compile(r"^Preámbulo\s*")
CLOSING = re.compile(r"(?:en testimonio de lo cual|en fe de lo cual)", re.IGNORECASE)
COMMENTARY = re.compile(
    r"^(?:COMITÉ |OBSERVACIONES |RECOMENDACIONES GENERALES|SISTEMA UNIVERSAL|SISTEMA INTERAMERICANO|"
    r"CORTE INTERAMERICANA|ESTADO DE CUMPLIMIENTO|Observación [Gg]eneral|Observaciones generales del|"
    r"Recomendación general|Comité para la eliminación|Coordinadora de Derechos Humanos|"
    r"Recomendaciones de la Comisión)"
)


@dataclass
class Piece:
    """A run of text within one block, with what it is and (once known) whose it is."""

    block: int  # index of the block in the zone
    line: int
    page: int
    kind: str  # title adoption preamble division article lead closing stray
    text: str
    heading: Heading | None = None
    instrument: str | None = None
    last_in_block: bool = False
    # continuation pieces appended to this one, in reading order (filled by columns.attach)
    continued_by: list[Piece] = field(default_factory=list)
    attached: bool = False  # a lead that has been attached to an open piece
    first: Piece | None = None  # for a division: the first article it heads
    lines_before: tuple[int, ...] = ()  # lines read into this piece before its own line
    host: Piece | None = None  # for an attached lead: the heading piece its chain starts from
    loose: bool = False  # a block of a commentary section printed on an instrument's title page

    def chain(self) -> list[Piece]:
        out = [self]
        for c in self.continued_by:
            out.extend(c.chain())
        return out


def split(block: Block, index: int, section: InstrumentSpec | None = None) -> list[Piece]:
    """The pieces of ``block``; ``section`` is the instrument whose text the block sits in."""
    text = block.text
    pieces: list[Piece] = []
    titled = match_title(text)
    pos = 0
    if titled:
        spec, end = titled
        pieces.append(Piece(index, block.line, block.page, "title", text[:end].strip(), instrument=spec.key))
        pos = end
    headings = find_headings(text[pos:])
    head_text = text[pos : pos + headings[0].start] if headings else text[pos:]
    pieces.extend(_lead(head_text.strip(), block, index, titled is not None, section))
    if titled and not headings and pieces[-1].kind in ("title", "adoption"):
        # the preamble starts on a later line: an empty preamble for it to continue
        pieces.append(Piece(index, block.line, block.page, "preamble", ""))
    for i, h in enumerate(headings):
        stop = headings[i + 1].start if i + 1 < len(headings) else len(text) - pos
        body = text[pos + h.end : pos + stop].strip()
        pieces.append(
            Piece(
                index, block.line, block.page, h.kind if h.kind == "article" else "division", body, heading=h
            )
        )
    _split_divisions(pieces, section)
    if pieces:
        pieces[-1].last_in_block = True
    return pieces


def _lead(text: str, block: Block, index: int, titled: bool, section: InstrumentSpec | None) -> list[Piece]:
    """Text before the first heading: adoption line, preamble, a division title, or a lead."""
    out: list[Piece] = []
    if not text:
        return out
    m = ADOPTION.match(text)
    if m and (titled or block.text.startswith(("Adoptad", "Aprobad", "(Adoptad", "(Aprobad"))):
        out.append(Piece(index, block.line, block.page, "adoption", m.group(0).strip()))
        text = text[m.end() :].strip()
        titled = True
    if not text:
        return out
    if section and text in section.divisions:
        return [*out, Piece(index, block.line, block.page, "division", text)]
    if STRAY_NUMBER.match(text) or BULLETS.match(text):
        return [*out, Piece(index, block.line, block.page, "stray", text)]
    if CLOSING.match(text):
        return [*out, Piece(index, block.line, block.page, "closing", text)]
    preamble = PREAMBLE_WORD.match(text)
    if preamble or titled:
        body = text[preamble.end() :] if preamble else text
        return [*out, Piece(index, block.line, block.page, "preamble", body.strip())]
    return [*out, Piece(index, block.line, block.page, "lead", text)]


def _split_divisions(pieces: list[Piece], section: InstrumentSpec | None) -> None:
    """Move an unnumbered division title (``… texto. Derecho aplicable``) out of the text it ends."""
    if section is None or not section.divisions:
        return
    i = 0
    while i < len(pieces):
        p = pieces[i]
        for title in section.divisions:
            if p.kind != "division" and p.text.endswith(" " + title) and i + 1 < len(pieces):
                p.text = p.text[: -len(title)].strip()
                pieces.insert(i + 1, Piece(p.block, p.line, p.page, "division", title))
                break
        i += 1


def join_stray_numbers(pieces: list[Piece]) -> list[Piece]:
    """Put a paragraph number printed on a line of its own back in front of its text.

    The number is joined to the next block when that block opens with a capitalised lead
    (``3.`` + ``El Protocolo entrará en vigor…``); a number followed by another number or by
    lower-case text is left as a stray.
    """
    out: list[Piece] = []
    for i, p in enumerate(pieces):
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        number = STRAY_NUMBER.match(p.text)
        if number and p.kind == "stray" and nxt and nxt.kind == "lead" and nxt.text[:1].isupper():
            nxt.text = f"{p.text} {nxt.text}"
            nxt.lines_before = (*p.lines_before, p.line)
            continue
        out.append(p)
    return out


def closing_cut(text: str) -> tuple[str, str]:
    """Split an instrument's last article from the testimonium clause that follows it."""
    m = CLOSING.search(text)
    if not m or m.start() == 0:
        return text, ""
    return text[: m.start()].strip(), text[m.start() :].strip()
