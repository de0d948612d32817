"""The documentation tells the truth: every setting is in the README's configuration
table (and the variable named there really sets it), every command has a help summary,
and the commands and make targets the README names exist."""

from __future__ import annotations

import dataclasses
import re
import typing
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from innograph.cli.main import app
from innograph.config import ENV_PREFIX, Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


# --- configuration ----------------------------------------------------------------


def _readme_variables() -> set[str]:
    """INNOGRAPH_* variables in the first column of the README's configuration table."""
    section = README.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\|\s*`(INNOGRAPH_[A-Z0-9_]+)`", section, flags=re.MULTILINE))


def _probe_value(annotation: object) -> tuple[str, object]:
    """An environment string for a field of this type, and the value it should give."""
    text = str(annotation)
    if "Path" in text:
        return "/tmp/innograph-docs-probe", Path("/tmp/innograph-docs-probe")
    if "tuple" in text:
        return "https://a.example, https://b.example", ("https://a.example", "https://b.example")
    if "int" in text:
        return "12345", 12345
    return "docs-probe-value", "docs-probe-value"


def _env_names(field: str) -> list[str]:
    # The variable is the field name in upper case; folder settings drop "_dir"
    # (store_dir -> INNOGRAPH_STORE).
    upper = field.upper()
    return [upper] if not upper.endswith("_DIR") else [upper.removesuffix("_DIR"), upper]


SETTINGS_FIELDS = [f.name for f in dataclasses.fields(Settings)]


@pytest.mark.parametrize("field", SETTINGS_FIELDS)
def test_every_setting_is_documented_by_the_variable_that_sets_it(
    field: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    hints = typing.get_type_hints(Settings)
    raw, expected = _probe_value(hints[field])
    working = []
    for name in _env_names(field):
        for other in _env_names(field):
            monkeypatch.delenv(ENV_PREFIX + other, raising=False)
        monkeypatch.setenv(ENV_PREFIX + name, raw)
        if getattr(load_settings(), field) == expected:
            working.append(ENV_PREFIX + name)
        monkeypatch.delenv(ENV_PREFIX + name)
    assert len(working) == 1, f"{field}: variables that set it: {working}"
    assert working[0] in _readme_variables(), f"README's configuration table lacks {working[0]}"


def test_readme_documents_no_variable_that_does_not_exist() -> None:
    known = {ENV_PREFIX + name for field in SETTINGS_FIELDS for name in _env_names(field)}
    stale = _readme_variables() - known
    assert not stale, f"README documents variables no setting reads: {sorted(stale)}"
    assert _readme_variables(), "no configuration table found in README.md"


# --- command line -----------------------------------------------------------------


# Typer builds click-style command objects (its own vendored click): a group is a
# command with a ``commands`` mapping.
def _subcommands(command: Any) -> dict[str, Any]:
    return dict(getattr(command, "commands", None) or {})


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for name, command in sorted(_subcommands(group).items()):
        path = (*prefix, name)
        out.append(path)
        out.extend(_commands(command, path))
    return out


ROOT_COMMAND = typer.main.get_command(app)
COMMANDS = _commands(ROOT_COMMAND)


def _command(path: tuple[str, ...]) -> Any:
    command = ROOT_COMMAND
    for name in path:
        command = _subcommands(command)[name]
    return command


def test_the_cli_has_the_commands_the_issue_names() -> None:
    top = {path[0] for path in COMMANDS}
    assert {"extract", "ingest", "import", "serve", "export", "neo4j"} <= top


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_help_has_a_summary(path: tuple[str, ...]) -> None:
    summary = (_command(path).help or "").strip().splitlines()
    assert summary and len(summary[0]) >= 10, f"innograph {' '.join(path)} has no docstring"
    result = runner.invoke(app, [*path, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    # Rich may re-wrap the text; compare the first words of the summary.
    first_words = " ".join(summary[0].split()[:4])
    assert first_words in " ".join(result.output.split()), result.output


@pytest.mark.parametrize("name", sorted({path[0] for path in COMMANDS}))
def test_readme_mentions_every_top_level_command(name: str) -> None:
    assert f"innograph {name}" in README


def test_readme_make_targets_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-zA-Z][\w-]*):", makefile, flags=re.MULTILINE))
    named = set(re.findall(r"\bmake ([a-z][\w-]*)", README))
    assert {"demo", "test"} <= named
    assert named <= targets, f"README names make targets the Makefile lacks: {named - targets}"


# --- demo documents -----------------------------------------------------------------

EXAMPLES = ROOT / "examples"
DEMO_DOCUMENTS = sorted(
    p for p in EXAMPLES.iterdir() if p.suffix in {".md", ".txt"} and p.name != "README.md"
)


def test_examples_readme_lists_exactly_the_demo_documents() -> None:
    listed = set(re.findall(r"`([\w.-]+\.(?:md|txt))`", (EXAMPLES / "README.md").read_text()))
    assert listed == {p.name for p in DEMO_DOCUMENTS}
    assert 5 <= len(DEMO_DOCUMENTS) <= 6


@pytest.mark.parametrize("path", DEMO_DOCUMENTS, ids=lambda p: p.name)
def test_demo_documents_are_short_texts(path: Path) -> None:
    words = len(re.findall(r"\w+", path.read_text(encoding="utf-8")))
    assert 120 <= words <= 260, f"{path.name}: {words} words"


def test_demo_documents_are_in_the_languages_the_readme_gives() -> None:
    from lingua import Language, LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_languages(
        Language.ENGLISH, Language.DUTCH, Language.FRENCH, Language.GERMAN
    ).build()
    table = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    stated = dict(re.findall(r"^\| `([\w.-]+)` \| (\w\w) \|", table, flags=re.MULTILINE))
    for path in DEMO_DOCUMENTS:
        detected = detector.detect_language_of(path.read_text(encoding="utf-8"))
        assert detected is not None and detected.iso_code_639_1.name.lower() == stated[path.name]
    assert set(stated.values()) == {"en", "nl"}
