"""The dataset description: VoID (W3C Interest Group Note, 2011) and DCAT 3 (W3C Rec., 2024).

One ``void:Dataset``/``dcat:Dataset`` for the whole build and one for each named graph (its
``void:subset``; the graph's own IRI names it, so ``GRAPH ?g {…}`` joins with ``?g
void:triples ?n``), each with ``void:triples``, ``void:distinctSubjects``/``Objects``,
``void:classes``, ``void:properties`` and a ``void:classPartition`` (instances per class) and
``void:propertyPartition`` (triples per property) for every class and property it uses. The
whole dataset also has its licence, version, release date, SPARQL endpoint, vocabularies and
every source document with its SHA-256 (SPDX checksum).

Deterministic: the date is the release date of the version in ``CHANGELOG.md`` (or
``SOURCE_DATE_EPOCH``, the reproducible-builds convention), never the wall clock; without
either, the description has no date. Partitions have minted IRIs, so there are no blank nodes.

Counting conventions: a named graph's ``void:triples`` is its size; the dataset's is the
number of distinct triples in the union of the graphs (what ``hrgraph export --format nt``
writes), and its ``void:entities`` the distinct subjects under ``void:uriSpace``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, serialize

from hrgraph import __version__, iri, paths
from hrgraph.namespace import DCAT, DCT, OWL, PREFIXES, RDF, RDFS, VOID, XSD, Namespace, hrg
from hrgraph.sources import SourceMeta, load_sources
from hrgraph.store import GraphStore

SPDX = Namespace("http://spdx.org/rdf/terms#")
# without ``hrgid:``, whose IRIs Turtle would write as ``hrgid:dataset\/hrgraph``
DESCRIPTION_PREFIXES = {**{k: v for k, v in PREFIXES.items() if k != "hrgid"}, "spdx": SPDX.base}
# In a checkout only: an installed wheel has no CHANGELOG, and its descriptions no date
# unless SOURCE_DATE_EPOCH gives one.
ROOT = paths.checkout()
CHANGELOG = (ROOT or Path.cwd()) / "CHANGELOG.md"
# Where ``hrgraph serve`` answers by default; ``build/void.ttl`` names ``$HRGRAPH_BASE_URL`` instead
# when it is set, and the served VoID names the URL the client used.
DEFAULT_BASE = "http://127.0.0.1:7878/"
DEFAULT_ENDPOINT = DEFAULT_BASE + "sparql"
# The build's files that ``hrgraph serve`` offers under ``/download/`` (the release has them all).
SERVED_DOWNLOADS = ("nq", "ttl")
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
DATASET = iri.entity("dataset", "hrgraph")
COUNTS_GRAPH = iri.COUNTS_GRAPH
FORMATS = {  # distribution key → (media type, W3C format IRI, file in the release)
    "nq": ("application/n-quads", "http://www.w3.org/ns/formats/N-Quads", "hrgraph.nq"),
    "trig": ("application/trig", "http://www.w3.org/ns/formats/TriG", "hrgraph.trig"),
    "ttl": ("text/turtle", "http://www.w3.org/ns/formats/Turtle", "hrgraph.ttl"),
    "nt": ("application/n-triples", "http://www.w3.org/ns/formats/N-Triples", "hrgraph.nt"),
    "jsonld": ("application/ld+json", "http://www.w3.org/ns/formats/JSON-LD", "hrgraph.publish.jsonld"),
}


@dataclass(frozen=True)
class GraphStats:
    """The VoID statistics of one graph (or of the union, ``graph`` None)."""

    graph: str | None
    triples: int
    subjects: int
    objects: int
    classes: dict[str, int]
    properties: dict[str, int]


_RELEASE = re.compile(r"^## \[(?P<version>[^\]]+)\] - (?P<date>\d{4}-\d{2}-\d{2})\s*$", re.MULTILINE)


def changelog_date(version: str = __version__, path: Path = CHANGELOG) -> str | None:
    """The release date of ``version`` in a Keep-a-Changelog file, or None.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "CHANGELOG.md"
    >>> _ = p.write_text("## [Unreleased]\\n## [0.1.0] - 2026-11-23\\n")
    >>> changelog_date("0.1.0", p), changelog_date("0.2.0", p)
    ('2026-11-23', None)
    """
    if not path.is_file():
        return None
    for match in _RELEASE.finditer(path.read_text(encoding="utf-8")):
        if match["version"] == version:
            return match["date"]
    return None


def build_date(version: str = __version__) -> str | None:
    """``SOURCE_DATE_EPOCH`` as a UTC date if set, else the CHANGELOG date of ``version``."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
    return changelog_date(version)


def statistics(store: GraphStore, graph: str | None) -> GraphStats:
    """Counts for one named graph, or for the union of all of them (``graph`` None)."""
    where = _where(graph)
    row = store.select(
        f"SELECT (COUNT(*) AS ?t) (COUNT(DISTINCT ?s) AS ?ns) (COUNT(DISTINCT ?o) AS ?no) WHERE {{ {where} }}"
    )[0]
    classes = store.select(
        f"SELECT ?o (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {where} FILTER(?p = {RDF.type}) }} GROUP BY ?o"
    )
    props = store.select(f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ {where} }} GROUP BY ?p")
    return GraphStats(
        graph,
        _int(row["t"]),
        _int(row["ns"]),
        _int(row["no"]),
        {r["o"].value: _int(r["n"]) for r in classes},
        {r["p"].value: _int(r["n"]) for r in props},
    )


def counts(store: GraphStore) -> list[Quad]:
    """The counts the build keeps in the store, in :data:`COUNTS_GRAPH`: ``void:triples`` of
    every named graph (that one included) and, for the dataset, a ``void:classPartition`` per
    class with its ``void:entities``, the distinct resources typed with it in any graph (the IRIs
    and figures of ``void.ttl``, which adds what depends on where the build is served).

    Two scans of the store (0.39 and 0.17 s of the 0.67–0.95 s at 1.6M quads), made once per
    build so that the catalogue's ``named-graphs`` and ``ontology-classes`` read them instead of
    scanning: no way of writing a count makes an engine read fewer triples. Counts the store
    held are not counted, and are replaced (:func:`write_counts`)."""
    g = NamedNode(COUNTS_GRAPH)
    sizes = store.select(
        f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {g}) }} GROUP BY ?g"
    )
    # (the counts graph types nothing)
    classes = store.select("SELECT ?o (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?o } } GROUP BY ?o")
    dataset, triples = NamedNode(DATASET), []
    for row in sizes:
        triples += [(dataset, VOID.subset, row["g"]), (row["g"], VOID.triples, row["n"])]
    for row in classes:
        part = NamedNode(_partition(DATASET, "class", row["o"].value))
        triples += [(dataset, VOID.classPartition, part), (part, VOID["class"], row["o"])]
        triples.append((part, VOID.entities, row["n"]))
    triples += [(dataset, VOID.subset, g), (g, VOID.triples, _count(len(triples) + 2))]
    return [Quad(s, p, o, g) for s, p, o in triples]  # COUNT gives xsd:integer literals


def write_counts(store: GraphStore) -> int:
    """Replace the store's :data:`COUNTS_GRAPH` by :func:`counts`; returns its size."""
    quads = counts(store)
    store.store.remove_graph(NamedNode(COUNTS_GRAPH))
    store.add_quads(quads)
    return len(quads)


def _where(graph: str | None) -> str:
    """The triples of one graph (bound by VALUES, an IRI validated by NamedNode), or of the union."""
    if graph is None:
        return "{ SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
    return f"VALUES ?g {{ {NamedNode(graph)} }} GRAPH ?g {{ ?s ?p ?o }}"


def _int(term: object) -> int:
    return int(getattr(term, "value", 0))


def entities(store: GraphStore) -> int:
    """Distinct subjects in the data namespace (``void:uriSpace``), over all graphs."""
    rows = store.select(
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{iri.ID}")) }}'
    )
    return _int(rows[0]["n"])


class Description:
    """Collects the description's triples (all in one default graph)."""

    def __init__(self) -> None:
        self.triples: set[Triple] = set()

    def add(self, s: str, p: NamedNode, o: str | Literal | NamedNode) -> None:
        obj = NamedNode(o) if isinstance(o, str) else o
        self.triples.add(Triple(NamedNode(s), p, obj))

    def sorted(self) -> list[Triple]:
        return sorted(self.triples, key=str)


def describe(
    store: GraphStore,
    version: str = __version__,
    issued: str | None = None,
    base: str = DEFAULT_BASE,
    sources: Iterable[SourceMeta] | None = None,
) -> list[Triple]:
    """The VoID + DCAT description of the store's dataset and of each named graph, with the
    SPARQL endpoint ``{base}sparql`` and the downloads under ``{base}download/``."""
    d = Description()
    sources = list(load_sources() if sources is None else sources)
    _dataset_header(d, version, issued, base + "sparql")
    d.add(DATASET, VOID.dataDump, f"{base}download/{FORMATS['nq'][2]}")
    _stats(d, DATASET, statistics(store, None))
    d.add(DATASET, VOID.entities, _count(entities(store)))
    for meta in sources:
        _source(d, DATASET, meta)
    by_graph = {m.graph: m for m in sources}
    for graph in store.graphs():
        d.add(DATASET, VOID.subset, graph)
        _subset(d, graph, by_graph.get(graph), version)
        _stats(d, graph, statistics(store, graph))
    _distributions(d, base)
    return d.sorted()


def _dataset_header(d: Description, version: str, issued: str | None, endpoint: str) -> None:
    for cls in (VOID.Dataset, DCAT.Dataset):
        d.add(DATASET, RDF.type, cls)
    d.add(
        DATASET, DCT.title, Literal("hrgraph: a knowledge graph of human-rights obligations", language="en")
    )
    d.add(
        DATASET,
        DCT.description,
        Literal(
            "States, human-rights instruments and their articles, treaty actions, monitoring bodies, "
            "general comments, recommendations and State reports, read from the source documents "
            "with the passage each fact comes from; plus curated reference data, the hrgraph "
            "ontology and the triples a reasoner infers from them.",
            language="en",
        ),
    )
    d.add(DATASET, DCT.license, LICENCE)
    d.add(DATASET, DCT.creator, Literal("hrgraph contributors"))
    d.add(DATASET, DCAT.version, Literal(version))
    d.add(DATASET, OWL.versionInfo, Literal(version))
    d.add(DATASET, DCT.conformsTo, iri.ONTOLOGY)
    d.add(DATASET, VOID.uriSpace, Literal(iri.ID))
    d.add(DATASET, VOID.sparqlEndpoint, endpoint)
    for example in (iri.state("PRY"), iri.state("KAZ"), iri.instrument("ICCPR")):
        d.add(DATASET, VOID.exampleResource, example)
    for fmt, (_, feature, _) in FORMATS.items():
        if fmt in ("nq", "ttl"):
            d.add(DATASET, VOID.feature, feature)
    if issued:
        d.add(DATASET, DCT.issued, Literal(issued, datatype=XSD.date))
        d.add(DATASET, DCT.modified, Literal(issued, datatype=XSD.date))
    service = f"{DATASET}/sparql"
    d.add(service, RDF.type, DCAT.DataService)
    d.add(service, DCAT.endpointURL, endpoint)
    d.add(service, DCAT.servesDataset, DATASET)
    d.add(service, DCT.conformsTo, "https://www.w3.org/TR/sparql11-protocol/")
    d.add(DATASET, DCAT.accessService, service)


def _source(d: Description, dataset: str, meta: SourceMeta) -> None:
    """``dct:source`` a source document, with its SHA-256 as an SPDX checksum."""
    d.add(dataset, DCT.source, meta.iri)
    d.add(meta.iri, DCT.identifier, Literal(meta.key))
    d.add(meta.iri, DCT.title, Literal(meta.title, language=meta.language))
    d.add(meta.iri, hrg("sha256"), Literal(meta.sha256))
    checksum = iri.entity("dataset", "hrgraph", "source", meta.key, "sha256")
    d.add(meta.iri, SPDX.checksum, checksum)
    d.add(checksum, RDF.type, SPDX.Checksum)
    d.add(checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256)
    d.add(checksum, SPDX.checksumValue, Literal(meta.sha256, datatype=XSD.hexBinary))


def _subset(d: Description, graph: str, meta: SourceMeta | None, version: str) -> None:
    name = graph.rsplit("/", 1)[-1]
    for cls in (VOID.Dataset, DCAT.Dataset):
        d.add(graph, RDF.type, cls)
    d.add(graph, DCT.isPartOf, DATASET)
    d.add(graph, DCT.identifier, Literal(name))
    d.add(graph, DCT.license, LICENCE)
    d.add(graph, DCAT.version, Literal(version))
    if meta is not None:
        d.add(graph, DCT.title, Literal(f"Facts read from: {meta.title_en or meta.title}", language="en"))
        _source(d, graph, meta)
    elif name in _GRAPH_TITLES:
        d.add(graph, DCT.title, Literal(_GRAPH_TITLES[name], language="en"))
    if name == "ontology":
        d.add(graph, DCT.source, iri.ONTOLOGY)
    if name == "inferred":
        d.add(
            graph,
            DCT.description,
            Literal(
                "Triples entailed by the OWL 2 RL rules and hrgraph's domain rules "
                "(ontology/rules/) from every other graph.",
                language="en",
            ),
        )


_GRAPH_TITLES = {
    "reference": "Curated reference data (States from ISO 3166-1, bodies, instruments, alignments)",
    "ontology": "The hrgraph ontology (every ontology/*.ttl module)",
    "inferred": "Inferred triples",
}


def _stats(d: Description, dataset: str, stats: GraphStats) -> None:
    d.add(dataset, VOID.triples, _count(stats.triples))
    d.add(dataset, VOID.distinctSubjects, _count(stats.subjects))
    d.add(dataset, VOID.distinctObjects, _count(stats.objects))
    d.add(dataset, VOID.classes, _count(len(stats.classes)))
    d.add(dataset, VOID.properties, _count(len(stats.properties)))
    for cls, n in stats.classes.items():
        part = _partition(dataset, "class", cls)
        d.add(dataset, VOID.classPartition, part)
        d.add(part, VOID["class"], cls)
        d.add(part, VOID.entities, _count(n))
    for prop, n in stats.properties.items():
        part = _partition(dataset, "property", prop)
        d.add(dataset, VOID.propertyPartition, part)
        d.add(part, VOID.property, prop)
        d.add(part, VOID.triples, _count(n))
        d.add(DATASET, VOID.vocabulary, _namespace(prop))


def _partition(dataset: str, kind: str, term: str) -> str:
    """A partition's IRI: ``…/dataset/hrgraph[/graph/NAME]/class/hrg-State``."""
    scope = ["graph", dataset.rsplit("/", 1)[-1]] if dataset != DATASET else []
    return iri.entity("dataset", "hrgraph", *scope, kind, _short(term))


def _short(term: str) -> str:
    """``prefix-local`` for a term under a known prefix, else a digest of the IRI.

    >>> _short("https://w3id.org/hrgraph/ontology#State"), _short("urn:x")
    ('hrg-State', 'iri-1ff30242f9f3')
    """
    for prefix, base in sorted(PREFIXES.items()):
        local = term[len(base) :]
        if term.startswith(base) and re.fullmatch(r"[A-Za-z0-9_.\-]+", local):
            return f"{prefix}-{local}"
    return "iri-" + hashlib.sha256(term.encode()).hexdigest()[:12]


def _namespace(term: str) -> str:
    for base in PREFIXES.values():
        if term.startswith(base):
            return base
    return re.sub(r"[^/#]*$", "", term)


def _count(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)


def _distributions(d: Description, base: str) -> None:
    """One ``dcat:Distribution`` per export file of the release bundle; those the server offers
    have their ``dcat:downloadURL``."""
    for fmt, (media, feature, name) in FORMATS.items():
        dist = f"{DATASET}/distribution/{fmt}"
        if fmt in SERVED_DOWNLOADS:
            d.add(dist, DCAT.downloadURL, f"{base}download/{name}")
            d.add(dist, DCAT.accessURL, f"{base}download/{name}")
        d.add(DATASET, DCAT.distribution, dist)
        d.add(dist, RDF.type, DCAT.Distribution)
        d.add(dist, DCT.title, Literal(name))
        d.add(dist, DCAT.mediaType, f"https://www.iana.org/assignments/media-types/{media}")
        d.add(dist, DCT.format, feature)
        d.add(dist, DCT.license, LICENCE)
    d.add(
        f"{DATASET}/distribution/ttl",
        RDFS.comment,
        Literal(
            "The asserted data (every graph but the ontology and the inferred one) as one graph.",
            language="en",
        ),
    )


def write_description(triples: list[Triple], out: IO[bytes]) -> None:
    """Turtle, sorted, with the hrgraph prefixes (and ``spdx:``)."""
    serialize(triples, out, RdfFormat.TURTLE, prefixes=DESCRIPTION_PREFIXES)
