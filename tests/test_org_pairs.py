"""The resolver on the labelled organisation pairs (evaluation/org_pairs.tsv)."""

from __future__ import annotations

from pathlib import Path

from innograph.evaluation.org_pairs import main, read_pairs, score

# A little under what the scorer measures (precision 1.000, recall 0.879).
MIN_PRECISION = 0.98
MIN_RECALL = 0.85


def test_the_labelled_set_is_real_and_large_enough() -> None:
    pairs = read_pairs()
    assert len(pairs) >= 300
    assert all(p.evidence for p in pairs)
    assert sum(p.same for p in pairs) >= 50
    # Hard negatives: two PICs whose names share words.
    assert sum(1 for p in pairs if p.a.pic and p.b.pic and not p.same) >= 50


def test_precision_and_recall_on_the_labelled_pairs() -> None:
    result, _ = score(read_pairs())
    assert result.precision >= MIN_PRECISION
    assert result.recall >= MIN_RECALL
    assert result.order_dependent == 0


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
