"""The start page: search with suggestions, and what the graph holds."""

from __future__ import annotations

from innograph.graph.store import GraphStore
from innograph.viz.model import (
    style_of,
)
from innograph.viz.pages import (
    entity_href,
    esc,
    link,
    page,
    table,
)

SEARCH_RESULTS = 20


def start_page(store: GraphStore, query: str = "") -> str:
    """Search box with suggestions, results for ``query``, and what the graph holds."""
    query = query.strip()
    results = ""
    if query:
        found = store.search(query, limit=SEARCH_RESULTS)
        items = "".join(
            f"<li>{link(entity_href(n.id), n.name)} <span class=type>{esc(style_of(n.type).label)}"
            "</span></li>"
            for n in found
        )
        results = (
            f"<h2>Results for “{esc(query)}”</h2><ol class=results>{items}</ol>"
            if found
            else f"<p class=note>Nothing found for “{esc(query)}”.</p>"
        )
    stats = store.stats()
    rows = [
        (esc(style_of(t).label), f"{count:,}")
        for t, count in sorted(stats.nodes.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    rel_rows = [
        (esc(t), f"{count:,}")
        for t, count in sorted(stats.relationships.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    body = (
        "<h1>The regional innovation ecosystem</h1>"
        '<form class=search method=get action="/" role=search>'
        "<label class=ac><span>Find an organisation, cluster, project, platform, region…</span>"
        f'<input type=search name=q id=search value="{esc(query)}" autocomplete=off '
        'data-autocomplete="" data-navigate="1" placeholder="Type a name">'
        "<ul class=suggestions role=listbox></ul></label>"
        "<button type=submit>Search</button></form>"
        f"{results}"
        "<h2>What the graph holds</h2>"
        f"<p class=stats id=stats>{stats.total_nodes:,} entities, "
        f"{stats.total_relationships:,} relationships, {stats.documents:,} documents"
        f"{', last updated ' + esc(stats.last_update) if stats.last_update else ''}.</p>"
        "<div class=columns>"
        f"{table(['Entity type', 'Count'], rows)}{table(['Relationship', 'Count'], rel_rows)}"
        "</div>"
    )
    return page("Search", body, active="/")
