"""The learned weights that decide which candidate relations a document states.

A logistic model over the string features of ``relations.candidates``: the score of a
candidate is the sigmoid of its bias plus the weights of its features, and a candidate
is kept when its score reaches its relation's threshold. The weights are plain JSON
(``data/relation_model.json``), written by ``evaluation.train_relations`` from a train
split of the gold; reading them needs no machine-learning library. Lexical features
(words between two mentions) are kept in the model only when they occurred in several
documents of several sites, so no name of a training page is in it.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

MODEL_FILE = Path(__file__).with_name("data") / "relation_model.json"

# A relation that implies another (leading a project is taking part in it): when a pair
# of ends passes the thresholds of both, the more specific one is what the text states.
SPECIFIC_OVER = {"LEADS": "PARTICIPATES_IN"}
# ... unless the implied one is far surer: a partner of a "Partners:" field (about 0.9)
# is not made the lead by a weak guess (about 0.3) that the first partner leads.
SPECIFIC_MARGIN = 0.5


def choose(
    scored: Sequence[tuple[str, float]], thresholds: Mapping[str, float], default: float
) -> tuple[str, float] | None:
    """The relation type kept for one pair of ends, from each type's score: the best
    scoring type among those reaching their threshold, a specific type before the one it
    implies; None when no type reaches its threshold."""
    passing = [(t, s) for t, s in scored if s >= thresholds.get(t, default)]
    if not passing:
        return None
    best = max(passing, key=lambda ts: ts[1])
    for specific, general in SPECIFIC_OVER.items():
        if best[0] == general:
            found = next((ts for ts in passing if ts[0] == specific), None)
            if found is not None and found[1] + SPECIFIC_MARGIN >= best[1]:
                return found
    return best


@dataclass(frozen=True, slots=True)
class RelationModel:
    """Feature weights, a bias and a threshold per relation type."""

    weights: dict[str, float]
    bias: float
    thresholds: dict[str, float]
    default_threshold: float
    info: dict[str, Any]

    def score(self, features: list[str]) -> float:
        """The probability that a candidate with these features is stated."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def threshold(self, relation: str) -> float:
        """The score a candidate of ``relation`` needs to be kept."""
        return self.thresholds.get(relation, self.default_threshold)

    def choose(self, scored: Sequence[tuple[str, float]]) -> tuple[str, float] | None:
        """The relation type kept for one pair of ends (see :func:`choose`)."""
        return choose(scored, self.thresholds, self.default_threshold)

    def to_json(self) -> dict[str, Any]:
        """The model as written to its file."""
        return {
            "info": self.info,
            "bias": self.bias,
            "default_threshold": self.default_threshold,
            "thresholds": self.thresholds,
            "weights": dict(sorted(self.weights.items())),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RelationModel:
        """A model from its file's JSON."""
        return cls(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            thresholds={str(k): float(v) for k, v in data.get("thresholds", {}).items()},
            default_threshold=float(data.get("default_threshold", 0.5)),
            info=dict(data.get("info", {})),
        )


@cache
def relation_model() -> RelationModel | None:
    """The shipped model (None when INNOGRAPH_RELATION_MODEL=off or no file is there).

    INNOGRAPH_RELATION_MODEL may also name another model file.
    """
    setting = os.environ.get("INNOGRAPH_RELATION_MODEL", "")
    if setting.lower() == "off":
        return None
    path = Path(setting) if setting else MODEL_FILE
    if not path.exists():
        return None
    return RelationModel.from_json(json.loads(path.read_text("utf-8")))
