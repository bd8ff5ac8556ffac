"""A ``treaty-status`` CSV (:mod:`hrgraph.extract.treaty_status_csv`) as RDF.

Each row is one fact about one act, on the act's own IRI (``id/action/CHL/ICCPR/ratification``:
the same node any other source gives the same act, so the facts meet): its class
(``hrg:Signature``, ``hrg:Ratification``, ``hrg:Accession``, ``hrg:Succession``,
``hrg:Denunciation``), ``hrg:actor``, ``hrg:instrument``, and the date as the row's
``date_kind`` says — ``hrg:depositDate``, ``hrg:entryIntoForceForState``, ``hrg:date`` or
``hrg:domesticActDate``; a year alone is ``hrg:year`` (``xsd:gYear``), never a made-up day. The
row's source is ``dct:source``, its note ``skos:editorialNote``, its line the passage
(``GraphWriter.derived_from``). The participation rule reads these like any other act.
"""

from __future__ import annotations

from pyoxigraph import Literal

from hrgraph import iri
from hrgraph.extract.treaty_status_csv import StatusRow, TreatyStatusList
from hrgraph.namespace import DCT, SKOS, XSD, hrg
from hrgraph.rdf.writer import GraphWriter

CLASS = {
    "signature": "Signature",
    "ratification": "Ratification",
    "accession": "Accession",
    "succession": "Succession",
    "denunciation": "Denunciation",
}
DATE_PROPERTY = {
    "deposit": "depositDate",
    "entry-into-force": "entryIntoForceForState",
    "action": "date",
    "domestic-act": "domesticActDate",
}


def _row(w: GraphWriter, row: StatusRow) -> None:
    node = iri.treaty_action(row.state, row.instrument, row.action)
    w.type(node, CLASS[row.action])
    w.link(node, "actor", iri.state(row.state))
    w.link(node, "instrument", iri.instrument(row.instrument))
    if row.date is not None:
        w.value(node, DATE_PROPERTY[row.date_kind], row.date)
    elif row.year is not None:
        w.add(node, hrg("year"), Literal(str(row.year), datatype=XSD.gYear))
    w.add(node, DCT.source, Literal(row.source))
    if row.note:
        w.add(node, SKOS.editorialNote, Literal(row.note, language="en"))
    w.derived_from(node, row.span)


def write(doc: TreatyStatusList, w: GraphWriter) -> None:
    """Every row of the list into the document's graph."""
    for row in doc.rows:
        _row(w, row)
