"""``hrgraph add`` and ``hrgraph remove``: a document into (or out of) a user's source list.

What the cover page prints — the symbol (and from it the kind and the State), the ``Distr.``
date, the body, the State in the title — is detected with :func:`hrgraph.extract.undoc.cover.
read_cover` and shown; an explicit option wins. The text's language is the one its words are
in (the cover's ``Original:`` names the language the document was written in, which a
translation does not share). The file is copied into the list's folder, its SHA-256 recorded,
and the entry appended to ``sources.toml`` atomically; the next ``hrgraph build --sources DIR``
reads it.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

from hrgraph.errors import UsageError
from hrgraph.extract.common import ExtractionError, SourceText
from hrgraph.extract.symbols import normalise
from hrgraph.extract.undoc.cover import Cover, read_cover
from hrgraph.sources import KINDS, LIST_NAME, MULTI_STATE, SourceMeta, check_declared, load_sources, sha256
from hrgraph.store import atomic_write

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
    """What the document says about itself, as source-list fields."""
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
    base = re.sub(r"[^a-z0-9]+", "-", (fields.get("symbol") or path.stem).lower()).strip("-")
    key, n = base, 2
    while key in taken:
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
