"""The relation groups that cue entries name (shared by every language's cue list)."""

from __future__ import annotations

from innograph.ingest.relations.cues import (
    AFFILIATED_WITH,
    COLLABORATES_WITH,
    FUNDED_BY,
    LEADS,
    LOCATED_IN,
    MEMBER_OF,
    PARTICIPATES_IN,
    PLACE_OFFICE_REACH,
    SUCCESSOR_OF,
    Cue,
    cue_list,
)

ORG_MEMBER = (MEMBER_OF, PARTICIPATES_IN)
MEMBER = (MEMBER_OF,)
PART = (PARTICIPATES_IN,)
LEAD = (LEADS,)
FUND = (FUNDED_BY,)
LOC = (LOCATED_IN,)
COLLAB = (COLLABORATES_WITH,)
SUCC = (SUCCESSOR_OF,)
AFF = (AFFILIATED_WITH,)


def place_office_cues(offices: str) -> list[Cue]:
    """AFFILIATED_WITH cues for a language's offices of a place's government (a regular
    expression of their words): the office holder and the place on either side."""
    return cue_list(
        offices,
        AFF,
        source="any",
        target="any",
        confidence=0.75,
        reach=PLACE_OFFICE_REACH,
        target_types=("Region",),
    )


def signing_party_cues(signing: str) -> list[Cue]:
    """COLLABORATES_WITH cues for a language's words of signing or sealing a cooperation
    (a regular expression): every party listed before them works with every other."""
    return cue_list(
        signing,
        COLLAB,
        source="left",
        target="left",
        confidence=0.75,
        group=True,
        parties=True,
    )
