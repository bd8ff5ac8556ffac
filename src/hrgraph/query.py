"""The query catalogue (``queries/*.rq``) and safe parameter binding.

A catalogue query is one ``.rq`` file headed by comment lines::

    #+ title: Obligations binding a State on a date
    #+ description: …
    #+ parameters: state (IRI, default <https://w3id.org/hrgraph/id/state/PRY>);
    #+   date (xsd:date, default 2009-01-01)

Parameters are bound as RDF terms (pyoxigraph substitutions, SEP-0007), never pasted into the
query text. A value for an IRI parameter may be written in full (``<…>`` or ``https://…``) or,
for the usual names, as a key: ``state=PRY`` (any ISO code or name), ``instrument=ICCPR``,
``article=ICCPR/14``, ``body=CESCR``, ``document=CERD/C/KAZ/CO/8-10``.

>>> spec = parse_parameters("state (IRI, default <https://w3id.org/hrgraph/id/state/PRY>); date (xsd:date)")
>>> [(p.name, p.kind, p.default) for p in spec]
[('state', 'IRI', '<https://w3id.org/hrgraph/id/state/PRY>'), ('date', 'xsd:date', None)]
>>> bind_value(spec[0], "Kazajstán")
<NamedNode value=https://w3id.org/hrgraph/id/state/KAZ>
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from hrgraph import iri
from hrgraph.errors import UsageError
from hrgraph.namespace import XSD
from hrgraph.reference import resolve_state

QUERIES_DIR = Path(__file__).resolve().parents[2] / "queries"
_HEADER = re.compile(r"^#\+\s*(?P<key>[a-z_]+)\s*:\s*(?P<value>.*)$")
_PARAM = re.compile(
    r"^\s*(?P<name>[A-Za-z_]\w*)\s*\((?P<kind>[^,)]+)(?:,\s*default\s+(?P<default>[^)]*))?\)\s*$"
)


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    default: str | None


@dataclass(frozen=True)
class CatalogueQuery:
    name: str
    path: Path
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    sparql: str


def parse_parameters(text: str) -> list[Parameter]:
    out = []
    for chunk in filter(None, (c.strip() for c in text.split(";"))):
        match = _PARAM.match(chunk)
        if not match:
            raise UsageError(f"bad parameter declaration {chunk!r} (want: name (TYPE, default VALUE))")
        default = match["default"].strip() if match["default"] else None
        out.append(Parameter(match["name"], match["kind"].strip(), default))
    return out


def load_query(path: Path) -> CatalogueQuery:
    """A catalogue query with its header metadata (continuation lines start ``#+   ``)."""
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    last = None
    for line in text.splitlines():
        if not line.startswith("#+"):
            if line.strip() and not line.startswith("#"):
                break
            continue
        match = _HEADER.match(line)
        if match:
            last = match["key"]
            meta[last] = match["value"].strip()
        elif last:
            meta[last] += " " + line[2:].strip()
    if "title" not in meta:
        raise UsageError(f"{path}: no '#+ title:' header line")
    return CatalogueQuery(
        name=path.stem,
        path=path,
        title=meta["title"],
        description=meta.get("description", ""),
        parameters=tuple(parse_parameters(meta.get("parameters", ""))),
        sparql=text,
    )


def catalogue(directory: Path = QUERIES_DIR) -> list[CatalogueQuery]:
    return [load_query(p) for p in sorted(directory.glob("*.rq"))]


def find_query(name_or_path: str, directory: Path = QUERIES_DIR) -> CatalogueQuery | None:
    """A catalogue query by file name (with or without ``.rq``) or path; None if it is neither
    (SPARQL text: anything with white space or braces, however long, is never taken for a path)."""
    if any(c.isspace() or c in "{}" for c in name_or_path) or len(name_or_path) > 255:
        return None
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        return load_query(path)
    candidate = directory / (path.name if path.suffix == ".rq" else f"{name_or_path}.rq")
    if candidate.is_file():
        return load_query(candidate)
    if path.suffix == ".rq":
        raise UsageError(f"{name_or_path}: no such query file")
    return None


def _upr(state: str, cycle: str = "", number: str = "") -> str:
    """``KAZ/2/125.11`` → the UPR recommendation's IRI."""
    if not (cycle.isdigit() and number):
        raise ValueError("write a UPR recommendation as STATE/CYCLE/NUMBER, e.g. KAZ/2/125.11")
    return iri.upr_recommendation(resolve_state(state), int(cycle), number)


_KEYED: dict[str, Callable[[str], str]] = {
    "state": lambda v: iri.state(resolve_state(v)),
    "instrument": iri.instrument,
    "body": iri.body,
    "document": iri.doc,
    "article": lambda v: iri.article(*v.split("/", 1)),
    "recommendation": lambda v: _upr(*v.split("/")),
}


def bind_value(param: Parameter, value: str) -> NamedNode | Literal:
    """The RDF term for ``value`` given the parameter's declared type."""
    kind = param.kind
    try:
        if kind == "IRI":
            if value.startswith("<") and value.endswith(">"):
                return NamedNode(value[1:-1])
            if re.match(r"^[a-z][a-z0-9+.-]*:", value) and "/" in value:
                return NamedNode(value)
            if param.name in _KEYED:
                return NamedNode(_KEYED[param.name](value))
            raise UsageError(f"parameter {param.name}: {value!r} is not an IRI")
        if kind == "xsd:date":
            return Literal(date.fromisoformat(value).isoformat(), datatype=XSD.date)
        if kind == "xsd:integer":
            return Literal(str(int(value)), datatype=XSD.integer)
        if kind.startswith("string") or kind == "xsd:string" or kind == "literal":
            return Literal(value)
    except ValueError as err:
        raise UsageError(f"parameter {param.name}: {value!r} is not a valid {kind}: {err}") from err
    raise UsageError(f"parameter {param.name}: unknown type {kind!r}")


def bindings_for(query: CatalogueQuery, given: Mapping[str, str]) -> dict[str, NamedNode | Literal]:
    """Bind the given parameters, falling back to declared defaults; unknown names are errors."""
    known = {p.name: p for p in query.parameters}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise UsageError(
            f"{query.name}: unknown parameter {', '.join(unknown)} "
            f"(this query takes: {', '.join(known) or 'no parameters'})"
        )
    out: dict[str, NamedNode | Literal] = {}
    for name, param in known.items():
        value = given.get(name, param.default)
        if value is not None:
            out[name] = bind_value(param, value)
    return out
