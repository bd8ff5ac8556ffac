"""A discoverable, standard endpoint: service description, CORS pre-flight, VoID with the running
server's URL, downloads.

Each test talks HTTP to ``hrgraph serve`` started as a real process (``hrgraph_server``). The
oracles: the SPARQL 1.1 Service Description vocabulary (W3C Rec. 2013) and the Fetch standard's
CORS headers; the store's own graph sizes; the build's ``hrgraph.nq`` byte for byte.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph
import pytest
from pyoxigraph import Literal, NamedNode

from hrgraph.build import BuildReport
from hrgraph.namespace import DCAT, RDF, VOID
from hrgraph.serve.description import FORMATS, SD
from hrgraph.store import GraphStore
from tests.server.conftest import Engine

pytestmark = pytest.mark.server
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def http(
    url: str, method: str = "GET", headers: dict[str, str] | None = None, body: bytes | None = None
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, body, headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers.items()), err.read()


def graph(body: bytes, fmt: pyoxigraph.RdfFormat) -> set[pyoxigraph.Triple]:
    return {q.triple for q in pyoxigraph.parse(body, format=fmt)}


def objects(triples: set[pyoxigraph.Triple], s: object, p: NamedNode) -> set[object]:
    return {t.object for t in triples if t.subject == s and t.predicate == p}


def test_service_description_at_the_endpoint(hrgraph_server: Engine, store: GraphStore) -> None:
    """If an RDF client GETs ``/sparql`` without a query, then it gets a SPARQL 1.1 Service
    Description naming this endpoint, its result formats, the union default graph and every named
    graph with the store's size; a browser gets the query page."""
    url = hrgraph_server.query_url
    status, headers, body = http(url, headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert headers["Vary"] == "Accept"
    sd = graph(body, pyoxigraph.RdfFormat.TURTLE)
    service = NamedNode(url)
    assert pyoxigraph.Triple(service, RDF.type, SD.Service) in sd
    assert objects(sd, service, SD.endpoint) == {service}
    assert objects(sd, service, SD.supportedLanguage) == {SD.SPARQL11Query}
    assert SD.UnionDefaultGraph in objects(sd, service, SD.feature)
    assert {FORMATS["SPARQL_Results_JSON"], FORMATS["RDF_XML"], FORMATS["SPARQL_Results_CSV"]} <= objects(
        sd, service, SD.resultFormat
    )
    assert any(
        "10 s" in str(o) for o in objects(sd, service, NamedNode("http://purl.org/dc/terms/description"))
    )
    (dataset,) = objects(sd, service, SD.defaultDataset)
    sizes = {}
    for named in objects(sd, dataset, SD.namedGraph):
        (name,) = objects(sd, named, SD.name)
        (described,) = objects(sd, named, SD.graph)
        (size,) = objects(sd, described, VOID.triples)
        assert isinstance(name, NamedNode) and isinstance(size, Literal)
        sizes[name.value] = int(size.value)
    assert sizes == {g: store.graph_size(g) for g in store.graphs()}
    status, headers, ld = http(url, headers={"Accept": "application/ld+json"})
    assert status == 200 and headers["Content-Type"] == "application/ld+json"
    assert len(graph(ld, pyoxigraph.RdfFormat.JSON_LD)) == len(sd)
    status, headers, page = http(url, headers={"Accept": BROWSER})
    assert status == 200 and headers["Content-Type"].startswith("text/html") and b"<html" in page


def test_cors_preflight_then_post_from_another_origin(hrgraph_server: Engine) -> None:
    """Regression (OPTIONS answered 501): if a page on another origin pre-flights a POST of
    ``application/sparql-query``, then the server allows it, and the POST is answered with
    ``Access-Control-Allow-Origin``."""
    origin = {"Origin": "https://yasgui.example.org"}
    status, headers, _ = http(
        hrgraph_server.query_url,
        "OPTIONS",
        {
            **origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, accept",
        },
    )
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    allowed = {h.strip().lower() for h in headers["Access-Control-Allow-Headers"].split(",")}
    assert {"content-type", "accept"} <= allowed
    status, headers, body = http(
        hrgraph_server.query_url,
        "POST",
        {**origin, "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
        b"ASK { ?s ?p ?o }",
    )
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*" and b"true" in body


def test_served_void_names_this_server_and_its_downloads(
    hrgraph_server: Engine, built: tuple[Path, BuildReport]
) -> None:
    """If the VoID is fetched from the server, then it names the server's own endpoint URL (not
    the default address) and a ``void:dataDump`` that downloads the build's N-Quads byte for byte."""
    base = hrgraph_server.query_url.removesuffix("sparql")
    status, _, body = http(base + ".well-known/void")
    assert status == 200
    void = graph(body, pyoxigraph.RdfFormat.TURTLE)
    dataset = NamedNode("https://w3id.org/hrgraph/id/dataset/hrgraph")
    assert objects(void, dataset, VOID.sparqlEndpoint) == {NamedNode(hrgraph_server.query_url)}
    (dump,) = objects(void, dataset, VOID.dataDump)
    assert isinstance(dump, NamedNode) and dump.value == base + "download/hrgraph.nq"
    downloads = {str(getattr(t.object, "value", "")) for t in void if t.predicate == DCAT.downloadURL}
    assert downloads == {base + "download/hrgraph.nq", base + "download/hrgraph.ttl"}
    status, headers, data = http(dump.value)
    assert status == 200 and headers["Content-Type"] == "application/n-quads"
    assert data == (built[0] / "hrgraph.nq").read_bytes()
    for url in downloads:
        assert http(url, "HEAD")[0] == 200
    assert http(base + "download/../hrgraph.nq")[0] == 404
    assert http(base + "download/summary.json")[0] == 404
