"""Two clean builds of the same sources give byte-identical outputs and exports (DESIGN §5).

The first build is the session's (in this process); the second runs in a subprocess with
another ``PYTHONHASHSEED``, and each build's exports are written by a third and fourth
interpreter with their own seeds, so any output that follows set or dict order would differ.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hrgraph.build import BuildReport
from hrgraph.publish.export import EXPORT_FORMATS

from .conftest import write_exports

pytestmark = pytest.mark.slow

BUILD_FILES = ["hrgraph.nq", "hrgraph.ttl", "void.ttl", "context.jsonld"]


@pytest.fixture(scope="module")
def exports(
    built: tuple[Path, BuildReport], second_build: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("exports")
    return (
        write_exports(built[0], base / "first", seed="1"),
        write_exports(second_build, base / "second", seed="2"),
    )


@pytest.mark.parametrize("name", BUILD_FILES)
def test_build_outputs_are_byte_identical(
    built: tuple[Path, BuildReport], second_build: Path, name: str
) -> None:
    first, second = (built[0] / name).read_bytes(), (second_build / name).read_bytes()
    assert first, f"{name} is empty"
    assert first == second, f"{name} differs between two clean builds"


def test_docs_are_byte_identical(built: tuple[Path, BuildReport], second_build: Path) -> None:
    first = {p.name: p.read_bytes() for p in (built[0] / "docs").iterdir()}
    second = {p.name: p.read_bytes() for p in (second_build / "docs").iterdir()}
    assert sorted(first) == sorted(second)
    assert [n for n in first if first[n] != second[n]] == []


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_exports_are_byte_identical(exports: tuple[Path, Path], fmt: str) -> None:
    first, second = ((d / f"export.{fmt}").read_bytes() for d in exports)
    assert len(first) > 100_000, f"the {fmt} export is suspiciously small"
    assert first == second, f"the {fmt} export differs between two clean builds"


def test_one_graph_export_is_byte_identical(exports: tuple[Path, Path]) -> None:
    first, second = ((d / "graph-reference.ttl").read_bytes() for d in exports)
    assert first == second
