"""Identity of organisations and projects across sources: keys from names, the decision
with the reference lists behind them (the decision itself is
``ingest.resolution``: identifiers first, then these keys, with country as evidence)."""

from innograph.ingest.identity.names import (
    fold_words,
    is_mixed_case,
    organisation_key,
    organisation_keys,
    project_key,
    strip_legal_forms,
)

__all__ = [
    "fold_words",
    "is_mixed_case",
    "organisation_key",
    "organisation_keys",
    "project_key",
    "strip_legal_forms",
]
