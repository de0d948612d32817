"""The Neo4j backend: the store, its write path, its bulk load and its Cypher helpers.

The folder's name does not hide the driver: imports are absolute, so ``neo4j`` is
always the driver and this package is ``innograph.graph.neo4j``.
"""
