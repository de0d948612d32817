"""The graph for other tools: network formats (GraphML, GEXF, neo4j-admin CSV) and the
file export of every format (RDF through :mod:`innograph.graph.rdf`)."""
