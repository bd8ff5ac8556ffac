"""HTML documentation of the hrgraph ontology: one page per class and property, an index, a diagram.

A small generator in the manner of pyLODE / Widoco, standard library only (``html.escape``):
pyLODE 3.4.1 pulls in httpx, dominate, markdown, html5lib and tqdm and, installed here, failed
at start-up looking for a ``pyproject.toml`` inside site-packages. Every page is generated from
``ontology/*.ttl`` alone: the term's labels (en, es), definition, kind, hierarchy, domain and
range, the properties that use a class, and every other statement about the term, so nothing in
the ontology is left off a page. The output is deterministic (sorted everywhere).

Writes into ``DIR``: ``index.html``, ``class-NAME.html`` / ``property-NAME.html`` (the kind is in
the file name because the ontology has ``hrg:State`` and ``hrg:state``), ``style.css``, the
diagram (``hrgraph.svg`` drawn here, ``hrgraph.dot`` for Graphviz), and the merged ontology as
``hrgraph-ontology.ttl`` and ``hrgraph-ontology.rdf`` (RDF/XML).
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, serialize

from hrgraph.iri import HRG, ONTOLOGY
from hrgraph.namespace import ONTOLOGY_DIR, OWL, PREFIXES, RDF, RDFS, SKOS
from hrgraph.store import atomic_write, parse_file

KINDS = {  # rdf:type → (kind shown, file-name prefix)
    OWL.Class.value: ("Class", "class"),
    OWL.ObjectProperty.value: ("Object property", "property"),
    OWL.DatatypeProperty.value: ("Datatype property", "property"),
    OWL.AnnotationProperty.value: ("Annotation property", "property"),
    RDF.Property.value: ("Property", "property"),
}
SHOWN = {
    RDF.type.value,
    RDFS.label.value,
    SKOS.definition.value,
    RDFS.isDefinedBy.value,
    RDFS.subClassOf.value,
    RDFS.domain.value,
    RDFS.range.value,
    RDFS.subPropertyOf.value,
}
Statement = tuple[str, str, str, str]  # predicate IRI, object (IRI or text), language, "iri"|"lit"


@dataclass
class Term:
    iri: str
    name: str
    kind: str
    file_prefix: str
    module: str
    labels: dict[str, str] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)

    @property
    def page(self) -> str:
        return f"{self.file_prefix}-{self.name}.html"

    def objects(self, predicate: str) -> list[str]:
        return sorted(o for p, o, _, _ in self.statements if p == predicate)

    def texts(self, predicate: str) -> list[tuple[str, str]]:
        return sorted((lang, o) for p, o, lang, k in self.statements if p == predicate and k == "lit")


@dataclass
class Ontology:
    headers: dict[str, list[Statement]]  # ontology IRI → its statements
    modules: dict[str, str]  # ontology IRI → file name
    terms: dict[str, Term]  # by IRI
    triples: list[Triple]
    concepts: dict[str, list[str]]  # concept scheme IRI → concept IRIs
    labels: dict[str, str]  # any IRI → its English (else any) label

    def page_of(self, iri: str) -> str | None:
        term = self.terms.get(iri)
        return term.page if term else None

    def subjects_with(self, predicate: str, obj: str) -> list[str]:
        return sorted(t.iri for t in self.terms.values() if obj in t.objects(predicate))


def load(directory: Path = ONTOLOGY_DIR) -> Ontology:
    """Read every ``*.ttl`` module of the ontology."""
    onto = Ontology({}, {}, {}, [], defaultdict(list), {})
    statements: dict[str, list[Statement]] = defaultdict(list)
    module_of: dict[str, str] = {}
    for path in sorted(directory.glob("*.ttl")):
        quads = parse_file(path)
        onto.triples.extend(q.triple for q in quads)
        for q in quads:
            _collect(q, path.name, statements, module_of, onto)
    for subject, stmts in statements.items():
        types = {o for p, o, _, _ in stmts if p == RDF.type.value}
        if OWL.Ontology.value in types:
            onto.headers[subject] = sorted(stmts)
            onto.modules[subject] = module_of[subject]
        kind = next((KINDS[t] for t in KINDS if t in types), None)
        if kind and subject.startswith(HRG):
            term = Term(subject, subject[len(HRG) :], kind[0], kind[1], module_of[subject])
            term.statements = sorted(set(stmts))
            term.labels = {lang: text for lang, text in term.texts(RDFS.label.value)}
            onto.terms[subject] = term
        if SKOS.Concept.value in types:
            for scheme in (o for p, o, _, _ in stmts if p == SKOS.inScheme.value):
                onto.concepts[scheme].append(subject)
    onto.triples.sort(key=str)
    return onto


def _collect(
    q: Quad, module: str, statements: dict[str, list[Statement]], module_of: dict[str, str], onto: Ontology
) -> None:
    s, p, o = q.subject, q.predicate, q.object
    if not isinstance(s, NamedNode):
        return
    if isinstance(o, NamedNode):
        statements[s.value].append((p.value, o.value, "", "iri"))
    else:
        if not isinstance(o, Literal):
            return
        lang = o.language or ""
        statements[s.value].append((p.value, o.value, lang, "lit"))
        if p.value in (RDFS.label.value, SKOS.prefLabel.value) and (
            lang == "en" or s.value not in onto.labels
        ):
            onto.labels[s.value] = o.value
    if p == RDF.type:
        module_of.setdefault(s.value, module)


# rendering -----------------------------------------------------------------------------------
def curie(iri: str) -> str:
    """``hrg:State`` for a term under a known prefix, else the IRI itself.

    >>> curie("https://w3id.org/hrgraph/ontology#State"), curie("urn:x")
    ('hrg:State', 'urn:x')
    """
    for prefix, base in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(base) and len(iri) > len(base):
            return f"{prefix}:{iri[len(base) :]}"
    return iri


def link(onto: Ontology, iri: str) -> str:
    """An ``<a>`` to the term's page (an ontology term) or to the IRI itself."""
    page = onto.page_of(iri)
    text = html.escape(curie(iri))
    title = html.escape(onto.labels.get(iri, ""), quote=True)
    href = html.escape(page or iri, quote=True)
    return f'<a href="{href}" title="{title}"><code>{text}</code></a>'


def _value(onto: Ontology, stmt: Statement) -> str:
    _, obj, lang, kind = stmt
    if kind == "iri":
        return link(onto, obj)
    suffix = f' <span class="lang">@{html.escape(lang)}</span>' if lang else ""
    return f"{html.escape(obj)}{suffix}"


def page(title: str, body: str, css: str = "style.css") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        f'<link rel="stylesheet" href="{css}">\n</head>\n<body>\n{body}\n</body>\n</html>\n'
    )


def _rows(rows: Iterable[tuple[str, str]]) -> str:
    out = [f"<tr><th>{html.escape(k)}</th><td>{v}</td></tr>" for k, v in rows if v]
    return '<table class="facts">\n' + "\n".join(out) + "\n</table>" if out else ""


def _links(onto: Ontology, iris: Iterable[str]) -> str:
    return ", ".join(link(onto, i) for i in iris)


def term_page(onto: Ontology, term: Term) -> str:
    """The page of one class or property."""
    labels = " · ".join(
        f'{html.escape(text)} <span class="lang">@{html.escape(lang)}</span>'
        for lang, text in term.texts(RDFS.label.value)
    )
    definitions = "".join(
        f'<p class="definition">{html.escape(text)}</p>' for _, text in term.texts(SKOS.definition.value)
    )
    facts = [
        ("IRI", f"<code>{html.escape(term.iri)}</code>"),
        ("Kind", html.escape(term.kind)),
        ("Labels", labels),
        ("Defined in", f"<code>ontology/{html.escape(term.module)}</code>"),
        ("Subclass of", _links(onto, term.objects(RDFS.subClassOf.value))),
        ("Subclasses", _links(onto, onto.subjects_with(RDFS.subClassOf.value, term.iri))),
        ("Subproperty of", _links(onto, term.objects(RDFS.subPropertyOf.value))),
        ("Domain", _links(onto, term.objects(RDFS.domain.value))),
        ("Range", _links(onto, term.objects(RDFS.range.value))),
        ("Properties with this domain", _links(onto, onto.subjects_with(RDFS.domain.value, term.iri))),
        ("Properties with this range", _links(onto, onto.subjects_with(RDFS.range.value, term.iri))),
        ("Is defined by", _links(onto, term.objects(RDFS.isDefinedBy.value))),
    ]
    other = [s for s in term.statements if s[0] not in SHOWN]
    other_rows = _rows((curie(s[0]), _value(onto, s)) for s in other)
    title = f"{curie(term.iri)} — {term.labels.get('en', term.name)}"
    body = (
        f'<nav><a href="index.html">hrgraph ontology</a> › {html.escape(term.kind)}</nav>\n'
        f"<h1>{html.escape(title)}</h1>\n{definitions}\n{_rows(facts)}\n"
        + (f"<h2>Other statements</h2>\n{other_rows}\n" if other_rows else "")
    )
    return page(title, body)


def index_page(onto: Ontology) -> str:
    """The ontology's front page: modules, the diagram, every term, the concept schemes."""
    parts = [
        "<h1>hrgraph ontology</h1>",
        f"<p>Namespace <code>{html.escape(HRG)}</code> (prefix <code>hrg:</code>). "
        'Download: <a href="hrgraph-ontology.ttl">Turtle</a> · '
        '<a href="hrgraph-ontology.rdf">RDF/XML</a> · <a href="hrgraph.dot">Graphviz source</a></p>',
    ]
    for iri in sorted(onto.headers, key=lambda i: (i != ONTOLOGY, i)):
        rows = [
            ("Ontology IRI", f"<code>{html.escape(iri)}</code>"),
            ("Module", f"<code>ontology/{html.escape(onto.modules[iri])}</code>"),
        ]
        rows += [(curie(s[0]), _value(onto, s)) for s in onto.headers[iri] if s[0] != RDF.type.value]
        parts.append(f"<h2>{html.escape(onto.labels.get(iri, curie(iri)))}</h2>\n{_rows(rows)}")
    parts.append('<h2>Main classes</h2>\n<p><img src="hrgraph.svg" alt="Diagram of the main classes"></p>')
    for kind in ("Class", "Object property", "Datatype property", "Annotation property", "Property"):
        terms = sorted((t for t in onto.terms.values() if t.kind == kind), key=lambda t: t.name)
        if terms:
            items = "\n".join(
                f'<li id="{html.escape(t.name, quote=True)}">{link(onto, t.iri)} — '
                f"{html.escape(t.labels.get('en', ''))}</li>"
                for t in terms
            )
            parts.append(f"<h2>{html.escape(kind)} ({len(terms)})</h2>\n<ul>\n{items}\n</ul>")
    for scheme, members in sorted(onto.concepts.items()):
        items = "\n".join(
            f"<li><code>{html.escape(curie(c))}</code> — {html.escape(onto.labels.get(c, ''))}</li>"
            for c in sorted(members)
        )
        parts.append(
            f"<h2>Concept scheme: {html.escape(onto.labels.get(scheme, scheme))}</h2>\n"
            f"<p><code>{html.escape(scheme)}</code></p>\n<ul>\n{items}\n</ul>"
        )
    return page("hrgraph ontology", "\n".join(parts))


STYLE = """body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
  line-height: 1.45; color: #1d1d1f; }
nav { font-size: .9rem; margin-bottom: 1rem; }
table.facts { border-collapse: collapse; width: 100%; margin: 1rem 0; }
table.facts th { text-align: left; vertical-align: top; width: 14rem; padding: .3rem .6rem;
  background: #f2f4f7; }
table.facts td { padding: .3rem .6rem; border-bottom: 1px solid #e4e7ec; }
.definition { font-size: 1.1rem; }
.lang { color: #667085; font-size: .8rem; }
img { max-width: 100%; }
code { font-size: .92em; }
"""


def render_docs(directory: Path = ONTOLOGY_DIR) -> dict[str, bytes]:
    """Every documentation file by name: pages, style, diagram, the ontology in two syntaxes."""
    from hrgraph.publish.diagram import diagram_dot, diagram_svg

    onto = load(directory)
    files: dict[str, bytes] = {"index.html": index_page(onto).encode(), "style.css": STYLE.encode()}
    for term in onto.terms.values():
        files[term.page] = term_page(onto, term).encode()
    files["hrgraph.svg"] = diagram_svg(onto).encode()
    files["hrgraph.dot"] = diagram_dot(onto).encode()
    for name, fmt in (
        ("hrgraph-ontology.ttl", RdfFormat.TURTLE),
        ("hrgraph-ontology.rdf", RdfFormat.RDF_XML),
    ):
        files[name] = serialize(onto.triples, format=fmt, prefixes=PREFIXES) or b""
    return dict(sorted(files.items()))


def write_docs(out: Path, directory: Path = ONTOLOGY_DIR) -> list[Path]:
    """Write the documentation into ``out``; returns the files written (sorted)."""
    written = []
    for name, data in render_docs(directory).items():
        with atomic_write(out / name) as handle:
            handle.write(data)
        written.append(out / name)
    return written
