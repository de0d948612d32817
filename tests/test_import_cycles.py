"""No two modules of the package import each other, directly or round a loop.

Computed with grimp (installed with import-linter) over the whole package, imports inside
functions and under ``TYPE_CHECKING`` included: a lazy import is still a dependency.
"""

from __future__ import annotations

import grimp
import networkx as nx

# Cycles known and not yet broken (none now); the test fails if one of them grows or a
# new one appears, and tells when one is gone so that it is taken off this list.
KNOWN_CYCLES: set[frozenset[str]] = set()


def _cycles(package: str) -> set[frozenset[str]]:
    """The import cycles among the modules of ``package``."""
    graph = grimp.build_graph(package, cache_dir=None)
    imports = nx.DiGraph()
    for module in graph.modules:
        imports.add_node(module)
        for imported in graph.find_modules_directly_imported_by(module):
            imports.add_edge(module, imported)
    return _cycles_of(imports)


def _cycles_of(imports: nx.DiGraph) -> set[frozenset[str]]:
    """The strongly connected sets of modules (two or more, or one importing itself)."""
    return {
        frozenset(group)
        for group in nx.strongly_connected_components(imports)
        if len(group) > 1 or imports.has_edge(next(iter(group)), next(iter(group)))
    }


def test_no_import_cycle_between_modules() -> None:
    cycles = _cycles("innograph")
    new = cycles - KNOWN_CYCLES
    assert not new, "import cycles: " + "; ".join(" <-> ".join(sorted(c)) for c in new)
    gone = KNOWN_CYCLES - cycles
    assert not gone, f"no longer a cycle, take it off KNOWN_CYCLES: {sorted(map(sorted, gone))}"


def test_the_graph_has_no_import_cycle_at_all() -> None:
    assert not [c for c in _cycles("innograph") if any(".graph." in m for m in c)]


def test_a_cycle_would_be_found() -> None:
    """A loop of three (one lazy import is enough), a module importing itself; not a chain."""
    imports_of = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a", "e"}, "f": {"f"}}
    graph = nx.DiGraph([(m, n) for m, targets in imports_of.items() for n in targets])
    assert _cycles_of(graph) == {frozenset("abc"), frozenset("f")}
