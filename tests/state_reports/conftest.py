"""The two Kazakh State reports, each read once per session, and their RDF in one store."""

from __future__ import annotations

import pytest

from hrgraph import iri
from hrgraph.extract import treaty_report, upr_report
from hrgraph.extract.common import LineLedger, SourceText
from hrgraph.rdf import state_reports
from hrgraph.rdf.writer import GraphWriter
from hrgraph.sources import load_sources, write_source
from hrgraph.store import GraphStore
from tests.helpers import SOURCES

UPR_KEY, CERD_KEY = "kaz-upr3-national-report", "kaz-cerd-11-14"


def _state(key: str) -> str:
    """The State the source list declares for ``key`` (``state = "KAZ"``)."""
    return next(m.state for m in load_sources() if m.key == key)


def _read(key: str) -> SourceText:
    return SourceText.from_path(key, SOURCES / f"{key}.txt")


@pytest.fixture(scope="session")
def upr_ledger() -> tuple[LineLedger, upr_report.UPRReport]:
    src = _read(UPR_KEY)
    ledger = LineLedger(src)
    report = upr_report.extract(src, ledger)
    report.state = _state(UPR_KEY)  # as the build sets it, from the source list
    return ledger, report


@pytest.fixture(scope="session")
def upr(upr_ledger: tuple[LineLedger, upr_report.UPRReport]) -> upr_report.UPRReport:
    return upr_ledger[1]


@pytest.fixture(scope="session")
def cerd_ledger() -> tuple[LineLedger, treaty_report.TreatyReport]:
    src = _read(CERD_KEY)
    ledger = LineLedger(src)
    report = treaty_report.extract(src, ledger)
    report.state = _state(CERD_KEY)
    return ledger, report


@pytest.fixture(scope="session")
def cerd(cerd_ledger: tuple[LineLedger, treaty_report.TreatyReport]) -> treaty_report.TreatyReport:
    return cerd_ledger[1]


@pytest.fixture(scope="session")
def report_iris() -> dict[str, str]:
    return {m.key: m.iri for m in load_sources()}


@pytest.fixture(scope="session")
def reports_store(
    upr: upr_report.UPRReport, cerd: treaty_report.TreatyReport, report_iris: dict[str, str]
) -> GraphStore:
    """The RDF of both reports as the build writes it (no ontology, no reasoning), one graph each."""
    store = GraphStore()
    metas = {m.key: m for m in load_sources()}
    for key, result in ((UPR_KEY, upr), (CERD_KEY, cerd)):
        w = GraphWriter(iri.graph(key), report_iris)
        write_source(metas[key], w)  # as the build does: the report's own description
        state_reports.write(result, w)
        store.add_quads(w.quads)
    return store
