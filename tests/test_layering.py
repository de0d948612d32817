"""The rooms are layered: import-linter's contracts hold, and they would catch a breach."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _lint_imports() -> subprocess.CompletedProcess[str]:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "lint-imports is installed with the test extras"
    return subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, check=False)


def test_layering_contracts_hold() -> None:
    result = _lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and "0 broken" in result.stdout


def test_an_upward_import_would_break_the_contract() -> None:
    intruder = ROOT / "graph" / "_layering_probe.py"
    intruder.write_text("import innograph.api  # noqa: F401\n")
    try:
        result = _lint_imports()
    finally:
        intruder.unlink()
    assert result.returncode != 0
    assert "innograph.graph._layering_probe -> innograph.api" in result.stdout


def test_the_service_may_not_reach_up_into_the_api() -> None:
    intruder = ROOT / "service" / "_layering_probe.py"
    intruder.write_text("import innograph.api  # noqa: F401\n")
    try:
        result = _lint_imports()
    finally:
        intruder.unlink()
    assert result.returncode != 0
    assert "innograph.service._layering_probe -> innograph.api" in result.stdout


def test_ingest_and_graph_may_not_reach_up_into_the_service() -> None:
    intruder = ROOT / "ingest" / "_layering_probe.py"
    intruder.write_text("import innograph.service  # noqa: F401\n")
    try:
        result = _lint_imports()
    finally:
        intruder.unlink()
    assert result.returncode != 0
    assert "innograph.ingest._layering_probe -> innograph.service" in result.stdout
