"""A record's fields that state a sum: "Label: value" on one line, or the label alone on
its line and the sum alone on the next, as pages laid out in two columns read once
turned into text ("Total budget" / "€ 1.234.567")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from innograph.ingest.amounts import find_money
from innograph.ingest.relations.text import line_spans

# A record field: a short label, a colon, then the figure ("EFRO-bijdrage: € 250.000").
FIELD = re.compile(r"\s*[-•*]?\s*[^.:\n]{2,60}:[ \t]*(?:€|eur|euro)?[ \t]*\d", re.I)
# A label alone on its line: a few words, no figure, no sentence.
_LABEL_LINE = re.compile(r"[ \t]*[-•*]?[ \t]*[^\W\d_][^\d.:;!?\n]{1,58}:?[ \t]*")
_SHARE = re.compile(r"[ \t]*(?:\(\s*\d+(?:[.,]\d+)?\s*%\s*\))?[ \t]*")


def _sum_alone(text: str, lo: int, hi: int) -> bool:
    """Whether a line holds one sum and nothing else (a share in brackets may follow)."""
    line = text[lo:hi]
    moneys = find_money(line)
    if len(moneys) != 1:
        return False
    m = moneys[0]
    return not line[: m.start].strip() and bool(_SHARE.fullmatch(line, m.end))


def field_lines(text: str) -> Iterator[tuple[int, int, int, bool]]:
    """(start, label end, end, stacked) of every field that states a figure: a "Label:
    value" line, or a label line with the sum alone on the next non-empty line, unless
    the run of such lines opens with a sum (then the figures stand above their labels,
    as in a row of key figures, and a label's next sum is another's)."""
    lines = line_spans(text)
    filled = [(lo, hi) for lo, hi in lines if text[lo:hi].strip()]
    for n, (lo, hi) in enumerate(filled):
        field = FIELD.match(text, lo, hi)
        if field is not None:
            yield lo, field.end() - 1, hi, False
            continue
        if n + 1 >= len(filled) or not _LABEL_LINE.fullmatch(text, lo, hi):
            continue
        nlo, nhi = filled[n + 1]
        if not _sum_alone(text, nlo, nhi) or text.count("\n", hi, nlo) > 2:
            continue
        if _sums_above(text, filled, n):
            continue
        yield lo, hi, nhi, True


def _sums_above(text: str, filled: list[tuple[int, int]], n: int) -> bool:
    """Whether the run of alternating sum and label lines that holds the label line
    ``n`` opens with a sum: then each sum stands above its label."""
    j = n
    while (
        j >= 2 and _sum_alone(text, *filled[j - 1]) and _LABEL_LINE.fullmatch(text, *filled[j - 2])
    ):
        j -= 2
    return j >= 1 and _sum_alone(text, *filled[j - 1])
