"""A small graph of one organisation's partners, with countries, activity types, dates
and EC contributions, where every collaborators answer is known (store, API and page)."""

from __future__ import annotations

from innograph.ontology.facts import DocumentFacts
from innograph.ontology.ids import make_canonical_id
from innograph.tests.builders import make_facts
from innograph.tests.store_contract_data import org

ME, ANVIL, BIRCH, COBALT, DUNE = (
    org("Me Org"),
    org("Anvil GmbH"),
    org("Birch College"),
    org("Cobalt Institute"),
    make_canonical_id("Cluster", "Dune Cluster"),
)


def partners() -> list[DocumentFacts]:
    """Me shares P1 (2015-2018) and P2 (2019-2022) with Anvil and Birch, P2 with Cobalt
    (no country, no amount) and a platform (no dates) with the Dune cluster. Birch both
    leads and takes part in P2: its two amounts add up."""
    return [
        make_facts(
            "mem://partners.csv",
            [
                ("me", "Organisation", "Me Org", {"country": "BE"}),
                ("a", "Organisation", "Anvil GmbH", {"country": "DE", "activity_type": "PRC"}),
                ("b", "Organisation", "Birch College", {"country": "nl", "activity_type": "HES"}),
                ("c", "Organisation", "Cobalt Institute", {"activity_type": "REC"}),
                ("d", "Cluster", "Dune Cluster", {"country": "FR"}),
                ("p1", "Project", "P1", {"start_date": "2015-01-01", "end_date": "2018-12-31"}),
                ("p2", "Project", "P2", {"start_date": "2019-01-01", "end_date": "2022-12-31"}),
                ("s", "S3Platform", "Platform S"),
            ],
            [
                ("LEADS", "me", "p1", {"amount_eur": 999.0}),
                ("PARTICIPATES_IN", "a", "p1", {"amount_eur": 100.5}),
                ("PARTICIPATES_IN", "b", "p1", {"amount_eur": 200.0}),
                ("PARTICIPATES_IN", "me", "p2"),
                ("PARTICIPATES_IN", "a", "p2", {"amount_eur": 50.25}),
                ("LEADS", "b", "p2", {"amount_eur": 10.0}),
                ("PARTICIPATES_IN", "b", "p2", {"amount_eur": 5.0}),
                ("PARTICIPATES_IN", "c", "p2"),
                ("PARTICIPATES_IN", "me", "s"),
                ("PARTICIPATES_IN", "d", "s"),
            ],
        )
    ]
