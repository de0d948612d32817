"""Cross-document resolution: registries, context, acronyms, conservative fuzzy matching."""

from __future__ import annotations

from collections import Counter

from innograph.ingest.entities.interreg import InterregName
from innograph.ingest.resolution import (
    DocumentContext,
    KnownEntity,
    ResolutionRequest,
    Resolver,
)

LIMBURG = "?NL42|BE22"  # the gazetteer's key of a name two NUTS regions carry


def _ctx(doc_id: str = "doc00001", **countries: int) -> DocumentContext:
    return DocumentContext(doc_id=doc_id, countries=Counter(countries))


def _resolve(resolver: Resolver, type_: str, name: str, key: str = "", **kw: object) -> str:
    context = kw.pop("context", None) or _ctx()
    aliases = kw.pop("aliases", [])
    assert isinstance(aliases, list)
    request = ResolutionRequest(type=type_, name=name, aliases=aliases, key=key)
    return resolver.resolve(request, context).canonical_id  # type: ignore[arg-type]


def test_regions_resolve_to_their_nuts_code_whatever_the_language() -> None:
    resolver = Resolver()
    flanders = _resolve(resolver, "Region", "Flanders", "BE2")
    vlaanderen = _resolve(resolver, "Region", "Vlaanderen", "BE2")
    assert flanders == vlaanderen == "region-be2"
    assert any(m.method == "registry:nuts" and m.name == "Vlaanderen" for m in resolver.merges)


def test_funds_resolve_across_languages() -> None:
    resolver = Resolver()
    ids = {
        _resolve(resolver, "FundingProgramme", name, "european-regional-development-fund")
        for name in ("ERDF", "EFRO", "FEDER", "Europees Fonds voor Regionale Ontwikkeling")
    }
    assert ids == {"programme-european-regional-development-fund"}


def test_ambiguous_limburg_is_decided_by_the_countries_in_the_document() -> None:
    resolver = Resolver()
    dutch = _resolve(resolver, "Region", "Limburg", LIMBURG, context=_ctx("a", NL=3))
    belgian = _resolve(resolver, "Region", "Limburg", LIMBURG, context=_ctx("b", BE=2))
    assert dutch == "region-nl42"
    assert belgian == "region-be22"


def test_ambiguous_limburg_stays_unresolved_when_the_text_cannot_tell() -> None:
    resolver = Resolver()
    both = _resolve(resolver, "Region", "Limburg", LIMBURG, context=_ctx("doc1", NL=1, BE=1))
    none = _resolve(resolver, "Region", "Limburg", LIMBURG, context=_ctx("doc2"))
    assert both not in {"region-nl42", "region-be22"}
    assert none not in {"region-nl42", "region-be22", both}  # never merged with each other


def test_numbered_names_are_never_merged_with_the_unnumbered_one() -> None:
    resolver = Resolver()
    first = _resolve(resolver, "Project", "HarbourLink")
    second = _resolve(resolver, "Project", "HarbourLink 2")
    third = _resolve(resolver, "Project", "HarbourLink II")
    assert len({first, second, third}) == 3


def test_interreg_generations_are_different_programmes() -> None:
    resolver = Resolver()
    area = "vlaanderen nederland"
    five = InterregName("V", "A", "2014TC16RFCB046", area).to_key()
    six = InterregName("VI", "A", "2014TC16RFCB046", area).to_key()
    unknown = InterregName(None, None, "2014TC16RFCB046", area).to_key()
    id_five = _resolve(resolver, "FundingProgramme", "Interreg V Vlaanderen-Nederland", five)
    id_six = _resolve(resolver, "FundingProgramme", "Interreg VI Vlaanderen-Nederland", six)
    assert id_five == "programme-2014tc16rfcb046"
    assert id_six != id_five
    # Without a generation in the name, the period the document talks about decides.
    context = DocumentContext(doc_id="x", interreg_generation="V")
    id_ctx = _resolve(
        resolver, "FundingProgramme", "Interreg Flanders-Netherlands", unknown, context=context
    )
    assert id_ctx == id_five


def test_fuzzy_match_merges_close_spellings_and_records_the_score() -> None:
    resolver = Resolver()
    first = _resolve(resolver, "Project", "Hanseatic Marine Research Pilot Line")
    second = _resolve(resolver, "Project", "Hanseatic Marine Research Pilot Lines")
    assert first == second
    fuzzy = [m for m in resolver.merges if m.method.startswith("fuzzy:")]
    assert fuzzy and 0.9 <= fuzzy[0].score <= 1.0


def test_organisations_are_never_merged_by_a_close_spelling_alone() -> None:
    # A bulk import matches exactly, so a fuzzy match would hold only when the close form
    # came first: the graph would depend on the order of ingest and import.
    resolver = Resolver()
    first = _resolve(resolver, "Organisation", "Hanseatic Institute for Marine Research")
    second = _resolve(resolver, "Organisation", "Hanseatic Institute of Marine Research")
    assert first != second
    assert not [m for m in resolver.merges if m.method.startswith("fuzzy:")]


def test_initials_alone_never_merge_across_documents() -> None:
    # "KPD" might be anybody's initials (a sole trader's "Karsten Paula Dr Med" in a
    # registry); and matched by initials, a long form would meet its acronym only when it
    # came first: the graph would depend on the order of ingest and import.
    names = ("BIAR", "Baltic Institute for Applied Robotics")
    for order in (names, names[::-1]):
        resolver = Resolver()
        assert len({_resolve(resolver, "Organisation", name) for name in order}) == 2
    resolver = Resolver()
    person = _resolve(resolver, "Organisation", "Karsten Paula Dr Med")
    assert _resolve(resolver, "Organisation", "KPD") != person


def test_fuzzy_match_is_type_aware() -> None:
    resolver = Resolver()
    org = _resolve(resolver, "Organisation", "Nordic Wave Energy")
    project = _resolve(resolver, "Project", "Nordic Wave Energy")
    assert org != project


def test_different_names_that_look_alike_stay_apart() -> None:
    resolver = Resolver()
    a = _resolve(resolver, "Project", "SeaBridge North")
    b = _resolve(resolver, "Project", "SeaBridge South")
    assert a != b


def test_an_acronym_stated_in_one_document_resolves_in_another() -> None:
    resolver = Resolver()
    long_form = _resolve(
        resolver, "Organisation", "Baltic Institute for Applied Robotics", aliases=["BIAR"]
    )
    assert _resolve(resolver, "Organisation", "BIAR") == long_form


def test_known_entities_from_the_graph_win() -> None:
    known = [KnownEntity("org-existing-node", "Organisation", "Delta Works Agency", ("DWA",))]
    resolver = Resolver(known)
    assert _resolve(resolver, "Organisation", "Delta Works Agency") == "org-existing-node"
    assert _resolve(resolver, "Organisation", "DWA") == "org-existing-node"


def test_clusters_and_organisations_share_identities() -> None:
    resolver = Resolver()
    org = _resolve(resolver, "Organisation", "Lakeside Food Cluster")
    cluster = _resolve(resolver, "Cluster", "Lakeside Food Cluster")
    assert org == cluster


def test_known_nodes_that_are_not_entities_are_ignored() -> None:
    known = [
        KnownEntity("doc-report", "Document", "Annual report"),
        KnownEntity("org-x", "Organisation", "Annual report"),
    ]
    resolver = Resolver(known)
    assert _resolve(resolver, "Organisation", "Annual report") == "org-x"


def test_a_registry_key_of_another_kind_never_gives_an_id_of_that_kind() -> None:
    # An organisation whose name carries an Interreg programme's (its secretariat, say)
    # is keyed like the programme; its id must still be an organisation's, or the
    # document is refused by the store's id check and nothing of it is written.
    resolver = Resolver()
    key = InterregName("VI", "B", None, "north west europe").to_key()
    programme = _resolve(resolver, "FundingProgramme", "Interreg North West Europe", key)
    secretariat = _resolve(resolver, "Organisation", "Interreg North West Europe", key)
    assert programme.startswith("programme-")
    assert secretariat.startswith("org-")


def test_an_organisation_the_lexicon_names_in_several_languages_is_one_node() -> None:
    """Names whose identity keys differ but that the lexicon keys alike ("EU", "Europese
    Unie") meet in one node, in whatever order the documents come."""
    names = ("EU", "European Union", "Europese Unie", "Union européenne")
    found = []
    for order in (names, tuple(reversed(names))):
        resolver = Resolver(fuzzy=False)
        found.append({_resolve(resolver, "Organisation", n, "european-union") for n in order})
        assert any(m.method == "registry:lexicon" for m in resolver.merges)
    assert found[0] == found[1] and len(found[0]) == 1


def test_a_lexicon_entry_never_joins_an_organisation_of_another_identifier() -> None:
    resolver = Resolver(fuzzy=False)
    context = _ctx()
    first = resolver.resolve(
        ResolutionRequest(
            type="Organisation", name="EU", key="european-union", identifiers={"pic": "1"}
        ),
        context,
    )
    second = resolver.resolve(
        ResolutionRequest(
            type="Organisation",
            name="Europese Unie",
            key="european-union",
            identifiers={"pic": "2"},
        ),
        context,
    )
    assert first.canonical_id != second.canonical_id
    assert any(m.method.startswith("refused") for m in resolver.merges)


def test_a_programme_in_capitals_found_by_a_rule_takes_the_known_programme_id() -> None:
    # "OPZUID" reaches the resolver without a gazetteer key (a rule typed it); the known
    # programme of the same normal form ("OPZuid") gives its id in either order.
    ctx = DocumentContext(doc_id="d1")
    for order in (("OPZUID", "OPZuid"), ("OPZuid", "OPZUID")):
        resolver = Resolver()
        ids = {
            name: resolver.resolve(
                ResolutionRequest(
                    type="FundingProgramme",
                    name=name,
                    key="op-zuid" if name == "OPZuid" else "",
                ),
                ctx,
            ).canonical_id
            for name in order
        }
        assert ids["OPZUID"] == ids["OPZuid"] == "programme-op-zuid"
    unknown = Resolver().resolve(
        ResolutionRequest(type="FundingProgramme", name="Nordlicht Fonds"), ctx
    )
    assert unknown.canonical_id != "programme-op-zuid"
