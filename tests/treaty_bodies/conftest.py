"""The five treaty-body documents of the corpus, each read once per session, and their RDF."""

from __future__ import annotations

from typing import Any

import pytest

from hrgraph import iri
from hrgraph.extract import concluding_observations as co
from hrgraph.extract import follow_up_assessment as fa
from hrgraph.extract import follow_up_reply as fr
from hrgraph.extract.common import Declared, LineLedger, SourceText
from hrgraph.rdf import treaty_bodies
from hrgraph.rdf.writer import GraphWriter
from hrgraph.store import GraphStore
from tests.helpers import CORPUS

# key → (file, reader, declared State)
DOCS: dict[str, tuple[str, Any, str]] = {
    "nam-co": ("concluding-observations_NAM_en.txt", co, "NAM"),
    "usa-co": ("concluding-observations_USA_en.txt", co, "USA"),
    "usa-reply": ("follow-up_USA_en.txt", fr, "USA"),
    "ccpr-129-2": ("ccpr-follow-up-progress_CCPR-C-129-2_en.txt", fa, ""),
    "mex-assessment": ("follow-up-assessment_CCPR-C-138-2-Add.1_en.txt", fa, "MEX"),
}


def source(key: str) -> SourceText:
    return SourceText.from_path(key, CORPUS / DOCS[key][0])


def read(key: str, state: str | None = None) -> tuple[Any, LineLedger]:
    _, reader, declared = DOCS[key]
    src = source(key)
    ledger = LineLedger(src)
    doc = reader.read(src, ledger, Declared(key, reader.KIND, declared if state is None else state, "en"))
    return doc, ledger


@pytest.fixture(scope="session")
def docs() -> dict[str, tuple[Any, LineLedger]]:
    return {key: read(key) for key in DOCS}


@pytest.fixture(scope="session")
def tb_store(docs: dict[str, tuple[Any, LineLedger]]) -> GraphStore:
    """The RDF of the five documents, one named graph each (no ontology, no reasoning)."""
    store = GraphStore()
    for key, (doc, _) in docs.items():
        w = GraphWriter(iri.graph(key), {key: iri.source(key)})
        w.type(iri.source(key), "SourceDocument")  # what the build's write_source says first
        treaty_bodies.write(doc, w)
        store.add_quads(w.quads)
    return store
