"""Shared fixtures: one real build of the seed graph per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrgraph.build import BuildReport, build, load_ontology, open_build
from hrgraph.store import GraphStore

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """The seed graph, built once into a temporary directory."""
    out = tmp_path_factory.mktemp("hrgraph") / "build"
    report = build(out)
    return out, report


@pytest.fixture(scope="session")
def store(built: tuple[Path, BuildReport]) -> GraphStore:
    """The store of the session build, loaded back from build/hrgraph.nq."""
    return open_build(built[0])


def fixture_store(*names: str) -> GraphStore:
    """A store with the ontology and the given Turtle fixtures of tests/data/ (one graph each)."""
    s = GraphStore()
    load_ontology(s)
    for name in names:
        s.load_file(DATA / name, "ttl", graph=f"https://w3id.org/hrgraph/graph/test-{Path(name).stem}")
    return s
