"""The pipeline: sources → records → RDF → store → validate → reason → output files.

:data:`KINDS` is the stage table: for every kind of document, the readers that read it and the
mappings that turn their records into triples, as function references; each stage reads one
source and writes into that source's named graph. The kind, State, language, symbol and date
of a source come from its entry in the source list (:mod:`hrgraph.sources`). ``build`` writes into a
fresh directory and swaps it into place only when everything succeeded, so a failed build
leaves the previous ``build/`` untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

from pyoxigraph import NamedNode, Quad

from hrgraph import iri
from hrgraph.build_cache import NQ_NAME as NQ_NAME  # re-exported: the build's file names live here
from hrgraph.build_cache import (
    Plan,
    Previous,
    SourceRecord,
    identity,
    loading_previous,
    previous_build,
    write_cache,
    write_conclusions,
)
from hrgraph.errors import UsageError
from hrgraph.extract import (
    concluding_observations,
    follow_up_assessment,
    follow_up_reply,
    state_report,
    treaty_status_csv,
    upr_compilation,
    upr_national_report,
    upr_stakeholder_summary,
)
from hrgraph.extract.common import Declared, ExtractionError, LineLedger, SourceText
from hrgraph.extract.compilation import concluding_observations as compilation_co
from hrgraph.extract.compilation import (
    general_comments,
    instruments,
    inter_american,
    national_recommendations,
    ratification_tables,
)
from hrgraph.namespace import ONTOLOGY_DIR
from hrgraph.rdf import general_comments as rdf_general_comments
from hrgraph.rdf import instruments as rdf_instruments
from hrgraph.rdf import (
    periodic_reports,
    recommendations,
    treaty_bodies,
    treaty_status,
    upr_reports,
)
from hrgraph.rdf import treaty_status_csv as rdf_treaty_status_csv
from hrgraph.rdf.writer import GraphWriter
from hrgraph.reason.incremental import Conclusions
from hrgraph.reference import write_reference
from hrgraph.sources import SourceMeta, load_all, write_source
from hrgraph.store import Forked, GraphStore, atomic_write, current_umask

Reader = Callable[[SourceText, LineLedger, Declared], Any]
Mapping = Callable[[Any, GraphWriter], None]


@dataclass(frozen=True)
class Stage:
    """One reader of a document kind and the mapping that writes its records.

    ``required`` names the counts (``counts()`` keys of the records) that must not be 0: a
    document from which the reader read none of them fails the build, unless partial builds are
    allowed. ``check`` gives the summary's completeness figures.
    """

    name: str
    read: Reader
    write: Mapping
    required: tuple[str, ...] = ()
    check: Callable[[Any], Any] | None = None


def _legacy(extract: Callable[[SourceText, LineLedger], Any]) -> Reader:
    """A reader of the compilation's sections (their layout is the one-off document's own)."""

    def read(src: SourceText, ledger: LineLedger, declared: Declared) -> Any:
        if declared.state != "PRY":
            raise ExtractionError(
                src.key, None, f"kind 'compilation' reads Paraguay's compilation; state is {declared.state!r}"
            )
        return extract(src, ledger)

    return read


#: What every kind of document is read with: kind → its stages, in order.
KINDS: dict[str, tuple[Stage, ...]] = {
    "compilation": (
        Stage("treaty-status", _legacy(ratification_tables.extract), treaty_status.write,
              ("status rows",), ratification_tables.check),
        Stage("instruments", _legacy(instruments.extract), rdf_instruments.write,
              ("instruments",), instruments.check),
        Stage("general-comments", _legacy(general_comments.extract), rdf_general_comments.write),
        Stage("concluding-observations", _legacy(compilation_co.extract), recommendations.write,
              ("co-recommendations",)),
        Stage("inter-american", _legacy(inter_american.extract), recommendations.write),
        Stage("national-recommendations", _legacy(national_recommendations.extract), recommendations.write),
    ),
    "upr-national-report": (
        Stage("upr-national-report", upr_national_report.read_print, upr_reports.write_national_report,
              upr_national_report.REQUIRED_UNITS, upr_national_report.check),
    ),
    "upr-compilation": (
        Stage("upr-compilation", upr_compilation.read, upr_reports.write, upr_compilation.REQUIRED_UNITS),
    ),
    "upr-stakeholder-summary": (
        Stage("upr-stakeholder-summary", upr_stakeholder_summary.read, upr_reports.write,
              upr_compilation.REQUIRED_UNITS),
    ),
    "state-report": (
        Stage("state-report", state_report.read_print, periodic_reports.write, state_report.REQUIRED_UNITS),
    ),
    "concluding-observations": (
        Stage("concluding-observations", concluding_observations.read, treaty_bodies.write,
              concluding_observations.REQUIRED_UNITS),
    ),
    "follow-up-reply": (
        Stage("follow-up-reply", follow_up_reply.read, treaty_bodies.write, follow_up_reply.REQUIRED_UNITS),
    ),
    "treaty-status": (
        Stage("treaty-status", treaty_status_csv.read, rdf_treaty_status_csv.write, ("status rows",)),
    ),
    "follow-up-assessment": (
        Stage("follow-up-assessment", follow_up_assessment.read, treaty_bodies.write,
              follow_up_assessment.REQUIRED_UNITS),
    ),
}  # fmt: skip

REFERENCE_GRAPH, ONTOLOGY_GRAPH, INFERRED_GRAPH = iri.REFERENCE_GRAPH, iri.ONTOLOGY_GRAPH, iri.INFERRED_GRAPH
TTL_NAME, SUMMARY_NAME = "hrgraph.ttl", "summary.json"
# Written into every build directory: ``build`` replaces only a directory that holds it.
MARKER_NAME = ".hrgraph-build"


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
    empty: list[str] = field(default_factory=list)  # documents a reader read none of the units of
    sources: list[SourceMeta] = field(default_factory=list)
    written: bool = False  # whether ``out`` now holds this build
    plan: Plan = field(default_factory=Plan)  # what was reused from the previous build
    records: dict[str, SourceRecord] = field(default_factory=dict)  # for the next build's cache

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
            "empty": self.empty,
            "sources": [_source_row(m, self) for m in self.sources],
            "build": self.plan.to_json(),
        }


def _source_row(meta: SourceMeta, report: BuildReport) -> dict[str, Any]:
    """A source as ``summary.json`` lists it (what ``hrgraph sources`` shows)."""
    return {
        "key": meta.key,
        "kind": meta.kind,
        "state": meta.state,
        "symbol": meta.symbol,
        "language": meta.language,
        "date": meta.date,
        "path": str(meta.path),
        "sha256": meta.sha256,
        "lines_read": sum(report.lines.get(meta.key, {}).values()),
        "lines_unread": len(report.unread.get(meta.key, [])),
    }


def extract_all(
    sources: list[SourceMeta], report: BuildReport, previous: Previous | None = None
) -> dict[str, GraphWriter]:
    """Run every stage of every source ``previous`` cannot give (every file's checksum is
    checked all the same); returns one writer per extracted source's graph, and keeps each
    source's part of the report in ``report.records``."""
    writers: dict[str, GraphWriter] = {}
    iris = {m.key: m.iri for m in sources}
    texts = {meta.key: meta.read() for meta in sources}
    for meta in sources:
        record = previous.reusable(meta) if previous is not None else None
        if record is not None:
            _restore(record, meta.key, report)
        else:
            extracted = _extract(meta, texts[meta.key], GraphWriter(meta.graph, iris), report)
            writers[meta.key], record = extracted.writer, extracted.record
        report.records[meta.key] = record
    return writers


@dataclass
class _Extracted:
    writer: GraphWriter
    record: SourceRecord


def _extract(meta: SourceMeta, text: SourceText, writer: GraphWriter, report: BuildReport) -> _Extracted:
    """One source through its stages; its part of the report, as the cache keeps it."""
    ledger = LineLedger(text)
    write_source(meta, writer)
    stages, checks, empty = len(report.stages), set(report.checks), len(report.empty)
    for stage in KINDS[meta.kind]:
        run_stage(stage, meta, text, ledger, writer, report)
    report.unread[meta.key] = ledger.unaccounted()
    report.lines[meta.key] = dict(sorted(ledger.counts().items()))
    record = SourceRecord(
        identity=identity(meta),
        stages=[dict(s.__dict__) for s in report.stages[stages:]],
        checks={k: v for k, v in report.checks.items() if k not in checks},
        lines=report.lines[meta.key],
        unread=[[n, t] for n, t in report.unread[meta.key]],
        empty=report.empty[empty:],
    )
    return _Extracted(writer, record)


def _restore(record: SourceRecord, key: str, report: BuildReport) -> None:
    """A reused source's part of the report, from the previous build's cache."""
    report.stages.extend(StageReport(**s) for s in record.stages)
    report.checks.update(record.checks)
    report.empty.extend(record.empty)
    report.unread[key] = [(int(n), str(t)) for n, t in record.unread]
    report.lines[key] = dict(record.lines)


def run_stage(
    stage: Stage, meta: SourceMeta, src: SourceText, ledger: LineLedger, w: GraphWriter, report: BuildReport
) -> None:
    """Read one source with one stage, write its records, and account for what it read."""
    started = time.perf_counter()
    records = stage.read(src, ledger, meta.declared)
    counts = dict(records.counts())
    missing = [unit for unit in stage.required if not counts.get(unit)]
    if missing:
        report.empty.append(f"{meta.path}: the {stage.name} reader read no {', no '.join(missing)}")
    stage.write(records, w)
    name = stage.name if meta.kind == "compilation" else f"{stage.name} {meta.key}"
    if stage.check is not None:
        report.checks[name] = stage.check(records)
    problems = [str(p) for p in records.problems]
    report.stages.append(StageReport(name, meta.key, counts, problems, time.perf_counter() - started))


def load_ontology(store: GraphStore, directory: Path = ONTOLOGY_DIR) -> None:
    """Every ``ontology/*.ttl`` module (not the shapes) into the ontology graph."""
    for path in sorted(directory.glob("*.ttl")):
        store.load_file(path, "ttl", graph=ONTOLOGY_GRAPH)


def assemble(
    report: BuildReport,
    store: GraphStore | None = None,
    sources: list[SourceMeta] | None = None,
    previous: Previous | None = None,
) -> GraphStore:
    """Extract every source (default: the shipped ones) and load them, with reference data and
    the ontology, into a store. Given the ``previous`` build, its graphs of the sources it can
    give are reused, and its inferred graph kept (:mod:`hrgraph.build_cache`); ``report.plan``
    says what was reused."""
    started = time.perf_counter()
    sources = load_all([]) if sources is None else sources
    report.sources = sources
    store = store or GraphStore()
    with loading_previous(store, previous.nquads if previous is not None else None):
        writers = extract_all(sources, report, previous)  # while the previous build loads
        ref = GraphWriter(REFERENCE_GRAPH, {m.key: m.iri for m in sources})
        write_reference(ref)
        treaty_status.write_curated(ref)  # curated deposit dates, with sources
        recommendations.write_curated(ref)  # Court judgment dates, with sources
        report.seconds["extract"] = time.perf_counter() - started
        started = time.perf_counter()
    old: dict[str, set[Quad]] = {}
    if previous is not None:
        kept = {m.graph for m in sources if m.key not in writers} | {INFERRED_GRAPH}
        old = {g: set(store.quads(g)) for g in (REFERENCE_GRAPH, ONTOLOGY_GRAPH)}
        for graph in store.graphs():
            if graph not in kept:
                store.store.remove_graph(NamedNode(graph))
    for w in [*writers.values(), ref]:
        store.add_quads(w.quads)
    load_ontology(store)
    if previous is not None:
        _plan(report, previous, writers, old == {g: set(store.quads(g)) for g in old})
    report.seconds["load"] = time.perf_counter() - started
    return store


def _plan(
    report: BuildReport, previous: Previous, writers: dict[str, GraphWriter], same_schema: bool
) -> None:
    """What an incremental build reused, and whether its reasoning may continue from the old."""
    plan = report.plan
    plan.mode = "incremental"
    plan.reused = [m.key for m in report.sources if m.key not in writers]
    plan.extracted = list(writers)
    plan.removed = sorted(set(previous.records) - set(plan.reused))
    if plan.removed:
        plan.why = f"removed or changed: {', '.join(plan.removed)}"
    elif not same_schema:
        plan.why = "the reference or ontology graph changed"
    elif previous.conclusions is None:
        plan.why = "the previous build kept no conclusions of its reasoning"


Checked = TypeVar("Checked")


def write_graphs(
    store: GraphStore,
    directory: Path,
    beside: Callable[[], Checked] | None = None,
    fork: bool | None = None,
) -> tuple[dict[str, int], Checked | None]:
    """``hrgraph.nq`` (every named graph) and ``hrgraph.ttl`` (the asserted graphs); the triples
    of each named graph, counted on the way, and what ``beside()`` returned. The store's VoID
    counts (:func:`~hrgraph.publish.void.write_counts`) are made after ``beside`` and written
    in ``hrgraph.nq`` only.

    Where the store is large enough (``fork``; by default :meth:`GraphStore.forks`), a forked
    child (:class:`~hrgraph.store.Forked`) dumps the asserted graphs again on its copy of the
    store, writes the Turtle and runs ``beside`` (the build's validation), while this process
    writes the N-Quads: the dumps, sorts and serialisers hold the GIL, so threads could not
    share the work. The two files have the bytes :meth:`GraphStore.serialize_all` writes either
    way; in the benchmark's 1M pipeline, validating then exporting took 5.89 and 6.50 s,
    validating beside the export 5.31 s. Else ``beside`` runs first, then both files are
    written from one dump of each graph. A child's error is raised here; an error here stops
    the child."""
    from hrgraph.publish.void import write_counts

    asserted = [g for g in store.graphs() if g not in iri.UNASSERTED_GRAPHS]
    nquads = (partial(atomic_write, directory / NQ_NAME), "nq", None)
    turtle = (partial(atomic_write, directory / TTL_NAME), "ttl", asserted)
    if not (store.forks() if fork is None else fork):
        checked = beside() if beside is not None else None
        write_counts(store)
        return store.serialize_all([nquads, turtle]), checked

    def in_child() -> Checked | None:
        store.serialize_all([turtle])
        return beside() if beside is not None else None

    child = Forked(in_child)
    try:
        write_counts(store)  # while the child works: its copy has no use for them
        sizes = store.serialize_all([nquads])
    except BaseException:
        child.stop()
        raise
    return sizes, child.wait()


class NotConformingError(Exception):
    """The build does not conform to the shapes: what was written is not published."""


def write_outputs(
    store: GraphStore,
    directory: Path,
    report: BuildReport,
    validate: bool = False,
    keep_invalid: bool = False,
    fork: bool | None = None,
) -> None:
    """``hrgraph.nq`` (every named graph), ``hrgraph.ttl`` (asserted data), ``summary.json``;
    with ``validate``, the store validated beside the Turtle (:func:`write_graphs`), and
    :class:`NotConformingError` raised before the summary if it does not conform (unless
    ``keep_invalid``); ``fork`` as :func:`write_graphs` takes it."""
    started = time.perf_counter()
    beside = partial(_validation, store) if validate else None
    report.graphs, checked = write_graphs(store, directory, beside, fork)
    if checked is not None:
        report.validation, report.seconds["validate"] = checked
        if not report.validation["conforms"] and not keep_invalid:
            raise NotConformingError(directory)
    from hrgraph.publish import write_publication  # void.ttl, context.jsonld, docs/

    write_publication(store, directory, report.sources)
    report.seconds["export"] = time.perf_counter() - started
    with atomic_write(directory / SUMMARY_NAME) as out:
        out.write(json.dumps(report.to_json(), indent=2, ensure_ascii=False).encode())
    write_cache(directory, report.records)
    with atomic_write(directory / MARKER_NAME) as out:
        out.write(json.dumps({"hrgraph": version("hrgraph")}).encode() + b"\n")


def build(
    out: Path,
    validate_graph: bool = True,
    reason_graph: bool = True,
    store_path: Path | None = None,
    sources: list[Path] | None = None,
    allow_partial: bool = False,
    keep_invalid: bool = False,
    full: bool = False,
) -> BuildReport:
    """Build the shipped sources and those listed in ``sources`` (folders holding a
    ``sources.toml``) into ``out``; raises before touching ``out`` if any step fails.

    A document from which a reader read none of the units its genre must have fails the build
    (:class:`~hrgraph.errors.UsageError`, exit 2) unless ``allow_partial``. A build that does
    not conform to the shapes does not replace the last good build: ``out`` is not changed
    (a large store is validated while its files are written, and the version written is then
    removed) and ``report.written`` is false (the report says how many violations there are; the CLI turns
    them into exit code 1). ``keep_invalid`` writes it all the same.
    """
    report = BuildReport(out)
    check_replaceable(out)
    if store_path is not None and store_path.exists() and any(store_path.iterdir()):
        raise UsageError(f"--store {store_path}: not empty; give a new directory for the on-disk store")
    previous, why = (None, "--full") if full else previous_build(out)
    report.plan.why = why
    store = assemble(
        report, GraphStore(store_path) if store_path else None, load_all(sources or []), previous
    )
    if report.empty and not allow_partial:
        raise UsageError(
            "; ".join(report.empty) + " (nothing was written; check the kind, or build with --allow-partial)"
        )
    conclusions: Conclusions | None = None
    if reason_graph:
        started = time.perf_counter()
        known = previous.conclusions if previous is not None else None
        report.reasoning, conclusions = _reason(store, report.plan, known)
        report.seconds["reason"] = time.perf_counter() - started
    elif INFERRED_GRAPH in store.graphs():
        store.store.remove_graph(NamedNode(INFERRED_GRAPH))
    forks = store.forks()
    beside = validate_graph and forks  # validated beside the export (write_graphs)
    if validate_graph and not beside:
        report.validation, report.seconds["validate"] = _validation(store)
        if not report.validation["conforms"] and not keep_invalid:
            return report

    def write(staging: Path) -> None:
        write_outputs(store, staging, report, validate=beside, keep_invalid=keep_invalid, fork=forks)
        if conclusions is not None:  # after hrgraph.nq, whose stamp they record
            write_conclusions(staging, conclusions)

    try:
        publish(out, write)
    except NotConformingError:
        return report  # the new version was removed: ``out`` is the last good build
    report.written = True
    return report


def _validation(store: GraphStore) -> tuple[dict[str, Any], float]:
    """The validation report's summary of every graph of ``store``, and the seconds it took."""
    from hrgraph.validate import validate_store

    started = time.perf_counter()
    return validate_store(store).summary(), time.perf_counter() - started


def _reason(store: GraphStore, plan: Plan, known: Conclusions | None) -> tuple[dict[str, Any], Conclusions]:
    """Continue the previous build's reasoning where that is exact (from its ``known``
    conclusions), else reason in full; returns the figures and the conclusions of the rules
    that are not monotonic on the reasoned store, for the next build."""
    from hrgraph.reason import load_rules, reason, reason_more

    if plan.mode == "incremental" and not plan.why and known is not None:
        conclusions = Conclusions(dict(known.rules), dict(known.parts))
        stats = reason_more(store, [iri.graph(k) for k in plan.extracted], conclusions=conclusions)
        if stats is not None:
            plan.reasoning = "incremental: continued from the previous inferred graph"
            return stats, conclusions
        plan.reasoning = (
            "full: a rule with negation or aggregates withdrew a conclusion of the previous build"
        )
    else:
        plan.reasoning = f"full: {plan.why}" if plan.why else "full"
    stats = reason(store)
    conclusions = Conclusions.of(store, load_rules())
    stats["conclusions_seconds"] = round(conclusions.seconds, 3)
    return stats, conclusions


def is_build(directory: Path) -> bool:
    """Whether ``directory`` is a build hrgraph wrote: its marker, or (builds of 0.1.0, which
    wrote none) exactly the files such a build holds."""
    if not directory.is_dir():
        return False
    if (directory / MARKER_NAME).is_file():
        return True
    legacy = {NQ_NAME, TTL_NAME, SUMMARY_NAME, "void.ttl", "context.jsonld", "docs"}
    names = {p.name for p in directory.iterdir()}
    return {NQ_NAME, SUMMARY_NAME} <= names <= legacy


def check_replaceable(out: Path) -> None:
    """Refuse to build into ``out`` if it holds anything hrgraph did not write (nothing is touched).

    ``out`` may be missing, a build directory (with the marker), an empty directory, or a
    symbolic link that points into ``out``'s version store or at a build."""
    if out.is_symlink():
        target = Path(os.path.realpath(out))
        if target.parent == Path(os.path.realpath(version_store(out))) or is_build(target):
            return
        raise UsageError(
            f"--out {out}: a link to {target}, which is not an hrgraph build; nothing was touched. "
            "Give an empty or new directory."
        )
    if not out.exists():
        return
    if not out.is_dir():
        raise UsageError(f"--out {out}: is a file, not a build directory; give another path")
    if any(out.iterdir()) and not is_build(out):
        raise UsageError(
            f"--out {out}: the directory holds files that are not an hrgraph build "
            f"(no {MARKER_NAME}); nothing was touched. Give an empty or new directory."
        )


# The swap --------------------------------------------------------------------------------------
# ``out`` is a symbolic link to one version of the build in ``.OUT.d/`` (beside it): a build is
# written into ``.OUT.d/.new-XXXX``, renamed ``.OUT.d/v-<nanoseconds>-XXXX`` once complete, and
# published by pointing a new link ``.OUT.tmp-link`` at it and renaming that link over ``out``:
# one ``rename(2)``, so ``out`` names the old build or the new one at every instant. A real
# ``out`` directory (a build of hrgraph ≤ 0.3) is exchanged with the link by one
# ``renameat2(RENAME_EXCHANGE)`` and then moved into the store. Versions but the last
# :data:`KEEP_VERSIONS` are removed after the swap; what a killed build left is cleaned first.

KEEP_VERSIONS = 2  # the build ``out`` names and the one before it (a server may still read it)


def version_store(out: Path) -> Path:
    """The folder holding the versions of the build ``out`` links to."""
    return out.with_name(f".{out.name}.d")


def _temp_link(out: Path) -> Path:
    return out.with_name(f".{out.name}.tmp-link")


def publish(out: Path, write: Callable[[Path], None]) -> Path:
    """Write a new version of the build with ``write(directory)`` and make ``out`` name it.

    Raises before ``out`` changes if ``write`` fails; returns the version's directory."""
    store = version_store(out)
    store.mkdir(parents=True, exist_ok=True)
    clean_stale(out)
    staging = Path(tempfile.mkdtemp(dir=store, prefix=".new-"))
    try:
        write(staging)
        follow_umask(staging)
        version = store / f"v-{time.time_ns():020d}-{staging.name[5:]}"
        os.rename(staging, version)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(version, out)
    _prune(out)
    return version


def _swap(version: Path, out: Path) -> None:
    """Make ``out`` a link to ``version`` with one rename (module comment above)."""
    link = _temp_link(out)
    if link.is_symlink():
        link.unlink()
    os.symlink(os.path.relpath(version, out.parent), link)
    if out.is_symlink() or not out.exists():
        os.replace(link, out)
        return
    if _exchange(link, out):  # ``link`` now names the old directory
        os.rename(link, version_store(out) / f"v-{time.time_ns():020d}-migrated")
        return
    # No atomic exchange on this system: a kill between these two renames leaves ``out``
    # missing and the link beside it, which the next build puts in place (clean_stale).
    os.rename(out, version_store(out) / f"v-{time.time_ns():020d}-migrated")
    os.replace(link, out)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False if unsupported."""
    import ctypes
    import errno

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def clean_stale(out: Path) -> None:
    """Finish or remove what a killed build left beside ``out``: staging folders, the temporary
    link (put in place if ``out`` is missing), an old directory not yet moved into the store."""
    store, link = version_store(out), _temp_link(out)
    for stale in store.glob(".new-*"):
        shutil.rmtree(stale, ignore_errors=True)
    if link.is_symlink():
        if not out.exists() and not out.is_symlink() and is_build(Path(os.path.realpath(link))):
            os.replace(link, out)
        else:
            link.unlink()
    elif link.is_dir() and is_build(link):
        os.rename(link, store / f"v-{time.time_ns():020d}-migrated")
    for stale in out.parent.glob(f".{out.name}.new-*"):  # staging folders of hrgraph ≤ 0.3
        shutil.rmtree(stale, ignore_errors=True)


def _prune(out: Path) -> None:
    """Remove the versions but the one ``out`` names and the newest others, KEEP_VERSIONS in all."""
    current = Path(os.path.realpath(out)).name
    others = sorted((p for p in version_store(out).glob("v-*") if p.name != current), reverse=True)
    for old in others[KEEP_VERSIONS - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


def follow_umask(root: Path) -> None:
    """Give ``root`` and everything below it the modes the umask allows (``tempfile`` creates
    0600 files and 0700 folders)."""
    mask = current_umask()
    os.chmod(root, 0o777 & ~mask)
    for path in root.rglob("*"):
        os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~mask)


def open_build(out: Path, store_path: Path | None = None) -> GraphStore:
    """The store of the last build (``build/hrgraph.nq``); never rebuilds silently."""
    nq = out / NQ_NAME
    if not nq.is_file():
        raise UsageError(f"no build found at {nq}: run 'hrgraph build' first")
    store = GraphStore(store_path)
    if store_path is None or len(store) == 0:
        store.load_file(nq, "nq")
    return store
