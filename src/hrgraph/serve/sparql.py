"""One SPARQL query as the endpoint runs it: what it may do, in which format, within which bounds.

- :func:`screen` decides on rdflib's parse tree whether a query may run at all: ``SERVICE``,
  SPARQL Update (``LOAD`` …) and IRIs of fetching schemes (``file:`` …) are refused
  (:class:`RefusedError`, ``403``); a query the screen cannot parse is refused (``400``);
- :func:`isolate_network` takes the calling process (a query worker) off the network;
- :func:`negotiate` picks the result format from ``Accept`` or ``format=``;
- :func:`execute` runs a :class:`Job` on a store within its :class:`Limits` (rows and bytes of
  the result: ``422``) and gives the :data:`Answer` (status, content type, body).

The processes that call :func:`execute` are in :mod:`hrgraph.serve.workers`; the HTTP layer is
:mod:`hrgraph.serve.endpoint`.

>>> screen("SELECT * WHERE { ?s ?p ?o } # SERVICE in a comment is fine")
>>> screen("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
hrgraph.serve.sparql.RefusedError: 403 SERVICE is refused: this endpoint never fetches what a query names
>>> negotiate("text/csv;q=0.9, application/sparql-results+json", "solutions")[1]
'application/sparql-results+json'
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any, cast

from pyoxigraph import NamedNode, QueryResultsFormat, RdfFormat, Store, parse_query_results
from pyoxigraph import serialize as rdf_serialize
from pyparsing import ParseException, ParseResults
from rdflib import URIRef
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

Answer = tuple[int, str, bytes]
GiB = 1024**3


@dataclass(frozen=True)
class Job:
    sparql: str
    accept: str
    override: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass
class Limits:
    """The bounds of a query (seconds, bytes, rows, memory per worker) and of the pool
    (worker processes, how many may run slow queries, seconds after which a query is slow,
    seconds to wait for a worker). ``None`` means no bound (the CLI's default)."""

    timeout: float = 10.0
    max_bytes: int | None = 16 * 1024 * 1024
    max_rows: int | None = 100_000
    max_memory: int | None = 2 * GiB
    workers: int = 4
    slow_workers: int = 2
    slow_after: float = 1.0
    queue_wait: float = 30.0


RESULT_TYPES: dict[str, tuple[str, QueryResultsFormat]] = {
    "json": ("application/sparql-results+json", QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", QueryResultsFormat.XML),
    "csv": ("text/csv", QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values", QueryResultsFormat.TSV),
}
GRAPH_TYPES: dict[str, tuple[str, RdfFormat]] = {
    "ttl": ("text/turtle", RdfFormat.TURTLE),
    "nt": ("application/n-triples", RdfFormat.N_TRIPLES),
    "nq": ("application/n-quads", RdfFormat.N_QUADS),
    "rdfxml": ("application/rdf+xml", RdfFormat.RDF_XML),
    "jsonld": ("application/ld+json", RdfFormat.JSON_LD),
}
_ALIASES = {"application/json": "json", "text/xml": "xml", "application/xml": "xml", "text/plain": "nt"}


class RefusedError(Exception):
    """A request the endpoint will not run; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status} {message}")
        self.status = status
        self.message = message


# Screening ---------------------------------------------------------------------------------

# Schemes whose IRIs name something to fetch or read rather than a thing described.
FETCHING_SCHEMES = ("file:", "ftp:", "jar:")


def _nodes(tree: object) -> Iterator[object]:
    """Every node of an rdflib parse tree, depth first, without recursion (deep queries are fine)."""
    stack = [tree]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, CompValue):
            stack.extend(item.values())
        elif isinstance(item, list | tuple | ParseResults):
            stack.extend(item)


def _parse(sparql: str) -> object:
    try:
        return parseQuery(sparql)
    except ParseException as err:
        try:
            parseUpdate(sparql)
        except (ParseException, RecursionError):
            raise RefusedError(
                400, f"SPARQL syntax error at {err.lineno}:{err.col} (line:column): {err.msg}"
            ) from None
        raise RefusedError(403, "SPARQL Update is refused: this endpoint is read-only") from None
    except RecursionError:
        raise RefusedError(400, "the query is nested too deeply to be screened") from None


def screen(sparql: str) -> None:
    """Refuse, on the parsed query, what would fetch or write: ``SERVICE``, Update, ``file:`` IRIs.

    The decision is taken on rdflib's parse tree of the whole query, so no escape in a prefixed
    name (``ex:a\\#``, ``ex:a\\'``), string or comment can hide a ``SERVICE`` from it; a query
    the parser cannot read is refused (``400``), never passed on unscreened. The query workers
    also run without network access (:func:`isolate_network`), so a fetch cannot happen even
    if this screen were wrong.

    >>> screen('SELECT ?load WHERE { ?s <urn:p> "LOAD <x>" } # SERVICE in a comment is fine')
    >>> screen("PREFIX f: <file:///etc/> SELECT * WHERE { f:passwd ?p ?o }")
    Traceback (most recent call last):
    ...
    hrgraph.serve.sparql.RefusedError: 403 file: IRIs are refused: <file:///etc/> (no local file is read)
    >>> screen("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    Traceback (most recent call last):
    ...
    hrgraph.serve.sparql.RefusedError: 403 SPARQL Update is refused: this endpoint is read-only
    """
    for node in _nodes(_parse(sparql)):
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            raise RefusedError(403, "SERVICE is refused: this endpoint never fetches what a query names")
        if isinstance(node, URIRef) and node.lower().startswith(FETCHING_SCHEMES):
            scheme = node.split(":")[0].lower()
            raise RefusedError(403, f"{scheme}: IRIs are refused: <{node}> (no local file is read)")


CLONE_NEWNET, CLONE_NEWUSER = 0x40000000, 0x10000000


def isolate_network() -> str:
    """Move this process into a network namespace of its own (no interface but a down loopback).

    Returns ``""`` when done, else why not (then the parse-tree screen is the only guard). Tried
    as root first, then through an unprivileged user namespace.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError as err:
        return str(err)
    for flags in (CLONE_NEWNET, CLONE_NEWUSER | CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return ""
    return os.strerror(ctypes.get_errno())


def graph_iris(values: list[str]) -> list[NamedNode]:
    out = []
    for value in values:
        if value.lower().startswith(FETCHING_SCHEMES):
            raise RefusedError(403, f"file: IRIs are refused: <{value}>")
        try:
            out.append(NamedNode(value))
        except ValueError as err:
            raise RefusedError(400, f"not an IRI: {value!r} ({err})") from None
    return out


# Content negotiation ----------------------------------------------------------------------


def _accepted(accept: str) -> list[str]:
    """Media types of an ``Accept`` header, best first (q-values honoured, stable otherwise)."""
    ranked = []
    for index, part in enumerate(filter(None, (p.strip() for p in accept.split(",")))):
        media, *params = (x.strip() for x in part.split(";"))
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, index, media.lower()))
    return [m for _, _, m in sorted(ranked)]


def negotiate(accept: str, kind: str, override: str | None = None) -> tuple[Any, str]:
    """(pyoxigraph format, media type) for a result of ``kind`` (``solutions``, ``boolean``,
    ``triples``); ``override`` is a ``format=`` parameter. Raises ``RefusedError(406)``."""
    table: Mapping[str, tuple[str, Any]] = GRAPH_TYPES if kind == "triples" else RESULT_TYPES
    if override:
        key = _ALIASES.get(override.lower(), override.lower())
        by_media = {media: k for k, (media, _) in table.items()}
        key = by_media.get(key, key)
        if key not in table:
            raise RefusedError(406, f"format={override!r}: this result can be {', '.join(table)}")
        return table[key][1], table[key][0]
    for media in _accepted(accept or "*/*") or ["*/*"]:
        media = _ALIASES.get(media, media)
        for key, (candidate, fmt) in table.items():
            if media in (candidate, key, "*/*") or (
                media.endswith("/*") and candidate.startswith(media[:-1])
            ):
                return fmt, candidate
    offered = ", ".join(m for m, _ in table.values())
    raise RefusedError(406, f"cannot answer in {accept!r}; this result is available as {offered}")


# Running one query (in a worker process, :mod:`hrgraph.serve.workers`) --------------------


class _TooLargeError(Exception):
    pass


class _TooManyRowsError(Exception):
    pass


class _Bounded:
    """A write-only buffer that raises once more than ``limit`` bytes (or, when ``rows`` is
    given, more than ``rows`` lines after the first: TSV rows) are written."""

    def __init__(self, limit: int | None, rows: int | None = None) -> None:
        self.limit = limit
        self.rows = rows
        self.parts: list[bytes] = []
        self.size = 0
        self.lines = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.limit is not None and self.size > self.limit:
            raise _TooLargeError
        if self.rows is not None:
            self.lines += data.count(b"\n")
            if self.lines > self.rows + 1:  # the header line, then one line a solution
                raise _TooManyRowsError
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the parts stay in memory until the answer is sent."""

    def value(self) -> bytes:
        return b"".join(self.parts)


def _serialize(result: Any, fmt: Any, kind: str, limits: Limits) -> bytes:
    """The result in ``fmt``, within ``limits.max_rows`` and ``limits.max_bytes``.

    Solutions are counted on their TSV form (one line a solution, SPARQL 1.1 TSV escapes line
    breaks), which is then parsed back for the format asked; triples are counted as listed."""
    out = _Bounded(limits.max_bytes)
    if kind == "solutions" and limits.max_rows is not None:
        bound = limits.max_bytes * 4 if limits.max_bytes is not None else None
        tsv = _Bounded(bound, limits.max_rows)
        result.serialize(cast(IO[bytes], tsv), QueryResultsFormat.TSV)
        if fmt == QueryResultsFormat.TSV:
            out.write(tsv.value())
            return out.value()
        result = parse_query_results(tsv.value(), QueryResultsFormat.TSV)
    elif kind == "triples" and limits.max_rows is not None:
        triples = []
        for triple in result:
            triples.append(triple)
            if len(triples) > limits.max_rows:
                raise _TooManyRowsError
        rdf_serialize(triples, cast(IO[bytes], out), fmt)
        return out.value()
    result.serialize(cast(IO[bytes], out), fmt)
    return out.value()


def execute(store: Store, job: Job, limits: Limits) -> Answer:
    """Run one screened query; (HTTP status, content type, body)."""
    options: dict[str, Any] = {"use_default_graph_as_union": not job.default_graphs}
    if job.default_graphs:
        options["default_graph"] = [NamedNode(g) for g in job.default_graphs]
    if job.named_graphs:
        options["named_graphs"] = [NamedNode(g) for g in job.named_graphs]
    try:
        screen(job.sparql)
        result = store.query(job.sparql, **options)
        kind = {"QueryBoolean": "boolean", "QueryTriples": "triples"}.get(type(result).__name__, "solutions")
        fmt, media = negotiate(job.accept, kind, job.override)
        body = _serialize(result, fmt, kind, limits)
    except SyntaxError as err:
        return 400, "text/plain", f"SPARQL syntax error: {err}\n".encode()
    except RefusedError as err:
        return err.status, "text/plain", f"{err.message}\n".encode()
    except _TooLargeError:
        message = (
            f"the result is larger than this endpoint's limit of {limits.max_bytes} bytes; page it with LIMIT"
        )
        return 422, "text/plain", f"{message}\n".encode()
    except _TooManyRowsError:
        message = (
            f"the result has more than this endpoint's limit of {limits.max_rows} rows "
            "(solutions or triples); page it with LIMIT and OFFSET"
        )
        return 422, "text/plain", f"{message}\n".encode()
    except (OSError, ValueError, RuntimeError) as err:
        return 500, "text/plain", f"SPARQL evaluation error: {err}\n".encode()
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return 200, media + charset, body
