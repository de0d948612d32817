"""Errors the graph store raises; each says what went wrong in one line."""

from __future__ import annotations


class GraphError(Exception):
    """Base class of the graph store's errors."""


class StoreUnavailable(GraphError):
    """The backend cannot be reached (Neo4j down, wrong credentials): the API answers 503."""


class InvalidFact(GraphError):
    """A fact the ontology does not allow (unknown type or relation, wrong end types)."""


class EntityNotFound(GraphError, KeyError):
    """No entity with that id."""

    def __str__(self) -> str:
        return f"no entity with id {self.args[0]!r}" if self.args else "no such entity"
