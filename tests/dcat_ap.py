"""DCAT-AP 3.0.1 validation for the tests: the published shapes, as pyshacl can read them."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import rdflib
from rdflib import Namespace

SH = Namespace("http://www.w3.org/ns/shacl#")


def dcat_ap_shapes(vocab: Path) -> rdflib.Graph:
    """The DCAT-AP 3.0.1 shapes in ``vocab``: mandatory, ranges and recommended.

    The published files refer to five property shapes that none of them defines (of
    Dataset, Distribution and Relationship); pyshacl refuses a dangling reference, so
    those references are dropped. Every other shape applies.
    """
    shapes = rdflib.Graph()
    for part in ("shapes", "ranges", "recommended"):
        shapes.parse(vocab / f"dcat-ap-3.0.1-shacl-{part}.ttl", format="turtle")
    dangling = [
        (s, o) for s, o in shapes.subject_objects(SH.property) if shapes.value(o, SH.path) is None
    ]
    assert len(dangling) <= 5, "the shapes changed: look at what they refer to"
    for subject, shape in dangling:
        shapes.remove((subject, SH.property, shape))
    return shapes


def dcat_violations(data: rdflib.Graph, vocab: Path) -> list[str]:
    """The sh:Violation results (warnings of the recommended shapes are allowed)."""
    _, report, _ = pyshacl.validate(data, shacl_graph=dcat_ap_shapes(vocab), inference="none")
    assert isinstance(report, rdflib.Graph)
    return [
        f"{report.value(r, SH.focusNode)} {report.value(r, SH.resultPath)}: "
        f"{report.value(r, SH.resultMessage)}"
        for r in report.subjects(SH.resultSeverity, SH.Violation)
    ]
