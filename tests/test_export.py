"""The store's deterministic serialisation (``GraphStore.serialize`` / ``serialize_all``).

The canonical order is defined from the terms, not from the writer: N-Quads are the graphs in
the order of their IRIs (the default graph first), each graph's triples as the sorted lines
``str(s) str(p) str(o) <g> .``; triple formats are the sorted distinct lines of all their graphs.
The tests build that text from ``store.quads()`` (pyoxigraph's own N-Triples forms of the terms)
and compare bytes, so a writer that drops, repeats, reorders or mis-escapes a quad fails.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from contextlib import nullcontext
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, RdfFormat, parse

import hrgraph.store
from hrgraph.build import BuildReport, write_graphs
from hrgraph.iri import UNASSERTED_GRAPHS
from hrgraph.store import GraphStore, Opener

G1, G2 = "urn:test:g1", "urn:test:g2"
#: The export forks on Linux only (GraphStore.forks).
FORKS = pytest.mark.skipif(sys.platform != "linux", reason="the export forks on Linux only")


def tricky_store() -> GraphStore:
    """Quads that stress a line-based writer: a literal holding `` .`` and a newline (escaped in
    N-Triples), one holding the text of a graph suffix, a triple in two graphs, blank nodes, a
    language tag, and a default graph."""
    s, p, q = NamedNode("urn:s"), NamedNode("urn:p"), NamedNode("urn:q")
    b = BlankNode("b1")
    store = GraphStore()
    store.add_quads(
        [
            Quad(s, p, Literal("a .\nb ."), NamedNode(G1)),
            Quad(s, p, Literal(f"x <{G2}> ."), NamedNode(G1)),
            Quad(s, q, Literal("both graphs", language="en"), NamedNode(G1)),
            Quad(s, q, Literal("both graphs", language="en"), NamedNode(G2)),
            Quad(
                b,
                p,
                Literal("7", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
                NamedNode(G2),
            ),
            Quad(s, p, b, NamedNode(G2)),
            Quad(NamedNode("urn:d"), p, Literal("default"), DefaultGraph()),
        ]
    )
    return store


def expected_nquads(store: GraphStore) -> bytes:
    """The canonical N-Quads, built from the quads' terms."""
    default = [q for q in store.store.quads_for_pattern(None, None, None, DefaultGraph())]
    out = sorted(f"{q.subject} {q.predicate} {q.object} .\n".encode() for q in default)
    for graph in store.graphs():
        lines = sorted(f"{q.subject} {q.predicate} {q.object} .\n".encode() for q in store.quads(graph))
        out += [line[:-3] + f" <{graph}> .\n".encode() for line in lines]
    return b"".join(out)


def expected_ntriples(store: GraphStore, graphs: list[str]) -> bytes:
    """The canonical merged N-Triples of ``graphs``: sorted distinct lines."""
    lines = {f"{q.subject} {q.predicate} {q.object} .\n".encode() for g in graphs for q in store.quads(g)}
    return b"".join(sorted(lines))


def disk_full(*_: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def opener(out: io.BytesIO) -> Opener:
    return lambda: nullcontext(out)


def written(store: GraphStore, fmt: str, graphs: list[str] | None = None) -> bytes:
    out = io.BytesIO()
    store.serialize(out, fmt, graphs)
    return out.getvalue()


def test_nquads_are_the_sorted_lines_graph_by_graph() -> None:
    # oracle: expected_nquads, from the terms
    store = tricky_store()
    assert written(store, "nq") == expected_nquads(store)


def test_a_triple_in_two_graphs_is_written_once_in_a_triple_format() -> None:
    # oracle: expected_ntriples (a set of lines); the Turtle read back gives the same triples in that order
    store = tricky_store()
    nt = written(store, "nt", [G1, G2])
    assert nt == expected_ntriples(store, [G1, G2])
    assert nt.count(b'"both graphs"@en') == 1
    ttl = written(store, "ttl", [G1, G2])
    back = [f"{q.subject} {q.predicate} {q.object} .\n".encode() for q in parse(ttl, RdfFormat.TURTLE)]
    assert b"".join(back) == nt


def test_trig_keeps_the_graphs_in_order() -> None:
    # oracle: the TriG read back as quads, written as N-Quads lines, equals expected_nquads
    store = tricky_store()
    back = parse(written(store, "trig"), RdfFormat.TRIG)
    lines = [
        f"{q.subject} {q.predicate} {q.object}{'' if isinstance(q.graph_name, DefaultGraph) else f' {q.graph_name}'} .\n"
        for q in back
    ]
    assert "".join(lines).encode() == expected_nquads(store)


def test_serialize_all_writes_what_each_serialize_writes() -> None:
    # oracle: each output written alone by serialize (one dump per graph shared must not change a
    # byte); the triples counted per graph on the way are the engine's COUNT
    store = tricky_store()
    plan = [("nq", None), ("ttl", [G1, G2]), ("nt", [G2]), ("nq", [G1]), ("trig", None)]
    outs = [io.BytesIO() for _ in plan]
    sizes = store.serialize_all(
        [(opener(out), fmt, graphs) for out, (fmt, graphs) in zip(outs, plan, strict=True)]
    )
    assert sizes == {g: store.graph_size(g) for g in store.graphs()}  # oracle: the engine's COUNT
    for out, (fmt, graphs) in zip(outs, plan, strict=True):
        assert out.getvalue() == written(store, fmt, graphs), (fmt, graphs)


@FORKS
def test_the_export_child_writes_the_bytes_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # oracle: each file written alone by serialize, in this process; the Turtle written by a
    # forked child from its own dumps while this process writes the N-Quads must not change a
    # byte, nor what the child's validation (here: a count) sends back
    monkeypatch.setattr(hrgraph.store, "FORK_FROM", 1)  # the tricky store is forked over too
    store = tricky_store()
    assert store.forks()
    sizes, checked = write_graphs(store, tmp_path, lambda: store.graph_size(G1))
    assert sizes == {g: store.graph_size(g) for g in store.graphs()}
    assert checked == store.graph_size(G1)
    assert (tmp_path / "hrgraph.nq").read_bytes() == written(store, "nq")
    assert (tmp_path / "hrgraph.ttl").read_bytes() == written(store, "ttl", [G1, G2])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hrgraph.nq", "hrgraph.ttl"]  # no temporary left


@FORKS
def test_a_failed_write_in_the_export_child_names_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # oracle: atomic_write's contract, kept across the fork: the child's error comes back to the
    # build (its errno, the file it was writing), the child leaves no temporary file, and the
    # N-Quads the parent wrote are whole
    monkeypatch.setattr(hrgraph.store, "_write_sorted", disk_full)
    monkeypatch.setattr(hrgraph.store, "FORK_FROM", 1)  # the tricky store is forked over too
    store = tricky_store()
    with pytest.raises(OSError) as caught:
        write_graphs(store, tmp_path)
    assert caught.value.filename == str(tmp_path / "hrgraph.ttl")
    assert caught.value.errno == errno.ENOSPC
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hrgraph.nq"]
    assert (tmp_path / "hrgraph.nq").read_bytes() == expected_nquads(store)


@FORKS
def test_a_failed_write_of_the_nquads_stops_the_export_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # oracle: atomic_write's contract in both processes: the parent's error names hrgraph.nq,
    # the child is stopped, and neither leaves a temporary file
    monkeypatch.setattr(hrgraph.store, "_nquads", disk_full)  # only the parent writes N-Quads
    monkeypatch.setattr(hrgraph.store, "FORK_FROM", 1)
    with pytest.raises(OSError) as caught:
        write_graphs(tricky_store(), tmp_path)
    assert caught.value.filename == str(tmp_path / "hrgraph.nq")
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.slow
def test_build_outputs_are_the_canonical_serialisation(
    built: tuple[Path, BuildReport], store: GraphStore
) -> None:
    # oracle: expected_nquads / expected_ntriples of the seed build's store, from its terms;
    # hrgraph.ttl read back gives the asserted graphs' sorted distinct lines in order
    out = built[0]
    assert (out / "hrgraph.nq").read_bytes() == expected_nquads(store)
    asserted = [g for g in store.graphs() if g not in UNASSERTED_GRAPHS]
    back = parse(path=str(out / "hrgraph.ttl"), format=RdfFormat.TURTLE)
    lines = b"".join(f"{q.subject} {q.predicate} {q.object} .\n".encode() for q in back)
    assert lines == expected_ntriples(store, asserted)


def test_a_failed_write_names_the_file_it_was_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # oracle: atomic_write's contract (the error names its file, no temporary file is left);
    # the Turtle is written after the N-Quads, in its own context, so the error names it
    monkeypatch.setattr(hrgraph.store, "_write_sorted", disk_full)
    with pytest.raises(OSError) as caught:
        write_graphs(tricky_store(), tmp_path)
    assert caught.value.filename == str(tmp_path / "hrgraph.ttl")
    assert caught.value.errno == errno.ENOSPC
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hrgraph.nq"]
