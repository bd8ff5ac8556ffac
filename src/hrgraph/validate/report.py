"""The results of a SHACL validation, whichever engine produced them.

Results compare as (focus node, path, constraint component, severity, message), the way the
tests compare the two engines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class Violation:
    focus: str
    path: str
    component: str
    severity: str
    message: str


@dataclass
class ValidationReport:
    conforms: bool
    results: list[Violation] = field(default_factory=list)

    @property
    def violations(self) -> list[Violation]:
        return [r for r in self.results if r.severity.endswith("Violation")]

    def summary(self, limit: int = 50) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "violations": len(self.violations),
            "warnings": len(self.results) - len(self.violations),
            "first": [r.__dict__ for r in sorted(self.results)[:limit]],
        }
