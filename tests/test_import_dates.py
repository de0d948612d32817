"""Project dates as the lists write them: ISO in CORDIS, days with dots in the Flemish
ERDF list and most ESIF lists ("23.03.2016", "1.4.2008"); nothing guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from innograph.ingest.importers.common import iso_date
from innograph.tests.import_helpers import open_graph, read_rows, run_import, write_rows


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2021-06-01", "2021-06-01"),
        ("2021-06-01 00:00:00", "2021-06-01"),
        ("23.03.2016", "2016-03-23"),
        ("1.4.2008", "2008-04-01"),
        (" 31.12.2010 ", "2010-12-31"),
        ("31.02.2010", None),  # no such day
        ("01/02/2016", None),  # day or month first: the lists disagree
        ("2014", None),
        ("05.02.16", None),
        ("", None),
    ],
)
def test_iso_date(text: str, day: str | None) -> None:
    assert iso_date(text) == day


def test_flanders_2007_projects_have_their_dates(shared_dir: Path, tmp_path: Path) -> None:
    data = shared_dir / "data" / "structured"
    header, rows = read_rows(data / "flanders_erdf_2007_2013.csv", 20)
    path = write_rows(tmp_path / "flanders.csv", header, rows)
    code, _, err = run_import("erdf-flanders", str(path), "--store", str(tmp_path / "s"))
    assert code == 0, err
    first = rows[0]
    with open_graph(tmp_path / "s") as graph:
        node = graph.search(first["PROJECTNAAM_manueel"], types=["Project"], limit=1)[0]
    day, month, year = first["STARTDATUM_PROJECT"].split(".")
    assert node.properties["start_date"] == f"{year}-{month.zfill(2)}-{day.zfill(2)}"
    day, month, year = first["EINDDATUM_PROJECT"].split(".")
    assert node.properties["end_date"] == f"{year}-{month.zfill(2)}-{day.zfill(2)}"
