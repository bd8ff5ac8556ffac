"""The reasoning inside a real SPARQL store: ``hrgraph reason --endpoint`` and ``--endpoint`` answers.

The seed build's asserted graphs (every named graph but the inferred one) are pushed with
``hrgraph push`` to a server started for this module on 127.0.0.1; ``hrgraph reason --endpoint``
then runs the rule files there as SPARQL Update. The oracle is the embedded build: its inferred
graph (the session ``store``) and ``hrgraph obligations PRY --format json`` on it. On the Oxigraph
server and on Virtuoso 7.2 both are the same. Virtuoso cannot hold or add month durations
(docs/portability.md), so the participation rule adds the delay in integers; what Virtuoso does
with a stored duration is asserted here as it is, since it explains that design.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import NamedNode, RdfFormat, parse

from hrgraph.build import BuildReport
from hrgraph.cli import main
from hrgraph.iri import INFERRED_GRAPH
from hrgraph.reason import reason
from hrgraph.remote import remote_query, remote_select
from hrgraph.store import GraphStore
from tests.server.conftest import Engine, oxigraph_process, virtuoso_process

pytestmark = [pytest.mark.server, pytest.mark.slow]

DBA = ["--user", "dba", "--password", "dba", "--auth", "digest"]
ON = "2024-06-01"  # the date the obligations are asked on (any date after the seed's documents)
Triples = set[tuple[str, str, str]]


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def push_asserted(store: GraphStore, built: Path, *args: str) -> None:
    """``hrgraph push ARGS --graph G …`` for every named graph of the build but the inferred one."""
    graphs = [x for g in store.graphs() if g != INFERRED_GRAPH for x in ("--graph", g)]
    cli("push", *args, *graphs, "--out", str(built))


def remote_inferred(query_url: str) -> Triples:
    """The server's inferred graph (a CONSTRUCT, parsed), as N-Triples terms."""
    body = remote_query(
        query_url,
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }}",
        "CONSTRUCT",
    )
    return {(str(t.subject), str(t.predicate), str(t.object)) for t in parse(body, RdfFormat.TURTLE)}


def inferred(store: GraphStore) -> Triples:
    quads = store.quads(INFERRED_GRAPH)
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in quads}


def obligations_json(built: Path, *endpoint: str) -> dict[str, object]:
    out = cli("obligations", "PRY", "--format", "json", "--date", ON, "--out", str(built), *endpoint)
    answer: dict[str, object] = json.loads(out)
    return answer


@pytest.fixture(scope="module")
def oxigraph_asserted(
    store: GraphStore, built: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """An Oxigraph server holding the seed build's asserted graphs; its base URL."""
    with oxigraph_process(tmp_path_factory.mktemp("oxigraph-asserted")) as base:
        push_asserted(store, built[0], base + "/update")
        yield base


@pytest.fixture(scope="module")
def virtuoso_asserted(
    store: GraphStore, built: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A Virtuoso holding the seed build's asserted graphs (pushed as docs/portability.md says)."""
    with virtuoso_process(tmp_path_factory.mktemp("virtuoso-asserted")) as base:
        args = [base + "/sparql-graph-crud-auth", "--protocol", "gsp", "--query-endpoint", base + "/sparql"]
        push_asserted(store, built[0], *args, *DBA)
        yield base


def test_reasoned_in_oxigraph_server_like_the_build(
    oxigraph_asserted: str, store: GraphStore, built: tuple[Path, BuildReport]
) -> None:
    """If the asserted graphs are reasoned inside an Oxigraph server, then its inferred graph is
    the build's, triple for triple (rule descriptions included, no blank node), and
    ``obligations PRY --endpoint`` answers the build's ``obligations PRY``, byte for byte."""
    base = oxigraph_asserted
    output = cli("reason", "--endpoint", base + "/update")
    expected = inferred(store)
    assert f"{len(expected)} triples in {INFERRED_GRAPH}" in output
    got = remote_inferred(base + "/query")
    assert not any(t.startswith("_:") for triple in got for t in triple)
    assert got == expected, f"missing {sorted(expected - got)[:5]}, extra {sorted(got - expected)[:5]}"
    assert obligations_json(built[0], "--endpoint", base + "/query") == obligations_json(built[0])


def test_reasoned_again_replaces_the_inferred_graph(oxigraph_asserted: str, store: GraphStore) -> None:
    """If ``reason --endpoint`` runs on a store that holds an inferred graph already (and a stray
    triple in it), then the graph is replaced: the build's triples, the stray gone, and none that
    another graph asserts (as the embedded reasoner; the oracle is a count over the server's
    graphs), though the rules infer some: the ontology's own subclass triples, for one."""
    from hrgraph.remote import Client, Remote, update

    base = oxigraph_asserted
    update(
        Client(Remote(base + "/update")),
        f"INSERT DATA {{ GRAPH <{INFERRED_GRAPH}> {{ <urn:x> <urn:y> <urn:z> }} }}",
    )
    output = cli("reason", "--endpoint", base + "/update")
    assert remote_inferred(base + "/query") == inferred(store)
    dropped = re.search(r"\((\d+) asserted elsewhere dropped\)", output)
    assert dropped and int(dropped[1]) > 0, output
    count = f"""SELECT (COUNT(*) AS ?n) WHERE {{
      GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{INFERRED_GRAPH}>) }}"""
    assert remote_select(base + "/query", count)[0]["n"].value == "0"


def test_owl_rl_reasoned_in_virtuoso_like_the_build(virtuoso_asserted: str, store: GraphStore) -> None:
    """If the OWL RL rules run inside Virtuoso (``reason --group owl-rl``), then its inferred graph
    is what the embedded reasoner infers with the same rules from the same asserted graphs."""
    base = virtuoso_asserted
    cli("reason", "--endpoint", base + "/sparql-auth", "--group", "owl-rl", *DBA)
    local = GraphStore()
    local.add_quads(q for q in store.quads() if q.graph_name != NamedNode(INFERRED_GRAPH))
    reason(local, ("owl-rl",))
    expected = inferred(local)
    got = remote_inferred(base + "/sparql")
    assert not any(t.startswith("_:") for triple in got for t in triple)
    assert got == expected, f"missing {sorted(expected - got)[:5]}, extra {sorted(got - expected)[:5]}"


def test_reasoned_in_virtuoso_like_the_build(
    virtuoso_asserted: str, store: GraphStore, built: tuple[Path, BuildReport]
) -> None:
    """If all the rules run inside Virtuoso 7.2, then its inferred graph is the build's, triple
    for triple, as Virtuoso writes it back (no normalisation: its dates are xsd:date, its
    integers and booleans are read back as the build wrote them), and ``obligations PRY
    --endpoint`` answers the build's ``obligations PRY``, byte for byte (the delay in words
    included: it is read from the integers, docs/portability.md)."""
    base = virtuoso_asserted
    output = cli("reason", "--endpoint", base + "/sparql-auth", *DBA)
    expected = inferred(store)
    assert f"{len(expected)} triples in {INFERRED_GRAPH}" in output
    got = remote_inferred(base + "/sparql")
    assert got == expected, f"missing {sorted(expected - got)[:5]}, extra {sorted(got - expected)[:5]}"
    assert obligations_json(built[0], "--endpoint", base + "/sparql") == obligations_json(built[0])


def test_delays_at_month_ends_in_virtuoso(tmp_path: Path) -> None:
    """If treaties with delays of months, days or both, and acts deposited at months' ends (and
    acts dated only by a report's month), are reasoned inside Virtuoso, then each participation
    starts on the date XPath gives (the oracle: Python's calendar, as in
    tests/test_reasoning.py), the same dates as the embedded reasoner."""
    from hrgraph.reason.remote import reason_remote
    from hrgraph.remote import Remote, push
    from tests.test_reasoning import delay_cases

    local, expected = delay_cases()
    with virtuoso_process(tmp_path) as base:
        push(local, Remote(base + "/sparql-graph-crud-auth", "gsp", base + "/sparql", "dba", "dba", "digest"))
        reason_remote(Remote(base + "/sparql-auth", "update", base + "/sparql", "dba", "dba", "digest"))
        query = f"""SELECT ?a ?since ?basis WHERE {{ GRAPH <{INFERRED_GRAPH}> {{
          ?p <https://w3id.org/hrgraph/ontology#basis> ?a ; <https://w3id.org/hrgraph/ontology#since> ?since ;
             <https://w3id.org/hrgraph/ontology#dateBasis> ?basis }} }}"""
        rows = remote_select(base + "/sparql", query)
    got = {r["a"].value: (r["since"].value, r["basis"].value) for r in rows}
    assert {a: got.get(a) for a in expected} == expected


def test_virtuoso_adds_month_durations_as_seconds(virtuoso_asserted: str) -> None:
    """If Virtuoso adds a treaty's stored ``hrg:entryIntoForceDelay`` to a date, then a delay in
    days gives the right date but one in months or years adds that many *seconds* (it stores
    ``P3M`` as 3, ``P1Y`` as 12): why the participation rule adds the delay's integers
    (``hrg:entryIntoForceDelayMonths``/``Days``) instead. The oracle is the delays' lexical
    forms in the build (P90D, P3M)."""
    query = """PREFIX hrg: <https://w3id.org/hrgraph/ontology#>
    PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
    SELECT ?delay (xsd:date("2000-01-31") + ?delay AS ?plus) WHERE {
      VALUES ?i { <https://w3id.org/hrgraph/id/instrument/CSR51> <https://w3id.org/hrgraph/id/instrument/ICCPR> }
      ?i hrg:entryIntoForceDelay ?delay }"""
    rows = {r["delay"].value: r["plus"].value for r in remote_select(virtuoso_asserted + "/sparql", query)}
    assert rows == {"7.776e+06": "2000-04-30", "3": "2000-01-31T00:00:03"}


def test_obligations_from_virtuoso(virtuoso_server: Engine, built: tuple[Path, BuildReport]) -> None:
    """If the build (its inferred graph too) is pushed to Virtuoso, then ``obligations PRY
    --endpoint`` answers the build's ``obligations PRY``, byte for byte: the entry-into-force
    delay in words too, read from the delay's integers (Virtuoso keeps no month duration) and
    with Virtuoso's ``1`` for ``true`` read as true."""
    expected = json.dumps(obligations_json(built[0]), ensure_ascii=False)
    assert ", in force three months later (art. 49)" in expected  # the oracle has delays in words
    got = json.dumps(obligations_json(built[0], "--endpoint", virtuoso_server.query_url), ensure_ascii=False)
    assert got == expected
