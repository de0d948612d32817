"""The extractor on the held-out split of the second gold set (sites never tuned on).

``evaluation/split.tsv`` puts whole sites into train or test; the relation model and
every rule were chosen on train (and the 16 first documents), so the test split is the
nearest thing here to the hidden evaluation. The shipped model is learned on every split;
the test split is read with the one learned without it (``extraction.model_for``).
Thresholds sit a little under what was measured when they were set (see the README's
extraction table).
"""

from __future__ import annotations

from typing import Any

import pytest

from innograph.evaluation.extraction import (
    model_for,
    predict,
    predict_on_gold_entities,
    score,
    using_model,
)
from innograph.evaluation.split import gold_docs

pytestmark = pytest.mark.slow

# measured (session 18): entities 0.796, relations 0.403, relations on gold entities
# 0.590 (session 17: 0.796, 0.397 and 0.595, the model also learning from the invented
# training pages; session 16: 0.793, 0.352 and 0.576; session 14: 0.792, 0.341, 0.560)
ENTITY_F1 = 0.78
RELATION_F1 = 0.39
# issue #13's target: no language more than this far behind English (entities: nl 0.041)
LANGUAGE_GAP = 0.08
RELATION_F1_GOLD_ENTITIES = 0.58


@pytest.fixture(scope="module")
def held_out() -> list[Any]:
    docs = [d for d in gold_docs() if d.split == "test"]
    assert len(docs) == 41
    return docs


def test_end_to_end_on_unseen_sites(held_out: list[Any]) -> None:
    with using_model(model_for("test")):
        summary = score(held_out, predict(held_out, workers=2))
    assert summary["entities/strict"]["overall"]["f1"] >= ENTITY_F1, summary["entities/strict"]
    assert summary["relations"]["overall"]["f1"] >= RELATION_F1, summary["relations"]
    # every language is read, none far behind the others
    english = summary["by_language"]["en"]["entities/strict"]["f1"]
    for lang, by_lang in summary["by_language"].items():
        assert by_lang["entities/strict"]["f1"] >= 0.45, (lang, by_lang)
        assert english - by_lang["entities/strict"]["f1"] <= LANGUAGE_GAP, (lang, by_lang)


def test_relation_stage_on_gold_entities(held_out: list[Any]) -> None:
    with using_model(model_for("test")):
        summary = score(held_out, predict_on_gold_entities(held_out), by_language=False)
    assert summary["relations"]["overall"]["f1"] >= RELATION_F1_GOLD_ENTITIES, summary["relations"]
