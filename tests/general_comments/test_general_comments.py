"""General comments as the compilation heads them: counts, titles, citations, replacements.

Expected values read by hand from src/hrgraph/resources/sources/pry-compilation.txt (grep -n "Observación
General", "Recomendación general"; the table of contents on lines 39–57).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from hrgraph.extract.common import LineLedger
from hrgraph.extract.compilation.gc_refs import ArticleRef
from hrgraph.extract.compilation.general_comments import GeneralComment, Result

# Hand count: CESCR 4, 5, 6, 7, 12, 13, 14, 15, 18 (lines 585–687) and 19 (headed only by
# E/C.12/GC/19, line 689); Human Rights Committee 1–31 (913–1083); CERD I, 2, 4–9, 11, 13,
# 15–17, 20–26 (1267–1311); CEDAW 3, 5–13, 15–19, 21–25 (1445–1513); CRC 1–8 (1919–1961).
PER_COMMITTEE = {"CESCR": 10, "CCPR": 31, "CERD": 20, "CEDAW": 20, "CRC": 8}


def one(result: Result, body: str, number: str) -> GeneralComment:
    [gc] = [g for g in result.comments if g.body == body and g.number == number]
    return gc


def test_count_per_committee(gc_result: Result) -> None:
    assert Counter(gc.body for gc in gc_result.comments) == PER_COMMITTEE


def test_numbers_per_committee(gc_result: Result) -> None:
    numbers = {b: sorted(int(g.number) for g in gc_result.comments if g.body == b) for b in PER_COMMITTEE}
    assert numbers["CESCR"] == [4, 5, 6, 7, 12, 13, 14, 15, 18, 19]
    assert numbers["CCPR"] == list(range(1, 32))
    assert numbers["CERD"] == [1, 2, 4, 5, 6, 7, 8, 9, 11, 13, 15, 16, 17, 20, 21, 22, 23, 24, 25, 26]
    assert numbers["CEDAW"] == [3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25]
    assert numbers["CRC"] == list(range(1, 9))


def test_cescr_citation_as_printed(gc_result: Result) -> None:
    gc14 = one(gc_result, "CESCR", "14")
    assert gc14.title == (
        "El derecho al disfrute del más alto nivel posible de salud (artículo 12 del Pacto "
        "Internacional de Derechos Económicos, Sociales y Culturales)"
    )
    assert (gc14.session, gc14.session_number, gc14.year) == ("22º", 22, 2000)
    assert gc14.symbol == "E/C.12/2000/4"  # printed "E/ C.12/2000/4"
    assert gc14.span.start == 647


def test_cescr_4_session_in_words_and_annual_report(gc_result: Result) -> None:
    gc4 = one(gc_result, "CESCR", "4")
    assert (gc4.session, gc4.session_number, gc4.year) == ("Sexto", 6, 1991)
    assert gc4.symbol is None and gc4.published_in == "E/1991/23"
    assert gc4.interprets == (ArticleRef("ICESCR", "11", "1"),)


def test_cescr_18_keeps_both_printed_years(gc_result: Result) -> None:
    gc18 = one(gc_result, "CESCR", "18")
    assert (gc18.session_year, gc18.year, gc18.symbol) == (1999, 2006, "E/C.12/GC/18")


def test_cescr_19_headed_by_its_document_block(gc_result: Result) -> None:
    gc19 = one(gc_result, "CESCR", "19")
    assert (gc19.symbol, gc19.session_number, gc19.date) == ("E/C.12/GC/19", 39, date(2008, 2, 4))
    assert gc19.title is None and gc19.span.start == 689


def test_cescr_15_interprets_two_articles(gc_result: Result) -> None:
    gc15 = one(gc_result, "CESCR", "15")
    assert gc15.interprets == (ArticleRef("ICESCR", "11"), ArticleRef("ICESCR", "12"))
    assert gc15.published_in == "HRI/GEN/1/Rev.7" and gc15.span.start == 673  # mid-line heading


@pytest.mark.parametrize(("old", "new"), [("1", "30"), ("3", "31"), ("5", "29"), ("7", "20"), ("9", "21")])
def test_ccpr_replacement_notes(gc_result: Result, old: str, new: str) -> None:
    assert one(gc_result, "CCPR", old).replaced_by == new


def test_ccpr_titles_end_where_the_table_of_contents_says(gc_result: Result) -> None:
    assert one(gc_result, "CCPR", "3").title == "Artículo 2 - Aplicación del Pacto a nivel nacional"
    assert one(gc_result, "CCPR", "15").title == "La situación de los extranjeros con arreglo al Pacto"
    assert one(gc_result, "CCPR", "11").title == "Artículo 20"
    assert one(gc_result, "CCPR", "6").session == "16º"


def test_two_headings_on_one_line(gc_result: Result) -> None:
    assert one(gc_result, "CCPR", "9").span == one(gc_result, "CCPR", "10").span
    assert one(gc_result, "CCPR", "10").interprets == (ArticleRef("ICCPR", "19"),)


def test_cerd_roman_numbered_and_paragraph_level(gc_result: Result) -> None:
    first = one(gc_result, "CERD", "1")
    assert first.printed_number == "I"
    assert first.interprets == (ArticleRef("CERD", "4"),)
    assert one(gc_result, "CERD", "8").interprets == (
        ArticleRef("CERD", "1", "1"),
        ArticleRef("CERD", "1", "4"),
    )


def test_cedaw_untitled_and_titled(gc_result: Result) -> None:
    assert one(gc_result, "CEDAW", "3").title is None
    assert one(gc_result, "CEDAW", "24").interprets[0] == ArticleRef("CEDAW", "12")
    assert ArticleRef("CEDAW", "4", "1") in one(gc_result, "CEDAW", "25").interprets


def test_crc_article_paragraphs(gc_result: Result) -> None:
    assert one(gc_result, "CRC", "1").interprets == (ArticleRef("CRC", "29", "1"),)
    assert set(one(gc_result, "CRC", "5").interprets) == {
        ArticleRef("CRC", "4"),
        ArticleRef("CRC", "42"),
        ArticleRef("CRC", "44", "6"),
    }
    assert one(gc_result, "CRC", "8").title is not None  # the TOC misprints "catigos"


def test_only_the_toc_gap_is_a_problem(gc_result: Result) -> None:
    assert [p.message for p in gc_result.problems] == ["CESCR 19 is printed but not in the TOC"]


def test_lines_read_are_in_the_ledger(gc_extracted: tuple[Result, LineLedger]) -> None:
    result, ledger = gc_extracted
    for gc in result.comments:
        assert ledger.used_as[gc.span.start] == "general_comment"
    for ob in result.obligations:
        assert ob.span.start in ledger.used_as


def test_enumerated_duties_in_prose_summaries(gc_result: Result) -> None:
    """CERD 23 para. 4 a)–e), CEDAW 15 a)–d), 16 a)–c), 19 a)–j), 21 a)–b) (lines 1305–1475),
    and CEDAW 19's list going on at k)–v) on line 1477, in another column."""
    found = Counter((o.body, o.gc) for o in gc_result.obligations if o.body != "CESCR")
    assert found == {
        ("CERD", "23"): 5,
        ("CEDAW", "15"): 4,
        ("CEDAW", "16"): 3,
        ("CEDAW", "19"): 22,
        ("CEDAW", "21"): 2,
    }


def test_a_list_goes_on_in_another_block(gc_result: Result) -> None:
    cedaw19 = [o for o in gc_result.obligations if o.body == "CEDAW" and o.gc == "19"]
    assert [o.marker for o in cedaw19] == [f"{chr(c)})" for c in range(ord("a"), ord("w"))]
    assert {o.span.start for o in cedaw19} == {1469, 1477}
    assert cedaw19[10].text.startswith("Los Estados Partes establezcan o apoyen servicios")
