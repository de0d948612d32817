"""The Neo4j backend: the store (:mod:`.store`), its write path (:mod:`.writer`), its bulk
load (:mod:`.bulk`), its schema (:mod:`.schema`), the rows it stores (:mod:`.rows`) and the
ontology's names in Cypher (:mod:`.cypher`). Imports are absolute, so ``neo4j`` is always
the driver and this package is ``innograph.graph.neo4j``.

The graph in Neo4j is readable as it stands: entity nodes carry the labels of their
ontology class (a Cluster is ``:Organisation:Cluster``), their canonical ``id``, ``name``,
``aliases`` and attributes; relationships carry the ontology's relationship types.
Provenance sits beside it:

* ``(:Document {source, doc, content_hash, lang, ingested_at, title})`` per source, with
  ``(:Document)-[:MENTIONS {type, name, aliases, attributes}]->(entity)``: what that
  document says about the entity. A node's properties are merged from its MENTIONS by
  :func:`innograph.graph.algorithms.merge_mentions`, the rule the embedded store follows.
* On each relationship: ``sources`` (the supporting documents), ``supports`` (one JSON
  object per document: evidence, confidence, amount, attributes), and for Cypher users
  ``evidence``, ``confidence`` (the highest) and ``amount_eur``.
* One ``(:InnographMeta {key: 'graph'})`` node holds the version counter; every write
  transaction locks it first, so writers are serialised (two processes ingesting the same
  document give one result) and readers can tell when the graph changed.

Every value goes in as a query parameter. Labels and relationship types come only from
:mod:`innograph.ontology.terms` and are checked against it before they are written into a
query (:mod:`.cypher`).
"""
