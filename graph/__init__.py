"""innograph.graph: the store core (the modules of this folder: the ``GraphStore``
interface, types, errors, factory, shared algorithms, search, domain helpers) and the
rooms built on it: ``embedded`` and ``neo4j`` (the backends), ``rdf`` (linked data),
``analytics`` and ``exchange`` (network formats). See docs/decisions/0006-graph-rooms.md."""
