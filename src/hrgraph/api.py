"""The Python API: a built graph, for notebooks and scripts (``hrgraph.open``).

>>> import hrgraph
>>> g = hrgraph.open(BUILD)  # doctest: +SKIP
>>> rows = g.query("states-iso-codes", state="PRY")  # doctest: +SKIP
>>> rows[0]["alpha3"]  # doctest: +SKIP
'PRY'

Rows are dictionaries of variable → lexical value (an IRI as its string, a literal as its
text; unbound variables left out), so they print, compare and go into pandas as they are;
``Rows.terms`` keeps the RDF terms. A catalogue query is bound the way the CLI binds it
(lexical parameters: ``state="PRY"``, ``article="ICESCR/12"``, defaults for the rest).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyoxigraph import QuerySolutions

from hrgraph.build import SUMMARY_NAME, open_build
from hrgraph.errors import UsageError
from hrgraph.obligations import Answer
from hrgraph.obligations import obligations as answer_for
from hrgraph.publish.export import export as run_export
from hrgraph.query import bindings_for, find_query
from hrgraph.store import GraphStore

if TYPE_CHECKING:
    import pandas


class Rows(list[dict[str, str]]):
    """The rows of a SELECT: a list of ``{variable: lexical value}``, with the variables in order."""

    def __init__(self, variables: list[str], rows: list[dict[str, str]], terms: list[dict[str, Any]]) -> None:
        super().__init__(rows)
        self.variables = variables
        self.terms = terms

    def to_pandas(self) -> pandas.DataFrame:
        """The rows as a DataFrame, one column per variable (needs ``pip install 'hrgraph[pandas]'``)."""
        try:
            import pandas
        except ImportError as err:
            raise UsageError("to_pandas needs pandas: pip install 'hrgraph[pandas]'") from err
        return pandas.DataFrame(list(self), columns=self.variables)


@dataclass
class Graph:
    """A build of hrgraph, loaded into an embedded store."""

    path: Path
    store: GraphStore

    @classmethod
    def open(cls, path: str | Path = "build") -> Graph:
        return cls(Path(path), open_build(Path(path)))

    def query(self, name_or_sparql: str, **params: str) -> Rows:
        """Run a catalogue query by name (parameters as keywords) or SPARQL text."""
        found = find_query(name_or_sparql)
        if found is not None:
            sparql, bindings = found.sparql, bindings_for(found, params)
        elif params:
            raise UsageError("parameters are for catalogue queries; bind them in the SPARQL text")
        else:
            sparql, bindings = name_or_sparql, {}
        solutions = self.store.query(sparql, bindings)
        if not isinstance(solutions, QuerySolutions):
            raise UsageError("query() runs SELECT queries; use the store for ASK, CONSTRUCT or DESCRIBE")
        variables = [v.value for v in solutions.variables]
        terms = [{v: row[v] for v in variables if row[v] is not None} for row in solutions]
        return Rows(variables, [{v: t.value for v, t in row.items()} for row in terms], terms)

    def obligations(self, state: str, on: str | date | None = None) -> Answer:
        """What binds ``state`` (code or name) on ``on`` (an ISO date; default today), and why."""
        day = date.fromisoformat(on) if isinstance(on, str) else on
        return answer_for(self.store, state, day)

    def sources(self) -> list[dict[str, Any]]:
        """The sources the build read: key, kind, State, symbol, language, lines read / unread."""
        summary = json.loads((self.path / SUMMARY_NAME).read_text(encoding="utf-8"))
        rows: list[dict[str, Any]] = summary.get("sources", [])
        return rows

    def export(self, fmt: str, path: str | Path, graph: str | None = None) -> Path:
        """Write the graph (or one named graph) as ``ttl``, ``nt``, ``nq``, ``trig``, ``jsonld`` …"""
        run_export(self.store, fmt, Path(path), graph)
        return Path(path)
