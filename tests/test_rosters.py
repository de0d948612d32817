"""Rosters: a section headed "Our members" or "Consortium" whose list items each open
with an organisation makes each a member of the page's cluster or a partner of its
project; category headings inside the roster keep it open, a heading with a role of
its own ends it.

Short texts written for these tests; the names are invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from innograph.ingest.relations.rosters import roster_heading

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, relations, triples
else:
    from test_relations import Entities, relations, triples

NL: Entities = {
    "Glascluster Veluwedal": ("gv", "Cluster"),
    "Glasblazerij Harderwold": ("gh", "Organisation"),
    "Vensterfabriek Otterloo": ("vo", "Organisation"),
    "Hogeschool Rijnwaard": ("hr", "Organisation"),
    "Stichting Zandpad": ("sz", "Organisation"),
    "Ermelo": ("ermelo", "Region"),
}

EN: Entities = {
    "BRINEWAVE": ("bw", "Project"),
    "Norvik Institute": ("ni", "Organisation"),
    "Saltmarsh Engineering": ("se", "Organisation"),
    "Pontclair University": ("pu", "Organisation"),
    "Bergen": ("bergen", "Region"),
}


def test_items_under_a_members_heading_are_members_of_the_page_cluster() -> None:
    text = (
        "Onze leden\n\n"
        "Glascluster Veluwedal is het netwerk van glasbedrijven op de Veluwe.\n\n"
        "Producenten\n"
        "• Glasblazerij Harderwold, Ermelo\n"
        "• Vensterfabriek Otterloo (Ermelo)\n\n"
        "Kennispartners\n"
        "• Hogeschool Rijnwaard\n\n"
        "Projectpartners\n"
        "• Stichting Zandpad\n"
    )
    found = triples(relations(text, NL, lang="nl"))
    assert {("MEMBER_OF", k, "gv") for k in ("gh", "vo", "hr")} <= found
    # a heading with a role of its own ends the roster of members
    assert ("MEMBER_OF", "sz", "gv") not in found


def test_items_under_a_consortium_heading_are_partners_of_the_project() -> None:
    text = (
        "Consortium\n\n"
        "BRINEWAVE recovers salt from brine with three partners.\n\n"
        "1. Norvik Institute, Bergen\n"
        "Runs the pilot plant.\n\n"
        "2. Saltmarsh Engineering, Bergen\n"
        "Designs the membranes.\n\n"
        "3. Pontclair University\n"
    )
    found = triples(relations(text, EN))
    assert {("PARTICIPATES_IN", k, "bw") for k in ("ni", "se", "pu")} <= found


def test_roster_headings() -> None:
    assert roster_heading("Onze leden") is not None
    assert roster_heading("Nos adhérents :") is not None
    assert roster_heading("Mitglieder") is not None
    assert roster_heading("Our members") is not None
    assert roster_heading("Members of the board were elected") is None
