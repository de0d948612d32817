"""The ablation knob leaves out exactly the component family it names (invented text)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest

from innograph.ingest.ablation import ENTITY_FAMILIES, RELATION_FAMILIES, ablated
from innograph.ingest.extractor import Extractor
from innograph.ingest.reading.formats import SourceText
from innograph.ingest.relations.model import relation_model

TEXT = (
    "Acme Robotics coordinates the Nordlicht project, which is funded by Horizon 2020. "
    "Beta Institute takes part in the Nordlicht project."
)


@pytest.fixture
def ablate(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    ablated.cache_clear()
    yield monkeypatch
    monkeypatch.delenv("INNOGRAPH_ABLATE", raising=False)
    ablated.cache_clear()


def _facts(text: str = TEXT) -> tuple[set[str], set[str]]:
    digest = hashlib.sha256(text.encode()).hexdigest()
    source = SourceText("/tmp/ablation.txt", "ablation.txt", text, digest, "text/plain")
    facts = Extractor().extract(source, lang="en")
    return {e.name for e in facts.entities}, {r.type for r in facts.relations}


def test_nothing_is_left_out_by_default(ablate: pytest.MonkeyPatch) -> None:
    assert ablated() == frozenset()
    names, types = _facts()
    assert "Horizon 2020" in names
    assert "FUNDED_BY" in types


def test_unknown_names_are_ignored(ablate: pytest.MonkeyPatch) -> None:
    ablate.setenv("INNOGRAPH_ABLATE", "cues, nonsense")
    assert ablated() == frozenset({"cues"})


def test_leaving_out_every_rule_family_leaves_the_rules_no_relation(
    ablate: pytest.MonkeyPatch,
) -> None:
    ablate.setenv("INNOGRAPH_RELATION_MODEL", "off")
    relation_model.cache_clear()
    try:
        _, with_rules = _facts()
        ablated.cache_clear()
        ablate.setenv("INNOGRAPH_ABLATE", ",".join(RELATION_FAMILIES))
        names, without = _facts()
    finally:
        ablate.delenv("INNOGRAPH_RELATION_MODEL")
        relation_model.cache_clear()
    assert with_rules
    assert without == set()
    assert "Beta Institute" in names  # the entity stage is untouched


def test_leaving_out_every_entity_source_leaves_no_entity(ablate: pytest.MonkeyPatch) -> None:
    ablate.setenv("INNOGRAPH_ABLATE", ",".join(ENTITY_FAMILIES))
    names, types = _facts()
    assert names == set()
    assert types == set()
