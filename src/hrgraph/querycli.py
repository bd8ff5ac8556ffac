"""Running SPARQL from the command line: catalogue names, .rq files or query text."""

from __future__ import annotations

import io
import sys

from pyoxigraph import QueryResultsFormat, QuerySolutions, RdfFormat, serialize
from rich.console import Console
from rich.table import Table
from rich.text import Text

from hrgraph.errors import UsageError
from hrgraph.namespace import PREFIXES
from hrgraph.query import bindings_for, catalogue, find_query
from hrgraph.store import GraphStore

RESULT_FORMATS = {
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
}


def shorten(value: str) -> str:
    for prefix, base in PREFIXES.items():
        if value.startswith(base) and prefix != "hrgid":
            return f"{prefix}:{value[len(base) :]}"
    return value


def print_catalogue(console: Console) -> None:
    table = Table(title="Query catalogue (queries/*.rq)", title_justify="left")
    for col in ("name", "title", "parameters"):
        table.add_column(col)
    for q in catalogue():
        params = ", ".join(f"{p.name} ({p.kind})" for p in q.parameters)
        table.add_row(Text(q.name), Text(q.title), Text(params))
    console.print(table)


def run_query(console: Console, store: GraphStore, text: str, params: dict[str, str], fmt: str) -> None:
    """Run a catalogue query by name, a .rq file, or SPARQL text; print it in ``fmt``."""
    found = find_query(text)
    if found is not None:
        sparql, bindings = found.sparql, bindings_for(found, params)
    else:
        if params:
            raise UsageError("--param applies to catalogue queries (their #+ parameters: header)")
        sparql, bindings = text, {}
    result = store.query(sparql, bindings)
    if isinstance(result, bool):
        console.print("true" if result else "false")
        return
    if not isinstance(result, QuerySolutions):
        triples = sorted(result, key=str)
        serialize(triples, sys.stdout.buffer, RdfFormat.TURTLE, prefixes=dict(PREFIXES))
        return
    if fmt in RESULT_FORMATS:
        buffer = io.BytesIO()
        result.serialize(buffer, RESULT_FORMATS[fmt])
        sys.stdout.buffer.write(buffer.getvalue())
        return
    variables = [v.value for v in result.variables]
    table = Table(show_lines=False)
    for v in variables:
        table.add_column(v)
    rows = 0
    for row in result:
        table.add_row(*[Text(shorten(row[v].value) if row[v] is not None else "") for v in variables])
        rows += 1
    console.print(table)
    console.print(f"{rows} row(s)")
