"""The embedded backend: SQLite holds the truth, an in-memory graph answers queries."""
