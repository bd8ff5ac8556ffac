"""Where ``hrgraph obligations`` reads from: anything that answers a SELECT with rows of terms.

The embedded store (:class:`hrgraph.store.GraphStore`) and a remote SPARQL endpoint
(:class:`hrgraph.remote.RemoteStore`, ``hrgraph obligations STATE --endpoint URL``) both do: the
same query texts run on either, parameters bound by :func:`hrgraph.store.with_values`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from hrgraph.store import Term


class Row(Protocol):
    """One solution: ``row[name]`` is the term bound to ``name``, or ``None``."""

    def __getitem__(self, key: str, /) -> Any: ...


class Selects(Protocol):
    """Runs a SELECT (over the union of the named graphs) with ``bindings`` bound."""

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Sequence[Row]: ...
