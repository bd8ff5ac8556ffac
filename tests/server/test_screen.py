"""The endpoint's query screen and content negotiation, without a server."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from hrgraph.cli import main
from hrgraph.serve.sparql import RefusedError, negotiate, screen


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?load ?service WHERE { ?s <urn:p> "SERVICE <http://x> LOAD" }',
        "SELECT * WHERE { ?s <urn:copy> ?o } # DROP ALL",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:insert ?o ; ex:Service ?x }",
        "SELECT * WHERE { ?s ?p 'it\\'s' } ",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:a\\# ?o }",
        'SELECT * WHERE { ?s ?p """multi\nline DELETE""" }',
        "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
        'SELECT * WHERE { ?s ?p "x"@add }',
    ],
)
def test_screen_lets_ordinary_queries_through(query: str) -> None:
    """If a keyword only appears in a string, comment, variable, prefixed name or tag, then it passes."""
    screen(query)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT * WHERE { service <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE { SERVICE SILENT <http://example.org/> { ?s ?p ?o } }", "SERVICE"),
        ("LOAD <http://example.org/data.ttl>", "SPARQL Update"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "SPARQL Update"),
        ("DELETE WHERE { ?s ?p ?o }", "SPARQL Update"),
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "file:"),
        ("BASE <FILE:///etc/> SELECT * WHERE { <passwd> ?p ?o }", "file:"),
    ],
)
def test_screen_refuses_what_would_fetch_or_write(query: str, message: str) -> None:
    """If the parsed query names a SERVICE, is an Update or names a file: IRI, then it gets 403."""
    with pytest.raises(RefusedError, match=message) as refused:
        screen(query)
    assert refused.value.status == 403


def test_screen_refuses_what_it_cannot_parse() -> None:
    """If the screen cannot parse a query (a syntax error), then it is refused with 400, never run
    unscreened."""
    with pytest.raises(RefusedError, match="syntax error") as refused:
        screen("SELECT * WHERE { ?s ?p 'it''s' }")
    assert refused.value.status == 400


def test_negotiation_honours_q_values_and_wildcards() -> None:
    assert (
        negotiate("text/csv;q=0.5, text/tab-separated-values", "solutions")[1] == "text/tab-separated-values"
    )
    assert negotiate("*/*", "triples")[1] == "text/turtle"
    assert negotiate("application/*", "triples")[1] == "application/n-triples"
    assert negotiate("", "boolean", "xml")[1] == "application/sparql-results+xml"
    with pytest.raises(RefusedError) as refused:
        negotiate("image/png", "solutions")
    assert refused.value.status == 406


def test_serve_binds_localhost_by_default() -> None:
    serve = main.commands["serve"]
    defaults = {p.name: p.default for p in serve.params}
    assert defaults["host"] == "127.0.0.1" and defaults["port"] == 7878
    assert "127.0.0.1" in CliRunner().invoke(main, ["serve", "--help"]).output


def test_serve_without_build_exits_2(tmp_path: object) -> None:
    result = CliRunner().invoke(main, ["serve", "--out", str(tmp_path), "--port", "0"])
    assert result.exit_code == 2 and "no build found" in result.output
