"""Pushing the graph to, and querying, any SPARQL 1.1 server (the scale-out path).

``push`` loads every named graph of the build (or one) into a server in batches, by either
protocol, then counts the triples of each graph on the server and compares. The counts are
asked at the query endpoint: ``--query-endpoint``, else the one :func:`query_endpoint_for` derives
from a known write path (Oxigraph ``/update`` and ``/store`` → ``/query``):

- ``update``: SPARQL 1.1 Update over the Protocol (``update=`` form POST): ``DROP SILENT
  GRAPH`` then ``INSERT DATA { GRAPH <g> { … } }`` batches (Virtuoso ``/sparql-auth``,
  Fuseki ``/ds/update``, Oxigraph ``/update``, GraphDB ``/repositories/R/statements``);
- ``gsp``: the Graph Store HTTP Protocol, ``PUT`` for the first batch of a graph and ``POST``
  for the rest, N-Triples bodies (Oxigraph ``/store``, Virtuoso ``/sparql-graph-crud-auth``,
  Fuseki ``/ds/data``).

Terms are written in N-Triples by pyoxigraph, so nothing in the data can change the request's
structure. Authentication: HTTP Basic (sent up front) or Digest (Virtuoso's ``-auth`` paths).

``remote_query`` runs a query through SPARQLWrapper (``hrgraph query --endpoint``);
``remote_select`` gives a SELECT's rows as pyoxigraph terms. Catalogue queries are sent as
:func:`hrgraph.query.bind` wrote them, the text the embedded store runs.

>>> print(insert_data("https://w3id.org/hrgraph/graph/x", ['<urn:a> <urn:b> "c" .']))
INSERT DATA { GRAPH <https://w3id.org/hrgraph/graph/x> {
<urn:a> <urn:b> "c" .
} }
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from pyoxigraph import BlankNode, Literal, NamedNode
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from hrgraph.errors import HrgraphError, UsageError
from hrgraph.store import GraphStore, Term, with_values

PROTOCOLS = ("update", "gsp")
AUTH_SCHEMES = ("basic", "digest")


class RemoteError(HrgraphError, RuntimeError):
    """A server refused or failed a request; the message has its status and answer."""


@dataclass(frozen=True)
class Remote:
    """A server: where to write, where to count, and how to log in."""

    endpoint: str
    protocol: str = "update"
    query_endpoint: str | None = None
    user: str | None = None
    password: str | None = None
    auth: str = "basic"
    timeout: float = 120.0

    def __post_init__(self) -> None:
        if self.protocol not in PROTOCOLS:
            raise UsageError(f"--protocol {self.protocol!r}: one of {', '.join(PROTOCOLS)}")
        if self.auth not in AUTH_SCHEMES:
            raise UsageError(f"--auth {self.auth!r}: one of {', '.join(AUTH_SCHEMES)}")
        for url in (self.endpoint, self.query_endpoint or self.endpoint):
            if not url.startswith(("http://", "https://")):
                raise UsageError(f"{url!r}: the endpoint must be an http(s) URL")

    @property
    def reads_from(self) -> str:
        """Where to count: ``--query-endpoint``, else the query endpoint of a known write path."""
        return self.query_endpoint or query_endpoint_for(self.endpoint)


# Write path → the same server's query endpoint (the last path segment is replaced).
_QUERY_PATHS = {
    "update": "query",  # Oxigraph /update, Fuseki /DS/update
    "store": "query",  # Oxigraph's Graph Store Protocol
    "data": "query",  # Fuseki /DS/data
    "sparql-auth": "sparql",  # Virtuoso
    "sparql-graph-crud": "sparql",
    "sparql-graph-crud-auth": "sparql",
    "statements": "",  # GraphDB /repositories/R/statements → /repositories/R
}


def query_endpoint_for(endpoint: str) -> str:
    """The query endpoint of the server whose write endpoint is ``endpoint`` (itself if unknown).

    >>> query_endpoint_for("http://127.0.0.1:7879/update")
    'http://127.0.0.1:7879/query'
    >>> query_endpoint_for("http://h:8890/sparql-graph-crud-auth?x=1")
    'http://h:8890/sparql'
    >>> query_endpoint_for("http://h:7200/repositories/hr/statements")
    'http://h:7200/repositories/hr'
    >>> query_endpoint_for("http://h:3030/ds/sparql")
    'http://h:3030/ds/sparql'
    """
    base = endpoint.split("?", 1)[0].rstrip("/")
    head, _, last = base.rpartition("/")
    if last not in _QUERY_PATHS or "://" not in head:
        return endpoint
    replaced = _QUERY_PATHS[last]
    return f"{head}/{replaced}" if replaced else head


@dataclass
class PushReport:
    """Triples per graph: here and on the server after the push."""

    local: dict[str, int] = field(default_factory=dict)
    remote: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    requests: int = 0

    @property
    def ok(self) -> bool:
        return all(self.remote.get(g) == n for g, n in self.local.items())

    @property
    def triples(self) -> int:
        return sum(self.local.values())

    def mismatches(self) -> list[str]:
        return [
            f"{g}: {n} here, {self.remote.get(g)} there"
            for g, n in self.local.items()
            if self.remote.get(g) != n
        ]


# HTTP --------------------------------------------------------------------------------------


class Client:
    """Sends one server's requests, answering HTTP authentication up front.

    Digest is answered preemptively: the challenge is fetched once with a bodiless ``GET`` and
    each request is then signed before it is sent. Retrying after a ``401`` would send every
    batch twice, and Virtuoso closes the connection on the ``401`` before reading a large body,
    which the client sees as a broken pipe.
    """

    def __init__(self, remote: Remote) -> None:
        self.remote = remote
        self.opener = urllib.request.build_opener()
        self.digest: urllib.request.HTTPDigestAuthHandler | None = None
        self.challenge: dict[str, str] | None = None
        if remote.user is not None and remote.auth == "digest":
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in {remote.endpoint, remote.reads_from}:
                manager.add_password(None, url, remote.user, remote.password or "")
            self.digest = urllib.request.HTTPDigestAuthHandler(manager)

    def _challenge(self) -> dict[str, str]:
        url = self.remote.endpoint
        try:
            with self.opener.open(urllib.request.Request(url, method="GET"), timeout=self.remote.timeout):
                pass
        except urllib.error.HTTPError as err:
            err.read()
            value = err.headers.get("WWW-Authenticate", "")
            if err.code == 401 and value.lower().startswith("digest "):
                challenge: dict[str, str] = urllib.request.parse_keqv_list(
                    urllib.request.parse_http_list(value[7:])
                )
                return challenge
        except urllib.error.URLError as err:
            raise RemoteError(f"{url}: {err.reason}") from None
        raise RemoteError(f"{url}: --auth digest given, but the server asks for no Digest authentication")

    def _authorise(self, request: urllib.request.Request) -> None:
        remote = self.remote
        if remote.user is not None and remote.auth == "basic":
            token = base64.b64encode(f"{remote.user}:{remote.password or ''}".encode()).decode()
            request.add_unredirected_header("Authorization", f"Basic {token}")
        elif self.digest is not None:
            if self.challenge is None:
                self.challenge = self._challenge()
            signed = self.digest.get_authorization(request, self.challenge)
            if signed is None:
                raise RemoteError(f"{request.full_url}: Digest challenge not answerable ({self.challenge})")
            request.add_unredirected_header("Authorization", f"Digest {signed}")

    def send(self, request: urllib.request.Request) -> bytes:
        """Send ``request``; a stale Digest nonce is renewed once. Errors become RemoteError."""
        for attempt in (1, 2):
            self._authorise(request)
            try:
                with self.opener.open(request, timeout=self.remote.timeout) as response:
                    body: bytes = response.read()
                    return body
            except urllib.error.HTTPError as err:
                if err.code == 401 and self.digest is not None and attempt == 1:
                    self.challenge = None
                    continue
                detail = err.read().decode("utf-8", errors="replace").strip()[:500]
                raise RemoteError(
                    f"{request.get_method()} {request.full_url}: HTTP {err.code} {err.reason}: {detail}"
                ) from None
            except (urllib.error.URLError, OSError) as err:
                if self.digest is not None and attempt == 1:
                    self.challenge = None
                    continue
                reason = err.reason if isinstance(err, urllib.error.URLError) else err
                raise RemoteError(f"{request.full_url}: {reason}") from None
        raise AssertionError("unreachable")


def update(client: Client, sparql: str) -> None:
    """POST one SPARQL Update request (``application/x-www-form-urlencoded``, UTF-8)."""
    body = urlencode({"update": sparql}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    client.send(urllib.request.Request(client.remote.endpoint, body, headers, method="POST"))


def graph_store(client: Client, method: str, graph: str, nt: bytes) -> None:
    """One Graph Store Protocol request on ``graph`` with an N-Triples body."""
    endpoint = client.remote.endpoint
    url = f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode({'graph': graph})}"
    headers = {"Content-Type": "application/n-triples; charset=utf-8"}
    client.send(urllib.request.Request(url, nt, headers, method=method))


# Push --------------------------------------------------------------------------------------


def insert_data(graph: str, lines: Sequence[str]) -> str:
    body = "\n".join(lines)
    return f"INSERT DATA {{ GRAPH {NamedNode(graph)} {{\n{body}\n}} }}"


def _batches(store: GraphStore, graph: str, size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for quad in store.sorted_quads([graph]):
        if isinstance(quad.subject, BlankNode) or isinstance(quad.object, BlankNode):
            raise UsageError(f"{graph}: blank nodes cannot be pushed in batches (hrgraph mints IRIs for all)")
        batch.append(f"{quad.subject} {quad.predicate} {quad.object} .")
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _push_graph(store: GraphStore, client: Client, graph: str, batch: int, tick: Any) -> int:
    requests = 0
    by_update = client.remote.protocol == "update"
    if by_update:
        update(client, f"DROP SILENT GRAPH {NamedNode(graph)}")
        requests += 1
    for index, lines in enumerate(_batches(store, graph, batch)):
        if by_update:
            update(client, insert_data(graph, lines))
        else:
            graph_store(client, "PUT" if index == 0 else "POST", graph, "\n".join(lines).encode() + b"\n")
        requests += 1
        tick(len(lines))
    return requests


def push(
    store: GraphStore,
    remote: Remote,
    graphs: Sequence[str] | None = None,
    batch: int = 2000,
    console: Console | None = None,
) -> PushReport:
    """Load ``graphs`` (default: every named graph) into ``remote``; then count them there."""
    chosen = list(graphs) if graphs else store.graphs()
    unknown = sorted(set(chosen) - set(store.graphs()))
    if unknown:
        raise UsageError(
            f"no such graph in the build: {', '.join(unknown)} (see 'hrgraph query' for the list)"
        )
    if batch < 1:
        raise UsageError("--batch must be at least 1")
    report = PushReport(local={g: store.graph_size(g) for g in chosen})
    client = Client(remote)
    started = time.perf_counter()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console or Console(stderr=True), disable=console is None) as progress:
        task = progress.add_task("pushing triples", total=report.triples)
        for graph in chosen:
            progress.update(task, description=graph.rsplit("/", 1)[-1])
            report.requests += _push_graph(store, client, graph, batch, lambda n: progress.advance(task, n))
    report.seconds = time.perf_counter() - started
    report.remote = remote_counts(remote, chosen)
    return report


def remote_counts(remote: Remote, graphs: Sequence[str]) -> dict[str, int]:
    """Triples per named graph on the server (one COUNT query per graph)."""
    counts = {}
    for graph in graphs:
        sparql = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {NamedNode(graph)} {{ ?s ?p ?o }} }}"
        rows = remote_select(
            remote.reads_from, sparql, user=remote.user, password=remote.password, auth=remote.auth
        )
        value = rows[0].get("n") if rows else None
        counts[graph] = int(value.value) if value is not None else 0
    return counts


# Remote queries ----------------------------------------------------------------------------


def _term(binding: Mapping[str, str]) -> Term | BlankNode:
    """A SPARQL JSON results binding as a pyoxigraph term."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return NamedNode(value)
    if kind == "bnode":
        return BlankNode(value)
    if "xml:lang" in binding:
        return Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return Literal(value, datatype=NamedNode(binding["datatype"]))
    return Literal(value)


def remote_query(
    endpoint: str,
    sparql: str,
    form: str = "SELECT",
    user: str | None = None,
    password: str | None = None,
    auth: str = "basic",
    timeout: float = 120.0,
) -> bytes:
    """Send a query of the given form to ``endpoint`` through SPARQLWrapper; the answer's bytes:
    SPARQL JSON results for SELECT and ASK, Turtle for CONSTRUCT and DESCRIBE."""
    from SPARQLWrapper import BASIC, DIGEST, JSON, POST, TURTLE, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(endpoint)
    client.setQuery(sparql)
    # SPARQLWrapper guesses the query type by searching for keywords and can mistake a word in a
    # comment ("addressed" → ADD) for an Update, then sends it as update=; the caller knows.
    client.queryType = form
    client.setMethod(POST)
    client.setReturnFormat(JSON if form in ("SELECT", "ASK") else TURTLE)
    # Content negotiation only: with SPARQLWrapper's extra format=json parameter Virtuoso 7.2
    # took 5-7 s to answer a COUNT it answers in 0.04 s without it.
    client.setOnlyConneg(True)
    client.setTimeout(int(timeout))
    if user is not None:
        client.setHTTPAuth(DIGEST if auth == "digest" else BASIC)
        client.setCredentials(user, password or "")
    try:
        body: bytes = client.query().response.read()
    except (SPARQLWrapperException, urllib.error.URLError, OSError) as err:
        raise RemoteError(f"{endpoint}: {err}") from None
    return body


def remote_select(
    endpoint: str,
    sparql: str,
    bindings: Mapping[str, Term] | None = None,
    user: str | None = None,
    password: str | None = None,
    auth: str = "basic",
    timeout: float = 120.0,
) -> list[dict[str, Term | BlankNode]]:
    """Run a SELECT on ``endpoint`` through SPARQLWrapper; rows as {variable: term}.

    A catalogue query is sent as :func:`hrgraph.query.bind` wrote it; ``bindings`` bind the
    variables of other query text with :func:`hrgraph.store.with_values`."""
    body = remote_query(
        endpoint, with_values(sparql, bindings or {}), "SELECT", user, password, auth, timeout
    )
    try:
        data: dict[str, Any] = json.loads(body)
    except ValueError:
        raise RemoteError(f"{endpoint}: not SPARQL JSON results: {body[:200]!r}") from None
    names = data["head"].get("vars", [])
    return [{v: _term(row[v]) for v in names if v in row} for row in data["results"]["bindings"]]


class RemoteRow:
    """A SELECT solution from a server: ``row[name]`` is the term, or ``None`` when unbound
    (what :class:`pyoxigraph.QuerySolution` gives for the embedded store)."""

    __slots__ = ("terms",)

    def __init__(self, terms: Mapping[str, Term | BlankNode]) -> None:
        self.terms = terms

    def __getitem__(self, key: str, /) -> Term | BlankNode | None:
        return self.terms.get(key)


@dataclass(frozen=True)
class RemoteStore:
    """A SPARQL query endpoint that answers SELECTs as :meth:`GraphStore.select` does: what
    ``hrgraph obligations STATE --endpoint URL`` reads from (:mod:`hrgraph.obligations.source`).
    The server's default graph must be the union of the named graphs (docs/portability.md)."""

    endpoint: str
    user: str | None = None
    password: str | None = None
    auth: str = "basic"
    timeout: float = 120.0

    def __post_init__(self) -> None:
        if not self.endpoint.startswith(("http://", "https://")):
            raise UsageError(f"--endpoint {self.endpoint!r}: expected an http(s) URL")
        if self.auth not in AUTH_SCHEMES:
            raise UsageError(f"--auth {self.auth!r}: one of {', '.join(AUTH_SCHEMES)}")

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[RemoteRow]:
        rows = remote_select(
            self.endpoint, sparql, bindings, self.user, self.password, self.auth, self.timeout
        )
        return [RemoteRow(row) for row in rows]
