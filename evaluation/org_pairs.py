"""Score organisation resolution on the labelled pairs of ``evaluation/org_pairs.tsv``.

    python -m innograph.evaluation.org_pairs [--pairs FILE] [--errors] [--json]

Each row is two organisation records from the shared data (CORDIS ECSEL participants,
EFRO NL, ERDF Flanders, ESIF, the organisations of the gold documents), drawn by
``scripts/org-pair-candidates`` from pairs that share a rare name word, and labelled
same/different by hand from the evidence in its ``evidence`` column (PIC, city, website,
legal name, the document). The resolver sees what the importers give it: the name, the
PIC of a CORDIS record, the country of a structured record; never the label or the
evidence. A pair is predicted "same" when both records get one canonical id, resolved in
both orders (a fresh resolver each time); a pair whose answer depends on the order
counts as "different" and is reported.

The ``round`` column says when a pair was labelled: round 1 is the set the resolver's rules
were written against (its errors were read), round 2 a fresh draw (``--seed 15``) labelled
before the rules of issue #14 and scored once before them, round 3 (``--seed 16``) drawn
and labelled after those rules (its one miss then shaped the "Long - Short" rule),
round 4 (``--seed 17``) drawn and labelled blind after every rule, scored once. The score
is printed overall and per round, because a round whose errors shaped the rules flatters
them. A document record names its page (``document``): the resolver gets the regions
that page names, as the extractor gives them.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from innograph.evaluation.split import shared_dir
from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.identity.names import organisation_key
from innograph.ingest.resolution import DocumentContext, ResolutionRequest, Resolver

PAIRS = Path(__file__).with_name("org_pairs.tsv")
LABELS = ("same", "different")


@dataclass(frozen=True, slots=True)
class OrgRecord:
    """One side of a pair: what a source tells the resolver about an organisation."""

    source: str
    name: str
    pic: str
    country: str


@dataclass(frozen=True, slots=True)
class LabelledPair:
    """Two records, their label and the evidence behind it."""

    kind: str
    a: OrgRecord
    b: OrgRecord
    same: bool
    evidence: str
    round: int = 1
    document: str = ""  # the page a document record was read from (its file name)


@dataclass(frozen=True, slots=True)
class Score:
    """Precision and recall of "same" decisions."""

    pairs: int
    positives: int
    true_positives: int
    false_positives: int
    order_dependent: int

    @property
    def precision(self) -> float:
        """Share of predicted merges that are right (1.0 when none is predicted)."""
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of same-organisation pairs merged."""
        return self.true_positives / self.positives if self.positives else 1.0


def read_pairs(path: Path = PAIRS) -> list[LabelledPair]:
    """The labelled pairs; ValueError naming the row for a label that is not same/different."""
    pairs: list[LabelledPair] = []
    with path.open(encoding="utf-8", newline="") as stream:
        for n, row in enumerate(csv.DictReader(stream, delimiter="\t"), start=2):
            if row["label"] not in LABELS:
                raise ValueError(f"{path}:{n}: label {row['label']!r} is not same/different")
            a, b = (
                OrgRecord(
                    row[f"source_{s}"], row[f"name_{s}"], row[f"pic_{s}"], row[f"country_{s}"]
                )
                for s in ("a", "b")
            )
            try:
                # A file without the column is one round: the first.
                labelled_in = int(row.get("round") or 1)
            except ValueError:
                raise ValueError(f"{path}:{n}: round {row['round']!r} is not a number") from None
            pairs.append(
                LabelledPair(
                    row["kind"],
                    a,
                    b,
                    row["label"] == "same",
                    row["evidence"],
                    labelled_in,
                    row.get("document") or "",
                )
            )
    return pairs


def _request(record: OrgRecord) -> ResolutionRequest:
    """The request an importer (or the extractor) makes for this record."""
    key = next(
        (
            e.key
            for e in gazetteer().lookup(record.name)
            if e.type in ("Organisation", "Cluster") and not e.ambiguous
        ),
        "",
    )
    return ResolutionRequest(
        type="Organisation",
        name=record.name,
        key=key,
        identifiers={"pic": record.pic} if record.pic else {},
        country=record.country,
    )


_WORDS = re.compile(r"[^\W\d_][\w'-]*")
_MAX_REGION_WORDS = 3


@lru_cache(maxsize=256)
def document_regions(document: str) -> frozenset[str]:
    """The folded names of the regions a shared document names (what the extractor gives
    the resolver as its DocumentContext.regions), read with the gazetteer's region names;
    empty when the document is not in the shared folder."""
    if not document:
        return frozenset()
    shared = shared_dir()
    path = next(
        (
            shared / d / document
            for d in ("seeds", "corpus", "corpus2")
            if (shared / d / document).is_file()
        ),
        None,
    )
    if path is None:
        return frozenset()
    words = _WORDS.findall(path.read_text(encoding="utf-8", errors="replace"))
    g = gazetteer()
    found: set[str] = set()
    for size in range(1, _MAX_REGION_WORDS + 1):
        for i in range(len(words) - size + 1):
            name = " ".join(words[i : i + size])
            if name[0].isupper() and any(e.type == "Region" for e in g.lookup(name)):
                found.add(organisation_key(name))
    return frozenset(found)


def _context(record: OrgRecord, document: str) -> DocumentContext:
    if record.source != "document":
        return DocumentContext(doc_id="import")
    return DocumentContext(doc_id="pairs", regions=document_regions(document))


def _ids(
    first: OrgRecord, second: OrgRecord, *, fuzzy: bool, document: str = ""
) -> tuple[str, str]:
    resolver = Resolver(fuzzy=fuzzy)
    one = resolver.resolve(_request(first), _context(first, document)).canonical_id
    return one, resolver.resolve(_request(second), _context(second, document)).canonical_id


def predict(pair: LabelledPair) -> tuple[bool, bool]:
    """``(same, order dependent)``: one id in both orders; whether the orders disagree.
    Documents resolve with fuzzy matching and the regions their page names, as the
    extractor does; imports without either."""
    fuzzy = "document" in (pair.a.source, pair.b.source)
    ab = _ids(pair.a, pair.b, fuzzy=fuzzy, document=pair.document)
    ba = _ids(pair.b, pair.a, fuzzy=fuzzy, document=pair.document)
    forward, backward = ab[0] == ab[1], ba[0] == ba[1]
    return forward and backward, forward != backward


def score(pairs: list[LabelledPair]) -> tuple[Score, list[tuple[str, LabelledPair]]]:
    """The score over ``pairs`` and the errors (``"false merge"``, ``"missed"``,
    ``"order"``) with their pairs."""
    tp = fp = dependent = 0
    errors: list[tuple[str, LabelledPair]] = []
    for pair in pairs:
        same, order = predict(pair)
        dependent += order
        if order:
            errors.append(("order", pair))
        if same and pair.same:
            tp += 1
        elif same:
            fp += 1
            errors.append(("false merge", pair))
        elif pair.same:
            errors.append(("missed", pair))
    positives = sum(p.same for p in pairs)
    return Score(len(pairs), positives, tp, fp, dependent), errors


def _tally(pairs: list[LabelledPair], errors: list[tuple[str, LabelledPair]]) -> Score:
    """The score of ``pairs`` from the errors of a run that included them."""
    ids = {id(p) for p in pairs}
    wrong = [(what, p) for what, p in errors if id(p) in ids]
    missed = sum(what == "missed" for what, _ in wrong)
    positives = sum(p.same for p in pairs)
    return Score(
        len(pairs),
        positives,
        positives - missed,
        sum(what == "false merge" for what, _ in wrong),
        sum(what == "order" for what, _ in wrong),
    )


def _summary(result: Score) -> dict[str, float | int]:
    return {
        "pairs": result.pairs,
        "positives": result.positives,
        "precision": round(result.precision, 4),
        "recall": round(result.recall, 4),
        "false_merges": result.false_positives,
        "order_dependent": result.order_dependent,
    }


def _line(label: str, result: Score) -> str:
    return (
        f"{label}: {result.pairs} pairs ({result.positives} same): precision "
        f"{result.precision:.3f}, recall {result.recall:.3f}, "
        f"{result.false_positives} false merges, {result.order_dependent} order-dependent"
    )


def main(argv: list[str] | None = None) -> int:
    """Print precision and recall (and with ``--errors`` every wrong pair)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=Path, default=PAIRS, help="labelled pairs (TSV)")
    ap.add_argument("--errors", action="store_true", help="list the pairs decided wrongly")
    ap.add_argument("--json", action="store_true", help="print the score as JSON")
    args = ap.parse_args(argv)
    try:
        pairs = read_pairs(args.pairs)
    except (OSError, ValueError, KeyError) as err:
        print(f"innograph: {args.pairs}: cannot read the pairs ({err})", file=sys.stderr)
        return 2
    result, errors = score(pairs)
    # Each round's figure from the pairs already decided: no pair is resolved twice.
    rounds = {
        n: _tally([p for p in pairs if p.round == n], errors)
        for n in sorted({p.round for p in pairs})
    }
    if args.json:
        summary: dict[str, object] = dict(_summary(result))
        summary["rounds"] = {str(n): _summary(r) for n, r in rounds.items()}
        print(json.dumps(summary))
    else:
        print(_line("all", result))
        for n, r in rounds.items():
            print(_line(f"round {n}", r))
    if args.errors:
        for what, pair in errors:
            names = f"{pair.a.name}\t{pair.b.name}"
            print(f"{what}\tround {pair.round}\t{pair.kind}\t{names}\t{pair.evidence}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
