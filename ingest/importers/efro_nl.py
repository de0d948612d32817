"""The Dutch national list of EFRO/ESF projects 2007-2016 (Dutch column names).

Row -> the beneficiary (Begunstigde) LEADS the project (Dutch title, English title as an
alias; budget = total cost), the project FUNDED_BY its programme (the managing authority's
programme where named, otherwise the fund) with the EU grant, the beneficiary LOCATED_IN
the Netherlands.
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
    add_organisation,
    add_programme,
    facts_from_rows,
    money,
    required,
    row_fields,
    short_hash,
)
from innograph.ontology.facts import DocumentFacts
from innograph.ontology.ids import make_canonical_id

BENEFICIARY = "Begunstigde"
TITLE = "Titel van het project (naam van de concrete actie)"
TITLE_EN = "Titel van het project in het Engels"
FUND = "Fonds"
AUTHORITY = "Autoriteit"
SUMMARY = "Samenvatting"
GRANT = "EU-subsidie in Euro's"
TOTAL = "Totale kosten in Euro's"
# The funds by the names the gazetteer knows.
FUNDS = {"EFRO": "EFRO", "ESF": "ESF"}
# The columns the evidence of a row's facts names (the summary is left out: it is long).
FIELDS = (BENEFICIARY, TITLE, FUND, AUTHORITY, TOTAL, GRANT)


def iter_efro_nl(path: Path, report: ImportReport, names: NameResolver) -> Iterator[DocumentFacts]:
    """One DocumentFacts per project row."""

    def build(row_facts: RowFacts, n: int, row: dict[str, str]) -> None:
        beneficiary = required(row, BENEFICIARY, "beneficiary name")
        title = row.get(TITLE, "") or row.get(TITLE_EN, "")
        if not title:
            raise SkipRow("missing project title")
        grant = money(row.get(GRANT, ""), GRANT)
        budget = money(row.get(TOTAL, ""), TOTAL)
        evidence = row_fields(row_facts.facts.doc, n, row, FIELDS)
        row_facts.facts.lang = "nl"
        org = add_organisation(row_facts, names, beneficiary, attributes={"country": "NL"})
        project = row_facts.entity(
            "project",
            "Project",
            title,
            make_canonical_id("Project", f"NL {short_hash(beneficiary, title)} {title[:90]}"),
            aliases=[row.get(TITLE_EN, "")],
            attributes={
                "budget_eur": budget,
                "fund": row.get(FUND, ""),
                "url": row.get("Website project", ""),
            },
        )
        row_facts.relation("LEADS", org, project, evidence, attributes={"role": "beneficiary"})
        programme = row.get(AUTHORITY, "") or FUNDS.get(row.get(FUND, ""), row.get(FUND, ""))
        if programme:
            prog = add_programme(row_facts, names, programme)
            row_facts.relation("FUNDED_BY", project, prog, evidence, amount_eur=grant)
        row_facts.relation("LOCATED_IN", org, add_country(row_facts, "NL"), evidence)

    yield from facts_from_rows(path, build, report, names)
