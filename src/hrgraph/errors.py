"""The one error path: every failure the CLI foresees is an :class:`HrgraphError` with its exit code.

The CLI prints ``error: MESSAGE`` (one line, no markup interpreted) and exits with the error's
``exit_code``; anything else is unforeseen: one line naming a log file with the traceback, exit
:data:`INTERNAL` (70, ``EX_SOFTWARE`` of sysexits.h).

>>> UsageError("--date 'x': expected YYYY-MM-DD").exit_code
2
>>> issubclass(UsageError, ValueError)
True
"""

from __future__ import annotations

NO = 1  # the answer is "no" (validation found violations)
BAD_INPUT = 2  # bad input or usage; the message says what and where
NO_DATA = 3  # the graph holds no data to answer
INTERNAL = 70  # an unforeseen error (a bug): the traceback is in a log file


class HrgraphError(Exception):
    """A failure hrgraph foresees; ``exit_code`` is what the CLI exits with."""

    exit_code = BAD_INPUT


class UsageError(HrgraphError, ValueError):
    """Bad input or usage: an unknown State, a missing build, a bad parameter."""


class ResourceError(HrgraphError, FileNotFoundError):
    """A resource folder of the package (ontology, queries, reference data) is missing."""


class NoDataError(HrgraphError):
    """The graph holds no data to answer the question (exit 3); the message says what it covers."""

    exit_code = NO_DATA
