"""One extraction of the real compilation, shared by the general-comment tests."""

from __future__ import annotations

import pytest

from hrgraph.extract.common import LineLedger, SourceText
from hrgraph.extract.compilation import general_comments
from tests.helpers import DATA, SOURCES

SOURCE = SOURCES / "pry-compilation.txt"
FIXTURES = DATA / "general_comments"


@pytest.fixture(scope="session")
def gc_src() -> SourceText:
    return SourceText.from_path("pry-compilation", SOURCE)


@pytest.fixture(scope="session")
def gc_extracted(gc_src: SourceText) -> tuple[general_comments.Result, LineLedger]:
    ledger = LineLedger(gc_src)
    return general_comments.extract(gc_src, ledger), ledger


@pytest.fixture(scope="session")
def gc_result(gc_extracted: tuple[general_comments.Result, LineLedger]) -> general_comments.Result:
    return gc_extracted[0]
