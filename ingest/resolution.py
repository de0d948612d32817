"""Cross-document entity resolution: one ``canonical_id`` per real-world thing.

In order of trust:

1. a registry key found by the gazetteer or the Interreg parser — NUTS code, CCI code,
   fund, institution, country or place key — gives the id directly (``registry:*``);
   a name that several regions carry ("Limburg") is decided by the countries the same
   document names, and stays unresolved (a document-local id) when they cannot tell;
2. a name or alias already known (from the graph, or from earlier documents of the same
   batch) with a compatible type (``exact``), an acronym of a known name (``acronym``);
   Organisations (and clusters) go by identity key instead (``ingest.identity``): an
   identifier already seen (a PIC) first, then the key of the name (legal forms, case,
   accents, connectives, trailing acronyms and known other names folded away), checked
   against the identifiers and country already known for that key: two different PICs,
   or two different countries, are never merged; the refusal is logged
   (``refused:...``) and the newcomer gets an id of its own;
3. a conservative fuzzy match (rapidfuzz, same type, >= 92) whose numbers and roman
   generations agree: "GreenBridge 2" is never "GreenBridge", "Interreg V" never "Interreg VI";
4. otherwise a new id minted from the type and the name (an organisation's from its
   identity key, so that the same name reached in any order mints the same id).

Every decision other than minting from the entity's own name is a :class:`MergeRecord`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from innograph.ingest.entities.gazetteer import gazetteer, norm_name
from innograph.ingest.entities.interreg import InterregName
from innograph.ingest.identity import organisation_key, organisation_keys, project_key
from innograph.ingest.identity.short_names import (
    regional_branch,
    registry_spelling,
    short_name_owner,
)
from innograph.ontology.facts import REFUSED, MergeRecord
from innograph.ontology.ids import id_prefix, make_canonical_id
from innograph.ontology.terms import ontology

FUZZY_THRESHOLD = 92.0
ORGANISATION_PREFIX = id_prefix("Organisation")  # organisations and clusters
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
    # (scheme, value) pairs such as ("pic", "999984059"), and the ISO country code.
    identifiers: tuple[tuple[str, str], ...] = ()
    country: str = ""


@dataclass(slots=True)
class ResolutionRequest:
    """What the resolver needs to know about one document-level entity."""

    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    key: str = ""  # gazetteer / Interreg key, "" when the entity is not in a registry
    # Countries of the places named in the same sentences (decides ambiguous region names).
    nearby_countries: Counter[str] = field(default_factory=Counter)
    # Evidence of identity, for organisations: {"pic": "999984059"}, the country code.
    identifiers: dict[str, str] = field(default_factory=dict)
    country: str = ""


@dataclass(slots=True)
class DocumentContext:
    """Document-wide evidence for ambiguous names."""

    doc_id: str  # short, stable identity of the document (for unresolved ids)
    countries: Counter[str] = field(default_factory=Counter)
    interreg_generation: str | None = None
    # Folded names of the regions the document names (organisation_key of each).
    regions: frozenset[str] = frozenset()


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


def _with_known_programme_key(request: ResolutionRequest) -> ResolutionRequest:
    """A programme found by a rule rather than the gazetteer ("OPZUID" in capitals) takes
    the key of the known programme of the same normal form ("OPZuid", "OP Zuid"), so that
    its node does not depend on which spelling the graph met first."""
    known = [e for e in gazetteer().lookup(request.name) if e.type == "FundingProgramme"]
    return replace(request, key=known[0].key) if known else request


def _type_family(entity_type: str) -> str:
    return id_prefix(entity_type)


def _organisation_keys(
    request: ResolutionRequest, *, spelling: bool = False, regions: frozenset[str] = frozenset()
) -> list[str]:
    """The identity keys of an organisation request, the one to mint from first: the
    organisation a unique short name stands for (or, with ``spelling``, the registry
    name the name misspells), its own name, its aliases. With ``spelling`` and the
    ``regions`` of its page, a name without its region that the registry has a branch of
    for one of them stands for that branch only: its bare keys ("pom") would meet another
    region's branch that a page elsewhere called so."""
    keys = [key for name in [request.name, *request.aliases] for key in organisation_keys(name)]
    branches = (
        [b for k in keys if (b := regional_branch(k, regions)) is not None]
        if spelling and regions
        else []
    )
    if branches:
        keys = branches
    owner = short_name_owner(keys[0]) if keys[0] else None
    if owner is None and spelling and keys[0] and not branches:
        owner = registry_spelling(keys[0])
    if owner is not None:
        keys.insert(0, owner)
    return list(dict.fromkeys(k for k in keys if k))


def _registry_country(key: str) -> dict[str, str]:
    """The country the registry gives an organisation's key, as attributes."""
    if not key or key.startswith("acronym|"):
        return {}
    entries = [e for e in gazetteer().by_key(key) if e.type in ("Organisation", "Cluster")]
    return {"country": entries[0].country} if entries and entries[0].country else {}


# See Resolver._org_by_name: off, so that organisations resolve the same in any order.
ORGANISATION_FUZZY = False


class Resolver:
    """Assigns canonical ids; keeps an index of every name it has seen, across documents."""

    def __init__(self, known: Iterable[KnownEntity] = (), *, fuzzy: bool = True) -> None:
        # Bulk importers turn fuzzy matching off: it scans every known name per lookup.
        self.fuzzy = fuzzy
        self._index: dict[tuple[str, str], str] = {}  # (id prefix, normal name) -> id
        self._names_by_prefix: dict[str, list[str]] = {}  # fuzzy-matching choices per prefix
        self._names: dict[str, str] = {}  # id -> canonical name
        self.merges: list[MergeRecord] = []
        # Organisations: what identifies each id, and which id carries each identifier.
        self._identifiers: dict[str, dict[str, str]] = {}
        self._countries: dict[str, str] = {}
        self._by_identifier: dict[tuple[str, str], str] = {}
        # Organisation keys that several identifiers share in one source (two PICs named
        # "Smart Robotics BV"): none of them takes the bare key, whatever the order.
        self.shared_keys: set[str] = set()
        for entity in known:
            if entity.type not in ontology().entity_types:
                continue  # documents and other non-entity nodes name nothing to resolve to
            self._remember(
                entity.type, [entity.name, *entity.aliases], entity.canonical_id, entity.name
            )
            organisation = _type_family(entity.type) == ORGANISATION_PREFIX
            if entity.identifiers or (organisation and entity.country):
                self._remember_evidence(
                    entity.canonical_id,
                    dict(entity.identifiers),
                    entity.country if organisation else "",
                )

    # -- public ---------------------------------------------------------------------
    def resolve(self, request: ResolutionRequest, context: DocumentContext) -> Resolution:
        """The canonical id of one entity; remembers its names for later documents."""
        names = [request.name, *request.aliases]
        if _type_family(request.type) == ORGANISATION_PREFIX:
            return self._organisation(request, self._lexicon_id(request), context.regions)
        if not request.key and request.type == "FundingProgramme":
            request = _with_known_programme_key(request)
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
            mint = project_key(request.name) if request.type == "Project" else request.name
            cid = make_canonical_id(request.type, mint or request.name)
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

    def keyed_id(
        self, entity_type: str, key: str, identifiers: dict[str, str], name: str, *, shared: bool
    ) -> str:
        """The id minted from ``key`` for a thing with ``identifiers`` (a CORDIS project by
        its acronym): the bare key unless the key is ``shared`` by several things of one
        source or another thing with a different identifier holds it; then the key with
        the identifier, and the refusal logged."""
        bare = make_canonical_id(entity_type, key)
        why = self._conflict(bare, identifiers, "")
        if shared and why is None:
            why = "a name that several identifiers share in one source"
        cid = bare
        if why is not None:
            scheme, value = sorted(identifiers.items())[0]
            cid = make_canonical_id(entity_type, f"{key} {value}")
            self._record(bare, name, f"{REFUSED}{why}; kept apart as {cid}", 0.0)
        self._remember_evidence(cid, identifiers, "")
        return cid

    # -- organisations ----------------------------------------------------------------
    def _lexicon_id(self, request: ResolutionRequest) -> str | None:
        """The id of the lexicon entry an organisation's key names: the one node for names
        the lexicon knows as one ("EU", "European Union", "Europese Unie"), whose identity
        keys differ. Only the lexicon's own organisations: a registry's short names ("NXP"
        for one of several subsidiaries) take part through the identity keys
        (short_name_owner); a region's, programme's or Interreg key names no organisation."""
        key = request.key
        g = gazetteer()
        if (
            not key
            or key in g.nuts
            or key in g.programmes
            or InterregName.from_key(key) is not None
        ):
            return None
        entries = [e for e in g.by_key(key) if e.source == "lexicon"]
        if not entries or any(e.ambiguous for e in entries):
            return None
        return make_canonical_id(request.type, key)

    def _organisation(
        self,
        request: ResolutionRequest,
        keyed: str | None = None,
        regions: frozenset[str] = frozenset(),
    ) -> Resolution:
        """An organisation: by identifier, then by identity key, then by the registry
        entry its key names (``keyed``), else a new id (see the module doc)."""
        identifiers = {scheme: value for scheme, value in request.identifiers.items() if value}
        registry = _registry_country(request.key)
        # The country the node will carry is evidence now too: the graph holds it when the
        # same name comes back from another source, so either order decides alike.
        country = request.country or registry.get("country", "")
        keys = _organisation_keys(request, spelling=self.fuzzy, regions=regions)
        refusals: list[tuple[str, str]] = []
        cid = self._org_by_identifier(identifiers, request.name)
        if cid is None:
            cid = self._org_by_name(request, keys, identifiers, country, refusals)
        if cid is None and keyed is not None:
            why = self._conflict(keyed, identifiers, country)
            if why is None:
                cid = keyed
                self._record(cid, request.name, "registry:lexicon")
            else:
                refusals.append((keyed, why))
        if cid is None:
            cid = self._org_mint(request, keys, identifiers, country, refusals)
        for refused, why in refusals:
            self._record(refused, request.name, f"{REFUSED}{why}; kept apart as {cid}", 0.0)
        # A name read as a regional branch is not remembered by itself: on another page
        # it may name another region's branch.
        own_keys = {k for name in [request.name, *request.aliases] for k in organisation_keys(name)}
        if own_keys & set(keys):
            self._remember(request.type, [request.name, *request.aliases], cid, request.name)
        else:
            self._names.setdefault(cid, request.name)
        for key in keys:  # the registry's long form of a short name, too
            self._index.setdefault((ORGANISATION_PREFIX, key), cid)
        self._remember_evidence(cid, identifiers, country)
        return Resolution(cid, request.name, registry)

    def _org_by_identifier(self, identifiers: dict[str, str], name: str) -> str | None:
        for scheme, value in sorted(identifiers.items()):
            cid = self._by_identifier.get((scheme, value))
            if cid is not None:
                self._record(cid, name, f"identifier:{scheme}")
                return cid
        return None

    def _org_by_name(
        self,
        request: ResolutionRequest,
        keys: list[str],
        identifiers: dict[str, str],
        country: str,
        refusals: list[tuple[str, str]],
    ) -> str | None:
        candidates: list[tuple[str, str, float]] = []  # (id, method, score)
        for key in keys:
            cid = self._index.get((ORGANISATION_PREFIX, key))
            if cid is not None:
                candidates.append((cid, "identity-key", 1.0))
        # No fuzzy match and no match by initials across documents and sources: each held
        # only when the long or close form came first (bulk imports match exactly), so the
        # graph depended on the order of ingest and import, and among the registries'
        # 300,000 names they merged strangers ("SPD", "DSM" for sole traders "S.. P.. Dr
        # Med", "Dr. S.. M.."). An acronym a source states ("Long Form (LF)", "X - LF", a
        # registry's short name) is one of the names' keys and meets its long form so.
        if ORGANISATION_FUZZY and self.fuzzy and not candidates and keys and len(keys[0]) >= 5:
            choices = self._names_by_prefix.get(ORGANISATION_PREFIX, [])
            best = process.extractOne(
                keys[0], choices, scorer=_similarity, score_cutoff=FUZZY_THRESHOLD
            )
            if best and _numbers(best[0]) == _numbers(keys[0]):
                cid = self._index[(ORGANISATION_PREFIX, best[0])]
                candidates.append((cid, f"fuzzy:{round(best[1])}", best[1] / 100))
        own = make_canonical_id(request.type, keys[0]) if candidates and keys else ""
        for cid, method, score in candidates:
            why = self._conflict(cid, identifiers, country)
            if why is None:
                if cid != own or method != "identity-key":  # not its own name's id
                    self._record(cid, request.name, method, score)
                return cid
            if (cid, why) not in refusals:
                refusals.append((cid, why))
        return None

    def _org_mint(
        self,
        request: ResolutionRequest,
        keys: list[str],
        identifiers: dict[str, str],
        country: str,
        refusals: list[tuple[str, str]],
    ) -> str:
        """A new id from the identity key; with the identifier (or country) added when
        the bare key belongs to another organisation or to several."""
        if not keys:
            return make_canonical_id(request.type, request.name)  # ValueError: no slug
        key = keys[0]
        cid = make_canonical_id(request.type, key)
        shared = key in self.shared_keys and bool(identifiers)
        why = self._conflict(cid, identifiers, country)
        if not shared and why is None:
            return cid
        if identifiers:
            scheme, value = sorted(identifiers.items())[0]
            own = make_canonical_id(request.type, f"{key} {scheme} {value}")
        else:
            own = make_canonical_id(request.type, f"{key} {country}")
        if shared and why is None:
            why = "a name that several identifiers share in one source"
        if why is not None and (cid, why) not in refusals:
            refusals.append((cid, why))
        return own

    def _conflict(self, cid: str, identifiers: dict[str, str], country: str) -> str | None:
        """Why ``cid`` cannot be the organisation with this evidence (None: it can)."""
        known = self._identifiers.get(cid, {})
        for scheme, value in sorted(identifiers.items()):
            other = known.get(scheme)
            if other and other != value:
                return f"different {scheme} ({value} vs {other})"
        other_country = self._countries.get(cid, "")
        if country and other_country and country != other_country:
            return f"different country ({country} vs {other_country})"
        return None

    def _remember_evidence(self, cid: str, identifiers: dict[str, str], country: str) -> None:
        if identifiers:
            known = self._identifiers.setdefault(cid, {})
            for scheme, value in identifiers.items():
                if value:
                    known.setdefault(scheme, value)
                    self._by_identifier.setdefault((scheme, value), cid)
        if country:
            self._countries.setdefault(cid, country)

    # -- bookkeeping ------------------------------------------------------------------
    def _remember(self, entity_type: str, names: list[str], cid: str, canonical: str) -> None:
        prefix = _type_family(entity_type)
        self._names.setdefault(cid, canonical)
        fold = organisation_key if prefix == ORGANISATION_PREFIX else _norm
        for name in names:
            folded = fold(name)
            if folded:
                if (prefix, folded) not in self._index:
                    self._index[(prefix, folded)] = cid
                    self._names_by_prefix.setdefault(prefix, []).append(folded)
                # A registry short name stands for its owner's key when it comes first
                # ("UM"): so does a node known by it, for the owner coming later.
                owner = short_name_owner(folded) if prefix == ORGANISATION_PREFIX else None
                if owner is not None:
                    self._index.setdefault((prefix, owner), cid)

    def _record(self, cid: str, name: str, method: str, score: float = 1.0) -> None:
        record = MergeRecord(canonical_id=cid, name=name, method=method, score=round(score, 3))
        if record not in self.merges:
            self.merges.append(record)
