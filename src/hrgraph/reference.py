"""Reference data: States (from pycountry), monitoring bodies and instruments (curated CSVs).

States are the 193 UN member States and the two observer States: every ISO 3166-1 entry
that ``resources/reference/non_state_iso_entries.csv`` does not list as a territory. Names: English
from ISO 3166-1, Spanish from the iso-codes translations that pycountry ships, plus the UN
spellings the sources use (``state_aliases.csv``). Every curated row names its ``source``.

>>> resolve_state("Kazajstán")
'KAZ'
>>> resolve_state("py")
'PRY'
>>> resolve_state("Atlantis")
Traceback (most recent call last):
...
hrgraph.reference.UnknownStateError: unknown State 'Atlantis': give an ISO 3166-1 code ... (Paraguay)
"""

from __future__ import annotations

import csv
import gettext
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import pycountry
from pyoxigraph import Literal, NamedNode

from hrgraph import iri, paths
from hrgraph.errors import HrgraphError
from hrgraph.extract.common import CONTROL
from hrgraph.namespace import DCT, SKOS, WD, XSD
from hrgraph.rdf.writer import GraphWriter

REFERENCE_DIR = paths.reference_dir()
ISO_3166 = "https://www.iso.org/iso-3166-country-codes.html"
QID = re.compile(r"Q[1-9]\d*")
INSTRUMENT_COLUMNS = (
    "key", "kind", "system", "title_en", "parent", "monitored_by",
    "adopted", "entry_into_force", "eif_rule", "source",
)  # fmt: skip


class UnknownStateError(HrgraphError, LookupError):
    """A State given by a code or name hrgraph does not know."""

    def __str__(self) -> str:
        return str(self.args[0])


class ReferenceDataError(HrgraphError, ValueError):
    """A curated reference file with a bad row; names file and line."""


@dataclass(frozen=True)
class State:
    alpha2: str
    alpha3: str
    numeric: str
    name_en: str
    official_en: str | None
    name_es: str


@dataclass(frozen=True)
class InstrumentRef:
    key: str
    kind: str
    system: str
    title_en: str
    parent: str
    monitored_by: str
    adopted: date | None
    entry_into_force: date | None
    eif_rule: str
    #: ``eif_rule`` in integers (None where it names no such part): what the participation rule
    #: adds, months then days, with no duration arithmetic (docs/portability.md).
    eif_months: int | None
    eif_days: int | None
    eif_first_of_month: bool
    eif_article: str
    eif_note: str
    source: str


def read_csv(
    name: str | Path, directory: Path | None = None, columns: tuple[str, ...] = ()
) -> list[tuple[int, dict[str, str]]]:
    """Rows of a reference CSV with their line numbers, checked as a whole and row by row: UTF-8
    (a byte-order mark is allowed), a header naming every one of ``columns``, at least one row,
    no ragged row, no control character. Every failure is a :class:`ReferenceDataError` naming
    ``file:line``."""
    path = name if isinstance(name, Path) else (directory or REFERENCE_DIR) / name
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ReferenceDataError(f"{path}: not UTF-8 (byte {err.start}: {err.reason})") from err
    except OSError as err:
        raise ReferenceDataError(f"{path}: cannot read: {err.strerror or err}") from err
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in columns if c not in header]
    if not header:
        raise ReferenceDataError(
            f"{path}:1: empty file (expected a header: {','.join(columns) or 'columns'})"
        )
    if missing:
        raise ReferenceDataError(f"{path}:1: the header lacks column(s) {', '.join(missing)}")
    rows = []
    for row in reader:
        if None in row or any(v is None for v in row.values()):
            raise ReferenceDataError(f"{path}:{reader.line_num}: wrong number of columns")
        bad = next((c for c, v in row.items() if CONTROL.search(v)), None)
        if bad is not None:
            raise ReferenceDataError(f"{path}:{reader.line_num}: control character in column {bad}")
        rows.append((reader.line_num, row))
    if not rows and columns:
        raise ReferenceDataError(f"{path}: no rows after the header")
    return rows


def check_unique(path: str | Path, rows: list[tuple[int, dict[str, str]]], key: tuple[str, ...]) -> None:
    """Raise :class:`ReferenceDataError` at the second row that repeats the ``key`` columns."""
    seen: dict[tuple[str, ...], int] = {}
    for line, row in rows:
        k = tuple(row[c] for c in key)
        if k in seen:
            raise ReferenceDataError(
                f"{path}:{line}: duplicate {'/'.join(key)} {'/'.join(k)!r} (line {seen[k]})"
            )
        seen[k] = line


def _date(value: str, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise ReferenceDataError(f"{where}: bad date {value!r} (expected YYYY-MM-DD)") from err


EIF_RULE = re.compile(r"P(?=\d)(?:(?P<Y>\d+)Y)?(?:(?P<M>\d+)M)?(?:(?P<D>\d+)D)?")


def _delay(value: str, where: str) -> tuple[int | None, int | None]:
    """An entry-into-force delay (an xsd:duration of years, months and days) as months and days.

    >>> _delay("P3M", ""), _delay("P30D", ""), _delay("P0D", ""), _delay("P1Y2M", ""), _delay("", "")
    ((3, None), (None, 30), (None, 0), (14, None), (None, None))
    """
    if not value:
        return None, None
    match = EIF_RULE.fullmatch(value)
    if match is None:
        raise ReferenceDataError(f"{where}: bad eif_rule {value!r} (expected years, months, days: P3M, P30D)")
    years, months, days = (None if match[k] is None else int(match[k]) for k in "YMD")
    in_months = None if years is None and months is None else (years or 0) * 12 + (months or 0)
    return in_months, days


def _flag(value: str, where: str) -> bool:
    if value not in ("", "true"):
        raise ReferenceDataError(f"{where}: expected 'true' or nothing, got {value!r}")
    return value == "true"


@cache
def states() -> dict[str, State]:
    """The States by alpha-3 code."""
    excluded = {row["alpha3"] for _, row in read_csv("non_state_iso_entries.csv", columns=("alpha3",))}
    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    out = {}
    for c in pycountry.countries:
        if c.alpha_3 in excluded:
            continue
        official = getattr(c, "official_name", None)
        out[c.alpha_3] = State(c.alpha_2, c.alpha_3, c.numeric, c.name, official, spanish.gettext(c.name))
    return out


def state_name(alpha3: str, lang: str) -> str:
    """The State's name in ``lang`` (``en`` or ``es``): the UN short name of ``state_aliases.csv``
    (the spelling the sources print) where it gives one, else ISO 3166-1's; the code itself for
    an unknown State.

    >>> state_name("KAZ", "es"), state_name("DNK", "en"), state_name("XXX", "es")
    ('Kazajstán', 'Denmark', 'XXX')
    """
    aliases = [(a, source) for a, lg, source in state_aliases().get(alpha3, []) if lg == lang]
    short = [a for a, source in aliases if "short name" in source]
    alias = next(iter(short or [a for a, _ in aliases]), None)
    state = states().get(alpha3)
    if alias:
        return alias
    if state is None:
        return alpha3
    return state.name_es if lang == "es" else state.name_en


@cache
def state_aliases() -> dict[str, list[tuple[str, str, str]]]:
    """alpha3 → [(alias, lang, source)] from ``state_aliases.csv``."""
    known = states()
    out: dict[str, list[tuple[str, str, str]]] = {}
    for line, row in read_csv("state_aliases.csv", columns=("alpha3", "alias", "lang", "source")):
        if row["alpha3"] not in known:
            raise ReferenceDataError(f"state_aliases.csv:{line}: unknown ISO code {row['alpha3']!r}")
        out.setdefault(row["alpha3"], []).append((row["alias"], row["lang"], row["source"]))
    return out


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().strip())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _state_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for s in states().values():
        for key in (s.alpha2, s.alpha3, s.numeric, s.name_en, s.official_en, s.name_es):
            if key:
                index[_fold(key)] = s.alpha3
    for alpha3, aliases in state_aliases().items():
        for alias, _, _ in aliases:
            index[_fold(alias)] = alpha3
    return index


def resolve_state(text: str) -> str:
    """The alpha-3 code of a State given by ISO code (any form) or name (en/es, UN aliases)."""
    found = _state_index().get(_fold(text))
    if found is None:
        raise UnknownStateError(
            f"unknown State {text!r}: give an ISO 3166-1 code (PRY, PY, 600) or a name (Paraguay)"
        )
    return found


@cache
def instruments() -> dict[str, InstrumentRef]:
    """Curated instrument facts by key, from ``instruments.csv``."""
    out: dict[str, InstrumentRef] = {}
    for line, row in read_csv("instruments.csv", columns=INSTRUMENT_COLUMNS):
        where = f"instruments.csv:{line}"
        if row["key"] in out:
            raise ReferenceDataError(f"{where}: duplicate key {row['key']!r}")
        out[row["key"]] = InstrumentRef(
            key=row["key"],
            kind=row["kind"],
            system=row["system"],
            title_en=row["title_en"],
            parent=row["parent"],
            monitored_by=row["monitored_by"],
            adopted=_date(row["adopted"], where),
            entry_into_force=_date(row["entry_into_force"], where),
            eif_rule=row["eif_rule"],
            eif_months=(delay := _delay(row["eif_rule"], where))[0],
            eif_days=delay[1],
            eif_first_of_month=_flag(row["eif_first_of_month"], f"{where}: eif_first_of_month"),
            eif_article=row["eif_article"],
            eif_note=row["eif_note"],
            source=row["source"],
        )
    for ref in out.values():
        if ref.parent and ref.parent not in out:
            raise ReferenceDataError(f"instruments.csv: {ref.key} names unknown parent {ref.parent!r}")
    return out


def write_states(w: GraphWriter) -> None:
    for s in states().values():
        node = iri.state(s.alpha3)
        w.type(node, "State")
        w.label(node, s.name_en, "en")
        w.label(node, s.name_es, "es")
        if s.official_en:
            w.add(node, SKOS.altLabel, Literal(s.official_en, language="en"))
        for alias, lang, _ in state_aliases().get(s.alpha3, []):
            if alias not in (s.name_es, s.name_en):
                w.add(node, SKOS.altLabel, Literal(alias, language=lang))
        w.value(node, "isoAlpha2", s.alpha2)
        w.value(node, "isoAlpha3", s.alpha3)
        w.value(node, "isoNumeric", s.numeric)
        w.add(node, DCT.source, ISO_3166)


def write_bodies(w: GraphWriter) -> None:
    for _, row in read_csv("bodies.csv", columns=("key", "label_en", "label_es")):
        node = iri.body(row["key"])
        w.type(node, "MonitoringBody")
        w.label(node, row["label_en"], "en")
        w.label(node, row["label_es"], "es")
        w.add(node, SKOS.notation, Literal(row["key"]))
        w.add(node, DCT.source, row["source"])


def write_instruments(w: GraphWriter) -> None:
    bodies = {row["key"] for _, row in read_csv("bodies.csv", columns=("key", "label_en", "label_es"))}
    for ref in instruments().values():
        node = iri.instrument(ref.key)
        w.type(node, ref.kind)
        w.label(node, ref.title_en, "en")
        w.add(node, SKOS.notation, Literal(ref.key))
        if ref.parent:
            w.link(node, "protocolTo", iri.instrument(ref.parent))
        for body_key in filter(None, ref.monitored_by.split("|")):
            if body_key not in bodies:
                raise ReferenceDataError(f"instruments.csv: {ref.key}: unknown body {body_key!r}")
            w.link(node, "monitoredBy", iri.body(body_key))
        if ref.adopted:
            w.value(node, "adoptionDate", ref.adopted)
        if ref.entry_into_force:
            w.value(node, "entryIntoForce", ref.entry_into_force)
        _write_eif_rule(w, node, ref)
        if ref.source:
            w.add(node, DCT.source, ref.source)


def _write_eif_rule(w: GraphWriter, node: str, ref: InstrumentRef) -> None:
    """The entry-into-force rule for a State joining later, the article that states it, and
    a note where there is no rule or the graph holds no text of the article to check it by."""
    if ref.eif_rule:
        w.add(node, NamedNode(iri.term("entryIntoForceDelay")), Literal(ref.eif_rule, datatype=XSD.duration))
    if ref.eif_months is not None:
        w.value(node, "entryIntoForceDelayMonths", ref.eif_months)
    if ref.eif_days is not None:
        w.value(node, "entryIntoForceDelayDays", ref.eif_days)
    if ref.eif_first_of_month:
        w.value(node, "entryIntoForceOnFirstOfMonth", True)
    if ref.eif_article:
        w.link(node, "entryIntoForceArticle", iri.article(ref.key, ref.eif_article))
    if ref.eif_note:
        w.add(node, NamedNode(iri.term("entryIntoForceNote")), Literal(ref.eif_note, language="en"))


def write_reference(w: GraphWriter) -> None:
    """All reference data into one writer (the ``reference`` named graph)."""
    write_states(w)
    write_bodies(w)
    write_instruments(w)
    write_alignments(w)


def write_alignments(w: GraphWriter) -> None:
    """``skos:exactMatch`` to Wikidata for the rows of ``wikidata.csv``."""
    minters = {"state": iri.state, "instrument": iri.instrument, "body": iri.body}
    known = {
        "state": set(states()),
        "instrument": set(instruments()),
        "body": {r["key"] for _, r in read_csv("bodies.csv", columns=("key",))},
    }
    rows = read_csv("wikidata.csv", columns=("kind", "key", "qid", "source"))
    check_unique("wikidata.csv", rows, ("kind", "key"))
    for line, row in rows:
        if row["kind"] not in minters:
            raise ReferenceDataError(
                f"wikidata.csv:{line}: unknown kind {row['kind']!r} (state, instrument, body)"
            )
        if row["key"] not in known[row["kind"]]:
            raise ReferenceDataError(f"wikidata.csv:{line}: unknown {row['kind']} {row['key']!r}")
        if not QID.fullmatch(row["qid"]):
            raise ReferenceDataError(
                f"wikidata.csv:{line}: bad Wikidata id {row['qid']!r} (expected Q and digits)"
            )
        w.add(minters[row["kind"]](row["key"]), SKOS.exactMatch, WD[row["qid"]])
