"""Jinja2 templates of the views, with autoescaping on for every template.

FastAPI's convention is ``Jinja2Templates``; the views here render to a string inside a
worker thread (within the API's time budget, see ``viz.routes._html``), so they use the
same Jinja2 environment directly rather than a ``TemplateResponse`` bound to a request.
Templates live in ``viz/templates``; ``base.html`` is the page shell every page extends.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
STATIC = "/static/viz"
NAV = (
    ("/", "Search"),
    ("/partners", "Partner search"),
    ("/paths", "Paths"),
    ("/map", "Collaboration map"),
)


@cache
def environment() -> Environment:
    """The one Jinja2 environment: autoescaped HTML, undefined names are errors."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(["html"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(STATIC=STATIC, NAV=NAV)
    return env


def render(template: str, **context: Any) -> str:
    """``template`` (a file in viz/templates) rendered with ``context``; every value is
    escaped unless it is ``markupsafe.Markup``."""
    return environment().get_template(template).render(**context)
