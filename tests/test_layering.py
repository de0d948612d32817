"""The rooms are layered: import-linter's contracts hold, and they would catch a breach."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _lint_imports() -> subprocess.CompletedProcess[str]:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "lint-imports is installed with the test extras"
    return subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, check=False)


def test_layering_contracts_hold() -> None:
    result = _lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and "0 broken" in result.stdout


# (the file the import is added to, the import, the line the breach report shows); each
# breach is made in a copy of the package, never in the working tree.
LAYER_BREACHES = [
    (
        "graph/_layering_probe.py",
        "import innograph.api",
        "innograph.graph._layering_probe -> innograph.api",
    ),
    (
        "service/_layering_probe.py",
        "import innograph.api",
        "innograph.service._layering_probe -> innograph.api",
    ),
    (
        "ingest/_layering_probe.py",
        "import innograph.service",
        "innograph.ingest._layering_probe -> innograph.service",
    ),
]


@pytest.mark.parametrize(("where", "statement", "reported"), LAYER_BREACHES)
def test_an_upward_import_would_break_the_layers(
    tmp_path: Path, where: str, statement: str, reported: str
) -> None:
    package = _copy_of_the_package(tmp_path)
    (package / where).write_text(f"{statement}  # noqa: F401\n", encoding="utf-8")
    result = _lint_copy(package)
    assert result.returncode != 0
    assert reported in result.stdout


# --- the graph's rooms (docs/decisions/0006-graph-rooms.md) ---------------------------


def _copy_of_the_package(dest: Path) -> Path:
    """The package's Python files and pyproject.toml, copied under ``dest/innograph``."""
    package = dest / "innograph"

    def skipped(folder: str, names: list[str]) -> set[str]:
        here = Path(folder)
        return {
            name
            for name in names
            if name.startswith(".")
            or name == "__pycache__"
            or ((here / name).is_file() and not name.endswith(".py") and name != "pyproject.toml")
        }

    shutil.copytree(ROOT, package, ignore=skipped, symlinks=True)
    return package


def _lint_copy(package: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "lint-imports is installed with the test extras"
    env = {**os.environ, "PYTHONPATH": str(package.parent)}
    return subprocess.run(
        [exe, "--no-cache"], cwd=package, capture_output=True, text=True, check=False, env=env
    )


ROOMS = "Graph rooms are independent: rdf, analytics, embedded, neo4j"
EXCHANGE = "Network formats build on rdf, never on analytics or a backend"
RDF = "Linked data (rdf) does not know the network formats"
CORE = "The graph's store core imports none of its rooms"

# (contract, file in the package, the import added to it, the line the breach report shows)
BREACHES = [
    (
        ROOMS,
        "graph/rdf/_probe.py",
        "import innograph.graph.embedded.store",
        "innograph.graph.rdf._probe -> innograph.graph.embedded.store",
    ),
    (
        ROOMS,
        "graph/analytics/_probe.py",
        "import innograph.graph.neo4j.store",
        "innograph.graph.analytics._probe -> innograph.graph.neo4j.store",
    ),
    (
        ROOMS,
        "graph/embedded/_probe.py",
        "import innograph.graph.neo4j.cypher",
        "innograph.graph.embedded._probe -> innograph.graph.neo4j.cypher",
    ),
    (
        ROOMS,
        "graph/neo4j/_probe.py",
        "import innograph.graph.rdf.iris",
        "innograph.graph.neo4j._probe -> innograph.graph.rdf.iris",
    ),
    (
        EXCHANGE,
        "graph/exchange/_probe.py",
        "import innograph.graph.analytics.service",
        "innograph.graph.exchange._probe -> innograph.graph.analytics.service",
    ),
    (
        RDF,
        "graph/rdf/_probe.py",
        "import innograph.graph.exchange.network",
        "innograph.graph.rdf._probe -> innograph.graph.exchange.network",
    ),
    (
        CORE,
        "graph/domain.py",
        "import innograph.graph.rdf.iris",
        "innograph.graph.domain -> innograph.graph.rdf.iris",
    ),
]


@pytest.mark.parametrize(("contract", "where", "statement", "reported"), BREACHES)
def test_each_graph_room_contract_catches_a_breach(
    tmp_path: Path, contract: str, where: str, statement: str, reported: str
) -> None:
    """The breach is made in a copy of the package, never in the working tree."""
    package = _copy_of_the_package(tmp_path)
    assert _lint_copy(package).returncode == 0, "the copy keeps every contract before the breach"
    target = package / where
    before = target.read_text(encoding="utf-8") if target.exists() else ""
    target.write_text(before + f"\n{statement}  # noqa: F401, E402\n", encoding="utf-8")
    result = _lint_copy(package)
    assert result.returncode != 0, result.stdout
    broken = {c for c in (ROOMS, EXCHANGE, RDF, CORE) if f"{c} BROKEN" in result.stdout}
    # A room imported by the core is then reached by every room built on the core.
    assert broken == ({contract, ROOMS} if contract == CORE else {contract}), result.stdout
    assert reported in result.stdout


def test_no_module_is_over_600_lines() -> None:
    """Each module holds one responsibility (docs/decisions/0006-graph-rooms.md); the
    package's rooms, its tooling and its tests alike."""
    skipped = {".venv", ".dev", "var", ".git"}
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in ROOT.rglob("*.py")
        if not skipped & set(path.relative_to(ROOT).parts)
    }
    assert sizes and not {path: n for path, n in sizes.items() if n > 600}
