"""The SPARQL 1.1 Service Description (W3C Rec. 2013) of ``hrgraph serve``, and the server's base URL.

``GET /sparql`` without a query answers this description to an RDF client (Turtle, JSON-LD,
N-Triples or RDF/XML by ``Accept``; SPARQL 1.1 Service Description §2: "SPARQL services made
available via the SPARQL Protocol should return a service description document at the service
endpoint when dereferenced using the HTTP GET operation without any query parameter") and the
query page to a browser. It says: the endpoint URL, SPARQL 1.1 Query only, the result formats,
that the default graph is the union of the named graphs (``sd:UnionDefaultGraph``), every named
graph with its triple count, the limits (as text, for which no standard term exists), and where
the VoID description and the downloads are.

The base URL is the one the client used (its ``Host`` header, when it is a plain host and port),
so that the description, VoID and download links work from wherever the server is reached.

>>> base_url({"Host": "127.0.0.1:7878"}, "http://localhost:1/")
'http://127.0.0.1:7878/'
>>> base_url({"Host": "evil/> <x"}, "http://localhost:1/")
'http://localhost:1/'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, serialize

from hrgraph.namespace import DCT, PREFIXES, RDF, RDFS, VOID, XSD, Namespace
from hrgraph.serve.sparql import Limits
from hrgraph.serve.workers import describe_size

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "N-Quads",
    "RDF_XML",
    "JSON-LD",
)
DESCRIPTION_TYPES = {
    "text/turtle": RdfFormat.TURTLE,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
}
_HOST = re.compile(r"^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$")


def base_url(headers: Mapping[str, str], fallback: str) -> str:
    """``http://HOST/`` from the request's ``Host`` header, else ``fallback`` (which ends in /)."""
    host = next((v for k, v in headers.items() if k.lower() == "host"), "").strip()
    return f"http://{host}/" if _HOST.match(host) else fallback


def service_description(base: str, graphs: Mapping[str, int], limits: Limits) -> list[Triple]:
    """The description of the endpoint ``{base}sparql`` serving ``graphs`` (IRI → triples)."""
    service, dataset, default = NamedNode(f"{base}sparql"), NamedNode(f"{base}sparql#dataset"), BlankNode("d")
    out = [
        Triple(service, RDF.type, SD.Service),
        Triple(service, SD.endpoint, service),
        Triple(service, SD.supportedLanguage, SD.SPARQL11Query),
        Triple(service, SD.feature, SD.UnionDefaultGraph),
        Triple(service, SD.defaultEntailmentRegime, NamedNode("http://www.w3.org/ns/entailment/Simple")),
        Triple(service, SD.defaultDataset, dataset),
        Triple(service, RDFS.seeAlso, NamedNode(f"{base}.well-known/void")),
        Triple(service, DCT.description, Literal(limits_text(limits), language="en")),
        Triple(dataset, RDF.type, SD.Dataset),
        Triple(dataset, RDF.type, VOID.Dataset),
        Triple(dataset, VOID.dataDump, NamedNode(f"{base}download/hrgraph.nq")),
        Triple(dataset, SD.defaultGraph, default),
        Triple(default, RDF.type, SD.Graph),
        Triple(default, RDFS.comment, Literal("The union of the named graphs.", language="en")),
    ]
    out += [Triple(service, SD.resultFormat, FORMATS[name]) for name in RESULT_FORMATS]
    for index, (graph, size) in enumerate(sorted(graphs.items())):
        named, described = BlankNode(f"n{index}"), BlankNode(f"g{index}")
        out += [
            Triple(dataset, SD.namedGraph, named),
            Triple(named, RDF.type, SD.NamedGraph),
            Triple(named, SD.name, NamedNode(graph)),
            Triple(named, SD.graph, described),
            Triple(described, RDF.type, SD.Graph),
            Triple(described, VOID.triples, Literal(str(size), datatype=XSD.integer)),
        ]
    return out


def limits_text(limits: Limits) -> str:
    """The endpoint's bounds in one paragraph (the service description's ``dct:description``)."""
    bounds = [f"A query may run {limits.timeout:g} s (then 503)"]
    if limits.max_memory is not None:
        bounds.append(f"use {describe_size(limits.max_memory)} of memory (then 507)")
    if limits.max_rows is not None:
        bounds.append(f"return {limits.max_rows} rows or triples (then 422)")
    if limits.max_bytes is not None:
        bounds.append(f"return {limits.max_bytes} bytes (then 422; page it with LIMIT)")
    lane = ""
    if limits.slow_workers < limits.workers:
        lane = (
            f" At most {limits.slow_workers} of {limits.workers} queries may run longer than "
            f"{limits.slow_after:g} s at once, so that cheap queries are answered while slow ones run "
            "(a query that would be one more is stopped with 503)."
        )
    return (
        "Read-only SPARQL 1.1 Query endpoint. "
        + ", ".join(bounds)
        + "."
        + lane
        + " SPARQL Update, SERVICE, LOAD and file: IRIs are refused (403). The default graph is the "
        "union of the named graphs."
    )


def serialize_description(triples: list[Triple], media: str) -> bytes:
    fmt = DESCRIPTION_TYPES[media]
    prefixes = {"sd": SD.base, "formats": FORMATS.base, **{k: v for k, v in PREFIXES.items() if k != "hrgid"}}
    return serialize(triples, format=fmt, prefixes=prefixes if fmt != RdfFormat.N_TRIPLES else None) or b""
