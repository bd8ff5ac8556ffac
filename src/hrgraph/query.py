"""The query catalogue (``queries/*.rq``) and its one parameter-binding mechanism.

A catalogue query is one ``.rq`` file headed by comment lines, whose outermost ``WHERE`` group
opens with a ``VALUES`` block giving each parameter its default::

    #+ title: Obligations binding a State on a date
    #+ description: …
    #+ parameters: state (IRI); date (xsd:date)
    PREFIX hrg: <https://w3id.org/hrgraph/ontology#>
    PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
    SELECT … WHERE {
      VALUES (?state ?date) { (<https://w3id.org/hrgraph/id/state/PRY> "2009-01-01"^^xsd:date) }
      …

Pasted as it is into any SPARQL 1.1 endpoint, the file gives its default answer. Given
parameters replace that block's row (:func:`bind`) — in the CLI (``hrgraph query``, also with
``--endpoint``), the server's catalogue routes and the query page alike — as RDF terms written by
pyoxigraph, never by pasting strings into the query. A value for an IRI parameter may be written
in full (``<…>`` or ``https://…``) or, for the usual names, as a key: ``state=PRY`` (any ISO
code or name), ``instrument=ICCPR``, ``article=ICCPR/14``, ``body=CESCR``,
``document=CERD/C/KAZ/CO/8-10``.

>>> spec = parse_parameters("state (IRI); date (xsd:date)")
>>> [(p.name, p.kind) for p in spec]
[('state', 'IRI'), ('date', 'xsd:date')]
>>> bind_value(spec[0], "Kazajstán")
<NamedNode value=https://w3id.org/hrgraph/id/state/KAZ>
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pyoxigraph import Literal, NamedNode, QuerySolutions, Store

from hrgraph import iri, paths
from hrgraph.errors import UsageError
from hrgraph.namespace import XSD
from hrgraph.reference import resolve_state
from hrgraph.store import Term, where_brace

XSD_NS = "http://www.w3.org/2001/XMLSchema#"

QUERIES_DIR = paths.queries_dir()
_HEADER = re.compile(r"^#\+\s*(?P<key>[a-z_]+)\s*:\s*(?P<value>.*)$")
_PARAM = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)\s*\((?P<kind>[^,)]+)(?P<rest>,[^)]*)?\)\s*$")
_VALUES = re.compile(r"VALUES\s*(?:\((?P<names>(?:\s*[?$]\w+)*)\s*\)|(?P<one>[?$]\w+))\s*\{", re.IGNORECASE)
_PROLOGUE = re.compile(r"^\s*(?:PREFIX|BASE)\b.*$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Parameter:
    """A declared parameter; ``default`` is its term in the query's leading ``VALUES`` block
    (None for ``UNDEF``)."""

    name: str
    kind: str
    default: Term | None = None

    @property
    def default_text(self) -> str:
        """The default as a user writes it (``PRY``-style keys are not reconstructed)."""
        if self.default is None:
            return ""
        return f"<{self.default.value}>" if isinstance(self.default, NamedNode) else self.default.value


@dataclass(frozen=True)
class ParameterBlock:
    """Where the leading ``VALUES`` block is in the query text (``start:end``), and its variables."""

    start: int
    end: int
    names: tuple[str, ...]


@dataclass(frozen=True)
class CatalogueQuery:
    name: str
    path: Path
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    sparql: str
    block: ParameterBlock | None = None


def parse_parameters(text: str) -> list[Parameter]:
    out = []
    for chunk in filter(None, (c.strip() for c in text.split(";"))):
        match = _PARAM.match(chunk)
        if not match:
            raise UsageError(f"bad parameter declaration {chunk!r} (want: name (TYPE))")
        if match["rest"]:
            raise UsageError(
                f"parameter declaration {chunk!r}: defaults are given by the VALUES block that opens "
                "the WHERE group, not in the header"
            )
        out.append(Parameter(match["name"], match["kind"].strip()))
    return out


def _skip_space_and_comments(text: str, i: int) -> int:
    while i < len(text):
        if text[i].isspace():
            i += 1
        elif text[i] == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
        else:
            break
    return i


def _closing_brace(text: str, i: int) -> int:
    """Index after the ``}`` closing the data block whose ``{`` is at ``i - 1``; strings and IRIs
    are skipped, so a ``}`` inside a literal does not end the block."""
    while i < len(text):
        ch = text[i]
        if ch in "\"'":
            i += 1
            while i < len(text) and text[i] != ch:
                i += 2 if text[i] == "\\" else 1
        elif ch == "<":
            i = text.index(">", i)
        elif ch == "#":
            i = _skip_space_and_comments(text, i) - 1
        elif ch == "}":
            return i + 1
        i += 1
    raise ValueError("the VALUES block is not closed")


def find_parameter_block(sparql: str) -> ParameterBlock | None:
    """The ``VALUES`` block that opens the query's outermost group, if there is one.

    >>> q = 'SELECT * WHERE {\\n  # defaults\\n  VALUES (?a ?b) { (<urn:x> "}") } ?a ?p ?b }'
    >>> block = find_parameter_block(q)
    >>> block.names, q[block.start : block.end]
    (('a', 'b'), 'VALUES (?a ?b) { (<urn:x> "}") }')
    """
    at = _skip_space_and_comments(sparql, where_brace(sparql))
    match = _VALUES.match(sparql, at)
    if match is None:
        return None
    names = (match["names"] or match["one"]).split()
    return ParameterBlock(at, _closing_brace(sparql, match.end()), tuple(n[1:] for n in names))


def _defaults(sparql: str, block: ParameterBlock) -> dict[str, Term | None]:
    """The block's one row of terms, read by pyoxigraph's own SPARQL parser."""
    prologue = "\n".join(_PROLOGUE.findall(sparql))
    text = f"{prologue}\nSELECT * WHERE {{ {sparql[block.start : block.end]} }}"
    solutions = Store().query(text)
    assert isinstance(solutions, QuerySolutions)
    rows = list(solutions)
    if len(rows) != 1:
        raise ValueError(f"its VALUES block has {len(rows)} rows, not one row of defaults")
    return {name: rows[0][name] for name in block.names}


def _check_default(param: Parameter) -> None:
    term, kind = param.default, param.kind
    if term is None:
        return
    fits = isinstance(term, NamedNode) if kind == "IRI" else isinstance(term, Literal)
    if fits and kind.startswith("xsd:") and isinstance(term, Literal):
        fits = term.datatype.value == XSD_NS + kind[4:]
    if not fits:
        raise ValueError(f"the default {term} of ?{param.name} is not a {kind}")


def _with_defaults(
    path: Path, sparql: str, declared: list[Parameter]
) -> tuple[list[Parameter], ParameterBlock | None]:
    """The declared parameters with their defaults from the leading ``VALUES`` block."""
    block = find_parameter_block(sparql) if declared else None
    if not declared:
        return declared, None
    names = [p.name for p in declared]
    want = f"VALUES ({' '.join('?' + n for n in names)}) {{ (…) }}"
    if block is None or set(block.names) != set(names):
        found = f"VALUES ({' '.join('?' + n for n in block.names)})" if block else "no VALUES block"
        raise UsageError(f"{path}: the WHERE group must open with {want} giving the defaults; found {found}")
    line = sparql.count("\n", 0, block.start) + 1
    try:
        defaults = _defaults(sparql, block)
        params = [Parameter(p.name, p.kind, defaults[p.name]) for p in declared]
        for param in params:
            _check_default(param)
    except (SyntaxError, ValueError) as err:
        raise UsageError(f"{path}, line {line}: {err}") from None
    return params, block


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
    try:
        declared = parse_parameters(meta.get("parameters", ""))
    except UsageError as err:
        raise UsageError(f"{path}: {err}") from None
    params, block = _with_defaults(path, text, declared)
    return CatalogueQuery(
        name=path.stem,
        path=path,
        title=meta["title"],
        description=meta.get("description", ""),
        parameters=tuple(params),
        sparql=text,
        block=block,
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


def bindings_for(query: CatalogueQuery, given: Mapping[str, str]) -> dict[str, Term]:
    """Bind the given parameters (lexical values), falling back to the defaults; unknown names
    are errors."""
    known = {p.name: p for p in query.parameters}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise UsageError(
            f"{query.name}: unknown parameter {', '.join(unknown)} "
            f"(this query takes: {', '.join(known) or 'no parameters'})"
        )
    out: dict[str, Term] = {}
    for name, param in known.items():
        term = bind_value(param, given[name]) if name in given else param.default
        if term is not None:
            out[name] = term
    return out


def bind(query: CatalogueQuery, terms: Mapping[str, Term]) -> str:
    """The query text with its ``VALUES`` block's row replaced by ``terms`` (defaults for the rest).

    The text is the file as it is when every term is its default, so what the CLI runs without
    parameters is what a user pastes. The terms are written by pyoxigraph (N-Triples syntax: an
    IRI was validated when its NamedNode was made, a literal's quotes are escaped), so a value can
    never change the query's structure.
    """
    unknown = sorted(set(terms) - {p.name for p in query.parameters})
    if unknown:
        raise UsageError(f"{query.name}: unknown parameter {', '.join(unknown)}")
    block = query.block
    if block is None:
        return query.sparql
    params = {p.name: p for p in query.parameters}
    row = [terms.get(n, params[n].default) for n in block.names]
    if row == [params[n].default for n in block.names]:
        return query.sparql
    names = " ".join(f"?{n}" for n in block.names)
    values = " ".join("UNDEF" if t is None else str(t) for t in row)
    return f"{query.sparql[: block.start]}VALUES ({names}) {{ ({values}) }}{query.sparql[block.end :]}"


def bound_query(query: CatalogueQuery, given: Mapping[str, str]) -> str:
    """``bind`` with lexical parameter values, as ``--param NAME=VALUE`` and the server take them."""
    return bind(query, bindings_for(query, given))
