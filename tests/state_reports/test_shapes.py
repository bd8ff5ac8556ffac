"""The state-report shapes: the real graph of both reports conforms, each constraint catches
its case of tests/data/state_reports/shapes-violating.ttl."""

from __future__ import annotations

import io

import pyshacl
import pytest
import rdflib

from hrgraph.store import GraphStore
from tests.helpers import DATA, ONTOLOGY

SHAPES = ONTOLOGY / "shapes" / "state_reports.ttl"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def _with_ontology(data: rdflib.Graph) -> rdflib.Graph:
    for path in sorted((ONTOLOGY).glob("*.ttl")):
        data.parse(path)
    return data


@pytest.mark.slow
def test_shapes_conform_on_the_real_graph(reports_store: GraphStore) -> None:
    buffer = io.BytesIO()
    reports_store.serialize(buffer, "nt")
    flat = rdflib.Graph().parse(data=buffer.getvalue(), format="nt")
    conforms, _, text = pyshacl.validate(
        _with_ontology(flat), shacl_graph=rdflib.Graph().parse(SHAPES), inference="rdfs"
    )
    assert conforms, text


def test_shapes_catch_each_violation() -> None:
    data = _with_ontology(rdflib.Graph().parse(DATA / "state_reports" / "shapes-violating.ttl"))
    _, report, _ = pyshacl.validate(data, shacl_graph=rdflib.Graph().parse(SHAPES), inference="rdfs")
    found = {
        (
            str(report.value(r, SH.focusNode)).rsplit("/", 1)[1],
            str(report.value(r, SH.resultPath)).rsplit("#", 1)[-1].rsplit("/", 1)[-1],
        )
        for r in report.subjects(rdflib.RDF.type, SH.ValidationResult)
    }
    assert found == {
        ("report", "submittedBy"), ("report", "submittedTo"), ("report", "forReview"),
        ("chapter", "partOf"), ("chapter", "ordinal"), ("chapter", "label"), ("chapter", "passage"),
        ("chapter", "number"), ("chapter", "concernsArticle"),
        ("section", "partOf"), ("section", "respondsTo"), ("section", "title"),
        ("review", "cycle"), ("review", "reviewOf"),
        ("claim", "claimKind"), ("claim", "actor"), ("claim", "instrument"), ("claim", "statedIn"),
        ("claim", "year"), ("claim", "printedAs"), ("claim", "passage"),
        ("law", "label"), ("law", "date"), ("law", "actType"),
    }  # fmt: skip
