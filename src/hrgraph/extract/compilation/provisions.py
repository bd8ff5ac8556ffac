"""Which articles state rights and obligations, and which are machinery or final clauses.

A heuristic over the opening of the article text, as the instruments word these provisions:

* ``final``: signature, ratification, accession, entry into force, denunciation, amendment,
  reservations, depositary, authentic texts, settlement of disputes between States, and the
  ILO's standard final articles (``Las ratificaciones formales del presente Convenio…``,
  ``El Director General de la Oficina Internacional del Trabajo notificará…``);
* ``institutional``: setting up or running a committee, commission, court or conference, and
  the reporting and communications procedures before it (an opening naming that machinery);
* ``substantive``: everything else (rights, obligations, definitions, scope).

>>> provision_kind("El presente Pacto entrará en vigor transcurridos tres meses")
'final'
>>> provision_kind("1. Se establecerá un Comité de Derechos Humanos")
'institutional'
>>> provision_kind("Nadie será sometido a torturas ni a penas o tratos crueles")
'substantive'
>>> provision_kind("1. Este Convenio obligará únicamente a aquellos Miembros cuyas ratificaciones hayan")
'final'
"""

from __future__ import annotations

import re

FINAL = re.compile(
    r"abiert[oa]s? a la (?:firma|adhesión)|estará abierto a|sujet[oa] a ratificación|"
    r"entrará en vigor|entrarán en vigor|podrá denunciar|podrá ser denunciad|denuncia|"
    r"proponer (?:una )?enmienda|enmiendas?\b|depositad[oa] en los archivos|"
    r"igualmente auténtic|Secretario General de las Naciones Unidas (?:comunicará|notificará|"
    r"informará)|Director General de la Oficina Internacional del Trabajo (?:notificará|"
    r"comunicará)|ratificaciones formales|formular reservas|\breservas\b|"
    r"\breserva (?:a|al|alguna)\b|controversia|"
    r"instrumento original|Consejo de Administración|revise total o parcialmente|revisión total o parcial|"
    r"convenio revisor|ratificaci[oó]n(?:es)?|adhesi[oó]n|El presente Protocolo será aplicable|"
    r"serán aplicables a todas (?:las )?partes componentes|regirá indefinidamente|"
    r"será depositario|depositario",
    re.IGNORECASE,
)
INSTITUTIONAL = re.compile(
    r"^(?:\d\.\s+)?(?:Se (?:establecerá|constituirá|instituye|instituirá)|El Comité|Los miembros "
    r"del Comité|Los miembros de la Comisión|La Comisión|La Corte|Los jueces|El Fiscal|La Fiscalía|"
    r"La Secretaría|La Presidencia|La Conferencia de las Partes|La Asamblea|Las Salas|"
    r"Si un asunto remitido al Comité|Todo Estado Parte podrá declarar|"
    r"Los Estados Partes (?:se comprometen a presentar|presentarán)(?: al Comité| informes| sus"
    r" informes)|Los Estados Partes en el presente Protocolo deberán incluir en los informes)",
)
MACHINERY = re.compile(
    r"\b(?:Comité|Comisión|Corte|Sala|Salas|Fiscal|Fiscalía|Secretario|Secretaría|magistrad[oa]s?|"
    r"jueces|Asamblea de los Estados Partes|Conferencia de las Partes|La elección|candidat[oa]s?|"
    r"comunicaciones)\b|presentar(?:án)?[^.;]{0,80}\binformes\b"
)
OPENING = 300


def provision_kind(text: str) -> str:
    """``final``, ``institutional`` or ``substantive`` for an article's text."""
    opening = text[:OPENING]
    if INSTITUTIONAL.search(opening):
        return "institutional"
    body = re.sub(r"^\d{1,2}\.\s+", "", opening)
    first_sentence = re.split(r"(?<=[.;:])\s", body, maxsplit=1)[0]
    if FINAL.search(first_sentence):
        return "final"
    if MACHINERY.search(first_sentence):
        return "institutional"
    return "substantive"
