"""HTML of the views: small builders for the pages not yet in templates of their own;
every dynamic value escaped. The start and error pages are templates (start.html,
error.html), as is the entity page.

Pages are plain server-rendered HTML; the network itself is drawn by ``innograph.js``
from the view model, embedded as JSON in a ``<script type="application/json">`` block
(escaped so no string in it can close the block).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup

from innograph.viz.model import LegendEntry, NetworkView
from innograph.viz.templating import render


def esc(value: object) -> str:
    """HTML-escaped text (quotes too, so it is safe in attributes)."""
    return escape(str(value), quote=True)


def entity_href(entity_id: str) -> str:
    """The entity page of an id."""
    return f"/entity/{quote(entity_id, safe='')}"


def link(href: str, text: str, cls: str = "") -> str:
    """An escaped link."""
    klass = f' class="{esc(cls)}"' if cls else ""
    return f'<a href="{esc(href)}"{klass}>{esc(text)}</a>'


def query_href(path: str, params: dict[str, str | int | None]) -> str:
    """``path`` with the non-empty ``params`` as its query string."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


def json_block(element_id: str, data: Any) -> str:
    """Data for the page's script: JSON in a non-executed script block. ``<``, ``>`` and
    ``&`` are written as \\u escapes so no value can end the block or start markup."""
    text = (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return f'<script type="application/json" id="{esc(element_id)}">{text}</script>'


def page(title: str, body: str, *, view: NetworkView | None = None, active: str = "") -> str:
    """A whole page from ``base.html``: header with navigation, ``body`` (already escaped
    HTML), and when ``view`` is given its JSON and the scripts that draw it. New pages
    extend ``base.html`` in a template of their own instead (``viz.templating.render``)."""
    view_json = Markup(json_block("view-data", view.to_json())) if view is not None else None
    return render("base.html", title=title, body=Markup(body), view_json=view_json, active=active)


def error_page(title: str, message: str) -> str:
    """A page saying what went wrong, in one line (templates/error.html)."""
    return render("error.html", title=title, message=message)


def legend_html(entries: Sequence[LegendEntry]) -> str:
    """The legend: a swatch in each type's colour and shape, and its label."""
    items = "".join(
        f'<li><span class="swatch shape-{esc(e.shape)}" style="--c:{esc(e.colour)}"></span>'
        f"{esc(e.label)}</li>"
        for e in entries
    )
    return f'<ul class=legend aria-label="Legend">{items}</ul>'


def network_html(view: NetworkView, *, height: str = "70vh") -> str:
    """The canvas container and the note on what was left out."""
    note = f'<p class=note id="view-message">{esc(view.message)}</p>' if view.message else ""
    if not view.nodes:
        return f"{note}<p class=note id=nothing>Nothing to draw.</p>"
    return (
        f'{note}<div id="network" class=network style="height:{esc(height)}" '
        f'data-nodes="{len(view.nodes)}"></div>'
    )


def autocomplete_input(
    name: str, label: str, *, value_id: str = "", value_text: str = "", types: str = ""
) -> str:
    """A text box with suggestions from /api/search; the chosen id goes in a hidden
    field called ``name``, a name typed without picking one in ``name``_name (resolve it
    with ``viz.views.names.resolve``). Templates use the ``autocomplete`` macro of
    ``_forms.html``."""
    return (
        f"<label class=ac><span>{esc(label)}</span>"
        f'<input type=text autocomplete=off name="{esc(name)}_name" '
        f'data-autocomplete="{esc(name)}" '
        f'data-types="{esc(types)}" value="{esc(value_text)}" placeholder="Type a name">'
        f'<input type=hidden name="{esc(name)}" value="{esc(value_id)}">'
        f"<ul class=suggestions role=listbox></ul></label>"
    )
