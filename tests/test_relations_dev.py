"""The cue rules measured on their own: dev documents with the gold entity mentions.

The end-to-end score (``test_extraction_dev.py``) mixes entity and relation errors; here
the mentions are the gold entities' names and aliases found in the text and the
relations are what the cue rules propose (``propose_relations``), before the learned
model decides: the score is that of the rules alone, as when these thresholds were set.
The whole relation stage on unseen sites is in ``test_extraction_dev2.py``.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from innograph.evaluation.extraction import gold_mentions
from innograph.ingest.nlp import join_wrapped_lines, pipeline
from innograph.ingest.reading.formats import read_document
from innograph.ingest.relations import extract_budgets, propose_relations

pytestmark = pytest.mark.slow

TOLERANCE = 0.005  # the scorer's amount tolerance


def _close(a: float | None, b: float) -> bool:
    return a is not None and abs(a - b) <= TOLERANCE * abs(b)


@pytest.fixture(scope="module")
def dev_scores(shared_dir: Path) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    amounts: Counter[str] = Counter()
    for gold_file in sorted((shared_dir / "gold" / "dev").glob("*.json")):
        gold = json.loads(gold_file.read_text("utf-8"))
        path = shared_dir / "seeds" / gold["doc"]
        if not path.exists():
            path = shared_dir / "corpus" / gold["doc"]
        doc = pipeline(gold["lang"])(join_wrapped_lines(read_document(path).text))
        mentions = gold_mentions(doc, gold)
        used: set[int] = set()
        for rel in propose_relations(doc, mentions, lang=gold["lang"]):
            hit = next(
                (
                    i
                    for i, g in enumerate(gold["relations"])
                    if i not in used
                    and rel.type in (g["type"], *g.get("alt_types", []))
                    and (
                        (rel.source, rel.target) == (g["source"], g["target"])
                        or (
                            g["type"] == "COLLABORATES_WITH"
                            and (rel.target, rel.source) == (g["source"], g["target"])
                        )
                    )
                ),
                None,
            )
            if hit is None:
                counts["fp"] += 1
                continue
            used.add(hit)
            counts["tp"] += 1
            g = gold["relations"][hit]
            if "amount_eur" in g and rel.amount_eur is not None:
                amounts[
                    "grant ok" if _close(rel.amount_eur, g["amount_eur"]) else "grant wrong"
                ] += 1
        counts["fn"] += len(gold["relations"]) - len(used)
        budgets = extract_budgets(doc, mentions, lang=gold["lang"])
        for entity in gold["entities"]:
            if "budget_eur" in entity:
                found = budgets.get(entity["id"])
                ok = _close(found, entity["budget_eur"])
                amounts[
                    "budget ok" if ok else "budget missed" if found is None else "budget wrong"
                ] += 1
    p = counts["tp"] / max(1, counts["tp"] + counts["fp"])
    r = counts["tp"] / max(1, counts["tp"] + counts["fn"])
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "amounts": amounts}


def test_relations_on_gold_mentions(dev_scores: dict[str, Any]) -> None:
    # measured 0.90 precision, 0.73 recall, F1 0.81 when written
    assert dev_scores["p"] >= 0.85
    assert dev_scores["f1"] >= 0.75


def test_every_amount_found_is_right(dev_scores: dict[str, Any]) -> None:
    amounts = dev_scores["amounts"]
    assert amounts["grant wrong"] == 0 and amounts["grant ok"] >= 1
    # No wrong budget. One of the three is missed since a budget stated without its
    # project's name goes to a project only when the page names no other (chosen on
    # the train split, where it halved the wrong budgets): "the project" after a
    # sentence that names a predecessor too.
    assert amounts["budget wrong"] == 0 and amounts["budget ok"] >= 2
