"""The ``treaty-status`` CSV kind: row-by-row checks with line numbers, and treaty status for a
State no other source covers (Chile), through the same rules as every other source.

Oracle: ``tests/data/treaty_status/chl-untc.csv`` (UNTC deposit dates, one row each) and the
instruments' own entry-into-force articles: ICCPR art. 49 (in force 1976-03-23; three months
after a later deposit), CMW art. 87(2) (the first day of the month following three months),
CRC art. 49(2) (the thirtieth day after the deposit).
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from pyoxigraph import Literal, NamedNode

from hrgraph import iri
from hrgraph.build import REFERENCE_GRAPH
from hrgraph.extract.common import ExtractionError, LineLedger, SourceText
from hrgraph.extract.treaty_status_csv import HEADER, DeclaredLike, TreatyStatusList, read
from hrgraph.namespace import DCT, XSD
from hrgraph.obligations import obligations
from hrgraph.rdf.treaty_status_csv import write
from hrgraph.rdf.writer import GraphWriter
from hrgraph.reason import reason
from hrgraph.reference import write_reference
from hrgraph.store import GraphStore
from tests.conftest import fixture_store
from tests.helpers import DATA

CSV = DATA / "treaty_status" / "chl-untc.csv"
DECLARED = SimpleNamespace(key="chl-untc", state="CHL")


def read_text(text: str, declared: DeclaredLike = DECLARED) -> TreatyStatusList:
    src = SourceText.from_string("chl-untc", text)
    return read(src, LineLedger(src), declared)


def test_every_row_read_with_its_line() -> None:
    src = SourceText.from_path("chl-untc", CSV)
    ledger = LineLedger(src)
    doc = read(src, ledger, DECLARED)
    assert doc.counts() == {"status rows": 5, "states": 1}
    assert [(r.instrument, r.span.start) for r in doc.rows] == [
        ("ICCPR", 2), ("ICESCR", 3), ("CERD", 4), ("CMW", 5), ("CRC", 6),
    ]  # fmt: skip
    assert doc.rows[3].state == "CHL"  # given as "Chile"
    assert (doc.rows[4].date, doc.rows[4].year) == (None, 1990)  # a year stays a year
    assert ledger.unaccounted() == []


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("CHL,NOPE,ratification,1972-02-10,deposit,UNTC,", "instrument 'NOPE': expected a key"),
        ("CHL,ICCPR,ratified,1972-02-10,deposit,UNTC,", "action 'ratified': expected one of signature"),
        ("CHL,ICCPR,ratification,10/02/1972,deposit,UNTC,", "date '10/02/1972': expected YYYY-MM-DD"),
        ("CHL,ICCPR,ratification,1972-02-10,deposited,UNTC,", "date_kind 'deposited': expected one of"),
        ("CHL,ICCPR,ratification,1972-02-10,deposit,,", "source is empty"),
        ("XYZ,ICCPR,ratification,1972-02-10,deposit,UNTC,", "state 'XYZ': expected an ISO 3166-1 code"),
        ("CHL,ICCPR,ratification,1972,entry-into-force,UNTC,", "needs a full date"),
        ("CHL,ICCPR,ratification,1972-02-10,deposit,UNTC", "expected 7 columns"),
    ],
)
def test_bad_row_names_file_line_and_what_was_expected(row: str, message: str) -> None:
    good = "CHL,ICESCR,ratification,1972-02-10,deposit,UNTC,"
    with pytest.raises(ExtractionError, match=r"^chl-untc:3: ") as err:
        read_text(f"{HEADER}\n{good}\n{row}\n{good}")
    assert message in str(err.value)


def test_several_bad_rows_report_the_first_and_count_the_others() -> None:
    with pytest.raises(ExtractionError, match=r"^chl-untc:2: .*\(1 more bad rows\)$"):
        read_text(f"{HEADER}\nCHL,NOPE,ratification,1972,action,UNTC,\nCHL,ICCPR,x,1972,action,UNTC,")


def test_bad_header_is_line_1() -> None:
    with pytest.raises(ExtractionError, match=r"^chl-untc:1: expected the header"):
        read_text("state,treaty,action,date\nCHL,ICCPR,ratification,1972")


def test_empty_state_takes_the_declared_state_and_none_declared_is_an_error() -> None:
    doc = read_text(f"{HEADER}\n,ICCPR,ratification,1972-02-10,deposit,UNTC,")
    assert doc.rows[0].state == "CHL"
    with pytest.raises(ExtractionError, match="declares no State"):
        read_text(
            f"{HEADER}\n,ICCPR,ratification,1972-02-10,deposit,UNTC,", SimpleNamespace(key="x", state="")
        )


def test_two_dates_of_one_kind_for_one_act_are_kept_and_reported() -> None:
    doc = read_text(
        f"{HEADER}\nCHL,ICCPR,ratification,1972-02-10,deposit,UNTC,\nCHL,ICCPR,ratification,1972-02-11,deposit,X,"
    )
    assert len(doc.rows) == 2
    assert [str(p) for p in doc.problems] == [
        "chl-untc:3: a second deposit date for CHL ratification of ICCPR (line 2): both are kept"
    ]


@pytest.fixture(scope="module")
def chile() -> GraphStore:
    """Ontology + reference data + the CSV's graph, reasoned: no other source about Chile."""
    store = fixture_store()
    doc_iri = iri.ID + "source/chl-untc"
    ref = GraphWriter(REFERENCE_GRAPH, {})
    write_reference(ref)
    w = GraphWriter("https://w3id.org/hrgraph/graph/chl-untc", {"chl-untc": doc_iri})
    src = SourceText.from_path("chl-untc", CSV)
    write(read(src, LineLedger(src), DECLARED), w)
    # What the build writes from the source list entry: the list's date (here: when it was copied).
    w.add(doc_iri, DCT.date, Literal("2024-06-30", datatype=XSD.date))
    store.add_quads(ref.quads + w.quads)
    reason(store)
    return store


def test_chile_bound_by_what_its_status_list_says(chile: GraphStore) -> None:
    """If Chile deposited the ICCPR on 1972-02-10, before the Covenant's own entry into force, then
    it binds Chile from 1976-03-23; CMW deposited 2005-03-21 binds from 2005-07-01; the CRC, known
    by its year only, from the last day of 1990 plus thirty days."""
    answer = obligations(chile, "CHL", date(2024, 1, 1))
    got = {i["key"]: (i["since"], i["date_basis"], i["precision"]) for i in answer.instruments}
    assert got == {
        "CERD": ("1971-11-19", "deposit-date+delay", "day"),
        "ICCPR": ("1976-03-23", "deposit-date+delay+treaty-entry-into-force", "day"),
        "ICESCR": ("1976-01-03", "deposit-date+delay+treaty-entry-into-force", "day"),
        "CMW": ("2005-07-01", "deposit-date+delay", "day"),
        "CRC": ("1991-01-30", "year-only+delay", "year"),
    }
    assert answer.coverage is not None and answer.coverage.covered
    assert answer.as_of == "2024-06-30" and answer.warning is None


def test_chile_on_a_date_after_its_list_is_warned(chile: GraphStore) -> None:
    answer = obligations(chile, "CHL", date(2026, 1, 1))
    assert answer.warning and "2024-06-30" in answer.warning


def test_a_row_is_traced_to_its_line(chile: GraphStore) -> None:
    rows = chile.select(
        "SELECT ?start WHERE { ?a <https://w3id.org/hrgraph/ontology#passage>/"
        "<https://w3id.org/hrgraph/ontology#startLine> ?start }",
        {"a": NamedNode(iri.treaty_action("CHL", "CMW", "ratification"))},
    )
    assert [r["start"].value for r in rows] == ["5"]
