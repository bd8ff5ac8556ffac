"""The ``hrgraph`` command line: thin; each subcommand calls one public function.

Exit codes: 0 success, 1 the answer is "no" (validation found violations), 2 bad input or
usage (the message says what and where), 3 the graph holds no data to answer (e.g. no
treaty-status source for the State asked about; the message names what is covered), 70 an
unforeseen error (one line naming a log file that holds the traceback; please report it).
Messages are printed as they are: no console markup or emoji codes are interpreted in them
(``xsd:date`` stays ``xsd:date``).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Literal, NoReturn, TypeVar

import click
from rich.console import Console

from hrgraph import __version__
from hrgraph.errors import INTERNAL, HrgraphError, UsageError
from hrgraph.extract.common import ExtractionError
from hrgraph.iri import INFERRED_GRAPH
from hrgraph.reference import ReferenceDataError, UnknownStateError
from hrgraph.sources import KINDS
from hrgraph.store import QueryError, RdfSyntaxError

F = TypeVar("F", bound=Callable[..., Any])
err_console = Console(stderr=True, soft_wrap=True, emoji=False)
console = Console(soft_wrap=True, emoji=False)
if not console.is_terminal:  # piped or captured (make run, CI): wide enough for the tables
    console.width = 140
BAD_INPUT = (
    UsageError,
    ExtractionError,
    ReferenceDataError,
    UnknownStateError,
    QueryError,
    RdfSyntaxError,
    FileNotFoundError,
)


def fail(message: str, code: int = 2) -> NoReturn:
    """``error: MESSAGE`` on stderr, on one line, printed as it is (no markup), then exit ``code``."""
    err_console.print("error: " + " ".join(message.split("\n")), highlight=False, markup=False)
    sys.exit(code)


@contextmanager
def bad_input_exits() -> Iterator[None]:
    """Known bad-input errors → a one-line message on stderr and exit code 2."""
    try:
        yield
    except HrgraphError as err:
        fail(str(err), err.exit_code)
    except BAD_INPUT as err:
        fail(str(err))
    except OSError as err:  # a full or read-only disk, a path the system refuses
        fail(_os_message(err))


def _os_message(err: OSError) -> str:
    where = f"{err.filename}: " if err.filename else ""
    return f"{where}{err.strerror or err}"


def crash_log(err: BaseException) -> Path:
    """Write the traceback of an unforeseen error to a log file; its path."""
    handle, name = tempfile.mkstemp(prefix="hrgraph-error-", suffix=".log")
    with os.fdopen(handle, "w", encoding="utf-8") as log:
        log.write(f"hrgraph {__version__}, argv {sys.argv!r}\n")
        log.write("".join(traceback.format_exception(err)))
    return Path(name)


class Commands(click.Group):
    """The command group, with the one error path around every subcommand."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except HrgraphError as err:
            fail(str(err), err.exit_code)
        except BAD_INPUT as err:
            fail(str(err))
        except OSError as err:
            fail(_os_message(err))
        except Exception as err:  # unforeseen: one line, the traceback in a log
            log = crash_log(err)
            fail(f"internal error ({type(err).__name__}: {err}); the traceback is in {log}", INTERNAL)


def out_option(f: F) -> F:
    return click.option(
        "--out",
        "out",
        type=click.Path(path_type=Path),
        default=Path("build"),
        show_default=True,
        help="Build directory.",
    )(f)


def store_option(f: F) -> F:
    return click.option(
        "--store",
        "store_path",
        type=click.Path(path_type=Path),
        default=None,
        help="Keep the store on disk at PATH instead of in memory.",
    )(f)


def auth_options(f: F) -> F:
    """``--user``, ``--password`` (or ``HRGRAPH_PASSWORD``) and ``--auth``: logging in to a server."""
    f = click.option("--auth", type=click.Choice(["basic", "digest"]), default="basic", show_default=True)(f)
    f = click.option(
        "--password", default=None, help="Password (or set HRGRAPH_PASSWORD).", envvar="HRGRAPH_PASSWORD"
    )(f)
    return click.option("--user", default=None, help="User name for the server.")(f)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hrgraph")
def main() -> None:
    """hrgraph: a knowledge graph of human-rights obligations."""


def sources_option(f: F) -> F:
    return click.option(
        "--sources",
        "source_dirs",
        type=click.Path(path_type=Path, file_okay=False),
        multiple=True,
        help="A folder with your sources.toml and documents (repeatable; default ./sources if it exists).",
    )(f)


def _source_dirs(given: tuple[Path, ...]) -> list[Path]:
    from hrgraph.sources import DEFAULT_DIR

    if given:
        for d in given:
            if not (d / "sources.toml").is_file():
                fail(f"--sources {d}: no sources.toml there (hrgraph add FILE --sources {d} starts one)")
        return list(given)
    return [DEFAULT_DIR] if (DEFAULT_DIR / "sources.toml").is_file() else []


@main.command()
@out_option
@store_option
@sources_option
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
@click.option("--allow-partial", is_flag=True, help="Build even if a reader read nothing of a document.")
@click.option(
    "--keep-invalid",
    is_flag=True,
    help="Write the build even if it violates the shapes (by default the last good build is kept).",
)
@click.option(
    "--full", is_flag=True, help="Extract and reason everything, reusing nothing of the last build."
)
def build(
    out: Path,
    store_path: Path | None,
    source_dirs: tuple[Path, ...],
    no_validate: bool,
    allow_partial: bool,
    keep_invalid: bool,
    full: bool,
) -> None:
    """Extract every source, build, reason, validate; write OUT/hrgraph.nq and OUT/hrgraph.ttl.

    The shipped documents are always read; your own come from --sources DIR (or ./sources).
    On an existing build only new or changed sources are extracted, and the reasoning continues
    from the last build's where that is exact (the summary says which); --full rebuilds all.
    """
    from hrgraph.build import build as run_build
    from hrgraph.cli.tables import print_build_report

    dirs = _source_dirs(source_dirs)
    with (
        bad_input_exits(),
        console.status("building hrgraph (extract → RDF → reason → validate → export)…"),
    ):
        report = run_build(
            out,
            validate_graph=not no_validate,
            store_path=store_path,
            sources=dirs,
            allow_partial=allow_partial,
            keep_invalid=keep_invalid,
            full=full,
        )
    print_build_report(console, report)
    plan = report.plan
    reused = f"reused {len(plan.reused)} sources, extracted {len(plan.extracted)}" if plan.reused else ""
    console.print(
        f"{plan.mode} build"
        + (f" ({plan.why})" if plan.why else "")
        + (f": {reused}" if reused else "")
        + (f"; reasoning {plan.reasoning}" if plan.reasoning else ""),
        markup=False,
        highlight=False,
    )
    if report.validation and not report.validation["conforms"]:
        if not report.written:
            err_console.print(
                f"error: the build violates the shapes; {out} was not replaced (the last good build is "
                "kept). Fix the input, or write it anyway with --keep-invalid.",
                markup=False,
                highlight=False,
            )
        sys.exit(1)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--kind", type=click.Choice(list(KINDS)), default=None, help="The genre (default: from the cover)."
)
@click.option("--state", default=None, help="ISO 3166-1 alpha-3 (default: from the symbol or title).")
@click.option(
    "--language", default=None, help="ISO 639-1 of this text: en, es, fr (default: from its words)."
)
@click.option("--symbol", default=None, help="The UN symbol (default: from the cover).")
@click.option("--date", "date_", default=None, help="YYYY[-MM[-DD]] (default: the cover's Distr. date).")
@click.option(
    "--sources",
    "directory",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("sources"),
    show_default=True,
    help="The source list to add to.",
)
def add(
    file: Path,
    kind: str | None,
    state: str | None,
    language: str | None,
    symbol: str | None,
    date_: str | None,
    directory: Path,
) -> None:
    """Record FILE (a UN document as text) in your source list, for the next build to read."""
    from hrgraph.cli.tables import print_added
    from hrgraph.sources import add as run_add

    with bad_input_exits():
        added = run_add(file, directory, kind=kind, state=state, language=language, symbol=symbol, date=date_)
    print_added(console, added, directory)


@main.command("sources")
@sources_option
@out_option
def sources_(source_dirs: tuple[Path, ...], out: Path) -> None:
    """List what the graph is built from: key, kind, State, symbol, language, lines read / unread."""
    from hrgraph.cli.tables import print_sources
    from hrgraph.sources import load_all

    with bad_input_exits():
        metas = load_all(_source_dirs(source_dirs))
    summary = out / "summary.json"
    built = json.loads(summary.read_text(encoding="utf-8")) if summary.is_file() else {}
    print_sources(console, metas, built)


@main.command()
@click.argument("key")
@click.option(
    "--sources",
    "directory",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("sources"),
    show_default=True,
    help="The source list to remove from.",
)
def remove(key: str, directory: Path) -> None:
    """Take KEY out of your source list (the next build no longer reads it)."""
    from hrgraph.sources import remove as run_remove

    with bad_input_exits():
        meta = run_remove(key, directory)
    console.print(
        f"removed [{meta.key}] ({meta.kind}, {meta.state}) from {directory}/sources.toml; the next "
        "build drops its graph and reasons again",
        markup=False,
    )


@main.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option(
    "--engine",
    type=click.Choice(["sparql", "pyshacl"]),
    default="sparql",
    show_default=True,
    help="sparql: shapes compiled to SPARQL on the store; pyshacl: the reference engine (slower).",
)
@click.option(
    "--format",
    "fmt",
    default=None,
    help="FILE's RDF format (ttl nt nq trig jsonld json rdfxml rdf owl xml); default: its extension.",
)
@out_option
def validate(file: Path | None, engine: Literal["sparql", "pyshacl"], fmt: str | None, out: Path) -> None:
    """Validate FILE (any RDF format) or the last build against the SHACL shapes."""
    from hrgraph.build import open_build
    from hrgraph.validate import validate_file, validate_store

    with bad_input_exits(), console.status("validating…"):
        result = validate_file(file, engine, fmt) if file else validate_store(open_build(out), engine)
    for v in result.results[:50]:
        console.print(
            f"{v.severity.rsplit('#', 1)[-1]}: {v.focus} {v.path} — {v.message}",
            highlight=False,
            markup=False,
        )
    console.print(
        f"conforms: {result.conforms}; violations: {len(result.violations)}; "
        f"other results: {len(result.results) - len(result.violations)}"
    )
    sys.exit(0 if result.conforms else 1)


def _size(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """A ``--max-memory`` value (``2G``, ``512M``, bytes) in bytes, at least 256 MiB."""
    from hrgraph.serve.workers import parse_size

    if value is None:
        return None
    try:
        size = parse_size(value)
    except UsageError as err:
        raise click.BadParameter(str(err)) from None
    if size < 256 * 1024 * 1024:
        raise click.BadParameter(f"{value!r}: at least 256M (a worker needs about 100 MiB to start)")
    return size


@main.command()
@click.argument("query", required=False)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml"]), default="table")
@click.option("--list", "list_", is_flag=True, help="List the query catalogue.")
@click.option(
    "--endpoint", default=None, metavar="URL", help="Run it on this SPARQL endpoint, not the build."
)
@click.option("--show", is_flag=True, help="Print the query with its parameters bound; do not run it.")
@click.option(
    "--timeout",
    default=None,
    type=click.FloatRange(min=0, min_open=True),
    help="Stop the query after SECONDS (exit 2); it then runs in a worker process.",
)
@click.option(
    "--max-memory",
    default=None,
    callback=_size,
    help="Stop the query when it needs more memory (e.g. 512M, 2G; exit 2); it then runs in a worker.",
)
@auth_options
@out_option
def query(
    query: str | None,
    params: tuple[str, ...],
    fmt: str,
    list_: bool,
    endpoint: str | None,
    show: bool,
    timeout: float | None,
    max_memory: int | None,
    user: str | None,
    password: str | None,
    auth: str,
    out: Path,
) -> None:
    """Run QUERY: a catalogue name, a .rq file, or SPARQL text.

    With --timeout or --max-memory the query runs in a worker process of its own (the one
    'hrgraph serve' uses) over a scratch copy of the build; passing either bound is exit 2 with
    one line naming the bound."""
    from hrgraph.build import open_build
    from hrgraph.cli.query import Login, print_catalogue, run_query, run_query_bounded
    from hrgraph.remote import RemoteError

    with bad_input_exits():
        if list_:
            print_catalogue(console)
            return
        if not query:
            raise UsageError("give a query (a catalogue name, a .rq file or SPARQL text), or --list")
        given = {}
        for item in params:
            if "=" not in item:
                raise UsageError(f"--param {item!r}: expected NAME=VALUE")
            name, value = item.split("=", 1)
            if name.strip() in given:
                raise UsageError(f"--param {name.strip()} is given twice; give each parameter once")
            given[name.strip()] = value
        if endpoint is not None and not endpoint.startswith(("http://", "https://")):
            raise UsageError(f"--endpoint {endpoint!r}: expected an http(s) URL")
        if (timeout is not None or max_memory is not None) and not (show or endpoint):
            run_query_bounded(console, out, query, given, fmt, timeout, max_memory)
            return
        store = None if show or endpoint else open_build(out)
        try:
            login = Login(user, password, auth, timeout if timeout is not None else Login.timeout)
            run_query(console, store, query, given, fmt, endpoint, show, login)
        except RemoteError as err:
            fail(str(err).replace("[", "\\["))


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "rdfxml"]),
    default="ttl",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="File (default stdout).")
@click.option("--graph", default=None, help="Export one named graph (IRI).")
@click.option(
    "--materialise",
    is_flag=True,
    help="Add to the inferred graph what queries join at query time (hrg:obligationOf of every "
    "State bound by an article).",
)
@out_option
def export(fmt: str, output: Path | None, graph: str | None, materialise: bool, out: Path) -> None:
    """Export the last build in an RDF format."""
    from hrgraph.build import open_build
    from hrgraph.publish.export import export as run_export

    with bad_input_exits():
        run_export(open_build(out), fmt, output, graph, materialise=materialise)


NO_DATA = 3


@main.command()
@click.argument("state")
@click.option("--date", "on", default=None, metavar="YYYY-MM-DD", help="The date (default: today).")
@click.option("--instrument", default=None, metavar="KEY", help="Only this instrument (ICESCR).")
@click.option("--article", default=None, metavar="KEY/N", help="Only this article (ICESCR/12).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "ttl"]), default="table")
@click.option(
    "--endpoint",
    default=None,
    metavar="URL",
    help="Answer from this SPARQL query endpoint (its default graph the union), not the build.",
)
@auth_options
@out_option
def obligations(
    state: str,
    on: str | None,
    instrument: str | None,
    article: str | None,
    fmt: str,
    endpoint: str | None,
    user: str | None,
    password: str | None,
    auth: str,
    out: Path,
) -> None:
    """The instruments, obligations and recommendations of STATE (ISO code or name) on a date, and why.

    Exits 3 when the graph holds no treaty-status source for STATE.
    """
    from hrgraph.build import open_build
    from hrgraph.cli.tables import print_obligations
    from hrgraph.obligations import NoDataError, explanation_triples
    from hrgraph.obligations import obligations as answer_for
    from hrgraph.obligations.source import Selects
    from hrgraph.remote import RemoteStore

    with bad_input_exits():
        try:
            when = date.fromisoformat(on) if on is not None else None
        except ValueError:
            raise UsageError(f"--date {on!r}: expected YYYY-MM-DD") from None
        if article and "/" not in article:
            raise UsageError(f"--article {article!r}: expected KEY/N, e.g. ICESCR/12")
        store: Selects = RemoteStore(endpoint, user, password, auth) if endpoint else open_build(out)
        try:
            answer = answer_for(store, state, when, instrument, article)
        except NoDataError as err:
            fail(str(err), NO_DATA)
        ttl = explanation_triples(store, answer) if fmt == "ttl" else b""
    if fmt == "json":
        click.echo(json.dumps(answer.to_json(), indent=2, ensure_ascii=False))
    elif fmt == "ttl":
        sys.stdout.buffer.write(ttl)
    else:
        print_obligations(console, answer)


@main.command()
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The server's SPARQL Update endpoint (Virtuoso /sparql-auth, Oxigraph /update).",
)
@click.option(
    "--query-endpoint",
    default=None,
    help="Where to count (default: derived from URL, e.g. Virtuoso /sparql-auth → /sparql).",
)
@auth_options
@click.option(
    "--group",
    "groups",
    multiple=True,
    type=click.Choice(["owl-rl", "domain"]),
    help="Run only this group of rules (repeatable; default: both).",
)
@click.option("--timeout", default=600.0, show_default=True, type=float, help="Seconds one request may take.")
def reason(
    endpoint: str,
    query_endpoint: str | None,
    user: str | None,
    password: str | None,
    auth: str,
    groups: tuple[str, ...],
    timeout: float,
) -> None:
    """Run the inference rules inside the SPARQL store at URL, into its inferred graph.

    The store must hold the asserted graphs ('hrgraph push'); its inferred graph is replaced.
    """
    from hrgraph.reason.remote import reason_remote
    from hrgraph.remote import Remote

    with bad_input_exits():
        remote = Remote(endpoint, "update", query_endpoint, user, password, auth, timeout)
        stats = reason_remote(remote, groups or ("owl-rl", "domain"))
    for name, runs in stats["rule_runs"].items():
        console.print(
            f"{name}: {runs} run(s), {stats['added'][name]} triples, {stats['rule_seconds'][name]:.2f} s",
            highlight=False,
        )
    console.print(
        f"{stats['triples']} triples in {INFERRED_GRAPH} ({stats['asserted_elsewhere']} asserted "
        f"elsewhere dropped), {stats['runs']} rule runs, {stats['total_seconds']:.2f} s; "
        f"counted at {remote.reads_from}",
        highlight=False,
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=7878, show_default=True, type=int, help="Port to listen on.")
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Seconds a query may run.")
@click.option("--max-bytes", default=16 * 1024 * 1024, show_default=True, type=int, help="Largest result.")
@click.option(
    "--max-rows",
    default=100_000,
    show_default=True,
    type=click.IntRange(1),
    help="Most solutions (SELECT) or triples (CONSTRUCT, DESCRIBE) a result may have (then 422).",
)
@click.option(
    "--max-memory",
    default="2G",
    show_default=True,
    callback=_size,
    help="Memory a query worker may use (RLIMIT_DATA; then 507 and a new worker), e.g. 512M, 2G.",
)
@click.option("--workers", default=4, show_default=True, type=click.IntRange(1, 64), help="Query processes.")
@click.option(
    "--slow-workers",
    default=2,
    show_default=True,
    type=click.IntRange(1, 64),
    help="How many workers may run a query past --slow-after at once (the rest stay for cheap queries).",
)
@click.option(
    "--slow-after", default=1.0, show_default=True, type=float, help="Seconds after which a query is slow."
)
@out_option
def serve(
    host: str,
    port: int,
    timeout: float,
    max_bytes: int,
    max_rows: int,
    max_memory: int,
    workers: int,
    slow_workers: int,
    slow_after: float,
    out: Path,
) -> None:
    """A read-only SPARQL 1.1 endpoint (and query page) over the last build."""
    from hrgraph.serve.endpoint import serve as run_serve
    from hrgraph.serve.sparql import Limits

    limits = Limits(timeout, max_bytes, max_rows, max_memory, workers, slow_workers, slow_after)
    with bad_input_exits():
        run_serve(out, host, port, limits)


@main.command()
@click.argument("endpoint")
@click.option(
    "--graph", "graphs", multiple=True, metavar="IRI", help="Push only this named graph (repeatable)."
)
@click.option(
    "--protocol",
    type=click.Choice(["update", "gsp"]),
    default="update",
    show_default=True,
    help="SPARQL Update (INSERT DATA) or Graph Store Protocol (PUT/POST).",
)
@click.option(
    "--query-endpoint",
    default=None,
    help="Where to count afterwards (default: derived from ENDPOINT, e.g. Oxigraph /update → /query).",
)
@auth_options
@click.option("--batch", default=2000, show_default=True, type=int, help="Triples per request.")
@out_option
def push(
    endpoint: str,
    graphs: tuple[str, ...],
    protocol: str,
    query_endpoint: str | None,
    user: str | None,
    password: str | None,
    auth: str,
    batch: int,
    out: Path,
) -> None:
    """Load the build's named graphs into the SPARQL server at ENDPOINT, then verify by counting."""
    from hrgraph.build import open_build
    from hrgraph.remote import Remote, RemoteError
    from hrgraph.remote import push as run_push

    with bad_input_exits():
        remote = Remote(endpoint, protocol, query_endpoint, user, password, auth)
        store = open_build(out)
        try:
            report = run_push(store, remote, list(graphs) or None, batch, err_console)
        except RemoteError as err:
            fail(str(err))
    for graph, n in report.local.items():
        console.print(
            f"{graph}: {n} triples pushed, {report.remote.get(graph)} on the server", highlight=False
        )
    rate = report.triples / report.seconds if report.seconds else 0.0
    console.print(
        f"{report.triples} triples in {report.requests} requests, {report.seconds:.2f} s ({rate:,.0f}/s); "
        f"counted at {remote.reads_from}",
        highlight=False,
    )
    if not report.ok:
        fail("count mismatch after push: " + "; ".join(report.mismatches()), 1)


@main.command()
@click.option(
    "--dest",
    type=click.Path(path_type=Path),
    default=Path("release"),
    show_default=True,
    help="Directory the bundle is written into.",
)
@click.option(
    "--date",
    "when",
    default=None,
    metavar="YYYY-MM-DD",
    help="Release date (default: the version's CHANGELOG.md entry).",
)
@out_option
def release(dest: Path, when: str | None, out: Path) -> None:
    """Bundle the last build as DEST/hrgraph-VERSION/ (exports, ontology, docs, VoID, SHA256SUMS)."""
    from hrgraph.publish.release import release as run_release

    with bad_input_exits(), console.status("writing the release bundle…"):
        report = run_release(out, dest, when=when)
    console.print(
        f"hrgraph {report.version} ({report.date}): {len(report.files) + 1} files in "
        f"{report.directory}, archive {report.archive}",
        highlight=False,
    )


if __name__ == "__main__":
    main()
