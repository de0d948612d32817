"""The resolver on the labelled organisation pairs (evaluation/org_pairs.tsv)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from innograph.evaluation.org_pairs import main, read_pairs, score

# A little under what the scorer measures (precision 1.000 on every round). Round 1 (the
# rules were written against it): recall 0.924; round 2 (0.720 when labelled, before the
# rule changes of issue #14): 0.920; round 3 (drawn after them): 1.000, 9 of 9 (its one
# miss shaped the short-form rule); round 4 (drawn and labelled blind after all rules,
# unseen): 1.000, 12 of 12, precision 1.000 on 203 pairs. Fuzzy matching of
# organisations against each other is off (it depended on the order of ingest and
# import); misspellings of registry names are read,
# and a body's regional branch on a page naming the region.
MIN_PRECISION = 0.98
MIN_RECALL = {1: 0.90, 2: 0.88, 3: 0.85, 4: 0.90}
# The target over all rounds.
MIN_RECALL_ALL = 0.90


def test_the_labelled_set_is_real_and_large_enough() -> None:
    pairs = read_pairs()
    assert len(pairs) >= 300
    assert all(p.evidence for p in pairs)
    assert sum(p.same for p in pairs) >= 50
    # Hard negatives: two PICs whose names share words.
    assert sum(1 for p in pairs if p.a.pic and p.b.pic and not p.same) >= 50


def test_later_rounds_are_fresh_draws() -> None:
    pairs = read_pairs()
    assert {p.round for p in pairs} == {1, 2, 3, 4}
    seen: set[frozenset[tuple[str, str]]] = set()
    for labelled_in in (1, 2, 3, 4):
        draw = {
            frozenset({(p.a.source, p.a.name), (p.b.source, p.b.name)})
            for p in pairs
            if p.round == labelled_in
        }
        assert not draw & seen
        seen |= draw
    second = [p for p in pairs if p.round == 2]
    assert len(second) >= 120 and sum(p.same for p in second) >= 20


@pytest.mark.parametrize("labelled_in", [1, 2, 3, 4])
def test_precision_and_recall_per_round(labelled_in: int) -> None:
    result, _ = score([p for p in read_pairs() if p.round == labelled_in])
    assert result.precision >= MIN_PRECISION
    assert result.recall >= MIN_RECALL[labelled_in]
    assert result.order_dependent == 0


def test_recall_over_all_rounds_meets_the_target() -> None:
    result, _ = score(read_pairs())
    assert result.precision >= MIN_PRECISION
    assert result.recall >= MIN_RECALL_ALL


def test_the_report_gives_every_round(tmp_path: Path, capsys: object) -> None:
    header = "kind\tsource_a\tname_a\tpic_a\tcountry_a\tsource_b\tname_b\tpic_b\tcountry_b"
    rows = [
        "x\tefro-nl\tStichting Qorvel\t\tNL\tefro-nl\tStichting Qorvel\t\tNL\tsame\tsame name\t1",
        "x\tcordis\tVANTRIX BV\t911111111\tNL\tcordis\tVANTRIX GMBH\t922222222\tDE"
        "\tdifferent\tPICs\t2",
    ]
    path = tmp_path / "pairs.tsv"
    path.write_text(f"{header}\tlabel\tevidence\tround\n" + "\n".join(rows) + "\n")
    assert main(["--pairs", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)  # type: ignore[attr-defined]
    assert out["pairs"] == 2
    assert out["rounds"]["1"]["pairs"] == 1 and out["rounds"]["1"]["recall"] == 1.0
    assert out["rounds"]["2"]["positives"] == 0 and out["rounds"]["2"]["false_merges"] == 0


def test_a_file_without_rounds_is_round_one(tmp_path: Path) -> None:
    header = "kind\tsource_a\tname_a\tpic_a\tcountry_a\tsource_b\tname_b\tpic_b\tcountry_b"
    path = tmp_path / "pairs.tsv"
    path.write_text(f"{header}\tlabel\tevidence\nx\tcordis\tA\t\t\tcordis\tB\t\t\tsame\tnone\n")
    assert [p.round for p in read_pairs(path)] == [1]
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        f"{header}\tlabel\tevidence\tround\nx\tcordis\tA\t\t\tcordis\tB\t\t\tsame\tnone\tii\n"
    )
    with pytest.raises(ValueError, match="round 'ii'"):
        read_pairs(bad)


def test_two_pics_are_never_one_organisation() -> None:
    pairs = [p for p in read_pairs() if p.a.pic and p.b.pic and p.a.pic != p.b.pic]
    result, _ = score(pairs)
    assert result.true_positives + result.false_positives == 0


def test_a_bad_label_is_one_line_on_stderr(tmp_path: Path, capsys: object) -> None:
    bad = tmp_path / "pairs.tsv"
    header = "kind\tsource_a\tname_a\tpic_a\tcountry_a\tsource_b\tname_b\tpic_b\tcountry_b"
    bad.write_text(f"{header}\tlabel\tevidence\nx\tcordis\tA\t\t\tcordis\tB\t\t\tmaybe\tnone\n")
    assert main(["--pairs", str(bad)]) == 2
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert err.count("\n") == 1 and "maybe" in err
