"""innograph.ontology"""
