"""Structured importers: EU project databases (CORDIS, ESIF, EFRO lists) -> DocumentFacts.

Each module streams one source's rows and yields one ``DocumentFacts`` per row; the
caller writes them in batches with ``GraphStore.upsert_documents``.
"""
