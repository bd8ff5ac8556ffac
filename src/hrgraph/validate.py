"""SHACL validation of the graph with pySHACL (shapes: ``ontology/shapes/*.ttl``).

The data graph is the union of every named graph but the ontology; the ontology is given to
pySHACL as ``ont_graph`` so that ``sh:class`` constraints see subclasses. Results are compared
by (focus node, path, constraint component, severity), as the tests do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rdflib
from pyoxigraph import RdfFormat, Triple, serialize
from pyshacl import validate as shacl_validate

from hrgraph.namespace import ONTOLOGY_DIR
from hrgraph.store import GraphStore, RdfSyntaxError

SHAPES_DIR = ONTOLOGY_DIR / "shapes"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, order=True)
class Violation:
    focus: str
    path: str
    component: str
    severity: str
    message: str


@dataclass
class ValidationReport:
    conforms: bool
    results: list[Violation] = field(default_factory=list)

    @property
    def violations(self) -> list[Violation]:
        return [r for r in self.results if r.severity.endswith("Violation")]

    def summary(self, limit: int = 50) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "violations": len(self.violations),
            "warnings": len(self.results) - len(self.violations),
            "first": [r.__dict__ for r in sorted(self.results)[:limit]],
        }


def shapes_graph(directory: Path = SHAPES_DIR) -> rdflib.Graph:
    g = rdflib.Graph()
    for path in sorted(directory.glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def ontology_graph(directory: Path = ONTOLOGY_DIR) -> rdflib.Graph:
    g = rdflib.Graph()
    for path in sorted(directory.glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def to_rdflib(store: GraphStore, graphs: list[str] | None = None) -> rdflib.Graph:
    """The union of ``graphs`` (default: all) as one rdflib graph, via N-Triples.

    Unsorted (a graph has no order): the canonical sort of ``GraphStore.serialize`` cost a
    quarter of the conversion at 100k triples and is only needed for byte-stable files.
    """
    chosen = store.graphs() if graphs is None else graphs
    triples = (Triple(q.subject, q.predicate, q.object) for g in chosen for q in store.quads(g))
    data = serialize(triples, format=RdfFormat.N_TRIPLES)
    g = rdflib.Graph()
    g.parse(data=data or b"", format="nt")
    return g


def validate_graph(
    data: rdflib.Graph, shapes: rdflib.Graph | None = None, owned: bool = False
) -> ValidationReport:
    """Validate ``data`` with the ontology mixed in (so ``sh:class`` sees subclasses).

    pySHACL mixes ``ont_graph`` into a clone of the data graph (a fifth of the validation time
    at 100k triples); when the caller ``owned`` the graph (made it for this call), the ontology
    is added to it directly instead, which validates the same union without the copy.
    """
    ontology = ontology_graph()
    if owned:
        for triple in ontology:
            data.add(triple)
    conforms, report, _ = shacl_validate(
        data,
        shacl_graph=shapes if shapes is not None else shapes_graph(),
        ont_graph=None if owned else ontology,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
    )
    results = []
    for res in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        results.append(
            Violation(
                focus=str(report.value(res, SH.focusNode)),
                path=str(report.value(res, SH.resultPath) or ""),
                component=str(report.value(res, SH.sourceConstraintComponent)),
                severity=str(report.value(res, SH.resultSeverity)),
                message=str(report.value(res, SH.resultMessage) or ""),
            )
        )
    return ValidationReport(bool(conforms), sorted(results))


def validate_store(store: GraphStore) -> ValidationReport:
    """Validate every named graph of the store but the ontology."""
    from hrgraph.build import ONTOLOGY_GRAPH

    graphs = [g for g in store.graphs() if g != ONTOLOGY_GRAPH]
    return validate_graph(to_rdflib(store, graphs), owned=True)


def validate_file(path: Path) -> ValidationReport:
    """Validate an RDF file (Turtle, N-Triples, N-Quads …); a syntax error is located."""
    store = GraphStore()
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    store.load_file(path, graph=None if path.suffix in (".nq", ".trig") else "urn:hrgraph:input")
    return validate_graph(to_rdflib(store), owned=True)


__all__ = ["RdfSyntaxError", "ValidationReport", "validate_file", "validate_store"]
