"""hrgraph: a knowledge graph of human-rights obligations.

Sources → extracted records (:mod:`hrgraph.extract`) → RDF (:mod:`hrgraph.rdf`) → store
(:mod:`hrgraph.store`) → validate → reason → query / obligations / export / serve.

The front door for notebooks (the heavy modules load on first use, so ``import hrgraph`` is quick)::

    import hrgraph
    hrgraph.build("build")                       # the shipped sources (+ sources=[Path("sources")])
    g = hrgraph.open("build")
    rows = g.query("state-treaty-status", state="PRY")   # a catalogue query, or SPARQL text
    g.obligations("PRY", "2020-01-01").instruments
    g.sources(); g.export("ttl", "out.ttl"); rows.to_pandas()   # pandas: pip install 'hrgraph[pandas]'
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("hrgraph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

if TYPE_CHECKING:
    from pathlib import Path

    from hrgraph.api import Graph
    from hrgraph.build import BuildReport

__all__ = ["__version__", "build", "open"]


def open(path: str | Path = "build") -> Graph:
    """The graph of the build at ``path`` (``hrgraph build`` wrote it); see :class:`hrgraph.api.Graph`."""
    from hrgraph.api import Graph

    return Graph.open(path)


def build(out: str | Path = "build", **options: Any) -> BuildReport:
    """Build the graph into ``out`` (options as :func:`hrgraph.build.build`: ``sources``,
    ``validate_graph``, ``allow_partial`` …); returns the report."""
    from pathlib import Path

    from hrgraph.build import build as run

    return run(Path(out), **options)
