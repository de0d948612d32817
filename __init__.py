"""innograph: a knowledge graph of the regional innovation ecosystem."""

__version__ = "0.1.0"
