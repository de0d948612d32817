"""The start page: search with suggestions, and what the graph holds (templates/start.html)."""

from __future__ import annotations

from innograph.graph.store import GraphStore
from innograph.viz.model import style_of
from innograph.viz.pages import entity_href
from innograph.viz.templating import render

SEARCH_RESULTS = 20


def start_page(store: GraphStore, query: str = "") -> str:
    """Search box with suggestions, results for ``query``, and what the graph holds."""
    query = query.strip()
    results = [
        {"href": entity_href(n.id), "name": n.name, "type": style_of(n.type).label}
        for n in (store.search(query, limit=SEARCH_RESULTS) if query else [])
    ]
    stats = store.stats()
    counts = [
        (
            "Entity type",
            [
                (style_of(t).label, count)
                for t, count in sorted(stats.nodes.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
        ),
        (
            "Relationship",
            sorted(stats.relationships.items(), key=lambda kv: (-kv[1], kv[0])),
        ),
    ]
    return render(
        "start.html",
        title="Search",
        active="/",
        query=query,
        results=results,
        stats=stats,
        counts=counts,
    )
