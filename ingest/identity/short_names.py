"""Short names that stand for one organisation: "ASML" for ASML Netherlands, "TU/e" ...

Read from the registry organisations of the gazetteer (``ingest/data/organisations.tsv``:
each name with the short names the sources give it). A short name counts only when it
belongs to one organisation there and is no organisation's own name: "NXP" is the short
name of three NXP companies and stands for none of them; nor does anything under 3 letters.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from innograph.ingest.identity.names import organisation_key

ORGANISATIONS = Path(__file__).resolve().parents[1] / "data" / "organisations.tsv"


@lru_cache(maxsize=1)
def _owners() -> dict[str, str]:
    """Identity key of a short name -> identity key of the one organisation it names."""
    owners: dict[str, set[str]] = {}
    names: set[str] = set()
    with ORGANISATIONS.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            long_key = organisation_key(row["name"])
            names.add(long_key)
            for short in filter(None, row["short_names"].split("|")):
                short_key = organisation_key(short)
                if len(short_key) >= 3 and short_key != long_key:
                    owners.setdefault(short_key, set()).add(long_key)
    # A short name that is another organisation's own name ("X-Celeprint", the short name
    # of X Display Company and the name of X-Celeprint Limited) stands for neither.
    return {
        short: next(iter(keys))
        for short, keys in owners.items()
        if len(keys) == 1 and short not in names
    }


def short_name_owner(key: str) -> str | None:
    """The identity key of the organisation whose unique short name has ``key``."""
    return _owners().get(key)
