"""Component families switched off, for the evaluation's ablation table (``make eval``).

``INNOGRAPH_ABLATE`` names the families to leave out, comma-separated: the entity
sources (``gazetteer``, ``patterns``, ``ner``, ``weak``) and the relation rule families
(``cues``, ``syntax``, ``adjacency``, ``layout``). The learned relation model is left out
by ``INNOGRAPH_RELATION_MODEL=off``. Unset, the default, everything runs; the evaluation
(``python -m innograph.evaluation.extraction --ablation``) checks the names it sets.
"""

from __future__ import annotations

import os
from functools import cache

ENTITY_FAMILIES = ("gazetteer", "patterns", "ner", "weak")
RELATION_FAMILIES = ("cues", "syntax", "adjacency", "layout")
FAMILIES = ENTITY_FAMILIES + RELATION_FAMILIES


@cache
def ablated() -> frozenset[str]:
    """The families ``INNOGRAPH_ABLATE`` leaves out (names it does not know are ignored)."""
    names = {n.strip() for n in os.environ.get("INNOGRAPH_ABLATE", "").split(",")}
    return frozenset(names & set(FAMILIES))
