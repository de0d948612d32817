"""A CORDIS-like pair of files for the project page tests: the first projects of the
shared ECSEL extract with their participants, plus one invented project in the same
format whose partners carry a hostile name, an ampersand, a third party, and a row the
file repeats word for word."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from innograph.tests.import_helpers import read_rows, run_import, write_rows

HOSTILE = "<img src=x onerror=alert(1)>"
ECSEL_PROJECTS = 2  # the first projects of the extract
INVENTED_ID = "990000001"
INVENTED = {
    "projectID": INVENTED_ID,
    "acronym": "KADE-X",
    "title": f"Kade {HOSTILE} sensing",
    "startDate": "2022-01-01",
    "endDate": "2024-12-31",
    "totalCost": "1500000.5",
    "ecMaxContribution": "1250000",
    "topics": "ECSEL-2021-1-IA",
    "fundingScheme": "ECSEL-IA",
    "objective": "Invented for the tests.",
    "year": "2022",
}
# (organisationID, name, activityType, country, role, ecContribution)
INVENTED_PARTNERS = [
    ("911000001", "Kade Labs BV", "PRC", "NL", "participant", "150000"),
    ("911000002", HOSTILE, "REC", "DE", "participant", "600000.25"),
    ("911000003", "Veldhoven Optics B.V.", "PRC", "NL", "coordinator", "400000"),
    ("911000004", "Zee & Co", "OTH", "FR", "thirdParty", "0"),
]


@dataclass(frozen=True)
class CordisFixture:
    store: Path
    files: dict[str, Path]
    projects: list[dict[str, str]]  # the project rows, ECSEL's then the invented one
    participants: list[dict[str, str]]


def build_cordis_fixture(shared_dir: Path, folder: Path) -> CordisFixture:
    """Write the two files in ``folder`` and import them with ``innograph import cordis``
    into ``folder/store``."""
    data = shared_dir / "data" / "structured"
    p_header, projects = read_rows(data / "ecsel_h2020_projects.csv")
    a_header, participants = read_rows(data / "ecsel_h2020_participants.csv")
    chosen = projects[:ECSEL_PROJECTS] + [INVENTED]
    ids = {p["projectID"] for p in chosen}
    rows = [r for r in participants if r["projectID"] in ids]
    for pic, name, activity, country, role, amount in INVENTED_PARTNERS:
        rows.append(
            {
                "projectID": INVENTED_ID,
                "projectAcronym": INVENTED["acronym"],
                "organisationID": pic,
                "name": name,
                "shortName": "",
                "activityType": activity,
                "country": country,
                "organizationURL": "",
                "role": role,
                "ecContribution": amount,
            }
        )
    rows.append(dict(rows[-3]))  # the hostile partner's row, repeated word for word
    files = {
        "projects": write_rows(folder / "projects.csv", [*p_header, "endDate"], chosen),
        "participants": write_rows(folder / "participants.csv", a_header, rows),
    }
    store = folder / "store"
    code, _, err = run_import(
        "cordis",
        "--projects",
        str(files["projects"]),
        "--participants",
        str(files["participants"]),
        "--store",
        str(store),
    )
    assert code == 0, err
    return CordisFixture(store, files, chosen, rows)
