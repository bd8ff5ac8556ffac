"""One version everywhere, and the README's Python API example run as printed."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest
import rdflib

import hrgraph
from hrgraph.build import BuildReport
from tests.helpers import ONTOLOGY, ROOT

OWL = rdflib.Namespace("http://www.w3.org/2002/07/owl#")


def test_version_is_read_in_one_place() -> None:
    """If the package says version V (pyproject, through importlib.metadata), then every ontology
    module's owl:versionInfo and versionIRI and CITATION.cff say V too (the SKOS schemes,
    obligation-types.ttl and themes.ttl, have no owl:Ontology header to carry one)."""
    v = version("hrgraph")
    assert hrgraph.__version__ == v
    for path in sorted(ONTOLOGY.glob("*.ttl")):
        g = rdflib.Graph().parse(path)
        ontologies = list(g.subjects(rdflib.RDF.type, OWL.Ontology))
        assert ontologies or path.name in ("obligation-types.ttl", "themes.ttl"), path.name
        for o in ontologies:
            assert str(g.value(o, OWL.versionInfo)) == v, path.name
            assert str(g.value(o, OWL.versionIRI)).endswith(f"/{v}"), path.name
    assert re.search(rf"^version: {re.escape(v)}$", (ROOT / "CITATION.cff").read_text(), re.M)


def test_readme_python_example_runs(built: tuple[Path, BuildReport], monkeypatch: pytest.MonkeyPatch) -> None:
    """If the README's 'Python API' block is run in a folder holding a build, then it runs and
    its assertions hold (it checks its own answers: ISO codes, ICCPR binding PRY)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    monkeypatch.chdir(built[0].parent)
    exec(
        compile(
            code.group(1).replace('hrgraph.build("build")', "pass  # built by the fixture"), "README", "exec"
        ),
        {},
    )
