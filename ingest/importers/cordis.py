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

Each fact's evidence is its row with the fields it rests on (``FUNDING_FIELDS``,
``PARTICIPATION_FIELDS``, ``LOCATION_FIELDS``): "participants.csv row 7: projectID=...;
role=coordinator; ecContribution=...".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from innograph.ingest import identity
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
    iter_rows,
    money,
    open_text,
    required,
    row_fields,
    sniff_delimiter,
)
from innograph.ingest.importers.regions import nuts_code
from innograph.ontology.facts import DocumentFacts

# frameworkProgramme values of the CORDIS exports -> programme names the gazetteer knows.
FRAMEWORKS = {"H2020": "Horizon 2020", "HORIZON": "Horizon Europe", "FP7": "FP7"}
LEAD_ROLES = {"coordinator"}
# The project's page on CORDIS, by its numeric id.
CORDIS_PROJECT_PAGE = "https://cordis.europa.eu/project/id/{}"
# The columns a fact's evidence names (``row_fields``): a funding rests on the project
# row's figures, a participation on the participant's role and contribution, a location
# on the participant's address fields.
FUNDING_FIELDS = (
    "projectID",
    "id",
    "acronym",
    "title",
    "startDate",
    "endDate",
    "totalCost",
    "ecMaxContribution",
    "frameworkProgramme",
    "fundingScheme",
)
PARTICIPATION_FIELDS = (
    "projectID",
    "projectAcronym",
    "organisationID",
    "name",
    "role",
    "activityType",
    "country",
    "ecContribution",
)
LOCATION_FIELDS = ("organisationID", "name", "country", "nutsCode")


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


def project_key(
    project_id: str, acronym: str, names: NameResolver, shared: frozenset[str] = frozenset()
) -> tuple[str, str]:
    """``(canonical id, name)`` of a CORDIS project: the identity key of its acronym, as a
    document naming the project mints it ("IMOCO4.E", "Imoco4e": ``project-imoco4e``), so
    that documents and CORDIS meet in any order; with the project id added when the
    acronym is ``shared`` by several projects of the file or held by another project."""
    if not project_id:
        raise SkipRow("missing project id")
    name = acronym or project_id
    key = identity.project_key(name) or project_id
    return (
        names.resolver.keyed_id(
            "Project", key, {"cordis_id": project_id}, name, shared=key in shared
        ),
        name,
    )


def shared_acronyms(path: Path, id_column: str, acronym_column: str) -> frozenset[str]:
    """The acronym keys that several project ids carry in one CORDIS file."""
    ids: dict[str, set[str]] = {}
    for _, row in iter_rows(path):
        project_id = row.get(id_column, "")
        if project_id:
            key = identity.project_key(row.get(acronym_column, "") or project_id)
            ids.setdefault(key, set()).add(project_id)
    return frozenset(key for key, found in ids.items() if len(found) > 1)


def shared_organisation_keys(path: Path) -> set[str]:
    """The organisation keys that several PICs carry in a participants file ("SMART
    ROBOTICS BV" for two PICs): none of those PICs takes the bare key."""
    pics: dict[str, set[str]] = {}
    for _, row in iter_rows(path):
        pic, name = row.get("organisationID", ""), row.get("name", "")
        if pic and name:
            pics.setdefault(identity.organisation_key(name), set()).add(pic)
    return {key for key, found in pics.items() if len(found) > 1}


def _header(path: Path) -> list[str]:
    with open_text(path) as stream:
        first = stream.readline()
    return [h.strip() for h in first.split(sniff_delimiter(first))]


def iter_projects(
    path: Path, report: ImportReport, names: NameResolver, *, programme: str = "H2020"
) -> Iterator[DocumentFacts]:
    """One DocumentFacts per project row."""
    id_column = "projectID" if "projectID" in _header(path) else "id"
    shared = shared_acronyms(path, id_column, "acronym")
    names.shared_acronyms |= shared

    def build(row_facts: RowFacts, n: int, row: dict[str, str]) -> None:
        project_id = _first(row, "projectID", "id")
        cid, name = project_key(project_id, row.get("acronym", ""), names, shared)
        evidence = row_fields(row_facts.facts.doc, n, row, FUNDING_FIELDS)
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
    shared = shared_acronyms(path, "projectID", "projectAcronym") | names.shared_acronyms
    names.resolver.shared_keys |= shared_organisation_keys(path)

    def build(row_facts: RowFacts, n: int, row: dict[str, str]) -> None:
        name = required(row, "name", "organisation name")
        project_id = row.get("projectID", "")
        cid, project_name = project_key(project_id, row.get("projectAcronym", ""), names, shared)
        country = country_code(row["country"]) if row.get("country") else None
        contribution = money(row.get("ecContribution", ""), "ecContribution")
        evidence = row_fields(row_facts.facts.doc, n, row, PARTICIPATION_FIELDS)
        located = row_fields(row_facts.facts.doc, n, row, LOCATION_FIELDS)
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
            row_facts.relation("LOCATED_IN", org, add_nuts(row_facts, nuts), located)
        if country:
            row_facts.relation("LOCATED_IN", org, add_country(row_facts, country), located)

    yield from facts_from_rows(path, build, report, names)
