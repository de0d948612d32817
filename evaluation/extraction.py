"""Score the extractor on the shared gold, per split, end to end and on gold entities.

    python -m innograph.evaluation.extraction [--split train,test,dev] [--gold-entities]
        [--errors FILE] [--json]

End to end: ``Extractor`` over each document's text, scored by the shared scorer
(``tools/score_extraction.py``, imported so that the numbers are its numbers). With
``--gold-entities`` the relation stage alone: the gold entities' names and aliases
found in the text are its mentions, and the gold entities are the prediction's
entities, so only relation errors count. ``--errors`` writes every false positive and
false negative, document by document, for error analysis. ``--ablation`` scores the
extractor again with each component family left out (the relation model, each family of
relation rules, each source of entities; ``ingest/ablation.py``) and prints the table.

The shipped relation model may be learned on every gold page, the held-out test split
included (more sites to learn cue words from); the test split is then read with the
model learned without it (``evaluation/heldout_relation_model.json``), so that its
figures stay held out. ``INNOGRAPH_RELATION_MODEL``, when set, names the model for all.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from innograph.evaluation.split import GoldDoc, gold_docs, invented_docs, shared_dir

HELDOUT_MODEL_FILE = Path(__file__).with_name("heldout_relation_model.json")


@contextmanager
def using_model(path: Path | None) -> Iterator[None]:
    """Read relations with the model file ``path`` inside the block (None: as set)."""
    from innograph.ingest.relations.model import relation_model

    before = os.environ.get("INNOGRAPH_RELATION_MODEL")
    if path is not None:
        os.environ["INNOGRAPH_RELATION_MODEL"] = str(path)
    # The model is read once per process (cached); worker processes fork inside the block.
    relation_model.cache_clear()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("INNOGRAPH_RELATION_MODEL", None)
        else:
            os.environ["INNOGRAPH_RELATION_MODEL"] = before
        relation_model.cache_clear()


def model_for(split: str) -> Path | None:
    """The model file to read ``split`` with: the held-out model for the test split when
    the shipped model was learned on it, else None (the shipped or the set one)."""
    from innograph.ingest.relations.model import relation_model

    if split != "test" or os.environ.get("INNOGRAPH_RELATION_MODEL"):
        return None
    shipped = relation_model()
    if shipped is None or "test" not in shipped.info.get("trained_on", []):
        return None
    if not HELDOUT_MODEL_FILE.exists():
        raise SystemExit(f"the shipped model saw the test split; {HELDOUT_MODEL_FILE} is missing")
    return HELDOUT_MODEL_FILE


def scorer() -> ModuleType:
    """The shared scorer, imported from the shared folder."""
    path = shared_dir() / "tools" / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_gold(doc: GoldDoc) -> dict[str, Any]:
    """The gold annotation of a document."""
    gold: dict[str, Any] = json.loads(doc.gold.read_text("utf-8"))
    return gold


def predict(docs: list[GoldDoc], workers: int = 1) -> dict[str, dict[str, Any]]:
    """The extractor's contract JSON for each document, by document name."""
    from innograph.ingest.extractor import Extractor
    from innograph.ingest.reading.formats import read_document

    sources = [read_document(d.text) for d in docs]
    out = {}
    for doc, facts in zip(docs, Extractor().extract_many(sources, workers=workers), strict=True):
        out[doc.name] = facts.to_contract()
    return out


def gold_mentions(nlp_doc: Any, gold: dict[str, Any]) -> list[Any]:
    """The gold entities' names and aliases found in the text, longest first."""
    from innograph.ingest.relations import Mention

    names = sorted(
        (
            (n, e["id"], e["type"])
            for e in gold["entities"]
            for n in {e["name"], *e.get("aliases", [])}
            if n.strip()
        ),
        key=lambda x: -len(x[0]),
    )
    taken: list[tuple[int, int]] = []
    mentions = []
    for name, key, etype in names:
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", nlp_doc.text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            span = nlp_doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                taken.append((m.start(), m.end()))
                mentions.append(Mention(key, etype, span))
    return sorted(mentions, key=lambda m: m.span.start)


def predict_on_gold_entities(docs: list[GoldDoc]) -> dict[str, dict[str, Any]]:
    """Relations from the relation stage over gold mentions; entities are the gold ones."""
    from innograph.ingest.nlp import join_wrapped_lines, pipeline
    from innograph.ingest.reading.formats import read_document
    from innograph.ingest.relations import extract_budgets, extract_relations

    out = {}
    for doc in docs:
        gold = load_gold(doc)
        nlp_doc = pipeline(gold["lang"])(join_wrapped_lines(read_document(doc.text).text))
        mentions = gold_mentions(nlp_doc, gold)
        relations = extract_relations(nlp_doc, mentions, lang=gold["lang"])
        budgets = extract_budgets(nlp_doc, mentions, lang=gold["lang"])
        entities = []
        for e in gold["entities"]:
            entity = {k: e[k] for k in ("id", "type", "name", "aliases") if k in e}
            if e["id"] in budgets:
                entity["budget_eur"] = budgets[e["id"]]
            entities.append(entity)
        out[doc.name] = {
            "doc": doc.name,
            "entities": entities,
            "relations": [
                {
                    "type": r.type,
                    "source": r.source,
                    "target": r.target,
                    **({"amount_eur": r.amount_eur} if r.amount_eur is not None else {}),
                    "evidence": r.evidence,
                }
                for r in relations
            ],
        }
    return out


def score(
    docs: list[GoldDoc], predictions: dict[str, dict[str, Any]], by_language: bool = True
) -> dict[str, Any]:
    """The shared scorer's summary over ``docs``, with entity and relation F1 per language."""
    s = scorer()
    tallies: Any = defaultdict(lambda: defaultdict(Counter))
    per_lang: Any = defaultdict(lambda: defaultdict(lambda: defaultdict(Counter)))
    golds, mappings = {}, {}
    for doc in docs:
        gold = load_gold(doc)
        golds[doc.name] = gold
        pred = predictions.get(doc.name, {})
        mappings[doc.name] = s.score_doc(gold, pred, tallies)
        if by_language:
            s.score_doc(gold, pred, per_lang[gold["lang"]])
    summary: dict[str, Any] = {"documents": len(docs)}
    for section, per_type in tallies.items():
        total: Counter[str] = sum(per_type.values(), Counter())
        summary[section] = {"overall": s.prf(total), **{k: s.prf(v) for k, v in per_type.items()}}
    summary["resolution"] = s.resolution_score(golds, predictions, mappings)
    summary["by_language"] = {
        lang: {
            section: s.prf(sum(t[section].values(), Counter()))
            for section in ("entities/strict", "relations")
        }
        for lang, t in sorted(per_lang.items())
    }
    return summary


def errors(docs: list[GoldDoc], predictions: dict[str, dict[str, Any]]) -> Iterable[str]:
    """Lines naming each document's missed and spurious entities and relations."""
    s = scorer()
    for doc in docs:
        gold, pred = load_gold(doc), predictions.get(doc.name, {})
        strict = s.align_entities(gold["entities"], pred.get("entities", []), strict=True)
        lenient = s.align_entities(gold["entities"], pred.get("entities", []), strict=False)
        gname = {g["id"]: f"{g['name']} [{g['type']}]" for g in gold["entities"]}
        pname = {p["id"]: f"{p['name']} [{p['type']}]" for p in pred.get("entities", [])}
        yield f"### {doc.name} ({gold['lang']}, {doc.split})"
        for p in pred.get("entities", []):
            if p["id"] not in strict:
                hint = f" (gold {gname[lenient[p['id']]]})" if p["id"] in lenient else ""
                yield f"  E-FP {pname[p['id']]}{hint}"
        for g in gold["entities"]:
            if g["id"] not in strict.values():
                yield f"  E-FN {gname[g['id']]}"
        used: set[int] = set()
        for p in pred.get("relations", []):
            src, dst = lenient.get(p["source"]), lenient.get(p["target"])
            hit = next(
                (
                    i
                    for i, g in enumerate(gold["relations"])
                    if i not in used
                    and p["type"] in (g["type"], *g.get("alt_types", []))
                    and (
                        (src, dst) == (g["source"], g["target"])
                        or (g["type"] in s.SYMMETRIC and (dst, src) == (g["source"], g["target"]))
                    )
                ),
                None,
            )
            if hit is None:
                ev = (p.get("evidence") or "")[:140].replace("\n", " ")
                yield (
                    f"  R-FP {p['type']} {pname.get(p['source'])} -> {pname.get(p['target'])}"
                    f"  | {ev}"
                )
            else:
                used.add(hit)
        for i, g in enumerate(gold["relations"]):
            if i not in used:
                found = (
                    "" if {g["source"], g["target"]} <= set(lenient.values()) else " (end missing)"
                )
                yield (
                    f"  R-FN {g['type']} {gname.get(g['source'])} -> {gname.get(g['target'])}"
                    f"{found}"
                )


def _line(name: str, v: dict[str, Any]) -> str:
    counts = f"(tp {v['tp']}, fp {v['fp']}, fn {v['fn']})"
    return f"  {name:<22} P {v['p']:.3f}  R {v['r']:.3f}  F1 {v['f1']:.3f}  {counts}"


def report(title: str, summary: dict[str, Any]) -> str:
    """A short text table of a summary."""
    out = [f"== {title} ({summary['documents']} documents)"]
    for section in ("entities/strict", "relations", "amounts"):
        if section in summary:
            out.append(_line(section, summary[section]["overall"]))
    if "relations" in summary:
        for k, v in sorted(summary["relations"].items()):
            if k != "overall":
                out.append("  " + _line(k, v))
    if "amounts" in summary:
        for k, v in sorted(summary["amounts"].items()):
            if k != "overall":
                out.append("  " + _line("amount " + k, v))
    for lang, v in summary.get("by_language", {}).items():
        out.append(
            f"  {lang}: entities F1 {v['entities/strict']['f1']:.3f}"
            f"  relations F1 {v['relations']['f1']:.3f}"
        )
    return "\n".join(out)


def _ablations() -> list[tuple[str, dict[str, str]]]:
    """Each row of the ablation table: what is left out, and the environment doing it."""
    from innograph.ingest.ablation import ENTITY_FAMILIES, RELATION_FAMILIES

    rows = [("nothing (full)", {}), ("relation model", {"INNOGRAPH_RELATION_MODEL": "off"})]
    rows += [(f"{f} relation rules", {"INNOGRAPH_ABLATE": f}) for f in RELATION_FAMILIES]
    rows += [(f"{f} entities", {"INNOGRAPH_ABLATE": f}) for f in ENTITY_FAMILIES]
    return rows


def ablation(splits: list[str], workers: int) -> str:
    """A Markdown table: entity and relation F1 per split with each family left out.

    Every row runs in its own process, since the pipelines and the model are built once
    per process."""
    head = " | ".join(f"{s} entities | {s} relations" for s in splits)
    lines = [f"| left out | {head} |", "|---|" + "---|" * (2 * len(splits))]
    for name, env in _ablations():
        cmd = [sys.executable, "-m", "innograph.evaluation.extraction", "--json"]
        cmd += ["--split", ",".join(splits), "--workers", str(workers)]
        done = subprocess.run(
            cmd, env={**os.environ, **env}, capture_output=True, text=True, check=True
        )
        summaries = json.loads(done.stdout)
        cells = [
            f"{summaries[s][section]['overall']['f1']:.3f}"
            for s in splits
            for section in ("entities/strict", "relations")
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--split",
        default="train,test,dev",
        help="splits to score, comma-separated (also inventedN: the sets of evaluation/invented/)",
    )
    ap.add_argument("--gold-entities", action="store_true", help="the relation stage alone")
    ap.add_argument("--errors", type=Path, help="write false positives and negatives here")
    ap.add_argument("--predictions", type=Path, help="write the predictions (JSON Lines) here")
    ap.add_argument("--json", action="store_true", help="print the summaries as JSON")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument(
        "--ablation", action="store_true", help="score again with each component family left out"
    )
    args = ap.parse_args(argv)
    wanted = args.split.split(",")
    if args.ablation:
        print(ablation(wanted, args.workers))
        return 0
    docs = [d for d in (*gold_docs(), *invented_docs()) if d.split in wanted]
    predictions: dict[str, dict[str, Any]] = {}
    for split in wanted:
        part = [d for d in docs if d.split == split]
        with using_model(model_for(split)):
            if args.gold_entities:
                predictions.update(predict_on_gold_entities(part))
            else:
                predictions.update(predict(part, workers=args.workers))
    if args.predictions:
        args.predictions.write_text(
            "".join(json.dumps(predictions[d.name], ensure_ascii=False) + "\n" for d in docs),
            "utf-8",
        )
    if args.errors:
        args.errors.write_text("\n".join(errors(docs, predictions)) + "\n", "utf-8")
    summaries = {
        split: score([d for d in docs if d.split == split], predictions) for split in wanted
    }
    if args.json:
        print(json.dumps(summaries, indent=1))
    else:
        mode = "relations on gold entities" if args.gold_entities else "end to end"
        for split, summary in summaries.items():
            print(report(f"{split}: {mode}", summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
