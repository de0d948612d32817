"""The whole extractor cross-validated over sites: each fold's pages read with a relation
model that never saw their sites.

    python -m innograph.evaluation.crossval [--splits train,dev] [--folds 5] [--errors F]
        [--also-learn invented1,invented4]

``evaluation.train_relations`` cross-validates the relation model on candidate pairs;
this runs the extractor end to end instead, as it works on a page of an unseen site: the
pages of a fold are read with a model learned on the other folds' sites (same C and
thresholds as the shipped model), and the pooled predictions are scored like
``evaluation.extraction`` scores a split. ``--also-learn`` adds pages that every fold's
model learns from and none is scored on (the invented training pages the shipped model
also learns from). It is the honest train figure for a change of
the relation stage: the shipped model has seen every train page, so its train score
flatters it. The entity rules are still the ones tuned on train.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from innograph.evaluation.extraction import errors, predict, report, score, using_model
from innograph.evaluation.split import GoldDoc, gold_docs, invented_docs
from innograph.evaluation.train_relations import Example, examples, fit, site_folds
from innograph.ingest.relations.model import MODEL_FILE, RelationModel, relation_model


def fold_models(
    data: list[Example],
    fold_of: dict[str, int],
    folds: int,
    shipped: RelationModel,
    extra: list[Example] | None = None,
) -> list[RelationModel]:
    """One model per fold, learned on the other folds' candidates (and on ``extra``,
    which belongs to no fold) with the shipped model's C and thresholds."""
    c = float(shipped.info.get("C", 0.1))
    models = []
    for k in range(folds):
        params = fit([ex for ex in data if fold_of[ex.site] != k] + list(extra or []), c)
        models.append(
            RelationModel(
                params["weights"],
                params["bias"],
                dict(shipped.thresholds),
                shipped.default_threshold,
                {"fold": k},
            )
        )
    return models


def cross_validated_predictions(
    docs: list[GoldDoc], folds: int, workers: int, also_learn: list[GoldDoc] | None = None
) -> dict[str, dict[str, Any]]:
    """Every document's contract JSON, read with the model of the folds it is not in
    (each fold's model also learns from ``also_learn``)."""
    shipped = relation_model()
    if shipped is None:
        raise SystemExit("no relation model to cross-validate (INNOGRAPH_RELATION_MODEL=off?)")
    fold_of = site_folds((d.site for d in docs), folds)
    data, _totals = examples(docs)
    extra = examples(also_learn)[0] if also_learn else None
    models = fold_models(data, fold_of, folds, shipped, extra)
    predictions: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for k, model in enumerate(models):
            path = Path(tmp) / f"fold{k}.json"
            path.write_text(json.dumps(model.to_json()), "utf-8")
            with using_model(path):
                held = [d for d in docs if fold_of[d.site] == k]
                predictions.update(predict(held, workers=workers))
    return predictions


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--splits", default="train,dev", help="splits to cross-validate over")
    ap.add_argument("--folds", type=int, default=5, help="folds (grouped by site)")
    ap.add_argument("--errors", type=Path, help="write false positives and negatives here")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument(
        "--also-learn",
        default="",
        help="splits every fold's model also learns from, never scored (e.g. invented1)",
    )
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = ap.parse_args(argv)
    splits = args.splits.split(",")
    docs = [d for d in gold_docs() if d.split in splits]
    learn = set(filter(None, args.also_learn.split(",")))
    also = [d for d in gold_docs() + invented_docs() if d.split in learn]
    if learn & set(splits) or learn - {d.split for d in also}:
        raise SystemExit(f"crossval: --also-learn {args.also_learn}: unknown or scored split")
    predictions = cross_validated_predictions(docs, args.folds, args.workers, also)
    if args.errors:
        args.errors.write_text("\n".join(errors(docs, predictions)) + "\n", "utf-8")
    summary = score(docs, predictions)
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        title = f"{'+'.join(splits)}: end to end, cross-validated over sites ({args.folds} folds)"
        print(report(title, summary))
    print(f"(model file of C and thresholds: {MODEL_FILE.name})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
