"""What several views share."""

from __future__ import annotations

from innograph.graph.analytics.service import Analytics


def organisation_countries(analytics: Analytics) -> dict[str, str | None]:
    """Every organisation's country as the analytics know it (its own, else that of a
    region it is located in, transitively); cached per graph version."""
    index = analytics.index()
    return {org.id: index.countries[i] for i, org in enumerate(index.orgs)}
