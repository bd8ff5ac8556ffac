"""The source lists: which documents the graph is built from, of which kind, and their RDF.

A source list is a folder holding ``sources.toml`` and the files it names. hrgraph ships one
(``resources/sources/``: the three seed documents); a user keeps their own beside it
(``hrgraph add FILE`` writes ``./sources/`` by default; ``hrgraph build --sources DIR``). Each
entry declares what the build needs to pick the reader and to say whose document it is::

    [ccpr-c-nam-co-2]
    file = "concluding-observations_NAM_en.txt"
    sha256 = "e93bd434…"
    kind = "concluding-observations"   # one of KINDS
    state = "NAM"                      # ISO 3166-1 alpha-3
    language = "en"                    # ISO 639-1, the language of this text
    symbol = "CCPR/C/NAM/CO/2"         # optional: the UN symbol (the document's IRI)
    date = "2016-04-22"                # optional: YYYY, YYYY-MM or YYYY-MM-DD
    title = "…"                        # optional, as are title_en, author, origin

Each source is a ``hrg:SourceDocument`` (and the class of its kind) with Dublin Core metadata
and its SHA-256; ``build`` refuses a file whose checksum differs from the entry, so that every
passage IRI keeps pointing at the lines it names.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pyoxigraph import Literal

from hrgraph import iri, paths
from hrgraph.errors import UsageError
from hrgraph.extract.common import Declared, ExtractionError, SourceText
from hrgraph.extract.symbols import normalise
from hrgraph.extract.undoc.cover import Cover, read_cover
from hrgraph.namespace import DCT, XSD
from hrgraph.rdf.writer import GraphWriter
from hrgraph.reference import UnknownStateError, resolve_state
from hrgraph.store import atomic_write

SOURCES_DIR = paths.sources_dir()
LIST_NAME = "sources.toml"
REQUIRED = ("file", "sha256", "kind", "state", "language")
#: Kinds whose documents may cover several States (a committee's follow-up report): no ``state``.
MULTI_STATE = ("follow-up-assessment", "treaty-status")
#: The kinds of document hrgraph reads, with the class each source document gets.
KINDS: dict[str, str] = {
    "upr-national-report": "StateReport",
    "upr-compilation": "Compilation",
    "upr-stakeholder-summary": "Compilation",
    "state-report": "StateReport",
    "concluding-observations": "ConcludingObservations",
    "follow-up-reply": "FollowUpReply",
    "follow-up-assessment": "FollowUpReport",
    "treaty-status": "Document",
    "compilation": "Compilation",
}
LANGUAGES = ("en", "es", "fr")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class SourceMeta:
    key: str
    path: Path
    sha256: str
    kind: str
    state: str
    language: str
    symbol: str = ""
    date: str = ""
    title: str = ""
    title_en: str = ""
    author: str = ""
    origin: str = ""
    seed: str = ""

    @property
    def iri(self) -> str:
        """The document's IRI: its UN symbol where it has one, else ``id/source/KEY``."""
        return iri.doc(self.symbol) if self.symbol else iri.source(self.key)

    @property
    def graph(self) -> str:
        return iri.graph(self.key)

    @property
    def declared(self) -> Declared:
        """What the readers are told (and check against the cover page)."""
        return Declared(self.key, self.kind, self.state, self.language, self.symbol, self.date)

    def read(self) -> SourceText:
        """The text, after checking that the file is the one the metadata describes."""
        if not self.path.is_file():
            raise ExtractionError(str(self.path), None, "source file is missing")
        digest = sha256(self.path)
        if digest != self.sha256:
            raise ExtractionError(
                str(self.path),
                None,
                f"checksum {digest[:12]}… differs from {LIST_NAME} ({self.sha256[:12]}…): "
                "the file was changed; update its metadata if the change is intended",
            )
        return SourceText.from_path(self.key, self.path)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _line_of(text: str, key: str) -> int | None:
    """The line of the ``[key]`` header in a source list (TOML parsers give no positions)."""
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip() in (f"[{key}]", f'["{key}"]'):
            return n
    return None


def _entry(key: str, entry: object, directory: Path, where: str, line: int | None) -> SourceMeta:
    if not isinstance(entry, dict):
        raise ExtractionError(where, line, f"[{key}] is not a table of fields")
    if key in iri.RESERVED_GRAPHS:
        raise ExtractionError(
            where, line, f"[{key}]: the build names a graph so; choose another key for the source"
        )
    bad = [f for f, v in entry.items() if not isinstance(v, str)]
    if bad:
        raise ExtractionError(where, line, f"[{key}] {', '.join(bad)}: expected text in quotes")
    optional = ("state",) if entry.get("kind") in MULTI_STATE else ()
    missing = [f for f in REQUIRED if not entry.get(f) and f not in optional]
    if missing:
        raise ExtractionError(where, line, f"[{key}] lacks {', '.join(missing)}")
    check_declared(entry, where, line, key)
    return SourceMeta(
        key=key,
        path=directory / entry["file"],
        sha256=entry["sha256"],
        kind=entry["kind"],
        state=resolve_state(entry["state"]) if entry.get("state") else "",
        language=entry["language"],
        symbol=normalise(entry["symbol"]) if entry.get("symbol") else "",
        date=entry.get("date", ""),
        title=entry.get("title", ""),
        title_en=entry.get("title_en", ""),
        author=entry.get("author", ""),
        origin=entry.get("origin", ""),
        seed=entry.get("seed", ""),
    )


def is_date(text: str) -> bool:
    """Whether ``text`` is a calendar date, month or year: YYYY, YYYY-MM or YYYY-MM-DD.

    >>> [is_date(t) for t in ("2019", "2019-05", "2019-02-29", "2019-13", "2020-02-29")]
    [True, True, False, False, True]
    """
    if not DATE.match(text):
        return False
    parts = [*map(int, text.split("-")), 1, 1][:3]
    try:
        date(*parts)
    except ValueError:
        return False
    return True


def check_declared(entry: dict[str, str], where: str, line: int | None, key: str = "") -> None:
    """Refuse an unknown kind, State, language or a malformed date, naming what was expected."""
    label = f"[{key}] " if key else ""
    if entry.get("kind") not in KINDS:
        raise ExtractionError(
            where, line, f"{label}kind {entry.get('kind')!r}: expected one of {', '.join(KINDS)}"
        )
    try:
        if entry.get("state") or entry.get("kind") not in MULTI_STATE:
            resolve_state(entry.get("state", ""))
    except UnknownStateError as err:
        raise ExtractionError(where, line, f"{label}{err}") from None
    if entry.get("language") not in LANGUAGES:
        raise ExtractionError(
            where, line, f"{label}language {entry.get('language')!r}: expected one of {', '.join(LANGUAGES)}"
        )
    if entry.get("date") and not is_date(entry["date"]):
        raise ExtractionError(
            where, line, f"{label}date {entry['date']!r}: expected YYYY, YYYY-MM or YYYY-MM-DD"
        )
    if "/" in entry.get("file", "") or entry.get("file", "").startswith("."):
        raise ExtractionError(
            where, line, f"{label}file {entry['file']!r}: expected a file name in the list's folder"
        )


def load_sources(directory: Path = SOURCES_DIR) -> list[SourceMeta]:
    """The sources listed in ``DIRECTORY/sources.toml``, in file order."""
    meta_path = directory / LIST_NAME
    try:
        text = meta_path.read_text(encoding="utf-8-sig")
        table = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ExtractionError(str(meta_path), None, f"cannot read the source list: {err}") from err
    return [
        _entry(key, entry, directory, str(meta_path), _line_of(text, key)) for key, entry in table.items()
    ]


def load_all(directories: list[Path]) -> list[SourceMeta]:
    """The shipped sources, then every user list given; a key listed twice is an error."""
    out: list[SourceMeta] = []
    seen: dict[str, Path] = {}
    for directory in [SOURCES_DIR, *[d for d in directories if d.resolve() != SOURCES_DIR.resolve()]]:
        for meta in load_sources(directory):
            if meta.key in seen:
                raise ExtractionError(
                    str(directory / LIST_NAME), None, f"[{meta.key}] is listed in {seen[meta.key]} too"
                )
            seen[meta.key] = directory / LIST_NAME
            out.append(meta)
    return out


def write_source(meta: SourceMeta, w: GraphWriter) -> None:
    """The source document's own description, into its graph."""
    doc = meta.iri
    w.type(doc, "SourceDocument")
    w.type(doc, KINDS[meta.kind])
    title = meta.title or meta.symbol or meta.key
    w.add(doc, DCT.title, Literal(title, language=meta.language))
    if meta.title_en:
        w.add(doc, DCT.title, Literal(meta.title_en, language="en"))
    w.label(doc, title, meta.language)
    if meta.author:
        w.add(doc, DCT.creator, Literal(meta.author))
    w.add(doc, DCT.language, Literal(meta.language, datatype=XSD.language))
    if meta.date:
        kind = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(meta.date), XSD.date)
        w.add(doc, DCT.date, Literal(meta.date, datatype=kind))
    if meta.origin:
        w.add(doc, DCT.source, Literal(meta.origin))
    w.add(doc, DCT.identifier, Literal(meta.key))
    w.value(doc, "sha256", meta.sha256)
    w.value(doc, "sourceKind", meta.kind)
    if meta.symbol:
        w.value(doc, "symbol", meta.symbol)
    if meta.state and KINDS[meta.kind] in ("StateReport", "FollowUpReply"):
        w.link(doc, "submittedBy", iri.state(meta.state))
    elif meta.state:
        w.add(doc, DCT.spatial, iri.state(meta.state))


# Adding and removing documents (``hrgraph add`` / ``hrgraph remove``) ----------------------
# ``hrgraph add`` and ``hrgraph remove``: a document into (or out of) a user's source list.
#
# What the cover page prints — the symbol (and from it the kind and the State), the ``Distr.``
# date, the body, the State in the title — is detected with :func:`hrgraph.extract.undoc.cover.
# read_cover` and shown; an explicit option wins. The text's language is the one its words are
# in (the cover's ``Original:`` names the language the document was written in, which a
# translation does not share). The file is copied into the list's folder, its SHA-256 recorded,
# and the entry appended to ``sources.toml`` atomically; the next ``hrgraph build --sources DIR``
# reads it.

DEFAULT_DIR = Path("sources")
_WORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "on", "with"},
    "es": {"el", "la", "de", "que", "y", "en", "los", "las", "del", "por"},
    "fr": {"le", "la", "les", "des", "et", "est", "que", "du", "dans", "pour"},
}


@dataclass(frozen=True)
class Added:
    meta: SourceMeta
    detected: dict[str, str]  # what the cover page (or the words) gave, field → value
    given: dict[str, str]  # what the options gave


def guess_language(src: SourceText) -> str | None:
    """The language most of the text's common words belong to (``en``, ``es``, ``fr``)."""
    words = re.findall(r"[a-záéíóúñç]+", " ".join(src.lines[:400]).lower())
    scores = {lang: sum(w in common for w in words) for lang, common in _WORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= 20 else None


def detect(src: SourceText) -> tuple[Cover, dict[str, str]]:
    """What the document says about itself, as source-list fields (a treaty-status CSV by its
    header line)."""
    if src.lines and src.lines[0].strip().lstrip("\ufeff").startswith("state,instrument,action,"):
        return Cover(), {"kind": "treaty-status", "language": "en"}
    cover = read_cover(src)
    found = {
        "kind": cover.kind or "",
        "state": cover.state or "",
        "symbol": cover.symbol or "",
        "date": cover.date.isoformat() if cover.date else "",
        "language": guess_language(src) or "",
        "title": cover.title or "",
        "author": cover.body or "",
    }
    return cover, {k: v for k, v in found.items() if v}


def _read_document(path: Path) -> SourceText:
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    data = path.read_bytes()
    if b"\x00" in data[:65536]:
        raise ExtractionError(str(path), None, "not a text file (NUL bytes): export the PDF as text first")
    return SourceText.from_path(path.stem, path)


def _key(fields: dict[str, str], path: Path, taken: set[str]) -> str:
    """The document's symbol (else its file name) as a key no source and no build graph has.

    >>> _key({}, Path("void.txt"), set()), _key({"symbol": "E/C.12/X"}, Path("a.txt"), {"e-c-12-x"})
    ('void-2', 'e-c-12-x-2')
    """
    base = re.sub(r"[^a-z0-9]+", "-", (fields.get("symbol") or path.stem).lower()).strip("-")
    key, n = base, 2
    while key in taken or key in iri.RESERVED_GRAPHS:  # a file named void.txt is [void-2]
        key, n = f"{base}-{n}", n + 1
    return key


def _toml_entry(key: str, fields: dict[str, str]) -> str:
    order = ("file", "sha256", "kind", "state", "language", "symbol", "date", "title", "author", "origin")
    lines = [f"[{key}]"]
    for name in order:
        if fields.get(name):
            value = fields[name].replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'{name} = "{value}"')
    return "\n".join(lines) + "\n"


def add(path: Path, directory: Path = DEFAULT_DIR, **options: str | None) -> Added:
    """Record ``path`` in the source list of ``directory``; options (kind, state, language,
    symbol, date) win over what the cover page says. Raises before writing anything if the
    kind cannot be told or a value is not one the build reads."""
    src = _read_document(path)
    _, detected = detect(src)
    given = {k: v for k, v in options.items() if v}
    if given.get("symbol"):
        given["symbol"] = normalise(given["symbol"])
    fields = {**detected, **given}
    if not fields.get("kind"):
        raise UsageError(
            f"{path}: the kind of document cannot be told from its cover page; "
            f"give --kind, one of: {', '.join(KINDS)}"
        )
    if not fields.get("state") and fields["kind"] not in MULTI_STATE:
        raise UsageError(f"{path}: no State on the cover page; give --state (ISO 3166-1 alpha-3)")
    if not fields.get("language"):
        raise UsageError(f"{path}: the text's language cannot be told; give --language (en, es, fr)")
    existing = load_sources(directory) if (directory / LIST_NAME).is_file() else []
    digest = sha256(path)
    for meta in existing:
        if meta.sha256 == digest:
            raise UsageError(f"{path}: already in {directory / LIST_NAME} as [{meta.key}]")
    target = directory / path.name
    if target.exists() and sha256(target) != digest:
        raise UsageError(f"{target}: another file of that name is in the list; rename yours")
    fields.update(file=path.name, sha256=digest, origin=fields.get("origin") or f"added from {path}")
    key = _key(fields, path, {m.key for m in existing})
    check_declared(fields, str(path), None, key)
    directory.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        shutil.copyfile(path, target)
    _append(directory / LIST_NAME, _toml_entry(key, fields))
    meta = next(m for m in load_sources(directory) if m.key == key)
    return Added(meta, detected, given)


def _append(list_path: Path, entry: str) -> None:
    old = list_path.read_text(encoding="utf-8") if list_path.is_file() else _HEADER
    text = old.rstrip("\n") + "\n\n" + entry
    tomllib.loads(text)  # never write a list the build cannot read
    with atomic_write(list_path) as out:
        out.write(text.encode("utf-8"))


def remove(key: str, directory: Path = DEFAULT_DIR) -> SourceMeta:
    """Take ``key`` out of the source list of ``directory`` (and its copied file)."""
    metas = {m.key: m for m in load_sources(directory)}
    if key not in metas:
        raise UsageError(f"[{key}] is not in {directory / LIST_NAME} (listed: {', '.join(metas) or 'none'})")
    text = (directory / LIST_NAME).read_text(encoding="utf-8")
    kept = re.sub(rf"(?ms)^\[{re.escape(key)}\]\n.*?(?=^\[|\Z)", "", text).rstrip("\n") + "\n"
    tomllib.loads(kept)
    with atomic_write(directory / LIST_NAME) as out:
        out.write(kept.encode("utf-8"))
    if not any(m.path == metas[key].path for k, m in metas.items() if k != key):
        metas[key].path.unlink(missing_ok=True)
    return metas[key]


_HEADER = """# Your source list: the documents hrgraph builds from besides the ones it ships.
# `hrgraph add FILE` appends to it; `hrgraph build --sources DIR` reads it (./sources by default).
"""
