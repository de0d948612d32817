"""Names that head the records of a page, typed by what the page says it lists, and the
names on the line under a role heading ("Lead partner" / "Penvoerder").

Pages that present several projects, clusters or partners give each one a record whose
first line opens with its name and a tagline after a colon or a spaced dash ("Brightmoor:
turning waste into feed ...", "AquaNova - Sauberes Wasser ..."), after an introduction that
says what the records are ("five regional clusters", "folgende Projekte ausgewählt"). The
structure is the evidence: a line-opening name followed by a separator and more text,
at least twice in a document, takes the type of the nearest plural cue before the first
record, whatever its words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.gazetteer_lexicon import HEADING_CUES, LIST_CUES, STOP_CAPITALISED
from innograph.ingest.entities.generic import FACT_BLOCK_HEADS
from innograph.ingest.entities.name_runs import DASHES, is_distinctive_word, name_runs
from innograph.ingest.entities.quoted import cue_type, is_project_word
from innograph.ingest.entities.spans import BULLETS, is_acronym, is_name_token
from innograph.ingest.entities.spans import cached_fold as fold
from innograph.ingest.reading.doc import doc_blocks
from innograph.ingest.reading.layout import Block

FLAG = "list|cue"  # weighs like any other cued list member
_MAX_NAME = 5  # words of a record's name
_MIN_RECORDS = 2
_INTRO_WINDOW = 80  # tokens before the first record searched for what the records are
# Apostrophes and joiners allowed inside a name written without a run ("Bakers’ LAB").
_NAME_GLUE = frozenset({"’", "'", "&", "-", "+", "."})


def _line_starts(doc: Doc) -> Iterator[int]:
    """The first token of every line (blank lines skipped)."""
    at_start = True
    for tok in doc:
        if "\n" in tok.text or tok.is_space:
            at_start = True
            continue
        if at_start:
            yield tok.i
        at_start = False


def _separator(doc: Doc, i: int) -> str | None:
    """A record's separator at token ``i``: a colon, or a dash with a space on each side."""
    tok = doc[i]
    if tok.text == ":":
        return ":"
    if tok.text in DASHES and tok.whitespace_ and i > 0 and doc[i - 1].whitespace_:
        return "-"
    return None


def _record_name(doc: Doc, start: int, runs: dict[int, int]) -> tuple[int, int, str] | None:
    """(start, end, separator) of a name opening the line at ``start``, followed on the
    same line by a separator and at least two words."""
    n = len(doc)
    while start < n and doc[start].text in BULLETS:
        start += 1
    end = runs.get(start, start)
    if end >= n or _separator(doc, end) is None:
        end = start
        while (
            end < n
            and end - start < _MAX_NAME + 2
            and (any(c.isupper() for c in doc[end].text) or doc[end].text in _NAME_GLUE)
            and _separator(doc, end) is None
        ):
            end += 1
    words = [t for t in doc[start:end] if t.is_alpha or any(c.isalnum() for c in t.text)]
    letters = sum(c.isalpha() for t in words for c in t.text)
    if not words or len(words) > _MAX_NAME or letters < 2 or end >= n:
        return None
    sep = _separator(doc, end)
    if sep is None:
        return None
    rest = []
    for t in doc[end + 1 : end + 6]:
        if "\n" in t.text:
            break  # the tagline is on the name's own line, not the next
        if not t.is_space:
            rest.append(t)
    if len([t for t in rest if t.is_alpha]) < 2 or "\n" in doc[start:end].text:
        return None
    return start, end, sep


def _generic(doc: Doc, start: int, end: int) -> bool:
    """A field label or an ordinary word ("Contact:", "Partners:", "Budget -")."""
    words = [fold(t.text) for t in doc[start:end] if not t.is_punct]
    if not words or all(w in STOP_CAPITALISED for w in words):
        return True
    if " ".join(words) in HEADING_CUES or words[-1] in LIST_CUES or words[-1] in FACT_BLOCK_HEADS:
        return True
    if project_field(doc[start:end].text):  # "Projektpartner:", "Gesamtbudget:"
        return True
    text = doc[start].text
    lang = doc.lang_ if doc.lang_ in ("en", "nl") else None
    return (
        len(words) == 1
        and not (is_distinctive_word(text) or is_acronym(text))
        and gazetteer().is_common_word(text, lang)
    )


def _intro_cue(doc: Doc, first: int) -> str | None:
    """The type of the nearest plural cue ("clusters", "Projekte") before the first record."""
    for i in range(first - 1, max(-1, first - _INTRO_WINDOW), -1):
        word = doc[i].lower_
        found = LIST_CUES.get(word)
        if found is None and word.endswith("e") and cue_type(word) == "Project":
            found = "Project"  # German plural "Projekte", "Interreg-Projekte"
        if found in {"Project", "Cluster", "Organisation", "Event"}:
            return found
    return None


def record_spans(doc: Doc) -> Iterator[Span]:
    """The names heading two or more records of a page, typed by the page's cue."""
    runs = dict(name_runs(doc))
    records: dict[str, list[tuple[int, int]]] = {}
    for start in _line_starts(doc):
        found = _record_name(doc, start, runs)
        if found is not None and not _generic(doc, found[0], found[1]):
            records.setdefault(found[2], []).append((found[0], found[1]))
    for names in records.values():
        # A name that heads several records is a field's label ("Abstract:", "PI:").
        texts = Counter(doc[start:end].text for start, end in names)
        names = [(start, end) for start, end in names if texts[doc[start:end].text] == 1]
        if len(names) < _MIN_RECORDS:
            continue
        label = _intro_cue(doc, names[0][0])
        if label is None:
            continue
        for start, end in names:
            yield Span(doc, start, end, label=label, kb_id=FLAG)


# Field labels of a project's record ("Lead partner:", "Partners:", "Total budget:",
# "EFRO-bijdrage:", "Laufzeit:"): a short line right above one names the project. A label
# matches when it is one of these or ends with one ("Projektpartner", "ERDF grant").
PROJECT_FIELD_LABELS: tuple[str, ...] = tuple(
    sorted(
        {fold(cue) for cue in HEADING_CUES}
        | {
            fold(word)
            for word in """leadpartner lead-partner lead beneficiary trekker porteur partner
            partners partenaire partenaires deelnemers participants consortium beneficiaries
            begunstigden budget begroting subsidie bijdrage grant förderung fördersumme
            zuschuss mittel montant cofinancement financement erdf efro efre feder fesr
            looptijd duration laufzeit durée projectduur""".split()
        }
    )
)

# Small words a project's name written as a heading may hold ("Water in de Stad").
_NAME_JOINERS = frozenset(
    "of and the for in de het van en voor der die und für la le et des du".split()
)


def project_field(label: str) -> bool:
    """A field label of a project's record: a role, its partners, money, its duration."""
    folded = fold(label).strip(" :")
    return bool(folded) and folded.endswith(PROJECT_FIELD_LABELS)


def field_record_spans(doc: Doc) -> Iterator[Span]:
    """A short name heading the record of a project's fields ("Lead partner: X", "Partners:
    A, B", "EFRO-bijdrage: ...") names the project they describe: the heading right above
    the fields, or the one above the paragraph or tagline line they follow ("TexLoop" /
    "Sorting old textiles" / "Lead partner: ..."); a heading "Name – tagline" gives the name.

    Programme pages that list approved projects give each one such a block; the name is
    often an invented word no dictionary or gazetteer knows, so the layout is the evidence.
    """
    blocks = doc_blocks(doc)
    named: set[int] = set()
    for i, below in enumerate(blocks):
        if below.kind != "field" or not project_field(below.label) or below.heading is None:
            continue
        h = below.heading
        between = [b for b in blocks[h + 1 : i] if b.kind != "field"]
        if h in named or len(between) > 1:
            continue  # the fields open the record, after one paragraph at most
        named.add(h)
        # Two heading lines after the body of the record before: a name, then its tagline.
        tagline = not between and h >= 2 and blocks[h - 1].kind == "heading"
        tagline = tagline and blocks[h - 2].kind != "heading"
        span = _heading_name(doc, blocks[h - 1]) if tagline else None
        span = span or _heading_name(doc, blocks[h])
        if span is not None:
            yield span


def _heading_name(doc: Doc, block: Block) -> Span | None:
    """The project name a heading line holds, or None if it is a clause or a title."""
    line = doc.char_span(block.start, block.end, alignment_mode="contract")
    if line is None:
        return None
    start, end = line.start, line.end
    # "Project Nordlicht", "- Projekt X": the name follows the project word
    while start < end and (doc[start].text in BULLETS or is_project_word(doc[start].text)):
        start += 1
    # "SaltShield – beating salt water": the name before a spaced dash
    dash = next((k for k in range(start + 1, end) if _separator(doc, k) == "-"), None)
    if dash is not None:
        end = dash
    while end > start and doc[end - 1].is_punct:
        end -= 1
    words = [t for t in doc[start:end] if not t.is_punct]
    if not words or len(words) > _MAX_NAME or not is_name_token(doc[start]):
        return None
    if any(t.is_lower and t.lower_ not in _NAME_JOINERS for t in words):
        return None  # a clause or a title in words ("Over het project"), not a name
    if _generic(doc, start, end) or cue_type(doc[start].text):
        return None
    return Span(doc, start, end, label="Project", kb_id=FLAG)


def heading_spans(doc: Doc) -> Iterator[Span]:
    """The line after a role heading ("Lead partner", "Main institution", "Penvoerder")
    names an organisation."""
    lines: list[tuple[int, int]] = []
    start = 0
    for tok in doc:
        if "\n" in tok.text:
            if tok.i > start:
                lines.append((start, tok.i))
            start = tok.i + 1
    if start < len(doc):
        lines.append((start, len(doc)))
    for (h_start, h_end), (start, end) in zip(lines, lines[1:], strict=False):
        heading = " ".join(t.lower_ for t in doc[h_start:h_end]).strip(" :")
        if heading not in HEADING_CUES or end - start > 10:
            continue
        while end > start and doc[end - 1].is_punct:
            end -= 1
        if (
            end > start
            and is_name_token(doc[start])
            and not gazetteer().lookup(doc[start:end].text)
        ):
            yield Span(doc, start, end, label="Organisation", kb_id="head|heading")
