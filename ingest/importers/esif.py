"""ESIF beneficiary lists (the harmonised ERDF/ESF/CF set, one row per beneficiary and
operation).

Row -> the beneficiary Organisation LEADS its operation (a Project; budget = total
amount), the operation FUNDED_BY its operational programme (by CCI code where the
reference list knows it) with the EU co-financing amount, and the beneficiary LOCATED_IN
its NUTS region (from the code, or the region or county name: see ``regions``) and
country.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from innograph.ingest.importers.common import (
    ImportReport,
    NameResolver,
    RowFacts,
    add_country,
    add_nuts,
    add_organisation,
    add_programme,
    country_code,
    facts_from_rows,
    iso_date,
    money,
    required,
    row_fields,
    short_hash,
)
from innograph.ingest.importers.regions import row_region
from innograph.ontology.facts import AttributeValue, DocumentFacts
from innograph.ontology.ids import make_canonical_id, slugify

FUND_NAMES = {
    "ERDF": "European Regional Development Fund",
    "ESF": "European Social Fund",
    "CF": "Cohesion Fund",
}


# The columns the evidence of a row's facts names (descriptions are left out: long).
FIELDS = (
    "beneficiary_name",
    "project_id",
    "project_name",
    "operational_programme",
    "cci_program_code",
    "fund_normalised",
    "starting_date",
    "completion_date",
    "total_amount",
    "eu_cofinancing_amount",
    "currency_code",
)
LOCATION_FIELDS = (
    "beneficiary_name",
    "beneficiary_country",
    "beneficiary_nuts_code",
    "beneficiary_nuts_region",
    "beneficiary_county",
)


# Two rows in three repeat a title of a row shortly before (the same measure for many
# beneficiaries): their slugs are kept.
_title_slug = lru_cache(maxsize=16384)(slugify)


def operation_id(country: str, project_id: str, name: str, beneficiary: str) -> str:
    """The canonical id of an operation: country and number (or a hash of beneficiary and
    name when it has none) first, so that the 80-character slug limit never merges two."""
    number = project_id or short_hash(beneficiary, name)
    # Only the slug's first 80 characters count: fold no more of the name than that, and
    # only once (folding is the costly part): the slug, plain ASCII, slugs again for free
    # to itself, and cut at 80 characters it still fills the id's 80.
    slug = _title_slug(name[:90])
    # Names with no Latin letters add nothing to the slug: the hash keeps ids apart.
    if not slug and not slugify(name):
        number = f"{number} {short_hash(name)}"
    return make_canonical_id("Project", f"{country} {number} {slug}")


def iter_esif(path: Path, report: ImportReport, names: NameResolver) -> Iterator[DocumentFacts]:
    """One DocumentFacts per beneficiary-operation row."""

    def build(row_facts: RowFacts, n: int, row: dict[str, str]) -> None:
        beneficiary = required(row, "beneficiary_name", "beneficiary name")
        # beneficiary_country is free text in many sources ("England", "D"); a code there
        # wins, otherwise the country of the source list.
        stated = row.get("beneficiary_country", "")
        country = country_code(stated if len(stated) == 2 else row.get("country", ""))
        # Amounts are in the list's own currency (GBP, PLN, HUF, HRK, LEI ...): only euro
        # amounts become amount_eur / budget_eur; others are kept as written, with the code.
        currency = row.get("currency_code", "").strip().upper() or "EUR"
        in_euro = currency == "EUR"
        grant = money(row.get("eu_cofinancing_amount", ""), "eu_cofinancing_amount", in_euro)
        budget = money(row.get("total_amount", ""), "total_amount", in_euro)
        local: dict[str, AttributeValue] = {}
        if not in_euro:
            local = {"currency": currency, "total_amount": row.get("total_amount", "")}
        evidence = row_fields(row_facts.facts.doc, n, row, FIELDS)
        located = row_fields(row_facts.facts.doc, n, row, LOCATION_FIELDS)
        title = row.get("project_name", "") or row.get("project_id", "") or "operation"
        org = add_organisation(row_facts, names, beneficiary, attributes={"country": country})
        project = row_facts.entity(
            "project",
            "Project",
            title,
            operation_id(country, row.get("project_id", ""), title, beneficiary),
            attributes={
                "budget_eur": budget,
                "start_date": iso_date(row.get("starting_date", "")),
                "end_date": iso_date(row.get("completion_date", "")),
                "operation_id": row.get("project_id", ""),
                "fund": row.get("fund_normalised", ""),
                **local,
            },
        )
        row_facts.relation("LEADS", org, project, evidence, attributes={"role": "beneficiary"})
        fund = row.get("fund_normalised", "")
        programme_name = row.get("operational_programme", "") or FUND_NAMES.get(fund, fund)
        if programme_name or row.get("cci_program_code"):
            prog = add_programme(
                row_facts, names, programme_name, row.get("cci_program_code", "").strip()
            )
            eu_local: dict[str, AttributeValue] = {}
            if not in_euro and row.get("eu_cofinancing_amount"):
                eu_local = {"currency": currency, "amount": row["eu_cofinancing_amount"]}
            row_facts.relation(
                "FUNDED_BY", project, prog, evidence, amount_eur=grant, attributes=eu_local
            )
        # A code where the list gives one (UK), else the region or county names.
        nuts = row_region(
            country,
            row.get("beneficiary_nuts_code", ""),
            (row.get("beneficiary_nuts_region", ""), row.get("beneficiary_county", "")),
        )
        if nuts:
            row_facts.relation("LOCATED_IN", org, add_nuts(row_facts, nuts), located)
        row_facts.relation("LOCATED_IN", org, add_country(row_facts, country), located)

    yield from facts_from_rows(path, build, report, names)
