"""The merge log reaches the user: GET /api/merges, after a real CORDIS import."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.config import Settings
from innograph.graph.embedded.store import EmbeddedStore
from innograph.tests.import_helpers import run_import

HEADER = "projectID,projectAcronym,organisationID,name,shortName,activityType,country,role"
ROWS = [
    "1001,ALPHA,911111111,VELDHOVEN OPTICS BV,VO,PRC,NL,coordinator",
    "1002,BETA,922222222,Veldhoven Optics B.V.,VO,PRC,NL,participant",
    "1002,BETA,933333333,KADE LABS BV,KL,PRC,NL,coordinator",
    "1003,GAMMA,933333333,Kade Labs,KL,PRC,NL,participant",
]


def test_refusals_and_merges_are_listed_with_their_reasons(tmp_path: Path) -> None:
    participants = tmp_path / "participants.csv"
    participants.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    store_dir = tmp_path / "store"
    code, _, err = run_import(
        "cordis", "--participants", str(participants), "--store", str(store_dir)
    )
    assert code == 0, err
    with EmbeddedStore(store_dir) as store:
        organisations = {
            n.properties["pic"]: n.id for n in store.iter_nodes(types=["Organisation"])
        }
        assert len(organisations) == 3  # two PICs of one name stay two; one PIC, one node
        assert not any(m.refused for m in store.merges())  # owl:sameAs never sees a refusal
        with TestClient(create_app(Settings(store_dir=tmp_path), store=store)) as client:
            refused = client.get("/api/merges", params={"refused": "true"}).json()
            # Neither PIC takes the shared name, and the second is not the first.
            methods = [m["method"] for m in refused["merges"]]
            assert sum("several identifiers share" in m for m in methods) == 2
            assert any("different pic (922222222 vs 911111111)" in m for m in methods)
            assert all(m["refused"] for m in refused["merges"])
            one = client.get("/api/merges", params={"id": organisations["911111111"]}).json()
            assert one["total"] >= 1 and all(m["refused"] for m in one["merges"])
            kade = client.get("/api/merges", params={"q": "kade", "refused": "false"}).json()
            assert {m["method"] for m in kade["merges"]} == {"identifier:pic"}
            bad = client.get("/api/merges", params={"id": "Not An Id"})
            assert bad.status_code == 422 and "id" in bad.json()["error"]
