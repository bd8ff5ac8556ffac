"""The Paraguay compilation, read once per session by the ratification-table extractor."""

from __future__ import annotations

import pytest

from hrgraph.extract.common import LineLedger, SourceText
from hrgraph.extract.compilation.ratification_tables import Result, extract
from tests.helpers import SOURCES

SOURCE = SOURCES / "pry-compilation.txt"


@pytest.fixture(scope="session")
def compilation() -> SourceText:
    return SourceText.from_path("pry-compilation", SOURCE)


@pytest.fixture(scope="session")
def ledger_and_result(compilation: SourceText) -> tuple[LineLedger, Result]:
    ledger = LineLedger(compilation)
    return ledger, extract(compilation, ledger)


@pytest.fixture(scope="session")
def result(ledger_and_result: tuple[LineLedger, Result]) -> Result:
    return ledger_and_result[1]
