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
# A field: a name without unescaped "=" or ";", "=", a value without unescaped ";".
_NAME, _VALUE = r"(?:[^\\;=]|\\.)*", r"(?:[^\\;]|\\.)*"
_FIELDS = re.compile(rf"{_NAME}={_VALUE}(?:; {_NAME}={_VALUE})*", re.DOTALL)
_FIELD = re.compile(rf"(?:\A|; )({_NAME})=({_VALUE})", re.DOTALL)
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


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


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text) if "\\" in text else text


def parse_row_evidence(evidence: str, document: str | None = None) -> RowEvidence | None:
    """The row an evidence string names, with its fields; None for any other evidence (a
    sentence). ``document``, the provenance's source (``"<file>#row=<n>"``), when given
    must name the same file and row."""
    if document is not None:
        # The provenance names the row: the evidence must begin with it (no search).
        if "#row=" not in document:
            return None  # a document's sentence: the common case, decided at once
        source = _ROW_SOURCE.fullmatch(document)
        if source is None:
            return None
        doc, row = source["doc"], int(source["row"])
        head = f"{doc} row {row}"
        if evidence == head:
            return RowEvidence(doc, row)
        if not evidence.startswith(head + ": "):
            return None
        text = evidence[len(head) + 2 :]
    else:
        match = _HEAD.fullmatch(evidence)
        if match is None:
            return None
        doc, row, text = match["doc"], int(match["row"]), match["fields"] or ""
    fields: list[tuple[str, str]] = []
    if "\\" not in text:
        # Nothing escaped: no name or value holds a ";" or "=" (the common case, fast).
        for part in text.split(FIELD_SEPARATOR) if text else ():
            name, equals, value = part.partition("=")
            if not equals or ";" in part or "=" in value:
                return None  # not written by row_evidence: a sentence after all
            fields.append((name, value))
    elif _FIELDS.fullmatch(text):
        fields = [(_unescape(k), _unescape(v)) for k, v in _FIELD.findall(text)]
    else:
        return None
    return RowEvidence(doc, row, tuple(fields))
