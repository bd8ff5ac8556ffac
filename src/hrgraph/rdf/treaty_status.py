"""Paraguay's treaty actions, read from the compilation's tables, as RDF.

Each table row becomes, on the instrument the row names (DESIGN §3):

- ``hrg:Signature`` where the FIRMA cell is a signature: ``hrg:date`` and ``hrg:place`` as
  printed; where it is the adoption of a declaration or ILO convention, an ``hrg:Adoption`` of
  the instrument instead (not an act of Paraguay);
- ``hrg:Ratification`` or ``hrg:Accession`` (``Adhesión`` in the table) where a law approved
  it: ``hrg:domesticAct`` → the law (``hrg:ApprovalLaw``: label as printed, ``hrg:number``,
  ``hrg:domesticActDate``); the action carries ``hrg:domesticActDate`` too. The table gives no
  date of the international act itself, so ``hrg:date`` is not set: ``hrg:depositDate`` and
  ``hrg:entryIntoForceForState`` come only from ``src/hrgraph/resources/reference/treaty_actions_PRY.csv``
  (:func:`write_curated`, into the reference graph, each with its source);
- ``hrg:PendingConsent`` where the cell is a message of the Executive (a bill): the message,
  its date and its printed legislative history, and no party status;
- ``hrg:AcceptanceOfCompetence`` for a note such as "el Paraguay depositó el reconocimiento de
  la competencia de la Corte Interamericana", with its date.

Every resource read from the source carries ``prov:wasDerivedFrom`` and the passages of the
cells it was read from.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from pyoxigraph import Literal

from hrgraph import iri, paths
from hrgraph.extract.common import ExtractionError, Span
from hrgraph.extract.compilation.ratification_tables import (
    Acceptance,
    ConsentCell,
    Result,
    StatusRow,
)
from hrgraph.extract.instrument_titles import fold
from hrgraph.namespace import DCT, PROV, SKOS, XSD, hrg
from hrgraph.rdf.writer import GraphWriter
from hrgraph.reference import ReferenceDataError, check_unique, instruments, read_csv, states
from hrgraph.reference import _date as parse_date
from hrgraph.sources import load_sources

REFERENCE = paths.reference_dir()
CURATED = "treaty_actions_PRY.csv"
CURATED_COLUMNS = ("state", "instrument", "action", "deposit_date", "entry_into_force_for_state", "source")
ACTION_CLASS = {"ratification": "Ratification", "accession": "Accession"}
ACT_CLASS = {"ley": "ApprovalLaw", "mensaje": "ExecutiveMessage", "decreto": "DomesticAct"}
ACT_LABEL_ES = {"signature": "Firma", "ratification": "Ratificación", "accession": "Adhesión"}


@cache
def state_of(source_key: str) -> str:
    """The State whose acts a source records (``state`` in ``src/hrgraph/resources/sources/sources.toml``)."""
    states = {m.key: m.state for m in load_sources()}
    if not states.get(source_key):
        raise ExtractionError(source_key, None, "sources.toml names no State for this source")
    return states[source_key]


def _action(w: GraphWriter, node: str, cls: str, key: str, state: str, spans: list[Span]) -> None:
    w.type(node, cls)
    w.link(node, "actor", iri.state(state))
    w.link(node, "instrument", iri.instrument(key))
    for span in sorted(set(spans)):
        w.derived_from(node, span)


def _signature_or_adoption(row: StatusRow, key: str, state: str, w: GraphWriter) -> None:
    cell = row.first
    if cell is None or cell.role == "accession":
        return
    if cell.role == "adoption":
        node = iri.entity("adoption", key)
        w.type(node, "Adoption")
        w.link(node, "adoptionOf", iri.instrument(key))
        w.label(node, cell.printed, "es")
        for span in (row.title_span, cell.span):
            w.derived_from(node, span)
    else:
        node = iri.treaty_action(state, key, "signature")
        _action(w, node, "Signature", key, state, [row.title_span, cell.span])
        w.label(node, f"Firma: {row.title} ({cell.printed})", "es")
        w.label(node, f"Signature of {key} by {state}", "en")
    if cell.place:
        w.value(node, "place", cell.place)
    if cell.date:
        w.value(node, "date", cell.date)
    elif cell.year:
        w.add(node, hrg("year"), Literal(str(cell.year), datatype=XSD.gYear))


def domestic_act_iris(cell: ConsentCell, state: str) -> list[str]:
    """One IRI per law the cell names (two for ``Ley N° 992 o 994``), minted from the number
    and the year (``ley/5-1992``): Paraguay's law numbers restart, the year tells them apart."""
    year = cell.act_date.year if cell.act_date else None
    return [iri.domestic_act(state, cell.act.kind, cell.act.identifier(n, year)) for n in cell.act.numbers]


def _domestic_acts(cell: ConsentCell, state: str, w: GraphWriter) -> list[str]:
    nodes = domestic_act_iris(cell, state)
    for node, number in zip(nodes, cell.act.numbers, strict=True):
        w.type(node, ACT_CLASS[cell.act.kind])
        label = cell.act.printed if not cell.act.ambiguous else cell.act.printed.split(" o ")[0]
        w.label(node, label.replace(cell.act.numbers[0], number), "es")
        w.value(node, "number", number)
        if cell.act_date:  # a law's date is the domestic act date; a message's is its own
            w.value(node, "domesticActDate" if cell.act.kind == "ley" else "date", cell.act_date)
        if cell.history:
            w.text(node, "legislativeHistory", cell.history, "es")
        if cell.history and "aprobado en la com" in fold(cell.history):
            for value in cell.history_dates:
                w.value(node, "committeeApprovalDate", value)
        if cell.act.ambiguous:
            w.add(node, SKOS.editorialNote, Literal(f"printed as '{cell.act.printed}'", language="en"))
        w.derived_from(node, cell.span)
    return nodes


def _consent(row: StatusRow, key: str, state: str, w: GraphWriter) -> None:
    cell, kind = row.consent, row.consent_kind
    if cell is None or kind is None:
        return
    spans = [row.title_span, cell.span] + ([row.first.span] if row.first else [])
    if row.pending:
        node = iri.treaty_action(state, key, "pending-consent")
        _action(w, node, "PendingConsent", key, state, spans)
        w.value(node, "consentMode", kind)
        w.label(node, f"Consentimiento en trámite: {row.title}", "es")
    else:
        node = iri.treaty_action(state, key, kind)
        _action(w, node, ACTION_CLASS[kind], key, state, spans)
        w.label(node, f"{ACT_LABEL_ES[kind]}: {row.title}", "es")
        w.label(node, f"{kind.capitalize()} of {key} by {state}", "en")
    w.links(node, "domesticAct", _domestic_acts(cell, state, w))
    if cell.act_date and not row.pending:
        w.value(node, "domesticActDate", cell.act_date)
    if cell.act.ambiguous:
        note = f"The source prints '{cell.act.printed}': either law approved it."
        w.add(node, SKOS.editorialNote, Literal(note, language="en"))


def _acceptance(acc: Acceptance, state: str, w: GraphWriter, bodies: dict[str, str]) -> None:
    body = bodies.get(fold(acc.body_printed))
    node = iri.treaty_action(state, acc.instrument, "acceptance", body or "competence")
    _action(w, node, "AcceptanceOfCompetence", acc.instrument, state, [acc.span])
    w.label(node, acc.printed, "es")
    if body:
        w.link(node, "competenceOf", iri.body(body))
    if acc.date:
        w.value(node, "date", acc.date)
        w.value(node, "depositDate", acc.date)  # the note says "depositó"


def _bodies() -> dict[str, str]:
    """Monitoring bodies by folded Spanish and English name (``bodies.csv``)."""
    with (REFERENCE / "bodies.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {fold(r[c]): r["key"] for r in rows for c in ("label_es", "label_en")}


def write(result: Result, w: GraphWriter) -> None:
    """Every row of both tables, and the acceptances printed in their notes."""
    for row in result.rows:
        if row.instrument is None:
            continue  # reported by the extractor as a problem
        w.label(iri.instrument(row.instrument), row.title, "es")
        state = state_of(row.span.source)
        _signature_or_adoption(row, row.instrument, state, w)
        _consent(row, row.instrument, state, w)
    bodies = _bodies()
    for acc in result.acceptances:
        _acceptance(acc, state_of(acc.span.source), w, bodies)


def write_curated(w: GraphWriter, path: Path = REFERENCE / CURATED) -> None:
    """Deposit dates and entry into force for the State, from curated data with its source.

    Each row names the action it completes (the same IRI as the action read from the table,
    so the facts meet on one node); the source URL is the action's ``dct:source`` and
    ``prov:wasDerivedFrom``. Nothing here is computed.
    """
    rows = read_csv(path, columns=CURATED_COLUMNS)
    check_unique(path, rows, ("state", "instrument", "action"))
    known = instruments()
    for line, row in rows:
        where = f"{path}:{line}"
        if row["state"] not in states():
            raise ReferenceDataError(f"{where}: unknown State {row['state']!r} (an ISO 3166-1 alpha-3 code)")
        if row["instrument"] not in known:
            raise ReferenceDataError(
                f"{where}: unknown instrument {row['instrument']!r} (not in instruments.csv)"
            )
        if row["action"] not in ACTION_CLASS:
            raise ReferenceDataError(f"{where}: unknown action {row['action']!r} ({', '.join(ACTION_CLASS)})")
        if not row["source"]:
            raise ReferenceDataError(f"{where}: no source")
        node = iri.treaty_action(row["state"], row["instrument"], row["action"])
        w.type(node, ACTION_CLASS[row["action"]])
        w.link(node, "actor", iri.state(row["state"]))
        w.link(node, "instrument", iri.instrument(row["instrument"]))
        for prop, column in (("depositDate", "deposit_date"),
                             ("entryIntoForceForState", "entry_into_force_for_state")):  # fmt: skip
            day = parse_date(row[column], where)
            if day:
                w.value(node, prop, day)
        w.add(node, DCT.source, row["source"])
        w.add(node, PROV.wasDerivedFrom, row["source"])
