"""``hrgraph release``: a versioned, dated bundle of the last build, ready to deposit.

``release/hrgraph-VERSION/`` holds

- ``hrgraph.nq``: every named graph as canonical N-Quads (RDFC-1.0: blank nodes, if any ever
  appear, get canonical labels; lines in code-point order), the form to diff two releases by;
- ``hrgraph.trig`` and ``hrgraph.publish.jsonld`` (every named graph; JSON-LD compacted with the
  published context), ``hrgraph.ttl`` and ``hrgraph.nt`` (the asserted data, graphs merged: all
  but the ontology and inferred graphs), ``graphs/NAME.ttl`` (each named graph alone);
- ``ontology/``: the ontology as Turtle and RDF/XML, the JSON-LD context;
- ``docs/``: the ontology documentation and diagram;
- ``void.ttl``: the VoID/DCAT description, dated with the release date;
- ``CHANGELOG.md``, ``CITATION.cff``, ``README.txt`` and ``SHA256SUMS`` (``sha256sum -c``);

plus ``release/hrgraph-VERSION.tar.gz`` (sorted members, fixed owner and mtime). The date is the
CHANGELOG entry of the version (or ``--date``), never the wall clock, so a release is
reproducible: the same build and date give the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import shutil
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import IO

from pyoxigraph import CanonicalizationAlgorithm, Dataset, RdfFormat, serialize

from hrgraph import __version__
from hrgraph.build import open_build
from hrgraph.errors import UsageError
from hrgraph.iri import UNASSERTED_GRAPHS
from hrgraph.publish.jsonld import context_document, write_jsonld
from hrgraph.publish.ontodoc import render_docs
from hrgraph.publish.void import ROOT, changelog_date, describe, write_description
from hrgraph.store import GraphStore, atomic_write

CITATION = (ROOT or Path.cwd()) / "CITATION.cff"


@dataclass
class ReleaseReport:
    version: str
    date: str
    directory: Path
    archive: Path
    files: dict[str, str] = field(default_factory=dict)  # relative path → sha256


def canonical_nquads(store: GraphStore, out: IO[bytes]) -> None:
    """Every quad as canonical N-Quads: RDFC-1.0 canonicalised, lines sorted by code point."""
    dataset = Dataset(store.store)
    dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
    text = serialize(dataset, format=RdfFormat.N_QUADS) or b""
    lines = sorted(line for line in text.split(b"\n") if line)
    out.write(b"".join(line + b"\n" for line in lines))


def asserted_graphs(store: GraphStore) -> list[str]:
    return [g for g in store.graphs() if g not in UNASSERTED_GRAPHS]


def release_date(version: str, given: str | None) -> str:
    """``given`` (checked) or the version's CHANGELOG date; a release needs a date."""
    value = given or changelog_date(version)
    if value is None:
        raise UsageError(
            f"no release date: add a '## [{version}] - YYYY-MM-DD' entry to CHANGELOG.md or give --date"
        )
    try:
        date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r}: expected YYYY-MM-DD") from None
    return value


def _exports(store: GraphStore) -> dict[str, Callable[[IO[bytes]], None]]:
    asserted = asserted_graphs(store)
    writers: dict[str, Callable[[IO[bytes]], None]] = {
        "hrgraph.nq": lambda out: canonical_nquads(store, out),
        "hrgraph.trig": lambda out: store.serialize(out, "trig"),
        "hrgraph.publish.jsonld": lambda out: write_jsonld(store.sorted_quads(), out),
        "hrgraph.ttl": lambda out: store.serialize(out, "ttl", asserted),
        "hrgraph.nt": lambda out: store.serialize(out, "nt", asserted),
    }
    for graph in store.graphs():
        writers[f"graphs/{graph.rsplit('/', 1)[-1]}.ttl"] = partial(_one_graph, store, graph)
    return writers


def _one_graph(store: GraphStore, graph: str, out: IO[bytes]) -> None:
    store.serialize(out, "ttl", [graph])


def write_bundle(store: GraphStore, directory: Path, version: str, issued: str) -> None:
    """Every file of the bundle but ``SHA256SUMS`` into ``directory``."""
    files: dict[str, bytes] = {}
    for name, write in _exports(store).items():
        buffer = io.BytesIO()
        write(buffer)
        files[name] = buffer.getvalue()
    for name, data in render_docs().items():
        files[f"docs/{name}"] = data
        if name.startswith("hrgraph-ontology."):
            files[f"ontology/{name}"] = data
    files["ontology/context.jsonld"] = context_document()
    void = io.BytesIO()
    write_description(describe(store, version, issued), void)
    files["void.ttl"] = void.getvalue()
    if ROOT is None:
        raise UsageError("hrgraph release runs from a checkout: it bundles CHANGELOG.md and CITATION.cff")
    files["CHANGELOG.md"] = (ROOT / "CHANGELOG.md").read_bytes()
    if CITATION.is_file():
        files["CITATION.cff"] = CITATION.read_bytes()
    files["README.txt"] = readme(version, issued).encode()
    for name, data in files.items():
        with atomic_write(directory / name) as out:
            out.write(data)


def readme(version: str, issued: str) -> str:
    return f"""hrgraph {version} ({issued}): a knowledge graph of human-rights obligations
==========================================================================

Data and ontology: Creative Commons Attribution 4.0 International (CC-BY-4.0).
Dataset IRI: https://w3id.org/hrgraph/id/dataset/hrgraph (described in void.ttl, VoID + DCAT).

  hrgraph.nq        every named graph, canonical N-Quads (RDFC-1.0; sorted): diff releases with it
  hrgraph.trig      every named graph, TriG
  hrgraph.publish.jsonld    every named graph, JSON-LD compacted with ontology/context.jsonld
  hrgraph.ttl       the asserted data (sources + reference), one graph, Turtle
  hrgraph.nt        the same triples, N-Triples
  graphs/*.ttl      each named graph alone
  ontology/         the ontology (Turtle, RDF/XML) and the JSON-LD context
  docs/index.html   the ontology documentation; docs/hrgraph.svg the main classes
  void.ttl          the dataset description: counts per graph, sources with SHA-256, licence
  SHA256SUMS        check with: sha256sum -c SHA256SUMS

How to cite: see CITATION.cff; in short,
  hrgraph contributors ({issued[:4]}). hrgraph: a knowledge graph of human-rights obligations,
  version {version} [data set]. https://w3id.org/hrgraph/
"""


def _publishable(directory: Path) -> None:
    """Files 0644, directories 0755 (temporary files are created 0600)."""
    for path in [directory, *directory.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def sha256sums(directory: Path) -> dict[str, str]:
    """relative path → SHA-256 of every file under ``directory`` (sorted by path)."""
    out = {}
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        out[path.relative_to(directory).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def write_archive(directory: Path, archive: Path, issued: str) -> None:
    """A reproducible ``.tar.gz``: sorted members, owner 0, mode 0644/0755, mtime = the release date."""
    mtime = int(datetime.fromisoformat(issued).replace(tzinfo=UTC).timestamp())
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(directory.rglob("*")):
            info = tar.gettarinfo(
                str(path), arcname=f"{directory.name}/{path.relative_to(directory).as_posix()}"
            )
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mtime = mtime
            info.mode = 0o755 if path.is_dir() else 0o644
            if path.is_file():
                with path.open("rb") as handle:
                    tar.addfile(info, handle)
            else:
                tar.addfile(info)
    with atomic_write(archive) as out, gzip.GzipFile(fileobj=out, mode="wb", mtime=mtime, filename="") as gz:
        gz.write(raw.getvalue())


def release(
    out: Path = Path("build"),
    dest: Path = Path("release"),
    version: str = __version__,
    when: str | None = None,
) -> ReleaseReport:
    """Build ``dest/hrgraph-VERSION/`` (and its ``.tar.gz``) from the last build in ``out``."""
    issued = release_date(version, when)
    store = open_build(out)
    name = f"hrgraph-{version}"
    dest.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=dest, prefix=f".{name}.new-"))
    try:
        write_bundle(store, staging, version, issued)
        sums = sha256sums(staging)
        with atomic_write(staging / "SHA256SUMS") as handle:
            handle.write("".join(f"{digest}  {path}\n" for path, digest in sums.items()).encode())
        _publishable(staging)
        target = dest / name
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    archive = dest / f"{name}.tar.gz"
    write_archive(target, archive, issued)
    return ReleaseReport(version, issued, target, archive, sums)
