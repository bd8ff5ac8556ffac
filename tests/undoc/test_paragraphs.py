"""Paragraphs, headings, furniture and notes of the corpus, against values read by hand."""

from __future__ import annotations

from hrgraph.extract.common import LineLedger, SourceText
from hrgraph.extract.undoc.layout import Layout, read_layout
from tests.helpers import CORPUS

REPORT = "upr-national-report_DNK_A-HRC-WG.6-52-DNK-1_en.txt"
COMPILATION = "upr-compilation_DNK_A-HRC-WG.6-52-DNK-2_en.txt"


def layout_of(name: str, text: str | None = None) -> tuple[Layout, LineLedger]:
    src = SourceText.from_string(name, text) if text else SourceText.from_path(name, CORPUS / name)
    ledger = LineLedger(src)
    return read_layout(src, ledger), ledger


def test_paragraphs_run_together_mid_line() -> None:
    """Compilation line 15: paragraph 2, then '…Cultural Rights.4 3. Denmark made …' (paragraph 3)."""
    layout, _ = layout_of(COMPILATION)
    by = {p.number: p for p in layout.body.paragraphs}
    assert by[2].span.start == by[3].span.start == 15
    assert by[3].text.startswith("Denmark made annual voluntary contributions")
    assert by[2].text.endswith("Economic, Social and Cultural Rights.4")


def test_heading_on_the_line_of_the_next_paragraph() -> None:
    """Compilation line 17: 'Institutional infrastructure and policy measures 4. In 2025, …'."""
    layout, _ = layout_of(COMPILATION)
    heading = next(h for h in layout.body.headings if h.span.start == 17)
    assert (heading.kind, heading.title) == ("heading", "Institutional infrastructure and policy measures")
    p4 = layout.body.paragraphs[3]
    assert (p4.number, p4.span.start, p4.heading) == (4, 17, heading.ordinal)
    assert [i.letter for i in p4.items] == ["a", "b", "c"]


def test_numbered_sub_headings_are_not_paragraphs() -> None:
    """Compilation lines 23, 31 and 82: '1. Equality and non-discrimination', '2. Right to life, …',
    '1. Women'; the paragraphs are 1-65 in order."""
    layout, _ = layout_of(COMPILATION)
    assert [p.number for p in layout.body.paragraphs] == list(range(1, 66))
    subs = {h.span.start: (h.number, h.title) for h in layout.body.headings if h.kind == "subheading"}
    assert subs[23] == ("1", "Equality and non-discrimination")
    assert subs[82] == ("1", "Women")
    assert len(subs) == 15  # 9 under section A (lines 23-79), 6 under B (82-118)
    assert not layout.problems


def test_report_paragraphs_chapters_and_notes() -> None:
    """National report: 161 paragraphs; chapters I-IV at lines 16, 21, 212, 257; 161 endnotes
    (lines 290-315) after 'Notes' (284), which the export prints before paragraphs 160 (its
    end, 286) and 161 (288)."""
    layout, _ = layout_of(REPORT)
    assert [p.number for p in layout.body.paragraphs] == list(range(1, 162))
    chapters = [(h.number, h.span.start) for h in layout.body.headings if h.kind == "chapter"]
    assert chapters == [("I", 16), ("II", 21), ("III", 212), ("IV", 257)]
    p160 = layout.body.paragraphs[159]
    assert p160.span == p160.span.__class__(REPORT, 279, 286)
    assert layout.body.paragraphs[160].span.start == 288
    assert [n.number for n in layout.notes] == list(range(1, 162))
    assert layout.notes[16].text.startswith("60.21, 60.26, 60.27") and layout.notes[16].span.end == 297


def test_glued_markers_resolved() -> None:
    """Line 19: '… Danish Institute for Human Rights,1 …' (note 1); line 20: '… Midterm Report from
    December 20233 and …' (the year 2023, note 3); line 54 ends '.27' (note 27: 60.170-60.177)."""
    layout, _ = layout_of(REPORT)
    markers = {m.number: m.span.start for m in layout.markers}
    assert (markers[1], markers[3], markers[27]) == (19, 20, 54)
    assert len(markers) == 161
    p4 = layout.body.paragraphs[3]
    assert layout.notes_of("paragraph", 4) == (3,)
    assert "December 2023 and to the Annex" in layout.clean_text(p4)
    assert layout.notes_of("paragraph", 23) == (27,)
    assert layout.note(27) and layout.note(27).text == "60.170-60.177."  # type: ignore[union-attr]


def test_a_missing_paragraph_is_a_problem_naming_the_line() -> None:
    """Paragraph 47 of the report (line 89) deleted from a copy: paragraph 48 (line 91) is read,
    and the gap is reported at its line; nothing else is lost."""
    lines = (CORPUS / REPORT).read_text(encoding="utf-8").split("\n")
    assert lines[88].startswith("47. ")
    lines[88] = ""
    layout, ledger = layout_of(REPORT, "\n".join(lines))
    assert [p.number for p in layout.body.paragraphs] == [n for n in range(1, 162) if n != 47]
    assert [str(p) for p in layout.body.problems] == [
        f"{REPORT}:91: paragraph 47 is missing: paragraph 48 follows paragraph 46"
    ]
    assert ledger.unaccounted() == []


def test_a_repeated_number_is_a_problem() -> None:
    text = "1. One.\n2. Two.\n2. Two again.\n3. Three."
    layout, _ = layout_of("demo", text)
    assert [p.number for p in layout.body.paragraphs] == [1, 2, 3]
    assert [str(p) for p in layout.body.problems] == [
        "demo:3: paragraph number 2 out of sequence (expected 3): kept in the text of paragraph 2"
    ]


def test_every_line_read_or_furniture() -> None:
    """Both corpus UPR documents: no line left unread; page numbers, job numbers and the
    repeated symbol are furniture (report lines 32 '2', 34 the symbol; compilation 18
    'GE.26-00776 (E) 060226 060226')."""
    for name in (REPORT, COMPILATION):
        _, ledger = layout_of(name)
        assert ledger.unaccounted() == [], name
    _, ledger = layout_of(REPORT)
    assert (ledger.used_as[32], ledger.used_as[34], ledger.used_as[316]) == (
        "page number", "page header", "page number")  # fmt: skip
    _, ledger = layout_of(COMPILATION)
    assert ledger.used_as[18] == "page footer"
