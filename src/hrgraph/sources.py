"""The source documents: their metadata (``src/hrgraph/resources/sources/sources.toml``) and their RDF.

Each source is a ``hrg:SourceDocument`` (and a ``hrg:StateReport`` or ``hrg:Compilation``)
with Dublin Core metadata and its SHA-256; ``build`` refuses a file whose checksum differs
from the metadata, so that every passage IRI keeps pointing at the lines it names.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal

from hrgraph import iri, paths
from hrgraph.extract.common import ExtractionError, SourceText
from hrgraph.extract.symbols import normalise
from hrgraph.namespace import DCT, XSD
from hrgraph.rdf.writer import GraphWriter

SOURCES_DIR = paths.sources_dir()
REQUIRED = ("file", "sha256", "title", "kind", "author", "date", "language", "origin")


@dataclass(frozen=True)
class SourceMeta:
    key: str
    path: Path
    sha256: str
    title: str
    title_en: str
    kind: str
    author: str
    state: str
    symbol: str
    date: str
    language: str
    origin: str
    seed: str

    @property
    def iri(self) -> str:
        """The document's IRI: its UN symbol where it has one, else ``id/source/KEY``."""
        return iri.doc(self.symbol) if self.symbol else iri.source(self.key)

    @property
    def graph(self) -> str:
        return iri.graph(self.key)

    def read(self) -> SourceText:
        """The text, after checking that the file is the one the metadata describes."""
        if not self.path.is_file():
            raise ExtractionError(str(self.path), None, "source file is missing")
        digest = hashlib.sha256(self.path.read_bytes()).hexdigest()
        if digest != self.sha256:
            raise ExtractionError(
                str(self.path),
                None,
                f"checksum {digest[:12]}… differs from sources.toml ({self.sha256[:12]}…): "
                "the file was changed; update its metadata if the change is intended",
            )
        return SourceText.from_path(self.key, self.path)


def load_sources(directory: Path = SOURCES_DIR) -> list[SourceMeta]:
    """The sources listed in ``sources.toml``, in file order."""
    meta_path = directory / "sources.toml"
    try:
        table = tomllib.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ExtractionError(str(meta_path), None, f"cannot read source metadata: {err}") from err
    out = []
    for key, entry in table.items():
        missing = [f for f in REQUIRED if f not in entry]
        if missing:
            raise ExtractionError(str(meta_path), None, f"[{key}] lacks {', '.join(missing)}")
        out.append(
            SourceMeta(
                key=key,
                path=directory / entry["file"],
                sha256=entry["sha256"],
                title=entry["title"],
                title_en=entry.get("title_en", ""),
                kind=entry["kind"],
                author=entry["author"],
                state=entry.get("state", ""),
                symbol=normalise(entry["symbol"]) if entry.get("symbol") else "",
                date=str(entry["date"]),
                language=entry["language"],
                origin=entry["origin"],
                seed=entry.get("seed", ""),
            )
        )
    return out


def write_source(meta: SourceMeta, w: GraphWriter) -> None:
    """The source document's own description, into its graph."""
    doc = meta.iri
    w.type(doc, "SourceDocument")
    w.type(doc, meta.kind)
    w.add(doc, DCT.title, Literal(meta.title, language=meta.language))
    if meta.title_en:
        w.add(doc, DCT.title, Literal(meta.title_en, language="en"))
    w.label(doc, meta.title, meta.language)
    w.add(doc, DCT.creator, Literal(meta.author))
    w.add(doc, DCT.language, Literal(meta.language, datatype=XSD.language))
    w.add(doc, DCT.date, Literal(meta.date, datatype=XSD.gYear if len(meta.date) == 4 else XSD.date))
    w.add(doc, DCT.source, Literal(meta.origin))
    w.add(doc, DCT.identifier, Literal(meta.key))
    w.value(doc, "sha256", meta.sha256)
    if meta.symbol:
        w.value(doc, "symbol", meta.symbol)
    if meta.state and meta.kind == "StateReport":
        w.link(doc, "submittedBy", iri.state(meta.state))
    elif meta.state:
        w.add(doc, DCT.spatial, iri.state(meta.state))
