"""The evidence of an imported row: its source file, its row number and its fields.

A structured importer states each fact of a CSV row with the row as its evidence. The
evidence is one plain string, so that both stores and the RDF export (``ig:evidence``, an
``xsd:string``) keep it as they keep a sentence, and a reader sees what the row said::

    participants.csv row 745: projectAcronym=MATQu; role=coordinator; ecContribution=255922.13

Fields are ``column=value`` pairs joined by ``"; "``; a ``\\``, ``;`` or ``=`` inside a
column name or value is escaped with a backslash, so :func:`parse_row_evidence` gives the
fields back exactly (whitespace runs are folded to one space and long values shortened
first: the evidence names the row, it does not replace it). The same row always gives the
same string, so a re-import of an unchanged file changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# A value longer than this is cut (an objective, a summary): the row is named, and the
# graph keeps the fields it imports in full on the nodes.
MAX_VALUE_CHARS = 160
FIELD_SEPARATOR = "; "
_ESCAPE = re.compile(r"([\\;=])")
_SPACES = re.compile(r"\s+")
# "<file> row <n>", then ": <fields>" when the row's fields are given.
_HEAD = re.compile(r"(?P<doc>.+?) row (?P<row>[0-9]+)(?:: (?P<fields>.*))?", re.DOTALL)
_ROW_SOURCE = re.compile(r"(?P<doc>.+)#row=(?P<row>[0-9]+)")


@dataclass(frozen=True, slots=True)
class RowEvidence:
    """An imported row as its evidence names it: file, row number and fields in order."""

    doc: str
    row: int
    fields: tuple[tuple[str, str], ...] = ()


def _escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


def _clean(value: str) -> str:
    value = _SPACES.sub(" ", value).strip()
    if len(value) > MAX_VALUE_CHARS:
        value = value[: MAX_VALUE_CHARS - 1].rstrip() + "…"
    return value


def row_evidence(doc: str, row: int, fields: Iterable[tuple[str, str]] = ()) -> str:
    """The evidence string of row ``row`` of ``doc`` with ``fields`` (column, value);
    empty values are left out."""
    head = f"{doc} row {row}"
    parts = [
        f"{_escape(_clean(column))}={_escape(value)}"
        for column, raw in fields
        if (value := _clean(raw))
    ]
    return f"{head}: {FIELD_SEPARATOR.join(parts)}" if parts else head


def _split_unescaped(text: str, separator: str, maxsplit: int = -1) -> list[str]:
    """``text`` split at each ``separator`` not preceded by an escaping backslash; the
    parts keep their escapes."""
    parts: list[str] = []
    start = i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(separator, i) and (maxsplit < 0 or len(parts) < maxsplit):
            parts.append(text[start:i])
            i += len(separator)
            start = i
            continue
        i += 1
    parts.append(text[start:])
    return parts


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


def parse_row_evidence(evidence: str, document: str | None = None) -> RowEvidence | None:
    """The row an evidence string names, with its fields; None for any other evidence (a
    sentence). ``document``, the provenance's source (``"<file>#row=<n>"``), when given
    must name the same file and row."""
    match = _HEAD.fullmatch(evidence)
    if match is None:
        return None
    doc, row = match["doc"], int(match["row"])
    if document is not None:
        source = _ROW_SOURCE.fullmatch(document)
        if source is None or int(source["row"]) != row or source["doc"] != doc:
            return None
    fields: list[tuple[str, str]] = []
    if match["fields"]:
        for part in _split_unescaped(match["fields"], FIELD_SEPARATOR):
            pair = _split_unescaped(part, "=", maxsplit=1)
            if len(pair) != 2:
                return None  # not written by row_evidence: a sentence after all
            fields.append((_unescape(pair[0]), _unescape(pair[1])))
    return RowEvidence(doc, row, tuple(fields))
