"""SHACL validation compiled to SPARQL and run on the pyoxigraph store (no rdflib copy of the data).

Each targeted shape becomes a few SPARQL SELECT queries over the data graphs: for its
cardinality constraints (``sh:minCount``/``sh:maxCount``, one result per focus node: counts of
at most one in one query, ``sh:minCount 1`` alone in another, other counts grouped), one for
``sh:uniqueLang`` (one result per duplicated language) and one for all its value constraints
together (one row per failing (focus, value), a boolean column per constraint). ``sh:or``
alternatives are run as shapes on the same focus nodes; a focus node that fails every
alternative gets one result.

Value constraints depend on the value alone, so before the shapes run, one *screen* query per
constrained path checks each distinct value of the path once against every value constraint
on it; a property shape whose constraints no value fails skips its per-focus query (at 1M
triples this halves the validation). The queries are independent and the engine evaluates
them without holding the GIL, so they run in threads (:data:`THREADS`); the results are sorted.

Supported (the SHACL Core subset of ``ontology/shapes``): ``sh:targetClass`` (instances of
subclasses too, via ``rdfs:subClassOf*`` in the data), ``sh:targetSubjectsOf``,
``sh:targetObjectsOf``, ``sh:property``
with an IRI ``sh:path``, ``sh:minCount``, ``sh:maxCount``, ``sh:uniqueLang``, ``sh:datatype``,
``sh:class``, ``sh:pattern`` (with ``sh:flags``), ``sh:minInclusive``, ``sh:in``,
``sh:languageIn``, ``sh:nodeKind``, ``sh:minLength``, ``sh:or`` (on node shapes),
``sh:severity``, ``sh:message``. Any other SHACL construct raises :class:`UnsupportedShapeError`
naming the shape and the construct.

Where this differs from pySHACL (the reference engine, ``engine="pyshacl"``):

* ``sh:datatype`` checks well-formedness with Oxigraph's XSD casts (the SPARQL cast of the
  lexical form must succeed). pySHACL relies on rdflib's Python parsers: it does not check
  ``xsd:gYear`` (``"20x1"^^xsd:gYear`` passes there, fails here) unless owlrl has patched
  rdflib's parsers in the same process, rejects dates with a
  year outside 1–9999 that XSD allows, and accepts ``" 1"^^xsd:integer`` (surrounding
  spaces), which XSD casts reject. Only the datatypes in :data:`CASTABLE` plus ``xsd:string``
  and ``rdf:langString`` are supported; any other raises.
* ``sh:pattern`` is SPARQL ``REGEX`` (Rust ``regex`` syntax, all of SPARQL's flags); pySHACL
  uses Python's ``re`` and only the ``i`` and ``m`` flags (``$`` there also matches before a
  final newline).
* ``sh:languageIn`` is SPARQL ``langMatches``, as the spec says; pySHACL matches the whole tag or
  its first subtag only (``en-GB-oxendict`` against ``en-GB``: conforms here, not there).
* A shape without ``sh:message`` gets a short generic message, not pySHACL's wording; a shape
  with several messages gives the smallest.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions, RdfFormat, Store, Triple, parse

from hrgraph.namespace import ONTOLOGY_DIR
from hrgraph.validate.report import ValidationReport, Violation

SHAPES_DIR = ONTOLOGY_DIR / "shapes"

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"

Node = NamedNode | BlankNode | Literal
Classes = Callable[[str], str]  # a class IRI -> it and its subclasses, as a SPARQL term list
Value = Callable[[str, Classes], str]  # a SPARQL boolean over the value variable: true = conforms
Check = Callable[[], list[Violation]]  # one query of a shape (or an sh:or's), run: its results
#: Threads validating at once, at most (each runs one query; the engine releases the GIL).
THREADS = 4

#: Datatypes whose well-formedness is checked by casting the lexical form (Oxigraph's XSD casts).
CASTABLE = frozenset(
    XSD + t for t in ("integer", "decimal", "boolean", "float", "double", "date", "dateTime", "time", "gYear")
)
NODE_KINDS = {
    SH + "IRI": "isIRI({v})",
    SH + "BlankNode": "isBlank({v})",
    SH + "Literal": "isLiteral({v})",
    SH + "BlankNodeOrIRI": "!isLiteral({v})",
    SH + "BlankNodeOrLiteral": "!isIRI({v})",
    SH + "IRIOrLiteral": "!isBlank({v})",
}
#: Value-constraint parameters, in report order, with their constraint component.
VALUE_PARAMS = {
    "class": "ClassConstraintComponent",
    "datatype": "DatatypeConstraintComponent",
    "nodeKind": "NodeKindConstraintComponent",
    "minInclusive": "MinInclusiveConstraintComponent",
    "minLength": "MinLengthConstraintComponent",
    "pattern": "PatternConstraintComponent",
    "languageIn": "LanguageInConstraintComponent",
    "in": "InConstraintComponent",
}
#: Parameters allowed on any shape (beyond the value constraints), and on property shapes only.
SHAPE_PARAMS = {
    "targetClass",
    "targetSubjectsOf",
    "targetObjectsOf",
    "property",
    "or",
    "flags",
    "severity",
    "message",
}
SHAPE_PARAMS |= {"name", "description", "order", "group"}  # non-validating
PROPERTY_PARAMS = {"path", "minCount", "maxCount", "uniqueLang"}


class UnsupportedShapeError(ValueError):
    """A shape uses a SHACL construct this engine does not implement; names both."""


@dataclass
class Shape:
    """One node or property shape, compiled: its targets, constraints and nested shapes."""

    name: str
    path: str | None
    severity: str
    message: str
    target_classes: list[str] = field(default_factory=list)
    target_subjects_of: list[str] = field(default_factory=list)
    target_objects_of: list[str] = field(default_factory=list)
    min_count: int | None = None
    max_count: int | None = None
    unique_lang: bool = False
    values: list[tuple[str, Value]] = field(default_factory=list)  # (component, expression)
    properties: list[Shape] = field(default_factory=list)
    ors: list[list[Shape]] = field(default_factory=list)

    @property
    def targeted(self) -> bool:
        return bool(self.target_classes or self.target_subjects_of or self.target_objects_of)


class ShapesGraph:
    """The triples of the shapes files, indexed by subject, and the shapes compiled from them."""

    def __init__(self, triples: list[Triple]) -> None:
        self.by_subject: dict[Node, dict[str, list[Node]]] = {}
        for t in triples:
            if isinstance(t.subject, Triple) or isinstance(t.object, Triple):
                raise UnsupportedShapeError(f"{t}: RDF-star triple terms in the shapes")
            self.by_subject.setdefault(t.subject, {}).setdefault(t.predicate.value, []).append(t.object)

    @classmethod
    def from_directory(cls, directory: Path = SHAPES_DIR) -> ShapesGraph:
        triples: list[Triple] = []
        for path in sorted(directory.glob("*.ttl")):
            triples.extend(q.triple for q in parse(path=str(path), format=RdfFormat.TURTLE))
        return cls(triples)

    @classmethod
    def from_turtle(cls, text: str) -> ShapesGraph:
        return cls([q.triple for q in parse(text.encode(), format=RdfFormat.TURTLE)])

    def objects(self, node: Node, predicate: str) -> list[Node]:
        return self.by_subject.get(node, {}).get(predicate, [])

    def items(self, node: Node) -> list[Node]:
        """The members of the RDF list starting at ``node``."""
        out: list[Node] = []
        while not (isinstance(node, NamedNode) and node.value == RDF + "nil"):
            first, rest = self.objects(node, RDF + "first"), self.objects(node, RDF + "rest")
            if len(first) != 1 or len(rest) != 1:
                raise UnsupportedShapeError(f"{node}: not a well-formed RDF list")
            out.append(first[0])
            node = rest[0]
        return out

    def top_level(self) -> list[Shape]:
        """Every shape with a target, compiled (nested shapes are compiled with their parent)."""
        typed = {
            s
            for s, props in self.by_subject.items()
            for t in props.get(RDF + "type", [])
            if t in (NamedNode(SH + "NodeShape"), NamedNode(SH + "PropertyShape"))
        }
        heads = typed | {s for s, props in self.by_subject.items() if SH + "targetClass" in props}
        heads |= {s for s, props in self.by_subject.items() if SH + "targetSubjectsOf" in props}
        heads |= {s for s, props in self.by_subject.items() if SH + "targetObjectsOf" in props}
        shapes = [self.compile(s, str(s)) for s in sorted(heads, key=str)]
        return [s for s in shapes if s.targeted]

    def compile(self, node: Node, name: str) -> Shape:
        """The shape at ``node``; ``name`` says where it is, for error messages."""
        props = self.by_subject.get(node, {})
        paths = props.get(SH + "path", [])
        if len(paths) > 1 or (paths and not isinstance(paths[0], NamedNode)):
            raise UnsupportedShapeError(f"shape {name}: sh:path {paths[0]} (only a single IRI path)")
        path = paths[0].value if paths else None
        self.check_supported(props, name, path is not None)
        messages = sorted(str(m.value) for m in props.get(SH + "message", []) if isinstance(m, Literal))
        severity = self.one(props, "severity", name)
        shape = Shape(
            name=name,
            path=path,
            severity=severity.value if isinstance(severity, NamedNode) else SH + "Violation",
            message=messages[0] if messages else "",
            target_classes=[self.iri(c, name) for c in props.get(SH + "targetClass", [])],
            target_subjects_of=[self.iri(p, name) for p in props.get(SH + "targetSubjectsOf", [])],
            target_objects_of=[self.iri(p, name) for p in props.get(SH + "targetObjectsOf", [])],
        )
        if path:
            shape.min_count = self.integer(props, "minCount", name)
            shape.max_count = self.integer(props, "maxCount", name)
            unique = self.one(props, "uniqueLang", name)
            shape.unique_lang = isinstance(unique, Literal) and unique.value == "true"
        for param, component in VALUE_PARAMS.items():
            for arg in props.get(SH + param, []):
                shape.values.append((component, self.value_constraint(param, arg, props, name)))
        for prop in props.get(SH + "property", []):
            prop_path = " ".join(map(str, self.objects(prop, SH + "path"))) or "(none)"
            label = prop.value if isinstance(prop, NamedNode) else f"{name} sh:property [sh:path {prop_path}]"
            nested = self.compile(prop, label)
            if nested.path is None:
                raise UnsupportedShapeError(f"shape {label}: a property shape without sh:path")
            shape.properties.append(nested)
        for lst in props.get(SH + "or", []):
            alternatives = self.items(lst)
            shape.ors.append([self.compile(a, f"{name} sh:or #{j + 1}") for j, a in enumerate(alternatives)])
        if not shape.message and (
            shape.values or shape.ors or shape.min_count or shape.max_count is not None
        ):
            shape.message = f"The value does not conform to shape {name}."
        return shape

    @staticmethod
    def check_supported(props: dict[str, list[Node]], name: str, is_property: bool) -> None:
        """Raise on any SHACL parameter, or shape form, this engine does not implement."""
        allowed = SHAPE_PARAMS | set(VALUE_PARAMS) | (PROPERTY_PARAMS if is_property else set())
        for predicate in props:
            local = predicate[len(SH) :] if predicate.startswith(SH) else None
            if local is not None and local not in allowed:
                raise UnsupportedShapeError(f"shape {name}: sh:{local} is not supported")
        for nested in ("property", "or"):
            if is_property and props.get(SH + nested):
                raise UnsupportedShapeError(f"shape {name}: sh:{nested} on a property shape is not supported")
        for kind in props.get(RDF + "type", []):
            if kind in (NamedNode(RDFS + "Class"), NamedNode("http://www.w3.org/2002/07/owl#Class")):
                raise UnsupportedShapeError(f"shape {name}: implicit class target ({kind}) is not supported")

    def value_constraint(self, param: str, arg: Node, props: dict[str, list[Node]], name: str) -> Value:
        """The SPARQL condition a value node ``{v}`` must meet for ``sh:param arg``."""
        if param == "class":
            cls = self.iri(arg, name)
            return lambda v, classes: (
                f"EXISTS {{ {v} <{RDF}type> ?class_ . VALUES ?class_ {{ {classes(cls)} }} }}"
            )
        if param == "datatype":
            return datatype_condition(self.iri(arg, name), name)
        if param == "nodeKind":
            kind = self.iri(arg, name)
            if kind not in NODE_KINDS:
                raise UnsupportedShapeError(f"shape {name}: sh:nodeKind {kind} is not a node kind")
            return lambda v, _: NODE_KINDS[kind].format(v=v)
        if param == "minInclusive":
            if not isinstance(arg, Literal):
                raise UnsupportedShapeError(f"shape {name}: sh:minInclusive {arg} is not a literal")
            return lambda v, _: f"isLiteral({v}) && {v} >= {arg}"
        if param == "minLength":
            n = int(self.literal(arg, name, "minLength"))
            return (
                (lambda v, _: "true")
                if n == 0
                else (lambda v, _: f"!isBlank({v}) && STRLEN(STR({v})) >= {n}")
            )
        if param == "pattern":
            flags = [Literal(self.literal(f, name, "flags")) for f in props.get(SH + "flags", [])]
            regex = Literal(self.literal(arg, name, "pattern"))
            extra = f", {flags[0]}" if flags else ""
            return lambda v, _: f"!isBlank({v}) && REGEX(STR({v}), {regex}{extra})"
        if param == "languageIn":
            ranges = [Literal(self.literal(r, name, "languageIn")) for r in self.items(arg)]
            return lambda v, _: (
                f"isLiteral({v}) && ({any_of(f'langMatches(LANG({v}), {r})' for r in ranges)})"
            )
        members = self.items(arg)  # sh:in: term equality with one member
        return lambda v, _: any_of(f"sameTerm({v}, {m})" for m in members)

    @staticmethod
    def one(props: dict[str, list[Node]], param: str, name: str) -> Node | None:
        values = props.get(SH + param, [])
        if len(values) > 1:
            raise UnsupportedShapeError(f"shape {name}: more than one sh:{param}")
        return values[0] if values else None

    def integer(self, props: dict[str, list[Node]], param: str, name: str) -> int | None:
        value = self.one(props, param, name)
        return None if value is None else int(self.literal(value, name, param))

    @staticmethod
    def literal(node: Node, name: str, param: str) -> str:
        if not isinstance(node, Literal):
            raise UnsupportedShapeError(f"shape {name}: sh:{param} {node} is not a literal")
        return node.value

    @staticmethod
    def iri(node: Node, name: str) -> str:
        if not isinstance(node, NamedNode):
            raise UnsupportedShapeError(f"shape {name}: {node} is not an IRI")
        return node.value


def any_of(conditions: Iterable[str]) -> str:
    return " || ".join(conditions) or "false"


def datatype_condition(datatype: str, name: str) -> Value:
    """``sh:datatype``: a literal of exactly that datatype whose lexical form is well-formed."""
    if datatype == RDF + "langString":
        return lambda v, _: f'isLiteral({v}) && LANG({v}) != ""'
    if datatype == XSD + "string":
        return lambda v, _: f"isLiteral({v}) && DATATYPE({v}) = <{datatype}>"
    if datatype in CASTABLE:
        return lambda v, _: (
            f"isLiteral({v}) && DATATYPE({v}) = <{datatype}> "
            f'&& DATATYPE(COALESCE(<{datatype}>(STR({v})), "")) = <{datatype}>'
        )
    raise UnsupportedShapeError(
        f"shape {name}: sh:datatype {datatype} (well-formedness check not implemented)"
    )


@dataclass
class Engine:
    """Runs compiled shapes on a store: over the union of all its graphs, or of ``graphs``."""

    store: Store
    graphs: list[str] | None
    queries: int = 0
    closure: dict[str, str] = field(default_factory=dict)
    #: (path, condition) of the value constraints some value fails (:meth:`screens`); None:
    #: not screened, every value constraint is checked per focus node.
    failing: set[tuple[str, str]] | None = None

    def select(self, sparql: str) -> Iterator[list[Node]]:
        """The rows of a SELECT query, each a list of its (bound) values in order."""
        self.queries += 1
        if self.graphs is None:
            result = self.store.query(sparql, use_default_graph_as_union=True)
        else:
            result = self.store.query(sparql, default_graph=[NamedNode(g) for g in self.graphs])
        if not isinstance(result, QuerySolutions):
            raise TypeError("expected a SELECT query")
        width = len(result.variables)
        for row in result:
            yield [term for term in (row[i] for i in range(width)) if isinstance(term, Node)]

    def subclasses(self, cls: str) -> str:
        """``cls`` and its subclasses in the data (``rdfs:subClassOf*``), as a SPARQL term list."""
        if cls not in self.closure:
            rows = self.select(f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS}subClassOf>* <{cls}> }}")
            found = {str(r[0]) for r in rows if isinstance(r[0], NamedNode | BlankNode)} | {f"<{cls}>"}
            self.closure[cls] = " ".join(sorted(found))
        return self.closure[cls]

    def target(self, shape: Shape) -> str:
        """A group pattern binding ``?this`` to each focus node of ``shape`` once (an instance
        typed in two graphs, or with a class and its superclass, is one focus node)."""
        branches = [
            f"{{ VALUES ?cls_ {{ {self.subclasses(c)} }} ?this <{RDF}type> ?cls_ }}"
            for c in shape.target_classes
        ]
        branches += [f"{{ ?this <{p}> ?any_ }}" for p in shape.target_subjects_of]
        branches += [f"{{ ?any_ <{p}> ?this }}" for p in shape.target_objects_of]
        return f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(branches)} }} }}"

    def checks(self, shape: Shape, focus: str) -> list[Check]:
        """The queries of ``shape`` on the focus nodes bound by the pattern ``focus``, each a
        callable giving its results; they are independent, so they may run in any order or
        at once (:func:`validate` runs them in threads: the engine evaluates a query without
        holding the GIL)."""
        properties = [shape] if shape.path else shape.properties
        parts: list[Callable[[], Iterator[Violation]]] = [
            partial(self.min_one, properties, focus),
            partial(self.at_most_one, properties, focus),
            partial(self.counted, properties, focus),
            partial(self.property_values, properties, focus),
        ]
        parts += [partial(self.unique_lang, prop, focus) for prop in properties]
        if not shape.path:
            parts.append(partial(self.value_checks, shape, focus))
            parts += [partial(self.alternatives, shape, alts, focus) for alts in shape.ors]
        return [partial(_listed, part) for part in parts]

    def validate(self, shape: Shape, focus: str) -> Iterator[Violation]:
        """The results of ``shape`` on the focus nodes bound by the pattern ``focus``."""
        for check in self.checks(shape, focus):
            yield from check()

    def alternatives(self, shape: Shape, alternatives: list[Shape], focus: str) -> Iterator[Violation]:
        """``sh:or``: one result for each focus node that fails every alternative."""
        failing: set[str] | None = None
        for alternative in alternatives:
            failed = {r.focus for r in self.validate(alternative, focus)}
            failing = failed if failing is None else failing & failed
        for node in sorted(failing or ()):
            yield self.result(shape, node, "OrConstraintComponent")

    @staticmethod
    def shape_values(properties: list[Shape], chosen: list[int]) -> str:
        rows = " ".join(f"({i} <{properties[i].path}>)" for i in chosen)
        return f"VALUES (?i ?p) {{ {rows} }}"

    def min_one(self, properties: list[Shape], focus: str) -> Iterator[Violation]:
        """``sh:minCount 1`` on property shapes without ``sh:maxCount`` 0 or 1 (those are
        checked with it by :meth:`at_most_one`): focus nodes without a value."""
        chosen = [i for i, p in enumerate(properties) if p.min_count == 1 and p.max_count not in (0, 1)]
        if not chosen:
            return
        query = (
            f"SELECT DISTINCT ?this ?i WHERE {{ {focus} {self.shape_values(properties, chosen)}"
            " FILTER NOT EXISTS { ?this ?p ?v } }"
        )
        for this, i in self.select(query):
            yield self.result(properties[int(i.value)], this.value, "MinCountConstraintComponent")

    def at_most_one(self, properties: list[Shape], focus: str) -> Iterator[Violation]:
        """``sh:maxCount`` 0 or 1, and ``sh:minCount 1`` on the same property shapes, in one
        query: a first value (``?v1``, optional: its absence breaks ``sh:minCount 1``) and a
        second, distinct one (``?v2``: its presence breaks ``sh:maxCount 1``; for
        ``sh:maxCount 0`` any first value does). A conforming focus node has at most one value
        per such shape, so the second optional adds no rows."""
        chosen = [i for i, p in enumerate(properties) if p.max_count in (0, 1)]
        if not chosen:
            return
        rows = " ".join(
            f"({i} <{properties[i].path}> {str(properties[i].min_count == 1).lower()}"
            f" {str(properties[i].max_count == 0).lower()})"
            for i in chosen
        )
        query = (
            f"SELECT DISTINCT ?this ?i ?over WHERE {{ {focus} VALUES (?i ?p ?required ?none) {{ {rows} }}"
            " OPTIONAL { ?this ?p ?v1 } OPTIONAL { ?this ?p ?v2 FILTER (!sameTerm(?v1, ?v2)) }"
            " BIND (BOUND(?v2) || (?none && BOUND(?v1)) AS ?over)"
            " FILTER (?over || (?required && !BOUND(?v1))) }"
        )
        for this, i, over in self.select(query):
            kind = "Max" if over.value == "true" else "Min"
            yield self.result(properties[int(i.value)], this.value, f"{kind}CountConstraintComponent")

    def counted(self, properties: list[Shape], focus: str) -> Iterator[Violation]:
        """Counts other than at least one and at most one: grouped, one query per shape."""
        for prop in properties:
            low = prop.min_count if prop.min_count not in (None, 0, 1) else None
            high = prop.max_count if prop.max_count not in (None, 0, 1) else None
            if low is None and high is None:
                continue
            tests = [f"?n < {low}"] if low is not None else []
            tests += [f"?n > {high}"] if high is not None else []
            query = (
                f"SELECT ?this ?n WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {focus}"
                f" OPTIONAL {{ ?this <{prop.path}> ?v }} }} GROUP BY ?this }}"
                f" FILTER ({' || '.join(tests)}) }}"
            )
            for this, n in self.select(query):
                if low is not None and int(n.value) < low:
                    yield self.result(prop, this.value, "MinCountConstraintComponent")
                if high is not None and int(n.value) > high:
                    yield self.result(prop, this.value, "MaxCountConstraintComponent")

    def property_values(self, properties: list[Shape], focus: str) -> Iterator[Violation]:
        """Value constraints of property shapes: one row per failing (focus, value), a flag per
        constraint; only for the property shapes with a constraint that :meth:`screen` found
        failing on some value of their path (all of them if nothing was screened)."""
        chosen = [
            i
            for i, p in enumerate(properties)
            if p.values and (self.failing is None or any(k in self.failing for k in self.value_keys(p)))
        ]
        if not chosen:
            return
        flags, binds, test = self.value_flags(properties, chosen)
        names = " ".join(f"?ok{i}_{j}" for i, j in flags)
        query = (
            f"SELECT DISTINCT ?this ?i ?v {names} WHERE {{ {focus} {self.shape_values(properties, chosen)}"
            f" ?this ?p ?v . {binds} FILTER (!({test})) }}"
        )
        for this, _, _, *oks in self.select(query):
            for (i, j), ok in zip(flags, oks, strict=True):
                if ok.value == "false":
                    yield self.result(properties[i], this.value, properties[i].values[j][0])

    def value_keys(self, prop: Shape) -> list[tuple[str, str]]:
        """(path, SPARQL condition over ``?v``) of each value constraint of a property shape."""
        assert prop.path is not None
        return [(prop.path, cond("?v", self.subclasses)) for _, cond in prop.values]

    def screens(self, shapes: list[Shape]) -> list[Check]:
        """One query per path that value constraints of property shapes constrain: which of
        those constraints fail on some value of the path (anyone's), each distinct value checked
        once; the failing ones go to :attr:`failing`.

        A value constraint depends on the value alone, so one that no value of its path fails
        fails for no focus node: at 1M triples ten thousand distinct line numbers are checked
        instead of a quarter of a million (passage, value) pairs, and ``hrg:text``, which many
        shapes constrain, is read once."""
        conditions: dict[str, set[str]] = {}
        for prop in _property_shapes(shapes):
            for path, condition in self.value_keys(prop):
                conditions.setdefault(path, set()).add(condition)
        self.failing = set()
        return [partial(self.screen, path, sorted(conds)) for path, conds in sorted(conditions.items())]

    def screen(self, path: str, conditions: list[str]) -> list[Violation]:
        """Add to :attr:`failing` the ``conditions`` some distinct value of ``path`` fails (one
        row per combination of flags that occurs); a check with no results of its own."""
        binds = " ".join(f"BIND (COALESCE({c}, false) AS ?ok{k})" for k, c in enumerate(conditions))
        names = " ".join(f"?ok{k}" for k in range(len(conditions)))
        test = " && ".join(f"?ok{k}" for k in range(len(conditions)))
        query = (
            f"SELECT DISTINCT {names} WHERE {{ {{ SELECT DISTINCT ?v WHERE {{ ?any_ <{path}> ?v }} }}"
            f" {binds} FILTER (!({test})) }}"
        )
        for row in self.select(query):
            for condition, ok in zip(conditions, row, strict=True):
                if ok.value == "false":
                    assert self.failing is not None
                    self.failing.add((path, condition))
        return []

    def value_flags(
        self, properties: list[Shape], chosen: list[int]
    ) -> tuple[list[tuple[int, int]], str, str]:
        """For the value constraints of the ``chosen`` property shapes: their (shape, constraint)
        indexes, the BINDs of one flag each over ``?v`` (true = conforms, or not this shape's
        row ``?i``) and the conjunction of the flags."""
        flags = [(i, j) for i in chosen for j in range(len(properties[i].values))]
        binds = " ".join(
            f"BIND (IF(?i = {i}, COALESCE({properties[i].values[j][1]('?v', self.subclasses)}, false), true)"
            f" AS ?ok{i}_{j})"
            for i, j in flags
        )
        return flags, binds, " && ".join(f"?ok{i}_{j}" for i, j in flags)

    def unique_lang(self, shape: Shape, focus: str) -> Iterator[Violation]:
        if not shape.unique_lang:
            return
        rows = self.select(
            f'SELECT ?this ?lang WHERE {{ {focus} ?this <{shape.path}> ?v . FILTER (LANG(?v) != "")'
            " BIND (LCASE(LANG(?v)) AS ?lang) } GROUP BY ?this ?lang HAVING (COUNT(DISTINCT ?v) > 1)"
        )
        for this, _ in rows:
            yield self.result(shape, this.value, "UniqueLangConstraintComponent")

    def value_checks(self, shape: Shape, focus: str) -> Iterator[Violation]:
        """Value constraints on a node shape: the focus node is the value."""
        if not shape.values:
            return
        flags = [f"?ok{i}" for i in range(len(shape.values))]
        binds = " ".join(
            f"BIND (COALESCE({cond('?this', self.subclasses)}, false) AS {flag})"
            for (_, cond), flag in zip(shape.values, flags, strict=True)
        )
        rows = self.select(
            f"SELECT DISTINCT ?this {' '.join(flags)} WHERE {{ {focus} {binds}"
            f" FILTER (!({' && '.join(flags)})) }}"
        )
        for row in rows:
            oks = row[-len(flags) :]
            for (component, _), ok in zip(shape.values, oks, strict=True):
                if isinstance(ok, Literal) and ok.value == "false":
                    yield self.result(shape, row[0].value, component)

    @staticmethod
    def result(shape: Shape, focus: str, component: str) -> Violation:
        return Violation(
            focus=focus,
            path=shape.path or "",
            component=SH + component,
            severity=shape.severity,
            message=shape.message,
        )


def validate(
    store: Store,
    graphs: list[str] | None = None,
    shapes: ShapesGraph | None = None,
    threads: int | None = None,
) -> ValidationReport:
    """Validate the union of the named ``graphs`` of ``store`` (default: of all its graphs, the
    default graph included) against ``shapes`` (default: the shapes of ``ontology/shapes``).

    The default is fast: Oxigraph answers a pattern over the union from one index, while an
    explicit list of graphs is looked up graph by graph (a hundred times slower with 200
    graphs). Raises :class:`UnsupportedShapeError` before running anything if a shape uses a
    construct this engine does not implement. The queries run in ``threads`` threads (default:
    one per CPU, at most :data:`THREADS`); the results are sorted, so the report does not
    depend on the order they finish in.
    """
    compiled = (shapes or ShapesGraph.from_directory()).top_level()
    engine = Engine(store, graphs)
    targets = [engine.target(shape) for shape in compiled]
    workers = threads or min(THREADS, os.cpu_count() or 1)
    results: list[Violation] = []
    with ThreadPoolExecutor(workers, thread_name_prefix="shacl") as pool:
        for _ in pool.map(_run, engine.screens(compiled)):
            pass
        pairs = zip(compiled, targets, strict=True)
        checks = [c for shape, focus in pairs for c in engine.checks(shape, focus)]
        for part in pool.map(_run, checks):
            results.extend(part)
    conforms = all(r.severity in (SH + "Warning", SH + "Info") for r in results)
    return ValidationReport(conforms, sorted(results))


def _property_shapes(shapes: list[Shape]) -> Iterator[Shape]:
    """Every property shape among ``shapes``, their ``sh:property`` and their ``sh:or``
    alternatives, nested."""
    for shape in shapes:
        if shape.path:
            yield shape
        yield from _property_shapes(shape.properties)
        for alternatives in shape.ors:
            yield from _property_shapes(alternatives)


def _listed(part: Callable[[], Iterator[Violation]]) -> list[Violation]:
    return list(part())


def _run(check: Check) -> list[Violation]:
    return check()


__all__ = ["ShapesGraph", "UnsupportedShapeError", "validate"]
