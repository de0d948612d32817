"""innograph.ingest"""
