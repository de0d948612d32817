"""The learned relation stage on short texts written for these tests.

The cue rules propose (``test_relations.py``); the shipped model weighs every allowed
pair of entities and decides. These tests hold the decision layer to what a page
states across sentences and lists, to one grant per project, and to the model file's
own rules (no rare word as a feature). The names are invented.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from innograph.evaluation.train_relations import Example, vocabulary
from innograph.ingest.relations import extract_budgets, extract_relations, propose_relations
from innograph.ingest.relations.model import MODEL_FILE, RelationModel, relation_model

if TYPE_CHECKING:  # mypy sees innograph.tests; pytest has the test module by its file name
    from innograph.tests.test_relations import Entities, make_doc, triples
else:
    from test_relations import Entities, make_doc, triples

PROGRAMME_PAGE: Entities = {
    "Interreg Nordland-Südmark": ("inm", "FundingProgramme"),
    "Seabridge": ("sb", "Project"),
    "Windfarm Twin": ("wt", "Project"),
    "Harbour Data": ("hd", "Project"),
}


def test_projects_listed_after_the_approval_sentence_are_funded_by_its_programme() -> None:
    text = (
        "Interreg Nordland-Südmark approves three new projects\n\n"
        "The monitoring committee of Interreg Nordland-Südmark met in March. "
        "It approved the following projects:\n"
        "- Seabridge\n- Windfarm Twin\n- Harbour Data\n"
    )
    doc, mentions = make_doc(text, PROGRAMME_PAGE)
    found = triples(extract_relations(doc, mentions, lang="en"))
    assert {("FUNDED_BY", p, "inm") for p in ("sb", "wt", "hd")} <= found
    # the rules alone see no cue joining the bullet items to the programme
    assert not {("FUNDED_BY", p, "inm") for p in ("sb", "wt", "hd")} <= triples(
        propose_relations(doc, mentions, lang="en")
    )


def test_people_and_places_are_not_made_partners_by_the_model() -> None:
    ents: Entities = {
        "Seabridge": ("sb", "Project"),
        "Noordhaven": ("nh", "Region"),
        "Acme Robotics": ("acme", "Organisation"),
    }
    text = "Seabridge is led by Acme Robotics. The weather in Noordhaven was fine last week."
    doc, mentions = make_doc(text, ents)
    found = triples(extract_relations(doc, mentions, lang="en"))
    assert ("LEADS", "acme", "sb") in found
    assert not any(r == "PARTICIPATES_IN" and s == "nh" for r, s, _ in found)


def test_a_sum_for_several_projects_is_no_projects_grant() -> None:
    text = (
        "Interreg Nordland-Südmark funds Seabridge, Windfarm Twin and Harbour Data. "
        "Together they receive EUR 4.500.000 from Interreg Nordland-Südmark."
    )
    doc, mentions = make_doc(text, PROGRAMME_PAGE)
    relations = extract_relations(doc, mentions, lang="en")
    assert all(r.amount_eur is None for r in relations)
    assert extract_budgets(doc, mentions, lang="en") == {}


def test_a_grant_named_with_its_one_project_is_kept() -> None:
    ents: Entities = {
        "Interreg Nordland-Südmark": ("inm", "FundingProgramme"),
        "Seabridge": ("sb", "Project"),
    }
    text = "Seabridge is funded with a grant of EUR 750.000 by Interreg Nordland-Südmark."
    doc, mentions = make_doc(text, ents)
    grants = [r.amount_eur for r in extract_relations(doc, mentions, lang="en")]
    assert grants == [750000.0]


def test_without_a_model_the_rules_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Seabridge is led by Acme Robotics. Interreg Nordland-Südmark funds Harbour Data."
    ents: Entities = {**PROGRAMME_PAGE, "Acme Robotics": ("acme", "Organisation")}
    doc, mentions = make_doc(text, ents)
    monkeypatch.setenv("INNOGRAPH_RELATION_MODEL", "off")
    relation_model.cache_clear()
    try:
        assert relation_model() is None
        ruled = extract_relations(doc, mentions, lang="en")
        assert triples(ruled) == triples(propose_relations(doc, mentions, lang="en"))
    finally:
        monkeypatch.delenv("INNOGRAPH_RELATION_MODEL")
        relation_model.cache_clear()
    assert relation_model() is not None


def test_scores_and_thresholds() -> None:
    model = RelationModel(
        weights={"LEADS|cue_between": 3.0, "LEADS|bias": -1.0},
        bias=0.0,
        thresholds={"LEADS": 0.9},
        default_threshold=0.5,
        info={},
    )
    assert model.score(["LEADS|bias"]) < 0.5 < model.score(["LEADS|bias", "LEADS|cue_between"])
    assert model.threshold("LEADS") == 0.9 and model.threshold("MEMBER_OF") == 0.5
    assert RelationModel.from_json(model.to_json()) == model


def test_a_word_needs_three_documents_of_two_sites_to_be_a_feature() -> None:
    def ex(doc: str, site: str, word: str) -> Example:
        return Example(doc, site, "LEADS", ("a", "b"), [f"LEADS|w={word}", "LEADS|bias"], True)

    data = [
        ex("d1", "s1", "led"),
        ex("d2", "s1", "led"),
        ex("d3", "s2", "led"),  # 3 documents, 2 sites: kept
        ex("d4", "s3", "rare"),
        ex("d5", "s3", "rare"),  # 2 documents: dropped
        ex("d6", "s4", "one"),
        ex("d7", "s4", "one"),
        ex("d8#predicted", "s4", "one"),  # 2 documents (d8 twice), one site: dropped
        ex("d8", "s4", "one"),
    ]
    assert vocabulary(data) == {"LEADS|w=led"}


def test_the_shipped_model_keeps_only_frequent_words() -> None:
    data = json.loads(MODEL_FILE.read_text("utf-8"))
    assert data["info"]["min_docs_per_word"] >= 3 and data["info"]["min_sites_per_word"] >= 2
    if "test" in data["info"]["trained_on"]:
        # Learned on every split: the test split is then read with the model learned
        # without it, so that its figures stay held out.
        from innograph.evaluation.extraction import HELDOUT_MODEL_FILE, model_for

        heldout = json.loads(HELDOUT_MODEL_FILE.read_text("utf-8"))
        assert "test" not in heldout["info"]["trained_on"]
        assert model_for("test") == HELDOUT_MODEL_FILE and model_for("train") is None
    words = [f for f in data["weights"] if "|w=" in f or "|pre=" in f or "|post=" in f]
    assert words and all(len(f.split("=", 1)[1]) < 40 for f in words)


def test_cross_validation_keeps_each_site_in_one_fold() -> None:
    from pathlib import Path

    from innograph.evaluation.split import GoldDoc
    from innograph.evaluation.train_relations import site_folds

    docs = [
        GoldDoc(f"{i}.txt", Path(f"{i}.json"), Path(f"{i}.txt"), site, "train")
        for i, site in enumerate(["a.eu", "b.nl", "a.eu", "c.de", "d.fr", "b.nl", "e.be"])
    ]
    folds = site_folds((d.site for d in docs), 3)
    assert set(folds) == {"a.eu", "b.nl", "c.de", "d.fr", "e.be"}
    assert sorted(folds.values()) == [0, 0, 1, 1, 2]  # every fold gets sites, none twice


def test_no_model_learns_from_the_blind_invented_sets() -> None:
    # Sets 2, 3 and 6 are the blind invented figures of the relation model; sets 1, 4
    # and 5 are training pages (docs/decisions/0018).
    from innograph.evaluation.extraction import HELDOUT_MODEL_FILE

    for path in (MODEL_FILE, HELDOUT_MODEL_FILE):
        trained_on = set(json.loads(path.read_text("utf-8"))["info"]["trained_on"])
        assert not trained_on & {"invented2", "invented3", "invented6"}, path


def test_learning_from_a_split_with_no_pages_is_refused(
    shared_dir: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from innograph.evaluation import crossval, train_relations

    monkeypatch.setenv("INNOGRAPH_SHARED_DIR", str(shared_dir))
    with pytest.raises(SystemExit, match="no pages in split.*invented99"):
        train_relations.main(["--splits", "train,invented99"])
    with pytest.raises(SystemExit, match="unknown or scored split"):
        crossval.main(["--splits", "train,dev", "--also-learn", "dev"])


def test_fold_models_also_learn_from_the_extra_pages() -> None:
    from innograph.evaluation.crossval import fold_models

    def ex(doc: str, site: str, feature: str, label: bool) -> Example:
        return Example(doc, site, "LEADS", ("a", "b"), [feature], label)

    # features that are no words, which every fit keeps whatever their spread
    data = [ex(f"d{i}", f"s{i % 2}", "LEADS|cue", i % 4 < 2) for i in range(8)]
    extra = [ex(f"x{i}", f"x{i}", "LEADS|heads", True) for i in range(4)]
    extra += [ex(f"y{i}", f"y{i}", "LEADS|visits", False) for i in range(4)]
    fold_of = {"s0": 0, "s1": 1}
    shipped = RelationModel({}, 0.0, {}, 0.5, {"C": 1.0})
    plain = fold_models(data, fold_of, 2, shipped)
    more = fold_models(data, fold_of, 2, shipped, extra)
    assert all("LEADS|heads" not in m.weights for m in plain)
    assert all(m.weights.get("LEADS|heads", 0.0) > 0 for m in more)


def test_pages_learned_only_are_never_held_out() -> None:
    from innograph.evaluation.train_relations import fold_decisions

    def ex(doc: str, site: str, label: bool, *, learn_only: bool = False) -> Example:
        return Example(
            doc, site, "LEADS", (doc + "a", doc + "b"), ["LEADS|cue"], label, learn_only=learn_only
        )

    real = [ex(f"d{i}", f"s{i % 3}", i % 2 == 0) for i in range(6)]
    invented = [ex(f"x{i}", f"x{i}", i % 2 == 0, learn_only=True) for i in range(5)]
    totals = {f"d{i}": 1 for i in range(6)} | {f"x{i}": 1 for i in range(5)}
    folds = fold_decisions(real + invented, totals, 3, 1.0)
    held_pairs = sum(len(on_gold[0]) for on_gold, _ in folds)
    held_gold = sum(on_gold[1] for on_gold, _ in folds)
    # each real page is held out once; no invented page is, nor counts as gold to find
    assert held_pairs == 6 and held_gold == 6
