"""Recommendations, cases and orders as RDF.

One ``write`` for the three extractors of the recommendation area (dispatched on the result):

- concluding observations: ``hrg:ConcludingObservations`` (``id/doc/SYMBOL``, ``hrg:symbol``,
  ``hrg:printedSymbol``, ``dct:date``, ``hrg:issuedBy`` the body its symbol names,
  ``hrg:addressedTo`` PRY); each recommendation an ``hrg:Recommendation`` — a numbered one is
  the document's paragraph (``id/doc/SYMBOL/para/23a``, also ``hrg:Paragraph``), an unnumbered
  one ``id/doc/SYMBOL/rec/<theme>-<n>`` — with ``hrg:inDocument``, ``hrg:theme`` (a concept of
  ``ontology/themes.ttl``, found by the row label as printed), ``hrg:heading`` (the label),
  ``hrg:text``@es, ``hrg:concernsArticle``, ``hrg:textMergedWith`` where two columns are
  merged, ``hrg:sameParagraphAs`` where an unnumbered printing reprints a numbered one,
  ``hrg:attributedInSourceTo`` where the section heading names another committee;
- the IACHR country report (``hrg:CountryReport``) and its recommendations by theme; the
  petition case (``hrg:PetitionCase``: ``hrg:number``, ``hrg:reportNumber``, ``hrg:victim``,
  ``hrg:violationFound`` articles of the ACHR and the American Declaration) with its
  numbered recommendations; precautionary measures (``hrg:PrecautionaryMeasure``: ``hrg:date``
  granted, ``hrg:beneficiaries``); Court cases (``hrg:CourtCase``) and their reparation orders
  (``hrg:ReparationOrder``, an ``hrg:Obligation`` of the respondent State: ``hrg:orderedIn``,
  ``hrg:derivedFrom`` the case, ``hrg:complianceStatus`` where printed);
- the Truth and Justice Commission's recommendations (``hrg:TruthCommissionRecommendation``,
  ``hrg:reparationCategory``) and the POJOAJU proposals (``hrg:CivilSocietyRecommendation``,
  ``hrg:theme``), each ``hrg:madeBy`` its ``hrg:Organisation``.

Every resource carries its passage (``GraphWriter.derived_from``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from hrgraph import iri, paths
from hrgraph.extract.common import Span
from hrgraph.extract.compilation import concluding_observations as co
from hrgraph.extract.compilation import inter_american as ia
from hrgraph.extract.compilation import national_recommendations as nr
from hrgraph.namespace import DCT, ONTOLOGY_DIR, PROV, SKOS, XSD
from hrgraph.rdf.writer import GraphWriter
from hrgraph.reference import ReferenceDataError, check_unique, read_csv
from hrgraph.reference import _date as parse_date
from hrgraph.store import parse_file

STATE = iri.state("PRY")  # the compilation is Paraguay's
THEMES = ONTOLOGY_DIR / "themes.ttl"
COMPLIANCE = {
    "Cumplido": "complied",
    "Cumplimiento parcial": "partial",
    "Pendiente de cumplimiento": "pending",
}
REPARATION = {
    "satisfacción": "satisfaction",
    "restitución": "restitution",
    "indemnización": "compensation",
    "rehabilitación": "rehabilitation",
    "no repetición": "non-repetition",
}
CVJ = iri.entity("org", "PRY", "cvj")
POJOAJU = iri.entity("org", "PRY", "pojoaju")


class UnknownThemeError(KeyError):
    """A row label that ``ontology/themes.ttl`` does not list (add it there)."""


def slug(text: str) -> str:
    """A lower-case ASCII slug: ``Caso Goiburú y otros`` → ``caso-goiburu-y-otros``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _fold(label: str) -> str:
    return re.sub(r"\s+", " ", label).strip().casefold()


@cache
def theme_index(path: Path = THEMES) -> dict[str, str]:
    """Every printed label (skos:prefLabel and skos:altLabel @es) → its theme concept."""
    index: dict[str, str] = {}
    for quad in parse_file(path):
        is_label = quad.predicate in (SKOS.prefLabel, SKOS.altLabel)
        subject, obj = quad.subject, quad.object
        if is_label and isinstance(obj, Literal) and isinstance(subject, NamedNode) and obj.language == "es":
            index[_fold(obj.value)] = subject.value
    return index


def theme(label: str) -> str:
    """The theme concept of a printed topic label."""
    found = theme_index().get(_fold(label))
    if found is None:
        raise UnknownThemeError(f"no theme in {THEMES.name} has the label {label!r}")
    return found


def theme_key(concept: str) -> str:
    return concept.rsplit("/", 1)[-1]


def write(result: co.Result | ia.Result | nr.Result, w: GraphWriter) -> None:
    """The records of one recommendation extractor into the compilation's graph."""
    if isinstance(result, co.Result):
        write_concluding_observations(result, w)
    elif isinstance(result, ia.Result):
        write_inter_american(result, w)
    else:
        write_national(result, w)


def _addressed(w: GraphWriter, node: str, span: Span) -> None:
    w.link(node, "addressedTo", STATE)
    w.derived_from(node, span)


def _articles(w: GraphWriter, node: str, articles: tuple[tuple[str, str], ...]) -> None:
    for key, number in articles:
        w.link(node, "concernsArticle", iri.article(key, number))


# ---------------------------------------------------------------------------- concluding obs.


def co_recommendation_iri(rec: co.CORecommendation) -> str:
    if rec.number is not None:
        return iri.doc_para(rec.symbol, rec.number.replace(".", ""))
    return iri.doc_item(rec.symbol, "rec", f"{theme_key(theme(rec.topic))}-{rec.index}")


def write_concluding_observations(result: co.Result, w: GraphWriter) -> None:
    issuers = {}
    for doc in result.documents:
        node = iri.doc(doc.symbol)
        issuers[doc.symbol] = doc.issuer
        w.type(node, "ConcludingObservations")
        w.value(node, "symbol", doc.symbol)
        if doc.printed != doc.symbol:
            w.value(node, "printedSymbol", doc.printed)
        w.add(node, DCT.date, Literal(doc.date.isoformat(), datatype=XSD.date))
        w.link(node, "issuedBy", iri.body(doc.issuer))
        w.label(node, f"Observaciones finales {doc.symbol}", "es")
        w.label(node, f"Concluding observations {doc.symbol}", "en")
        _addressed(w, node, doc.span)
    nodes = {f"{r.symbol}#{r.number}": co_recommendation_iri(r) for r in result.recommendations}
    for rec in result.recommendations:
        _co_recommendation(rec, issuers[rec.symbol], nodes, w)


def _co_recommendation(rec: co.CORecommendation, issuer: str, nodes: dict[str, str], w: GraphWriter) -> None:
    node = co_recommendation_iri(rec)
    doc = iri.doc(rec.symbol)
    w.type(node, "Recommendation")
    w.link(node, "inDocument", doc)
    w.link(node, "issuedBy", iri.body(issuer))
    w.link(node, "theme", theme(rec.topic))
    w.text(node, "heading", rec.topic)
    if rec.number is not None:
        w.type(node, "Paragraph")
        w.link(node, "paragraphOf", doc)
        w.value(node, "paragraphNumber", rec.number)
        w.label(node, f"{rec.symbol}, párr. {rec.number}", "es")
    else:
        w.label(node, f"{rec.symbol}: {rec.topic}", "es")
    if rec.text:
        w.text(node, "text", rec.text)
    if rec.merged_with and rec.merged_with in nodes:
        w.link(node, "textMergedWith", nodes[rec.merged_with])
    if rec.same_paragraph and rec.same_paragraph in nodes:
        w.link(node, "sameParagraphAs", nodes[rec.same_paragraph])
        w.link(nodes[rec.same_paragraph], "sameParagraphAs", node)
    if rec.section_body != issuer:
        w.link(node, "attributedInSourceTo", iri.body(rec.section_body))
    _articles(w, node, rec.articles)
    _addressed(w, node, rec.span)


# ---------------------------------------------------------------------------- Inter-American

COUNTRY_REPORT = iri.entity("iachr", "country-report", "PRY")


def write_inter_american(result: ia.Result, w: GraphWriter) -> None:
    if result.report_span is not None:
        _country_report(result, result.report_span, w)
    for case in result.cases:
        _petition_case(case, w)
    for measure in result.measures:
        _measure(measure, w)
    for court_case in result.court_cases:
        _court_case(court_case, w)


def _country_report(result: ia.Result, span: Span, w: GraphWriter) -> None:
    w.type(COUNTRY_REPORT, "CountryReport")
    w.link(COUNTRY_REPORT, "issuedBy", iri.body("IACHR"))
    w.label(COUNTRY_REPORT, "CIDH, informe sobre Paraguay: conclusiones y recomendaciones", "es")
    w.label(COUNTRY_REPORT, "IACHR report on Paraguay: conclusions and recommendations", "en")
    _addressed(w, COUNTRY_REPORT, span)
    for rec in result.report:
        concept = theme(rec.topic)
        node = f"{COUNTRY_REPORT}/rec/{iri.segment(theme_key(concept))}"
        w.type(node, "Recommendation")
        w.link(node, "inDocument", COUNTRY_REPORT)
        w.link(node, "issuedBy", iri.body("IACHR"))
        w.link(node, "theme", concept)
        w.text(node, "heading", rec.topic)
        w.text(node, "text", rec.text)
        w.label(node, f"CIDH, informe sobre Paraguay: {rec.topic}", "es")
        _articles(w, node, rec.articles)
        _addressed(w, node, rec.span)


def _petition_case(case: ia.PetitionCase, w: GraphWriter) -> None:
    node = iri.entity("case", "IACHR", case.number)
    w.type(node, "PetitionCase")
    w.value(node, "number", case.number)
    w.value(node, "reportNumber", case.report)
    w.label(node, f"Caso {case.number}, Informe No. {case.report}", "es")
    w.link(node, "decidedBy", iri.body("IACHR"))
    w.link(node, "respondent", STATE)
    for victim in case.victims:
        w.value(node, "victim", victim)
    for key, number in case.violated:
        w.link(node, "violationFound", iri.article(key, number))
    for finding in case.findings:  # the conclusions, as printed ("a) había violado …")
        w.text(node, "text", f"{finding.letter}) {finding.text}")
    w.derived_from(node, case.span)
    for number, text in case.recommendations:
        rec = f"{node}/rec/{number}"
        w.type(rec, "Recommendation")
        w.link(rec, "inDocument", node)
        w.link(rec, "issuedBy", iri.body("IACHR"))
        w.value(rec, "number", number)
        w.text(rec, "text", text)
        w.label(rec, f"Caso {case.number}, recomendación {number}", "es")
        _addressed(w, rec, case.span)


def _measure(measure: ia.PrecautionaryMeasure, w: GraphWriter) -> None:
    node = iri.entity("measure", "IACHR", "PRY", f"{measure.granted}-{slug(measure.label)}")
    w.type(node, "PrecautionaryMeasure")
    w.label(node, measure.label, "es")
    w.value(node, "date", measure.granted)
    w.text(node, "beneficiaries", measure.beneficiaries)
    w.text(node, "text", measure.text)
    w.link(node, "issuedBy", iri.body("IACHR"))
    _addressed(w, node, measure.span)


def court_case_iri(case: ia.CourtCase) -> str:
    name = re.sub(r"^Caso\s+|\s+Vs\.\s+Paraguay$", "", case.title, flags=re.IGNORECASE)
    return iri.entity("case", "IACtHR", slug(name))


def _court_case(case: ia.CourtCase, w: GraphWriter) -> None:
    node = court_case_iri(case)
    w.type(node, "CourtCase")
    w.label(node, case.title, "es")
    w.link(node, "decidedBy", iri.body("IACtHR"))
    w.link(node, "respondent", STATE)
    if case.judgment_status is not None:
        status = iri.concept("compliance-status", COMPLIANCE[case.judgment_status])
        w.link(node, "complianceStatus", status)
    w.derived_from(node, case.span)
    seen: dict[str, int] = {}
    for order in case.orders:
        key = slug(order.title)
        seen[key] = seen.get(key, 0) + 1
        order_node = f"{node}/order/{key}" + (f"-{seen[key]}" if seen[key] > 1 else "")
        w.type(order_node, "ReparationOrder")
        w.label(order_node, f"{case.title}: {order.title}", "es")
        w.text(order_node, "heading", order.title)
        w.text(order_node, "text", order.text)
        w.link(order_node, "orderedIn", node)
        w.link(order_node, "derivedFrom", node)
        if order.status is not None:
            status = iri.concept("compliance-status", COMPLIANCE[order.status])
            w.link(order_node, "complianceStatus", status)
        for para in order.paragraphs:
            w.value(order_node, "judgmentParagraph", para)
        _addressed(w, order_node, order.span)


# ---------------------------------------------------------------------------- national


def write_national(result: nr.Result, w: GraphWriter) -> None:
    if result.cvj_span is not None:
        _organisation(w, CVJ, "Comisión de Verdad y Justicia",
                      "Truth and Justice Commission (Paraguay)", result.cvj_span)  # fmt: skip
    if result.ngo_span is not None:
        _organisation(w, POJOAJU, "Asociación de ONGs del Paraguay POJOAJU",
                      "POJOAJU Association of NGOs of Paraguay", result.ngo_span)  # fmt: skip
    for rec in result.truth_commission:
        node = iri.entity("national", "PRY", "cvj", "rec", str(rec.number))
        w.type(node, "TruthCommissionRecommendation")
        w.value(node, "number", str(rec.number))
        w.link(node, "reparationCategory", iri.concept("reparation", REPARATION[rec.category]))
        if rec.heading:
            w.text(node, "heading", rec.heading)
        w.text(node, "text", rec.text)
        w.link(node, "madeBy", CVJ)
        w.label(node, f"Comisión de Verdad y Justicia, recomendación {rec.number}", "es")
        _articles(w, node, rec.articles)
        _addressed(w, node, rec.span)
    for prop in result.proposals:
        _proposal(prop, w)


def _organisation(w: GraphWriter, node: str, es: str, en: str, span: Span) -> None:
    w.type(node, "Organisation")
    w.label(node, es, "es")
    w.label(node, en, "en")
    w.derived_from(node, span)


def _proposal(prop: nr.CivilSocietyProposal, w: GraphWriter) -> None:
    concept = theme(prop.theme)
    key = theme_key(concept)
    item = f"{prop.list_index}-{prop.number}" if prop.number is not None else "text"
    node = iri.entity("civil-society", "PRY", "pojoaju", key, item)
    w.type(node, "CivilSocietyRecommendation")
    w.link(node, "theme", concept)
    w.link(node, "madeBy", POJOAJU)
    w.text(node, "text", prop.text)
    if prop.number is not None:
        w.value(node, "number", str(prop.number))
    if prop.lead:
        w.text(node, "heading", prop.lead)
    label = f"POJOAJU, {prop.theme}" + (f" {prop.list_index}.{prop.number}" if prop.number else "")
    w.label(node, label, "es")
    _addressed(w, node, prop.span)


# ---------------------------------------------------------------------------- curated

JUDGMENTS = paths.reference_dir() / "iacthr_judgments_PRY.csv"


def write_curated(w: GraphWriter, path: Path = JUDGMENTS) -> None:
    """The Court's judgment dates and Series C numbers, which the compilation does not print.

    Curated from the judgments themselves (the ``source`` column), on the same case IRIs as the
    cases read from the compilation; each fact carries its ``dct:source``.
    """
    rows = read_csv(path, columns=("case", "judgment_date", "series_c", "source"))
    check_unique(path, rows, ("case",))
    for line, row in rows:
        where = f"{path}:{line}"
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", row["case"]):
            raise ReferenceDataError(f"{where}: bad case key {row['case']!r} (lower-case words joined by -)")
        if not row["series_c"].isdigit():
            raise ReferenceDataError(f"{where}: bad Series C number {row['series_c']!r}")
        judged = parse_date(row["judgment_date"], where)
        if judged is None or not row["source"]:
            raise ReferenceDataError(f"{where}: a judgment needs its judgment_date and source")
        node = iri.entity("case", "IACtHR", row["case"])
        w.type(node, "CourtCase")
        w.value(node, "date", judged)
        w.value(node, "number", f"Serie C No. {row['series_c']}")
        w.add(node, DCT.source, row["source"])
        w.add(node, PROV.wasDerivedFrom, row["source"])
