"""JSON-LD export compacted with hrgraph's published ``@context`` (JSON-LD 1.1 §6 compaction).

The context is nothing but the prefix map of :data:`hrgraph.namespace.PREFIXES`, so a compacted
document reads ``"@type": "hrg:State"`` and ``"rdfs:label": …`` and expands back to exactly the
same triples. It is published as ``ontology/context.jsonld`` (a test checks that file against
:func:`context`) and embedded in every export, so that a reader never has to fetch it.

rdflib's JSON-LD serialiser does the compaction; its node order follows Python's hashed sets,
so :func:`canonical_order` then sorts every ``@graph`` by ``@id`` and every value array by its
JSON text, and the document is written with sorted keys: the same graph gives the same bytes.

>>> doc = compact_quads([_example_quad()], graphs=False)
>>> doc["@graph"]
[{'@id': 'https://w3id.org/hrgraph/id/state/PRY', '@type': 'hrg:State'}]
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

import rdflib
from pyoxigraph import Literal, NamedNode, Quad
from rdflib import Dataset, Graph, URIRef

from hrgraph.namespace import PREFIXES, RDF

CONTEXT_URL = "https://w3id.org/hrgraph/context.jsonld"


def context() -> dict[str, str]:
    """The ``@context``: every hrgraph prefix, sorted by name."""
    return dict(sorted(PREFIXES.items()))


def context_document() -> bytes:
    """``ontology/context.jsonld`` as published (a JSON-LD context document)."""
    return (json.dumps({"@context": context()}, indent=2, ensure_ascii=False) + "\n").encode()


def compact_quads(quads: Iterable[Quad], graphs: bool = True) -> dict[str, Any]:
    """The quads as one compacted JSON-LD document.

    With ``graphs`` the named graphs stay (``{"@id": graph, "@graph": [...]}``); without,
    the triples are merged into one default graph, as the Turtle export does.
    """
    holder: Graph = Dataset() if graphs else Graph()
    for q in quads:
        triple = (_rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object))
        if graphs and isinstance(holder, Dataset):
            holder.graph(_rdflib(q.graph_name)).add(triple)  # type: ignore[arg-type]
        else:
            holder.add(triple)
    text = holder.serialize(format="json-ld", context=context(), auto_compact=False)
    doc: dict[str, Any] = canonical_order(_uniform(json.loads(text)))
    return doc


def _uniform(doc: Any) -> dict[str, Any]:
    """Always ``{"@context": …, "@graph": [...]}``: rdflib lifts a lone node to the top."""
    if isinstance(doc, list):
        return {"@context": context(), "@graph": doc}
    body = {k: v for k, v in doc.items() if k != "@context"}
    if set(body) == {"@graph"}:
        return {"@context": context(), "@graph": body["@graph"]}
    return {"@context": context(), "@graph": [body] if body else []}


def _rdflib(term: object) -> rdflib.term.Node:
    """The rdflib term, literals kept exactly as written (``normalize=False``: rdflib would
    otherwise rewrite ``"PT0S"^^xsd:duration`` as ``"P0D"``, a different literal)."""
    if isinstance(term, NamedNode):
        return URIRef(term.value)
    if isinstance(term, Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language, normalize=False)
        return rdflib.Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    raise ValueError(f"hrgraph exports mint IRIs for every node; cannot write {term!r}")


def canonical_order(value: Any) -> Any:
    """Sort ``@graph`` members by ``@id`` and every other array by its JSON text."""
    if isinstance(value, dict):
        return {k: _sorted_array(k, canonical_order(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [canonical_order(v) for v in value]
    return value


def _sorted_array(key: str, value: Any) -> Any:
    if not isinstance(value, list) or key == "@context":
        return value
    if key == "@graph":
        return sorted(value, key=lambda node: (str(node.get("@id", "")), _json(node)))
    return sorted(value, key=_json)


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def dumps(doc: dict[str, Any]) -> str:
    """The document's bytes-stable text: sorted keys, two-space indent, UTF-8 characters."""
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_jsonld(quads: Iterable[Quad], out: IO[bytes], graphs: bool = True) -> None:
    """Write ``quads`` as compacted JSON-LD to the binary stream ``out``."""
    out.write(dumps(compact_quads(quads, graphs)).encode())


def _example_quad() -> Quad:
    return Quad(
        NamedNode("https://w3id.org/hrgraph/id/state/PRY"),
        RDF.type,
        NamedNode("https://w3id.org/hrgraph/ontology#State"),
        NamedNode("https://w3id.org/hrgraph/graph/reference"),
    )
