"""The project page in the manner of CORDIS and its JSON twin, over a CORDIS-like import
(rows of the ECSEL extract and an invented project with hostile names) and over facts a
document gives."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from innograph.api.app import create_app
from innograph.api.routes.projects import ProjectPublic
from innograph.graph.embedded.store import EmbeddedStore
from innograph.graph.projects import project_of
from innograph.tests.builders import make_facts
from innograph.tests.cordis_fixture import (
    HOSTILE,
    INVENTED,
    INVENTED_ID,
    CordisFixture,
    build_cordis_fixture,
)
from innograph.viz.formatting import format_date, format_eur
from innograph.viz.views import entity_page
from innograph.viz.views.project import role_label


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (21707010.0, "€ 21,707,010"),
        (6548524.39, "€ 6,548,524.39"),
        (255922.125, "€ 255,922.13"),  # cents rounded, never a third decimal
        (1000.5, "€ 1,000.50"),
        (0.0, "€ 0"),
        (999.999, "€ 1,000"),
        (-1250.0, "-€ 1,250"),
        (None, ""),
    ],
)
def test_format_eur(amount: float | None, text: str) -> None:
    assert format_eur(amount) == text


def test_format_date_and_role_label() -> None:
    assert format_date("2021-06-01") == "1 June 2021"
    assert format_date("2021-06-01 00:00:00") == "1 June 2021"
    assert format_date("spring 2021") == "spring 2021"
    assert format_date(None) == ""
    assert role_label("thirdParty") == "Third party"
    assert role_label("coordinator") == "Coordinator"
    assert role_label("co-promotor") == "Co-promotor"


@pytest.fixture(scope="module")
def cordis(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> CordisFixture:
    return build_cordis_fixture(shared_dir, tmp_path_factory.mktemp("project-view"))


@pytest.fixture(scope="module")
def graph(cordis: CordisFixture) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(cordis.store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(graph: EmbeddedStore) -> Iterator[TestClient]:
    with TestClient(create_app(store=graph)) as client:
        yield client


def _project_id(graph: EmbeddedStore, cordis_id: str) -> str:
    return next(
        n.id for n in graph.iter_nodes(types=["Project"]) if n.properties["cordis_id"] == cordis_id
    )


def test_view_of_an_ecsel_project_matches_its_rows(
    cordis: CordisFixture, graph: EmbeddedStore
) -> None:
    row = cordis.projects[0]
    mine = [r for r in cordis.participants if r["projectID"] == row["projectID"]]
    view = project_of(graph, graph.get_entity(_project_id(graph, row["projectID"])))
    assert view.title == row["title"] and view.acronym == row["acronym"]
    assert view.start_date == row["startDate"]
    assert view.budget_eur == float(row["totalCost"])
    assert view.grant_eur == float(row["ecMaxContribution"])
    assert view.cordis_url == f"https://cordis.europa.eu/project/id/{row['projectID']}"
    assert [f.funding_scheme for f in view.programmes] == [row["fundingScheme"]]
    # Every participant once, with its role, country and contribution from its row.
    by_pic = {r["organisationID"]: r for r in mine}
    assert len(view.partners) == len(by_pic)
    for partner in view.partners:
        node = graph.get_node(partner.id)
        assert node is not None
        source = by_pic[str(node.properties["pic"])]
        assert partner.role == source["role"]
        assert partner.country == source["country"]
        assert partner.contribution_eur == pytest.approx(float(source["ecContribution"]))
    # The coordinator first, then by contribution, largest first.
    assert view.partners[0].role == "coordinator"
    amounts = [p.contribution_eur or 0.0 for p in view.partners[1:]]
    assert amounts == sorted(amounts, reverse=True)


def test_api_gives_the_project_with_partners_paged(
    cordis: CordisFixture, graph: EmbeddedStore, client: TestClient
) -> None:
    pid = _project_id(graph, INVENTED_ID)
    whole = client.get(f"/api/projects/{pid}")
    assert whole.status_code == 200
    body = ProjectPublic.model_validate(whole.json())
    assert (body.title, body.acronym) == (INVENTED["title"], INVENTED["acronym"])
    assert (body.start_date, body.end_date) == ("2022-01-01", "2024-12-31")
    assert (body.budget_eur, body.grant_eur) == (1500000.5, 1250000.0)
    roles = [(p.name, p.role, p.country, p.contribution_eur) for p in body.partners]
    assert roles == [
        ("Veldhoven Optics B.V.", "coordinator", "NL", 400000.0),
        (HOSTILE, "participant", "DE", 600000.25),
        ("Kade Labs BV", "participant", "NL", 150000.0),
        ("Zee & Co", "thirdParty", "FR", 0.0),
    ]
    assert body.total == 4 and body.next is None
    assert body.partners[0].type_label == "Private for-profit entity"
    row = body.partners[0].provenance[0].row
    assert row is not None and row.file == "participants.csv"
    assert row.fields["role"] == "coordinator" and row.fields["ecContribution"] == "400000"
    # Paged: two at a time, with the next page's address in the body and the Link header.
    first = client.get(f"/api/projects/{pid}", params={"limit": 2})
    assert [p["name"] for p in first.json()["partners"]] == [r[0] for r in roles[:2]]
    assert first.headers["X-Total-Count"] == "4"
    following = first.json()["next"]
    assert following and first.headers["Link"] == f'<{following}>; rel="next"'
    second = client.get(following).json()
    assert [p["name"] for p in second["partners"]] == [r[0] for r in roles[2:]]
    assert second["next"] is None


def test_api_refuses_what_is_not_a_project(graph: EmbeddedStore, client: TestClient) -> None:
    org = next(graph.iter_nodes(types=["Organisation"]))
    answer = client.get(f"/api/projects/{org.id}")
    assert answer.status_code == 404 and "not a Project" in answer.json()["error"]
    assert client.get("/api/projects/project-no-such-thing").status_code == 404
    assert client.get("/api/projects/Not An Id").status_code == 422


def _section(html: str) -> str:
    match = re.search(r'<section class=kind id="project">.*?</section>', html, re.DOTALL)
    assert match, "no project section"
    return match.group(0)


def test_project_section_shows_euro_amounts_partners_and_escapes_names(
    cordis: CordisFixture, graph: EmbeddedStore
) -> None:
    html = entity_page(graph, _project_id(graph, INVENTED_ID))
    section = _section(html)
    # Above the ego network, first on the page.
    assert html.index('id="project"') < html.index("<section class=graph>")
    assert "€ 1,500,000.50" in section and "€ 1,250,000" in section
    assert "€ 600,000.25" in section and "Third party" in section
    assert '<time datetime="2022-01-01">1 January 2022</time>' in section
    assert f'href="https://cordis.europa.eu/project/id/{INVENTED_ID}"' in section
    assert section.index("Veldhoven Optics") < section.index("Kade Labs BV")
    assert HOSTILE not in html and "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in section
    assert "Zee &amp; Co" in section
    # The repeated row of the hostile partner: one source with both row numbers.
    assert re.search(r"participants\.csv, rows \d+, \d+", section)


def test_ecsel_project_page_has_title_and_amounts(
    cordis: CordisFixture, graph: EmbeddedStore
) -> None:
    row = cordis.projects[0]
    html = entity_page(graph, _project_id(graph, row["projectID"]))
    section = _section(html)
    # The properties table writes amounts in euro too.
    budget = format_eur(float(row["totalCost"]))
    assert f"<td>budget_eur</td><td>{budget}</td>" in html
    assert f"<h2>{row['title']}</h2>" in section
    assert format_eur(float(row["totalCost"])) in section
    assert format_eur(float(row["ecMaxContribution"])) in section
    assert "Coordinator" in section and "Participant" in section


def test_project_from_a_document_has_default_roles_and_countries(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    try:
        store.upsert_document(
            make_facts(
                "test://nanoic.md",
                [
                    ("p", "Project", "NanoIC", {"budget_eur": 2500000}),
                    ("i", "Organisation", "imec"),
                    ("c", "Organisation", "CEA-Leti", {"country": "FR"}),
                    ("g", "FundingProgramme", "Chips JU"),
                    ("be", "Region", "Belgium", {"country": "BE"}),
                ],
                [
                    ("LEADS", "i", "p", {"evidence": "imec leads NanoIC."}),
                    ("PARTICIPATES_IN", "c", "p"),
                    ("FUNDED_BY", "p", "g", {"amount_eur": 700000.0}),
                    ("LOCATED_IN", "i", "be"),
                ],
            )
        )
        pid = store.search("NanoIC", types=["Project"], limit=1)[0].id
        view = project_of(store, store.get_entity(pid))
        assert [(p.name, p.role, p.country) for p in view.partners] == [
            ("imec", "lead", "BE"),
            ("CEA-Leti", "partner", "FR"),
        ]
        assert (view.title, view.acronym, view.grant_eur) == ("NanoIC", None, 700000.0)
        assert view.cordis_url is None
        section = _section(entity_page(store, pid))
        assert "€ 2,500,000" in section and "€ 700,000" in section
        assert "CORDIS" not in section
    finally:
        store.close()


def test_other_kinds_have_no_project_section(graph: EmbeddedStore) -> None:
    org = next(graph.iter_nodes(types=["Organisation"]))
    assert 'id="project"' not in entity_page(graph, org.id)
