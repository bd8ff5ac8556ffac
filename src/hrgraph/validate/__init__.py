"""SHACL validation of the graph (shapes: ``ontology/shapes/*.ttl``).

The data graph is the union of every named graph but the ontology, with the ontology files
mixed in so that ``sh:targetClass`` and ``sh:class`` see subclasses. Two engines validate it:
``sparql`` (the default, :mod:`hrgraph.validate.shacl_sparql`: the shapes compiled to SPARQL and run on
the store itself) and ``pyshacl`` (the reference: pySHACL on an rdflib copy, given the ontology
as ``ont_graph``). Both give the same results, compared by (focus node, path, constraint
component, severity, message), as the tests do.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import rdflib
from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Triple

from hrgraph import iri
from hrgraph.namespace import ONTOLOGY_DIR
from hrgraph.store import GraphStore, RdfSyntaxError, parse_file
from hrgraph.validate.report import ValidationReport, Violation

SHAPES_DIR = ONTOLOGY_DIR / "shapes"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
Engine = Literal["sparql", "pyshacl"]
ENGINES: tuple[Engine, ...] = ("sparql", "pyshacl")


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


def validate_graph(
    data: rdflib.Graph, shapes: rdflib.Graph | None = None, owned: bool = False
) -> ValidationReport:
    """Validate ``data`` with the ontology mixed in (so ``sh:class`` sees subclasses).

    pySHACL mixes ``ont_graph`` into a clone of the data graph (a fifth of the validation time
    at 100k triples); when the caller ``owned`` the graph (made it for this call), the ontology
    is added to it directly instead, which validates the same union without the copy.
    """
    from pyshacl import validate as shacl_validate  # imported on use: slow to import

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


@contextmanager
def ontology_mixed_in(store: GraphStore, directory: Path = ONTOLOGY_DIR) -> Iterator[str]:
    """The ontology files loaded into a fresh named graph of ``store`` while the block runs.

    The SPARQL engine's counterpart of pySHACL's ``ont_graph``: the same triples (the files,
    not the store's own ontology graph) in the validated union; the graph is removed after.
    """
    name = f"urn:hrgraph:validation:ontology:{uuid.uuid4()}"
    try:
        for path in sorted(directory.glob("*.ttl")):
            store.load_file(path, "ttl", graph=name)
        yield name
    finally:
        store.store.remove_graph(NamedNode(name))


def holds_ontology(store: GraphStore, graph: str, directory: Path = ONTOLOGY_DIR) -> bool:
    """Whether ``graph`` holds exactly the triples of the ontology files (blank nodes aside)."""
    files = [q.triple for path in sorted(directory.glob("*.ttl")) for q in parse_file(path, "ttl")]
    stored = [Triple(q.subject, q.predicate, q.object) for q in store.quads(graph)]
    return len(files) == len(stored) and {_ground(t) for t in files} == {_ground(t) for t in stored}


def _ground(t: Triple) -> str:
    return str(t) if not isinstance(t.subject, BlankNode) and not isinstance(t.object, BlankNode) else "_"


def validate_graphs(store: GraphStore, graphs: list[str], engine: Engine = "sparql") -> ValidationReport:
    """Validate the union of the named ``graphs`` of ``store``, the ontology files mixed in.

    The SPARQL engine runs over the union of all the store's graphs (fast) when that union is
    the same data: ``graphs`` are all the named graphs, the default graph is empty, and the
    ontology graph left out, if any, holds the ontology files' triples. Otherwise it is given
    the list of graphs (same results, slower).
    """
    if engine == "pyshacl":
        return validate_graph(store.to_rdflib(graphs), owned=True)
    if engine != "sparql":
        raise ValueError(f"unknown validation engine {engine!r} (one of {', '.join(ENGINES)})")
    from hrgraph.validate import shacl_sparql

    left_out = set(store.graphs()) - set(graphs)
    no_default = next(iter(store.store.quads_for_pattern(None, None, None, DefaultGraph())), None) is None
    if no_default and left_out == {iri.ONTOLOGY_GRAPH} and holds_ontology(store, iri.ONTOLOGY_GRAPH):
        return shacl_sparql.validate(store.store)
    with ontology_mixed_in(store) as ontology:
        if no_default and not left_out:
            return shacl_sparql.validate(store.store)
        return shacl_sparql.validate(store.store, [*graphs, ontology])


def validate_store(store: GraphStore, engine: Engine = "sparql") -> ValidationReport:
    """Validate every named graph of the store but the ontology."""
    return validate_graphs(store, [g for g in store.graphs() if g != iri.ONTOLOGY_GRAPH], engine)


def validate_file(path: Path, engine: Engine = "sparql", fmt: str | None = None) -> ValidationReport:
    """Validate an RDF file in any format, by its extension (``.ttl .nt .nq .trig .jsonld .json
    .rdf .owl .xml``) or ``fmt``; a syntax error is located, a hostile file (too deep, too large,
    entity declarations) refused before parsing (:mod:`hrgraph.validate.guard`)."""
    from hrgraph.store import rdf_format
    from hrgraph.validate.guard import check_file

    store = GraphStore()
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    name = (fmt or path.suffix).lower().lstrip(".")
    rdf_format(name)  # an unknown format is refused before the file is read
    check_file(path, name)
    quads = name in ("nq", "trig")
    store.load_file(path, name, graph=None if quads else "urn:hrgraph:input")
    return validate_graphs(store, store.graphs(), engine)


__all__ = [
    "ENGINES",
    "RdfSyntaxError",
    "ValidationReport",
    "validate_file",
    "validate_graphs",
    "validate_store",
]
