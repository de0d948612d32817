"""Settings, read once from environment variables (CLI flags override them).

Every setting is documented in the README's configuration table; a test keeps the two
in step.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ENV_PREFIX = "INNOGRAPH_"


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(ENV_PREFIX + name)
    return value if value not in (None, "") else default


def default_store_dir() -> Path:
    """Where the embedded store lives when neither --store nor INNOGRAPH_STORE is given."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "innograph" / "store"


@dataclass(frozen=True)
class Settings:
    """All of innograph's settings. Build with :func:`load_settings`."""

    store_dir: Path = field(default_factory=default_store_dir)
    # Secrets (and a URI that may carry one) stay out of the settings' repr.
    neo4j_uri: str | None = field(default=None, repr=False)
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = field(default=None, repr=False)
    neo4j_database: str | None = None
    neo4j_read_timeout: int = 10  # seconds
    base_iri: str | None = None
    api_token: str | None = field(default=None, repr=False)
    cors_origins: tuple[str, ...] = ()
    # Anyone may read a public, anonymous, read-only endpoint: no cookies, no tokens.
    sparql_cors_origins: tuple[str, ...] = ("*",)
    licence: str = "https://creativecommons.org/licenses/by/4.0/"
    publisher: str = "innograph"
    max_upload_bytes: int = 20 * 1024 * 1024
    # Longest decoded text of one document, in characters (ingest.reading.formats).
    max_text_chars: int = 2_000_000
    # The child process that parses a PDF or DOCX: address space and wall-clock limits.
    parse_memory_mb: int = 1024
    parse_seconds: int = 60
    # Uploads processed at once; more get 503 with Retry-After.
    max_concurrent_uploads: int = 2

    @property
    def uses_neo4j(self) -> bool:
        """True when a Neo4j server is configured; the embedded store is used otherwise."""
        return bool(self.neo4j_uri)


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment; keyword overrides (from CLI flags) win when not None."""
    cors = _env("CORS_ORIGINS", "") or ""
    sparql_cors = _env("SPARQL_CORS_ORIGINS", "*") or ""
    values: dict[str, object] = {
        "store_dir": Path(_env("STORE") or default_store_dir()),
        "neo4j_uri": _env("NEO4J_URI"),
        "neo4j_user": _env("NEO4J_USER", "neo4j"),
        "neo4j_password": _env("NEO4J_PASSWORD"),
        "neo4j_database": _env("NEO4J_DATABASE"),
        "neo4j_read_timeout": int(
            _env("NEO4J_READ_TIMEOUT", str(Settings.neo4j_read_timeout)) or 0
        ),
        "base_iri": _env("BASE_IRI"),
        "api_token": _env("API_TOKEN"),
        "cors_origins": tuple(o.strip() for o in cors.split(",") if o.strip()),
        "sparql_cors_origins": tuple(
            o.strip() for o in sparql_cors.split(",") if o.strip() and o.strip() != "none"
        ),
        "licence": _env("LICENCE", Settings.licence),
        "publisher": _env("PUBLISHER", Settings.publisher),
        "max_upload_bytes": int(_env("MAX_UPLOAD_BYTES", str(Settings.max_upload_bytes)) or 0),
        "max_text_chars": int(_env("MAX_TEXT_CHARS", str(Settings.max_text_chars)) or 0),
        "parse_memory_mb": int(_env("PARSE_MEMORY_MB", str(Settings.parse_memory_mb)) or 0),
        "parse_seconds": int(_env("PARSE_SECONDS", str(Settings.parse_seconds)) or 0),
        "max_concurrent_uploads": int(
            _env("MAX_CONCURRENT_UPLOADS", str(Settings.max_concurrent_uploads)) or 0
        ),
    }
    for key, value in overrides.items():
        if key not in values:
            raise TypeError(f"unknown setting {key!r}")
        if value is not None:
            values[key] = Path(str(value)) if key == "store_dir" else value
    return Settings(**values)  # type: ignore[arg-type]
