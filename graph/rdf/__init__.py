"""Linked data: the graph as RDF (terms, writers, dumps, VoID, SPARQL, IRIs).

Reads the graph through the store interface (:mod:`innograph.graph.store`) only, never a
backend, and knows nothing of analytics or the network formats.
"""
