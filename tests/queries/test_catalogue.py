"""Every catalogue query runs on the session build and returns rows; known answers are checked.

Expected values are read from the sources by hand (``sed -n``), from the curated reference
data (whose ``source`` column names the official page), or computed independently of the
code under test (SHA-256 of the source files with hashlib).
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, QuerySolutions, Store

from hrgraph.errors import UsageError
from hrgraph.query import CatalogueQuery, bind, bound_query, catalogue, find_query, load_query
from hrgraph.store import GraphStore
from tests.helpers import SOURCES

QUERIES = catalogue()
ID = "https://w3id.org/hrgraph/id/"
HRG = "https://w3id.org/hrgraph/ontology#"


def rows(store: GraphStore, name: str, **params: str) -> list[dict[str, str]]:
    """A catalogue query's answer as {variable: lexical value} rows."""
    query = find_query(name)
    assert query is not None, f"no catalogue query {name}"
    result = store.query(bound_query(query, params))
    assert isinstance(result, QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]


def test_catalogue_has_at_least_twenty_queries() -> None:
    assert len(QUERIES) >= 20, [q.name for q in QUERIES]


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_query_is_documented_and_self_contained(query: CatalogueQuery) -> None:
    """Each file has a title and a description, and declares every prefix it uses."""
    assert query.title and query.description, query.name
    declared = {line.split()[1] for line in query.sparql.splitlines() if line.upper().startswith("PREFIX ")}
    body = "\n".join(line for line in query.sparql.splitlines() if not line.startswith("#"))
    for prefix in ("hrg:", "rdfs:", "skos:", "dct:", "owl:", "prov:", "xsd:"):
        if prefix in body.replace("PREFIX " + prefix, ""):
            assert prefix in declared, f"{query.name} uses {prefix} without a PREFIX line"


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_query_returns_rows(store: GraphStore, query: CatalogueQuery) -> None:
    """If a catalogue query runs as it is (its VALUES block of defaults) on the build, then it
    has rows."""
    result = store.query(query.sparql)
    assert isinstance(result, QuerySolutions), f"{query.name}: catalogue queries are SELECT queries"
    assert list(result), f"{query.name}: no rows on the session build"


def test_named_graphs_sizes_and_source_hashes(store: GraphStore) -> None:
    answer = {r["graph"]: r for r in rows(store, "named-graphs")}
    for key in ("pry-compilation", "kaz-upr3-national-report", "kaz-cerd-11-14"):
        row = answer[f"https://w3id.org/hrgraph/graph/{key}"]
        assert row["sha256"] == hashlib.sha256((SOURCES / f"{key}.txt").read_bytes()).hexdigest()
    for name in ("reference", "ontology", "inferred"):
        assert f"https://w3id.org/hrgraph/graph/{name}" in answer
    assert {g: int(r["triples"]) for g, r in answer.items()} == {
        g: store.graph_size(g) for g in store.graphs()
    }


def test_states_iso_codes(store: GraphStore) -> None:
    """ISO 3166-1: Paraguay PRY/PY/600, Kazakhstan KAZ/KZ/398."""
    answer = {r["alpha3"]: r for r in rows(store, "states-iso-codes")}
    assert (answer["PRY"]["alpha2"], answer["PRY"]["numeric"], answer["PRY"]["nameEn"]) == (
        "PY",
        "600",
        "Paraguay",
    )
    assert (answer["KAZ"]["alpha2"], answer["KAZ"]["numeric"], answer["KAZ"]["nameEn"]) == (
        "KZ",
        "398",
        "Kazakhstan",
    )
    assert answer["PRY"]["state"] == ID + "state/PRY"


def test_instruments_by_body_ccpr(store: GraphStore) -> None:
    """The Human Rights Committee monitors the ICCPR and its two optional protocols."""
    answer = rows(store, "instruments-by-body", body="CCPR")
    assert {r["key"] for r in answer} == {"ICCPR", "ICCPR-OP1", "ICCPR-OP2"}
    assert {r["adopted"] for r in answer if r["key"] == "ICCPR"} == {"1966-12-16"}


def test_fact_provenance_of_paraguay_iccpr_accession(store: GraphStore) -> None:
    """The ICCPR accession row of the compilation's ratification table is lines 197, 199, 201."""
    answer = rows(store, "fact-provenance", resource=f"<{ID}action/PRY/ICCPR/accession>")
    spans = {(r["key"], int(r["start"]), int(r["end"])) for r in answer}
    assert spans == {
        ("pry-compilation", 197, 197),
        ("pry-compilation", 199, 199),
        ("pry-compilation", 201, 201),
    }
    lines = (SOURCES / "pry-compilation.txt").read_text(encoding="utf-8").splitlines()
    assert lines[196].strip() == "Pacto internacional de derechos civiles y políticos"
    assert lines[198].strip() == "Adhesión"
    assert lines[200].strip() == "Ley N° 5 09/IV/1992"
    assert {r["graph"] for r in answer} == {"https://w3id.org/hrgraph/graph/pry-compilation"}


def test_party_status_iccpr_from_deposit_plus_three_months(store: GraphStore) -> None:
    """UNTC: PRY acceded to the ICCPR on 10 June 1992 (curated); art. 49(2): in force for it
    three months later, 10 September 1992."""
    answer = [r for r in rows(store, "party-status", state="PRY") if r.get("key") == "ICCPR"]
    assert len(answer) == 1
    assert (answer[0]["since"], answer[0]["dateBasis"]) == ("1992-09-10", "deposit-date+delay")
    assert answer[0]["action"] == ID + "action/PRY/ICCPR/accession"
    assert answer[0]["actionType"] == HRG + "Accession"


def test_obligations_on_date_respect_participation_start(store: GraphStore) -> None:
    """If the date is before PRY joined the ICCPR (1992), then no ICCPR obligation binds it."""
    on_2009 = rows(store, "obligations-on-date", state="PRY", date="2009-01-01")
    assert all(date.fromisoformat(r["since"]) <= date(2009, 1, 1) for r in on_2009)
    on_1990 = rows(store, "obligations-on-date", state="PRY", date="1990-01-01")
    assert not [r for r in on_1990 if r.get("key") == "ICCPR"]
    assert len(on_1990) < len(on_2009)


def test_protocols_of_iccpr(store: GraphStore) -> None:
    answer = rows(store, "protocols-of-treaty", instrument="ICCPR", state="PRY")
    assert {r["key"]: r.get("partySince") for r in answer} == {
        "ICCPR-OP1": "1995-04-10",
        "ICCPR-OP2": "2003-11-18",
    }


def test_inference_rules_count_participations(store: GraphStore) -> None:
    answer = {r["rule"]: int(r["facts"]) for r in rows(store, "inference-rules")}
    participations = store.select(f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p a <{HRG}Participation> }}")
    assert answer[ID + "rule/participation"] == int(participations[0]["n"].value)


def test_articles_binding_state_never_exceed_the_instrument(store: GraphStore) -> None:
    answer = rows(store, "articles-binding-state", state="PRY")
    assert answer and all(0 < int(r["binding"]) <= int(r["articles"]) for r in answer)


def test_source_documents_hashes(store: GraphStore) -> None:
    answer = {r["key"]: r for r in rows(store, "source-documents")}
    for key in ("pry-compilation", "kaz-upr3-national-report", "kaz-cerd-11-14"):
        assert answer[key]["sha256"] == hashlib.sha256((SOURCES / f"{key}.txt").read_bytes()).hexdigest()
        assert int(answer[key]["passages"]) > 0


def test_ontology_classes_have_two_labels(store: GraphStore) -> None:
    answer = {r["class"]: r for r in rows(store, "ontology-classes")}
    state = answer[HRG + "State"]
    assert state["labelEn"] and state["labelEs"] and int(state["instances"]) >= 2


def test_ontology_classes_count_every_typed_resource(store: GraphStore) -> None:
    """If the instance counts are read from the build's graph/void, then they are what a count of
    the store gives (oracle: COUNT(DISTINCT) of the resources typed with each class, run here),
    and a class nothing is typed with counts 0."""
    counted = {
        r["c"].value: int(r["n"].value)
        for r in store.select("SELECT ?c (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i a ?c } GROUP BY ?c")
    }
    answer = {r["class"]: int(r["instances"]) for r in rows(store, "ontology-classes")}
    assert answer == {c: counted.get(c, 0) for c in answer}
    assert 0 in answer.values() and answer[HRG + "Recommendation"] > 0


def test_parameters_are_bound_as_terms_not_pasted(store: GraphStore, tmp_path: Path) -> None:
    """If a parameter value carries SPARQL syntax, then it stays one literal (no injection): read
    back, the bound query's VALUES row is that one literal, and it answers no rows, where the
    pasted text would match every article."""
    query = find_query("articles-by-word")
    assert query is not None
    hostile = Literal('x")) } UNION { ?article ?p ?text } #')
    text = bind(query, {"word": hostile})
    (tmp_path / "bound.rq").write_text(text, encoding="utf-8")
    assert [p.default for p in load_query(tmp_path / "bound.rq").parameters] == [hostile]
    result = store.query(text)
    assert isinstance(result, QuerySolutions) and not list(result)
    with pytest.raises(ValueError):
        NamedNode("https://w3id.org/x> } #")  # IRIs are validated when made


# One binding mechanism -------------------------------------------------------------------


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_parameters_open_the_where_group_with_their_defaults(query: CatalogueQuery) -> None:
    """If a query declares parameters, then its outermost group opens with one VALUES row giving
    every one a default of its declared type, so the file pasted anywhere gives its default answer."""
    if not query.parameters:
        assert query.block is None or not query.block.names
        return
    assert query.block is not None
    assert set(query.block.names) == {p.name for p in query.parameters}
    assert all(p.default is not None for p in query.parameters), query.parameters


def test_bind_replaces_only_the_values_row() -> None:
    """If parameters are given, then the VALUES row is replaced and nothing else changes; with
    the defaults, the text is the file itself (what a user pastes is what the CLI runs)."""
    query = find_query("obligations-on-date")
    assert query is not None
    assert bound_query(query, {}) == query.sparql
    assert bound_query(query, {"state": "PRY", "date": "2009-01-01"}) == query.sparql
    text = bound_query(query, {"state": "Kazajstán"})
    block = query.block
    assert block is not None
    row = (
        f'VALUES (?state ?date) {{ (<{ID}state/KAZ> "2009-01-01"^^<http://www.w3.org/2001/XMLSchema#date>) }}'
    )
    assert text == query.sparql[: block.start] + row + query.sparql[block.end :]


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_sparqlwrapper_sends_the_file_as_a_select(query: CatalogueQuery) -> None:
    """Regression (recommendations-on-theme was sent as ``update=``): SPARQLWrapper 2.0 strips
    only every other comment line before guessing the form, and took "addressed" in a
    description for ADD. Every file, given to SPARQLWrapper as it is, is guessed a SELECT."""
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper("http://127.0.0.1:9/sparql")
    client.setQuery(query.sparql)
    assert client.queryType == "SELECT"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "#+ title: t\n#+ parameters: s (IRI, default <urn:x>)\nSELECT * WHERE { ?s ?p ?o }\n",
            "defaults are given by the VALUES block that opens the WHERE group",
        ),
        (
            "#+ title: t\n#+ parameters: s (IRI)\nSELECT * WHERE { ?s ?p ?o }\n",
            "the WHERE group must open with VALUES (?s) { (…) } giving the defaults; found no VALUES block",
        ),
        (
            "#+ title: t\n#+ parameters: s (IRI)\nSELECT * WHERE {\n VALUES ?s { <urn:a> <urn:b> } ?s ?p ?o }\n",
            "line 4: its VALUES block has 2 rows, not one row of defaults",
        ),
        (
            '#+ title: t\n#+ parameters: d (xsd:date)\nSELECT * WHERE {\n VALUES ?d { "x" } ?s ?p ?d }\n',
            'line 4: the default "x" of ?d is not a xsd:date',
        ),
    ],
    ids=["header-default", "no-values", "two-rows", "wrong-type"],
)
def test_bad_parameter_block_is_a_one_line_error(tmp_path: Path, text: str, message: str) -> None:
    """If a query file's parameters and VALUES block disagree, then loading it fails with a
    message naming the file (and line) and what was expected; the CLI exits 2 with it."""
    from click.testing import CliRunner

    from hrgraph.cli import main

    path = tmp_path / "bad.rq"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        load_query(path)
    assert str(caught.value).startswith(str(path)) and message in str(caught.value)
    result = CliRunner().invoke(main, ["query", str(path), "--show"])
    assert result.exit_code == 2 and "bad.rq" in result.output


def test_query_show_prints_the_bound_query() -> None:
    """``hrgraph query NAME --param … --show`` prints the text that would be sent, which parses."""
    from click.testing import CliRunner

    from hrgraph.cli import main

    result = CliRunner().invoke(main, ["query", "party-status", "--param", "state=KAZ", "--show"])
    assert result.exit_code == 0, result.output
    assert f"VALUES (?state) {{ (<{ID}state/KAZ>) }}" in result.output
    assert result.output.startswith("#+ title: Inferred party status")
    Store().query(result.output)  # raises SyntaxError if the printed text is not SPARQL


def test_query_endpoint_must_be_a_url() -> None:
    from click.testing import CliRunner

    from hrgraph.cli import main

    result = CliRunner().invoke(main, ["query", "party-status", "--endpoint", "localhost:7878"])
    assert result.exit_code == 2 and "expected an http(s) URL" in result.output
