"""Jinja2 templates of the API's own HTML (api/templates), autoescaped.

The API has one HTML page of its own, the linked-data description of a resource when the
app serves no entity page (``routes/lod.py``); the views (``viz/``) have theirs and build
their environment with :func:`template_environment` too, so every template of the app is
escaped the same way.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


def template_environment(folder: Path) -> Environment:
    """A Jinja2 environment over ``folder``: HTML autoescaped (strings rendered from
    ``from_string`` too), an undefined name an error, block tags trimmed."""
    return Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(["html"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def environment() -> Environment:
    """The environment of api/templates."""
    return template_environment(TEMPLATE_DIR)


def render(template: str, **context: Any) -> str:
    """``template`` (a file in api/templates) rendered with ``context``; every value is
    escaped unless it is ``markupsafe.Markup``."""
    return environment().get_template(template).render(**context)
