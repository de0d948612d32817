"""Relation cue phrases per language, one module each (as spaCy keeps ``lang/<code>/``)."""
