"""The shared parsers: Spanish dates, UN symbols, reference lists — on forms the sources print."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrgraph.extract.dates import DateError, parse_long_date, parse_numeric_date
from hrgraph.extract.refs import RefError, expand
from hrgraph.extract.symbols import find_symbols, normalise

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("09/IV/1992", date(1992, 4, 9)),  # pry-compilation:205, ICESCR row
        ("26/VIII/1994", date(1994, 8, 26)),
        ("22/VII/03", date(2003, 7, 22)),  # two-digit year
        ("7/11/1996", date(1996, 11, 7)),  # arabic month
        ("31/07/1996", date(1996, 7, 31)),
        ("11/XII1948", date(1948, 12, 11)),  # missing slash
        ("12/12/2000", date(2000, 12, 12)),
        ("4/IV/1990", date(1990, 4, 4)),
    ],
)
def test_numeric_dates(printed: str, expected: date) -> None:
    assert parse_numeric_date(printed) == expected


@pytest.mark.parametrize("bad", ["31/II/2000", "12/XIII/2000", "1992", "09/IV", "32/1/2000"])
def test_bad_numeric_dates_raise(bad: str) -> None:
    with pytest.raises(DateError):
        parse_numeric_date(bad)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Ley núm. 322-I, de 26 de agosto de 1998", date(1998, 8, 26)),  # kaz-cerd-11-14:2
        ("Decreto Presidencial núm. 611, de 30 de julio de 2024", date(2024, 7, 30)),
        ("el 1º de setiembre de 2003", date(2003, 9, 1)),
    ],
)
def test_long_dates(printed: str, expected: date) -> None:
    assert parse_long_date(printed) == expected


@given(st.dates(min_value=date(1931, 1, 1), max_value=date(2030, 12, 31)), st.booleans())
def test_numeric_date_round_trip(d: date, roman: bool) -> None:
    month = ROMAN[d.month - 1] if roman else str(d.month)
    assert parse_numeric_date(f"{d.day}/{month}/{d.year}") == d


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("CCPR/ C/PRY/CO/2", "CCPR/C/PRY/CO/2"),
        ("CCPR/C/79/ Add.48", "CCPR/C/79/Add.48"),
        ("E/ C.12/2000/4", "E/C.12/2000/4"),
        ("ccpr/c/pry/co/2", "CCPR/C/PRY/CO/2"),
        ("CERD/C/KAZ/CO/8\u201110", "CERD/C/KAZ/CO/8-10"),
        ("A/HRC/WG.6/34/KAZ/1", "A/HRC/WG.6/34/KAZ/1"),
    ],
)
def test_symbol_normalisation(printed: str, expected: str) -> None:
    assert normalise(printed) == expected


def test_symbols_found_in_running_text() -> None:
    text = "(CERD/C/KAZ/CO/8-10, de 4 de julio de 2022) y las directrices (CERD/C/2007/1)."
    assert [s for s, _ in find_symbols(text)] == ["CERD/C/KAZ/CO/8-10", "CERD/C/2007/1"]


@given(st.lists(st.integers(1, 300), min_size=1, max_size=6, unique=True))
def test_reference_list_round_trip(numbers: list[int]) -> None:
    items = [f"125.{n}" for n in numbers]
    text = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " y " + items[-1]
    assert expand(text) == items


def test_backwards_range_is_an_error() -> None:
    with pytest.raises(RefError):
        expand("125.17 a 125.11")
