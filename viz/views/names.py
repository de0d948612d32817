"""Entities named on a form: an id picked from the suggestions, or a name typed and sent
without picking one, resolved here rather than dropped.

A typed name is resolved to the one entity whose name or alias it is (ignoring case and
accents), else to the best search match; the page says which it took ("took X for 'y'")
and lists the other candidates, so the user can pick another. Several entities with
exactly that name, or none at all, are a one-line message with the candidates.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from innograph.graph.store import GraphStore
from innograph.graph.types import Node
from innograph.ontology.ids import is_canonical_id

CANDIDATES = 6  # listed with a message


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def _names(node: Node) -> list[str]:
    aliases = node.properties.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    return [node.name, *map(str, aliases)]


@dataclass(slots=True)
class Named:
    """What one form field named: the node (or None), and for a typed name what was
    typed, how it was taken and the other candidates."""

    param: str
    node: Node | None = None
    typed: str = ""
    how: str = ""  # "exact" or "best" when a typed name was resolved
    candidates: list[Node] = field(default_factory=list)
    error: str = ""


def resolve(
    store: GraphStore,
    param: str,
    value: str | None,
    typed: str | None,
    types: tuple[str, ...],
) -> Named:
    """The entity a form field names: ``value`` (the hidden id field, or a name put in the
    URL), else ``typed`` (the text box). ``types`` are the entity types allowed."""
    value = (value or "").strip()
    typed = (typed or "").strip()
    named = Named(param)
    if value and is_canonical_id(value):
        node = store.get_node(value)
        if node is None:
            named.error = f"{param}: no entity with id {value!r}"
        elif types and node.type not in types:
            named.error = f"{param}: {node.name!r} is a {node.type}, not a {' or '.join(types)}"
        else:
            named.node = node
        return named
    text = value or typed
    if not text:
        return named
    named.typed = text[:200]
    found = store.search(named.typed, types=list(types), limit=CANDIDATES + 1)
    want = _plain(named.typed)
    exact = [n for n in found if any(_plain(name) == want for name in _names(n))]
    kind = " or ".join(types) if types else "entity"
    if len(exact) == 1:
        named.node, named.how = exact[0], "exact"
        named.candidates = [n for n in found if n.id != exact[0].id][:CANDIDATES]
    elif len(exact) > 1:
        named.candidates = exact[:CANDIDATES]
        named.error = f"{param}: {len(exact)} entities are called {named.typed!r}; pick one of them"
    elif found:
        named.node, named.how = found[0], "best"
        named.candidates = found[1 : CANDIDATES + 1]
    else:
        named.error = f"{param}: no {kind} matches {named.typed!r}; type another name"
    return named


def took_line(named: Named) -> str:
    """The note saying which entity a typed name was taken for (empty when none)."""
    if named.node is None or not named.how:
        return ""
    how = "the one with that name" if named.how == "exact" else "the best match"
    return f"{named.param}: took {named.node.name} for {named.typed!r} ({how})"
