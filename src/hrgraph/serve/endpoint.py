"""``hrgraph serve``: a read-only SPARQL 1.1 Protocol endpoint over the last build.

The embedded store (pyoxigraph) behind a small ``http.server`` layer. Why not the ``oxigraph``
server binary: measured on 0.5.13 it fetches ``SERVICE`` IRIs (it POSTed the sub-query to a
listener on 127.0.0.1), its ``--timeout-s`` cancels a runaway query only after the ``200 OK``
and half the body are sent, and it has no result-size bound. pyoxigraph would fetch ``SERVICE``
too, so every query is screened first (:func:`hrgraph.serve.sparql.screen`).

Guarantees (each tested in ``tests/server/``):

- binds 127.0.0.1 unless told otherwise;
- read-only: SPARQL Update (``update=``, ``application/sparql-update``, ``/update``) gets
  ``403``; Graph Store writes (``PUT``/``POST``/``DELETE`` on ``/store``) get ``405``;
- never fetches what a query names: ``SERVICE``, SPARQL Update (``LOAD`` …) and ``file:`` IRIs
  are refused with ``403``, decided on the parsed query before the engine sees it, and the
  workers that run queries have no network (a namespace of their own,
  :func:`hrgraph.serve.sparql.isolate_network`);
- bounded (:mod:`hrgraph.serve.workers`): each query runs in a worker process that is killed
  when it passes ``timeout`` seconds (``503``) and that may use ``max_memory`` bytes
  (``RLIMIT_DATA``; past it ``507`` and a new worker); a result over ``max_rows`` solutions or
  triples or over ``max_bytes`` is refused (``422``); of the workers, at most ``slow_workers``
  run queries older than ``slow_after`` seconds, so cheap queries are answered while slow ones
  run; a request body over ``MAX_REQUEST_BYTES`` gets ``413`` (``400``/``411`` for a malformed
  or chunked length); a silent connection is closed after ``CONNECTION_TIMEOUT`` seconds;
- the store is a copy in a scratch folder (``hrgraph-scratch-PID-…``, by the umask) that a
  later start removes if this server was killed; resource pages quote the source copies taken
  from the served build (:func:`hrgraph.serve.pages.served_sources`);
- content negotiation: SPARQL results as JSON, XML, CSV, TSV; graphs (``CONSTRUCT``,
  ``DESCRIBE``, ``GET /store``) as Turtle, N-Triples, N-Quads, RDF/XML or JSON-LD
  (``Accept`` header, or ``format=json|xml|csv|tsv|ttl|nt|…``).

Routing lives in :func:`route` (one table of paths): resource pages for entity IRIs are one
more entry there.

Screening, format negotiation and running one query are in :mod:`hrgraph.serve.sparql`, the
worker processes in :mod:`hrgraph.serve.workers`.
"""

from __future__ import annotations

import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import parse_qs, urlsplit

from pyoxigraph import Store

from hrgraph.errors import UsageError
from hrgraph.serve.sparql import Job, Limits, RefusedError, graph_iris
from hrgraph.serve.workers import QueryPool, scratch_dir

if TYPE_CHECKING:
    from hrgraph.serve.pages import ServedSources

CONNECTION_TIMEOUT = 20.0
MAX_REQUEST_BYTES = 256 * 1024

# Requests and routing ---------------------------------------------------------------------


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, list[str]]
    headers: Mapping[str, str]
    body: bytes = b""

    def param(self, name: str) -> str | None:
        values = self.params.get(name)
        return values[0] if values else None

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    file: Path | None = None  # sent in chunks instead of ``body`` (downloads)


def text(status: int, message: str, **headers: str) -> Response:
    return Response(status, "text/plain; charset=utf-8", f"{message}\n".encode(), dict(headers))


@dataclass
class Endpoint:
    """What the routes need: the worker pool, the query UI page, the named graphs with their
    sizes (for the service description), the build directory (downloads) and the base URL to
    name when a request has no usable ``Host`` header."""

    pool: QueryPool
    page: bytes
    graphs: dict[str, int] = field(default_factory=dict)
    build: Path | None = None
    base: str = "http://127.0.0.1:7878/"
    sources: ServedSources | None = None  # the build's source texts, for resource pages

    def base_for(self, request: Request) -> str:
        from hrgraph.serve.description import base_url

        return base_url(request.headers, self.base)

    def answer(self, job: Job) -> Response:
        status, media, body = self.pool.run(job)
        return Response(status, media, body)


def sparql_request(endpoint: Endpoint, request: Request) -> Response:
    """SPARQL 1.1 Protocol §2.1: query via GET, POST form or POST ``application/sparql-query``."""
    if request.content_type == "application/sparql-update" or "update" in request.params:
        raise RefusedError(403, "SPARQL Update is refused: this endpoint is read-only")
    if request.method == "POST" and request.content_type == "application/sparql-query":
        sparql = request.body.decode("utf-8", errors="replace")
    elif request.method in ("GET", "POST", "HEAD"):
        sparql = request.param("query") or ""
    else:
        raise RefusedError(405, f"{request.method} is not allowed on a read-only query endpoint")
    if not sparql.strip():
        if request.method in ("GET", "HEAD"):
            return page_or_description(endpoint, request)
        return text(400, "no query: give query=… (SPARQL 1.1 Protocol)")
    job = Job(
        sparql,
        request.headers.get("Accept", "*/*"),
        request.param("format") or request.param("output"),
        tuple(g.value for g in graph_iris(request.params.get("default-graph-uri", []))),
        tuple(g.value for g in graph_iris(request.params.get("named-graph-uri", []))),
    )
    return endpoint.answer(job)


def page_or_description(endpoint: Endpoint, request: Request) -> Response:
    """The endpoint without a query: the query page for a browser, else the SPARQL 1.1 Service
    Description (Turtle unless ``Accept`` asks for JSON-LD, N-Triples or RDF/XML)."""
    from hrgraph.serve.description import (
        DESCRIPTION_TYPES,
        serialize_description,
        service_description,
    )
    from hrgraph.serve.pages import best_type

    offered = ["text/turtle", "text/html", *(m for m in DESCRIPTION_TYPES if m != "text/turtle")]
    media = best_type(request.headers.get("Accept"), offered)
    if media is None:
        raise RefusedError(406, f"this resource is available as {', '.join(offered)}")
    if media == "text/html":
        return Response(200, "text/html; charset=utf-8", endpoint.page, {"Vary": "Accept"})
    limits = endpoint.pool.limits
    triples = service_description(endpoint.base_for(request), endpoint.graphs, limits)
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return Response(200, media + charset, serialize_description(triples, media), {"Vary": "Accept"})


DOWNLOADS = ("hrgraph.nq", "hrgraph.ttl", "void.ttl", "context.jsonld")
DOWNLOAD_TYPES = {
    ".nq": "application/n-quads",
    ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json",
}


def download_request(endpoint: Endpoint, request: Request) -> Response:
    """``GET /download/NAME``: a file of the build (the VoID's ``void:dataDump``/``dcat:downloadURL``)."""
    name = request.path.removeprefix("/download/")
    if request.method not in ("GET", "HEAD"):
        raise RefusedError(405, f"{request.method} refused: downloads are read-only")
    path = endpoint.build / name if endpoint.build and name in DOWNLOADS else None
    if path is None or not path.is_file():
        return text(404, f"no download {name!r} (there are: {', '.join(DOWNLOADS)})")
    media = DOWNLOAD_TYPES[path.suffix]
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(200, media, b"", disposition, file=path)


CORS_HEADERS = {
    "Access-Control-Allow-Methods": "GET, POST, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type",
    "Access-Control-Max-Age": "86400",
}


def preflight(request: Request) -> Response:
    """A CORS pre-flight (Fetch standard §3.2.2): ``OPTIONS`` with the methods and headers a page
    on another origin may use (``Access-Control-Allow-Origin: *`` is on every answer)."""
    return Response(
        204, "text/plain; charset=utf-8", b"", {"Allow": "GET, POST, HEAD, OPTIONS", **CORS_HEADERS}
    )


def store_request(endpoint: Endpoint, request: Request) -> Response:
    """Graph Store Protocol, reads only: ``GET /store?graph=IRI`` (or ``?default``)."""
    if request.method not in ("GET", "HEAD"):
        raise RefusedError(405, f"{request.method} refused: the graph store is read-only")
    graph = request.param("graph")
    if graph is not None:
        node = graph_iris([graph])[0]
        sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {node} {{ ?s ?p ?o }} }}"
    elif "default" in request.params:
        sparql = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    else:
        raise RefusedError(400, "give graph=IRI or default")
    return endpoint.answer(Job(sparql, request.headers.get("Accept", "text/turtle"), request.param("format")))


def _update_refused(endpoint: Endpoint, request: Request) -> Response:
    raise RefusedError(403, "SPARQL Update is refused: this endpoint is read-only")


def _index(endpoint: Endpoint, request: Request) -> Response:
    return Response(200, "text/html; charset=utf-8", endpoint.page)


Route = Callable[[Endpoint, Request], Response]
ROUTES: dict[str, Route] = {
    "/": _index,
    "/sparql": sparql_request,
    "/query": sparql_request,
    "/update": _update_refused,
    "/store": store_request,
}


def route(endpoint: Endpoint, request: Request) -> Response:
    """The one routing function: path → handler; refusals become their HTTP status."""
    from hrgraph.serve.pages import ROUTE_PREFIXES, serve_resource  # resource pages, docs, VoID

    if request.method == "OPTIONS":
        return preflight(request)
    if request.path.startswith("/download/"):
        return download_request(endpoint, request)
    if request.path.startswith(("/queries/", "/static/")) and request.method in ("GET", "HEAD"):
        from hrgraph.serve.query_page import catalogue_answer, static_answer

        if request.path.startswith("/static/"):
            status, media, body = static_answer(request.path)
            return Response(status, media, body, {"Cache-Control": "max-age=86400"})
        return Response(*catalogue_answer(request.path, request.params))
    if request.path.startswith(ROUTE_PREFIXES) and request.method in ("GET", "HEAD"):
        base = endpoint.base_for(request)
        page = serve_resource(
            endpoint.pool.location, request.path, request.params, request.headers, base, endpoint.sources
        )
        return Response(page.status, page.content_type, page.body, page.headers)
    handler = ROUTES.get(request.path.rstrip("/") or "/")
    if handler is None:
        return text(404, f"no such resource: {request.path} (the SPARQL endpoint is /sparql)")
    if request.method not in ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"):
        return text(405, f"{request.method} not allowed")
    try:
        return handler(endpoint, request)
    except RefusedError as err:
        extra = {"Allow": "GET, HEAD"} if err.status == 405 else {}
        return text(err.status, err.message, **extra)


# HTTP layer -------------------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    endpoint: Endpoint
    server_version = "hrgraph"
    protocol_version = "HTTP/1.1"
    timeout = CONNECTION_TIMEOUT  # seconds a connection may stay silent (slow or idle clients)

    def _handle(self) -> None:
        parts = urlsplit(self.path)
        params = parse_qs(parts.query, keep_blank_values=True)
        body = self._body()
        if isinstance(body, Response):
            self._send(body, close=True)
            return
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type == "application/x-www-form-urlencoded":
            for key, values in parse_qs(
                body.decode("utf-8", errors="replace"), keep_blank_values=True
            ).items():
                params.setdefault(key, []).extend(values)
        request = Request(self.command, parts.path, params, dict(self.headers.items()), body)
        self._send(route(self.endpoint, request))

    def _body(self) -> bytes | Response:
        """The request body, at most MAX_REQUEST_BYTES whatever the headers say: a negative or
        non-numeric Content-Length is a 400, a chunked body (or any Transfer-Encoding) a 411, a
        body over the bound a 413; no Content-Length means no body. A client that sends less
        than it announced is cut off after ``timeout`` seconds (the socket's timeout)."""
        if self.headers.get("Transfer-Encoding"):
            return text(411, "send the request body with a Content-Length (no Transfer-Encoding)")
        declared = (self.headers.get("Content-Length") or "0").strip()
        if not declared.isdigit():  # "-1", "abc", "1e9", "" after strip
            return text(400, f"bad Content-Length {declared[:40]!r}: expected a number of bytes")
        length = int(declared)
        if length > MAX_REQUEST_BYTES:
            self._drain(length)
            return text(413, f"request body over {MAX_REQUEST_BYTES} bytes")
        return self.rfile.read(length) if length else b""

    def _drain(self, length: int) -> None:
        """Read and drop an oversized body (up to 16 MiB) so the client sees the 413, not a reset."""
        left = min(length, 16 * 1024 * 1024)
        while left > 0:
            chunk = self.rfile.read(min(left, 65536))
            if not chunk:
                return
            left -= len(chunk)

    def _send(self, response: Response, close: bool = False) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        size = response.file.stat().st_size if response.file else len(response.body)
        self.send_header("Content-Length", str(size))
        self.send_header("Access-Control-Allow-Origin", "*")
        for key, value in response.headers.items():
            self.send_header(key, value)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command == "HEAD":
            return
        if response.file is not None:
            with response.file.open("rb") as source:
                shutil.copyfileobj(source, self.wfile, 1 << 20)
        else:
            self.wfile.write(response.body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _handle  # noqa: N815
    do_OPTIONS = _handle  # noqa: N815  (CORS pre-flight, :func:`preflight`)

    def log_message(self, format: str, *args: Any) -> None:
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)


# Starting and stopping -------------------------------------------------------------------


@dataclass
class Server:
    """A running endpoint; ``url`` is its SPARQL endpoint."""

    httpd: ThreadingHTTPServer
    pool: QueryPool
    workdir: Path
    thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        return f"http://{host}:{port}/sparql"

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def start_background(self) -> None:
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown() if self.thread else None
        self.httpd.server_close()
        self.pool.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


def prepare_store(nq: Path, directory: Path) -> int:
    """Bulk-load the build's N-Quads into an on-disk store the workers open read-only."""
    from pyoxigraph import RdfFormat as Fmt

    store = Store(str(directory))
    store.bulk_load(path=str(nq), format=Fmt.N_QUADS)
    store.flush()
    size = len(store)
    del store
    return size


def graph_sizes(location: Path) -> dict[str, int]:
    """Triples per named graph of the on-disk store (one scan, at start-up)."""
    store = Store.read_only(str(location))
    sparql = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    rows = store.query(sparql)
    sizes = {row["g"].value: int(row["n"].value) for row in cast(Iterator[Any], rows)}
    del store
    return sizes


def make_server(out: Path, host: str = "127.0.0.1", port: int = 7878, limits: Limits | None = None) -> Server:
    """Load ``out/hrgraph.nq`` into a scratch folder (with copies of the build's sources), start
    the workers and bind the HTTP server (not yet serving)."""
    from hrgraph.build import NQ_NAME
    from hrgraph.serve.pages import served_sources
    from hrgraph.serve.query_page import query_page

    nq = out / NQ_NAME
    if not nq.is_file():
        raise UsageError(f"no build found at {nq}: run 'hrgraph build' first")
    limits = limits or Limits()
    workdir = scratch_dir()
    try:
        prepare_store(nq, workdir / "store")
        sources = served_sources(out, workdir / "sources")
        pool = QueryPool(workdir / "store", limits, workdir / "workers.log")
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    endpoint = Endpoint(pool, query_page(limits), graph_sizes(workdir / "store"), out, sources=sources)
    handler = type("BoundHandler", (Handler,), {"endpoint": endpoint})
    try:
        httpd = ThreadingHTTPServer((host, port), handler)
    except OSError as err:
        pool.close()
        shutil.rmtree(workdir, ignore_errors=True)
        raise UsageError(f"cannot listen on {host}:{port}: {err.strerror}") from None
    httpd.daemon_threads = True
    server = Server(httpd, pool, workdir)
    endpoint.base = server.url.removesuffix("sparql")
    return server


def _stop_on_sigterm(signum: int, frame: object) -> None:
    """SIGTERM stops the server like Ctrl-C, so its workers and temporary store are removed."""
    raise KeyboardInterrupt


def serve(out: Path, host: str = "127.0.0.1", port: int = 7878, limits: Limits | None = None) -> None:
    """Run the endpoint until interrupted (Ctrl-C)."""
    server = make_server(out, host, port, limits)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    page = server.url.removesuffix("sparql")
    print(f"hrgraph SPARQL endpoint: {server.url} (query page: {page})", flush=True)
    if server.pool.isolation:
        print(f"warning: query workers keep network access ({server.pool.isolation})", flush=True)
    started = time.monotonic()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        print(f"stopped after {time.monotonic() - started:.0f} s", flush=True)
