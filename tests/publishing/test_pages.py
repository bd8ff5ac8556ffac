"""Resource pages: one IRI, HTML for a browser, RDF for an RDF client (content negotiation)."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from pyoxigraph import Literal, NamedNode

from hrgraph.build import BuildReport
from hrgraph.namespace import RDFS, SKOS, WD, hrg
from hrgraph.serve.pages import Page, best_type, respond
from hrgraph.store import GraphStore

PRY = "https://w3id.org/hrgraph/id/state/PRY"
PARA_37 = "https://w3id.org/hrgraph/id/doc/A/HRC/WG.6/34/KAZ/1/para/37"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def triples(body: bytes, fmt: pyoxigraph.RdfFormat) -> set[pyoxigraph.Triple]:
    return {q.triple for q in pyoxigraph.parse(body, format=fmt)}


def follow(store: GraphStore, path: str, accept: str | None) -> Page | None:
    """``respond``, following one ``303 See Other`` as an HTTP client does (Accept kept)."""
    page = respond(store, path, accept)
    if page is not None and page.status == 303:
        return respond(store, page.headers["Location"], accept)
    return page


def test_entity_iri_sees_other_by_accept(store: GraphStore) -> None:
    """If ``/id/…`` (the thing) is asked for, then it answers 303 to the page or to the RDF
    document in the asked format (Cool URIs §4.3), with ``Vary`` and ``Link`` headers naming
    every representation; RDF/XML is one of them."""
    for accept, target in [
        (BROWSER, "/page/state/PRY"),
        ("text/turtle", "/data/state/PRY.ttl"),
        ("application/ld+json", "/data/state/PRY.jsonld"),
        ("application/n-triples", "/data/state/PRY.nt"),
        ("application/rdf+xml", "/data/state/PRY.rdf"),
    ]:
        page = respond(store, "/id/state/PRY", accept)
        assert page is not None and (page.status, page.headers["Location"]) == (303, target), accept
        assert page.headers["Vary"] == "Accept"
        assert '</data/state/PRY.rdf>; rel="describedby"; type="application/rdf+xml"' in page.headers["Link"]
    xml = follow(store, "/id/state/PRY", "application/rdf+xml")
    assert xml is not None and xml.content_type.startswith("application/rdf+xml")
    ttl = follow(store, "/id/state/PRY", "text/turtle")
    assert ttl is not None
    assert triples(xml.body, pyoxigraph.RdfFormat.RDF_XML) == triples(ttl.body, pyoxigraph.RdfFormat.TURTLE)


def test_data_without_extension_names_its_content_location(store: GraphStore) -> None:
    """If ``/data/PATH`` has no extension, then ``Accept`` decides and ``Content-Location`` names
    the document served; the page links to its alternates (and not to itself)."""
    page = respond(store, "/data/upr/KAZ/2/125.11", "application/n-triples")
    assert page is not None and page.status == 200
    assert page.headers["Content-Location"] == "/data/upr/KAZ/2/125.11.nt"
    assert page.headers["Vary"] == "Accept"
    html_page = respond(store, "/page/state/PRY", None)
    assert html_page is not None and html_page.content_type.startswith("text/html")
    assert "/page/state/PRY>" not in html_page.headers["Link"]
    assert '</data/state/PRY.ttl>; rel="alternate"; type="text/turtle"' in html_page.headers["Link"]


def test_browser_gets_html_with_labels_and_links(store: GraphStore) -> None:
    page = follow(store, "/id/state/PRY", BROWSER)
    assert page is not None and page.status == 200
    assert page.content_type.startswith("text/html")
    assert page.headers["Vary"] == "Accept"
    text = page.body.decode()
    assert "<h1>Paraguay</h1>" in text
    assert 'href="/docs/class-State.html"' in text  # the type links to its documentation
    assert ">600<" in text  # ISO 3166-1 numeric = UN M49 code of Paraguay
    assert "Linked from" in text


def test_html_shows_the_source_passage(store: GraphStore) -> None:
    page = follow(store, "/id/doc/A/HRC/WG.6/34/KAZ/1/para/37", "text/html")
    assert page is not None and page.status == 200
    # line 457 of src/hrgraph/resources/sources/kaz-upr3-national-report.txt, read with sed
    assert "457  37. Para mejorar el acceso al sistema judicial" in page.body.decode()


def test_rdf_client_gets_turtle(store: GraphStore) -> None:
    page = follow(store, "/id/state/PRY", "text/turtle")
    assert page is not None and page.status == 200 and page.content_type.startswith("text/turtle")
    got = triples(page.body, pyoxigraph.RdfFormat.TURTLE)
    assert pyoxigraph.Triple(NamedNode(PRY), RDFS.label, Literal("Paraguay", language="es")) in got
    assert pyoxigraph.Triple(NamedNode(PRY), SKOS.exactMatch, WD["Q733"]) in got
    assert pyoxigraph.Triple(NamedNode(PRY), hrg("isoNumeric"), Literal("600")) in got
    expected = {q.triple for q in store.store.quads_for_pattern(NamedNode(PRY), None, None)}
    expected |= {q.triple for q in store.store.quads_for_pattern(None, None, NamedNode(PRY))}
    assert got == expected


def test_jsonld_and_ntriples_are_the_same_description(store: GraphStore) -> None:
    ttl = follow(store, "/id/state/PRY", "text/turtle")
    ld = follow(store, "/id/state/PRY", "application/ld+json")
    nt = follow(store, "/id/state/PRY?format=nt", "text/html")  # ?format overrides Accept
    assert ttl and ld and nt
    assert ld.content_type == "application/ld+json"
    assert json.loads(ld.body)["@context"]["hrg"] == "https://w3id.org/hrgraph/ontology#"
    reference = triples(ttl.body, pyoxigraph.RdfFormat.TURTLE)
    assert triples(ld.body, pyoxigraph.RdfFormat.JSON_LD) == reference
    assert triples(nt.body, pyoxigraph.RdfFormat.N_TRIPLES) == reference


def test_unknown_entity_unacceptable_type_and_other_paths(store: GraphStore) -> None:
    assert (p := respond(store, "/id/state/ZZZ", "text/html")) is not None and p.status == 404
    assert (p := respond(store, "/id/state/PRY", "image/png")) is not None and p.status == 406
    assert (p := respond(store, "/id/state/PRY?format=pdf", None)) is not None and p.status == 400
    assert respond(store, "/sparql", "text/html") is None


def test_ontology_and_void(store: GraphStore) -> None:
    html_page = respond(store, "/ontology", "text/html")
    assert html_page and html_page.status == 303 and html_page.headers["Location"] == "/docs/index.html"
    ttl = respond(store, "/ontology", "text/turtle")
    assert ttl and ttl.status == 200
    assert pyoxigraph.Triple(hrg("State"), RDFS.label, Literal("State", language="en")) in triples(
        ttl.body, pyoxigraph.RdfFormat.TURTLE
    )
    void = respond(store, "/.well-known/void", None)
    assert void and void.status == 200 and b"void:triples" in void.body


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/html"),
        ("*/*", "text/html"),
        ("text/turtle", "text/turtle"),
        ("application/ld+json;q=0.5, text/turtle;q=0.4", "application/ld+json"),
        ("text/*;q=0.9, text/turtle", "text/turtle"),
        ("application/*", "application/ld+json"),
        ("text/html;q=0", None),
    ],
)
def test_accept_header_negotiation(accept: str | None, expected: str | None) -> None:
    offered = ["text/html", "text/turtle", "application/ld+json", "application/n-triples"]
    assert best_type(accept, offered) == expected


# the live server -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def server_url(built: tuple[Path, BuildReport]) -> Iterator[str]:
    from hrgraph.serve.endpoint import make_server

    server = make_server(built[0], host="127.0.0.1", port=0)
    server.start_background()
    host, port = server.httpd.server_address[:2]
    try:
        yield f"http://{host!s}:{port}"
    finally:
        server.close()


def fetch(url: str, accept: str | None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


@pytest.mark.server
def test_server_answers_entity_iri_by_content_negotiation(server_url: str) -> None:
    status, media, body = fetch(f"{server_url}/id/state/PRY", BROWSER)
    assert (status, media.split(";")[0]) == (200, "text/html")
    assert b"<h1>Paraguay</h1>" in body
    status, media, body = fetch(f"{server_url}/id/state/PRY", "text/turtle")
    assert (status, media.split(";")[0]) == (200, "text/turtle")
    assert pyoxigraph.Triple(NamedNode(PRY), SKOS.exactMatch, WD["Q733"]) in triples(
        body, pyoxigraph.RdfFormat.TURTLE
    )
    status, media, body = fetch(f"{server_url}/id/state/PRY", "application/ld+json")
    assert (status, media) == (200, "application/ld+json")
    assert json.loads(body)["@context"]["rdfs"] == "http://www.w3.org/2000/01/rdf-schema#"


@pytest.mark.server
def test_server_serves_docs_void_and_still_sparql(server_url: str) -> None:
    assert fetch(f"{server_url}/docs/class-State.html", None)[0] == 200
    assert fetch(f"{server_url}/.well-known/void", None)[1].startswith("text/turtle")
    assert fetch(f"{server_url}/id/state/ZZZ", "text/html")[0] == 404
    status, _, body = fetch(
        f"{server_url}/query?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D", "application/sparql-results+json"
    )
    assert status == 200 and json.loads(body)["boolean"] is True


# Pages by kind ------------------------------------------------------------------------------


def _html(store: GraphStore, path: str) -> str:
    page = respond(store, path, "text/html")
    assert page is not None and page.status == 200, path
    return page.body.decode()


def test_state_page_has_its_treaty_status_by_date_and_a_timeline(store: GraphStore) -> None:
    """If a State's page is opened, then its treaty actions are a table sorted by date, drawn as
    one SVG dot per dated action, and its obligations and recommendations are counted (oracle: the
    same facts asked by SPARQL here)."""
    text = _html(store, "/page/state/PRY")
    table = text.split('<table id="treaty-status">', 1)[1].split("</table>", 1)[0]
    dates = re.findall(r"<tr><td>(\d{4}-\d{2}-\d{2})</td>", table)
    assert dates and dates == sorted(dates)
    actions = store.select(
        "PREFIX hrg: <https://w3id.org/hrgraph/ontology#> SELECT DISTINCT ?a WHERE { ?a hrg:actor ?s "
        "VALUES ?t { hrg:Signature hrg:Ratification hrg:Accession hrg:Succession hrg:PendingConsent "
        "hrg:AcceptanceOfCompetence } ?a a ?t }",
        {"s": NamedNode(PRY)},
    )
    assert table.count("<tr><td>") == len(actions)
    svg = text.split('<svg id="timeline"', 1)[1].split("</svg>", 1)[0]
    assert svg.count("<circle") == len(dates)
    assert "Obligations by instrument" in text and "Recommendations addressed to it" in text
    assert 'href="https://w3id.org/hrgraph/id/' not in text  # links stay on this server


def test_instrument_page_lists_articles_in_numeric_order(store: GraphStore) -> None:
    """Regression (articles sorted as strings: 1, 10, 11 … 2): the ICCPR page lists its articles
    1, 2, … 9, 10 … in numeric order, each with its text."""
    text = _html(store, "/page/instrument/ICCPR")
    table = text.split('<table id="articles">', 1)[1].split("</table>", 1)[0]
    numbers = re.findall(r'/article/[^"]+">([^<]+)</a></td><td>', table)
    assert numbers[:11] == [str(n) for n in range(1, 12)]
    assert len(numbers) == len(
        store.select(
            "SELECT ?a WHERE { ?a <https://w3id.org/hrgraph/ontology#articleOf> ?i ; "
            "<https://w3id.org/hrgraph/ontology#articleNumber> ?n }",
            {"i": NamedNode("https://w3id.org/hrgraph/id/instrument/ICCPR")},
        )
    )


def test_recommendation_page_shows_its_document_and_answers(store: GraphStore) -> None:
    """If KAZ 125.11 (UPR cycle 2) is opened, then its document and the national-report
    paragraphs answering it are shown (paragraph 26 of A/HRC/WG.6/34/KAZ/1 answers it)."""
    text = _html(store, "/page/upr/KAZ/2/125.11")
    assert 'href="/page/doc/A/HRC/WG.6/34/KAZ/1"' in text
    answers = text.split('<table id="answers">', 1)[1].split("</table>", 1)[0]
    assert 'href="/page/doc/A/HRC/WG.6/34/KAZ/1/para/26"' in answers
    assert "mecanismo nacional de prevención" in answers


def test_long_tables_are_paged_not_cut(store: GraphStore) -> None:
    """Regression (cut at 50): a resource linked from more than a page of statements gets a pager,
    and the pages together list every statement once."""
    from hrgraph.serve.pages import PAGE_SIZE

    incoming = list(store.store.quads_for_pattern(None, None, NamedNode(PRY)))
    assert len(incoming) > PAGE_SIZE
    pages = -(-len(incoming) // PAGE_SIZE)
    rows = 0
    for n in range(1, pages + 1):
        text = _html(store, f"/page/state/PRY?in={n}")
        linked = text.split("<h2>Linked from", 1)[1].split("</table>", 1)[0]
        rows += linked.count("<tr><td>")
        assert f'<a href="?in={n + 1 if n < pages else 1}">' in text
    assert rows == len(incoming)
