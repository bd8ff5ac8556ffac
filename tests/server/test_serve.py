"""``hrgraph serve`` as a real process: answers, refusals, bounds and content negotiation."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from hrgraph.remote import remote_select
from hrgraph.store import GraphStore
from tests.server.conftest import Engine

pytestmark = pytest.mark.server

PRY_CODE = (
    "PREFIX hrg: <https://w3id.org/hrgraph/ontology#> "
    "SELECT ?code WHERE { <https://w3id.org/hrgraph/id/state/PRY> hrg:isoAlpha3 ?code }"
)
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def http(
    url: str, data: dict[str, str] | bytes | None = None, method: str | None = None, **headers: str
) -> tuple[int, dict[str, str], bytes]:
    body = urlencode(data).encode() if isinstance(data, dict) else data
    if isinstance(data, dict):
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    request = urllib.request.Request(
        url, body, {k.replace("_", "-"): v for k, v in headers.items()}, method=method
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers.items()), err.read()


def test_select_from_curl(hrgraph_server: Engine) -> None:
    """If curl POSTs a SELECT, then the endpoint answers it in CSV."""
    curl = shutil.which("curl")
    if curl is None:
        pytest.skip("curl not installed (Debian: apt-get install curl)")
    args = [
        curl,
        "-sS",
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        f"query={PRY_CODE}",
        hrgraph_server.query_url,
    ]
    done = subprocess.run(args, capture_output=True, check=True, timeout=60)
    assert done.stdout.decode().split() == ["code", "PRY"]


def test_select_from_sparqlwrapper(hrgraph_server: Engine) -> None:
    rows = remote_select(hrgraph_server.query_url, PRY_CODE)
    assert [r["code"].value for r in rows] == ["PRY"]


def test_get_query_and_syntax_error(hrgraph_server: Engine) -> None:
    status, headers, body = http(hrgraph_server.query_url + "?" + urlencode({"query": PRY_CODE}))
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    status, _, body = http(hrgraph_server.query_url, {"query": "SELECT ?x WHERE { ?x ?y }"})
    assert status == 400 and b"SPARQL syntax error" in body and b"1:" in body


@pytest.mark.parametrize(
    ("data", "content_type", "path"),
    [
        ({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}, None, "/sparql"),
        (b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update", "/sparql"),
        ({"update": "DROP ALL"}, None, "/update"),
        ({"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}, None, "/sparql"),
        ({"query": "LOAD <http://127.0.0.1:9/data.ttl>"}, None, "/sparql"),
    ],
    ids=["update-form", "update-body", "update-path", "update-as-query", "load"],
)
def test_update_refused(
    hrgraph_server: Engine, data: dict[str, str] | bytes, content_type: str | None, path: str
) -> None:
    """If a client sends SPARQL Update in any form, then it gets 403 and nothing changes."""
    url = hrgraph_server.query_url.replace("/sparql", path)
    headers = {"Content_Type": content_type} if content_type else {}
    status, _, body = http(url, data, "POST", **headers)
    assert status == 403 and b"read-only" in body
    assert not remote_select(hrgraph_server.query_url, "SELECT * WHERE { <urn:a> ?p ?o }")


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_graph_store_writes_refused(hrgraph_server: Engine, method: str) -> None:
    url = hrgraph_server.query_url.replace("/sparql", "/store") + "?graph=urn:x"
    status, headers, _ = http(url, b"<urn:a> <urn:b> <urn:c> .", method, Content_Type="application/n-triples")
    assert status == 405 and headers["Allow"] == "GET, HEAD"


def test_graph_store_read(hrgraph_server: Engine, store: GraphStore) -> None:
    graph = "https://w3id.org/hrgraph/graph/reference"
    url = hrgraph_server.query_url.replace("/sparql", "/store") + "?" + urlencode({"graph": graph})
    status, headers, body = http(url, Accept="application/n-triples")
    assert status == 200 and headers["Content-Type"] == "application/n-triples"
    assert len(body.decode().strip().splitlines()) == store.graph_size(graph)


SERVICE_QUERIES = {
    "plain": "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    # prefixed-name escapes that the old lexer misread as a comment and as a string
    "escaped-hash": "PREFIX ex: <http://example.org/> SELECT ?x WHERE {{ BIND(ex:a\\# AS ?k) "
    "SERVICE <http://127.0.0.1:{port}/sparql> {{ ?x ?y ?z }} }}",
    "escaped-quote": "PREFIX ex: <http://example.org/> SELECT ?x WHERE {{ BIND(ex:a\\' AS ?k) "
    "SERVICE <http://127.0.0.1:{port}/sparql> {{ ?x ?y ?z }} }}",
    "silent": "SELECT * WHERE {{ ?s ?p ?o SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?x ?y ?z }} }}",
}


@pytest.mark.parametrize("name", sorted(SERVICE_QUERIES))
def test_service_refused_and_never_fetched(hrgraph_server: Engine, name: str) -> None:
    """If a query names a SERVICE, however its text hides it, then it is refused (400 when the
    screen cannot parse it, 403 when it can) and no connection is ever made to it."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(1.0)
        port = listener.getsockname()[1]
        query = SERVICE_QUERIES[name].format(port=port)
        status, _, body = http(hrgraph_server.query_url, {"query": query})
        assert status in (400, 403), body
        if status == 403:
            assert b"SERVICE is refused" in body
        with pytest.raises(TimeoutError):
            listener.accept()


@pytest.mark.parametrize(
    "data",
    [
        {"query": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"},
        {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": "file:///etc/passwd"},
    ],
    ids=["from", "default-graph-uri"],
)
def test_file_iris_refused(hrgraph_server: Engine, data: dict[str, str]) -> None:
    status, _, body = http(hrgraph_server.query_url, data)
    assert status == 403 and b"file: IRIs are refused" in body


def test_runaway_query_cut_off(strict_server: Engine) -> None:
    """If a query runs past the time limit (a cartesian product), then it gets 503 in about that
    time, and the endpoint keeps answering (its worker is replaced)."""
    started = time.monotonic()
    status, _, body = http(strict_server.query_url, {"query": CARTESIAN})
    assert status == 503 and b"time limit of 2 s" in body
    assert time.monotonic() - started < 15
    assert [r["code"].value for r in remote_select(strict_server.query_url, PRY_CODE)] == ["PRY"]


def test_result_size_bounded(strict_server: Engine) -> None:
    status, _, body = http(strict_server.query_url, {"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert status == 422 and b"200000 bytes" in body


def test_request_size_bounded(hrgraph_server: Engine) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 300_000
    status, _, body = http(hrgraph_server.query_url, {"query": query})
    assert status == 413 and b"request body over" in body


@pytest.mark.parametrize(
    ("query", "accept", "expected"),
    [
        (PRY_CODE, "application/sparql-results+json", "application/sparql-results+json"),
        (PRY_CODE, "application/sparql-results+xml", "application/sparql-results+xml"),
        (PRY_CODE, "text/csv", "text/csv; charset=utf-8"),
        (PRY_CODE, "text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        (PRY_CODE, "text/html, */*;q=0.1", "application/sparql-results+json"),
        ("ASK { ?s ?p ?o }", "application/sparql-results+xml", "application/sparql-results+xml"),
        ("DESCRIBE <https://w3id.org/hrgraph/id/state/PRY>", "text/turtle", "text/turtle; charset=utf-8"),
        ("CONSTRUCT WHERE { ?s a ?c } LIMIT 3", "application/n-triples", "application/n-triples"),
    ],
)
def test_content_negotiation(hrgraph_server: Engine, query: str, accept: str, expected: str) -> None:
    status, headers, body = http(hrgraph_server.query_url, {"query": query}, Accept=accept)
    assert status == 200 and headers["Content-Type"] == expected and body


def test_not_acceptable_and_format_override(hrgraph_server: Engine) -> None:
    status, _, body = http(hrgraph_server.query_url, {"query": PRY_CODE}, Accept="text/turtle")
    assert status == 406 and b"application/sparql-results+json" in body
    status, headers, body = http(hrgraph_server.query_url, {"query": PRY_CODE, "format": "tsv"})
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    assert body.decode().split() == ["?code", '"PRY"']


def test_query_page(hrgraph_server: Engine) -> None:
    """If a browser opens the endpoint, then it gets a self-contained query page with the catalogue."""
    status, headers, body = http(hrgraph_server.query_url.replace("/sparql", "/"))
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode()
    assert '<script src="/static/yasgui/yasgui.min.js">' in page and "named-graphs" in page
    assert "cdn" not in page.lower()
    status, _, _ = http(hrgraph_server.query_url.replace("/sparql", "/nowhere"))
    assert status == 404


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?a (!<urn:none>)* ?b }",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a (<urn:x>|!<urn:x>)+/(<urn:x>|!<urn:x>)+ ?b }",
        'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "^(a+)+(b|c|d|'
        + "e" * 2000
        + ')*$", "i")) }',
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f",
    ],
    ids=["closure", "deep-path", "huge-regex", "sorted-product"],
)
def test_hostile_queries_bounded(strict_server: Engine, query: str) -> None:
    """If a query is built to exhaust the server, then it is answered, cut off (503) or refused
    as too large (422) within the bounds, and the endpoint keeps answering."""
    started = time.monotonic()
    status, _, _ = http(strict_server.query_url, {"query": query})
    assert status in (200, 422, 503)
    assert time.monotonic() - started < 15
    assert [r["code"].value for r in remote_select(strict_server.query_url, PRY_CODE)] == ["PRY"]
