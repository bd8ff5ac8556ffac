"""Concluding observations in the compilation, against values read by hand from the source.

Expected values come from reading src/hrgraph/resources/sources/pry-compilation.txt with ``sed -n``: the CESCR
table (lines 715-757), the Human Rights Committee table (1091-1125), the table headed as
CEDAW's (1529-1553) and the CRC table (1967-1971).
"""

from __future__ import annotations

from datetime import date

import pytest

from hrgraph.extract.compilation import concluding_observations as co

ADD1, CO3 = "E/C.12/1/Add.1", "E/C.12/PRY/CO/3"
ADD48, CO2 = "CCPR/C/79/Add.48", "CCPR/C/PRY/CO/2"
CRC27, CRC166 = "CRC/C/15/Add.27", "CRC/C/15/Add.166"

DOCUMENTS = {
    ADD1: (date(1996, 5, 28), "CESCR"),
    CO3: (date(2007, 11, 22), "CESCR"),
    ADD48: (date(1995, 10, 3), "CCPR"),
    CO2: (date(2005, 10, 31), "CCPR"),
    CRC27: (date(1994, 10, 24), "CRC"),
    CRC166: (date(2001, 11, 6), "CRC"),
}

# CESCR table, lines 715-757: row label -> (numbers in the 1996 column, in the 2007 column)
CESCR_ROWS = {
    "Distribución de la riqueza": (["20"], ["23.a"]),
    "Pueblos indígenas": (["21"], ["23.b", "28.b", "28.c", "28.d", "29", "34"]),
    "Igualdad entre hombres y mujeres": (["22", "24"], ["23.c", "24", "26"]),
    "Violencia contra la mujer": (["23"], ["23.d", "25"]),
    "Derecho al trabajo": ([], ["23.e", "23.g"]),
    "Derechos sindicales": (["25", "26"], ["23.f"]),
    "Explotación infantil": (["27"], ["23.h"]),
    "Derecho a la salud": (["28"], ["23.i", "27", "32", "33", "36"]),
    "Derecho a la educación": (["29"], []),
    "Derecho a la vivienda": ([], ["28.a", "28.e", "30"]),
    "Recopilación de estadísticas": (["31"], []),
    "Derecho a una alimentación adecuada": ([], ["31"]),
    "Defensor del Pueblo": ([], ["35"]),
    "Presentación de los informes": ([], ["38", "39"]),
}

# Human Rights Committee table, lines 1091-1125: row -> (1995 cell, 2005 cell); "text" or "s/r"
CCPR_ROWS = {
    "Justicia Transicional": ("text", "text"),
    "Deber de protección y garantía": ("text", "s/r"),
    "Igualdad de hombres y mujeres": ("text", "text"),
    "Violencia contra las mujeres": ("s/r", "text"),
    "Mortalidad Materna": ("text", "text"),
    "Derecho a la vida. Ejecuciones Arbitrarias": ("s/r", "text"),
    "Prohibición de tortura y otros tratos o penas crueles, inhumanos o degradantes": (
        "text",
        "text",
    ),
    "Tráfico de mujeres": ("s/r", "text"),
    "Niños Soldados": ("s/r", "text"),
    "Debido Proceso": ("text", "text"),
    "Trato humano a personas privadas de libertad": ("text", "text"),
    "Independencia de la magistratura": ("s/r", "text"),
    "Objeción de Conciencia": ("s/r", "text"),
    "Libertad de expresión": ("s/r", "text"),
    "Derecho de reunión y manifestación": ("s/r", "text"),
    "Trabajo infantil": ("s/r", "text"),
    "Derecho a la Identidad": ("s/r", "text"),
    "Pueblos indígenas": ("s/r", "text"),
}

# The section headed as CEDAW's (1529-1553) quotes the Human Rights Committee's documents
CEDAW_HEADED = {
    "Participación política y social": (["27"], ["8"]),
    "Derecho a vivir una vida sin violencia": ("s/r", ["9"]),
    "Acceso a la Justicia": (["26"], ["16"]),
    "Derechos Reproductivos": (["28"], ["10"]),
    "Trabajo, Empleo, Seguridad Social": ("s/r", ["21"]),
    "Trata y tráfico de mujeres y niñas": ("s/r", ["13"]),
}

CRC_ROWS = [
    "Marco Institucional",
    "Difusión de los principios y disposiciones de la Convención",
    "Adoptar medidas legislativas y de otra índole relativas a niños y niñas",
    "Discriminación contra niñas e indígenas",
    "Asignación de recursos",
    "Derecho a la identidad",
    "Traslados, retención ilícita y tráfico de niños/as en el extranjero",
    "Reclutamiento de niños",
]


def numbers(result: co.Result, symbol: str, topic: str) -> list[str | None]:
    return [r.number for r in result.recommendations if r.symbol == symbol and r.topic == topic]


def test_every_document_has_its_symbol_date_and_committee(co_result: co.Result) -> None:
    got = {d.symbol: (d.date, d.issuer) for d in co_result.documents}
    assert got == DOCUMENTS


def test_symbols_printed_with_spaces_are_normalised(co_result: co.Result) -> None:
    printed = {d.symbol: d.printed for d in co_result.documents}
    assert printed[ADD48] == "CCPR/C/79/ Add.48"
    assert printed[CO2] == "CCPR/ C/PRY/CO/2"


@pytest.mark.parametrize("topic", sorted(CESCR_ROWS))
def test_cescr_row_has_its_paragraphs_per_report(co_result: co.Result, topic: str) -> None:
    left, right = CESCR_ROWS[topic]
    assert numbers(co_result, ADD1, topic) == left
    assert numbers(co_result, CO3, topic) == right


def test_cescr_merged_cells_keep_numbers_not_text(co_result: co.Result) -> None:
    """Lines 715, 725, 729: two columns merged phrase by phrase ("prode garantizar")."""
    merged = {(r.symbol, r.number): r for r in co_result.recommendations if r.merged_with}
    assert set(merged) == {
        (ADD1, "20"), (CO3, "23.a"), (ADD1, "23"), (CO3, "23.d"),
        (ADD1, "25"), (CO3, "23.f"), (ADD1, "27"), (CO3, "23.h"),
    }  # fmt: skip
    assert all(r.text is None for r in merged.values())
    assert merged[(ADD1, "25")].merged_with == f"{CO3}#23.f"
    assert {p.span.start for p in co_result.problems if "merged phrase" in p.message} == {
        715,
        725,
        729,
    }
    assert not any("prode" in (r.text or "") for r in co_result.recommendations)


def test_cescr_texts_are_the_printed_paragraphs(co_result: co.Result) -> None:
    by = {(r.symbol, r.number): r.text for r in co_result.recommendations}
    assert by[(CO3, "38")] == (
        "El Comité invita al Estado parte a actualizar su Documento Básico Común de conformidad "
        "con las Directrices Armonizadas sobre Preparación de Informes de 2006 (HRI/GEN/2/Rev.4)."
    )
    assert by[(CO3, "28.c")] == "se dé curso a las denuncias presentadas ante la fiscalía;"
    tail = by[(ADD1, "26")]  # printed after the merged cell of line 729
    assert tail is not None and tail.startswith("El Comité recomienda que se adopten las medidas")
    assert tail.endswith("asistencia y sustento de sus familias.")


@pytest.mark.parametrize("topic", sorted(CCPR_ROWS))
def test_ccpr_row_cells(co_result: co.Result, topic: str) -> None:
    empties = {(e.symbol, e.topic) for e in co_result.empty_cells}
    for symbol, cell in zip((ADD48, CO2), CCPR_ROWS[topic], strict=True):
        texts = [r for r in co_result.recommendations if r.symbol == symbol and r.topic == topic]
        if cell == "s/r":
            assert (symbol, topic) in empties
            assert texts == []
        else:
            assert (symbol, topic) not in empties
            assert len(texts) == 1 and texts[0].text and texts[0].number is None


def test_ccpr_sr_inside_a_sentence_is_removed(co_result: co.Result) -> None:
    """Line 1095: 's/r' of the right column printed after the left text's first line."""
    (rec,) = [r for r in co_result.recommendations
              if r.symbol == ADD48 and r.topic == "Deber de protección y garantía"]  # fmt: skip
    assert rec.text is not None
    assert rec.text.startswith("Recomienda que el Estado incluya en su próximo informe información"
                               " completa sobre la eficacia")  # fmt: skip
    assert "s/r" not in rec.text


def test_ccpr_last_row_prints_sr_and_text(co_result: co.Result) -> None:
    """Line 1125: the 2005 cell of 'Aplicabilidad del Pacto' prints s/r and then a text."""
    topic = "Aplicabilidad del Pacto"
    assert (CO2, topic) in {(e.symbol, e.topic) for e in co_result.empty_cells}
    assert numbers(co_result, CO2, topic) == [None]
    assert any(p.span.start == 1125 and "s/r" in p.message for p in co_result.problems)


def test_ccpr_article_named_in_a_cell(co_result: co.Result) -> None:
    (rec,) = [r for r in co_result.recommendations
              if r.symbol == CO2 and r.topic == "Trato humano a personas privadas de libertad"]  # fmt: skip
    assert rec.articles == (("ICCPR", "10"),)


@pytest.mark.parametrize("topic", sorted(CEDAW_HEADED))
def test_section_headed_cedaw_quotes_ccpr_documents(co_result: co.Result, topic: str) -> None:
    left, right = CEDAW_HEADED[topic]
    recs = [r for r in co_result.recommendations if r.topic == topic]
    assert {r.section_body for r in recs} == {"CEDAW"}
    assert {r.symbol for r in recs} <= {ADD48, CO2}
    empties = {(e.symbol, e.topic) for e in co_result.empty_cells}
    if left == "s/r":
        assert (ADD48, topic) in empties
    else:
        assert numbers(co_result, ADD48, topic) == left
    assert numbers(co_result, CO2, topic) == right


def test_cedaw_heading_discrepancy_is_reported(co_result: co.Result) -> None:
    messages = [p.message for p in co_result.problems if "names CEDAW" in p.message]
    assert len(messages) == 2
    assert not any(d.issuer == "CEDAW" for d in co_result.documents)


def test_articles_named_in_the_cedaw_headed_section(co_result: co.Result) -> None:
    arts = {r.number: r.articles for r in co_result.recommendations if r.section_body == "CEDAW"}
    assert arts["8"] == (("ICCPR", "3"), ("ICCPR", "25"), ("ICCPR", "26"))
    assert arts["9"] == (("ICCPR", "3"), ("ICCPR", "7"))
    assert arts["13"] == (("ICCPR", "3"), ("ICCPR", "8"), ("ICCPR", "24"))
    assert arts["21"] == (("ICCPR", "8"), ("ICCPR", "24"))
    assert arts["10"] == (("ICCPR", "6"), ("ICCPR", "24"))
    assert arts["28"] == ()  # "artículo 61 de la Constitución" is not a Covenant article


def test_crc_rows_are_the_toc_rows_of_the_1994_report(co_result: co.Result) -> None:
    recs = [r for r in co_result.recommendations if r.symbol.startswith("CRC/")]
    assert [r.topic for r in recs] == CRC_ROWS
    assert {r.symbol for r in recs} == {CRC27}
    assert recs[3].text is not None and "discriminación que es contraria" in recs[3].text
    arts = {r.topic: r.articles for r in recs}
    assert arts["Derecho a la identidad"] == (("CRC", "7"), ("CRC", "8"))
    assert arts[CRC_ROWS[6]] == (("CRC", "3"), ("CRC", "12"), ("CRC", "21"))


def test_counts(co_result: co.Result) -> None:
    assert co_result.counts() == {
        "co-documents": 6,
        "co-topic-rows": 47,
        "co-recommendations": 82,
        "co-recommendations-with-text": 74,
        "co-s/r-cells": 16,
        "co-article-references": 29,
        "co-source-notes": 1,
    }


def test_source_note_after_the_ccpr_table(co_result: co.Result) -> None:
    """Line 1127 cites where the Human Rights Committee table was taken from."""
    (note,) = co_result.source_notes
    assert note[0] == "CCPR" and note[2].start == 1127
    assert note[1].endswith(
        "Informe sobre el Pacto Internacional de Derechos Civiles y Políticos. Págs. 26-33"
    )


def test_cerd_section_says_no_report(co_result: co.Result) -> None:
    assert [(b, s.start) for b, s in co_result.no_reports] == [("CERD", 1307)]


def test_unnumbered_reprints_are_matched_to_their_numbered_paragraph(co_result: co.Result) -> None:
    """Read by hand: the CCPR table (1091-1125) reprints, unnumbered, paragraphs that the table
    headed as CEDAW's (1529-1553) prints with their numbers."""
    got = {(r.symbol, r.topic): r.same_paragraph for r in co_result.recommendations
           if r.same_paragraph}  # fmt: skip
    assert got == {
        (ADD48, "Igualdad de hombres y mujeres"): f"{ADD48}#27",
        (ADD48, "Mortalidad Materna"): f"{ADD48}#28",
        (CO2, "Igualdad de hombres y mujeres"): f"{CO2}#8",
        (CO2, "Violencia contra las mujeres"): f"{CO2}#9",
        (CO2, "Mortalidad Materna"): f"{CO2}#10",
        (CO2, "Tráfico de mujeres"): f"{CO2}#13",
        (CO2, "Trato humano a personas privadas de libertad"): f"{CO2}#16",
        (CO2, "Trabajo infantil"): f"{CO2}#21",
    }
