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

from jinja2 import Environment

from innograph.api.templating import template_environment

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
    """The views' Jinja2 environment: autoescaped HTML, undefined names are errors (the
    same settings as the API's own, ``api.templating``)."""
    env = template_environment(TEMPLATE_DIR)
    env.globals.update(STATIC=STATIC, NAV=NAV)
    return env


def render(template: str, **context: Any) -> str:
    """``template`` (a file in viz/templates) rendered with ``context``; every value is
    escaped unless it is ``markupsafe.Markup``."""
    return environment().get_template(template).render(**context)
