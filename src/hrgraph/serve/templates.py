"""Jinja2 templates of the pages ``hrgraph serve`` renders (``src/hrgraph/templates/*.html``).

Autoescaping is on for every template, so a label or a literal from the data is text, never
markup; values meant as JSON inside a ``<script>`` go through the ``tojson`` filter.

>>> environment().from_string("Hello, {{ name }}.").render(name="<b>x</b>")
'Hello, &lt;b&gt;x&lt;/b&gt;.'
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES_DIR = Path(__file__).with_name("templates")
STATIC_DIR = Path(__file__).with_name("static")


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, /, **context: Any) -> str:
    """``templates/TEMPLATE`` rendered with ``context`` (an unknown variable is an error)."""
    return environment().get_template(template).render(**context)
