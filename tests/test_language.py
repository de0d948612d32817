"""Language detection per document: English, Dutch, French, German."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from innograph.ingest.reading.formats import read_document
from innograph.ingest.reading.language import SAMPLE_CHARS, detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The regional agency supports start-ups that work on battery recycling.", "en"),
        ("De hogeschool werkt samen met lokale bedrijven aan slimme zorgoplossingen.", "nl"),
        ("Les entreprises de la région participent à un nouveau programme européen.", "fr"),
        ("Die Universität entwickelt gemeinsam mit Firmen neue Werkstoffe.", "de"),
        # Dutch with English loanwords and names in it is still Dutch.
        ("Het cluster organiseert een matchmaking event voor scale-ups in de regio.", "nl"),
    ],
)
def test_detects_the_four_languages(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "   ", "EFRO", "2014-2020", "OK!"])
def test_too_short_falls_back_to_english(text: str) -> None:
    assert detect_language(text) == "en"


def test_only_the_start_of_a_long_document_counts() -> None:
    dutch = "De provincie investeert samen met de gemeenten in innovatie en onderwijs. "
    english = "The province invests together with the towns in innovation and education. "
    text = dutch * (SAMPLE_CHARS // len(dutch) + 2) + english * 500
    assert detect_language(text) == "nl"


def test_every_dev_document_gets_its_gold_language(shared_dir: Path) -> None:
    """Measured on the shared dev documents (read only): each gold file names the language."""
    gold = {}
    for path in sorted((shared_dir / "gold" / "dev").glob("*.json")):
        entry = json.loads(path.read_text(encoding="utf-8"))
        gold[entry["doc"]] = entry["lang"]
    found = {}
    for folder in ("seeds", "corpus"):
        for path in sorted((shared_dir / folder).glob("*.txt")):
            if path.name in gold:
                found[path.name] = detect_language(read_document(path).text)
    assert found == gold
    assert {"en", "nl", "fr"} <= set(found.values())
