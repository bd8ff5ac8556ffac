"""Which instrument a Spanish title names: ILO numbers, then curated title phrases.

A title that carries an ILO convention number (``Convenio N° 29``, ``Convenio Nº 107``) names
``ILO-C029`` (DESIGN §2: three digits, as NORMLEX writes them). Any other title is matched
against the phrases of ``src/hrgraph/resources/reference/instrument_titles_es.csv`` (distinctive words of each
instrument's official Spanish title), after folding case, accents and punctuation. When several
phrases match, the one that starts **earliest** wins, then the longest: a protocol's title
begins with its own name and mentions its parent treaty later (``Protocolo facultativo del Pacto
internacional de derechos civiles y políticos`` is ICCPR-OP1, not ICCPR).

>>> identify("Convenio relativo al trabajo forzoso u obligatorio (Convenio N° 29)")
'ILO-C029'
>>> identify("Protocolo facultativo del pacto internacional de derechos civiles y políticos")
'ICCPR-OP1'
>>> identify("Convención sobre asilo", systems={"OAS"})
'HAVANA-ASYLUM-1928'
>>> identify("Convención sobre nada") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hrgraph import paths
from hrgraph.reference import ReferenceDataError, read_csv

REFERENCE = paths.reference_dir() / "instrument_titles_es.csv"
ILO_NUMBER = re.compile(r"Convenio\s+(?:N\s?[°º]|núm\.)\s*(?P<n>\d{1,3})\b", re.IGNORECASE)


@dataclass(frozen=True)
class TitlePattern:
    key: str
    system: str
    pattern: re.Pattern[str]


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces.

    >>> fold("Convención sobre los Derechos del Niño, (C. de La Haya)")
    'convencion sobre los derechos del nino c de la haya'
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


@cache
def patterns(path: Path = REFERENCE) -> tuple[TitlePattern, ...]:
    """The title patterns of ``path``, checked row by row (:func:`hrgraph.reference.read_csv`)."""
    out = []
    for line, row in read_csv(path, columns=("key", "system", "pattern", "source")):
        try:
            out.append(TitlePattern(row["key"], row["system"], re.compile(row["pattern"])))
        except re.error as err:
            raise ReferenceDataError(f"{path}:{line}: pattern is not a regular expression: {err}") from err
    return tuple(out)


def ilo_key(number: str) -> str:
    """``ILO-C029`` for convention 29."""
    return f"ILO-C{int(number):03d}"


def identify(title: str, systems: set[str] | None = None) -> str | None:
    """The instrument key a printed title names, or None; ``systems`` limits the candidates."""
    number = ILO_NUMBER.search(title)
    if number and (systems is None or "ILO" in systems):
        return ilo_key(number["n"])
    folded = fold(title)
    best: tuple[int, int, str] | None = None
    for p in patterns():
        if systems is not None and p.system not in systems:
            continue
        match = p.pattern.search(folded)
        if match and (best is None or (match.start(), -len(match[0])) < best[:2]):
            best = (match.start(), -len(match[0]), p.key)
    return best[2] if best else None
