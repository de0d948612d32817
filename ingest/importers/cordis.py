"""CORDIS projects and participants (the ECSEL extract and the full H2020 / Horizon Europe
CSV exports, which share the layout; the real exports are semicolon-separated).

Projects file row -> the Project FUNDED_BY its framework programme, with
ecMaxContribution as the amount and fundingScheme on the relation. Participants file row
-> the Organisation LEADS (coordinator) or PARTICIPATES_IN (participant, thirdParty,
associatedPartner ...) the Project, with the role as CORDIS writes it and its
ecContribution as the amount; the organisation LOCATED_IN its country and NUTS region.

Where CORDIS's fields go (node properties unless said otherwise):

| CORDIS | graph |
|---|---|
| projectID / id | Project ``cordis_id``; ``cordis_url`` the CORDIS project page |
| acronym, title | Project name (the acronym) and ``acronym``; ``title`` (also an alias) |
| startDate, endDate | Project ``start_date``, ``end_date`` (ISO dates) |
| totalCost | Project ``budget_eur`` |
| ecMaxContribution, fundingScheme | FUNDED_BY ``amount_eur``, ``funding_scheme`` |
| topics, status | Project ``topics``, ``status`` |
| organisationID, name, shortName | Organisation ``pic``, ``legal_name`` (and name), alias |
| activityType | Organisation ``activity_type`` (HES, PRC, REC, OTH, PUB) |
| country, organizationURL | Organisation ``country``, ``url`` (an absolute IRI, or ``url_text``) |
| role, ecContribution | LEADS / PARTICIPATES_IN ``role``, ``amount_eur`` |
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from innograph.ingest.importers.common import (
    ImportReport,
    NameResolver,
    RowFacts,
    SkipRow,
    add_country,
    add_nuts,
    add_organisation,
    add_programme,
    country_code,
    facts_from_rows,
    iso_date,
    money,
    required,
)
from innograph.ingest.importers.regions import nuts_code
from innograph.ontology.facts import DocumentFacts
from innograph.ontology.ids import make_canonical_id

# frameworkProgramme values of the CORDIS exports -> programme names the gazetteer knows.
FRAMEWORKS = {"H2020": "Horizon 2020", "HORIZON": "Horizon Europe", "FP7": "FP7"}
LEAD_ROLES = {"coordinator"}
# The project's page on CORDIS, by its numeric id.
CORDIS_PROJECT_PAGE = "https://cordis.europa.eu/project/id/{}"


def _first(row: dict[str, str], *columns: str) -> str:
    for column in columns:
        if row.get(column):
            return row[column]
    return ""


def cordis_url(project_id: str) -> str | None:
    """The CORDIS page of a project (``https://cordis.europa.eu/project/id/<id>``); None
    for an id that is not a CORDIS number."""
    project_id = project_id.strip()
    return CORDIS_PROJECT_PAGE.format(project_id) if project_id.isdigit() else None


def activity_type(text: str) -> str:
    """The activity type of a cell: merged records repeat it ("PRC;PRC": PRC); cells that
    disagree are kept as written."""
    values = {v.strip().upper() for v in text.split(";") if v.strip()}
    return values.pop() if len(values) == 1 else text.strip()


def project_key(project_id: str, acronym: str) -> tuple[str, str]:
    """``(canonical id, name)`` of a CORDIS project: the acronym, made unique by its id."""
    if not project_id:
        raise SkipRow("missing project id")
    name = acronym or project_id
    return make_canonical_id("Project", f"{name} {project_id}"), name


def iter_projects(
    path: Path, report: ImportReport, names: NameResolver, *, programme: str = "H2020"
) -> Iterator[DocumentFacts]:
    """One DocumentFacts per project row."""

    def build(row_facts: RowFacts, n: int, row: dict[str, str]) -> None:
        project_id = _first(row, "projectID", "id")
        cid, name = project_key(project_id, row.get("acronym", ""))
        evidence = f"{row_facts.facts.doc} row {n}"
        framework = _first(row, "frameworkProgramme") or programme
        budget = money(row.get("totalCost", ""), "totalCost")
        grant = money(row.get("ecMaxContribution", ""), "ecMaxContribution")
        project = row_facts.entity(
            "project",
            "Project",
            name,
            cid,
            aliases=[row.get("title", "")],
            attributes={
                "cordis_id": project_id,
                "cordis_url": cordis_url(project_id),
                "acronym": row.get("acronym", ""),
                "title": row.get("title", ""),
                "budget_eur": budget,
                "start_date": iso_date(row.get("startDate", "")),
                "end_date": iso_date(row.get("endDate", "")),
                "topics": row.get("topics", ""),
                "status": row.get("status", ""),
            },
        )
        prog = add_programme(row_facts, names, FRAMEWORKS.get(framework, framework))
        scheme = row.get("fundingScheme", "")
        row_facts.relation(
            "FUNDED_BY",
            project,
            prog,
            evidence,
            amount_eur=grant,
            attributes={"funding_scheme": scheme} if scheme else {},
        )

    yield from facts_from_rows(path, build, report, names)


def iter_participants(
    path: Path, report: ImportReport, names: NameResolver
) -> Iterator[DocumentFacts]:
    """One DocumentFacts per participation row."""

    def build(row_facts: RowFacts, n: int, row: dict[str, str]) -> None:
        name = required(row, "name", "organisation name")
        project_id = row.get("projectID", "")
        cid, project_name = project_key(project_id, row.get("projectAcronym", ""))
        country = country_code(row["country"]) if row.get("country") else None
        contribution = money(row.get("ecContribution", ""), "ecContribution")
        evidence = f"{row_facts.facts.doc} row {n}"
        org = add_organisation(
            row_facts,
            names,
            name,
            aliases=[row.get("shortName", "")],
            attributes={
                "pic": row.get("organisationID", ""),
                "legal_name": name,
                "country": country,
                "url": row.get("organizationURL", ""),
                "activity_type": activity_type(row.get("activityType", "")),
            },
        )
        project = row_facts.entity(
            "project",
            "Project",
            project_name,
            cid,
            attributes={
                "cordis_id": project_id,
                "cordis_url": cordis_url(project_id),
                "acronym": row.get("projectAcronym", ""),
            },
        )
        # Kept as CORDIS writes it: a thirdParty is no participant (ig:role).
        role = row.get("role", "").strip()
        rel = "LEADS" if role.lower() in LEAD_ROLES else "PARTICIPATES_IN"
        row_facts.relation(
            rel, org, project, evidence, amount_eur=contribution, attributes={"role": role}
        )
        nuts = nuts_code(row.get("nutsCode", ""), country) if row.get("nutsCode") else None
        if nuts:
            row_facts.relation("LOCATED_IN", org, add_nuts(row_facts, nuts), evidence)
        if country:
            row_facts.relation("LOCATED_IN", org, add_country(row_facts, country), evidence)

    yield from facts_from_rows(path, build, report, names)
