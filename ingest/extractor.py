"""From a document's text to typed, sourced facts (the extraction contract).

``Extractor.extract`` runs the document's language pipeline (``ingest.nlp``), turns
each group of entity mentions into one :class:`EntityFact`, asks the relations module
for relations and project budgets, and gives every entity its canonical id through the
:class:`Resolver`. ``extract_many`` keeps order; with ``workers > 1`` the language
analysis runs in worker processes and resolution stays in this process, in document
order, so that ids are the same whatever the number of workers.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from innograph.ingest import relations
from innograph.ingest.amounts import find_periods
from innograph.ingest.entities.gazetteer import gazetteer, norm_name
from innograph.ingest.entities.german import german_nominative
from innograph.ingest.entities.interreg import generation_of_year
from innograph.ingest.entities.spans import SPAN_ENTITIES, registry_key
from innograph.ingest.identity.names import organisation_key
from innograph.ingest.nlp import join_wrapped_lines, pipeline
from innograph.ingest.reading.formats import SourceText
from innograph.ingest.resolution import (
    DocumentContext,
    KnownEntity,
    ResolutionRequest,
    Resolver,
)
from innograph.ontology.facts import DocumentFacts, EntityFact, RelationFact
from innograph.ontology.terms import relation_type

__all__ = ["Extractor", "KnownEntity", "Resolver", "analyse"]

# Worker processes get documents in chunks; big enough to keep both cores busy.
_CHUNK = 4
# Longer texts go through the pipeline in pieces (the parser's memory grows with length).
MAX_PIECE_CHARS = 100_000


@dataclass(slots=True)
class _Analysis:
    """A document analysed but not yet resolved (picklable, crosses process borders)."""

    facts: DocumentFacts
    requests: list[ResolutionRequest] = field(default_factory=list)
    context: DocumentContext | None = None


def _detect(text: str) -> str:
    from innograph.ingest.reading.language import detect_language

    return detect_language(text)


@dataclass(frozen=True, slots=True)
class _Mention:
    """What the document-wide stages keep of an entity span once its piece's Doc is gone:
    Docs are dropped piece by piece, so memory does not grow with the text."""

    text: str
    start: int  # token offset in its piece
    label: str
    kb_id: str
    sentence: tuple[int, int]  # (piece, first token of the sentence)

    @classmethod
    def of(cls, span: Span, piece: int) -> _Mention:
        """The mention of ``span``, found in piece number ``piece``."""
        return cls(span.text, span.start, span.label_, span.kb_id_, (piece, span.sent.start))


def _name_of(spans: list[_Mention]) -> str:
    """The most complete way the document writes a name: the longest mention."""
    return max(spans, key=lambda s: (len(s.text), -s.start)).text.strip()


@dataclass(slots=True)
class _YearsSeen:
    """What the document context needs of every piece: the begin years of the periods it
    names and the Interreg generations of the years it names, in text order."""

    begins: list[int] = field(default_factory=list)
    generations: Counter[str | None] = field(default_factory=Counter)

    def add(self, doc: Doc) -> None:
        """Count the periods and years of one piece."""
        self.begins += [int(p.begin[:4]) for p in find_periods(doc.text) if p.begin[:4].isdigit()]
        self.generations.update(
            generation_of_year(int(t.text))
            for t in doc
            if len(t.text) == 4 and t.text.isdigit() and 2000 <= int(t.text) <= 2034
        )


def _context(
    years: _YearsSeen, source: SourceText, requests: list[ResolutionRequest]
) -> DocumentContext:
    doc_id = hashlib.sha1(source.content_hash.encode() or source.doc.encode()).hexdigest()[:8]
    countries: Counter[str] = Counter()
    g = gazetteer()
    for request in requests:
        if request.type != "Region" or not request.key:
            continue
        entries = g.by_key(request.key)
        if entries and not entries[0].ambiguous and entries[0].country:
            countries[entries[0].country] += 1
    # The Interreg generation the document talks about: that of the latest period it
    # names ("2016-2020 ... 01/01/2023 – 31/12/2029": the current one), else that of the
    # years it names most.
    generation = generation_of_year(max(years.begins)) if years.begins else None
    if generation is None:
        counted = Counter(years.generations)
        counted.pop(None, None)
        generation = counted.most_common(1)[0][0] if counted else None
    regions = frozenset(
        key
        for request in requests
        if request.type == "Region"
        for name in (request.name, *request.aliases)
        if (key := organisation_key(name))
    )
    return DocumentContext(
        doc_id=doc_id, countries=countries, interreg_generation=generation, regions=regions
    )


class Extractor:
    """Extracts DocumentFacts; loads each language's pipeline once, on first use."""

    def __init__(self, *, resolver: Resolver | None = None) -> None:
        self.resolver = resolver if resolver is not None else Resolver()

    def extract(self, source: SourceText, *, lang: str | None = None) -> DocumentFacts:
        """Facts of one document, every entity with its canonical id."""
        return self._resolve(analyse(source, lang=lang))

    def extract_many(
        self, sources: Iterable[SourceText], *, workers: int = 1
    ) -> Iterator[DocumentFacts]:
        """Facts of many documents, in order; ``workers > 1`` analyses in processes."""
        if workers <= 1:
            for source in sources:
                yield self.extract(source)
            return
        # Fork where the platform has it: workers inherit the gazetteer and the English
        # pipeline already loaded here instead of loading their own (seconds each).
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        if ctx.get_start_method() == "fork":
            gazetteer()
            pipeline("en")
        with ctx.Pool(workers) as pool:
            for analysis in pool.imap(_analyse_in_worker, sources, chunksize=_CHUNK):
                yield self._resolve(analysis)

    def resolve(self, analysis: _Analysis) -> DocumentFacts:
        """Facts of a document already analysed (:func:`analyse`): the heavy language
        analysis can run first and apart, resolution against the graph after."""
        return self._resolve(analysis)

    def _resolve(self, analysis: _Analysis) -> DocumentFacts:
        facts = analysis.facts
        assert analysis.context is not None
        before = len(self.resolver.merges)
        for entity, request in zip(facts.entities, analysis.requests, strict=True):
            resolution = self.resolver.resolve(request, analysis.context)
            entity.canonical_id = resolution.canonical_id
            entity.canonical_name = resolution.canonical_name
            entity.attributes.update(resolution.attributes)
        facts.merges = list(self.resolver.merges[before:])
        return facts


def _analyse_in_worker(source: SourceText) -> _Analysis:
    return analyse(source)


def analyse(source: SourceText, *, lang: str | None = None) -> _Analysis:
    """Run the language pipeline and build unresolved facts for one document.

    Long texts go through the pipeline one piece of whole paragraphs at a time, and each
    piece's Doc is dropped before the next is made (spaCy's memory grows with the text it
    holds: all pieces in one batch took 2.7 GB per MB of text); the pieces' entities are
    then merged by name and registry key, so that the document still has one entity per
    thing.
    """
    language = lang or _detect(source.text)
    nlp = pipeline(language)
    pieces = _pieces(join_wrapped_lines(source.text))
    state = _Pieces(single=len(pieces) == 1)
    for number, piece in enumerate(pieces):
        # One piece at a time, and nothing of its Doc outlives the call.
        state.add(nlp(piece), number, language)
    groups, budgets, relations = state.groups, state.budgets, state.relations
    entities: list[EntityFact] = []
    requests: list[ResolutionRequest] = []
    for key, spans in groups.items():
        written = {s.text.strip() for s in spans}
        name = _name_of(spans)
        if language == "de":
            # "des Interreg-Programms": the name is "Interreg-Programm", as written too.
            name = german_nominative(name)
        aliases = sorted(written - {name})
        registry_keys = [k for s in spans if (k := registry_key(s.kb_id))]
        entity = EntityFact(
            key=key, type=spans[0].label, name=name, canonical_id="", aliases=aliases
        )
        if key in budgets:
            entity.attributes["budget_eur"] = budgets[key]
        entities.append(entity)
        key = _best_key(registry_keys) or _region_key(entity.type, [name, *aliases])
        requests.append(ResolutionRequest(type=entity.type, name=name, aliases=aliases, key=key))
    _nearby_countries(groups, requests)
    facts = DocumentFacts(
        doc=source.doc,
        source=source.source,
        content_hash=source.content_hash,
        lang=language,
        entities=entities,
        relations=_unique(relations),
        title=source.title,
    )
    return _Analysis(facts, requests, _context(state.years, source, requests))


@dataclass(slots=True)
class _Pieces:
    """What the pieces of one document have given so far: entity mentions grouped under
    document-wide keys, relations, budgets and the years they name."""

    single: bool
    groups: dict[str, list[_Mention]] = field(default_factory=dict)
    merge_index: dict[tuple[str, str], str] = field(default_factory=dict)
    relations: list[RelationFact] = field(default_factory=list)
    budgets: dict[str, float] = field(default_factory=dict)
    years: _YearsSeen = field(default_factory=_YearsSeen)

    def add(self, doc: Doc, number: int, language: str) -> None:
        """Take what the document needs from piece ``number``'s Doc."""
        local: dict[str, list[Span]] = {}
        for span in doc.spans[SPAN_ENTITIES]:
            local.setdefault(span.id_, []).append(span)
        rename = {}
        for key, spans in local.items():
            merged = key if self.single else _merged_key(spans, self.merge_index, len(self.groups))
            rename[key] = merged
            self.groups.setdefault(merged, []).extend(_Mention.of(s, number) for s in spans)
        found, doc_budgets = _relations(doc, local, language)
        for relation in found:
            relation.source, relation.target = rename[relation.source], rename[relation.target]
            self.relations.append(relation)
        self.budgets.update({rename[k]: v for k, v in doc_budgets.items()})
        self.years.add(doc)


def _pieces(text: str) -> list[str]:
    """The text in pieces of whole paragraphs of at most MAX_PIECE_CHARS (one piece if short)."""
    if len(text) <= MAX_PIECE_CHARS:
        return [text]
    pieces: list[str] = []
    current = ""
    for paragraph in re.split(r"(?<=\n)\n", text):
        while len(paragraph) > MAX_PIECE_CHARS:  # one huge paragraph: cut at a space
            cut = paragraph.rfind(" ", 0, MAX_PIECE_CHARS)
            cut = cut if cut > 0 else MAX_PIECE_CHARS
            pieces.append(paragraph[:cut])
            paragraph = paragraph[cut:]
        if current and len(current) + len(paragraph) > MAX_PIECE_CHARS:
            pieces.append(current)
            current = ""
        current += paragraph + "\n"
    if current.strip():
        pieces.append(current)
    return pieces


def _merged_key(spans: list[Span], index: dict[tuple[str, str], str], count: int) -> str:
    """The document-wide key of a piece's entity: the same name or registry key, same key."""
    label = spans[0].label_
    marks = [("name", f"{label}:{norm_name(s.text)}") for s in spans]
    marks += [("key", k) for s in spans if (k := registry_key(s.kb_id_))]
    for mark in marks:
        if mark in index:
            key = index[mark]
            break
    else:
        key = f"e{count + 1}"
        while key in index.values():
            key = f"e{int(key[1:]) + 1}"
    for mark in marks:
        index.setdefault(mark, key)
    return key


def _unique(relations: list[RelationFact]) -> list[RelationFact]:
    """One relation per (type, source, target): the one with the highest confidence."""
    best: dict[tuple[str, str, str], RelationFact] = {}
    for relation in relations:
        key = (relation.type, relation.source, relation.target)
        if relation_type(relation.type).symmetric:
            # the pieces of a long text may name a symmetric pair in either order
            low, high = sorted((relation.source, relation.target))
            key = (relation.type, low, high)
        if key not in best or relation.confidence > best[key].confidence:
            best[key] = relation
    return list(best.values())


def _nearby_countries(groups: dict[str, list[_Mention]], requests: list[ResolutionRequest]) -> None:
    """For each ambiguous region, count the countries of the places in its sentences."""
    g = gazetteer()
    country_by_sentence: dict[tuple[int, int], Counter[str]] = {}
    for spans, request in zip(groups.values(), requests, strict=True):
        entries = g.by_key(request.key) if request.type == "Region" and request.key else []
        if entries and entries[0].country and not entries[0].ambiguous:
            for span in spans:
                country_by_sentence.setdefault(span.sentence, Counter())[entries[0].country] += 1
    for spans, request in zip(groups.values(), requests, strict=True):
        if request.key.startswith("?"):
            for span in spans:
                request.nearby_countries.update(country_by_sentence.get(span.sentence, {}))


_REGION_PREFIX = re.compile(
    r"^(?:prov\.|provincie|province(?: of| de| du)?|provinz|gemeente|stad|city of|ville de|"
    r"commune de|stadt|region|regio|région|landsdeel)\s+",
    re.IGNORECASE,
)


def _region_key(entity_type: str, names: list[str]) -> str:
    """The registry key of "Province de Hainaut" / "provincie Utrecht": that of the place."""
    if entity_type != "Region":
        return ""
    g = gazetteer()
    for name in names:
        bare = _REGION_PREFIX.sub("", name)
        if bare != name:
            entries = [e for e in g.lookup(bare) if e.type == "Region"]
            if entries:
                return entries[0].key
    return ""


def _best_key(keys: list[str]) -> str:
    """An Interreg key with an area beats a bare one; otherwise the first key found."""
    interreg = [k for k in keys if k.startswith("interreg|")]
    if interreg:
        return max(interreg, key=lambda k: (bool(k.split("|")[3]), len(k)))
    return keys[0] if keys else ""


def _relations(
    doc: Doc, groups: dict[str, list[Span]], lang: str
) -> tuple[list[RelationFact], dict[str, float]]:
    """Relations between the groups' mentions, and project budgets (relations module)."""
    mentions = [
        relations.Mention(key=key, type=spans[0].label_, span=span)
        for key, spans in groups.items()
        for span in spans
    ]
    mentions.sort(key=lambda m: m.span.start)
    found = list(relations.extract_relations(doc, mentions, lang=lang))
    return found, dict(relations.extract_budgets(doc, mentions, lang=lang))
