"""The date and law-number parsers on the forms the ratification tables and the Kazakh reports print."""

from __future__ import annotations

from datetime import date

import pytest

from hrgraph.extract.compilation.ratification_tables import Token, tokenize_line, units
from hrgraph.extract.dates import DateError, parse_numeric_date
from hrgraph.extract.instrument_titles import identify
from hrgraph.extract.laws import LawError, find_acts, parse_act


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("09/IV/1992", date(1992, 4, 9)),  # roman month (193)
        ("26/VIII/1994", date(1994, 8, 26)),  # 205
        ("22/VII/03", date(2003, 7, 22)),  # two-digit year (209)
        ("7/11/1996", date(1996, 11, 7)),  # arabic month (277)
        ("31/07/1996", date(1996, 7, 31)),  # 283
        ("11/XII1948", date(1948, 12, 11)),  # missing slash (303)
        ("7/06/99", date(1999, 6, 7)),  # two-digit year, 19xx (2847)
        ("19/06/02", date(2002, 6, 19)),  # 2849
        ("17/1/1995", date(1995, 1, 17)),  # 2855
    ],
)
def test_table_dates(printed: str, expected: date) -> None:
    assert parse_numeric_date(printed) == expected


def test_impossible_date_is_an_error_not_a_guess() -> None:
    with pytest.raises(DateError):
        parse_numeric_date("31/II/1992")


@pytest.mark.parametrize(
    ("cell", "printed", "numbers", "year", "when"),
    [
        ("Ley N° 4 09/IV/1992", "Ley N° 4", ("4",), None, date(1992, 4, 9)),
        ("Ley Nº 2128/03 7/VII/2003", "Ley Nº 2128/03", ("2128",), 2003, date(2003, 7, 7)),
        ("Ley N° 69/89 23/I/1990", "Ley N° 69/89", ("69",), 1989, date(1990, 1, 23)),
        ("Ley N° 2.298 25/XI/2003", "Ley N° 2.298", ("2298",), None, date(2003, 11, 25)),
        ("Ley N° 992 o 994 31/08/1964", "Ley N° 992 o 994", ("992", "994"), None, date(1964, 8, 31)),
        ("Ley N° 2131/03 22/VII/03", "Ley N° 2131/03", ("2131",), 2003, date(2003, 7, 22)),
        ("Mensaje del Poder Ejecutivo Nº 845", "Mensaje del Poder Ejecutivo Nº 845", ("845",), None, None),
        (
            "Mensaje del Poder Ejecutivo N° 585 del 29 de octubre de 2001 Girado a comisiones",
            "Mensaje del Poder Ejecutivo N° 585", ("585",), None, date(2001, 10, 29),
        ),
        (
            "(ratificada mediante la Ley núm. 322-I, de 26 de agosto de 1998)",
            "Ley núm. 322-I", ("322-I",), None, date(1998, 8, 26),
        ),
        ("La Ley núm. 288-V, de fecha 20 de febrero de 2015, ratificó", "Ley núm. 288-V", ("288-V",), None,
         date(2015, 2, 20)),
    ],
)  # fmt: skip
def test_law_citations(
    cell: str, printed: str, numbers: tuple[str, ...], year: int | None, when: date | None
) -> None:
    (cited,) = find_acts(cell)
    assert (cited.act.printed, cited.act.numbers, cited.act.year, cited.date) == (
        printed,
        numbers,
        year,
        when,
    )


def test_ambiguous_law_keeps_both_numbers() -> None:
    act = parse_act("Ley N° 992 o 994")
    assert act.ambiguous and [act.identifier(n, 1964) for n in act.numbers] == ["992/1964", "994/1964"]


def test_not_a_law() -> None:
    with pytest.raises(LawError):
        parse_act("Adhesión")


def test_a_merged_line_of_three_signature_cells() -> None:
    """Line 239: three FIRMA cells of rows 6, 6.1 and 7 on one line."""
    cells = tokenize_line(239, "Adhesión Nueva York 28/XII/2000 Nueva York 16/XI/1953")
    assert [(t.kind, t.text) for t in cells] == [
        ("first", "Adhesión"),
        ("first", "Nueva York 28/XII/2000"),
        ("first", "Nueva York 16/XI/1953"),
    ]


def test_a_heading_running_into_a_cell() -> None:
    """Line 303: a thematic heading, then genocide's signature cell."""
    line = "Área Temática: Crímenes Internacionales y de Lesa Humanidad Nueva york 11/XII1948"
    cells = tokenize_line(303, line)
    assert [(t.kind, t.text) for t in cells] == [
        ("heading", "Crímenes Internacionales y de Lesa Humanidad"),
        ("first", "Nueva york 11/XII1948"),
    ]


def test_numbers_and_titles_on_one_line() -> None:
    """Line 311: two row numbers and two titles."""
    cells = tokenize_line(
        311,
        "13 Convención de las Naciones Unidas contra la delincuencia organizada transnacional "
        "14 Estatuto de Roma de la Corte Penal Internacional",
    )
    assert [t.kind for t in cells] == ["number", "title", "number", "title"]
    assert cells[3].text == "Estatuto de Roma de la Corte Penal Internacional"


def test_ilo_number_in_a_title_is_not_a_row_number() -> None:
    cells = tokenize_line(371, "Convenio sobre readaptación profesional y el empleo de personas "
                               "inválidas. Convenio N° 159 (OIT)")  # fmt: skip
    assert [t.kind for t in cells] == ["title"]


def test_units_pair_runs_column_wise_or_by_adjacency() -> None:
    f, c = Token("first", "f", 1), Token("consent", "c", 1)
    assert units([f, f, f, c, c, c]) == [(f, c), (f, c), (f, c)]
    assert units([f, c, c]) == [(f, c), (None, c)]
    assert units([f, f, c]) == [(f, None), (f, c)]


@pytest.mark.parametrize(
    ("title", "systems", "key"),
    [
        ("Segundo protocolo facultativo del pacto internacional de derechos civiles y políticos "
         "destinado a abolir la pena de muerte", None, "ICCPR-OP2"),
        ("Convención sobre asilo político", {"OAS"}, "MONTEVIDEO-POLITICAL-ASYLUM-1933"),
        ("Convenio N° 182 y la Recomendación N° 190 sobre prohibición de las peores formas", None,
         "ILO-C182"),
        ("Protocolo para prevenir y sancionar la trata de personas, especialmente mujeres y niños, que "
         "complementa la convención de las Naciones Unidas contra la delincuencia organizada", None,
         "UNTOC-PROT-TIP"),
    ],
)  # fmt: skip
def test_instrument_from_title(title: str, systems: set[str] | None, key: str) -> None:
    assert identify(title, systems) == key
