"""The pipeline: sources → records → RDF → store → validate → reason → output files.

``STAGES`` lists every extractor with the mapping that turns its records into triples; each
stage reads one source and writes into that source's named graph. ``build`` writes into a
fresh directory and swaps it into place only when everything succeeded, so a failed build
leaves the previous ``build/`` untouched.
"""

from __future__ import annotations

import importlib
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any, Protocol

from hrgraph import iri
from hrgraph.errors import UsageError
from hrgraph.extract.common import LineLedger, Problem, SourceText
from hrgraph.namespace import ONTOLOGY_DIR
from hrgraph.rdf.writer import GraphWriter
from hrgraph.reference import write_reference
from hrgraph.sources import SourceMeta, load_sources, write_source
from hrgraph.store import GraphStore, atomic_write

# (stage name, source key, extractor module, mapping module). Each extractor module has
# ``extract(src, ledger) -> result``; each mapping module ``write(result, writer)``.
STAGES: list[tuple[str, str, str, str]] = [
    (
        "treaty-status",
        "pry-compilation",
        "hrgraph.extract.compilation.ratification_tables",
        "hrgraph.rdf.treaty_status",
    ),
    ("instruments", "pry-compilation", "hrgraph.extract.compilation.instruments", "hrgraph.rdf.instruments"),
    ("upr-report", "kaz-upr3-national-report", "hrgraph.extract.upr_report", "hrgraph.rdf.state_reports"),
    ("treaty-report", "kaz-cerd-11-14", "hrgraph.extract.treaty_report", "hrgraph.rdf.state_reports"),
    (
        "general-comments",
        "pry-compilation",
        "hrgraph.extract.compilation.general_comments",
        "hrgraph.rdf.general_comments",
    ),
    (
        "concluding-observations",
        "pry-compilation",
        "hrgraph.extract.compilation.concluding_observations",
        "hrgraph.rdf.recommendations",
    ),
    (
        "inter-american",
        "pry-compilation",
        "hrgraph.extract.compilation.inter_american",
        "hrgraph.rdf.recommendations",
    ),
    (
        "national-recommendations",
        "pry-compilation",
        "hrgraph.extract.compilation.national_recommendations",
        "hrgraph.rdf.recommendations",
    ),
]

REFERENCE_GRAPH = iri.graph("reference")
ONTOLOGY_GRAPH = iri.graph("ontology")
INFERRED_GRAPH = iri.graph("inferred")
NQ_NAME, TTL_NAME, SUMMARY_NAME = "hrgraph.nq", "hrgraph.ttl", "summary.json"
# Written into every build directory: ``build`` replaces only a directory that holds it.
MARKER_NAME = ".hrgraph-build"


class Result(Protocol):
    problems: list[Problem]

    def counts(self) -> dict[str, int]: ...


@dataclass
class StageReport:
    name: str
    source: str
    counts: dict[str, int]
    problems: list[str]
    seconds: float


@dataclass
class BuildReport:
    out: Path
    stages: list[StageReport] = field(default_factory=list)
    graphs: dict[str, int] = field(default_factory=dict)
    unread: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    lines: dict[str, dict[str, int]] = field(default_factory=dict)
    checks: dict[str, Any] = field(default_factory=dict)
    validation: dict[str, Any] = field(default_factory=dict)
    reasoning: dict[str, Any] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    written: bool = False  # whether ``out`` now holds this build

    def to_json(self) -> dict[str, Any]:
        return {
            "out": str(self.out),
            "graphs": self.graphs,
            "stages": [s.__dict__ for s in self.stages],
            "lines": self.lines,
            "unread": {k: [[n, t[:120]] for n, t in v] for k, v in self.unread.items()},
            "checks": self.checks,
            "validation": self.validation,
            "reasoning": self.reasoning,
            "seconds": self.seconds,
        }


def _load(module: str, attr: str) -> Callable[..., Any]:
    fn: Callable[..., Any] = getattr(importlib.import_module(module), attr)
    return fn


def extract_all(sources: list[SourceMeta], report: BuildReport) -> dict[str, GraphWriter]:
    """Run every stage; returns one writer per named graph."""
    writers: dict[str, GraphWriter] = {}
    iris = {m.key: m.iri for m in sources}
    texts: dict[str, SourceText] = {}
    ledgers: dict[str, LineLedger] = {}
    for meta in sources:
        texts[meta.key] = meta.read()
        ledgers[meta.key] = LineLedger(texts[meta.key])
        writers[meta.key] = GraphWriter(meta.graph, iris)
        write_source(meta, writers[meta.key])
    for name, source_key, extractor, mapping in STAGES:
        started = time.perf_counter()
        result: Result = _load(extractor, "extract")(texts[source_key], ledgers[source_key])
        _load(mapping, "write")(result, writers[source_key])
        check = getattr(importlib.import_module(extractor), "check", None)
        if check is not None:
            report.checks[name] = check(result)
        report.stages.append(
            StageReport(
                name,
                source_key,
                dict(result.counts()),
                [str(p) for p in result.problems],
                time.perf_counter() - started,
            )
        )
    for key, ledger in ledgers.items():
        report.unread[key] = ledger.unaccounted()
        report.lines[key] = dict(sorted(ledger.counts().items()))
    return writers


def load_ontology(store: GraphStore, directory: Path = ONTOLOGY_DIR) -> None:
    """Every ``ontology/*.ttl`` module (not the shapes) into the ontology graph."""
    for path in sorted(directory.glob("*.ttl")):
        store.load_file(path, "ttl", graph=ONTOLOGY_GRAPH)


def assemble(report: BuildReport, store: GraphStore | None = None) -> GraphStore:
    """Extract everything and load it, with reference data and ontology, into a store."""
    started = time.perf_counter()
    sources = load_sources()
    writers = extract_all(sources, report)
    ref = GraphWriter(REFERENCE_GRAPH, {m.key: m.iri for m in sources})
    write_reference(ref)
    _load("hrgraph.rdf.treaty_status", "write_curated")(ref)  # curated deposit dates, with sources
    _load("hrgraph.rdf.recommendations", "write_curated")(ref)  # Court judgment dates, with sources
    report.seconds["extract"] = time.perf_counter() - started
    started = time.perf_counter()
    store = store or GraphStore()
    for w in [*writers.values(), ref]:
        store.add_quads(w.quads)
    load_ontology(store)
    report.seconds["load"] = time.perf_counter() - started
    return store


def write_outputs(store: GraphStore, directory: Path, report: BuildReport) -> None:
    """``hrgraph.nq`` (every named graph), ``hrgraph.ttl`` (asserted data), ``summary.json``."""
    started = time.perf_counter()
    with atomic_write(directory / NQ_NAME) as out:
        store.serialize(out, "nq")
    asserted = [g for g in store.graphs() if g not in (ONTOLOGY_GRAPH, INFERRED_GRAPH)]
    with atomic_write(directory / TTL_NAME) as out:
        store.serialize(out, "ttl", asserted)
    report.graphs = {g: store.graph_size(g) for g in store.graphs()}
    from hrgraph.publish import write_publication  # void.ttl, context.jsonld, docs/

    write_publication(store, directory)
    report.seconds["export"] = time.perf_counter() - started
    with atomic_write(directory / SUMMARY_NAME) as out:
        out.write(json.dumps(report.to_json(), indent=2, ensure_ascii=False).encode())
    with atomic_write(directory / MARKER_NAME) as out:
        out.write(json.dumps({"hrgraph": version("hrgraph")}).encode() + b"\n")


def build(
    out: Path,
    validate_graph: bool = True,
    reason_graph: bool = True,
    store_path: Path | None = None,
    keep_invalid: bool = False,
) -> BuildReport:
    """Build everything into ``out``; raises before touching ``out`` if any step fails.

    A build that does not conform to the shapes does not replace the last good build: nothing
    is written and ``report.written`` is false (the report says how many violations there are;
    the CLI turns them into exit code 1). ``keep_invalid`` writes it all the same.
    """
    from hrgraph.reason import reason
    from hrgraph.validate import validate_store

    report = BuildReport(out)
    check_replaceable(out)
    if store_path is not None and store_path.exists() and any(store_path.iterdir()):
        raise UsageError(f"--store {store_path}: not empty; give a new directory for the on-disk store")
    store = assemble(report, GraphStore(store_path) if store_path else None)
    if reason_graph:
        started = time.perf_counter()
        report.reasoning = reason(store)
        report.seconds["reason"] = time.perf_counter() - started
    if validate_graph:
        started = time.perf_counter()
        report.validation = validate_store(store).summary()
        report.seconds["validate"] = time.perf_counter() - started
        if not report.validation["conforms"] and not keep_invalid:
            return report
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in out.parent.glob(f".{out.name}.new-*"):  # left by a build that was killed
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new-"))
    try:
        write_outputs(store, staging, report)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report.written = True
    return report


def is_build(directory: Path) -> bool:
    """Whether ``directory`` is a build hrgraph wrote: its marker, or (builds of 0.1.0, which
    wrote none) exactly the files such a build holds."""
    if (directory / MARKER_NAME).is_file():
        return True
    legacy = {NQ_NAME, TTL_NAME, SUMMARY_NAME, "void.ttl", "context.jsonld", "docs"}
    names = {p.name for p in directory.iterdir()}
    return {NQ_NAME, SUMMARY_NAME} <= names <= legacy


def check_replaceable(out: Path) -> None:
    """Refuse to build into ``out`` if it holds anything hrgraph did not write (nothing is touched)."""
    if out.is_symlink() or not out.exists():
        return
    if not out.is_dir():
        raise UsageError(f"--out {out}: is a file, not a build directory; give another path")
    if any(out.iterdir()) and not is_build(out):
        raise UsageError(
            f"--out {out}: the directory holds files that are not an hrgraph build "
            f"(no {MARKER_NAME}); nothing was touched. Give an empty or new directory."
        )


def _swap(staging: Path, out: Path) -> None:
    """Replace ``out`` by ``staging`` with two renames; the old build is removed last."""
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def open_build(out: Path, store_path: Path | None = None) -> GraphStore:
    """The store of the last build (``build/hrgraph.nq``); never rebuilds silently."""
    nq = out / NQ_NAME
    if not nq.is_file():
        raise UsageError(f"no build found at {nq}: run 'hrgraph build' first")
    store = GraphStore(store_path)
    if store_path is None or len(store) == 0:
        store.load_file(nq, "nq")
    return store
