"""Where hrgraph's resources are: the one module that knows.

The ontology (with its shapes and rules), the query catalogue, the reference tables and the
shipped source documents are package data under ``hrgraph/resources/``, read through
:mod:`importlib.resources`, so a wheel installed anywhere finds them as a checkout does.
``HRGRAPH_HOME`` (a folder holding ``ontology/``, ``queries/``, ``reference/`` and
``sources/``) overrides them, e.g. to try an edited ontology without reinstalling.

A missing folder is a loud error (:class:`ResourceError`), never an empty catalogue.

>>> ontology_dir().name, (shapes_dir().parent == ontology_dir())
('ontology', True)
>>> sorted(p.name for p in resources().iterdir() if p.is_dir() and not p.name.startswith("_"))
['ontology', 'queries', 'reference', 'sources']
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from hrgraph.errors import ResourceError

HOME_VARIABLE = "HRGRAPH_HOME"


def resources() -> Path:
    """The folder of hrgraph's resources (``HRGRAPH_HOME`` if set, else the package's own)."""
    home = os.environ.get(HOME_VARIABLE)
    return Path(home) if home else Path(str(files("hrgraph").joinpath("resources")))


def _folder(*parts: str) -> Path:
    path = resources().joinpath(*parts)
    if not path.is_dir():
        where = f"${HOME_VARIABLE}" if os.environ.get(HOME_VARIABLE) else "the installed package"
        raise ResourceError(
            f"{path}: resource folder missing from {where}; reinstall hrgraph (its wheel ships "
            f"ontology/, queries/, reference/, sources/) or fix {HOME_VARIABLE}"
        )
    return path


def ontology_dir() -> Path:
    """``ontology/``: the OWL modules (``*.ttl``), with ``shapes/`` and ``rules/`` inside."""
    return _folder("ontology")


def shapes_dir() -> Path:
    return _folder("ontology", "shapes")


def rules_dir() -> Path:
    return _folder("ontology", "rules")


def queries_dir() -> Path:
    """``queries/``: the catalogue, one ``.rq`` file per question."""
    return _folder("queries")


def reference_dir() -> Path:
    """``reference/``: curated tables (States, bodies, instruments, treaty actions …)."""
    return _folder("reference")


def sources_dir() -> Path:
    """``sources/``: the shipped source documents and their ``sources.toml``."""
    return _folder("sources")


def checkout() -> Path | None:
    """The repository root when hrgraph runs from a checkout (``src/`` layout), else None.

    Only what exists in a checkout alone (``CHANGELOG.md``, ``CITATION.cff``) is read from it.
    """
    package = Path(__file__).resolve().parent
    root = package.parent.parent
    if package.parent.name == "src" and (root / "pyproject.toml").is_file():
        return root
    return None
