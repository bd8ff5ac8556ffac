"""The errors hrgraph foresees, each with the exit code the CLI gives it.

Every foreseeable failure derives from :class:`HrgraphError`; the CLI prints its message on one
line and exits with its ``exit_code`` (documented in the README: 1 the answer is "no", 2 bad
input or usage, 3 the graph holds no data to answer).
"""

from __future__ import annotations


class HrgraphError(Exception):
    """A failure hrgraph foresaw; ``exit_code`` is what the CLI exits with."""

    exit_code = 2


class UsageError(HrgraphError, ValueError):
    """Bad input or usage: an unknown State, a missing build, a bad parameter."""


class ResourceError(HrgraphError, FileNotFoundError):
    """A resource folder of the package (ontology, queries, reference data) is missing."""


class NoDataError(HrgraphError):
    """The graph holds no data to answer the question (exit 3); the message says what it covers."""

    exit_code = 3
