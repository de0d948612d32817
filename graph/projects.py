"""A project as CORDIS shows one: title, acronym, dates, budget and grant, programmes, and
its partners with role, country, type and contribution.

Plain data built from the store's ``EntityDetail`` of a Project, for the API
(``/api/projects/{id}``) and the entity page's project section alike. What the importers
and the extractor store, read here:

- node properties: ``title``, ``acronym``, ``start_date``, ``end_date``, ``status``,
  ``topics``, ``budget_eur`` (CORDIS totalCost, the lists' total or eligible cost; or
  ``total_cost``), ``currency`` with ``total_amount`` for a budget not in euro (ESIF),
  ``cordis_id`` and ``cordis_url``, ``url`` (the project's own site), ``fund``;
- FUNDED_BY (project -> programme): ``amount_eur`` (CORDIS ecMaxContribution, the EU
  grant of the lists, an amount a document states), ``funding_scheme``;
- LEADS and PARTICIPATES_IN (partner -> project): ``role`` as the source writes it
  (coordinator, participant, thirdParty, beneficiary, promotor, co-promotor ...; none
  from documents: "lead" or "partner" then), ``amount_eur`` (CORDIS ecContribution);
- a partner's ``country`` and CORDIS ``activity_type``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from innograph.graph.domain import ACTIVITY_TYPES, country_of
from innograph.graph.store import GraphStore
from innograph.graph.types import Edge, EntityDetail, Node, Provenance
from innograph.ontology.evidence import parse_row_evidence

# The role of a partner whose relation names none.
DEFAULT_ROLES = {"LEADS": "lead", "PARTICIPATES_IN": "partner"}
PARTNER_RELATIONS = tuple(DEFAULT_ROLES)
# At most this many partners without a country of their own are looked up for the region
# they are located in (one store read each).
MAX_COUNTRY_LOOKUPS = 50
# The CORDIS page of a project, as the importer builds ``cordis_url`` (ingest.importers
# .cordis.CORDIS_PROJECT_PAGE): for a node that has ``cordis_id`` but no URL.
CORDIS_PROJECT_PAGE = "https://cordis.europa.eu/project/id/{}"


@dataclass(slots=True)
class Funding:
    """A programme the project is funded by, with the grant where known."""

    id: str
    name: str
    amount_eur: float | None = None
    funding_scheme: str | None = None


@dataclass(slots=True)
class Partner:
    """One partner of the project: its role(s), where it is, what it is, what it gets."""

    id: str
    name: str
    type: str  # the entity type (Organisation, Cluster, Person, Region)
    role: str  # the main role: the lead's when it leads
    roles: list[str]
    lead: bool
    country: str | None
    activity_type: str | None
    contribution_eur: float | None
    provenance: list[Provenance] = field(default_factory=list)

    @property
    def type_label(self) -> str:
        """CORDIS's activity type in words where known, else the entity type."""
        if self.activity_type:
            return ACTIVITY_TYPES.get(self.activity_type, self.activity_type)
        return self.type


@dataclass(slots=True)
class ProjectView:
    """A project's CORDIS-like summary."""

    id: str
    name: str
    title: str
    acronym: str | None
    start_date: str | None
    end_date: str | None
    status: str | None
    topics: str | None
    budget_eur: float | None
    budget_local: tuple[str, str] | None  # (currency, amount as written) when not euro
    grant_eur: float | None
    programmes: list[Funding]
    partners: list[Partner]
    cordis_id: str | None
    cordis_url: str | None
    url: str | None

    @property
    def partners_contribution_eur(self) -> float | None:
        """The partners' contributions added up, None when none is known."""
        known = [p.contribution_eur for p in self.partners if p.contribution_eur is not None]
        return round(sum(known), 2) if known else None

    def to_json(self, *, offset: int = 0, limit: int | None = None) -> dict[str, Any]:
        """Plain data for the API; ``partners`` from ``offset``, at most ``limit``."""
        end = None if limit is None else offset + limit
        return {
            "id": self.id,
            "name": self.name,
            "title": self.title,
            "acronym": self.acronym,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "status": self.status,
            "topics": self.topics,
            "budget_eur": self.budget_eur,
            "budget_currency": self.budget_local[0] if self.budget_local else None,
            "budget_amount": self.budget_local[1] if self.budget_local else None,
            "grant_eur": self.grant_eur,
            "partners_contribution_eur": self.partners_contribution_eur,
            "cordis_id": self.cordis_id,
            "cordis_url": self.cordis_url,
            "url": self.url,
            "programmes": [
                {
                    "id": f.id,
                    "name": f.name,
                    "amount_eur": f.amount_eur,
                    "funding_scheme": f.funding_scheme,
                }
                for f in self.programmes
            ],
            "partners": [
                {
                    "id": p.id,
                    "name": p.name,
                    "type": p.type,
                    "role": p.role,
                    "roles": p.roles,
                    "lead": p.lead,
                    "country": p.country,
                    "activity_type": p.activity_type,
                    "type_label": p.type_label,
                    "contribution_eur": p.contribution_eur,
                    "provenance": [provenance_json(prov) for prov in p.provenance],
                }
                for p in self.partners[offset:end]
            ],
        }


def provenance_json(prov: Provenance) -> dict[str, Any]:
    """A participation's provenance as plain data; an imported row's evidence also as
    ``row``: the file, the row number and the fields it names (``ontology.evidence``)."""
    row = parse_row_evidence(prov.evidence, prov.document) if prov.evidence else None
    return {
        "document": prov.document,
        "evidence": prov.evidence,
        "confidence": float(prov.confidence),
        "row": {"file": row.doc, "row": row.row, "fields": dict(row.fields)} if row else None,
    }


def _text(value: Any) -> str | None:
    """A property as one string: lists (several sources disagreeing) joined."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return " / ".join(str(v) for v in dict.fromkeys(value) if v not in (None, ""))
    return str(value).strip() or None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, list):  # sources disagree: the largest, as a budget is a bound
        numbers = [n for n in map(_number, value) if n is not None]
        return max(numbers) if numbers else None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None


def partner_order(partner: Partner) -> tuple[bool, bool, float, str, str]:
    """Leads first, then by contribution (largest first, unknown last), then by name."""
    amount = partner.contribution_eur
    return (not partner.lead, amount is None, -(amount or 0.0), partner.name.casefold(), partner.id)


def _partners(detail: EntityDetail, countries: Callable[[Node], str | None]) -> list[Partner]:
    by_id: dict[str, Partner] = {}
    edges: list[Edge] = [e for e in detail.incoming if e.type in PARTNER_RELATIONS]
    # The lead's relation first, so that a partner's main role is its lead role.
    for edge in sorted(edges, key=lambda e: (e.type != "LEADS", e.source)):
        node = detail.neighbours.get(edge.source) or Node(edge.source, "", edge.source)
        role = _text(edge.properties.get("role")) or DEFAULT_ROLES[edge.type]
        amount = _number(edge.properties.get("amount_eur"))
        partner = by_id.get(node.id)
        if partner is None:
            activity = _text(node.properties.get("activity_type"))
            by_id[node.id] = Partner(
                id=node.id,
                name=node.name,
                type=node.type,
                role=role,
                roles=[role],
                lead=edge.type == "LEADS",
                country=countries(node),
                activity_type=activity,
                contribution_eur=amount,
                provenance=list(edge.provenance),
            )
            continue
        if role not in partner.roles:
            partner.roles.append(role)
        if amount is not None:
            partner.contribution_eur = (partner.contribution_eur or 0.0) + amount
        partner.provenance.extend(edge.provenance)
    return sorted(by_id.values(), key=partner_order)


def _fundings(detail: EntityDetail) -> list[Funding]:
    found = []
    for edge in detail.outgoing:
        if edge.type != "FUNDED_BY":
            continue
        node = detail.neighbours.get(edge.target)
        found.append(
            Funding(
                id=edge.target,
                name=node.name if node else edge.target,
                amount_eur=_number(edge.properties.get("amount_eur")),
                funding_scheme=_text(edge.properties.get("funding_scheme")),
            )
        )
    return sorted(found, key=lambda f: (f.amount_eur is None, -(f.amount_eur or 0.0), f.name))


def project_view(
    detail: EntityDetail, *, countries: Callable[[Node], str | None] | None = None
) -> ProjectView:
    """The CORDIS-like summary of a project's detail; ``countries`` gives a partner's
    country (by default its own ``country`` property)."""
    node, props = detail.node, detail.node.properties
    acronym = _text(props.get("acronym"))
    title = _text(props.get("title")) or node.name
    programmes = _fundings(detail)
    amounts = [f.amount_eur for f in programmes if f.amount_eur is not None]
    grant = round(sum(amounts), 2) if amounts else _number(props.get("ec_contribution"))
    currency = _text(props.get("currency"))
    local = _text(props.get("total_amount"))
    cordis_id = _text(props.get("cordis_id") or props.get("identifier"))
    cordis_url = _text(props.get("cordis_url"))
    if cordis_url is None and cordis_id and cordis_id.isdigit():
        cordis_url = CORDIS_PROJECT_PAGE.format(cordis_id)
    return ProjectView(
        id=node.id,
        name=node.name,
        title=title,
        acronym=acronym if acronym and acronym != title else None,
        start_date=_text(props.get("start_date")),
        end_date=_text(props.get("end_date")),
        status=_text(props.get("status")),
        topics=_text(props.get("topics")),
        budget_eur=_number(props.get("budget_eur") or props.get("total_cost")),
        budget_local=(currency, local) if currency and local else None,
        grant_eur=grant,
        programmes=programmes,
        partners=_partners(detail, countries or (lambda n: country_of(n))),
        cordis_id=cordis_id,
        cordis_url=cordis_url if cordis_url and cordis_url.startswith("https://") else None,
        url=_text(props.get("url")),
    )


def project_of(store: GraphStore, detail: EntityDetail) -> ProjectView:
    """The project view of ``detail``, each partner's country its own or, for the first
    ``MAX_COUNTRY_LOOKUPS`` partners without one, that of a region it is located in."""
    lookups = 0

    def country(node: Node) -> str | None:
        nonlocal lookups
        own = country_of(node)
        if own or lookups >= MAX_COUNTRY_LOOKUPS or not node.type:
            return own
        lookups += 1
        regions = _regions(store, node.id)
        return country_of(node, regions)

    return project_view(detail, countries=country)


def _regions(store: GraphStore, entity_id: str) -> Iterable[Node]:
    detail = store.get_entity(entity_id)
    return [
        detail.neighbours[e.target]
        for e in detail.outgoing
        if e.type == "LOCATED_IN" and e.target in detail.neighbours
    ]
