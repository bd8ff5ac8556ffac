"""Every row of both tables of the Paraguay compilation, against values read by hand.

The expected values were read with ``sed -n 173,467p`` and ``sed -n 2789,2923p`` of
``src/hrgraph/resources/sources/pry-compilation.txt``: row number as printed, instrument, FIRMA cell as printed
and what it is (signature, adoption of the instrument, or ``Adhesión``), its date, the
RATIFICACION cell's act as printed, its number(s) and date, and the kind of consent.
"""

from __future__ import annotations

from datetime import date

import pytest

from hrgraph.extract.common import LineLedger
from hrgraph.extract.compilation.ratification_tables import Result, StatusRow

D = date
ACC, SIG, ADOPT = "accession", "signature", "adoption"
RAT = "ratification"

# number, key, FIRMA as printed, its role, its date, act as printed, act numbers, act date, consent
UN_ROWS = [
    ("1", "UDHR", "París 10/XII/1948", ADOPT, D(1948, 12, 10), None, None, None, None),
    ("2", "ICESCR", "Adhesión", ACC, None, "Ley N° 4", ("4",), D(1992, 4, 9), ACC),
    ("3", "ICCPR", "Adhesión", ACC, None, "Ley N° 5", ("5",), D(1992, 4, 9), ACC),
    ("3.1", "ICCPR-OP1", "Adhesión", ACC, None, "Ley N° 400", ("400",), D(1994, 8, 26), ACC),
    ("3.2", "ICCPR-OP2", "Adhesión", ACC, None, "Ley N° 2131/03", ("2131",), D(2003, 7, 22), ACC),
    ("4", "CAT", "Nueva York 23/X/1989", SIG, D(1989, 10, 23), "Ley N° 69/89", ("69",), D(1990, 1, 23), RAT),
    ("5", "CERD", "Nueva York 13/IX/2000", SIG, D(2000, 9, 13), "Ley Nº 2128/03", ("2128",), D(2003, 7, 7), RAT),
    ("6", "CEDAW", "Adhesión", ACC, None, "Ley N° 1215", ("1215",), D(1986, 11, 28), ACC),
    ("6.1", "CEDAW-OP", "Nueva York 28/XII/2000", SIG, D(2000, 12, 28), "Ley N° 1683", ("1683",), D(2001, 4, 25), RAT),
    ("7", "CPRW", "Nueva York 16/XI/1953", SIG, D(1953, 11, 16), "Ley N° 54", ("54",), D(1990, 1, 16), RAT),
    ("8", "CRC", "Nueva York 4/IV/1990", SIG, D(1990, 4, 4), "Ley N° 57", ("57",), D(1990, 9, 20), RAT),
    ("8.1", "CRC-OP-AC", "Nueva York 13/IX/2000", SIG, D(2000, 9, 13), "Ley N° 1897", ("1897",), D(2002, 5, 27), RAT),
    ("8.2", "CRC-OP-SC", "Nueva York 13/IX/2000", SIG, D(2000, 9, 13), "Ley N° 2134/03", ("2134",), D(2003, 7, 22), RAT),
    ("9", "HCCH-1980-ABDUCTION", "Adhesión", ACC, None, "Ley N° 983", ("983",), D(1996, 11, 7), ACC),
    ("9.1", "HCCH-1993-ADOPTION", "Adhesión", ACC, None, "Ley N° 900", ("900",), D(1996, 7, 31), ACC),
    ("10", "CMW", "Nueva York 13/IX/2000", SIG, D(2000, 9, 13), "Mensaje del Poder Ejecutivo Nº 845", ("845",), None, RAT),
    ("11", "CSR51", "Adhesión", ACC, None, "Ley N° 136", ("136",), D(1969, 10, 11), ACC),
    ("11.1", "CSR-PROT67", "Adhesión", ACC, None, "Ley N° 136", ("136",), D(1969, 10, 11), ACC),
    ("12", "GENOCIDE", "Nueva york 11/XII1948", SIG, D(1948, 12, 11), "Ley N° 1748", ("1748",), D(2001, 8, 14), RAT),
    ("13", "UNTOC", "Italia-Palermo 12/12/2000", SIG, D(2000, 12, 12), "Ley N° 2.298", ("2298",), D(2003, 11, 25), RAT),
    ("14", "ROME-STATUTE", "Roma 7/X/1998", SIG, D(1998, 10, 7), "Ley N° 1663", ("1663",), D(2001, 4, 17), RAT),
    ("15", "HOSTAGES", "Adhesión", ACC, None, "Mensaje del Poder Ejecutivo N° 585", ("585",), D(2001, 10, 29), ACC),
    ("16", "TERRORIST-BOMBINGS", None, None, None, "Mensaje del Poder Ejecutivo N° 604", ("604",), D(2001, 11, 20), RAT),
    ("17", "UNTOC-PROT-TIP", "Italia - Palermo 12/12/2000", SIG, D(2000, 12, 12), "Ley Nº 2396", ("2396",), D(2004, 5, 28), RAT),
    ("25", "ILO-C029", "Adhesión", ACC, None, "Ley N° 1234", ("1234",), D(1967, 8, 28), ACC),
    ("26", "ILO-C087", "Adhesión", ACC, None, "Ley N° 748", ("748",), D(1961, 8, 31), ACC),
    ("27", "ILO-C105", "Adhesión", ACC, None, "Ley N° 1331", ("1331",), D(1967, 12, 4), ACC),
    ("28", "ILO-C122", "Adhesión", ACC, None, "Ley N° 67", ("67",), D(1968, 12, 19), ACC),
    ("29", "ILO-C159", "Adhesión", ACC, None, "Ley N° 36", ("36",), D(1990, 9, 6), ACC),
    ("30", "ILO-C107", "Adhesión", ACC, None, "Ley N° 63", ("63",), D(1968, 12, 26), ACC),
    ("31", "ILO-C169", "Adhesión", ACC, None, "Ley N° 234", ("234",), D(1993, 7, 19), ACC),
    ("32", "ILO-C059", "Ginebra, Suiza 3/06/1937", ADOPT, D(1937, 6, 3), "Ley N° 997", ("997",), D(1964, 8, 31), RAT),
    ("33", "ILO-C060", "Adhesión", ACC, None, "Ley N° 995", ("995",), D(1964, 8, 31), ACC),
    ("34", "ILO-C079", "Montreal, Canadá 19/11/1946", ADOPT, D(1946, 11, 19), "Ley N° 993", ("993",), D(1964, 8, 31), RAT),
    ("35", "ILO-C078", "Montreal, Canadá 9/10/1946", ADOPT, D(1946, 10, 9), "Ley N° 992 o 994", ("992", "994"), D(1964, 8, 31), RAT),
    ("36", "ILO-C090", "San Francisco, EE.UU. 10/07/1948", ADOPT, D(1948, 7, 10), "Ley N° 998", ("998",), D(1964, 8, 31), RAT),
    ("37", "ILO-C124", "Ginebra, Suiza 23/06/1965", ADOPT, D(1965, 6, 23), "Ley N° 1174", ("1174",), D(1966, 8, 31), RAT),
    ("38", "ILO-C123", "Ginebra, Suiza 2/06/1965", ADOPT, D(1965, 6, 2), "Ley N° 1180", ("1180",), D(1966, 8, 31), RAT),
    ("39", "ILO-C138", "Adhesión", ACC, None, "Ley Nº 2332", ("2332",), D(2003, 12, 19), ACC),
    ("40", "ILO-C182", "Adhesión", ACC, None, "Ley N° 1657", ("1657",), D(2001, 1, 10), ACC),
]  # fmt: skip

OAS_ROWS = [
    ("1", "ADRDM", "Bogotá, Colombia 1948", ADOPT, None, None, None, None, None),
    ("2", "ACHR", "San José, Costa Rica 22/11/1969", SIG, D(1969, 11, 22), "Ley N° 1", ("1",), D(1989, 8, 18), RAT),
    ("3", "ACHR-OP-SS", "San Salvador, El Salvador 17/11/1988", SIG, D(1988, 11, 17), "Ley N° 1040", ("1040",), D(1997, 4, 16), RAT),
    ("4", "ACHR-OP-DP", "Adopción Asunción 8/06/1990", ADOPT, D(1990, 6, 8), "Ley N° 1557", ("1557",), D(2000, 6, 6), RAT),
    ("5", "IACFDP", "Belém do Pará 8/11/1995", SIG, D(1995, 11, 8), "Ley N° 933", ("933",), D(1996, 8, 13), RAT),
    ("6", "IACPPT", "Cartagena 25/10/1989", SIG, D(1989, 10, 25), "Ley N° 56", ("56",), D(1990, 1, 16), RAT),
    ("7", "IACEDPD", "Guatemala 7/06/99", SIG, D(1999, 6, 7), "Ley N° 1925", ("1925",), D(2002, 6, 19), RAT),
    ("8", "BELEM-DO-PARA", "Belem do Pará 17/1/1995", SIG, D(1995, 1, 17), "Ley N° 605", ("605",), D(1995, 6, 21), RAT),
    ("9", "IACSO", "Montevideo 15/07/1989", SIG, D(1989, 7, 15), "Ley N° 899", ("899",), D(1996, 7, 31), RAT),
    ("10", "IACIRM", "Montevideo 15/07/1989", SIG, D(1989, 7, 15), "Ley N° 928", ("928",), D(1996, 8, 20), RAT),
    ("11", "IACITM", "México 7/08/1996", SIG, D(1996, 8, 7), "Ley N° 1062", ("1062",), D(1997, 6, 16), RAT),
    ("12", "OAS-DIPLOMATIC-ASYLUM-1954", "Caracas, Venezuela 28/03/1954", SIG, D(1954, 3, 28), "Ley N° 393", ("393",), D(1956, 8, 31), RAT),
    ("13", "OAS-TERRITORIAL-ASYLUM-1954", "Caracas, Venezuela 28/03/1954", SIG, D(1954, 3, 28), "Ley N° 393", ("393",), D(1956, 8, 31), RAT),
    ("14", "HAVANA-ASYLUM-1928", "La Habana, Cuba 20/02/1928", SIG, D(1928, 2, 20), "Ley N° 6", ("6",), D(1948, 7, 3), RAT),
    ("15", "MONTEVIDEO-POLITICAL-ASYLUM-1933", "Montevideo, Uruguay 26/12/1933", SIG, D(1933, 12, 26), "Ley N° 6", ("6",), D(1948, 7, 3), RAT),
    ("16", "MONTEVIDEO-ASYLUM-REFUGE-1939", "Montevideo, Uruguay 4/08/1939", SIG, D(1939, 8, 4), "Ley N° 266", ("266",), D(1955, 6, 14), RAT),
]  # fmt: skip

PENDING = {"CMW", "HOSTAGES", "TERRORIST-BOMBINGS"}


def _rows(result: Result, table: str) -> list[StatusRow]:
    return [r for r in result.rows if r.table == table]


def _check(row: StatusRow, expected: tuple[object, ...]) -> None:
    number, key, first, role, first_date, act, numbers, act_date, consent = expected
    assert (row.number, row.instrument) == (number, key)
    assert (row.first.printed if row.first else None) == first
    assert (row.first.role if row.first else None) == role
    assert (row.first.date if row.first else None) == first_date
    assert (row.consent.act.printed if row.consent else None) == act
    assert (row.consent.act.numbers if row.consent else None) == numbers
    assert (row.consent.act_date if row.consent else None) == act_date
    assert row.consent_kind == consent
    assert row.pending == (key in PENDING)


@pytest.mark.parametrize("expected", UN_ROWS, ids=[r[1] for r in UN_ROWS])
def test_un_table_row(result: Result, expected: tuple[object, ...]) -> None:
    rows = {r.number: r for r in _rows(result, "UN")}
    _check(rows[str(expected[0])], expected)


@pytest.mark.parametrize("expected", OAS_ROWS, ids=[r[1] for r in OAS_ROWS])
def test_oas_table_row(result: Result, expected: tuple[object, ...]) -> None:
    rows = {r.number: r for r in _rows(result, "OAS")}
    _check(rows[str(expected[0])], expected)


def test_every_printed_row_and_no_other(result: Result) -> None:
    """Row numbers 18-24 are not printed: no row is invented for them."""
    assert [r.number for r in _rows(result, "UN")] == [r[0] for r in UN_ROWS]
    assert [r.number for r in _rows(result, "OAS")] == [r[0] for r in OAS_ROWS]


def test_merged_titles_are_split_and_a_number_inside_a_title_removed(result: Result) -> None:
    """Line 237 prints the CEDAW and CEDAW-OP titles on one line; 329 prints '17' inside a title."""
    by_key = {r.instrument: r for r in result.rows}
    assert by_key["CEDAW"].title == (
        "Convención sobre la eliminación de todas las formas de discriminación contra la mujer"
    )
    assert by_key["CEDAW"].title_span.start == by_key["CEDAW-OP"].title_span.start == 237
    tip = by_key["UNTOC-PROT-TIP"]
    assert tip.title.startswith("Protocolo para prevenir y sancionar la trata de personas, ")
    assert "niños, que complementa la convención" in tip.title
    assert tip.title_span.start == 329


def test_cells_before_their_title_and_page_number_inside_a_row(result: Result) -> None:
    """UDHR's adoption cell (181) precedes its title (185); genocide's law (309) follows page 15 (307)."""
    by_key = {r.instrument: r for r in result.rows}
    assert by_key["UDHR"].first is not None and by_key["UDHR"].first.span.start == 181
    genocide = by_key["GENOCIDE"]
    assert genocide.first is not None and genocide.first.span.start == 303
    assert genocide.consent is not None and genocide.consent.span.start == 309


def test_parent_row_number_printed_after_its_sub_rows(result: Result) -> None:
    """'8' is printed at 267, after rows 8.1 and 8.2; it belongs to the CRC (title at 245)."""
    crc = next(r for r in result.rows if r.instrument == "CRC")
    assert crc.number == "8" and crc.title_span.start == 245


def test_bill_history_with_two_dates(result: Result) -> None:
    hostages = next(r for r in result.rows if r.instrument == "HOSTAGES")
    assert hostages.consent is not None
    assert hostages.consent.history == "Girado a comisiones, aprobado en la Com. de RREE el 06/12/2001"
    assert hostages.consent.history_dates == (date(2001, 12, 6),)
    bombings = next(r for r in result.rows if r.instrument == "TERRORIST-BOMBINGS")
    assert bombings.consent is not None and bombings.consent.history_dates == (date(2003, 12, 19),)


def test_year_only_adoption_and_notes(result: Result) -> None:
    """OAS row 1 prints only a year; notes after '*' are kept apart from the title."""
    adrdm = next(r for r in result.rows if r.instrument == "ADRDM")
    assert adrdm.first is not None and (adrdm.first.year, adrdm.first.date) == (1948, None)
    assert adrdm.note == "aprobada en la 9ª Conferencia internacional americana."
    achr = next(r for r in result.rows if r.instrument == "ACHR")
    assert achr.title == "Convención americana sobre derechos humanos (Pacto de San José de Costa Rica)"


def test_acceptance_of_the_court_s_jurisdiction(result: Result) -> None:
    """Line 2805: '*el 26 de marzo de 1993 el Paraguay depositó el reconocimiento de la competencia
    de la Corte Interamericana de Derechos Humanos'."""
    (acceptance,) = result.acceptances
    assert acceptance.instrument == "ACHR"
    assert acceptance.body_printed == "Corte Interamericana de Derechos Humanos"
    assert acceptance.date == date(1993, 3, 26)
    assert acceptance.span.start == 2805


def test_problems_name_the_ambiguous_law_only(result: Result) -> None:
    assert [(p.span.start, "992 o 994" in p.message) for p in result.problems] == [(425, True)]


def test_counts(result: Result) -> None:
    assert result.counts() == {
        "status rows": 56,
        "signatures": 26,
        "adoption cells": 9,
        "ratifications": 32,
        "accessions": 19,
        "pending consents": 3,
        "domestic acts": 55,
        "acceptances of competence": 1,
    }


def test_ledger_marks_the_tables_and_stops_at_their_end(
    ledger_and_result: tuple[LineLedger, Result],
) -> None:
    """The tables run 173-467 and 2789-2923; 469 (the UDHR's title) and 2925 are not theirs."""
    ledger = ledger_and_result[0]
    used = sorted(ledger.used_as)
    assert used[0] == 173 and max(n for n in used if n < 1000) == 467
    assert min(n for n in used if n > 1000) == 2789 and used[-1] == 2923
    assert {n: k for n, k in ledger.used_as.items() if k == "page-number"} == {
        307: "page-number",
        467: "page-number",
        2923: "page-number",
    }


def test_check_figures(result: Result) -> None:
    from hrgraph.extract.compilation.ratification_tables import check

    assert check(result) == {
        "UN rows": 40,
        "OAS rows": 16,
        "rows without a number": 0,
        "rows without an instrument key": 0,
        "rows without any cell": 0,
    }
