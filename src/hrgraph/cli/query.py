"""Running SPARQL from the command line: catalogue names, .rq files or query text, on the
build or (``--endpoint``) on any SPARQL 1.1 server, bound the same way (:func:`hrgraph.query.bind`)."""

from __future__ import annotations

import io
import math
import re
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import (
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
    serialize,
)
from rich.console import Console
from rich.table import Table
from rich.text import Text

from hrgraph.errors import UsageError
from hrgraph.namespace import PREFIXES
from hrgraph.query import bound_query, catalogue, find_query
from hrgraph.store import GraphStore

RESULT_FORMATS = {
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
}
_DECLARATION = re.compile(r"(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def shorten(value: str) -> str:
    for prefix, base in PREFIXES.items():
        if value.startswith(base) and prefix != "hrgid":
            return f"{prefix}:{value[len(base) :]}"
    return value


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first form keyword after comments and the prologue.

    >>> query_form("#+ description: recommendations addressed to a State\\nPREFIX a: <urn:>\\nSELECT * {}")
    'SELECT'
    """
    lines = (line for line in sparql.splitlines() if not line.lstrip().startswith("#"))
    match = _FORM.search(_DECLARATION.sub(" ", "\n".join(lines)))
    if match is None:
        raise UsageError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return match[1].upper()


def print_catalogue(console: Console) -> None:
    table = Table(title="Query catalogue (queries/*.rq)", title_justify="left")
    for col in ("name", "title", "parameters"):
        table.add_column(col)
    for q in catalogue():
        params = ", ".join(f"{p.name} ({p.kind}, default {p.default_text})" for p in q.parameters)
        table.add_row(Text(q.name), Text(q.title), Text(params))
    console.print(table)


def query_text(text: str, params: dict[str, str]) -> str:
    """The SPARQL to send: a catalogue query (name or .rq file) with ``params`` bound, or ``text``."""
    found = find_query(text)
    if found is not None:
        return bound_query(found, params)
    if params:
        raise UsageError("--param applies to catalogue queries (their #+ parameters: header)")
    return text


def _remote(
    endpoint: str, sparql: str, login: Login | None = None
) -> QuerySolutions | bool | Iterable[Triple]:
    from hrgraph.remote import remote_query

    form = query_form(sparql)
    login = login or Login()
    body = remote_query(endpoint, sparql, form, login.user, login.password, login.auth, login.timeout)
    try:
        if form in ("SELECT", "ASK"):
            answer = parse_query_results(body, QueryResultsFormat.JSON)
            return bool(answer) if isinstance(answer, QueryBoolean) else answer
        return list(parse(body, RdfFormat.TURTLE))
    except SyntaxError as err:
        raise UsageError(f"{endpoint}: its answer is not {form} results: {err}") from None


@dataclass(frozen=True)
class Login:
    """How ``--endpoint`` is reached: credentials and the seconds to wait for its answer."""

    user: str | None = None
    password: str | None = None
    auth: str = "basic"
    timeout: float = 120.0


def run_query(
    console: Console,
    store: GraphStore | None,
    text: str,
    params: dict[str, str],
    fmt: str,
    endpoint: str | None = None,
    show: bool = False,
    login: Login | None = None,
) -> None:
    """Run a catalogue query by name, a .rq file, or SPARQL text on the build (or ``endpoint``);
    print the answer in ``fmt`` (``show``: print the bound query instead)."""
    sparql = query_text(text, params)
    if show:
        sys.stdout.write(sparql if sparql.endswith("\n") else sparql + "\n")
        return
    if endpoint is not None:
        result = _remote(endpoint, sparql, login)
    else:
        assert store is not None
        result = store.query(sparql)
    print_result(console, result, fmt)


BOUNDED_ACCEPT = "application/sparql-results+json, application/n-triples"


def run_query_bounded(
    console: Console,
    out: Path,
    text: str,
    params: dict[str, str],
    fmt: str,
    timeout: float | None,
    max_memory: int | None,
) -> None:
    """Run the query in one bounded worker (:func:`hrgraph.serve.workers.run_bounded`, the
    machinery of ``hrgraph serve``) over a scratch copy of the build, then print it as
    :func:`run_query` does. The worker screens the query as the endpoint does (no ``SERVICE``,
    ``LOAD`` or ``file:`` IRIs) and has no network; passing a bound raises ``BoundError``."""
    from hrgraph.build import NQ_NAME
    from hrgraph.serve.endpoint import prepare_store
    from hrgraph.serve.sparql import Job, Limits
    from hrgraph.serve.workers import run_bounded, scratch_dir

    sparql = query_text(text, params)
    nq = out / NQ_NAME
    if not nq.is_file():
        raise UsageError(f"no build found at {nq}: run 'hrgraph build' first")
    limits = Limits(
        timeout=math.inf if timeout is None else timeout,
        max_bytes=None,
        max_rows=None,
        max_memory=max_memory,
        workers=1,
        slow_workers=1,
    )
    workdir = scratch_dir()
    try:
        prepare_store(nq, workdir / "store")
        status, media, body = run_bounded(workdir / "store", Job(sparql, BOUNDED_ACCEPT), limits)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if status != 200:
        raise UsageError(body.decode("utf-8", errors="replace").strip())
    result: QuerySolutions | bool | list[Triple]
    if media.startswith("application/n-triples"):
        result = list(parse(body, RdfFormat.N_TRIPLES))
    else:
        answer = parse_query_results(body, QueryResultsFormat.JSON)
        result = bool(answer) if isinstance(answer, QueryBoolean) else answer
    print_result(console, result, fmt)


def print_result(
    console: Console, result: QuerySolutions | bool | QueryTriples | Iterable[Triple], fmt: str
) -> None:
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
