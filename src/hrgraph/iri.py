"""Every IRI hrgraph mints, in one place (DESIGN §2).

IRIs are minted from official identifiers (ISO 3166-1 alpha-3 codes, UN document symbols,
treaty acronyms, article and paragraph numbers as printed), never from row order, so they stay
stable from one build to the next.

>>> state("pry")
'https://w3id.org/hrgraph/id/state/PRY'
>>> article("ICCPR", "14")
'https://w3id.org/hrgraph/id/instrument/ICCPR/article/14'
>>> article("ICESCR", "11", para="1")
'https://w3id.org/hrgraph/id/instrument/ICESCR/article/11/para/1'
>>> doc_para("CERD/C/KAZ/CO/8-10", "22 d")
'https://w3id.org/hrgraph/id/doc/CERD/C/KAZ/CO/8-10/para/22d'
>>> passage("pry-compilation", 173, 180)
'https://w3id.org/hrgraph/id/source/pry-compilation/lines/173-180'
"""

from __future__ import annotations

import re
from urllib.parse import quote

BASE = "https://w3id.org/hrgraph/"
ONTOLOGY = BASE + "ontology"
HRG = ONTOLOGY + "#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"

_SEGMENT_OK = re.compile(r"^[A-Za-z0-9._~\-]+$")


def segment(text: str) -> str:
    """One IRI path segment: spaces dropped, anything outside ``[A-Za-z0-9._~-]`` escaped."""
    compact = re.sub(r"\s+", "", str(text))
    if not compact:
        raise ValueError("an IRI segment cannot be empty")
    return compact if _SEGMENT_OK.match(compact) else quote(compact, safe="")


def _id(*parts: str) -> str:
    return ID + "/".join(segment(p) for p in parts)


def term(name: str) -> str:
    """An ontology term, ``hrg:name``."""
    return HRG + name


def graph(name: str) -> str:
    """A named graph: one per source document, plus ``reference``, ``ontology``, ``inferred``, ``void``."""
    return GRAPH + segment(name)


# The named graphs that are not one source's: reference data, the ontology, the inferences.
REFERENCE_GRAPH = graph("reference")
ONTOLOGY_GRAPH = graph("ontology")
INFERRED_GRAPH = graph("inferred")
# The build's VoID counts (triples per graph, instances per class), written with the export.
COUNTS_GRAPH = graph("void")
# The graphs that are not asserted data, which hrgraph.ttl leaves out.
UNASSERTED_GRAPHS = (ONTOLOGY_GRAPH, INFERRED_GRAPH, COUNTS_GRAPH)
# Graph names no source may take as its key.
RESERVED_GRAPHS = {"reference", "ontology", "inferred", "void"}


def state(alpha3: str) -> str:
    return _id("state", alpha3.upper())


def instrument(key: str) -> str:
    return _id("instrument", key)


def article(key: str, number: str, para: str | None = None) -> str:
    iri = _id("instrument", key, "article", number)
    return iri if para is None else f"{iri}/para/{segment(para)}"


def instrument_part(key: str, kind: str, number: str) -> str:
    """A structural division of an instrument: ``part``, ``chapter``, ``section``."""
    return _id("instrument", key, kind, number)


def body(key: str) -> str:
    return _id("body", key)


def doc(symbol: str) -> str:
    """A UN document by its (normalised) symbol; the symbol's slashes stay path separators."""
    return ID + "doc/" + "/".join(segment(p) for p in symbol.split("/"))


def doc_para(symbol: str, number: str) -> str:
    return f"{doc(symbol)}/para/{segment(number)}"


def doc_item(symbol: str, kind: str, key: str) -> str:
    """A part of a UN document that has no number of its own, by kind and a readable key.

    >>> doc_item("CCPR/C/PRY/CO/2", "rec", "torture-1")
    'https://w3id.org/hrgraph/id/doc/CCPR/C/PRY/CO/2/rec/torture-1'
    """
    return f"{doc(symbol)}/{segment(kind)}/{segment(key)}"


def general_comment(body_key: str, number: str) -> str:
    return _id("gc", body_key, number)


def upr_recommendation(state_code: str, cycle: int, number: str) -> str:
    return _id("upr", state_code.upper(), str(cycle), number)


def treaty_action(state_code: str, instrument_key: str, kind: str, qualifier: str = "") -> str:
    """A State's act on an instrument; ``qualifier`` tells apart two acts of one kind."""
    parts = ["action", state_code.upper(), instrument_key, kind]
    return _id(*parts, qualifier) if qualifier else _id(*parts)


def domestic_act(state_code: str, kind: str, number: str) -> str:
    """A national law or decree, e.g. ``domestic_act("PRY", "ley", "5/92")``."""
    return _id("law", state_code.upper(), kind, number.replace("/", "-"))


def source(key: str) -> str:
    return _id("source", key)


def passage(source_key: str, start: int, end: int) -> str:
    return f"{source(source_key)}/lines/{start}-{end}"


def concept(scheme: str, key: str) -> str:
    """A SKOS concept of one of hrgraph's schemes (obligation types, themes, …)."""
    return _id("concept", scheme, key)


def scheme(name: str) -> str:
    return _id("concept", name)


def entity(*parts: str) -> str:
    """Any other data resource, e.g. ``entity("case", "IACtHR", "yakye-axa")``."""
    return _id(*parts)
