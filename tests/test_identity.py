"""Organisation and project identity: name keys, identifiers, refusals, the merge log."""

from __future__ import annotations

import pytest

from innograph.graph.algorithms import Mention, merge_mentions
from innograph.ingest.identity import (
    organisation_key,
    organisation_keys,
    project_key,
    strip_legal_forms,
)
from innograph.ingest.identity.short_names import brands_in
from innograph.ingest.resolution import (
    DocumentContext,
    KnownEntity,
    ResolutionRequest,
    Resolver,
)

CONTEXT = DocumentContext(doc_id="doc")


def _org(resolver: Resolver, name: str, pic: str = "", country: str = "") -> str:
    request = ResolutionRequest(
        type="Organisation",
        name=name,
        identifiers={"pic": pic} if pic else {},
        country=country,
    )
    return resolver.resolve(request, CONTEXT).canonical_id


@pytest.mark.parametrize(
    ("written", "other"),
    [
        ("Zwanenburg Robotics B.V.", "ZWANENBURG ROBOTICS BV"),
        ("Kesselring Messtechnik GmbH & Co. KG", "Kesselring Messtechnik"),
        ("Verein für Förderung Grünwald e.V.", "VEREIN FUER FOERDERUNG GRUENWALD E. V."),
        ("Société Générale d'Étalons SAS", "SOCIETE GENERALE D ETALONS"),
        ("Pikkuvuori Oy", "Pikkuvuori Ltd"),  # a one-word name keeps its form: see below
        ("Bruggeman & Zonen Hout NV", "Bruggeman en Zonen Hout"),
        ("N.V. Waterschap Kempenland", "Waterschap Kempenland"),
        ("Stichting Lichtwerf", "Lichtwerf"),
        ("Hogeschool voor Toegepaste Robotica Noord (HTRN)", "HTRN"),
        ("Instituut voor Zeewierteelt Onderzoek IZO", "IZO"),
        ("Tilburg University", "Universiteit Tilburg"),
        ("University of Tilburg", "UNIVERSITEIT TILBURG"),
        ("Dąbrowski Sp. z o.o. Systemy", "Dabrowski Sp z o o Systemy"),
        # Spelt-out legal forms are their abbreviations, wherever they stand.
        ("KRANSWIJK AKTIENGESELLSCHAFT", "Kranswijk AG"),
        ("Kranswijk Aktiengesellschaft Oesterreich", "KRANSWIJK AG OESTERREICH"),
        ("Velmora Optik Gesellschaft mit beschränkter Haftung", "Velmora Optik GmbH"),
        ("Hoornbeek Naamloze Vennootschap", "Hoornbeek NV"),
        ("Lindevaart Besloten Vennootschap", "LINDEVAART B.V."),
        ("BRZOZA SPOLKA Z OGRANICZONA ODPOWIEDZIALNOSCIA", "Brzoza Sp. z o.o."),
        ("Clairmont Systèmes Société Anonyme", "CLAIRMONT SYSTEMES SA"),
        # The Dutch EFRO register's note of the programme that paid.
        ("Kraanvogel Campus B.V. vanuit OPZuid", "Kraanvogel Campus"),
        ("Hooghwerf Groep vanuit OP Zuid", "HOOGHWERF GROEP"),
    ],
)
def test_written_forms_of_one_name_share_a_key(written: str, other: str) -> None:
    if written == "Pikkuvuori Oy":
        assert organisation_key(written) != organisation_key(other)
    else:
        assert organisation_key(written) == organisation_key(other) != ""


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Zwanenburg Robotics", "Zwanenburg Robotics Deutschland"),
        ("Acme GmbH", "Acme"),  # "Acme GmbH" is a company, "Acme" a brand
        ("Kesselring Messtechnik", "Kesselring Messtechnik 2"),
        ("Universiteit Tilburg", "Technische Universiteit Tilburg"),
        ("Fraunhofer", "Fraunhofer ILT"),  # an institute is not the society
        ("Kranswijk Aktiengesellschaft", "Kranswijk"),  # a company is not its brand
        ("Brzoza Sp. z o.o.", "Brzoza S.A."),  # two forms, two companies
        ("Gesellschaft fuer Kranswijk", "Kranswijk"),  # "Gesellschaft" alone is a word
        ("Zorg vanuit Huis", "Zorg"),  # never down to one word
    ],
)
def test_different_organisations_keep_different_keys(one: str, other: str) -> None:
    assert organisation_key(one) != organisation_key(other)


def test_legal_forms_are_stripped_only_from_the_ends_and_never_to_nothing() -> None:
    assert strip_legal_forms(["bv"]) == ["bv"]
    assert strip_legal_forms(["sa", "bv"]) != []
    assert strip_legal_forms(["sa", "systems", "bv"]) == ["systems"]
    assert strip_legal_forms(["nord", "as", "group", "as"]) == ["nord", "as", "group"]
    assert organisation_key("!!!") == ""


def test_spelt_out_legal_forms_are_read_as_their_abbreviations() -> None:
    spelt = "societe a responsabilite limitee".split()
    assert strip_legal_forms(["atelier", "rouvray", *spelt]) == ["atelier", "rouvray"]
    assert strip_legal_forms(["rouvray", *spelt]) == ["rouvray", "sarl"]
    assert strip_legal_forms(["societe", "rouvray"]) == ["societe", "rouvray"]


def test_project_acronyms_fold_to_letters_and_digits() -> None:
    assert project_key("IMOCO4.E") == project_key("Imoco4e") == "imoco4e"
    assert project_key("R3-PowerUP") == "r3powerup"
    assert project_key("Smart Light Passant") == "smart light passant"


def test_same_name_in_any_order_gets_the_same_id() -> None:
    names = ["BRAINSTAD ONTWIKKELING NV", "Brainstad Ontwikkeling", "Brainstad Ontwikkeling N.V."]
    ids = {_org(Resolver(fuzzy=False), n) for n in names}
    assert ids == {"org-brainstad-ontwikkeling"}
    forward, backward = Resolver(), Resolver()
    assert [_org(forward, n) for n in names] == [_org(backward, n) for n in reversed(names)][::-1]


def test_two_pics_are_never_merged_and_the_refusal_is_logged() -> None:
    resolver = Resolver(fuzzy=False)
    first = _org(resolver, "VELDHOVEN OPTICS BV", pic="911111111", country="NL")
    second = _org(resolver, "Veldhoven Optics B.V.", pic="922222222", country="NL")
    again = _org(resolver, "VELDHOVEN OPTICS", pic="922222222")
    assert first != second == again
    refusals = [m for m in resolver.merges if m.refused]
    assert len(refusals) == 1
    assert refusals[0].canonical_id == first
    assert "different pic (922222222 vs 911111111)" in refusals[0].method
    assert second in refusals[0].method


def test_a_name_shared_by_two_pics_of_one_source_gives_neither_the_bare_id() -> None:
    ids = []
    for order in (("1", "2"), ("2", "1")):
        resolver = Resolver(fuzzy=False)
        resolver.shared_keys.add(organisation_key("Helix Robotics BV"))
        ids.append({pic: _org(resolver, "HELIX ROBOTICS BV", pic=pic) for pic in order})
    assert ids[0] == ids[1]
    assert "org-helix-robotics" not in ids[0].values()
    assert len(set(ids[0].values())) == 2


def test_an_identifier_beats_the_name() -> None:
    resolver = Resolver(fuzzy=False)
    long_form = _org(resolver, "Noordelijk Instituut voor Glasvezel Onderzoek", pic="933")
    renamed = _org(resolver, "Glasvezel Instituut Noord", pic="933")
    assert renamed == long_form
    assert any(m.method == "identifier:pic" for m in resolver.merges)


def test_different_countries_are_kept_apart() -> None:
    resolver = Resolver(fuzzy=False)
    dutch = _org(resolver, "Polder Sensors BV", country="NL")
    belgian = _org(resolver, "Polder Sensors NV", country="BE")
    text = _org(resolver, "Polder Sensors")  # no country: the first one
    assert dutch != belgian
    assert text == dutch
    assert any(m.refused and "different country (BE vs NL)" in m.method for m in resolver.merges)


def test_known_pics_from_the_graph_are_respected() -> None:
    known = KnownEntity(
        canonical_id="org-kade-labs",
        type="Organisation",
        name="Kade Labs",
        identifiers=(("pic", "944"),),
        country="NL",
    )
    resolver = Resolver([known], fuzzy=False)
    assert _org(resolver, "KADE LABS BV", pic="955", country="NL") != "org-kade-labs"
    assert _org(resolver, "Kade Labs", pic="944") == "org-kade-labs"


def test_the_node_name_is_the_best_written_form_whatever_the_source_order() -> None:
    upper = Mention("b.csv#row=1", "Organisation", "BRAINSTAD ONTWIKKELING NV")
    mixed = Mention("a.txt", "Organisation", "Brainstad Ontwikkeling")
    for mentions in ([upper, mixed], [mixed, upper]):
        node = merge_mentions("org-brainstad-ontwikkeling", mentions)
        assert node.name == "Brainstad Ontwikkeling"
        assert node.properties["aliases"] == ["BRAINSTAD ONTWIKKELING NV"]


def test_a_long_form_with_its_acronym_meets_either_alone_in_any_order() -> None:
    both = "Regionale Ontwikkelingsraad Zeeland - ROZ"
    for alone in ("ROZ", "Regionale Ontwikkelingsraad Zeeland"):
        for order in ((both, alone), (alone, both)):
            resolver = Resolver(fuzzy=False)
            assert len({_org(resolver, name) for name in order}) == 1, order


def test_a_regional_governments_adjective_is_also_left_off() -> None:
    names = ["Vlaams Agentschap Bodembeheer", "Agentschap Bodembeheer"]
    for order in (names, names[::-1]):
        resolver = Resolver(fuzzy=False)
        assert len({_org(resolver, name, country="BE") for name in order}) == 1
    # Only with two words left, and a province's adjective stays: it names one of several.
    assert organisation_keys("Vlaamse Bodemmaatschappij") == ("vlaamse bodemmaatschappij",)
    assert organisation_keys("Limburgse Bodem Vereniging") == ("limburgse bodem vereniging",)


def _registry(*rows: tuple[str, str]) -> list[tuple[str, tuple[str, ...]]]:
    return [(organisation_key(n), (organisation_key(s),) if s else ()) for n, s in rows]


def test_a_distinctive_brand_that_another_register_writes_alone_names_its_organisation() -> None:
    full = "KORVANTIS HET HUIS VAN DE GIETERIJ"
    registry = _registry(
        (full, "KORVANTIS LA MAISON DE LA FONDERIE"),
        ("KORVANTIS", ""),
        ("Lumbrix Sensor Systems", "Lumbrix Capteurs"),  # nobody writes "Lumbrix" alone
        ("Drevald Quantum Devices", "Drevald QD"),
        ("Drevald", ""),
        ("Drevald Services", ""),  # a second Drevald company: the brand is nobody's
        ("Taleno Valley Nederland", "Taleno Valley"),  # the brand is "Taleno Valley"
        ("Taleno", ""),
        ("Brisk Net Holding", "Brisk NH"),
        ("Brisk", ""),
    )
    assert brands_in(registry) == {
        "korvantis": organisation_key(full),
        "brisk": organisation_key("Brisk Net Holding"),
    }


def test_a_brand_too_short_or_in_a_second_name_owns_nothing() -> None:
    registry = _registry(
        ("Vex Advanced Coatings", "Vex AC"),
        ("Vex", ""),
        ("Morlane Optical Works", "Morlane OW"),
        ("Morlane", ""),
        ("Stichting Huis Morlane", ""),  # the word in another organisation's name
    )
    assert brands_in(registry) == {}


def test_a_misspelt_registry_name_finds_the_registry_name_and_nothing_else() -> None:
    from innograph.ingest.identity.short_names import _registry_keys, registry_spelling

    keys = set(_registry_keys())
    long_keys = sorted(k for k in keys if len(k) >= 20 and not any(c.isdigit() for c in k))
    checked = 0
    for key in long_keys[::40]:
        misspelt = key + "s"  # "Brussel" written "Brussels"
        if misspelt in keys:
            continue
        found = registry_spelling(misspelt)
        # Either the one registry name it misspells, or nothing when two are that close.
        assert found in (key, None)
        checked += found == key
    assert checked >= 10
    assert registry_spelling(long_keys[0]) is None  # a registry name is its own key
    assert registry_spelling("short name") is None  # too short to judge


def test_documents_meet_the_registry_name_they_misspell_in_either_order() -> None:
    from innograph.ingest.identity.short_names import _registry_keys
    from innograph.ingest.resolution import DocumentContext, ResolutionRequest, Resolver

    key = next(k for k in _registry_keys() if len(k) >= 25 and k.isascii() and " " in k)
    exact, misspelt = key.upper(), key.title() + "s"
    ids = []
    for order in ((exact, misspelt), (misspelt, exact)):
        resolver = Resolver(fuzzy=True)
        context = DocumentContext(doc_id="d")
        ids.append(
            {
                resolver.resolve(
                    ResolutionRequest(type="Organisation", name=n), context
                ).canonical_id
                for n in order
            }
        )
    assert ids[0] == ids[1] and len(ids[0]) == 1


@pytest.mark.parametrize(
    ("written", "short", "long"),
    [
        # "Long name - Short name": an acronym for the head, then the same tail.
        (
            "Gemeentelijke Havenbedrijf Zuidoost - GH Zuidoost",
            "gh zuidoost",
            "gemeentelijke havenbedrijf zuidoost",
        ),
        # A compound word gives its initial and a letter from inside ("...maatschappij").
        (
            "Regionale Ontwikkelingsmaatschappij Kempenland - ROM Kempenland",
            "rom kempenland",
            "regionale ontwikkelingsmaatschappij kempenland",
        ),
        ("Stedelijk Bouwfonds Noord - SBN", "sbn", "stedelijk bouwfonds noord"),
    ],
)
def test_a_register_name_with_its_short_form_after_a_dash_is_found_under_both(
    written: str, short: str, long: str
) -> None:
    assert organisation_keys(written) == (short, long)


@pytest.mark.parametrize(
    "written",
    [
        "Gemeentelijke Havenbedrijf Zuidoost - Havenkantoor",  # not an abbreviation
        "Gemeentelijke Havenbedrijf - GH Zuidoost",  # the tail is not the long form's
        "Gemeentelijke Havenbedrijf Zuidoost - XY Zuidoost",  # other letters
    ],
)
def test_a_dash_before_words_that_abbreviate_nothing_keeps_the_whole_name(written: str) -> None:
    assert len(organisation_keys(written)) == 1


def test_a_trailing_acronym_may_take_letters_from_inside_a_compound_word() -> None:
    assert organisation_keys("Regionale Ontwikkelingsmaatschappij ROM") == (
        "rom",
        "regionale ontwikkelingsmaatschappij",
    )
    # Letters from inside a word come only after that word's initial, in order.
    assert organisation_keys("Regionale Ontwikkelingsmaatschappij Kempen RMZ") == (
        "regionale ontwikkelingsmaatschappij kempen rmz",
    )


def _regional_branches() -> dict[str, set[str]]:
    """Registry organisation keys that differ only by a trailing region the gazetteer
    knows: base key -> the regions' folded names."""
    from innograph.ingest.entities.gazetteer import gazetteer
    from innograph.ingest.identity.short_names import _registry_keys

    g = gazetteer()
    keys = set(_registry_keys())
    branches: dict[str, set[str]] = {}
    for key in keys:
        words = key.split()
        for size in (1, 2):
            base, region = " ".join(words[:-size]), " ".join(words[-size:])
            if len(words) - size >= 2 and base not in keys:
                if any(e.type == "Region" for e in g.lookup(region)):
                    branches.setdefault(base, set()).add(region)
    return {b: r for b, r in branches.items() if len(r) >= 2}


def test_a_body_named_without_its_region_is_the_branch_of_the_region_the_page_names() -> None:
    from innograph.ingest.identity.short_names import regional_branch

    branches = _regional_branches()
    assert len(branches) >= 2  # bodies with a branch per region are in the registers
    for base, regions in branches.items():
        one, other, *_ = sorted(regions)
        assert regional_branch(base, frozenset({one})) == f"{base} {one}"
        # Two of its regions on the page: which branch is meant cannot be told.
        assert regional_branch(base, frozenset({one, other})) is None
        assert regional_branch(base, frozenset()) is None
        # A name the registry holds itself is never read as a branch.
        assert regional_branch(f"{base} {one}", frozenset({other})) is None


def test_the_resolver_reads_the_branch_only_on_a_page_naming_its_region() -> None:
    base, regions = sorted(_regional_branches().items())[0]
    region = sorted(regions)[0]
    written = base.title()
    registered = ResolutionRequest(type="Organisation", name=f"{base} {region}".upper(), country="")
    for order in ("registry first", "document first"):
        resolver = Resolver(fuzzy=True)
        page = DocumentContext(doc_id="page", regions=frozenset({region}))
        mention = ResolutionRequest(type="Organisation", name=written)
        if order == "registry first":
            ids = {
                resolver.resolve(registered, CONTEXT).canonical_id,
                resolver.resolve(mention, page).canonical_id,
            }
        else:
            ids = {
                resolver.resolve(mention, page).canonical_id,
                resolver.resolve(registered, CONTEXT).canonical_id,
            }
        assert len(ids) == 1, order
    # Without the region on the page the name stays its own.
    resolver = Resolver(fuzzy=True)
    first = resolver.resolve(registered, CONTEXT).canonical_id
    assert (
        resolver.resolve(ResolutionRequest(type="Organisation", name=written), CONTEXT).canonical_id
        != first
    )


def test_one_name_on_pages_of_two_regions_is_two_branches() -> None:
    base, regions = sorted(_regional_branches().items())[0]
    one, other, *_ = sorted(regions)
    resolver = Resolver(fuzzy=True)
    written = base.title()
    ids = [
        resolver.resolve(
            ResolutionRequest(type="Organisation", name=written),
            DocumentContext(doc_id=region, regions=frozenset({region})),
        ).canonical_id
        for region in (one, other)
    ]
    assert ids[0] != ids[1]
    # Nor does the bare name, met later on a page naming no region, take either branch.
    bare = resolver.resolve(ResolutionRequest(type="Organisation", name=written), CONTEXT)
    assert bare.canonical_id not in ids


def test_a_registers_dash_short_form_stands_for_its_long_form_in_any_order() -> None:
    from itertools import permutations

    from innograph.ingest.identity.short_names import _dash_short_forms, short_name_owner

    pairs = _dash_short_forms()
    assert pairs  # the shared registers write some names so
    for short_key, long_key in pairs:
        assert short_name_owner(short_key) == long_key
    short_key, long_key = pairs[0]
    written = [long_key.title(), short_key.upper(), f"{long_key.title()} - {short_key.title()}"]
    ids = set()
    for order in permutations(written):
        resolver = Resolver(fuzzy=False)
        ids.add(frozenset(_org(resolver, name) for name in order))
    assert len(ids) == 1 and len(next(iter(ids))) == 1
