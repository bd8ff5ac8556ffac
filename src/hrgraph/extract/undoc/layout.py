"""One UN document read into its parts: cover, furniture, body (paragraphs, headings), notes.

The steps every genre reader of a one-line-per-paragraph UN text takes, in order, each marking
the lines it reads in the ledger: :func:`~hrgraph.extract.undoc.cover.read_cover`,
:func:`~hrgraph.extract.undoc.furniture.mark_furniture`, the ``Notes`` run
(:func:`~hrgraph.extract.undoc.notes.notes_lines`; with ``page_notes``, when there is none, the
footnotes at the foot of each page, :func:`hrgraph.extract.tb_layout.page_note_lines`), a
table of contents (:func:`~hrgraph.extract.undoc.furniture.contents_lines`), the body
(:func:`~hrgraph.extract.undoc.paragraphs.read_body`), then the note markers of the body
(:func:`~hrgraph.extract.undoc.notes.find_markers`) resolved to their notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hrgraph.extract.citations import LinedText
from hrgraph.extract.common import LineLedger, Problem, SourceText
from hrgraph.extract.tb_layout import page_note_lines
from hrgraph.extract.undoc.cover import Cover, read_cover
from hrgraph.extract.undoc.furniture import contents_lines, mark_furniture
from hrgraph.extract.undoc.notes import Marker, Note, find_markers, join_lines, notes_lines, split_notes
from hrgraph.extract.undoc.paragraphs import Body, Paragraph, read_body


@dataclass
class Layout:
    cover: Cover
    body: Body
    notes: list[Note] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # the texts markers were searched in: ("paragraph", number) or ("heading", ordinal)
    blocks: list[tuple[str, int]] = field(default_factory=list)

    def notes_of(self, kind: str, key: int) -> tuple[int, ...]:
        """The note numbers whose markers sit in paragraph ``key`` (or heading ``key``)."""
        index = self.blocks.index((kind, key))
        return tuple(m.number for m in self.markers if m.block == index)

    def note(self, number: int) -> Note | None:
        return next((n for n in self.notes if n.number == number), None)

    def clean_text(self, paragraph: Paragraph) -> str:
        """The paragraph's text without its number and its note markers."""
        index = self.blocks.index(("paragraph", paragraph.number))
        text = paragraph.lined.text
        for m in sorted((m for m in self.markers if m.block == index), key=lambda m: -m.offset):
            text = text[: m.offset] + text[m.offset + len(str(m.number)) :]
        number = f"{paragraph.number}."
        return text[len(number) :].strip() if text.startswith(number) else text


def read_layout(src: SourceText, ledger: LineLedger, page_notes: bool = False) -> Layout:
    """Read ``src`` into its parts, marking every line read in ``ledger``; ``page_notes``: the
    notes may be footnotes printed at the foot of each page (treaty-body documents)."""
    cover = read_cover(src)
    for span in cover.spans:
        ledger.use(span, "cover")
    furniture = mark_furniture(src, ledger, cover)
    lines = [
        n for n, t in src.numbered()
        if t.strip() and n not in furniture and n not in cover.lines() and n > cover.end_line
    ]  # fmt: skip
    heading, note_lines = notes_lines(src, lines)
    if heading is not None:
        ledger.furniture(heading, "notes heading")
    elif page_notes:
        note_lines = [n for n in page_note_lines(src, ledger, cover.spans) if n in set(lines)]
    contents = contents_lines(src, [n for n in lines if n not in set(note_lines)])
    for n in contents:
        ledger.furniture(n, "contents")
    skip = set(note_lines) | set(contents) | ({heading} if heading else set())
    body = read_body(src, [n for n in lines if n not in skip], cover.symbol)
    for n, kind in body.lines().items():
        ledger.use(src.span(n), kind)
    layout = Layout(cover, body, problems=list(body.problems))
    if note_lines:
        notes, problems = split_notes(join_lines(src, note_lines, cover.symbol))
        layout.notes, layout.problems = notes, layout.problems + problems
        for n in note_lines:
            ledger.use(src.span(n), "note")
    _markers(layout)
    return layout


def _markers(layout: Layout) -> None:
    texts: list[tuple[int, str, int, LinedText]] = []
    for h in layout.body.headings:
        texts.append(
            (h.span.start, "heading", h.ordinal, LinedText.join(h.span.source, [(h.span.start, h.title)]))
        )
    for p in layout.body.paragraphs:
        texts.append((p.span.start, "paragraph", p.number, p.lined))
    texts.sort(key=lambda t: (t[0], t[1] == "paragraph"))
    layout.blocks = [(kind, key) for _, kind, key, _ in texts]
    if layout.notes:
        markers, problems = find_markers([t for *_, t in texts], max(n.number for n in layout.notes))
        layout.markers, layout.problems = markers, layout.problems + problems
