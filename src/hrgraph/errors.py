"""Errors the CLI turns into exit code 2 (bad input or usage), with a located message."""

from __future__ import annotations


class UsageError(ValueError):
    """Bad input or usage: an unknown State, a missing build, a bad parameter."""
