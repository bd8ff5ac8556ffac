"""The query page of ``hrgraph serve`` and the catalogue routes it uses.

- ``/`` (and ``/sparql`` for a browser): YASGUI (vendored, ``static/yasgui/``, no CDN), the
  catalogue with a field per parameter (its default filled in), a shareable link
  (``/?query=NAME&PARAM=VALUE``, which loads and runs the query) and CSV/JSON downloads; rendered
  from ``templates/query.html``;
- ``/queries/`` the catalogue as JSON; ``/queries/NAME.rq?PARAM=VALUE…`` the query bound by
  :func:`hrgraph.query.bound_query`, the one binding mechanism of the CLI and the server, so
  what the page runs is what ``hrgraph query NAME --param … --show`` prints;
- ``/static/…`` the vendored files.
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Mapping
from typing import Any

from hrgraph.errors import UsageError
from hrgraph.namespace import PREFIXES
from hrgraph.query import CatalogueQuery, bound_query, catalogue, find_query
from hrgraph.serve.sparql import Limits
from hrgraph.serve.templates import STATIC_DIR, render

READABLE_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "hrgid"}
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


def _entry(q: CatalogueQuery) -> dict[str, Any]:
    return {
        "name": q.name,
        "title": q.title,
        "description": q.description,
        "parameters": [{"name": p.name, "kind": p.kind, "default": p.default_text} for p in q.parameters],
    }


def catalogue_json() -> list[dict[str, Any]]:
    return [_entry(q) for q in catalogue()]


def query_page(limits: Limits | None = None) -> bytes:
    """The query page: YASGUI, the catalogue with parameter fields, links and downloads, and
    the endpoint's bounds (:func:`hrgraph.serve.description.limits_text`)."""
    from hrgraph.serve.description import limits_text

    queries = catalogue()
    return render(
        "query.html",
        title="hrgraph SPARQL",
        endpoint="/sparql",
        bounds=limits_text(limits or Limits()),
        queries=queries,
        catalogue=[_entry(q) for q in queries],
        prefixes=READABLE_PREFIXES,
    ).encode()


def catalogue_answer(path: str, params: Mapping[str, list[str]]) -> tuple[int, str, bytes]:
    """``/queries/`` or ``/queries/NAME.rq?…``: (status, content type, body)."""
    name = path.removeprefix("/queries/")
    if not name:
        return 200, "application/json", json.dumps(catalogue_json(), ensure_ascii=False, indent=1).encode()
    found = find_query(name) if name.endswith(".rq") and "/" not in name else None
    if found is None:
        return 404, "text/plain; charset=utf-8", f"no catalogue query {name!r} (see /queries/)\n".encode()
    try:
        text = bound_query(found, {k: v[0] for k, v in params.items() if v and v[0]})
    except UsageError as err:
        return 400, "text/plain; charset=utf-8", f"{err}\n".encode()
    return 200, "application/sparql-query; charset=utf-8", text.encode()


def static_answer(path: str) -> tuple[int, str, bytes]:
    """A vendored file under ``/static/`` (only files that exist there; no ``..``)."""
    relative = path.removeprefix("/static/")
    target = (STATIC_DIR / relative).resolve()
    if ".." in relative.split("/") or not target.is_file() or STATIC_DIR.resolve() not in target.parents:
        return 404, "text/plain; charset=utf-8", f"no static file {relative!r}\n".encode()
    media = STATIC_TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "text/plain"
    return 200, media, target.read_bytes()
