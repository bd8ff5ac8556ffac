"""Comparing SELECT answers across engines as sets of rows, with the normalisations each needs.

Every normalisation here is a documented difference (docs/portability.md); an engine gets
only the ones listed for it in ``EXCEPTIONS``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions

from hrgraph.query import CatalogueQuery
from hrgraph.store import GraphStore

XSD = "http://www.w3.org/2001/XMLSchema#"

# Engine → the differences its answers are normalised for (each described in docs/portability.md).
EXCEPTIONS: dict[str, set[str]] = {
    "hrgraph": set(),
    "oxigraph": set(),
    "virtuoso": {"duration-as-number", "boolean-as-integer", "group-concat-drops-language", "system-graphs"},
}
_BOOLEAN_AS_INTEGER = {"true": "1", "false": "0"}

Row = frozenset[tuple[str, str]]
AnyTerm = NamedNode | Literal | BlankNode

_DURATION = re.compile(
    r"^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)


def duration_number(lexical: str) -> str:
    """What Virtuoso 7.2 stores for an ``xsd:duration``: months if it has only years and months,
    else seconds (``P30D`` → 2592000, ``P1Y`` → 12, ``PT0S`` → 0).

    >>> [duration_number(x) for x in ("P30D", "P1Y", "P3M", "PT0S", "2.592e+06", "12")]
    ['2592000', '12', '3', '0', '2592000', '12']
    """
    match = _DURATION.match(lexical)
    if match is None:
        try:
            return str(int(Decimal(lexical)))
        except InvalidOperation:
            return lexical
    sign, years, months, days, hours, minutes, seconds = match.groups()
    if days or hours or minutes or seconds:
        total = Decimal(days or 0) * 86400 + Decimal(hours or 0) * 3600 + Decimal(minutes or 0) * 60
        total += Decimal(seconds or 0)
    elif years or months:
        total = Decimal(years or 0) * 12 + Decimal(months or 0)
    else:
        total = Decimal(0)
    return f"{'-' if sign else ''}{int(total)}"


_GROUP_CONCAT = re.compile(
    r"GROUP_CONCAT\s*\(\s*(?:DISTINCT\s+)?[^;()]*?(?:;\s*SEPARATOR\s*=\s*(?:\"([^\"]*)\"|'([^']*)'))?\s*\)"
    r"\s*AS\s*[?$](\w+)",
    re.IGNORECASE,
)


def group_concats(sparql: str) -> dict[str, str]:
    """Variables bound by ``GROUP_CONCAT`` in ``sparql``, with their separators.

    >>> group_concats('SELECT (GROUP_CONCAT(DISTINCT ?x; separator=" | ") AS ?law) (GROUP_CONCAT(?y) AS ?z)')
    {'law': ' | ', 'z': ' '}
    """
    return {
        m[3]: m[1] if m[1] is not None else (m[2] if m[2] is not None else " ")
        for m in _GROUP_CONCAT.finditer(sparql)
    }


def normalise(term: AnyTerm, exceptions: set[str], separator: str | None = None) -> str:
    """A term as a comparable string; ``separator`` marks a GROUP_CONCAT value, whose order
    SPARQL 1.1 leaves undefined (§18.5.1.7), so its parts are compared sorted on every engine."""
    if isinstance(term, BlankNode):
        return "_:b"
    if isinstance(term, NamedNode):
        return f"<{term.value}>"
    datatype = term.datatype.value
    value = term.value
    if separator is not None:
        value = separator.join(sorted(value.split(separator))) if separator else "".join(sorted(value))
    if datatype == XSD + "duration" and "duration-as-number" in exceptions:
        value = duration_number(value)
    elif datatype == XSD + "boolean" and "boolean-as-integer" in exceptions:
        value, datatype = _BOOLEAN_AS_INTEGER.get(value, value), XSD + "integer"
    if term.language and not (separator is not None and "group-concat-drops-language" in exceptions):
        return f'"{value}"@{term.language.lower()}'
    if datatype in (XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"):
        return f'"{value}"'
    return f'"{value}"^^<{datatype}>'


def as_rows(
    rows: Iterable[Mapping[str, AnyTerm]], exceptions: set[str], concats: Mapping[str, str] | None = None
) -> set[Row]:
    seps = concats or {}
    return {frozenset((k, normalise(v, exceptions, seps.get(k))) for k, v in row.items()) for row in rows}


def embedded_rows(store: GraphStore, query: CatalogueQuery) -> list[dict[str, AnyTerm]]:
    result = store.query(query.sparql)
    assert isinstance(result, QuerySolutions), f"{query.name}: catalogue queries are SELECT queries"
    names = [v.value for v in result.variables]
    return [{n: row[n] for n in names if row[n] is not None} for row in result]


def describe_difference(left: set[Row], right: set[Row], limit: int = 5) -> str:
    only_left = sorted(sorted(r) for r in left - right)[:limit]
    only_right = sorted(sorted(r) for r in right - left)[:limit]
    return (
        f"only embedded ({len(left - right)}): {only_left}\nonly remote ({len(right - left)}): {only_right}"
    )
