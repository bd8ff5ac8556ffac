"""The compilation's instruments, their divisions, articles and paragraphs as RDF (DESIGN §2-3).

Each printed instrument: typed with its kind (``hrg:Treaty``, ``hrg:OptionalProtocol``,
``hrg:Declaration``), ``rdfs:label`` @es as printed and @en from ``instruments.csv``,
``hrg:system``, ``hrg:protocolTo``, the printed adoption line, date and place, preamble and
testimonium, and ``hrg:textPrintedIn`` the compilation. Instruments the tables only name get
``hrg:namedIn`` instead and no articles.

Each article: ``hrg:Article`` and one of ``hrg:SubstantiveArticle``, ``hrg:InstitutionalArticle``
or ``hrg:FinalClause``; ``hrg:articleOf``/``hrg:hasArticle``, ``hrg:articleNumber`` (arabic,
the IRI segment), ``hrg:printedNumber`` (``XIV``), ``hrg:ordinal``, ``hrg:text`` @es,
``hrg:title`` where one is printed, ``hrg:withinDivision`` its innermost part/chapter/section,
and its numbered paragraphs
(``…/article/11/para/1``). Every resource carries ``prov:wasDerivedFrom`` and the passages of
the lines it was read from.
"""

from __future__ import annotations

from hrgraph import iri
from hrgraph.extract.common import Span
from hrgraph.extract.compilation.instruments import Article, Division, Instrument, Result
from hrgraph.namespace import RDF, SKOS
from hrgraph.rdf.writer import GraphWriter
from hrgraph.reference import instruments as reference_instruments

SYSTEM_SCHEME = "instrument-system"
SYSTEMS = {
    "UN": ("Naciones Unidas", "United Nations"),
    "ILO": ("Organización Internacional del Trabajo", "International Labour Organization"),
    "OAS": ("Organización de los Estados Americanos", "Organization of American States"),
    "HCCH": (
        "Conferencia de La Haya de Derecho Internacional Privado",
        "Hague Conference on Private International Law",
    ),
}
PROVISION_CLASS = {
    "substantive": "SubstantiveArticle",
    "institutional": "InstitutionalArticle",
    "final": "FinalClause",
}
DIVISION_CLASS = {"part": "Part", "chapter": "Chapter", "section": "Section"}
DIVISION_WORD = {"part": "Parte", "chapter": "Capítulo", "section": "Sección"}


def write(result: Result, w: GraphWriter) -> None:
    """All instruments, divisions, articles and paragraphs of ``result`` into ``w``."""
    _systems(w)
    titles_en = {k: ref.title_en for k, ref in reference_instruments().items()}
    for inst in result.instruments:
        _instrument(inst, titles_en.get(inst.key), w)
    for div in result.divisions:
        _division(div, w)
    for art in result.articles:
        _article(art, w)


def _systems(w: GraphWriter) -> None:
    scheme = iri.scheme(SYSTEM_SCHEME)
    w.add(scheme, RDF.type, SKOS.ConceptScheme)
    w.label(scheme, "Sistemas de instrumentos", "es")
    w.label(scheme, "Instrument systems", "en")
    for key, (es, en) in SYSTEMS.items():
        w.concept(iri.concept(SYSTEM_SCHEME, key), scheme, es, en)


def _instrument(inst: Instrument, title_en: str | None, w: GraphWriter) -> None:
    node = iri.instrument(inst.key)
    w.type(node, "Instrument")
    w.type(node, inst.kind)
    w.label(node, inst.title, "es")
    if title_en:
        w.label(node, title_en, "en")
    w.link(node, "system", iri.concept(SYSTEM_SCHEME, inst.system))
    if inst.parent:
        w.link(node, "protocolTo", iri.instrument(inst.parent))
    assert inst.span is not None
    doc = w.sources[inst.span.source]
    w.link(node, "textPrintedIn" if inst.printed else "namedIn", doc)
    if inst.adoption:
        w.text(node, "adoptionStatement", inst.adoption)
    if inst.adoption_date:
        w.value(node, "adoptionDate", inst.adoption_date)
    if inst.adoption_place:
        w.value(node, "adoptionPlace", inst.adoption_place)
    if inst.preamble:
        w.text(node, "preamble", inst.preamble)
    if inst.closing:
        w.text(node, "testimonium", inst.closing)
    w.derived_from(node, inst.span)


def _division(div: Division, w: GraphWriter) -> None:
    node = iri.instrument_part(div.instrument, div.kind, div.number)
    instrument = iri.instrument(div.instrument)
    w.type(node, "InstrumentDivision")
    w.type(node, DIVISION_CLASS[div.kind])
    w.link(node, "divisionOf", instrument)
    w.link(instrument, "hasDivision", node)
    w.value(node, "number", div.number)
    if div.label:
        w.value(node, "printedNumber", div.label)
        label = f"{DIVISION_WORD[div.kind]} {div.label}"
        w.label(node, f"{label} - {div.title}" if div.title else label, "es")
    elif div.title:
        w.label(node, div.title, "es")
    if div.title:
        w.text(node, "title", div.title)
    if div.parent:
        kind, number = div.parent.split("/")
        w.link(node, "withinDivision", iri.instrument_part(div.instrument, kind, number))
    w.derived_from(node, div.span)


def _article(art: Article, w: GraphWriter) -> None:
    node = iri.article(art.instrument, art.number)
    instrument = iri.instrument(art.instrument)
    w.type(node, "Article")
    w.type(node, PROVISION_CLASS[art.provision])
    w.link(node, "articleOf", instrument)
    w.link(instrument, "hasArticle", node)
    w.value(node, "articleNumber", art.number)
    w.value(node, "printedNumber", art.label)
    w.value(node, "ordinal", art.value)
    w.label(node, f"Artículo {art.label}. {art.title}" if art.title else f"Artículo {art.label}", "es")
    if art.title:
        w.text(node, "title", art.title)
    w.text(node, "text", art.text)
    if art.division:
        kind, number = art.division.split("/")
        w.link(node, "withinDivision", iri.instrument_part(art.instrument, kind, number))
    spans = _spans(art)
    for span in spans:
        w.derived_from(node, span)
    for para in art.paragraphs:
        pnode = iri.article(art.instrument, art.number, para.number)
        w.type(pnode, "Paragraph")
        w.type(pnode, "ArticleParagraph")
        w.link(pnode, "paragraphOf", node)
        w.link(node, "hasParagraph", pnode)
        w.value(pnode, "paragraphNumber", para.number)
        w.label(pnode, f"Artículo {art.label}, párrafo {para.number}", "es")
        w.text(pnode, "text", para.text)
        for span in spans:
            w.derived_from(pnode, span)


def _spans(art: Article) -> list[Span]:
    """One span per run of consecutive source lines the article was read from."""
    lines = sorted(set(art.lines))
    runs: list[Span] = []
    for n in lines:
        if runs and n <= runs[-1].end + 2:  # the blank line between two blocks
            runs[-1] = Span(art.span.source, runs[-1].start, n)
        else:
            runs.append(Span(art.span.source, n, n))
    return runs
