"""What ``hrgraph build`` publishes beside the data: the VoID/DCAT description, the JSON-LD
context and the ontology documentation.

``build.write_outputs`` calls :func:`write_publication` on the staging directory, so these files
are swapped into place together with ``hrgraph.nq`` (and a failed build leaves the old ones).
"""

from __future__ import annotations

import os
from pathlib import Path

from hrgraph import __version__
from hrgraph.errors import UsageError
from hrgraph.publish.jsonld import context_document
from hrgraph.publish.ontodoc import write_docs
from hrgraph.publish.void import DEFAULT_BASE, build_date, describe, write_description
from hrgraph.sources import SourceMeta
from hrgraph.store import GraphStore, atomic_write

VOID_NAME, CONTEXT_NAME, DOCS_DIR = "void.ttl", "context.jsonld", "docs"


def write_publication(
    store: GraphStore, directory: Path, sources: list[SourceMeta] | None = None
) -> list[Path]:
    """``void.ttl``, ``context.jsonld`` and ``docs/`` into ``directory``; returns the paths.

    ``sources`` are the source documents the store was built from (default: the shipped ones).
    ``void.ttl`` names the endpoint and downloads under ``$HRGRAPH_BASE_URL`` (where the build will
    be served, e.g. ``https://hr.example.org/``), else ``hrgraph serve``'s default address."""
    base = os.environ.get("HRGRAPH_BASE_URL") or DEFAULT_BASE
    if not base.startswith(("http://", "https://")) or any(c in base for c in ' <>"{}|\\^`'):
        raise UsageError(
            f"HRGRAPH_BASE_URL={base!r}: expected an http(s) URL such as https://hr.example.org/"
        )
    base = base if base.endswith("/") else base + "/"
    with atomic_write(directory / VOID_NAME) as out:
        write_description(describe(store, __version__, build_date(), sources=sources, base=base), out)
    with atomic_write(directory / CONTEXT_NAME) as out:
        out.write(context_document())
    docs = write_docs(directory / DOCS_DIR)
    return [directory / VOID_NAME, directory / CONTEXT_NAME, *docs]
