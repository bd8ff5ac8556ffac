"""The whole query catalogue, pasted as it is, on four engines gives what ``hrgraph query`` gives.

The oracle is the CLI: ``hrgraph query NAME --format json`` on the session build. Each ``.rq``
file is then sent exactly as it is on disk (its VALUES block of defaults, no binding by the
client) to the embedded store, and, through SPARQLWrapper (``hrgraph.remote.remote_select``), to
``hrgraph serve``, to the Oxigraph server and to Virtuoso after ``hrgraph push``. Answers are
compared as sets of rows; Virtuoso's answers are normalised only for the differences listed in
``compare.EXCEPTIONS`` and docs/portability.md, and the queries it answers differently are listed
in ``VIRTUOSO_DIFFERS``: the test then asserts that precise difference (so it fails if Virtuoso
starts agreeing, or differs otherwise). ``hrgraph query --endpoint`` with a parameter that is not
the default is checked against ``hrgraph query`` on the build the same way.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import QueryResultsFormat, QuerySolutions, parse_query_results

from hrgraph.build import BuildReport
from hrgraph.cli import main
from hrgraph.query import CatalogueQuery, catalogue
from hrgraph.remote import RemoteError, remote_select
from hrgraph.store import GraphStore
from tests.server.compare import (
    EXCEPTIONS,
    AnyTerm,
    Row,
    as_rows,
    describe_difference,
    embedded_rows,
    group_concats,
)
from tests.server.conftest import Engine

pytestmark = pytest.mark.server

QUERIES = catalogue()

# Catalogue queries Virtuoso 7.2.5 answers differently (docs/portability.md): name → (how, why).
# "error:CODE" — Virtuoso refuses the query with that error code; "subset" — it returns a strict,
# non-empty subset of the rows.
VIRTUOSO_DIFFERS: dict[str, tuple[str, str]] = {
    "laws-cited": (
        "error:SQ156",
        "ORDER BY on COALESCE(STR(SAMPLE(?d)), …) of a grouped query: 'Internal Optimized compiler error'",
    ),
}
# Virtuoso keeps its own graphs (virtrdf#, ldp#, …) in the quad store; only hrgraph's are compared.
HRGRAPH_GRAPHS = "https://w3id.org/hrgraph/graph/"


def cli_rows(out: Path, *args: str) -> list[dict[str, AnyTerm]]:
    """``hrgraph query ARGS --format json`` run by the CLI itself; its rows as terms."""
    result = CliRunner().invoke(main, ["query", *args, "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    solutions = parse_query_results(result.stdout_bytes, QueryResultsFormat.JSON)
    assert isinstance(solutions, QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: row[n] for n in names if row[n] is not None} for row in solutions]


@cache
def _cli_answer(out: Path, name: str) -> list[dict[str, AnyTerm]]:
    return cli_rows(out, name)


def _answers(engine: Engine, built: Path, query: CatalogueQuery) -> tuple[set[Row], set[Row]]:
    """(what ``hrgraph query NAME`` answers, what ``engine`` answers to the file as pasted)."""
    exceptions, concats = EXCEPTIONS[engine.name], group_concats(query.sparql)
    expected = as_rows(_cli_answer(built, query.name), exceptions, concats)
    remote = remote_select(engine.query_url, query.sparql)
    if "system-graphs" in exceptions:
        remote = [r for r in remote if "graph" not in r or r["graph"].value.startswith(HRGRAPH_GRAPHS)]
    return expected, as_rows(remote, exceptions, concats)


def _compare(engine: Engine, built: Path, query: CatalogueQuery) -> None:
    expected, got = _answers(engine, built, query)
    assert got == expected, f"{query.name} on {engine.name}:\n{describe_difference(expected, got)}"


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_catalogue_pasted_on_embedded_store(
    store: GraphStore, built: tuple[Path, BuildReport], query: CatalogueQuery
) -> None:
    """If a catalogue file is run as it is on the embedded store, then it answers what
    ``hrgraph query NAME`` answers, and that answer is not empty (the defaults are in the file)."""
    expected = as_rows(_cli_answer(built[0], query.name), set(), group_concats(query.sparql))
    got = as_rows(embedded_rows(store, query), set(), group_concats(query.sparql))
    assert expected, f"{query.name}: hrgraph query gives no rows"
    assert got == expected, describe_difference(expected, got)


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_catalogue_pasted_on_hrgraph_serve(
    hrgraph_server: Engine, built: tuple[Path, BuildReport], query: CatalogueQuery
) -> None:
    """If a catalogue file is pasted into ``hrgraph serve``, then it answers what ``hrgraph query`` does."""
    _compare(hrgraph_server, built[0], query)


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_catalogue_pasted_on_oxigraph_server(
    oxigraph_server: Engine, built: tuple[Path, BuildReport], query: CatalogueQuery
) -> None:
    """If the graph is pushed to an Oxigraph server, then every pasted file answers as ``hrgraph query``."""
    _compare(oxigraph_server, built[0], query)


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_catalogue_pasted_on_virtuoso(
    virtuoso_server: Engine, built: tuple[Path, BuildReport], query: CatalogueQuery
) -> None:
    """If the graph is pushed to Virtuoso, then every pasted file answers as ``hrgraph query``
    (normalised), except the documented differences."""
    how, why = VIRTUOSO_DIFFERS.get(query.name, ("same", ""))
    if how.startswith("error:"):
        with pytest.raises(RemoteError, match=how.removeprefix("error:")):
            _answers(virtuoso_server, built[0], query)
    elif how == "subset":
        expected, got = _answers(virtuoso_server, built[0], query)
        assert got and got < expected, f"{query.name}: expected the documented difference ({why})"
    else:
        _compare(virtuoso_server, built[0], query)


# Parameters that are not the defaults; the test asserts that the answer differs from the default
# answer and is not empty, so that a binding the server ignored would fail.
BOUND = [
    ("articles-by-word", ("word=discriminación",)),
    ("obligations-on-date", ("state=PRY", "date=1990-06-01")),
    ("party-status", ("state=KAZ",)),
]


@pytest.mark.parametrize("engine", ["hrgraph_server", "oxigraph_server", "virtuoso_server"])
@pytest.mark.parametrize(("name", "params"), BOUND, ids=[b[0] for b in BOUND])
def test_query_endpoint_binds_like_the_build(
    engine: str,
    name: str,
    params: tuple[str, ...],
    request: pytest.FixtureRequest,
    built: tuple[Path, BuildReport],
) -> None:
    """If ``hrgraph query NAME --param … --endpoint URL`` runs on a server, then it answers what
    ``hrgraph query NAME --param …`` answers on the build, which differs from the default answer."""
    server: Engine = request.getfixturevalue(engine)
    args = [name, *(x for p in params for x in ("--param", p))]
    exceptions, concats = (
        EXCEPTIONS[server.name],
        group_concats(next(q for q in QUERIES if q.name == name).sparql),
    )
    expected = as_rows(cli_rows(built[0], *args), exceptions, concats)
    got = as_rows(cli_rows(built[0], *args, "--endpoint", server.query_url), exceptions, concats)
    assert expected and expected != as_rows(_cli_answer(built[0], name), exceptions, concats)
    assert got == expected, describe_difference(expected, got)


@pytest.mark.parametrize("engine", ["oxigraph_server", "virtuoso_server"])
def test_push_verified_by_counting(engine: str, request: pytest.FixtureRequest, store: GraphStore) -> None:
    """If the graph is pushed, then every named graph has as many triples there as here."""
    pushed = request.getfixturevalue(engine).pushed
    assert pushed is not None
    assert pushed.local == {g: store.graph_size(g) for g in store.graphs()}
    assert pushed.ok, pushed.mismatches()


def test_push_one_graph_by_graph_store_protocol(
    oxigraph_server: Engine, store: GraphStore, built: tuple[Path, BuildReport]
) -> None:
    """If one graph is pushed again with the Graph Store Protocol (PUT, then POST batches), then
    it is replaced, not doubled, and the CLI reports the verified count."""
    from click.testing import CliRunner

    from hrgraph.cli import main

    base = oxigraph_server.query_url.removesuffix("/query")
    graph = "https://w3id.org/hrgraph/graph/reference"
    out = str(built[0])
    args = ["push", base + "/store", "--protocol", "gsp", "--query-endpoint", oxigraph_server.query_url]
    result = CliRunner().invoke(main, [*args, "--graph", graph, "--batch", "500", "--out", out])
    assert result.exit_code == 0, result.output
    assert (
        f"{graph}: {store.graph_size(graph)} triples pushed, {store.graph_size(graph)} on the server"
        in result.output
    )


def test_push_refused_credentials_exit_2(virtuoso_server: Engine, built: tuple[Path, BuildReport]) -> None:
    from click.testing import CliRunner

    from hrgraph.cli import main

    base = virtuoso_server.query_url.removesuffix("/sparql")
    args = [
        "push",
        base + "/sparql-graph-crud-auth",
        "--protocol",
        "gsp",
        "--query-endpoint",
        virtuoso_server.query_url,
    ]
    auth = ["--user", "dba", "--password", "not-the-password", "--auth", "digest", "--out", str(built[0])]
    result = CliRunner().invoke(main, [*args, *auth])
    assert result.exit_code == 2 and "HTTP 401" in result.output


def test_push_unknown_graph_is_a_usage_error(store: GraphStore) -> None:
    from hrgraph.errors import UsageError
    from hrgraph.remote import Remote, push

    with pytest.raises(UsageError, match="no such graph"):
        push(store, Remote("http://127.0.0.1:9/update"), ["https://w3id.org/hrgraph/graph/nothing"])


def test_query_endpoint_logs_in(virtuoso_server: Engine, built: tuple[Path, BuildReport]) -> None:
    """If ``hrgraph query --endpoint`` is given Virtuoso's authenticated endpoint and ``dba``'s
    credentials (digest), then it answers what the public endpoint answers; a wrong password is
    exit 2 saying Unauthorized (the oracle: the same query on ``/sparql`` without credentials)."""
    auth_url = virtuoso_server.query_url.removesuffix("/sparql") + "/sparql-auth"
    expected = cli_rows(built[0], "party-status", "--endpoint", virtuoso_server.query_url)
    login = ["--user", "dba", "--password", "dba", "--auth", "digest"]
    assert expected and cli_rows(built[0], "party-status", "--endpoint", auth_url, *login) == expected
    wrong = ["--user", "dba", "--password", "not-the-password", "--auth", "digest"]
    result = CliRunner().invoke(
        main, ["query", "party-status", "--endpoint", auth_url, *wrong, "--out", str(built[0])]
    )
    assert result.exit_code == 2 and "Unauthorized" in result.output, result.output
