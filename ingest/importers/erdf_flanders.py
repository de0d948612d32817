"""Flemish ERDF project lists: 2007-2013 (VLAIO overview) and the 2014-2020 call file.

2007-2013 row -> the promotor LEADS the project (budget = eligible cost) FUNDED_BY the
Flanders ERDF programme with the ERDF grant; the promotor LOCATED_IN Belgium and in the
NUTS region of its municipality, the project LOCATED_IN the region it is carried out in
(PLAATSUITVOERING), where the NUTS list names them.
2014-2020 file: title and "Prioritaire As:" rows above and between the projects, the
header row starting with "Nr"; co-promotors (one per line in their cell) PARTICIPATE_IN
the project that the promotor LEADS.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from innograph.ingest.importers.common import (
    ImportReport,
    NameResolver,
    RowFacts,
    add_country,
    add_nuts,
    add_organisation,
    add_programme,
    facts_from_rows,
    iso_date,
    money,
    open_text,
    required,
    row_fields,
    short_hash,
    sniff_delimiter,
)
from innograph.ingest.importers.regions import nuts_of_name
from innograph.ontology.facts import AttributeValue, DocumentFacts
from innograph.ontology.ids import make_canonical_id

# CCI codes of the Flanders ERDF operational programmes.
CCI_2007 = "2007BE162PO002"
CCI_2014 = "2014BE16RFOP002"
PROGRAMME_NAME = "EFRO Vlaanderen"
# The columns the evidence of a row's facts names, per file layout.
FIELDS_2007 = (
    "PROMOTOR_manueel",
    "PROJECTNAAM_manueel",
    "GEMEENTE",
    "PLAATSUITVOERING",
    "STARTDATUM_PROJECT",
    "EINDDATUM_PROJECT",
    "SUBSIDIABELE_KOST",
    "EFRO_STEUN",
)
FIELDS_2014 = ("Nr", "Promotor", "Project", "Co-promotoren", "Totale projectkost", "efro")


def _project(
    row_facts: RowFacts, title: str, promotor: str, **attributes: AttributeValue | None
) -> str:
    """The project of a row; its id from the promotor and title (the lists have no ids)."""
    cid = make_canonical_id("Project", f"BE {short_hash(promotor, title)} {title[:90]}")
    kept: dict[str, AttributeValue] = {k: v for k, v in attributes.items() if v is not None}
    return row_facts.entity("project", "Project", title, cid, attributes=kept)


def iter_erdf_flanders(
    path: Path, report: ImportReport, names: NameResolver
) -> Iterator[DocumentFacts]:
    """One DocumentFacts per project row, for either file layout (told by its header)."""
    with open_text(path) as stream:
        first = stream.readline()

    def build_2007(row_facts: RowFacts, n: int, row: dict[str, str]) -> None:
        promotor = required(row, "PROMOTOR_manueel", "promotor name")
        title = required(row, "PROJECTNAAM_manueel", "project name")
        budget = money(row.get("SUBSIDIABELE_KOST", ""), "SUBSIDIABELE_KOST")
        grant = money(row.get("EFRO_STEUN", ""), "EFRO_STEUN")
        evidence = row_fields(row_facts.facts.doc, n, row, FIELDS_2007)
        row_facts.facts.lang = "nl"
        org = add_organisation(row_facts, names, promotor, attributes={"country": "BE"})
        project = _project(
            row_facts,
            title,
            promotor,
            budget_eur=budget,
            start_date=iso_date(row.get("STARTDATUM_PROJECT", "")),
            end_date=iso_date(row.get("EINDDATUM_PROJECT", "")),
            url=row.get("PROJECTWEBSITE", ""),
        )
        row_facts.relation("LEADS", org, project, evidence, attributes={"role": "promotor"})
        prog = add_programme(row_facts, names, PROGRAMME_NAME, CCI_2007)
        row_facts.relation("FUNDED_BY", project, prog, evidence, amount_eur=grant)
        row_facts.relation("LOCATED_IN", org, add_country(row_facts, "BE"), evidence)
        # The promotor's municipality (a Flemish town lies in the arrondissement named
        # after it) and the region the project is carried out in, where NUTS names them.
        town = nuts_of_name(row.get("GEMEENTE", ""), "BE")
        if town:
            row_facts.relation("LOCATED_IN", org, add_nuts(row_facts, town), evidence)
        area = nuts_of_name(row.get("PLAATSUITVOERING", ""), "BE")
        if area:
            row_facts.relation("LOCATED_IN", project, add_nuts(row_facts, area), evidence)

    def build_2014(row_facts: RowFacts, n: int, row: dict[str, str]) -> None:
        promotor = required(row, "Promotor", "promotor name")
        title = required(row, "Project", "project name")
        budget = money(row.get("Totale projectkost", ""), "Totale projectkost")
        grant = money(row.get("efro", ""), "efro")
        evidence = row_fields(row_facts.facts.doc, n, row, FIELDS_2014)
        row_facts.facts.lang = "nl"
        org = add_organisation(row_facts, names, promotor, attributes={"country": "BE"})
        project = _project(
            row_facts, title, promotor, budget_eur=budget, priority=row.get("priority", "")
        )
        row_facts.relation("LEADS", org, project, evidence, attributes={"role": "promotor"})
        for partner in co_promotors(row.get("Co-promotoren", "")):
            other = add_organisation(row_facts, names, partner, attributes={"country": "BE"})
            if other != org:
                row_facts.relation(
                    "PARTICIPATES_IN", other, project, evidence, attributes={"role": "co-promotor"}
                )
        prog = add_programme(row_facts, names, PROGRAMME_NAME, CCI_2014)
        row_facts.relation("FUNDED_BY", project, prog, evidence, amount_eur=grant)
        row_facts.relation("LOCATED_IN", org, add_country(row_facts, "BE"), evidence)

    if "PROMOTOR_manueel" in first:
        yield from facts_from_rows(path, build_2007, report, names)
    else:
        yield from facts_from_rows(path, build_2014, report, names, rows=rows_2014(path))


def co_promotors(cell: str) -> list[str]:
    """The co-promotors of one cell: one per line."""
    return [line.strip() for line in cell.splitlines() if line.strip()]


def rows_2014(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """The project rows of the 2014-2020 sheet (numbered from 1 after the header), each
    with the priority axis named above it as ``priority``."""
    priority = ""
    header: list[str] | None = None
    with open_text(path) as stream:
        first = stream.readline()
        delimiter = sniff_delimiter(first)
        stream.seek(0)
        n = 0
        for values in csv.reader(stream, delimiter=delimiter):
            cells = [v.strip() for v in values]
            if not any(cells):
                continue
            if cells[0].rstrip(":").lower() == "prioritaire as":
                priority = next((c for c in cells[1:] if c), "")
                continue
            if header is None:
                if cells[0] == "Nr":
                    header = cells
                continue
            n += 1
            row = dict(zip(header, cells, strict=False))
            row["priority"] = priority
            yield n, row
