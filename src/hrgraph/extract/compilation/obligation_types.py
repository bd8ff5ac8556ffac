"""Obligation types (the keys of ``ontology/obligation-types.ttl``) from headings or keywords.

Two ways, recorded on every obligation as ``hrg:typeAssignedBy``:

``heading``
    The sub-heading an obligation is printed under names its type: ``Obligaciones de
    respetar`` → respect, ``Las obligaciones de proteger:`` → protect, ``La obligación de
    cumplir`` / ``Obligaciones de aplicar`` (general comment 18 calls the duty to fulfil "to
    implement") → fulfil, ``Obligación de cumplir (facilitar)`` → facilitate, ``Obligaciones
    básicas`` → core, ``obligaciones de prioridad comparables`` → comparable-priority,
    ``Obligaciones internacionales`` → international-assistance, ``Obligación de eliminar la
    discriminación …`` → non-discrimination. Only headings that start with "Obligación(es)"
    (or "La(s) obligación(es)", "Entre las obligaciones") type; thematic headings
    ("Derecho a la educación", "Medios de aplicación", "Obligaciones generales …") do not.

``rule``
    Where no typing heading is known, keywords of the obligation's own text, checked by
    reading the CESCR bullets (see ``tests/data/general_comments/``): a duty to abstain
    ("Abstenerse", "se abstengan") or the verb "respetar" → respect; a duty about third
    parties ("terceros", "empresas o particulares", "actividades del sector privado", "agentes no
    estatales", "prevenir", "protección judicial") or the verb
    "proteger" → protect; "cumplir", "dar cumplimiento", "llevar a efecto" → fulfil; "Promover",
    awareness raising → promote; "Facilitar …" → facilitate; "Prestar / Proporcionar /
    Suministrar / Hacer efectivo" → provide; "discrimina…", "sin distinción" →
    non-discrimination; international co-operation, other countries, international
    organisations or agreements → international-assistance; "progresiv…", "gradual…",
    "regresiv…" → progressive; "obligaciones inmediatas" → immediate; reports ("informes",
    "informen", "informar acerca …") → reporting.
    A duty none of these names is a positive measure (adopt, guarantee, ensure, establish)
    → fulfil.

>>> by_heading("Las obligaciones de proteger:")
('protect',)
>>> by_heading("Derecho a la educación")
()
>>> by_rule("Abstenerse de trato discriminatorio en el acceso a los alimentos")
('respect', 'non-discrimination')
>>> by_rule("Establecer programas de educación")
('fulfil',)
"""

from __future__ import annotations

import re

TYPING_HEADING = re.compile(r"^(?:\d+\.\s*)?(?:(?:Las|La|Entre las)\s+)?[Oo]bligaci(?:ón|ones)\b")
HEADING_TYPES: tuple[tuple[str, str], ...] = (
    (r"prioridad comparables", "comparable-priority"),
    (r"\bbásicas\b", "core"),
    (r"\binternacionales\b", "international-assistance"),
    (r"\(facilitar\)", "facilitate"),
    (r"\brespetar\b", "respect"),
    (r"\bproteger\b", "protect"),
    (r"\b(?:cumplir|aplicar)\b", "fulfil"),
    (r"eliminar la discriminación", "non-discrimination"),
)
RULES: tuple[tuple[str, str], ...] = (
    ("respect", r"^abstener|\babstenerse\b|\bse abstengan\b|\brespetar\b"),
    (
        "protect",
        r"\bterceros?\b|\bterceras partes\b|agentes no estatales|empresas o (?:los )?particulares|"
        r"ciudadanos y empresas|actividades del sector privado"
        r"|\blos privados\b|\bprevenir\b|protección judicial",
    ),
    ("fulfil", r"\bcumplir\b|dar cumplimiento|llevar a efecto|obligación de aplicar"),
    ("promote", r"^promover|concienciación|sensibilización|educar al público|campañas de información"),
    ("facilitate", r"^facilitar\b|fortalecer el acceso"),
    (
        "provide",
        r"^(?:prestar (?!(?:una )?(?:mayor |especial )?atención)|proporcionar|suministrar"
        r"|hacer efectivo)\b",
    ),
    ("core", r"mínimo esencial|esencial mínim"),
    ("non-discrimination", r"discrimina|sin distinción"),
    (
        "international-assistance",
        r"cooperación internacional|asistencia internacional|cooperación y asistencia|"
        r"asistencia y cooperación|acuerdos internacionales|"
        r"otros países|instituciones financieras|^cooperar\b|asistencia humanitaria|"
        r"miembros? de (?:las )?organizaciones internacionales",
    ),
    ("progressive", r"progresiv|gradual|regresiv|mayor rapidez|más expedita"),
    ("immediate", r"obligaci(?:ón|ones) inmediatas?|efecto inmediato"),
    ("reporting", r"\binformes?\b|\binformen\b|informar (?:al comité|acerca|sobre)"),
)
DUTY_KINDS = {"respect", "protect", "fulfil", "facilitate", "promote", "provide", "core"}


def by_heading(heading: str | None) -> tuple[str, ...]:
    """The type a sub-heading names, or ``()`` if it names none."""
    if not heading or not TYPING_HEADING.match(heading.strip()):
        return ()
    for pattern, key in HEADING_TYPES:
        if re.search(pattern, heading):
            return (key,)
    return ()


def by_rule(text: str) -> tuple[str, ...]:
    """The types the keyword rules give for an obligation's text (never empty)."""
    low = text.strip().lstrip("•").strip().casefold()
    low = re.sub(r"^[a-z]\)\s*", "", low)
    types = tuple(key for key, pattern in RULES if re.search(pattern, low))
    if not DUTY_KINDS & set(types) and not {"international-assistance", "reporting"} & set(types):
        types = ("fulfil", *types)
    return types


def assign(heading: str | None, text: str) -> tuple[tuple[str, ...], str]:
    """``(types, "heading"|"rule")`` for one obligation."""
    types = by_heading(heading)
    return (types, "heading") if types else (by_rule(text), "rule")
