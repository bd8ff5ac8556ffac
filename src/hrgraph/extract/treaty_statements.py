"""What a State report says about its own treaty status: ratified, acceded, signed, party.

A State report's statement is a claim with a source, not the depositary's record: it is read
as printed, with the year or date and the approving law the sentence gives, and kept even when
another paragraph says otherwise (the caller flags the conflict; see :func:`conflicts`).

The convention read (Spanish UN text): a verb of treaty action and the instruments it governs,
within one sentence —

- ``En 2016, Kazajstán ratificó la Convención … y la Convención …`` (the year opens the clause);
- ``ha ratificado la Convención … (1998) y ha firmado su Protocolo Facultativo (2001)`` (a year
  in brackets after the instrument; ``su Protocolo`` is the protocol to the instrument before);
- ``La Ley núm. 288-V, de fecha 20 de febrero de 2015, ratificó la Convención …`` and
  ``(ratificada mediante la Ley núm. 322-I, de 26 de agosto de 1998)`` (the approving law);
- ``…, que ratificó en 1999`` (a relative clause after the instrument);
- ``tratados internacionales ratificados por Kazajstán, a saber, …; …`` (a list);
- ``es parte en …`` (party, the act not named), ``con la excepción de …`` (not party);
- ``está en curso la ratificación del …``, ``apoya la recomendación de ratificar … Se está
  llevando a cabo un procedimiento intraestatal`` (ratification in progress);
- ``en 2014, el tercer informe sobre la Convención contra la Tortura …``, ``el primer informe
  sobre las desapariciones forzadas`` (reporting under a treaty: a State reports only under the
  treaties it is party to; the year is the report's, not the act's, so none is kept);
- ``un mecanismo nacional de prevención con arreglo a lo dispuesto en el Protocolo Facultativo
  de la Convención contra la Tortura`` (the preventive mechanism that the OPCAT obliges its
  parties to keep).

A year inside an instrument's name (``Convención … de 1951``, ``Convención de Aarhus de 25 de
junio de 1998``) is the instrument's, never the State's act. Declarations are not ratified or
signed: a sentence that says so is reported as a problem, not turned into a treaty action.

>>> text = "En 2016, Kazajstán ratificó la Convención sobre los Derechos del Niño."
>>> [(s.kind, s.instrument, s.year) for s in find_statements(text)[0]]
[('ratification', 'CRC', 2016)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from hrgraph.extract.dates import SPANISH_MONTHS
from hrgraph.extract.instrument_titles import identify

# Where instruments are named in running text: (pattern, kind), kind "treaty" (its key is then
# found by hrgraph.extract.instrument_titles.identify from resources/reference/instrument_titles_es.csv),
# "declaration", "ambiguous" (a name several instruments share) or "protocol-of-previous".
INSTRUMENTS: tuple[tuple[str, str], ...] = (
    (r"Protocolo Facultativo del Pacto Internacional de Derechos Económicos, Sociales y Culturales",
     "treaty"),
    (r"Pacto Internacional de Derechos Económicos, Sociales y Culturales", "treaty"),
    (r"Pacto Internacional de Derechos Civiles y Políticos", "treaty"),
    (r"Convención Internacional sobre la Eliminación de [Tt]odas las Formas de Discriminación "
     r"Racial", "treaty"),
    (r"Convención sobre la Eliminación de [Tt]odas las Formas de Discriminación contra la Mujer",
     "treaty"),
    (r"Convención sobre los Derechos de las Personas con Discapacidad", "treaty"),
    (r"Protocolo Facultativo de la Convención contra la Tortura y Otros Tratos o Penas Crueles, "
     r"Inhumanos o Degradantes", "treaty"),
    (r"Convención contra la Tortura y Otros Tratos o Penas Crueles, Inhumanos o Degradantes", "treaty"),
    (r"Convención Internacional para la Protección de Todas las Personas contra las Desapariciones "
     r"Forzadas", "treaty"),
    (r"Convención sobre los Derechos del Niño", "treaty"),
    (r"Convención Internacional sobre la Protección de los Derechos de Todos los Trabajadores "
     r"Migratorios y de sus Familiares(?:, de 1990)?", "treaty"),
    (r"Convención relativa a la Lucha contra las Discriminaciones en la Esfera de la Enseñanza",
     "treaty"),
    (r"Convenio sobre la Igualdad de Oportunidades y de Trato entre Trabajadores y Trabajadoras: "
     r"Trabajadores con Responsabilidades Familiares", "treaty"),
    # ILO conventions 3 (1919), 103 (1952) and 183 (2000) all bear this name.
    (r"Convenio sobre la Protección de la Maternidad", "ambiguous"),
    (r"Convención sobre la Esclavitud", "treaty"),
    (r"Convenio para la represión de la trata de personas y de la explotación de la prostitución "
     r"ajena", "treaty"),
    (r"Protocolo para Prevenir, Reprimir y Sancionar la Trata de Personas, Especialmente Mujeres y "
     r"Niños, que complementa la Convención de las Naciones Unidas contra la Delincuencia "
     r"Organizada Transnacional", "treaty"),
    (r"Convención sobre el Estatuto de los Refugiados(?: de 1951)?", "treaty"),
    (r"Convención sobre la Nacionalidad de la Mujer Casada(?: de 1957)?", "treaty"),
    (r"Convención sobre el Acceso a la Información, la Participación del Público en la Toma de "
     r"Decisiones y el Acceso a la Justicia en Asuntos Ambientales(?: \(Convención de Aarhus "
     r"de \d{1,2} de \w+ de \d{4}\))?", "treaty"),
    (r"(?:Declaración y )?Plataforma de Acción de Beijing", "declaration"),
    (r"Declaración sobre la Eliminación de la Violencia contra la Mujer", "declaration"),
    (r"Declaración de \d{4} “[^”]+”", "declaration"),
    (r"Declaración de Asjabad[^,.;]*", "declaration"),
    (r"su Protocolo(?: Facultativo)?(?: de \d{4})?", "protocol-of-previous"),
)  # fmt: skip
_MENTION = re.compile("|".join(f"(?P<m{i}>{p})" for i, (p, _) in enumerate(INSTRUMENTS)))
_VERBS = (
    ("ratification", r"ha ratificado|se han ratificado|se ratificó|ratificó|ratificad[oa]s?"),
    ("signature", r"ha firmado|se firmó|firmó"),
    ("accession", r"se (?:ha )?adherido a|se adhirió a"),
    ("party", r"es parte en"),
)
VERB = re.compile("|".join(f"(?P<{kind}>\\b(?:{p})\\b)" for kind, p in _VERBS))
SENTENCE_END = re.compile(r"\.\s+(?=[A-ZÁÉÍÓÚ“])|\.$")
OPENING_YEAR = re.compile(
    r"[Ee]n (?:(?P<month>" + "|".join(SPANISH_MONTHS) + r") de )?(?P<year>\d{4}),?\s+"
    r"(?:(?:el país|el Estado|[A-ZÁÉÍÓÚÑ][\wáéíóúñü]+)\s+)?$"  # the State, by its name
)
BRACKET_YEAR = re.compile(r"\s*\((?P<year>\d{4})\)")
RELATIVE_YEAR = re.compile(r",?\s*que ratificó en (?P<year>\d{4})")
IN_PROGRESS = re.compile(
    r"en curso la ratificación (?:del|de la) |"
    r"apoya la recomendación de ratificar (?:el|la) (?=[^.]+\.\s+Se está llevando a cabo un "
    r"procedimiento intraestatal)"
)
EXCEPTION = re.compile(r"con la excepción de (?:la|el) $")
REPORT_ON = re.compile(
    r"\bel (?:primer|segundo|tercer|cuarto|quinto|sexto|séptimo|octavo|noveno|décimo) informe "
    r"(?:periódico )?(?:sobre (?:la|el|las|los) |al Comité sobre los (?=Derechos))"
)
# What a report is "on" when it names the subject, not the treaty (``informe sobre las
# desapariciones forzadas``): the treaty whose committee examines it.
REPORT_SUBJECTS = {
    "desapariciones forzadas": "CED",
    "derechos del niño": "CRC",
    "Derechos de las Personas con Discapacidad": "CRPD",
}
PREVENTIVE_MECHANISM = re.compile(r"mecanismo nacional de prevención con arreglo a lo dispuesto en el ")


@dataclass(frozen=True)
class Mention:
    """An instrument named in the text, at characters ``start``..``end``."""

    key: str | None
    kind: str
    printed: str
    start: int
    end: int


@dataclass(frozen=True)
class Statement:
    """One claim of the report about the State's relation to one instrument."""

    # ratification, signature, accession, party, not-party, ratification-in-progress, reporting,
    # preventive-mechanism
    kind: str
    instrument: str | None
    printed_instrument: str
    year: int | None
    month: int | None
    start: int  # characters of the paragraph text the claim is read from
    end: int


@dataclass(frozen=True)
class Unread:
    """A treaty-action sentence that names no treaty hrgraph can identify."""

    message: str
    start: int
    end: int


def _protocol_title(printed: str, parent: Mention) -> str:
    """The title of ``su Protocolo …``: ``Protocolo Facultativo de la <parent>`` or
    ``Protocolo sobre …`` (a non-optional protocol takes the parent's subject)."""
    if "Facultativo" in printed:
        return f"Protocolo Facultativo de la {parent.printed}"
    return re.sub(r"^Convención ", "Protocolo ", parent.printed)


def mentions(text: str) -> list[Mention]:
    """Instruments named in ``text``; ``su Protocolo``: the protocol to the one named before."""
    out: list[Mention] = []
    for m in _MENTION.finditer(text):
        i = int(next(name for name, value in m.groupdict().items() if value)[1:])
        kind = INSTRUMENTS[i][1]
        title = m[0]
        if kind == "protocol-of-previous":
            parent = next((x for x in reversed(out) if x.key and x.kind == "treaty"), None)
            title, kind = (_protocol_title(m[0], parent), "treaty") if parent else (m[0], "ambiguous")
        key = identify(title) if kind == "treaty" else None
        out.append(Mention(key, kind, m[0], m.start(), m.end()))
    return out


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    start = max((e for e in ends if e <= pos), default=0)
    end = min((e for e in ends if e > pos), default=len(text))
    return start, end


def _governed(text: str, verb: re.Match[str], found: list[Mention]) -> list[Mention]:
    """The instruments a verb governs: after it up to the next verb or the sentence end;
    for a participle in brackets or a relative clause, the instrument just before it."""
    s_start, s_end = _sentence_bounds(text, verb.start())
    following = VERB.search(text, verb.end(), s_end)
    stop = following.start() if following else s_end
    after = [x for x in found if verb.end() <= x.start < stop]
    if verb[0].startswith("ratificad") and text[verb.start() - 1 : verb.start()] == "(":
        before = [x for x in found if s_start <= x.end <= verb.start()]
        return before[-1:]
    return after


def _year(text: str, verb: re.Match[str], mention: Mention) -> tuple[int | None, int | None]:
    bracket = BRACKET_YEAR.match(text, mention.end)
    if bracket:
        return int(bracket["year"]), None
    s_start, _ = _sentence_bounds(text, verb.start())
    opening = OPENING_YEAR.search(text[s_start : verb.start()])
    if opening:
        month = SPANISH_MONTHS[opening["month"].lower()] if opening["month"] else None
        return int(opening["year"]), month
    return None, None


def _verb_statements(text: str, found: list[Mention]) -> Iterable[Statement | Unread]:
    for verb in VERB.finditer(text):
        kind = next(k for k, v in verb.groupdict().items() if v)
        for x in _governed(text, verb, found):
            if x.kind == "declaration":
                yield Unread(f"the report says it {verb[0]!r} {x.printed!r}, a declaration: "
                             "declarations are not ratified, signed or acceded to; no treaty "
                             "action recorded", x.start, x.end)  # fmt: skip
                continue
            if x.key is None:
                why = (
                    "the name does not identify one instrument (no number or year printed)"
                    if x.kind == "ambiguous"
                    else "no key in instrument_titles_es.csv"
                )
                yield Unread(f"{verb[0]!r} {x.printed!r}: {why}; no treaty action recorded",
                             x.start, x.end)  # fmt: skip
                continue
            actual = "not-party" if EXCEPTION.search(text[max(0, x.start - 30) : x.start]) else kind
            year, month = _year(text, verb, x) if actual != "party" else (None, None)
            yield Statement(actual, x.key, x.printed, year, month,
                            min(verb.start(), x.start), max(verb.end(), x.end))  # fmt: skip


def _other_statements(text: str, found: list[Mention]) -> Iterable[Statement]:
    for m in RELATIVE_YEAR.finditer(text):
        before = [x for x in found if x.end <= m.start() and x.key and x.end >= m.start() - 2]
        for x in before[-1:]:
            assert x.key
            yield Statement("ratification", x.key, x.printed, int(m["year"]), None, x.start, m.end())
    for m in IN_PROGRESS.finditer(text):
        nxt = [x for x in found if x.start == m.end() and x.key]
        for x in nxt:
            assert x.key
            yield Statement("ratification-in-progress", x.key, x.printed, None, None,
                            m.start(), x.end)  # fmt: skip


def _report_statements(text: str, found: list[Mention]) -> Iterable[Statement]:
    """Reports submitted under a treaty, and the OPCAT's preventive mechanism, as party claims."""
    for m in REPORT_ON.finditer(text):
        named = next((x for x in found if x.start == m.end() and x.key), None)
        if named:
            yield Statement("reporting", named.key, named.printed, None, None, m.start(), named.end)
            continue
        for subject, key in REPORT_SUBJECTS.items():
            if text.startswith(subject, m.end()):
                yield Statement("reporting", key, subject, None, None, m.start(), m.end() + len(subject))
    for m in PREVENTIVE_MECHANISM.finditer(text):
        for x in (x for x in found if x.start == m.end() and x.key):
            yield Statement("preventive-mechanism", x.key, x.printed, None, None, m.start(), x.end)


def find_statements(text: str) -> tuple[list[Statement], list[Unread]]:
    """Every treaty-status claim in one paragraph's text, in printed order, and what was unread."""
    found = mentions(text)
    statements: list[Statement] = []
    unread: list[Unread] = []
    for item in _verb_statements(text, found):
        (statements if isinstance(item, Statement) else unread).append(item)  # type: ignore[arg-type]
    statements += _other_statements(text, found)
    statements += _report_statements(text, found)
    return sorted(statements, key=lambda s: s.start), unread


def effective_year(statement: Statement, law_year: int | None) -> int | None:
    """The year a claim gives its act: printed with it, else the year of the approving law."""
    return statement.year if statement.year is not None else law_year


def with_year(statement: Statement, year: int | None) -> Statement:
    return replace(statement, year=year)
