"""``hrgraph release``: the bundle, its checksums, the canonical N-Quads, reproducibility."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph
import pytest

from hrgraph import __version__
from hrgraph.build import BuildReport
from hrgraph.errors import UsageError
from hrgraph.publish.release import ReleaseReport, release, release_date

pytestmark = pytest.mark.slow

EXPECTED = [
    "CHANGELOG.md",
    "CITATION.cff",
    "README.txt",
    "SHA256SUMS",
    "docs/index.html",
    "docs/hrgraph.svg",
    "graphs/reference.ttl",
    "hrgraph.publish.jsonld",
    "hrgraph.nq",
    "hrgraph.nt",
    "hrgraph.trig",
    "hrgraph.ttl",
    "ontology/context.jsonld",
    "ontology/hrgraph-ontology.rdf",
    "ontology/hrgraph-ontology.ttl",
    "void.ttl",
]


@pytest.fixture(scope="module")
def bundles(built: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory) -> list[ReleaseReport]:
    base = tmp_path_factory.mktemp("release")
    return [release(built[0], base / name, when="2026-11-23") for name in ("a", "b")]


def test_bundle_has_every_part(bundles: list[ReleaseReport]) -> None:
    bundle = bundles[0].directory
    assert bundle.name == f"hrgraph-{__version__}"
    assert [name for name in EXPECTED if not (bundle / name).is_file()] == []


def test_sha256sums_match_the_files(bundles: list[ReleaseReport]) -> None:
    bundle = bundles[0].directory
    lines = (bundle / "SHA256SUMS").read_text().splitlines()
    listed: dict[str, str] = {}
    for line in lines:
        digest, name = line.split("  ", 1)
        listed[name] = digest
    on_disk = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(listed) == on_disk
    for name, digest in listed.items():
        assert hashlib.sha256((bundle / name).read_bytes()).hexdigest() == digest, name


def test_canonical_nquads_are_sorted_and_complete(
    bundles: list[ReleaseReport], built: tuple[Path, BuildReport]
) -> None:
    data = (bundles[0].directory / "hrgraph.nq").read_bytes()
    lines = data.split(b"\n")[:-1]
    assert lines == sorted(lines)
    assert set(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_QUADS)) == set(
        pyoxigraph.parse(path=str(built[0] / "hrgraph.nq"))
    )


def test_release_is_reproducible(bundles: list[ReleaseReport]) -> None:
    first, second = bundles
    assert first.files == second.files
    assert first.archive.read_bytes() == second.archive.read_bytes()


def test_void_in_the_bundle_carries_the_release_date(bundles: list[ReleaseReport]) -> None:
    assert b'dct:issued "2026-11-23"^^xsd:date' in (bundles[0].directory / "void.ttl").read_bytes()


def test_release_needs_a_date() -> None:
    with pytest.raises(UsageError, match="CHANGELOG"):
        release_date("0.0.0-never", None)
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        release_date(__version__, "23/11/2026")
