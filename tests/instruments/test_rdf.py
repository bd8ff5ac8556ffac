"""The instruments stage as RDF: IRIs, provenance, the two queries and the SHACL shapes.

Expected values were read from ``src/hrgraph/resources/sources/pry-compilation.txt`` by hand (lines noted).
The graph is built from the real source by the stage's own extract + write, without the rest
of the pipeline, so these tests stay fast.
"""

from __future__ import annotations

import pyshacl
import pytest
import rdflib

from hrgraph import iri
from hrgraph.build import load_ontology
from hrgraph.extract.common import LineLedger, SourceText
from hrgraph.extract.compilation import instruments
from hrgraph.rdf import instruments as mapping
from hrgraph.rdf.writer import GraphWriter
from hrgraph.store import GraphStore
from tests.helpers import DATA, ONTOLOGY, SOURCES
from tests.helpers import catalogue_rows as run

SOURCE = SOURCES / "pry-compilation.txt"
SHAPES = ONTOLOGY / "shapes" / "instruments.ttl"
HRG = (
    "PREFIX hrg: <https://w3id.org/hrgraph/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)
ID = "https://w3id.org/hrgraph/id/"


@pytest.fixture(scope="module")
def writer() -> GraphWriter:
    src = SourceText.from_path("pry-compilation", SOURCE)
    result = instruments.extract(src, LineLedger(src))
    w = GraphWriter(iri.graph("pry-compilation"), {"pry-compilation": iri.source("pry-compilation")})
    mapping.write(result, w)
    return w


@pytest.fixture(scope="module")
def store(writer: GraphWriter) -> GraphStore:
    s = GraphStore()
    load_ontology(s)
    s.add_quads(writer.quads)
    return s


def test_instrument_articles_in_order(store: GraphStore) -> None:
    rows = run(store, "instrument-articles")  # UDHR
    assert [r["number"] for r in rows] == [str(n) for n in range(1, 31)]
    assert (
        rows[4]["text"]
        == "Nadie será sometido a torturas ni a penas o tratos crueles, inhumanos o degradantes."
    )


def test_instrument_articles_roman_numbers_and_divisions(store: GraphStore) -> None:
    rows = run(store, "instrument-articles", instrument="ADRDM")
    assert [r["printed"] for r in rows][:3] == ["I", "II", "III"]  # 2929, 2933
    assert rows[28]["printed"] == "XXIX"
    # 2955: "Capítulo Segundo - Deberes"; 2959: "Artículo XXIX."
    assert rows[28]["divisionLabel"] == "Capítulo Segundo - Deberes"


def test_articles_by_word(store: GraphStore) -> None:
    rows = run(store, "articles-by-word", word="esclavitud")
    found = {(r["instrument"].rsplit("/", 1)[1], r["number"]) for r in rows}
    # UDHR 4 (489), ICCPR 8 (789), ACHR 6 (2977: "Prohibición de la Esclavitud y Servidumbre")
    assert {("UDHR", "4"), ("ICCPR", "8"), ("ACHR", "6")} <= found


def test_paragraph_iri_and_text(store: GraphStore) -> None:
    para = f"<{ID}instrument/ICESCR/article/11/para/1>"
    rows = store.select(HRG + f"SELECT ?t ?a WHERE {{ {para} hrg:text ?t ; hrg:paragraphOf ?a }}")
    assert len(rows) == 1
    assert rows[0]["a"].value == f"{ID}instrument/ICESCR/article/11"
    assert rows[0]["t"].value.startswith("Los Estados Partes en el presente Pacto reconocen el derecho")


def test_provenance_of_an_article_split_over_a_column_break(store: GraphStore) -> None:
    """UDHR art. 25 starts at 519 and goes on at 495 (the top of the right column)."""
    rows = store.select(
        HRG
        + f"""SELECT ?start WHERE {{
        <{ID}instrument/UDHR/article/25> hrg:passage ?p . ?p hrg:startLine ?start }}"""
    )
    assert sorted(int(r["start"].value) for r in rows) == [495, 519]


def test_named_only_instrument(store: GraphStore) -> None:
    rows = store.select(
        HRG
        + f"""SELECT ?doc (COUNT(?a) AS ?n) WHERE {{
        <{ID}instrument/ILO-C059> hrg:namedIn ?doc OPTIONAL {{ <{ID}instrument/ILO-C059> hrg:hasArticle ?a }}
    }} GROUP BY ?doc"""
    )
    assert [(r["doc"].value, int(r["n"].value)) for r in rows] == [(f"{ID}source/pry-compilation", 0)]


def test_protocol_and_labels(store: GraphStore) -> None:
    rows = store.select(
        HRG
        + f"""SELECT ?parent ?es ?en WHERE {{
        <{ID}instrument/ICCPR-OP2> hrg:protocolTo ?parent ; rdfs:label ?es , ?en .
        FILTER (LANG(?es) = "es" && LANG(?en) = "en") }}"""
    )
    assert len(rows) == 1
    assert rows[0]["parent"].value == f"{ID}instrument/ICCPR"
    assert rows[0]["es"].value.startswith("Segundo Protocolo Facultativo del Pacto Internacional")  # 889
    assert rows[0]["en"].value.startswith("Second Optional Protocol")


def test_shapes_conform_on_the_real_graph(writer: GraphWriter) -> None:
    """The mapping types every resource explicitly, so no inference is needed here."""
    g = rdflib.Graph()
    g.parse(data="\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in writer.quads), format="nt")
    conforms, _, text = pyshacl.validate(
        g, shacl_graph=rdflib.Graph().parse(SHAPES), inference="none", allow_warnings=True
    )
    assert conforms, text


def test_shapes_catch_each_violation() -> None:
    data = rdflib.Graph().parse(DATA / "instruments" / "shapes-violating.ttl")
    for path in sorted((ONTOLOGY).glob("*.ttl")):
        data.parse(path)
    _, report, _ = pyshacl.validate(data, shacl_graph=rdflib.Graph().parse(SHAPES), inference="rdfs")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    found = {
        (
            str(report.value(r, sh.focusNode)).rsplit("TEST-X", 1)[1],
            str(report.value(r, sh.resultPath)).rsplit("#", 1)[1],
        )
        for r in report.subjects(rdflib.RDF.type, sh.ValidationResult)
    }
    assert found == {
        ("", "hasArticle"), ("", "label"), ("", "system"), ("", "wasDerivedFrom"),
        ("/part/1", "divisionOf"), ("/part/1", "number"), ("/part/1", "wasDerivedFrom"),
        ("/article/1", "text"), ("/article/1", "ordinal"), ("/article/1", "printedNumber"),
        ("/article/1", "articleNumber"), ("/article/1", "wasDerivedFrom"),
        ("/article/1/para/1", "paragraphNumber"), ("/article/1/para/1", "text"),
    }  # fmt: skip
