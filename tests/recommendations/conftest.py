"""One extraction of the real compilation per session, shared by the recommendation tests."""

from __future__ import annotations

import pytest

from hrgraph.extract.common import LineLedger, SourceText
from hrgraph.extract.compilation import concluding_observations as co
from hrgraph.extract.compilation import inter_american as ia
from hrgraph.extract.compilation import national_recommendations as nr
from tests.helpers import SOURCES

SOURCE = SOURCES / "pry-compilation.txt"


@pytest.fixture(scope="session")
def rec_src() -> SourceText:
    return SourceText.from_path("pry-compilation", SOURCE)


@pytest.fixture(scope="session")
def rec_ledger(rec_src: SourceText) -> LineLedger:
    return LineLedger(rec_src)


@pytest.fixture(scope="session")
def co_result(rec_src: SourceText, rec_ledger: LineLedger) -> co.Result:
    return co.extract(rec_src, rec_ledger)


@pytest.fixture(scope="session")
def ia_result(rec_src: SourceText, rec_ledger: LineLedger) -> ia.Result:
    return ia.extract(rec_src, rec_ledger)


@pytest.fixture(scope="session")
def nr_result(rec_src: SourceText, rec_ledger: LineLedger) -> nr.Result:
    return nr.extract(rec_src, rec_ledger)
