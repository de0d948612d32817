"""The invented pages of ``evaluation/invented/`` and their gold hold together: each
gold name is written in its page, ids are unique, every relation's ends exist and fit the
ontology under a type or alt type of each end, and the evaluation finds every set."""

from __future__ import annotations

import json
from itertools import product

import pytest

from innograph.evaluation.split import INVENTED_DIR, GoldDoc, invented_docs
from innograph.ontology.terms import UnknownTermError, check_relation

DOCS = invented_docs()


def test_every_set_is_found_with_its_own_split() -> None:
    folders = sorted(p.name for p in INVENTED_DIR.glob("set*") if p.is_dir())
    assert folders, "no invented set"
    splits = {d.split for d in DOCS}
    assert splits == {"invented" + f.removeprefix("set") for f in folders}
    for folder in folders:
        pages = list((INVENTED_DIR / folder).glob("*.txt"))
        assert len([d for d in DOCS if d.gold.parent.name == folder]) == len(pages)


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_gold_names_are_written_in_the_page(doc: GoldDoc) -> None:
    gold = json.loads(doc.gold.read_text("utf-8"))
    text = doc.text.read_text("utf-8")
    missing = [e["name"] for e in gold["entities"] if e["name"] not in text]
    assert not missing, missing
    ids = [e["id"] for e in gold["entities"]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_relations_fit_the_ontology(doc: GoldDoc) -> None:
    gold = json.loads(doc.gold.read_text("utf-8"))
    types = {e["id"]: [e["type"], *e.get("alt_types", [])] for e in gold["entities"]}
    for rel in gold["relations"]:
        assert rel["source"] in types and rel["target"] in types, rel
        fits = []
        for relation, s, t in product(
            [rel["type"], *rel.get("alt_types", [])], types[rel["source"]], types[rel["target"]]
        ):
            try:
                check_relation(relation, s, t)
                fits.append(relation)
            except UnknownTermError:
                pass
        assert fits, rel
