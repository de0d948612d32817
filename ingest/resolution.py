"""Cross-document entity resolution: one ``canonical_id`` per real-world thing.

In order of trust:

1. a registry key found by the gazetteer or the Interreg parser — NUTS code, CCI code,
   fund, institution, country or place key — gives the id directly (``registry:*``);
   a name that several regions carry ("Limburg") is decided by the countries the same
   document names, and stays unresolved (a document-local id) when they cannot tell;
2. a name or alias already known (from the graph, or from earlier documents of the same
   batch) with a compatible type (``exact``), an acronym of a known name (``acronym``);
3. a conservative fuzzy match (rapidfuzz, same type, >= 92) whose numbers and roman
   generations agree: "GreenBridge 2" is never "GreenBridge", "Interreg V" never "Interreg VI";
4. otherwise a new id minted from the type and the name.

Every decision other than minting from the entity's own name is a :class:`MergeRecord`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from innograph.ingest.entities.gazetteer import gazetteer, norm_name
from innograph.ingest.entities.interreg import InterregName
from innograph.ontology.facts import MergeRecord
from innograph.ontology.ids import id_prefix, make_canonical_id
from innograph.ontology.terms import ontology

FUZZY_THRESHOLD = 92.0
_ROMAN = {"i", "ii", "iii", "iv", "v", "va", "vb", "vi", "via", "vii"}
_NUMBERISH = re.compile(r"\d+")
_WORD_BREAKS = re.compile(r"[\s-]+")
# One resolution folds the same name several times (lookup, acronym, remembering): the
# recent ones are kept (bulk imports resolve hundreds of thousands of names).
_norm = lru_cache(maxsize=4096)(norm_name)


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """An entity already in the graph, so that new mentions resolve to its node."""

    canonical_id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class ResolutionRequest:
    """What the resolver needs to know about one document-level entity."""

    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    key: str = ""  # gazetteer / Interreg key, "" when the entity is not in a registry
    # Countries of the places named in the same sentences (decides ambiguous region names).
    nearby_countries: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class DocumentContext:
    """Document-wide evidence for ambiguous names."""

    doc_id: str  # short, stable identity of the document (for unresolved ids)
    countries: Counter[str] = field(default_factory=Counter)
    interreg_generation: str | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome for one entity."""

    canonical_id: str
    canonical_name: str
    attributes: dict[str, str]


def _numbers(name: str) -> tuple[str, ...]:
    """Digits and roman generations in a name: they must agree for two names to merge."""
    words = norm_name(name).split()
    found = [w for w in words if w in _ROMAN]
    found += _NUMBERISH.findall(norm_name(name).replace(" ", ""))
    return tuple(sorted(found))


def _similarity(a: str, b: str, **_: object) -> float:
    """Plain edit similarity, or word-order-free similarity, whichever is higher."""
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def _type_family(entity_type: str) -> str:
    return id_prefix(entity_type)


class Resolver:
    """Assigns canonical ids; keeps an index of every name it has seen, across documents."""

    def __init__(self, known: Iterable[KnownEntity] = (), *, fuzzy: bool = True) -> None:
        # Bulk importers turn fuzzy matching off: it scans every known name per lookup.
        self.fuzzy = fuzzy
        self._index: dict[tuple[str, str], str] = {}  # (id prefix, normal name) -> id
        self._names_by_prefix: dict[str, list[str]] = {}  # fuzzy-matching choices per prefix
        self._names: dict[str, str] = {}  # id -> canonical name
        self._acronyms: dict[tuple[str, str], str] = {}
        self.merges: list[MergeRecord] = []
        for entity in known:
            if entity.type not in ontology().entity_types:
                continue  # documents and other non-entity nodes name nothing to resolve to
            self._remember(
                entity.type, [entity.name, *entity.aliases], entity.canonical_id, entity.name
            )

    # -- public ---------------------------------------------------------------------
    def resolve(self, request: ResolutionRequest, context: DocumentContext) -> Resolution:
        """The canonical id of one entity; remembers its names for later documents."""
        names = [request.name, *request.aliases]
        found = self._by_key(request, context)
        if found is not None and not found.canonical_id.startswith(
            _type_family(request.type) + "-"
        ):
            # A registry key of another kind (an Interreg programme's name inside an
            # organisation's, say): the id must still be one of the entity's own type.
            found = None
        if found is None:
            found = self._by_name(request)
        if found is None:
            cid = make_canonical_id(request.type, request.name)
            found = Resolution(cid, request.name, {})
        canonical_name = self._names.get(found.canonical_id, found.canonical_name)
        self._remember(request.type, names, found.canonical_id, canonical_name)
        return Resolution(found.canonical_id, canonical_name, found.attributes)

    # -- steps ----------------------------------------------------------------------
    def _by_key(self, request: ResolutionRequest, context: DocumentContext) -> Resolution | None:
        key = request.key
        if not key or key.startswith("acronym|"):
            return None
        g = gazetteer()
        interreg = InterregName.from_key(key)
        if interreg is not None:
            ckey = interreg.canonical_key(context.interreg_generation)
            if ckey == "interreg" and not request.name.lower().startswith("interreg"):
                return None
            cid = make_canonical_id("FundingProgramme", ckey)
            attributes = {"cci": ckey} if ckey in g.programmes else {}
            name = g.programmes[ckey][1] if ckey in g.programmes else request.name
            self._record(cid, request.name, "registry:cci" if attributes else "registry:interreg")
            return Resolution(cid, name, attributes)
        entries = [e for e in g.by_key(key) if e.type == request.type] or g.by_key(key)
        if not entries:
            return None
        entry = entries[0]
        if entry.ambiguous:
            return self._ambiguous_region(request, entry.ambiguous, context)
        if key in g.nuts:
            level, country, label = g.nuts[key]
            cid = make_canonical_id("Region", key)
            self._record(cid, request.name, "registry:nuts")
            return Resolution(
                cid, label if level else request.name, {"nuts_id": key, "country": country}
            )
        if key in g.programmes:
            cid = make_canonical_id("FundingProgramme", key)
            self._record(cid, request.name, "registry:cci")
            return Resolution(cid, g.programmes[key][1], {"cci": key})
        cid = make_canonical_id(request.type, key)
        self._record(cid, request.name, f"registry:{entry.source}")
        attributes = {"country": entry.country} if entry.country else {}
        return Resolution(
            cid, entry.name if entry.source == "lexicon" else request.name, attributes
        )

    def _ambiguous_region(
        self, request: ResolutionRequest, codes: tuple[str, ...], context: DocumentContext
    ) -> Resolution:
        fits = [c for c in codes if request.nearby_countries.get(c[:2], 0) > 0]
        if len(fits) != 1:
            fits = [c for c in codes if context.countries.get(c[:2], 0) > 0]
        if len(fits) > 1:
            # Several fit: only an overwhelming majority in the document decides.
            counts = sorted(((context.countries[c[:2]], c) for c in fits), reverse=True)
            fits = [counts[0][1]] if counts[0][0] >= 3 * counts[1][0] else fits
        if len(fits) == 1:
            code = fits[0]
            cid = make_canonical_id("Region", code)
            self._record(cid, request.name, "registry:nuts+context")
            return Resolution(
                cid, gazetteer().nuts[code][2], {"nuts_id": code, "country": code[:2]}
            )
        # The text cannot tell which one: a document-local id, never merged with others.
        cid = make_canonical_id("Region", f"{request.name} {context.doc_id}")
        return Resolution(cid, request.name, {})

    def _by_name(self, request: ResolutionRequest) -> Resolution | None:
        prefix = _type_family(request.type)
        names = [request.name, *request.aliases]
        for name in names:
            cid = self._index.get((prefix, _norm(name)))
            if cid:
                self._record(cid, name, "exact")
                return Resolution(cid, self._names.get(cid, name), {})
        for name in names:
            compact = _norm(name).replace(" ", "")
            cid = self._acronyms.get((prefix, compact))
            if cid:
                self._record(cid, name, "acronym")
                return Resolution(cid, self._names.get(cid, name), {})
        if not self.fuzzy:
            return None
        choices = self._names_by_prefix.get(prefix, [])
        if not choices:
            return None
        for name in names:
            target = norm_name(name)
            if len(target) < 5:
                continue
            best = process.extractOne(
                target, choices, scorer=_similarity, score_cutoff=FUZZY_THRESHOLD
            )
            if best and _numbers(best[0]) == _numbers(target):
                cid = self._index[(prefix, best[0])]
                self._record(cid, name, f"fuzzy:{round(best[1])}", best[1] / 100)
                return Resolution(cid, self._names.get(cid, name), {})
        return None

    # -- bookkeeping ------------------------------------------------------------------
    def _remember(self, entity_type: str, names: list[str], cid: str, canonical: str) -> None:
        prefix = _type_family(entity_type)
        self._names.setdefault(cid, canonical)
        for name in names:
            folded = _norm(name)
            if folded:
                if (prefix, folded) not in self._index:
                    self._index[(prefix, folded)] = cid
                    self._names_by_prefix.setdefault(prefix, []).append(folded)
            words = [w for w in _WORD_BREAKS.split(name) if w[:1].isupper()]
            if len(words) >= 3:
                acronym = "".join(w[0] for w in words).lower()
                self._acronyms.setdefault((prefix, acronym), cid)

    def _record(self, cid: str, name: str, method: str, score: float = 1.0) -> None:
        record = MergeRecord(canonical_id=cid, name=name, method=method, score=round(score, 3))
        if record not in self.merges:
            self.merges.append(record)
