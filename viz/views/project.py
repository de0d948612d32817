"""The project section of the entity page, in the manner of a CORDIS project page.

Title and acronym, dates, total cost and EU grant in euro, the programmes that fund it,
the CORDIS page where the project has a CORDIS id, and its partners (coordinator first,
then by contribution) with role, country, type, contribution and the evidence of each
participation. The same view is served as JSON at ``/api/projects/{id}``.
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup

from innograph.graph.projects import ProjectView, project_of
from innograph.graph.store import GraphStore
from innograph.graph.types import EntityDetail
from innograph.viz.evidence import evidence_view
from innograph.viz.formatting import format_date, format_eur
from innograph.viz.pages import entity_href
from innograph.viz.templating import render
from innograph.viz.views.entity import SECTIONS, Section

# Partners shown on the page (leads and the largest contributions first); the JSON pages
# through all of them.
MAX_PARTNERS_SHOWN = 500


def role_label(role: str) -> str:
    """A role word as a reader says it: "thirdParty" is "Third party"."""
    spaced = "".join(f" {c.lower()}" if c.isupper() else c for c in role).strip()
    return spaced[:1].upper() + spaced[1:]


def _web(url: str | None) -> str | None:
    """A link target only when it is a web address (never ``javascript:`` and the like)."""
    return url if url and url.startswith(("https://", "http://")) else None


def project_html(view: ProjectView) -> Markup:
    """The section's HTML from ``templates/project.html`` (autoescaped)."""
    partners = [
        {
            "href": entity_href(p.id),
            "name": p.name,
            "role": role_label(p.role),
            "roles": [role_label(r) for r in p.roles],
            "lead": p.lead,
            "country": p.country or "",
            "type": p.type_label,
            "contribution": format_eur(p.contribution_eur),
            "evidence": evidence_view(p.provenance, limit=2),
        }
        for p in view.partners[:MAX_PARTNERS_SHOWN]
    ]
    programmes = [
        {
            "href": entity_href(f.id),
            "name": f.name,
            "amount": format_eur(f.amount_eur),
            "scheme": f.funding_scheme or "",
        }
        for f in view.programmes
    ]
    budget = format_eur(view.budget_eur)
    if not budget and view.budget_local:
        currency, amount = view.budget_local
        budget = f"{amount} {currency} (not in euro)"
    return Markup(
        render(
            "project.html",
            view=view,
            start=format_date(view.start_date),
            end=format_date(view.end_date),
            budget=budget,
            grant=format_eur(view.grant_eur),
            partners_total=format_eur(view.partners_contribution_eur),
            programmes=programmes,
            partners=partners,
            has_contributions=any(p["contribution"] for p in partners),
            shown=len(partners),
            cordis_url=_web(view.cordis_url),
            url=_web(view.url),
            json_href=f"/api/projects/{view.id}",
        )
    )


def project_section(
    store: GraphStore, detail: EntityDetail, params: Mapping[str, str]
) -> Section | None:
    """The project section of a Project's page, above its ego network; None otherwise."""
    if detail.node.type != "Project":
        return None
    view = project_of(store, detail)
    return Section(view.title, project_html(view), place="top", anchor="project")


# First among the sections of a project's page.
SECTIONS.insert(0, project_section)
