"""Namespaces, and the hrgraph terms as generated from ``ontology/*.ttl``.

``hrg("State")`` gives the term's NamedNode and fails at once on a name the ontology does not
define, the way rdflib's ``DefinedNamespace`` does. ``HRG_TERMS`` below is generated:
``python -m hrgraph.namespace`` rewrites it from the ontology, and a test checks that it is
current.

>>> hrg("State")
<NamedNode value=https://w3id.org/hrgraph/ontology#State>
>>> hrg("Stat")
Traceback (most recent call last):
...
KeyError: "hrg:Stat is not defined in ontology/ (run 'python -m hrgraph.namespace' after adding it)"
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from pyoxigraph import NamedNode

from hrgraph import paths
from hrgraph.iri import HRG


class Namespace:
    """A namespace whose attributes are NamedNodes: ``RDFS.label``."""

    def __init__(self, base: str) -> None:
        self.base = base

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return NamedNode(self.base + name)

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self.base + name)


RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCT = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SH = Namespace("http://www.w3.org/ns/shacl#")
VANN = Namespace("http://purl.org/vocab/vann/")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
WD = Namespace("http://www.wikidata.org/entity/")
HRGNS = Namespace(HRG)

PREFIXES = {
    "hrg": HRG,
    "rdf": RDF.base,
    "rdfs": RDFS.base,
    "xsd": XSD.base,
    "owl": OWL.base,
    "skos": SKOS.base,
    "dct": DCT.base,
    "prov": PROV.base,
    "sh": SH.base,
    "vann": VANN.base,
    "void": VOID.base,
    "dcat": DCAT.base,
    "wd": WD.base,
    "hrgid": "https://w3id.org/hrgraph/id/",
}

# BEGIN GENERATED TERMS
HRG_TERMS: frozenset[str] = frozenset(
    {
        "AcceptanceOfCompetence",
        "Accession",
        "Adoption",
        "ApprovalLaw",
        "Article",
        "ArticleParagraph",
        "Case",
        "Chapter",
        "CivilSocietyRecommendation",
        "Compilation",
        "ConcludingObservations",
        "ConcludingObservationsSection",
        "ConsentToBeBound",
        "CountryReport",
        "CourtCase",
        "Declaration",
        "Denunciation",
        "Document",
        "DomesticAct",
        "ExecutiveMessage",
        "FinalClause",
        "FollowUpAssessment",
        "FollowUpReply",
        "FollowUpReport",
        "FollowUpSection",
        "GeneralComment",
        "InferenceRule",
        "InstitutionalArticle",
        "Instrument",
        "InstrumentDivision",
        "MonitoringBody",
        "NationalRecommendation",
        "Note",
        "Obligation",
        "OptionalProtocol",
        "Organisation",
        "Paragraph",
        "Part",
        "Participation",
        "Passage",
        "PendingConsent",
        "PetitionCase",
        "PrecautionaryMeasure",
        "ProceduralArticle",
        "Ratification",
        "Recommendation",
        "ReparationOrder",
        "ReportChapter",
        "ReportDivision",
        "ReportSection",
        "Reservation",
        "Section",
        "Signature",
        "SourceDocument",
        "State",
        "StateReport",
        "SubstantiveArticle",
        "Succession",
        "Treaty",
        "TreatyAction",
        "TreatyClaim",
        "TruthCommissionRecommendation",
        "UPRRecommendation",
        "UPRReview",
        "actType",
        "actor",
        "addressedTo",
        "adoptedOn",
        "adoptionDate",
        "adoptionOf",
        "adoptionPlace",
        "adoptionStatement",
        "articleNumber",
        "articleOf",
        "assessedIn",
        "assesses",
        "attributedInSourceTo",
        "basis",
        "beneficiaries",
        "boundBy",
        "citation",
        "cites",
        "claimKind",
        "claims",
        "committeeApprovalDate",
        "competenceOf",
        "complianceStatus",
        "concernOf",
        "concernsArticle",
        "conflictingClaims",
        "conflictsWith",
        "consentMode",
        "cycle",
        "date",
        "dateBasis",
        "datePrecision",
        "decidedBy",
        "depositDate",
        "derivedFrom",
        "divisionOf",
        "documentYear",
        "domesticAct",
        "domesticActDate",
        "endLine",
        "entryIntoForce",
        "entryIntoForceArticle",
        "entryIntoForceDelay",
        "entryIntoForceDelayDays",
        "entryIntoForceDelayMonths",
        "entryIntoForceForState",
        "entryIntoForceNote",
        "entryIntoForceOnFirstOfMonth",
        "evaluates",
        "firstArticle",
        "followUpDeadline",
        "followUpDeadlineBasis",
        "followUpPeriod",
        "followUpRequest",
        "forFollowUp",
        "forReview",
        "grade",
        "hasArticle",
        "hasDivision",
        "hasNote",
        "hasParagraph",
        "heading",
        "inChapter",
        "inDivision",
        "inDocument",
        "inSection",
        "inferredBy",
        "instrument",
        "interprets",
        "isoAlpha2",
        "isoAlpha3",
        "isoNumeric",
        "issuedBy",
        "issuerName",
        "itemLetter",
        "judgmentParagraph",
        "legislativeHistory",
        "madeBy",
        "monitoredBy",
        "namedIn",
        "nextReportDue",
        "noteNumber",
        "noteOf",
        "number",
        "obligationOf",
        "obligationType",
        "orderedIn",
        "ordinal",
        "paragraphNumber",
        "paragraphOf",
        "partOf",
        "partyTo",
        "passage",
        "place",
        "preamble",
        "printedAs",
        "printedNumber",
        "printedSymbol",
        "protocolTo",
        "publishedIn",
        "recommendedAction",
        "refersTo",
        "reparationCategory",
        "reportNumber",
        "reservationTo",
        "respondent",
        "respondsTo",
        "review",
        "reviewOf",
        "sameParagraphAs",
        "session",
        "sessionNumber",
        "sessionYear",
        "sha256",
        "signatoryOf",
        "since",
        "sourceKind",
        "startLine",
        "state",
        "statedIn",
        "submittedBy",
        "submittedTo",
        "substantive",
        "symbol",
        "system",
        "testimonium",
        "text",
        "textMergedWith",
        "textPrintedIn",
        "theme",
        "title",
        "typeAssignedBy",
        "underHeading",
        "until",
        "victim",
        "violationFound",
        "withinDivision",
        "year",
    }
)
# END GENERATED TERMS


def hrg(name: str) -> NamedNode:
    """The hrgraph ontology term ``name``; raises KeyError if the ontology lacks it."""
    if name not in HRG_TERMS:
        raise KeyError(
            f"hrg:{name} is not defined in ontology/ (run 'python -m hrgraph.namespace' after adding it)"
        )
    return NamedNode(HRG + name)


ONTOLOGY_DIR = paths.ontology_dir()
_TERM = re.compile(r"^hrg:([A-Za-z][A-Za-z0-9_]*)\s+(?:a|rdf:type)\s", re.MULTILINE)
_BEGIN, _END = "# BEGIN " + "GENERATED TERMS", "# END " + "GENERATED TERMS"


def defined_terms(ontology_dir: Path = ONTOLOGY_DIR) -> list[str]:
    """Every ``hrg:`` term that an ontology module declares (``hrg:X a …`` at line start)."""
    names: set[str] = set()
    for path in sorted(ontology_dir.glob("*.ttl")):
        names.update(_TERM.findall(path.read_text(encoding="utf-8")))
    return sorted(names)


def generated_block(names: list[str]) -> str:
    """The block as ``ruff format`` lays it out, so that the formatter check leaves it alone."""
    body = "".join(f'        "{n}",\n' for n in names)
    return f"{_BEGIN}\nHRG_TERMS: frozenset[str] = frozenset(\n    {{\n{body}    }}\n)\n{_END}"


def main() -> None:
    """Rewrite the generated block of this file from the ontology."""
    path = Path(__file__)
    text = path.read_text(encoding="utf-8")
    start, end = text.index(_BEGIN), text.index(_END) + len(_END)
    names = defined_terms()
    path.write_text(text[:start] + generated_block(names) + text[end:], encoding="utf-8")
    print(f"{path}: {len(names)} hrg terms", file=sys.stderr)


if __name__ == "__main__":
    main()
