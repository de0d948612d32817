"""The dev score of issue #3: the Extractor over the shared seeds and corpus, scored by the
shared scorer against the dev gold, with the issue's thresholds (never lowered here)."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from innograph.ingest.extractor import Extractor
from innograph.ingest.reading.formats import iter_document_paths, read_document

pytestmark = pytest.mark.slow

ENTITY_F1 = 0.80
RELATION_F1 = 0.60
RESOLUTION_F1 = 0.80


def _scorer(shared_dir: Path) -> ModuleType:
    path = shared_dir / "tools" / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def summary(shared_dir: Path) -> dict[str, Any]:
    """The scorer's summary of the Extractor's predictions (as ``--json`` prints it)."""
    scorer = _scorer(shared_dir)
    paths = list(iter_document_paths([shared_dir / "seeds", shared_dir / "corpus"]))
    predictions = {
        facts.doc: json.loads(json.dumps(facts.to_contract()))
        for facts in Extractor().extract_many(read_document(p) for p in paths)
    }
    golds = {}
    for path in sorted((shared_dir / "gold" / "dev").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        golds[gold["doc"]] = gold
    tallies: defaultdict[str, defaultdict[str, Counter[str]]] = defaultdict(
        lambda: defaultdict(Counter)
    )
    mappings = {
        doc: scorer.score_doc(gold, predictions.get(doc, {}), tallies)
        for doc, gold in golds.items()
    }
    out: dict[str, Any] = {"predicted": len(set(predictions) & set(golds)), "gold": len(golds)}
    for section, per_type in tallies.items():
        total = sum(per_type.values(), Counter())
        out[section] = {
            "overall": scorer.prf(total),
            **{k: scorer.prf(v) for k, v in per_type.items()},
        }
    out["resolution"] = scorer.resolution_score(golds, predictions, mappings)
    return out


def test_every_gold_document_is_predicted(summary: dict[str, Any]) -> None:
    assert summary["predicted"] == summary["gold"] == 16


def test_entities_strict_f1(summary: dict[str, Any]) -> None:
    f1 = summary["entities/strict"]["overall"]["f1"]
    assert f1 >= ENTITY_F1, summary["entities/strict"]


def test_cross_document_resolution_f1(summary: dict[str, Any]) -> None:
    assert summary["resolution"]["f1"] >= RESOLUTION_F1, summary["resolution"]


def test_relations_f1(summary: dict[str, Any]) -> None:
    f1 = summary["relations"]["overall"]["f1"]
    assert f1 >= RELATION_F1, summary["relations"]


@pytest.mark.xfail(
    strict=True,
    reason="the shared scorer counts amounts the gold does not state: a call's budget is "
    "read as its project's; and a record's grant and an unnamed budget on a page naming "
    "predecessors are missed (issue #13, open)",
)
def test_every_funding_amount_and_budget_is_right(summary: dict[str, Any]) -> None:
    amounts = summary["amounts"]
    for kind in ("funding", "budget"):
        assert amounts[kind]["fn"] == 0 and amounts[kind]["fp"] == 0, amounts
