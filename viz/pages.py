"""Small helpers of the views: addresses, the JSON block of a network, and the parts
every network page shares (legend, canvas), each rendered from its template.

Pages are plain server-rendered HTML; the network itself is drawn by ``innograph.js``
from the view model, embedded as JSON in a ``<script type="application/json">`` block
(escaped so no string in it can close the block).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any
from urllib.parse import quote, urlencode

from innograph.viz.model import LegendEntry, NetworkView
from innograph.viz.templating import render


def esc(value: object) -> str:
    """HTML-escaped text (quotes too, so it is safe in attributes)."""
    return escape(str(value), quote=True)


def entity_href(entity_id: str) -> str:
    """The entity page of an id."""
    return f"/entity/{quote(entity_id, safe='')}"


def query_href(path: str, params: dict[str, str | int | None]) -> str:
    """``path`` with the non-empty ``params`` as its query string."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


def query_pairs(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A form's values as query-string pairs: a list gives one pair a value, None and ""
    give none (what a GET form sends for them)."""
    out: list[tuple[str, str]] = []
    for key, value in values.items():
        if isinstance(value, list):
            out.extend((key, str(v)) for v in value)
        elif value not in (None, ""):
            out.append((key, str(value)))
    return out


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


def error_page(title: str, message: str) -> str:
    """A page saying what went wrong, in one line (templates/error.html)."""
    return render("error.html", title=title, message=message)


def legend_html(entries: Sequence[LegendEntry]) -> str:
    """The legend: a swatch in each type's colour and shape, and its label
    (templates/legend.html)."""
    return render("legend.html", entries=entries)


def network_html(view: NetworkView, *, height: str = "70vh") -> str:
    """The canvas container and the note on what was left out
    (templates/network_canvas.html)."""
    return render("network_canvas.html", view=view, height=height)
