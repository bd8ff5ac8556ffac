"""Paraguay's instruments on a date, against lists built by hand from the ratification tables.

Read by hand from ``src/hrgraph/resources/sources/pry-compilation.txt`` (UN table from line 173, OAS table from
line 2789) and the curated deposit dates of ``src/hrgraph/resources/reference/treaty_actions_PRY.csv``: a treaty
counts from its deposit plus the treaty's delay where a deposit is curated, else from the date
of the approving law; declarations (UDHR, American Declaration) never count; the three rows
that print only a message of the Executive (CMW, hostages, terrorist bombings) count only where
a deposit is curated (CMW, 2008-09-23).
"""

from __future__ import annotations

from datetime import date

from hrgraph.obligations import obligations
from hrgraph.store import GraphStore

ILO_BEFORE_1990 = {
    "ILO-C029", "ILO-C059", "ILO-C060", "ILO-C078", "ILO-C079", "ILO-C087", "ILO-C090",
    "ILO-C105", "ILO-C107", "ILO-C122", "ILO-C123", "ILO-C124",
}  # fmt: skip
OAS_ASYLUM = {
    "HAVANA-ASYLUM-1928", "MONTEVIDEO-POLITICAL-ASYLUM-1933", "MONTEVIDEO-ASYLUM-REFUGE-1939",
    "OAS-DIPLOMATIC-ASYLUM-1954", "OAS-TERRITORIAL-ASYLUM-1954",
}  # fmt: skip
# In force for Paraguay on 1990-01-01: CEDAW (accession deposited 1987-04-06), the refugee
# Convention and Protocol (1970), the American Convention (deposit 1989-08-24), the ILO
# conventions approved 1961-1968 and the asylum conventions (laws of 1948-1956).
ON_1990 = {"CEDAW", "CSR51", "CSR-PROT67", "ACHR"} | ILO_BEFORE_1990 | OAS_ASYLUM
# Took effect between 1990-01-02 and 2009-01-01, row by row of both tables.
BETWEEN = {
    "ICESCR", "ICCPR", "ICCPR-OP1", "ICCPR-OP2", "CAT", "CERD", "CEDAW-OP", "CPRW", "CRC",
    "CRC-OP-AC", "CRC-OP-SC", "HCCH-1980-ABDUCTION", "HCCH-1993-ADOPTION", "CMW", "GENOCIDE",
    "UNTOC", "ROME-STATUTE", "UNTOC-PROT-TIP", "ILO-C159", "ILO-C169", "ILO-C138", "ILO-C182",
    "ACHR-OP-SS", "ACHR-OP-DP", "IACFDP", "IACPPT", "IACEDPD", "BELEM-DO-PARA", "IACSO",
    "IACIRM", "IACITM",
}  # fmt: skip
NEVER = {"UDHR", "ADRDM", "HOSTAGES", "TERRORIST-BOMBINGS"}


def keys(store: GraphStore, on: date) -> set[str]:
    return {i["key"] for i in obligations(store, "PRY", on).instruments}


def test_paraguay_instruments_on_1990_01_01(store: GraphStore) -> None:
    assert keys(store, date(1990, 1, 1)) == ON_1990


def test_paraguay_instruments_on_2009_01_01(store: GraphStore) -> None:
    assert keys(store, date(2009, 1, 1)) == ON_1990 | BETWEEN


def test_dates_differ_exactly_by_what_took_effect_in_between(store: GraphStore) -> None:
    assert keys(store, date(2009, 1, 1)) - keys(store, date(1990, 1, 1)) == BETWEEN


def test_declarations_and_bills_never_bind(store: GraphStore) -> None:
    assert not keys(store, date(2026, 1, 1)) & NEVER


def test_iccpr_dated_from_deposit_plus_three_months(store: GraphStore) -> None:
    """ICCPR: accession deposited 1992-06-10 (curated, UNTC), in force three months later."""
    iccpr = next(i for i in obligations(store, "PRY", date(2009, 1, 1)).instruments if i["key"] == "ICCPR")
    assert (iccpr["since"], iccpr["date_basis"]) == ("1992-09-10", "deposit-date+delay")
    assert "Ley N° 5" in iccpr["why"] and "lines" in iccpr["why"]


def test_every_obligation_explains_itself_with_a_source_passage(store: GraphStore) -> None:
    answer = obligations(store, "PRY", date(2009, 1, 1))
    assert answer.obligations
    for ob in answer.obligations:
        assert ob["why"], ob["obligation"]
        assert ob["sources"], ob["obligation"]
