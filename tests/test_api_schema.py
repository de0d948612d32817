"""Schemathesis drives every operation of the OpenAPI schema with generated requests:
none may answer with a server error (5xx), whatever it is sent, and every answer is one
the document describes: its status code, its content type and (for JSON) its schema."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from innograph.api.app import create_app
from innograph.config import Settings
from innograph.graph.embedded.store import EmbeddedStore
from innograph.tests.builders import make_facts

if TYPE_CHECKING:
    from schemathesis.specs.openapi.schemas import OpenApiCase

pytestmark = pytest.mark.slow

# Small, but with every kind of thing the endpoints look at.
GRAPH = make_facts(
    "test://schema",
    [
        ("a", "Organisation", "Aurora Materials", {"country": "BE"}),
        ("b", "Cluster", "Boreal Cluster", {"country": "NL"}),
        ("c", "Organisation", "Cobalt Systems"),
        ("p", "Project", "Pioneer Project", {"start_date": "2020-01-01"}),
        ("s", "S3Platform", "Solar Platform"),
        ("f", "FundingProgramme", "Frontier Fund"),
        ("r", "Region", "Riverland", {"nuts_id": "BE23"}),
        ("e", "Event", "Expo Day"),
    ],
    [
        ("LEADS", "a", "p"),
        ("PARTICIPATES_IN", "b", "p"),
        ("PARTICIPATES_IN", "b", "s"),
        ("PARTICIPATES_IN", "c", "s"),
        ("PARTICIPATES_IN", "c", "e"),
        ("FUNDED_BY", "p", "f"),
        ("LOCATED_IN", "c", "r"),
    ],
)


def _app_on_the_graph() -> tuple[FastAPI, EmbeddedStore, Path]:
    # Built at import: schemathesis reads the schema when pytest collects the test.
    folder = Path(tempfile.mkdtemp(prefix="innograph-schema-"))
    store = EmbeddedStore(folder / "store")
    store.upsert_document(GRAPH)
    # A token is configured, so uploads are checked too (generated tokens are refused).
    settings = Settings(store_dir=folder, api_token="schema-test-token", max_upload_bytes=4096)
    return create_app(settings, store=store), store, folder


APP, STORE, FOLDER = _app_on_the_graph()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


# Every process that collects this module builds the app; each cleans up on exit.
atexit.register(shutil.rmtree, FOLDER, True)
atexit.register(STORE.close)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_is_documented_and_none_is_a_server_error(case: OpenApiCase) -> None:
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
