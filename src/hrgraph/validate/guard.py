"""Bounds on RDF files from outside, checked before any parser sees them.

A parser given a hostile file can crash the process (a JSON-LD document nested 5,000 deep
overflowed pyoxigraph's stack: a segfault) or expand it a millionfold (the "billion laughs":
RDF/XML entities that expand into one another). So ``hrgraph validate`` refuses, with exit 2:

- files larger than :data:`MAX_BYTES` (512 MiB);
- JSON and JSON-LD nested deeper than :data:`MAX_DEPTH` (100 objects or arrays), RDF/XML nested
  deeper than :data:`MAX_DEPTH` elements;
- RDF/XML that declares entities (``<!ENTITY``): no entity is ever expanded.

>>> check_bytes("x.jsonld", b'{"@id": "http://e/a", "http://e/p": [[[1]]]}', "jsonld")
>>> check_bytes("x.jsonld", b"[" * 101 + b"]" * 101, "jsonld")
Traceback (most recent call last):
...
hrgraph.validate.guard.HostileRdfError: x.jsonld: nested deeper than 100 levels (at byte 100)...
"""

from __future__ import annotations

import re
from pathlib import Path

from hrgraph.errors import HrgraphError

MAX_BYTES = 512 * 1024 * 1024
MAX_DEPTH = 100
JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')
XML_TOKEN = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<(/?)[A-Za-z_][^>]*?(/?)>", re.S)
ENTITY = re.compile(rb"<!ENTITY", re.I)


class HostileRdfError(HrgraphError, ValueError):
    """An RDF file past hrgraph's bounds (size, depth, entity declarations); exit 2."""


def _too_deep(where: str, offset: int) -> HostileRdfError:
    return HostileRdfError(
        f"{where}: nested deeper than {MAX_DEPTH} levels (at byte {offset}); "
        "hrgraph refuses such files rather than risk its parser's stack"
    )


def _json_depth(where: str, data: bytes) -> None:
    depth = 0
    for m in JSON_TOKEN.finditer(data):
        token = m.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(where, m.start())
        elif token in (b"]", b"}"):
            depth -= 1


def _xml(where: str, data: bytes) -> None:
    entity = ENTITY.search(data)
    if entity:
        line = data.count(b"\n", 0, entity.start()) + 1
        raise HostileRdfError(
            f"{where}:{line}: the RDF/XML declares an entity (<!ENTITY); hrgraph never expands entities"
        )
    depth = 0
    for m in XML_TOKEN.finditer(data):
        if m.group(1) is None:  # comment, CDATA, processing instruction
            continue
        if m.group(1):
            depth -= 1
        elif not m.group(2):
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(where, m.start())


def check_bytes(where: str, data: bytes, fmt: str) -> None:
    """Raise :class:`HostileRdfError` if ``data`` (in format ``fmt``) is past the bounds."""
    if len(data) > MAX_BYTES:
        raise HostileRdfError(f"{where}: {len(data):,} bytes, more than the {MAX_BYTES:,} hrgraph reads")
    if fmt in ("jsonld", "json"):
        _json_depth(where, data)
    elif fmt in ("rdfxml", "xml", "rdf", "owl"):
        _xml(where, data)


def check_file(path: Path, fmt: str) -> None:
    """:func:`check_bytes` on a file, refusing it by size before reading it."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise HostileRdfError(f"{path}: {size:,} bytes, more than the {MAX_BYTES:,} hrgraph reads")
    check_bytes(str(path), path.read_bytes(), fmt)
