"""The embedded store: one small interface over pyoxigraph.

In memory by default; on disk when given a path (``--store PATH``). Queries take parameters
as RDF terms, bound by a ``VALUES`` block that pyoxigraph serialises (:func:`with_values`),
never by pasting strings into the query text.

>>> s = GraphStore()
>>> s.load_bytes(b'<urn:a> <urn:p> "x" .', "nt", graph="urn:g")
>>> [row["o"].value for row in s.select("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }")]
['x']
"""

from __future__ import annotations

import os
import pickle
import re
import signal
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from itertools import chain, compress
from operator import ne
from pathlib import Path
from typing import IO, Generic, TypeVar

import rdflib
from pyoxigraph import (
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolution,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    Variable,
    parse,
    serialize,
)

from hrgraph.errors import HrgraphError
from hrgraph.namespace import PREFIXES

Term = NamedNode | Literal
Result = TypeVar("Result")
#: Opens an output of :meth:`GraphStore.serialize_all` (e.g. ``partial(atomic_write, path)``).
Opener = Callable[[], AbstractContextManager[IO[bytes]]]

FORMATS: dict[str, RdfFormat] = {
    "ttl": RdfFormat.TURTLE,
    "turtle": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "nq": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "jsonld": RdfFormat.JSON_LD,
    "json": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML,
    "xml": RdfFormat.RDF_XML,
    "rdf": RdfFormat.RDF_XML,
    "owl": RdfFormat.RDF_XML,
}


class QueryError(HrgraphError, ValueError):
    """A SPARQL query that does not parse or cannot run; the message says where."""


class RdfSyntaxError(HrgraphError, ValueError):
    """An RDF file that does not parse; the message names the file, line and column."""


def rdf_format(name: str) -> RdfFormat:
    try:
        return FORMATS[name.lower().lstrip(".")]
    except KeyError:
        raise RdfSyntaxError(
            f"unknown RDF format {name!r} (one of {', '.join(FORMATS)}); give --format"
        ) from None


class GraphStore:
    """A pyoxigraph store holding hrgraph's named graphs."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.store = Store(str(path)) if path is not None else Store()

    # loading -----------------------------------------------------------------------
    def add_quads(self, quads: Iterable[Quad]) -> None:
        self.store.extend(quads)

    def load_bytes(self, data: bytes, fmt: str, graph: str | None = None) -> None:
        """Parse ``data`` into ``graph`` (or the quads' own graphs)."""
        to_graph = NamedNode(graph) if graph else None
        try:
            self.store.load(data, rdf_format(fmt), to_graph=to_graph)
        except SyntaxError as err:
            raise RdfSyntaxError(f"<bytes>: {err}") from err

    def load_file(self, path: Path, fmt: str | None = None, graph: str | None = None) -> None:
        """Load ``path`` into ``graph`` (or the quads' own graphs). Nothing is counted:
        ``len()`` of a pyoxigraph store scans it (0.25 s at 2.2M quads).

        The engine reads the file itself into an in-memory store (``load``: the synthetic 1M
        graph in 2.6 s, where ``bulk_load`` from a Python file took 3.0 s; on the reasoned one,
        1.6M quads, a peak of 595 MB against 742 MB); an on-disk store, or a file that starts
        with a UTF-8 byte order mark (read as nothing), is bulk-loaded from a Python file."""
        to_graph = NamedNode(graph) if graph else None
        fmt_obj = rdf_format(fmt or path.suffix)
        try:
            with path.open("rb") as handle:
                bom = handle.read(3) == BOM
                if self.path is not None or bom:
                    if not bom:
                        handle.seek(0)
                    self.store.bulk_load(handle, format=fmt_obj, to_graph=to_graph)
                    return
            self.store.load(path=str(path), format=fmt_obj, to_graph=to_graph)
        except SyntaxError as err:
            raise RdfSyntaxError(f"{path}: {err}") from err

    # reading -----------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.store)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, NamedNode))

    def graph_size(self, graph: str) -> int:
        """Triples in ``graph``, counted by the engine (2.5× faster than iterating at 1M)."""
        count_query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {NamedNode(graph)} {{ ?s ?p ?o }} }}"
        result = self.store.query(count_query)
        assert isinstance(result, QuerySolutions)
        count = next(iter(result))["n"]
        assert isinstance(count, Literal)
        return int(count.value)

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        g = NamedNode(graph) if graph else None
        return iter(self.store.quads_for_pattern(None, None, None, g))

    def query(
        self, sparql: str, bindings: Mapping[str, Term] | None = None, union: bool = True
    ) -> QuerySolutions | bool | QueryTriples:
        """Run a SPARQL query over the union of the named graphs (by default).

        ``bindings`` are bound with a trailing ``VALUES`` clause (:func:`with_values`).
        """
        try:
            result = self.store.query(with_values(sparql, bindings or {}), use_default_graph_as_union=union)
        except SyntaxError as err:
            raise QueryError(describe_syntax_error(sparql, str(err))) from err
        except OSError as err:
            raise QueryError(f"SPARQL evaluation error: {err}") from err
        return bool(result) if isinstance(result, QueryBoolean) else result

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        result = self.query(sparql, bindings)
        if not isinstance(result, bool):
            raise QueryError("expected an ASK query")
        return result

    def select(
        self, sparql: str, bindings: Mapping[str, Term] | None = None, union: bool = True
    ) -> list[QuerySolution]:
        result = self.query(sparql, bindings, union)
        if not isinstance(result, QuerySolutions):
            raise QueryError("expected a SELECT query")
        return list(result)

    def update(self, sparql: str) -> None:
        try:
            self.store.update(sparql)
        except SyntaxError as err:
            raise QueryError(f"SPARQL Update syntax error: {err}") from err

    # writing -----------------------------------------------------------------------
    def sorted_quads(self, graphs: Iterable[str] | None = None) -> list[Quad]:
        """Quads in a canonical order (graph, subject, predicate, object) for byte-stable output."""
        if graphs is None:
            quads = list(self.store)
        else:
            quads = [q for g in graphs for q in self.quads(g)]
        return sorted(
            quads,
            key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)),
        )

    def serialize(self, out: IO[bytes], fmt: str, graphs: Iterable[str] | None = None) -> None:
        """Write the given graphs (all by default) deterministically.

        Triple formats (ttl, nt, rdfxml) merge the graphs into one, in the order of their sorted
        N-Triples lines; quad formats keep them, graph by graph (:meth:`serialize_all`).
        """
        self.serialize_all([(lambda: nullcontext(out), fmt, graphs)])

    def serialize_all(self, outputs: Sequence[tuple[Opener, str, Iterable[str] | None]]) -> dict[str, int]:
        """Write several ``(open, format, graphs)`` outputs from one dump of each graph.

        The engine writes each graph as N-Triples once and Python sorts its lines (bytes; term
        tuples took 27 s and 5 GB at 2.2M quads). N-Quads outputs are written graph by graph as
        the graphs are dumped; the lines of the graphs the other outputs need are kept, and those
        outputs written last. So ``hrgraph.nq`` (every graph) and ``hrgraph.ttl`` (the asserted
        graphs) cost one dump, not two, and at most the Turtle's lines are held at once. Each
        output's bytes are those :meth:`serialize` writes for it alone: quad formats graph by
        graph in the order of their IRIs (the default graph first), triple formats the sorted,
        distinct lines of all their graphs. Returns the number of triples of each named graph
        dumped (its lines: what :meth:`graph_size` counts).

        ``open()`` gives an output's file as a context manager (:func:`atomic_write`), entered
        only while that output is written: the N-Quads during the dumps, each other output
        after, alone, so a failed write (a full disk) is raised in the context of the file it
        was writing, which names it.
        """
        todo = [(out, rdf_format(fmt), self._graph_terms(graphs)) for out, fmt, graphs in outputs]
        needed = sorted({g for _, _, terms in todo for g in terms}, key=_graph_order)
        kept: dict[NamedNode | DefaultGraph, list[bytes]] = {}
        sizes: dict[str, int] = {}
        with ExitStack() as stack:
            streaming = [
                (stack.enter_context(open_()), terms)
                for open_, fmt_obj, terms in todo
                if fmt_obj == RdfFormat.N_QUADS
            ]
            for graph in needed:
                lines = self._sorted_lines(graph)
                if isinstance(graph, NamedNode):
                    sizes[graph.value] = len(lines)
                for out, terms in streaming:
                    if graph in terms:
                        out.writelines(_nquads(graph, lines))
                if any(graph in terms for _, fmt_obj, terms in todo if fmt_obj != RdfFormat.N_QUADS):
                    kept[graph] = lines
        for open_, fmt_obj, terms in todo:
            if fmt_obj != RdfFormat.N_QUADS:
                with open_() as out:
                    _write_sorted(out, fmt_obj, [(g, kept[g]) for g in terms])
        return sizes

    def forks(self) -> bool:
        """Whether this store's files are written with a forked child (``build.write_graphs``):
        on Linux (where it is tested; macOS's system libraries are not safe to use in a forked
        child, Windows has no fork), for a store of at least :data:`FORK_FROM` quads."""
        return sys.platform == "linux" and self._holds(FORK_FROM)

    def _holds(self, count: int) -> bool:
        """Whether the named graphs hold at least ``count`` quads (the engine skips to the
        ``count``-th: 25 ms for 100k of 1.6M, where Python quads took 250 ms)."""
        query = f"ASK {{ {{ SELECT * WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} OFFSET {count - 1} LIMIT 1 }} }}"
        return bool(self.store.query(query))

    def _graph_terms(self, graphs: Iterable[str] | None) -> list[NamedNode | DefaultGraph]:
        """The default graph (if it holds anything) and the named graphs, sorted by IRI."""
        if graphs is not None:
            return [NamedNode(g) for g in sorted(graphs)]
        default: list[NamedNode | DefaultGraph] = []
        if any(True for _ in self.store.quads_for_pattern(None, None, None, DefaultGraph())):
            default.append(DefaultGraph())
        return default + [NamedNode(g) for g in self.graphs()]

    def _sorted_lines(self, graph: NamedNode | DefaultGraph) -> list[bytes]:
        """The triples of ``graph`` as sorted N-Triples lines (each ending in ``b" .\\n"``)."""
        data = self.store.dump(format=RdfFormat.N_TRIPLES, from_graph=graph) or b""
        lines = data.splitlines(keepends=True)
        lines.sort()
        return lines

    def to_rdflib(self, graphs: list[str] | None = None) -> rdflib.Graph:
        """The union of ``graphs`` (default: all) as one rdflib graph, via N-Triples.

        Unsorted (a graph has no order): the canonical sort of ``GraphStore.serialize`` cost a
        quarter of the conversion at 100k triples and is only needed for byte-stable files.
        """
        chosen = self.graphs() if graphs is None else graphs
        triples = (Triple(q.subject, q.predicate, q.object) for g in chosen for q in self.quads(g))
        data = serialize(triples, format=RdfFormat.N_TRIPLES)
        g = rdflib.Graph()
        g.parse(data=data or b"", format="nt")
        return g


def _graph_order(graph: NamedNode | DefaultGraph) -> tuple[bool, str]:
    """The default graph first, then named graphs by IRI (the order of :meth:`GraphStore._graph_terms`)."""
    return (isinstance(graph, NamedNode), graph.value if isinstance(graph, NamedNode) else "")


def _nquads(graph: NamedNode | DefaultGraph, lines: list[bytes]) -> Iterator[bytes]:
    """Sorted N-Triples lines of ``graph`` as N-Quads lines: its name before each final ``" ."``.

    Line by line into the file's buffer: appending the name by ``bytes.replace`` on joined
    chunks of lines wrote the same bytes but took more CPU at 1M triples (3.7 s against 2.5 s
    for ``hrgraph.nq``), the large buffers costing more to allocate and write than the lines.
    """
    if isinstance(graph, DefaultGraph):
        return iter(lines)
    suffix = f" {graph} .\n".encode()
    return (line[:-3] + suffix for line in lines)


def _write_sorted(
    out: IO[bytes], fmt: RdfFormat, graphs: list[tuple[NamedNode | DefaultGraph, list[bytes]]]
) -> None:
    """Sorted N-Triples lines of several graphs in a format other than N-Quads.

    Dataset formats (TriG) keep the graphs; triple formats merge them into their sorted,
    distinct lines (a triple two graphs hold is written once). Sorting the concatenated sorted
    runs is a merge for Python's sort, after which duplicates are adjacent: a line equal to the
    one before it is dropped (``compress``/``ne``: no Python code per line). The lines are the
    engine's own N-Triples, so they are parsed back ``lenient`` (IRIs not validated again:
    Turtle at 1M triples in 1.1 s of CPU instead of 1.9 s, the same bytes).
    """
    if fmt.supports_datasets:
        data = b"".join(line for graph, lines in graphs for line in _nquads(graph, lines))
        serialize(parse(data, RdfFormat.N_QUADS, lenient=True), out, fmt, prefixes=_prefixes(fmt))
        return
    merged = list(chain.from_iterable(lines for _, lines in graphs))
    if len(graphs) > 1:
        merged.sort()
        merged[1:] = compress(merged[1:], map(ne, merged, merged[1:]))  # adjacent duplicates
    if fmt == RdfFormat.N_TRIPLES:
        out.writelines(merged)
        return
    serialize(parse(b"".join(merged), RdfFormat.N_TRIPLES, lenient=True), out, fmt, prefixes=_prefixes(fmt))


#: From this many quads on, ``build.write_graphs`` writes the Turtle (and validates) in a forked
#: child while the N-Quads are written (:meth:`GraphStore.forks`): below it, the fork (its page
#: tables) costs more than it saves.
FORK_FROM = 100_000


class Forked(Generic[Result]):
    """A forked child running ``work`` on a copy of this process; its result (or its error) is
    sent back pickled and returned (raised) by :meth:`wait`.

    The child leaves by ``os._exit``: no ``atexit`` handler and no flush of a buffer it inherited
    (its copy of a half-filled file buffer of the parent's must not be written twice).
    """

    def __init__(self, work: Callable[[], Result]) -> None:
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child
            os.close(read)
            code = 0
            try:
                signal.signal(signal.SIGTERM, _leave)  # stop(): unwind, so temporary files go
                message = pickle.dumps((True, work()))
            except BaseException as err:  # everything goes back to the parent
                code = 1
                try:
                    message = pickle.dumps((False, err))
                except Exception:  # an error that does not pickle goes as its text
                    message = pickle.dumps((False, HrgraphError(f"{type(err).__name__}: {err}")))
            finally:
                try:
                    with os.fdopen(write, "wb") as pipe:
                        pipe.write(message)
                finally:
                    os._exit(code)
        os.close(write)
        self.read = read

    def wait(self) -> Result:
        """Wait for the child; return its result, or raise its error."""
        with os.fdopen(self.read, "rb") as pipe:
            message = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if not message:
            raise HrgraphError(f"the export child {self.pid} ended with status {status}")
        done, value = pickle.loads(message)  # our own child's bytes
        if not done:
            raise value
        return value  # type: ignore[no-any-return]

    def stop(self) -> None:
        """End the child (this process failed; what it writes is not wanted)."""
        os.kill(self.pid, signal.SIGTERM)  # a zombie until waited for: the pid is still ours
        os.waitpid(self.pid, 0)
        os.close(self.read)


def _leave(signum: int, _frame: object) -> None:
    """The export child's SIGTERM handler: leave by an exception, through the ``finally``s."""
    raise SystemExit(128 + signum)


BOM = b"\xef\xbb\xbf"
_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def describe_syntax_error(sparql: str, message: str) -> str:
    """A one-paragraph SPARQL syntax error: line, column, the line itself with a caret.

    >>> message = "error at 2:12: expected one of Prefix not found, ['%']"
    >>> print(describe_syntax_error("SELECT ?x\\nWHERE { ?x nope:p ?o }", message))
    SPARQL syntax error at line 2, column 12: expected one of Prefix not found, ['%']
      WHERE { ?x nope:p ?o }
                 ^
    """
    match = _POSITION.search(message)
    if not match:
        return f"SPARQL syntax error: {message}"
    line, column, detail = int(match[1]), int(match[2]), " ".join(match[3].split())
    if len(detail) > 80:
        detail = detail[: detail.find(",", 30) + 1 if detail.find(",", 30) > 0 else 80] + " …"
    lines = sparql.splitlines() or [""]
    text = lines[min(line, len(lines)) - 1]
    return (
        f"SPARQL syntax error at line {line}, column {column}: {detail}\n"
        f"  {text}\n  {' ' * max(column - 1, 0)}^"
    )


_IRI = re.compile(r"<[^\s<>\"{}|^`\\]*>")
_WORD = re.compile(r"[A-Za-z_][\w-]*(:[\w.-]*)?")


def where_brace(sparql: str) -> int:
    """Index just after the ``{`` that opens the query's outermost group pattern.

    Skips comments, strings, IRIs and nested groups, and reads words whole (``?where`` and
    ``ex:whereabouts`` are not the keyword): the group is the first one at the top level, or,
    for a ``CONSTRUCT``, the one after its template (``WHERE`` is optional before it).
    ``CONSTRUCT WHERE {…}``, whose group is its template too, has none to bind into.

    >>> q = 'PREFIX a: <http://x#> # WHERE {\\nCONSTRUCT { ?where a:p "WHERE {" } WHERE { ?s a:q ?o }'
    >>> q[where_brace(q):]
    ' ?s a:q ?o }'
    >>> "SELECT * { ?s ?p ?o }"[where_brace("SELECT * { ?s ?p ?o }"):]
    ' ?s ?p ?o }'
    """
    words: list[str] = []
    i, depth, groups = 0, 0, 0
    while i < len(sparql):
        ch = sparql[i]
        skipped = _skip(sparql, i)
        if skipped is not None:
            i = skipped
            if ch in "?$":
                words.append("?")
        elif ch == "{":
            if depth == 0:
                construct = "CONSTRUCT" in words and "SELECT" not in words
                if construct and words[-2:] == ["CONSTRUCT", "WHERE"]:
                    raise QueryError("CONSTRUCT WHERE: its group is its template; write the template apart")
                if not construct or groups == 1 or words[-1:] == ["WHERE"]:
                    return i + 1
                groups += 1
            depth += 1
        elif ch == "}":
            depth -= 1
        elif match := _WORD.match(sparql, i):
            words.append(match.group().upper())
            i += len(match.group()) - 1
        i += 1
    raise QueryError("cannot bind parameters: the query has no group pattern")


def _skip(sparql: str, i: int) -> int | None:
    """The index of the last character of the comment, string, IRI or variable starting at
    ``i`` in ``sparql``, or None if none starts there."""
    ch = sparql[i]
    if ch == "#":
        end = sparql.find("\n", i)
        return len(sparql) if end < 0 else end
    if ch in "\"'":
        quote = ch * 3 if sparql.startswith(ch * 3, i) else ch
        i += len(quote)
        while i < len(sparql) and not sparql.startswith(quote, i):
            i += 2 if sparql[i] == "\\" else 1
        return i + len(quote) - 1
    if ch == "<" and _IRI.match(sparql, i):
        return sparql.index(">", i)
    name = _WORD.match(sparql, i + 1) if ch in "?$" else None
    return i + len(name.group()) if name else None


def with_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    """``sparql`` with its parameters bound by a ``VALUES`` block opening its outermost group.

    Placed first inside the outermost ``WHERE { … }``, the block is joined into that group
    before the group's FILTERs run, so ``FILTER (?date >= ?from)`` sees ``?from`` (a trailing
    ``VALUES`` clause would be joined only after them). The terms are written by pyoxigraph's
    own N-Triples serialisation (an IRI is validated when the NamedNode is made; a literal's
    quotes and newlines are escaped), so a value can never change the query's structure. The
    same text runs on every SPARQL 1.1 engine, so remote endpoints bind exactly as the
    embedded store does.

    >>> print(with_values("SELECT ?x WHERE { ?x ?p ?o }", {"o": Literal('a" } DROP ALL #')}))
    SELECT ?x WHERE { VALUES (?o) { ("a\\" } DROP ALL #") } ?x ?p ?o }
    >>> print(with_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": NamedNode("urn:a")}))
    CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<urn:a>) } ?s ?p ?o }
    """
    if not bindings:
        return sparql
    names = " ".join(f"?{Variable(k).value}" for k in bindings)
    terms = " ".join(str(v) for v in bindings.values())
    at = where_brace(sparql)
    return f"{sparql[:at]} VALUES ({names}) {{ ({terms}) }}{sparql[at:]}"


def with_rows(sparql: str, var: str, terms: Iterable[Term]) -> str:
    """``sparql`` with ``VALUES ?var { terms }`` opening its outermost group (where
    :func:`with_values` puts its row): its solutions are those whose ``var`` is one of
    ``terms``, or unbound.

    >>> print(with_rows("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "s", [NamedNode("urn:a"), Literal("b")]))
    CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { <urn:a> "b" } ?s ?p ?o }
    """
    at = where_brace(sparql)
    return f"{sparql[:at]} VALUES ?{Variable(var).value} {{ {' '.join(map(str, terms))} }}{sparql[at:]}"


def _prefixes(fmt: RdfFormat) -> dict[str, str] | None:
    if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.RDF_XML):
        return dict(PREFIXES)
    return None


@contextmanager
def atomic_write(path: Path) -> Iterator[IO[bytes]]:
    """Write to a temporary file beside ``path``, renamed into place only on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~current_umask())  # mkstemp creates 0600; the file follows the umask
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        if err.filename is None:  # a failed write (disk full…): name the file it was writing
            raise OSError(err.errno, err.strerror or str(err), str(path)) from err
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    """This process's umask (from ``/proc/self/status``, else set and restored)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def parse_file(path: Path, fmt: str | None = None) -> list[Quad]:
    """Parse an RDF file into quads; a syntax error names the file and position."""
    try:
        with path.open("rb") as handle:
            if handle.read(3) != BOM:
                handle.seek(0)
            return list(parse(handle, format=rdf_format(fmt or path.suffix)))
    except SyntaxError as err:
        raise RdfSyntaxError(f"{path}: {err}") from err


__all__ = [
    "GraphStore",
    "QueryError",
    "RdfSyntaxError",
    "atomic_write",
    "current_umask",
    "parse_file",
    "with_values",
]
