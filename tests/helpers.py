"""Helpers shared by the area tests."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import Literal, NamedNode, QuerySolutions

from hrgraph import paths
from hrgraph.query import QUERIES_DIR, bind, bound_query, load_query
from hrgraph.store import GraphStore

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent  # the checkout
DATA = TESTS / "data"  # test fixtures (tests/data/README.md says where each came from)
CORPUS = DATA / "corpus"  # real UN documents (tests/data/corpus/README.md: provenance)
ONTOLOGY = paths.ontology_dir()
QUERIES = paths.queries_dir()
SOURCES = paths.sources_dir()
REFERENCE = paths.reference_dir()


def run(store: GraphStore, name: str, **params: NamedNode | Literal) -> list[dict[str, str]]:
    """Run catalogue query ``queries/NAME.rq`` with its parameters as RDF terms, bound as every
    client binds them (:func:`hrgraph.query.bind` replaces the file's VALUES row); rows as
    ``{variable: lexical value}`` (unbound variables left out)."""
    text = bind(load_query(QUERIES / f"{name}.rq"), params)
    solutions = store.query(text)
    assert isinstance(solutions, QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def catalogue_rows(store: GraphStore, name: str, **params: str) -> list[dict[str, str]]:
    """Run catalogue query ``NAME`` as the CLI does (lexical parameters, defaults for the rest);
    rows as ``{variable: lexical value}``, ``""`` for an unbound variable."""
    query = load_query(QUERIES_DIR / f"{name}.rq")
    result = store.query(bound_query(query, params))
    assert isinstance(result, QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: (r[n].value if r[n] is not None else "") for n in names} for r in result]
