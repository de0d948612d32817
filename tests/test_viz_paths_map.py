"""The paths page's controls and typed names, and the map's named communities, totals,
border rule and downloads, over HTTP (no browser; tests/test_browser.py drives them)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import etree  # type: ignore[import-untyped]

from innograph.graph.embedded.store import EmbeddedStore
from innograph.graph.store import GraphStore
from innograph.tests.builders import make_facts
from innograph.tests.test_viz_pages import HOSTILE, client_for, view_data
from innograph.viz.borders import are_neighbours, neighbours
from innograph.viz.collaboration import BorderRule

GEXF_XSD = "vocab/gexf-1.3-xsd/gexf.xsd"


@pytest.fixture()
def web(tmp_path: Path) -> Iterator[TestClient]:
    """Three organisations in a chain through two projects and a cluster; two organisations
    called the same; a project with a hostile name."""
    store = EmbeddedStore(tmp_path / "store")
    store.upsert_document(
        make_facts(
            "test://web",
            [
                ("a", "Organisation", "Alder Labs", {"country": "BE"}),
                ("b", "Organisation", "Birch Institute", {"country": "NL"}),
                ("c", "Organisation", "Cedar Works", {"country": "DE"}),
                ("d", "Organisation", "Dogwood", {"country": "FR"}),
                ("p", "Project", "CANOPY"),
                ("q", "Project", HOSTILE),
                ("k", "Cluster", "Kelp Cluster", {"country": "NL"}),
                ("t1", "Organisation", "Twin Labs", {"canonical_id": "org-twin-labs-be"}),
                ("t2", "Organisation", "Twin Labs", {"canonical_id": "org-twin-labs-nl"}),
            ],
            [
                ("PARTICIPATES_IN", "a", "p", {"evidence": "Alder Labs joins CANOPY."}),
                ("PARTICIPATES_IN", "b", "p", {"evidence": "Birch Institute joins CANOPY."}),
                ("PARTICIPATES_IN", "b", "q", {"evidence": "Birch is in the other one."}),
                ("PARTICIPATES_IN", "c", "q", {"evidence": "Cedar is in the other one."}),
                ("PARTICIPATES_IN", "d", "q", {"evidence": "Dogwood is in the other one."}),
                ("MEMBER_OF", "a", "k", {"evidence": "Alder Labs is in Kelp Cluster."}),
                ("MEMBER_OF", "c", "k", {"evidence": "Cedar Works is in Kelp Cluster."}),
            ],
        )
    )
    yield client_for(store)
    store.close()


def ids(client: TestClient) -> dict[str, str]:
    """The fixture's entities by name (each name found by the API's search)."""
    out = {}
    for name in ("Alder Labs", "Birch Institute", "Cedar Works", "Kelp Cluster", "CANOPY"):
        found = client.get("/api/search", params={"q": name}).json()["data"]
        out[name] = next(n["id"] for n in found if n["name"] == name)
    return out


# -- paths --------------------------------------------------------------------------------


def test_typed_names_are_resolved_and_said(web: TestClient) -> None:
    page = web.get("/paths", params={"from_name": "alder labs", "to_name": "Cedar Works"})
    assert page.status_code == 200
    assert 'took <a href="/entity/org-alder-labs">Alder Labs</a> for ‘alder labs’' in page.text
    drawn = {n["label"] for n in view_data(page.text)["nodes"]}
    assert {"Alder Labs", "Cedar Works"} <= drawn
    # The box shows what was taken; the hidden field holds its id.
    assert 'name="from" value="org-alder-labs"' in page.text
    # A partial name takes the best match and lists the others.
    partial = web.get("/paths", params={"from_name": "Alder", "to_name": "Cedar"})
    assert "(the best match)" in partial.text and "view-data" in partial.text


def test_an_ambiguous_or_unknown_name_is_a_message_with_the_candidates(web: TestClient) -> None:
    page = web.get("/paths", params={"from_name": "Twin Labs", "to_name": "Cedar Works"})
    assert "2 entities are called &#39;Twin Labs&#39;; pick one of them" in page.text
    links = re.findall(r'class=candidate href="([^"]+)"', page.text)
    assert {re.search(r"from=([^&]+)", h).group(1) for h in links} == {  # type: ignore[union-attr]
        "org-twin-labs-be",
        "org-twin-labs-nl",
    }
    assert "view-data" not in page.text
    none = web.get("/paths", params={"from_name": "Qwxyz", "to_name": "Cedar Works"})
    assert "no Organisation or Cluster matches &#39;Qwxyz&#39;" in none.text


def test_via_cross_border_hops_and_avoid_reach_the_search(web: TestClient) -> None:
    named = ids(web)
    base = {"from": named["Alder Labs"], "to": named["Cedar Works"]}
    default = view_data(web.get("/paths", params=base).text)
    assert "Kelp Cluster" in {n["label"] for n in default["nodes"]}  # 2 hops via the cluster
    clusters = web.get("/paths", params={**base, "via": "Cluster"})
    inner = [n for n in view_data(clusters.text)["nodes"] if n["id"] not in base.values()]
    assert [n["type"] for n in inner] == ["Cluster"]
    assert 'value="Cluster" checked' in clusters.text
    projects = web.get(
        "/paths", params=[("via", "Project"), ("via", "Organisation"), *base.items(), ("k", "5")]
    )
    through = view_data(projects.text)
    assert {"CANOPY", "Birch Institute"} <= {n["label"] for n in through["nodes"]}
    assert 'value="Project" checked' in projects.text
    api = web.get("/api/paths", params={**base, "via": "Project,Organisation", "k": 5}).json()
    assert {n["id"] for n in through["nodes"]} == {n["id"] for p in api["data"] for n in p["nodes"]}
    # Only projects: nothing within 4 hops, and the page says what removed it.
    none = web.get("/paths", params={**base, "via": "Project"})
    assert "No partnership path of at most 4 hops" in none.text
    assert "only through" in none.text and "view-data" not in none.text
    short = web.get("/paths", params={**base, "max_hops": 1})
    assert "no connection within 1 hops" in short.text
    avoided = web.get("/paths", params={**base, "avoid": named["Kelp Cluster"]})
    assert "Kelp Cluster" not in {n["label"] for n in view_data(avoided.text)["nodes"]}
    assert f'name=avoid value="{named["Kelp Cluster"]}" checked' in avoided.text
    crossing = web.get("/paths", params={**base, "cross_border": "true", "k": 5})
    listed = re.search(r"id=path-list>(.*?)</ol>", crossing.text, re.S).group(1)  # type: ignore[union-attr]
    items = re.findall(r"<li>.*?</li>", listed)
    assert items and all("cross-border)" in li for li in items)
    bad = web.get("/paths", params={**base, "via": "Nonsense"})
    assert "is not a type a path can pass through" in bad.text


# -- map ----------------------------------------------------------------------------------


def test_neighbours_are_symmetric_and_know_the_benelux() -> None:
    table = neighbours()
    assert all(a in table[b] for a, others in table.items() for b in others)
    assert are_neighbours("NL", "BE") and are_neighbours("BE", "NL")
    assert not are_neighbours("NL", "FR") and not are_neighbours("NL", "NL")
    assert not are_neighbours(None, "BE")
    home = BorderRule("any", "NL")
    assert home.marks("NL", "FR") and not home.marks("DE", "FR") and home.faded("DE", "FR")
    assert not BorderRule("none").marks("NL", "BE")


def test_map_names_communities_states_totals_and_marks_neighbours(web: TestClient) -> None:
    page = web.get("/map")
    names = re.findall(r"<span class=community-name>([^<]*)</span>", page.text)
    assert names and not any(re.fullmatch(r"Community \d+", n) for n in names)
    assert "&lt;img" in page.text and "<img" not in page.text  # the hostile project's name
    data = view_data(page.text)
    assert "This selection: <strong>4</strong> organisations" in page.text
    tips = [line for n in data["nodes"] for line in n["tooltip"] if line.startswith("Community")]
    assert tips and all(t.removeprefix("Community: ") in {*map(_unescape, names)} for t in tips)
    countries = {n["id"]: n["country"] for n in data["nodes"]}
    for e in data["edges"]:
        assert e["cross_border"] == are_neighbours(countries[e["source"]], countries[e["target"]])
    nl = view_data(web.get("/map", params={"home": "nl", "border": "any"}).text)
    for e in nl["edges"]:
        pair = {countries[e["source"]], countries[e["target"]]}
        assert e["cross_border"] == ("NL" in pair and len(pair) == 2)
        assert e["faded"] == ("NL" not in pair)


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_map_downloads_are_the_same_edges_as_gexf_and_csv(
    web: TestClient, shared_dir: Path
) -> None:
    page = web.get("/map", params={"country": "BE,NL,DE,FR"}).text
    gexf_href = re.search(r'id=download-gexf href="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    csv_href = re.search(r'id=download-csv href="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    assert "country=BE" in _unescape(gexf_href) and "country=BE" in _unescape(csv_href)
    gexf = web.get(_unescape(gexf_href))
    assert gexf.status_code == 200 and "attachment" in gexf.headers["content-disposition"]
    document = etree.parse(io.BytesIO(gexf.content))
    schema = etree.XMLSchema(etree.parse(str(shared_dir / GEXF_XSD)))
    assert schema.validate(document), [str(e) for e in schema.error_log][:5]
    ns = {"g": "http://gexf.net/1.3"}
    from_gexf = {
        (frozenset((e.get("source"), e.get("target"))), float(e.get("weight")))
        for e in document.iterfind(".//g:edge", ns)
    }
    table = web.get(_unescape(csv_href))
    rows = list(csv.DictReader(io.StringIO(table.text)))
    from_csv = {(frozenset((r["source"], r["target"])), float(r["weight"])) for r in rows}
    assert from_gexf == from_csv and len(from_csv) == int(table.headers["x-total-count"])
    # The same pairs the map counts and draws (the selection is under the cap).
    drawn = view_data(page)["edges"]
    assert {frozenset((e["source"], e["target"])) for e in drawn} == {p for p, _ in from_csv}
    assert web.get("/map.csv", params={"country": "Belgium"}).status_code == 422


def test_seeds_map_download_is_valid_gexf(seeds_store: GraphStore, shared_dir: Path) -> None:
    client = client_for(seeds_store)
    gexf = client.get("/map.gexf")
    document = etree.parse(io.BytesIO(gexf.content))
    schema = etree.XMLSchema(etree.parse(str(shared_dir / GEXF_XSD)))
    assert schema.validate(document), [str(e) for e in schema.error_log][:5]
    network = client.get("/api/collaboration-network", params={"limit": 10_000}).json()
    edges = document.findall(".//{http://gexf.net/1.3}edge")
    assert len(edges) == network["total_edges"]


def test_hostile_typed_names_and_names_stay_text(web: TestClient) -> None:
    pages = [
        web.get("/paths", params={"from_name": HOSTILE, "to_name": "Cedar Works"}).text,
        web.get("/paths", params={"from_name": "Birch Institute", "to_name": "Dogwood"}).text,
        web.get("/map", params={"project_name": HOSTILE}).text,
        web.get("/map", params={"region_name": HOSTILE}).text,
    ]
    for html in pages:
        assert "<img" not in html and "onerror=alert(1)>" not in html
    assert "took" in pages[0] and "&lt;img src=x onerror=alert(1)&gt;" in pages[0]
    # The path through the hostile project: its name in the list, escaped.
    assert "&lt;img src=x onerror=alert(1)&gt;</a>" in pages[1]
    assert "\\u003cimg" in pages[1]
