"""The EURIO (CORDIS) form of the graph: what a query written in EURIO's terms finds.

Entities are typed with the EURIO classes their innograph class is equivalent to
(``describe`` does that from the ontology). This module writes the rest:

- the CORDIS fields an importer keeps on a node, in EURIO 2.4's terms
  (:func:`cordis_form`): ``title`` -> ``eurio:title``, ``acronym`` -> ``eurio:hasAcronym``
  an ``eurio:TitleAcronym`` with its ``eurio:shortForm``, ``identifier`` ->
  ``eurio:identifier``, ``start_date``/``end_date`` -> ``eurio:startDate``/``endDate``,
  ``total_cost`` -> ``eurio:hasTotalCost`` an ``eurio:MonetaryAmount``,
  ``ec_contribution`` -> ``eurio:isFundedBy`` an ``eurio:Grant`` whose
  ``eurio:hasFundingAmount`` is that amount, ``legal_name`` -> ``eurio:legalName``,
  ``activity_type`` -> ``ig:activityType`` (EURIO 2.4 has no term for it), ``cordis_url``
  -> ``foaf:page`` and ``eurio:url``;
- the qualified form of relations (:func:`eurio_blocks`, with ``--eurio``): an
  organisation's part in a project as an ``eurio:OrganisationRole``, a funding as an
  ``eurio:Grant``.

Sub-resources of an entity are fragments of its IRI (``<.../id/project-x#total-cost>``),
so dereferencing the entity describes them too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from innograph.graph.rdf.iris import entity_iri
from innograph.graph.rdf.terms import (
    EURIO_NS,
    FOAF_NS,
    IG_NS,
    NS,
    XSD_NS,
    date_literal,
    decimal,
    iri,
    string,
    tagged,
    typed,
    web_iri,
)
from innograph.ontology.terms import ontology

Pair = tuple[str, str]
Block = tuple[str, list[Pair]]

# The node properties the CORDIS importer keeps (branch imports-cli), read here.
CORDIS_PROPERTIES = (
    "title",
    "acronym",
    "identifier",
    "start_date",
    "end_date",
    "total_cost",
    "ec_contribution",
    "legal_name",
    "activity_type",
    "cordis_url",
)
# The fragment of a project's IRI naming the grant of its EC contribution.
CONTRIBUTION_GRANT = "#ec-grant"
# A node carrying one of these comes from CORDIS (the dataset then credits it).
# CORDIS's role words that the shapes allow as eurio:roleLabel (see ontology/shapes.ttl).
CORDIS_ROLES = frozenset({"coordinator", "participant", "thirdParty"})
CORDIS_MARKERS = frozenset({"cordis_url", "ec_contribution"})
_CORDIS_KEYS = frozenset(CORDIS_PROPERTIES)

_TITLE = iri(EURIO_NS + "title")
_IDENTIFIER = iri(EURIO_NS + "identifier")
_START = iri(EURIO_NS + "startDate")
_END = iri(EURIO_NS + "endDate")
_LEGAL_NAME = iri(EURIO_NS + "legalName")
_ACTIVITY_TYPE = iri(IG_NS + "activityType")
_HAS_ACRONYM = iri(EURIO_NS + "hasAcronym")
_ACRONYM_TYPES: tuple[Pair, ...] = (
    (NS.type, iri(EURIO_NS + "TitleAcronym")),
    (NS.type, iri(EURIO_NS + "Acronym")),
)
_SHORT_FORM = iri(EURIO_NS + "shortForm")
_TOTAL_COST = iri(EURIO_NS + "hasTotalCost")
_URL = iri(EURIO_NS + "url")
_PAGE = iri(FOAF_NS + "page")
_ANY_URI = XSD_NS + "anyURI"
_XSD_DATE = f"<{XSD_NS}date>"


def has_cordis_fields(props: dict[str, Any]) -> bool:
    """Whether a node's properties hold any CORDIS field (a quick test for the hot path)."""
    return not _CORDIS_KEYS.isdisjoint(props)


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != []


def _money(subject: str, amount: Any) -> Block | None:
    """An eurio:MonetaryAmount in euro; None when ``amount`` is not a number."""
    try:
        value = decimal(amount)
    except ValueError:
        return None
    if value.startswith('"-'):
        return None  # a cost or a contribution is never negative (the shapes check it)
    return (
        subject,
        [
            (NS.type, NS.eurio_amount_class),
            (NS.eurio_value, value),
            (NS.eurio_currency, string("EUR")),
        ],
    )


def cordis_form(
    node_id: str, entity_type: str, props: dict[str, Any], base: str, lang: str | None
) -> tuple[list[Pair], list[Block]]:
    """The EURIO pairs of an entity's CORDIS fields, and the blocks of the resources they
    point at (acronym, amounts, grant). Absent fields write nothing."""
    own = entity_iri(base, node_id)
    pairs: list[Pair] = []
    blocks: list[Block] = []
    title = props.get("title")
    if _present(title):
        pairs.append((_TITLE, tagged(str(title), lang)))
    acronym = props.get("acronym")
    if _present(acronym):
        acronym_iri = iri(own + "#acronym")
        pairs.append((_HAS_ACRONYM, acronym_iri))
        blocks.append((acronym_iri, [*_ACRONYM_TYPES, (_SHORT_FORM, string(str(acronym)))]))
    # The importers keep CORDIS's project number as ``cordis_id`` and its total cost as
    # ``budget_eur``; ``identifier``/``total_cost`` are read first where a source names them so.
    identifier = props.get("identifier") or props.get("cordis_id")
    if _present(identifier):
        pairs.append((_IDENTIFIER, string(str(identifier))))
    for key, predicate in (("start_date", _START), ("end_date", _END)):
        value = props.get(key)
        literal = date_literal(str(value)) if _present(value) else None
        if literal and literal.endswith(_XSD_DATE):  # EURIO's dates are whole days
            pairs.append((predicate, literal))
    if entity_type == "Project":
        total = props.get("total_cost")
        if not _present(total) and _present(props.get("cordis_id")):
            total = props.get("budget_eur")
        cost = _money(iri(own + "#total-cost"), total)
        if _present(total) and cost is not None:
            pairs.append((_TOTAL_COST, cost[0]))
            blocks.append(cost)
        contribution = _money(iri(own + "#ec-contribution"), props.get("ec_contribution"))
        if _present(props.get("ec_contribution")) and contribution is not None:
            grant = iri(own + CONTRIBUTION_GRANT)
            pairs.append((NS.eurio_funded_by, grant))
            blocks.append(
                (grant, [(NS.type, NS.eurio_grant), (NS.eurio_funding_amount, contribution[0])])
            )
            blocks.append(contribution)
    legal_name = props.get("legal_name")
    if _present(legal_name):
        pairs.append((_LEGAL_NAME, string(str(legal_name))))
    activity = props.get("activity_type")
    if _present(activity):
        pairs.append((_ACTIVITY_TYPE, string(str(activity))))
    page = web_iri(props.get("cordis_url"))
    if page is not None:
        pairs.append((_PAGE, page))
        pairs.append((_URL, typed(page[1:-1], _ANY_URI)))
    return pairs, blocks


def _short_hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _has_prefix(entity_id: str, entity_type: str) -> bool:
    """Whether a canonical id was minted for ``entity_type`` (ids start with its prefix)."""
    return entity_id.startswith(ontology().classes[entity_type].id_prefix + "-")


def eurio_blocks(
    source: str, relation: str, target: str, amount: Any, base: str, *, role: str | None = None
) -> Iterator[Block]:
    """The EURIO-qualified form of a participation (OrganisationRole) or funding (Grant).

    EURIO qualifies an organisation's part in a project only: a person's or a region's
    part, or a platform's or event's partners, keep just the direct relation. The end
    types are read from the ids' prefixes, so no table of node types is held.
    """
    term = ontology().properties[relation]
    if term.role_label:
        if not (_has_prefix(source, "Organisation") and _has_prefix(target, "Project")):
            return
        role_iri = iri(entity_iri(base, f"role-{_short_hash(source, relation, target)}"))
        yield iri(entity_iri(base, target)), [(NS.eurio_involved, role_iri)]
        yield (
            role_iri,
            [
                (NS.type, NS.eurio_role_class),
                (NS.eurio_role_of, iri(entity_iri(base, source))),
                # The source's own role word when it gave one (CORDIS's "thirdParty"
                # is not a participant), else the relation's.
                (NS.eurio_role_label, string(role if role in CORDIS_ROLES else term.role_label)),
            ],
        )
    elif relation == "FUNDED_BY":
        key = _short_hash(source, target)
        grant = iri(entity_iri(base, f"grant-{key}"))
        yield iri(entity_iri(base, source)), [(NS.eurio_funded_by, grant)]
        grant_pairs: list[Pair] = [
            (NS.type, NS.eurio_grant),
            (NS.eurio_scheme, iri(entity_iri(base, target))),
        ]
        money = _money(iri(entity_iri(base, f"amount-{key}")), amount) if _present(amount) else None
        if money is not None:
            grant_pairs.append((NS.eurio_funding_amount, money[0]))
            yield grant, grant_pairs
            yield money
        else:
            yield grant, grant_pairs
