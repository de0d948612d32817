"""POST /api/documents: refused without the token, size-capped, and the real ingest
(reader, spaCy extractor, store) when authenticated."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.config import Settings
from innograph.graph.embedded.store import EmbeddedStore

TOKEN = "s3cret-upload-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# Written for this test; names are invented.
REPORT = (
    "Annual report of the Westkust Robotics Institute.\n\n"
    "The Westkust Robotics Institute coordinates the Dune Energy Pilot project. "
    "Polder Data Company and Scheldt Marine Lab are partners in the Dune Energy Pilot "
    "project, which is funded by the European Regional Development Fund.\n"
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    embedded = EmbeddedStore(tmp_path / "store")
    yield embedded
    embedded.close()


def client_for(store: EmbeddedStore, tmp_path: Path, **settings: object) -> TestClient:
    return TestClient(create_app(Settings(store_dir=tmp_path, **settings), store=store))  # type: ignore[arg-type]


def upload(
    client: TestClient, *files: tuple[str, bytes], headers: dict[str, str] = AUTH
) -> httpx2.Response:  # the TestClient answers with httpx2 (see pyproject)
    return client.post("/api/documents", files=[("files", f) for f in files], headers=headers)


def test_uploads_are_disabled_without_a_configured_token(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    with client_for(store, tmp_path) as client:
        response = upload(client, ("report.txt", REPORT.encode()))
    assert response.status_code == 403
    assert "INNOGRAPH_API_TOKEN" in response.json()["error"]
    assert store.stats().documents == 0


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": f"Basic {TOKEN}"}],
    ids=["none", "wrong", "not-bearer"],
)
def test_unauthenticated_upload_is_refused(
    store: EmbeddedStore, tmp_path: Path, headers: dict[str, str]
) -> None:
    with client_for(store, tmp_path, api_token=TOKEN) as client:
        response = upload(client, ("report.txt", REPORT.encode()), headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]
    assert store.stats().documents == 0


def test_oversized_upload_is_refused_and_stores_nothing(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    with client_for(store, tmp_path, api_token=TOKEN, max_upload_bytes=2000) as client:
        response = upload(client, ("big.txt", b"word " * 1000))
    assert response.status_code == 413
    assert "2000 bytes" in response.json()["error"]
    assert store.stats().documents == 0


def test_upload_must_be_multipart_with_a_file(store: EmbeddedStore, tmp_path: Path) -> None:
    with client_for(store, tmp_path, api_token=TOKEN) as client:
        plain = client.post(
            "/api/documents", content=REPORT, headers={**AUTH, "Content-Type": "text/plain"}
        )
        assert plain.status_code == 415
        # multipart, but only a text field
        empty = client.post("/api/documents", files={"note": (None, "no file")}, headers=AUTH)
        assert empty.status_code == 422 and "no file" in empty.json()["error"]


def test_authenticated_upload_runs_the_real_ingest(store: EmbeddedStore, tmp_path: Path) -> None:
    with client_for(store, tmp_path, api_token=TOKEN) as client:
        response = upload(client, ("report.txt", REPORT.encode()), ("empty.txt", b""))
        assert response.status_code == 200, response.text
        body = response.json()
        assert (body["count"], body["ingested"], body["failed"]) == (2, 1, 1)
        report, empty = body["data"]
        assert report["status"] == "created" and report["source"] == "upload:report.txt"
        assert report["nodes"] >= 2 and report["relationships"] >= 1
        assert empty["status"] == "failed" and empty["error"] == "empty file"
        # the uploaded facts are in the graph and searchable
        hits = client.get("/api/search", params={"q": "Westkust Robotics"}).json()["data"]
        assert hits and hits[0]["type"] in ("Organisation", "Cluster")
        stats = client.get("/api/stats").json()
        assert stats["documents"] == 1
        # the same bytes again change nothing
        again = upload(client, ("report.txt", REPORT.encode())).json()
        assert again["data"][0]["status"] == "unchanged"


def test_upload_where_no_file_can_be_read_is_422(store: EmbeddedStore, tmp_path: Path) -> None:
    with client_for(store, tmp_path, api_token=TOKEN) as client:
        response = upload(client, ("photo.png", b"\x89PNG\r\n\x1a\n"), ("empty.txt", b""))
    assert response.status_code == 422
    body = response.json()
    assert "photo.png" in body["error"]
    assert [d["status"] for d in body["detail"]] == ["failed", "failed"]
    assert store.stats().documents == 0
