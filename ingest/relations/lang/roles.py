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
    SUCCESSOR_OF,
)

ORG_MEMBER = (MEMBER_OF, PARTICIPATES_IN)
PART = (PARTICIPATES_IN,)
LEAD = (LEADS,)
FUND = (FUNDED_BY,)
LOC = (LOCATED_IN,)
COLLAB = (COLLABORATES_WITH,)
SUCC = (SUCCESSOR_OF,)
AFF = (AFFILIATED_WITH,)
