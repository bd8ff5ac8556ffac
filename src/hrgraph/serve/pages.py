"""Resource pages: dereferenceable IRIs on ``hrgraph serve`` (Cool URIs for the Semantic Web, W3C
Interest Group Note 2008, §4.3: content negotiation, one URI, several representations).

An entity IRI ``https://w3id.org/hrgraph/id/PATH`` is served locally at ``/id/PATH``, which names
the thing, not a document: it answers ``303 See Other`` (Cool URIs §4.3) to

- ``/page/PATH`` for ``Accept: text/html`` (a browser): an HTML page: labels, types, every
  statement about it (links stay on this server), the statements that point to it, and the text
  of the source passages it was read from, as the served build read them (copies taken at
  start-up of the files whose sha256 is the one the build's ``summary.json`` recorded; a file
  changed since the build is named, not quoted);
- ``/data/PATH.ttl``, ``.jsonld`` (compacted with the hrgraph context), ``.nt`` or ``.rdf``
  (RDF/XML) for an RDF client: the same description as RDF, the triples whose subject or
  object it is. ``/data/PATH`` without an extension negotiates by ``Accept`` and names the
  representation in ``Content-Location``.

``?format=ttl|jsonld|nt|rdfxml|html`` overrides the header (for a link a person can share).
Every answer sends ``Vary: Accept`` and ``Link`` headers to the other representations
(``rel="describedby"`` from ``/id/``, ``rel="alternate"`` between the documents).

Also served: ``/.well-known/void`` (the VoID description, VoID §6.2), ``/ontology`` (the
documentation index, or the ontology as Turtle / RDF/XML for an RDF client), ``/docs/…`` (the
ontology documentation written by ``hrgraph build``) and ``/download/…`` (the build's files that
the VoID names as ``void:dataDump`` and ``dcat:downloadURL``).

The server calls :func:`respond`; it returns None for any path that is not one of these.

>>> best_type("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8", ["text/turtle", "text/html"])
'text/html'
>>> best_type("text/turtle;q=0.9, application/ld+json", ["text/html", "text/turtle", "application/ld+json"])
'application/ld+json'
>>> best_type("image/png", ["text/html"]) is None
True
"""

from __future__ import annotations

import io
import json
import mimetypes
import shutil
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, Triple, serialize

from hrgraph import __version__, iri
from hrgraph.extract.common import SourceText
from hrgraph.namespace import DCT, PREFIXES, RDF, RDFS, SKOS, hrg
from hrgraph.publish.jsonld import write_jsonld
from hrgraph.publish.ontodoc import curie, render_docs
from hrgraph.publish.void import DEFAULT_BASE, build_date, describe, write_description
from hrgraph.serve.kinds import natural_key, sections
from hrgraph.serve.templates import render
from hrgraph.sources import load_sources, sha256
from hrgraph.store import GraphStore

HTML, TURTLE, JSONLD, NTRIPLES = "text/html", "text/turtle", "application/ld+json", "application/n-triples"
RDFXML = "application/rdf+xml"
ENTITY_TYPES = [HTML, TURTLE, JSONLD, NTRIPLES, RDFXML]
DATA_EXTENSIONS = {TURTLE: "ttl", JSONLD: "jsonld", NTRIPLES: "nt", RDFXML: "rdf"}
FORMAT_PARAM = {"html": HTML, "ttl": TURTLE, "jsonld": JSONLD, "nt": NTRIPLES, "rdfxml": RDFXML}
# ``hrgid:`` would turn every data IRI into ``hrgid:state\/PRY`` (Turtle escapes the slashes)
READABLE_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "hrgid"}


@dataclass
class Page:
    """An HTTP response: status, media type, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def best_type(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the ``Accept`` header prefers (RFC 9110 §12.5.1), ties → ``offered`` order."""
    if not accept or not accept.strip():
        return offered[0]
    ranges = []
    for part in accept.split(","):
        media, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media.strip().lower(), q))
    scored = []
    for rank, media in enumerate(offered):
        q = max((q for r, q in ranges if _matches(r, media)), default=0.0)
        if q > 0:
            scored.append((-q, _specificity(ranges, media), rank, media))
    return min(scored)[3] if scored else None


def _matches(media_range: str, media: str) -> bool:
    kind, _, sub = media_range.partition("/")
    mkind, _, msub = media.partition("/")
    return media_range == "*/*" or (kind == mkind and sub in ("*", msub))


def _specificity(ranges: list[tuple[str, float]], media: str) -> int:
    """0 when ``media`` is named exactly, so an exact match beats ``*/*`` at the same q."""
    return 0 if any(r == media for r, _ in ranges) else 1


ROUTE_PREFIXES = ("/id/", "/page/", "/data/", "/docs/", "/ontology", "/.well-known/void", "/void")


def respond(
    store: GraphStore,
    path: str,
    accept: str | None,
    base: str = DEFAULT_BASE,
    sources: ServedSources | None = None,
) -> Page | None:
    """The response for ``path`` (with its query string), or None when it is not ours; pages quote
    passages from ``sources`` (the served build's, else the shipped ones: :func:`passage_text`)."""
    route, _, query = path.partition("?")
    fmt = parse_qs(query).get("format", [""])[0]
    if fmt and fmt not in FORMAT_PARAM:
        return _text(400, f"unknown format {fmt!r} (one of {', '.join(FORMAT_PARAM)})")
    wanted = FORMAT_PARAM[fmt] if fmt else None
    if route.startswith("/id/"):
        return see_other(store, route[len("/id/") :], wanted or accept)
    if route.startswith("/page/"):
        numbers = parse_qs(query)
        pages = {k: int(v[0]) for k, v in numbers.items() if k in ("out", "in") and v[0].isdigit()}
        return entity_page(store, route[len("/page/") :], HTML, pages=pages, sources=sources)
    if route.startswith("/data/"):
        return data_page(store, route[len("/data/") :], wanted or accept)
    if route in ("/.well-known/void", "/void"):
        return Page(200, _charset(TURTLE), void_turtle(store, base), {})
    if route in ("/ontology", "/ontology/"):
        return _ontology(wanted or accept)
    if route.startswith("/docs/"):
        return _docs(route[len("/docs/") :] or "index.html")
    return None


def serve_resource(
    location: str,
    path: str,
    params: Mapping[str, list[str]],
    headers: Mapping[str, str],
    base: str = DEFAULT_BASE,
    sources: ServedSources | None = None,
) -> Page:
    """The hook ``hrgraph.serve.endpoint.route`` calls for a GET/HEAD of a path under :data:`ROUTE_PREFIXES`.

    ``location`` is the server's on-disk store, opened here read-only (entity pages only look
    up quads by pattern, so they need no query worker or time limit); ``sources`` the texts of
    the build it was loaded from (:func:`served_sources`).
    """
    accept = next((v for k, v in headers.items() if k.lower() == "accept"), None)
    query = urlencode({k: v[0] for k, v in params.items() if k in ("format", "out", "in") and v})
    page = respond(_open(location), f"{path}?{query}" if query else path, accept, base, sources)
    return page or _text(404, f"no such resource: {path}")


@cache
def _open(location: str) -> GraphStore:
    store = GraphStore()
    store.store = Store.read_only(location)
    return store


def _links(path: str, rel: str, skip: str | None = None) -> str:
    """``Link`` header value: the page and the RDF documents of entity ``path`` (RFC 8288)."""
    targets = [(f"/page/{path}", HTML)] + [(f"/data/{path}.{ext}", m) for m, ext in DATA_EXTENSIONS.items()]
    return ", ".join(f'<{href}>; rel="{rel}"; type="{media}"' for href, media in targets if media != skip)


def _not_acceptable(offered: Sequence[str]) -> Page:
    message = f"not acceptable: this resource is available as {', '.join(offered)}\n"
    return Page(406, "text/plain; charset=utf-8", message.encode(), {"Vary": "Accept"})


def _unknown(path: str) -> Page:
    message = f"no resource <{iri.ID}{path}> in this build\n"
    return Page(404, "text/plain; charset=utf-8", message.encode(), {"Vary": "Accept"})


def see_other(store: GraphStore, path: str, accept: str | None) -> Page:
    """``/id/PATH`` names a thing: 303 to its page or to its RDF in the preferred format."""
    media = best_type(accept, ENTITY_TYPES)
    if media is None:
        return _not_acceptable(ENTITY_TYPES)
    if _find(store, iri.ID + path) is None:
        return _unknown(path)
    target = f"/page/{path}" if media == HTML else f"/data/{path}.{DATA_EXTENSIONS[media]}"
    headers = {"Location": target, "Vary": "Accept", "Link": _links(path, "describedby")}
    return Page(303, "text/plain; charset=utf-8", f"see {target}\n".encode(), headers)


def data_page(store: GraphStore, path: str, accept: str | None) -> Page:
    """``/data/PATH.EXT``: the description in that format; ``/data/PATH``: by ``Accept``."""
    by_extension = {ext: media for media, ext in DATA_EXTENSIONS.items()}
    stem, _, ext = path.rpartition(".")
    headers = {"Vary": "Accept"}
    if stem and ext in by_extension:
        path, media = stem, by_extension[ext]
    else:
        negotiated = best_type(accept, list(DATA_EXTENSIONS))
        if negotiated is None:
            return _not_acceptable(list(DATA_EXTENSIONS))
        media = negotiated
        headers["Content-Location"] = f"/data/{path}.{DATA_EXTENSIONS[media]}"
    return entity_page(store, path, media, headers)


def entity_page(
    store: GraphStore,
    path: str,
    media: str,
    headers: dict[str, str] | None = None,
    pages: Mapping[str, int] | None = None,
    sources: ServedSources | None = None,
) -> Page:
    """The representation ``media`` of entity ``iri.ID + path`` (404 if the build has no triple on it)."""
    found = _find(store, iri.ID + path)
    if found is None:
        return _unknown(path)
    node, outgoing, incoming = found
    head = {"Vary": "Accept", **(headers or {}), "Link": _links(path, "alternate", skip=media)}
    if media == HTML:
        body = entity_html(store, node, outgoing, incoming, pages, sources).encode()
        return Page(200, "text/html; charset=utf-8", body, head)
    return Page(200, _charset(media), rdf_body(outgoing + incoming, media), head)


def _find(store: GraphStore, entity: str) -> tuple[NamedNode, list[Quad], list[Quad]] | None:
    """The entity as requested, or percent-decoded (a server may hand either), if it has triples."""
    for candidate in dict.fromkeys([entity, unquote(entity)]):
        try:
            node = NamedNode(candidate)
        except ValueError:
            continue
        outgoing, incoming = _quads(store, node, incoming=False), _quads(store, node, incoming=True)
        if outgoing or incoming:
            return node, outgoing, incoming
    return None


def _charset(media: str) -> str:
    return f"{media}; charset=utf-8" if media != JSONLD else media


def _quads(store: GraphStore, node: NamedNode, incoming: bool) -> list[Quad]:
    pattern = (
        store.store.quads_for_pattern(None, None, node)
        if incoming
        else store.store.quads_for_pattern(node, None, None)
    )
    return sorted(pattern, key=lambda q: (str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)))


def rdf_body(quads: list[Quad], media: str) -> bytes:
    """The triples of ``quads`` (graphs merged, sorted) in ``media``."""
    triples = sorted({Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    if media == JSONLD:
        out = io.BytesIO()
        write_jsonld((Quad(t.subject, t.predicate, t.object) for t in triples), out, graphs=False)
        return out.getvalue()
    fmt = {TURTLE: RdfFormat.TURTLE, NTRIPLES: RdfFormat.N_TRIPLES, RDFXML: RdfFormat.RDF_XML}[media]
    prefixes = READABLE_PREFIXES if fmt != RdfFormat.N_TRIPLES else None
    return serialize(triples, format=fmt, prefixes=prefixes) or b""


# HTML ----------------------------------------------------------------------------------------
def label_of(store: GraphStore, node: NamedNode) -> str:
    """English label, else Spanish, else any ``rdfs:label``/``skos:prefLabel``, else the CURIE."""
    found: dict[str, str] = {}
    for p in (RDFS.label, SKOS.prefLabel):
        for q in store.store.quads_for_pattern(node, p, None):
            if isinstance(q.object, Literal):
                found.setdefault(q.object.language or "", q.object.value)
    for lang in ("en", "es", ""):
        if lang in found:
            return found[lang]
    return next(iter(sorted(found.values())), curie(node.value))


def local_href(value: str) -> str:
    """Entity IRIs link to this server's page of them; ontology terms to ``/docs/``; others stay."""
    if value.startswith(iri.ID):
        return "/page/" + quote(value[len(iri.ID) :], safe="/%:@._~-")
    if value.startswith(iri.HRG):
        name = value[len(iri.HRG) :]
        for kind in ("class", "property"):
            if f"{kind}-{name}.html" in _docs_files():
                return f"/docs/{kind}-{name}.html"
        return f"/docs/index.html#{name}"
    return value


PAGE_SIZE = 200  # rows of a statements table per page (``?out=N``, ``?in=N``)


def term_view(store: GraphStore, term: object) -> dict[str, str]:
    """What a template shows of a term: an IRI's label, link and CURIE, or a literal's text
    (every key present for both, so the templates can run with undefined variables as errors)."""
    view = {"iri": "", "href": "", "label": "", "curie": "", "text": "", "lang": "", "datatype": ""}
    if isinstance(term, NamedNode):
        label = label_of(store, term)
        view |= {
            "iri": term.value,
            "href": local_href(term.value),
            "label": label,
            "curie": curie(term.value),
        }
    elif isinstance(term, Literal):
        dtype = term.datatype.value
        plain = term.language or dtype.endswith("#string")
        view |= {"text": term.value, "label": term.value, "lang": term.language or ""}
        view["datatype"] = "" if plain else curie(dtype)
    else:
        view |= {"text": str(term), "label": str(term)}
    return view


def _graph_name(q: Quad) -> str:
    g = q.graph_name
    return g.value.rsplit("/", 1)[-1] if isinstance(g, NamedNode) else ""


def _page_of(rows: list[Any], page: int) -> tuple[list[Any], int, int]:
    """(the rows of page ``page`` (1-based, clamped), that page, the number of pages)."""
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    return rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], page, pages


def statement_rows(store: GraphStore, quads: list[Quad]) -> list[dict[str, Any]]:
    """Rows of the statements table: values (literals) first, then links; by property label, then
    by value in natural order ("art. 2" before "art. 10"), labels before IRIs."""
    rows = []
    for q in quads:
        value = term_view(store, q.object)
        key = (value.get("label") or value.get("text") or "", value.get("iri", ""))
        rows.append(
            {
                "property": term_view(store, q.predicate),
                "value": value,
                "graph": _graph_name(q),
                "sort": (
                    isinstance(q.object, NamedNode),
                    curie(q.predicate.value),
                    natural_key(key[0]),
                    key[1],
                ),
            }
        )
    return sorted(rows, key=lambda r: r["sort"])


def entity_html(
    store: GraphStore,
    node: NamedNode,
    outgoing: list[Quad],
    incoming: list[Quad],
    pages: Mapping[str, int] | None = None,
    sources: ServedSources | None = None,
) -> str:
    """The HTML page of one entity (``templates/entity.html``), with its kind's sections."""
    pages = pages or {}
    types = sorted(
        {q.object.value for q in outgoing if q.predicate == RDF.type and isinstance(q.object, NamedNode)}
    )
    out_rows, out_page, out_pages = _page_of(
        statement_rows(store, [q for q in outgoing if q.predicate != RDF.type]), pages.get("out", 1)
    )
    in_all: list[dict[str, Any]] = [
        {
            "subject": term_view(store, q.subject),
            "property": term_view(store, q.predicate),
            "graph": _graph_name(q),
        }
        for q in incoming
    ]
    in_all.sort(
        key=lambda r: (r["property"]["curie"], natural_key(r["subject"]["label"]), r["subject"]["iri"])
    )
    in_rows, in_page, in_pages = _page_of(in_all, pages.get("in", 1))
    path = quote(node.value[len(iri.ID) :], safe="/%:@._~-")
    return render(
        "entity.html",
        title=label_of(store, node),
        iri=node.value,
        types=[term_view(store, NamedNode(t)) for t in types],
        alternates=[(ext, f"/data/{path}.{ext}") for ext in DATA_EXTENSIONS.values()],
        sections=[{"template": k.template, "kind": k} for k in sections(store, node, set(types))],
        statements=out_rows,
        out_page=out_page,
        out_pages=out_pages,
        incoming=in_rows,
        incoming_total=len(in_all),
        in_page=in_page,
        in_pages=in_pages,
        passages=passages(store, node, outgoing, sources),
        href=local_href,
        label=lambda value: label_of(store, NamedNode(value)),
        key=lambda value: value.rsplit("/", 1)[-1],
    )


def passages(
    store: GraphStore, node: NamedNode, outgoing: list[Quad], sources: ServedSources | None = None
) -> list[dict[str, str]]:
    """The source passages the entity was read from (``hrg:passage``), with their lines."""
    found = sorted(
        {
            q.object.value
            for q in outgoing
            if q.predicate == hrg("passage") and isinstance(q.object, NamedNode)
        },
        key=natural_key,
    )
    if node.value.startswith(iri.ID + "source/") and "/lines/" in node.value:
        found = [node.value]
    out = []
    for passage in found:
        text = passage_text(store, NamedNode(passage), sources)
        if text is not None:
            out.append({"href": local_href(passage), "curie": curie(passage), "text": text})
    return out


def passage_text(store: GraphStore, passage: NamedNode, sources: ServedSources | None = None) -> str | None:
    """The numbered lines of a ``hrg:Passage`` from the source the build read, or None if unknown.

    ``sources`` are those of the build being served (:func:`served_sources`); without them, the
    shipped sources (each checked against its ``sources.toml`` checksum). A source whose file
    changed since the build is not quoted: the text says so instead."""

    def one(p: NamedNode) -> str | None:
        found = [
            q.object.value
            for q in store.store.quads_for_pattern(passage, p, None)
            if isinstance(q.object, NamedNode | Literal)
        ]
        return found[0] if found else None

    doc, start, end = one(DCT.isPartOf), one(hrg("startLine")), one(hrg("endLine"))
    if doc is None or start is None or end is None:
        return None
    src = (sources or _shipped_sources()).text(doc)
    if not isinstance(src, SourceText):
        return src
    lines = range(int(start), min(int(end), int(start) + 60) + 1)
    return "\n".join(f"{n:>5}  {src.line(n)}" for n in lines if 1 <= n <= len(src.lines))


class ServedSources:
    """The source texts of one build: document IRI → the verified copy of its file, or why
    there is none (the file changed or went away since the build)."""

    def __init__(self, files: Mapping[str, tuple[str, Path]], missing: Mapping[str, str]) -> None:
        self.files = dict(files)  # document IRI → (source key, path of a file whose sha256 matched)
        self.missing = dict(missing)  # document IRI → the sentence shown instead of the text
        self._texts: dict[str, SourceText] = {}
        self._lock = threading.Lock()

    def text(self, doc: str) -> SourceText | str | None:
        """The text of document ``doc``, the note shown instead, or None (not a source of this build)."""
        if doc in self.missing:
            return self.missing[doc]
        if doc not in self.files:
            return None
        with self._lock:
            if doc not in self._texts:
                key, path = self.files[doc]
                self._texts[doc] = SourceText.from_path(key, path)
            return self._texts[doc]


def _document_iri(symbol: str, key: str) -> str:
    """The IRI a build gives a source document (as :attr:`hrgraph.sources.SourceMeta.iri`)."""
    return iri.doc(symbol) if symbol else iri.source(key)


def _changed(path: str, why: str) -> str:
    return f"(not quoted: the source file {path} {why} since this build was made)"


def served_sources(build: Path, into: Path) -> ServedSources:
    """Copy the sources of the build at ``build`` (its ``summary.json``: path and sha256 of each)
    into ``into``, keeping only the copies whose sha256 is the one the build recorded, so that
    resource pages quote what the served build read even if the files change while it is served."""
    try:
        recorded = json.loads((build / "summary.json").read_text(encoding="utf-8")).get("sources", [])
    except (OSError, ValueError):
        recorded = []
    into.mkdir(parents=True, exist_ok=True)
    files, missing = {}, {}
    for index, entry in enumerate(recorded):
        doc = _document_iri(entry.get("symbol", ""), entry["key"])
        source, copy = Path(entry["path"]), into / f"{index}-{Path(entry['path']).name}"
        try:
            shutil.copyfile(source, copy)
        except OSError:
            missing[doc] = _changed(str(source), "is gone or unreadable")
            continue
        if sha256(copy) != entry.get("sha256"):
            missing[doc] = _changed(str(source), "changed")
            copy.unlink()
        else:
            files[doc] = (entry["key"], copy)
    return ServedSources(files, missing)


@cache
def _shipped_sources() -> ServedSources:
    files, missing = {}, {}
    for meta in load_sources():
        if meta.path.is_file() and sha256(meta.path) == meta.sha256:
            files[meta.iri] = (meta.key, meta.path)
        else:
            missing[meta.iri] = _changed(str(meta.path), "does not match its checksum in sources.toml")
    return ServedSources(files, missing)


# files ---------------------------------------------------------------------------------------
def _text(status: int, message: str) -> Page:
    return Page(status, "text/plain; charset=utf-8", (message + "\n").encode())


@cache
def _docs_files() -> dict[str, bytes]:
    return render_docs()


def _docs(name: str) -> Page:
    data = _docs_files().get(unquote(name))
    if data is None:
        return _text(404, f"no documentation page {name!r}")
    media = (
        TURTLE
        if name.endswith(".ttl")
        else RDFXML
        if name.endswith(".rdf")
        else mimetypes.guess_type(name)[0] or "application/octet-stream"
    )
    charset = "; charset=utf-8" if media.startswith("text/") or media.endswith("+xml") else ""
    return Page(200, media + charset, data, {})


def _ontology(accept: str | None) -> Page:
    """The ontology IRI: its documentation for a browser, Turtle or RDF/XML for an RDF client."""
    media = best_type(accept, [HTML, TURTLE, RDFXML])
    name = {HTML: "index.html", TURTLE: "hrgraph-ontology.ttl", RDFXML: "hrgraph-ontology.rdf"}.get(
        media or ""
    )
    if name is None:
        return Page(
            406,
            "text/plain; charset=utf-8",
            b"not acceptable: text/html, text/turtle, application/rdf+xml\n",
            {"Vary": "Accept"},
        )
    if name == "index.html":  # the ontology is not a page: See Other (Cool URIs §4.3)
        return Page(
            303,
            "text/plain; charset=utf-8",
            b"see /docs/index.html\n",
            {"Location": "/docs/index.html", "Vary": "Accept"},
        )
    page = _docs(name)
    page.headers["Vary"] = "Accept"
    return page


_VOID: dict[tuple[int, str], bytes] = {}


def void_turtle(store: GraphStore, base: str = DEFAULT_BASE) -> bytes:
    """The VoID description of ``store`` as ``hrgraph build`` writes it, naming the endpoint and
    downloads under ``base`` (the server's URL as the client reached it); computed once per base."""
    key = (id(store), base)
    if key not in _VOID:
        out = io.BytesIO()
        write_description(describe(store, __version__, build_date(), base=base), out)
        _VOID[key] = out.getvalue()
    return _VOID[key]
