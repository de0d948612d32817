"""Relations stated by how two mentions stand next to each other.

"Acme (Ghent)", "Acme in Ghent and Bruges", "Acme, Ghent", "Acme, Main Street 5, 9000
Ghent", "the Research Office of Acme University", "Jane Doe, director of Acme", "Jane Doe
(Acme)", "the Solar Bridge lead, Jane Doe", "the Horizon Europe project Solar Bridge",
"Met Zonnebrug willen A, B en C ...": punctuation and a few function words that state
the link, not mere co-occurrence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from innograph.ingest.entities.gazetteer_lexicon import COUNTRIES, REGION_ALIASES
from innograph.ingest.entities.spans import is_acronym
from innograph.ingest.relations.cues import (
    AFFILIATED_WITH,
    FUNDED_BY,
    LEAD_ROLE_WORDS,
    LEADS,
    LOCATED_IN,
    MEMBER_OF,
    PARTICIPATES_IN,
    ROLE_WORDS,
)
from innograph.ingest.relations.lexicon import LANGS, apposed_place, place_adjective
from innograph.ingest.relations.rules import NEW_LIST_ITEM, ORG_TYPES, Found, allowed
from innograph.ingest.relations.text import PROJECT_TYPES, DocView, Ref, Segment
from innograph.ontology.ids import fold

_ROLE = rf"(?:{ROLE_WORDS})"
_LEAD_ROLE = rf"(?:{LEAD_ROLE_WORDS})"
_OF = r"(?:of|at|from|for|van|bij|uit|aan|de|du|des|chez|von|vom|der|bei)"
_DET = r"(?:the|de|het|la|le|l'|l’|der|die|das)"
_IN_PLACE = re.compile(r"^\s*,?\s*(?:in|uit|te|from|à|aus|in the|in de|in het)\s+$", re.I)
# "from Norway Innovation Agency": the place is the first word of a longer name
_NAME_GOES_ON = re.compile(r"^\s?(?:&|[A-Z][\w-]*\b(?!,))")
_PAREN_OPEN = re.compile(r"^\s*\(\s*$")
_DASH = re.compile(r"^\s*[–—-]\s*$")
# "Acme – Ghent" names the place of a partner only where the item ends with the place
# ("Acme – Ghent, Beta – Bruges", "Acme – Belgium and Beta"), not "NEWS – Belgium has ..."
_ITEM_ENDS = re.compile(r"^[ \t]*(?:$|\n|[,;:)/|(]|(?:and|en|und|et|or|oder|ou)\b)", re.I)
# "in Ostend – Flanders' port": a place followed by a possessive qualifies what follows
_POSSESSIVE_AFTER = re.compile(r"^['’]s?\b|^['’]\s")
# "BRUGGE (Belga) - ...": a news dateline names where the agency filed, not where it sits
_DATELINE_AFTER = re.compile(r"^\s*\)\s*[–—:-]")
_PERSON_OF = re.compile(rf"^\s*,?\s*(?:\(\s*|{_OF}\s+(?:{_DET}\s+)?)$", re.I)
_APPOSITION = re.compile(
    rf"^\s*,\s*[^,.;()]{{0,60}}?\b{_ROLE}\b[^,.;()]{{0,30}}?(?:,\s*|\s+{_OF}\s+)(?:{_DET}\s+)?$",
    re.I,
)
_ORG_ROLE_PERSON = re.compile(rf"^\s*(?:['’]s\s+)?(?:[\w-]+\s+){{0,2}}?{_ROLE}\s*,?\s*$", re.I)
_PROJECT_LEAD_PERSON = re.compile(
    rf"^\s*(?:project\s+|partnership\s+)?{_LEAD_ROLE}\s*[,:]?\s*$", re.I
)
_PERSON_COMMA = re.compile(rf"^\s*,\s*(?:{_DET}\s+)?$", re.I)
_LEAD_AFTER = re.compile(rf"^\s*{_LEAD_ROLE}\b", re.I)
_PROGRAMME_PROJECT = re.compile(
    r"^\s*[-–]?\s*(?:(?:project|projet|projekt|programme)\s*)?[“\"‘'«]?\s*$", re.I
)
# "X, a Horizon Europe project", "X, een verkennend Veld-project": words in lower case
# (adjectives) may follow the article
_PROJECT_IS_A = re.compile(
    r"^\s*(?:,|\(|is|was)?\s*(?:(?:an?|een|un|une|ein|eine)(?:\s+(?-i:[a-zß-ÿ][\w-]*)){0,2})?\s*$",
    re.I,
)
_PROJECT_WORD_AFTER = re.compile(r"^\s*[-–]?\s*(?:project|projet|projekt)\b", re.I)
# "Acme, Ghent" / "Hogeschool Noordkant, campus Arlon": a place after a comma, with at
# most a word for a site between ...
_COMMA_PLACE = re.compile(
    r"^\s*,\s*(?:(?:campus|site|vestiging|locatie|standort|location|site de)\s+)?$", re.I
)
# ... unless another name follows it in a list ("Acme, Ghent and Beta": three partners)
_LIST_GOES_ON = re.compile(
    r"^\s*(?:(?:,|/|&|\band\b|\ben\b|\bund\b|\bet\b)\s*[^\W\d_]|\(\s*(?:or|and|of|en|oder|ou)\b)",
    re.I,
)
# "Acme, Lindenweg 7, 12345 Velderdam", "Acme Rue des Tilleuls 5, B-1000 Velderdam",
# "Acme, Postbus 12, 6200 AB Velderdam": an address whose postcode comes right before
# the place.
_ADDRESS = re.compile(
    r"^[ \t]*,?[ \t]*[^\n.;:!?]{0,60}?\d+[a-zA-Z]?[ \t]*,?[ \t]*"
    r"(?:[A-Z]{1,2}[- ]?)?\d{4,5}(?:[ \t]?[A-Z]{2})?[ \t]*$"
)
# "the Technology Office of Acme University", "Fachbereich Werkstoffe der Beta Hochschule",
# "het Zentrum voor X van de Universiteit Y", "la DG REGIO de la Commission": a part
# named with the organisation it belongs to.
_PART_OF = re.compile(
    r"^\s*(?:\([^()]{1,30}\)\s*)?,?\s*(?:of\s+the|of|der|des|van\s+de|van\s+het|van"
    r"|de\s+la|de\s+l['’]|du|de\s+l|within\s+the|within|binnen\s+de|innerhalb\s+der)\s*$",
    re.I,
)


# "Met Zonnebrug willen A, B en C ...", "With Solar Bridge, A and B aim to ...": the
# organisations that act through a project take part in it.
_WITH_BEFORE = re.compile(
    r"(?:^|[,;:.!?]\s*)(?:met|with|avec|mit)\s+(?:het\s+|de\s+|the\s+|le\s+|la\s+|dem\s+)?$",
    re.I,
)
_WITH_GAP = re.compile(
    r"^\s*(?:project|projet|projekt|programme|programma)?\s*,?\s*(?:willen|wil|gaan|gaat|zullen"
    r"|zal|hopen|proberen|aim to|aims to|want to|wants to|will|seek to|veulent|veut|wollen)\s+"
    r"(?:de\s+|het\s+|the\s+|les\s+|die\s+)?$",
    re.I,
)


# How many words before a bracket an acronym in it may abbreviate.
_ACRONYM_REACH = 8
_CAPITALISED = re.compile(r"(?<![\w'’])[^\W\d_]|(?<=['’])[^\W\d_](?=\w)")


def _spells_words_before(view: DocView, seg: Segment, ref: Ref) -> bool:
    """Whether the bracketed ``ref`` is an acronym of the capitalised words just before
    its bracket ("Network for Applied Robotics (NAR)", "Secrétariat Européen pour
    l'Analyse des Robots (ESAR)"): the short name of what is named before, which the
    entity stage may have cut, not a body it belongs to. The letters are taken in any
    order, since a French or Dutch name may keep its English acronym."""
    name = view.text[ref.start : ref.end]
    letters = "".join(c for c in name.split("/")[0] if c.isalpha())
    if not is_acronym(name.split("/")[0]) or len(letters) < 2:
        return False
    before = view.text[seg.start : ref.start].rstrip(" (")
    words = before.split()[-_ACRONYM_REACH:]
    initials = [m.group(0) for m in _CAPITALISED.finditer(" ".join(words))]
    initials = [c for c in initials if c.isupper()]
    pool = list(initials)
    for c in letters:
        if c not in pool:
            return False
        pool.remove(c)
    return True


def _any_list(view: DocView, seg: Segment, first: Ref) -> list[Ref]:
    """``first`` and the mentions listed after it, whatever their types."""
    out = [first]
    for ref in seg.refs:
        if ref.start < out[-1].end:
            continue
        if not view.is_list_gap(out[-1].end, ref.start, seg, regions=False):
            break
        out.append(ref)
    return out


def _listed_after(view: DocView, seg: Segment, ref: Ref) -> bool:
    """Whether ``ref`` comes after another name in a list ("A, B, Ghent": not "B, Ghent")."""
    before = [r for r in seg.refs if r.end <= ref.start]
    return bool(before) and view.is_list_gap(before[-1].end, ref.start, seg, regions=False)


def _after_comma(view: DocView, ref: Ref) -> bool:
    """Whether a comma stands right before ``ref`` on its line: it is an item of a
    comma series ("..., Acme, City of Ghent, Beta", "Jane Doe, lead, Acme, Belgium"),
    whose next item is not where it sits."""
    line_start = view.text.rfind("\n", 0, ref.start) + 1
    return view.text[line_start : ref.start].rstrip().endswith(",")


_SHORT_NAME_FIRST = re.compile(r"^\s*\(\s*X\s*\)")


def _after_own_short_name(view: DocView, a: Ref, b: Ref, gap: str) -> str | None:
    """The gap between ``a`` and ``b`` after the short name in brackets right after
    ``a`` ("Acme Laboratories (AL), Ghent" -> ", "), when that bracket holds the only
    mention between them and it is an organisation's acronym; None otherwise."""
    opening = _SHORT_NAME_FIRST.match(gap)
    inner = view.refs_in(a.end, b.start)
    if opening is None or len(inner) != 1 or inner[0].type not in ORG_TYPES:
        return None
    words = view.text[inner[0].start : inner[0].end].split()
    if inner[0].key != a.key and not (words and is_acronym(words[0])):
        return None
    return gap[opening.end() :]


def _gap(view: DocView, a: Ref, b: Ref, seg: Segment) -> str:
    """The text between two mentions, other mentions in it replaced by a placeholder."""
    gap = view.text[a.end : b.start]
    for r in seg.refs:
        if a.end <= r.start and r.end <= b.start:
            gap = gap.replace(view.text[r.start : r.end], "X", 1)
    return gap


def _programme_prefixed(view: DocView, seg: Segment, programmes: dict[str, Ref]) -> Iterator[Found]:
    """A project named with its programme in front ("COSME NORTHWIND", a name the entity
    recogniser kept whole), when that programme is named on its own in the document."""
    for ref in seg.refs:
        if ref.type != "Project":
            continue
        name = view.text[ref.start : ref.end]
        for prefix, programme in programmes.items():
            if (
                len(name) > len(prefix) + 1
                and name.startswith(prefix)
                and name[len(prefix)] in " -"
            ):
                yield Found(
                    FUNDED_BY,
                    ref,
                    programme,
                    0.55,
                    (seg.start, seg.end),
                    view.evidence(seg),
                    rule="adjacency:programme-prefix",
                )


@cache
def _place_codes() -> dict[str, str]:
    """Folded name of a country or region -> its code (general reference lexicon)."""
    out: dict[str, str] = {}
    for table in (COUNTRIES, REGION_ALIASES):
        for code, names in table.items():
            for name in names:
                out.setdefault(fold(name), code)
    return out


@cache
def _qualified_pattern(lang: str) -> re.Pattern[str] | None:
    """The language's "the Dutch company": an adjective of a place with a kind of
    organisation, before the name (after the noun in French)."""
    module = LANGS.get(lang)
    nouns: str = getattr(module, "ORG_NOUNS", "")
    adjectives = place_adjective(lang)
    if not nouns or adjectives is None:
        return None
    adj = adjectives.pattern
    if getattr(module, "COMPOUND_NOUNS", False):
        # "het Duitse ingenieursbureau Acme": the kind of organisation ends a compound
        nouns = rf"[^\W\d_]*(?:{nouns})"
    joins = r"(?:\s+(?:of|van|von|de|des|der|du))?"
    if getattr(module, "ADJECTIVE_AFTER_NOUN", False):
        qualified = rf"\b(?:{nouns})\s+(?P<adj>{adj}){joins}\s*[:,]?\s*$"
    else:
        qualified = rf"\b(?P<adj>{adj})\s+(?:[^\W\d_][\w-]*\s+)?(?:{nouns}){joins}\s*[:,]?\s*$"
    return re.compile(qualified, re.I)


def _adjective_code(lang: str, adjective: str) -> str | None:
    """The place code of an adjective of the language ("Dutch" -> NL)."""
    adjectives: dict[str, str] = getattr(LANGS.get(lang), "PLACE_ADJECTIVES", {})
    for pattern, code in adjectives.items():
        if re.fullmatch(pattern, adjective, re.I):
            return code
    return None


def _places_of_code(view: DocView, code: str) -> list[Ref]:
    """The document's first mention of each Region whose name is that of the place ``code``."""
    codes = _place_codes()
    out: dict[str, Ref] = {}
    for ref in view.refs:
        if ref.type == "Region" and ref.key not in out:
            if codes.get(fold(view.text[ref.start : ref.end].strip())) == code:
                out[ref.key] = ref
    return list(out.values())


def _group_places(view: DocView, seg: Segment, lang: str, evidence: str) -> Iterator[Found]:
    """Organisations named with an adjective of their country or region: "the Dutch
    company Acme", "the Belgian universities of A and B" (LOCATED_IN every organisation of
    the list), when the document names that place."""
    qualified = _qualified_pattern(lang)
    if qualified is None:
        return
    region = (seg.start, seg.end)
    text = view.text
    refs = seg.refs
    for i, ref in enumerate(refs):
        if ref.type not in ORG_TYPES:
            continue
        lo = max(seg.start, refs[i - 1].end if i else seg.start, ref.start - 80)
        before = text[lo : ref.start]
        m = qualified.search(before)
        code = _adjective_code(lang, m.group("adj")) if m else None
        places = _places_of_code(view, code) if code else []
        if not places:
            continue
        for org in _any_list(view, seg, ref):
            if org.type not in ORG_TYPES:
                continue
            for place in places:
                if org.key != place.key and allowed(LOCATED_IN, org.type, place.type):
                    yield Found(
                        LOCATED_IN,
                        org,
                        place,
                        0.6,
                        region,
                        evidence,
                        rule="adjacency:adjective-org",
                    )


def adjacency_relations(view: DocView, lang: str = "en") -> Iterator[Found]:
    """Relations stated by how two mentions stand next to each other."""
    text = view.text
    programmes = {text[r.start : r.end]: r for r in view.refs if r.type == "FundingProgramme"}
    for seg in view.segments:
        yield from _programme_prefixed(view, seg, programmes)
        evidence = view.evidence(seg)
        yield from _group_places(view, seg, lang, evidence)
        region = (seg.start, seg.end)
        refs = seg.refs
        for i, a in enumerate(refs):
            for b in refs[i + 1 : i + 4]:
                gap = _gap(view, a, b, seg)
                after_b = text[b.end : b.end + 40]
                yield from _pair_rules(view, seg, a, b, gap, after_b, evidence, region, lang)


def _pair_rules(
    view: DocView,
    seg: Segment,
    a: Ref,
    b: Ref,
    gap: str,
    after_b: str,
    evidence: str,
    region: tuple[int, int],
    lang: str,
) -> Iterator[Found]:
    direct = "X" not in gap  # nothing else between the two mentions

    def out(rel: str, s: Ref, t: Ref, conf: float, name: str) -> Iterator[Found]:
        if s.key != t.key and allowed(rel, s.type, t.type):
            yield Found(rel, s, t, conf, region, evidence, rule=f"adjacency:{name}")

    if a.type in ORG_TYPES and b.type == "Region" and not direct and _ADDRESS.match(gap):
        # only a place may be named inside the address ("Acme, Kortrijksesteenweg 5, 9000
        # Gent"), not another organisation
        if all(r.type == "Region" for r in view.refs_in(a.end, b.start)):
            yield from out(LOCATED_IN, a, b, 0.8, "address")
    if a.type in ORG_TYPES and b.type == "Region" and not direct:
        # "Acme Laboratories (AL), Ghent", "Acme Laboratories (AL) in Ghent": the short
        # name in brackets stands between the name and its place
        after_short = _after_own_short_name(view, a, b, gap)
        if after_short is not None:
            gap, direct = after_short, True
    if a.type in ORG_TYPES and b.type == "Region" and direct:
        if _ADDRESS.match(gap):
            yield from out(LOCATED_IN, a, b, 0.8, "address")
        elif (
            _COMMA_PLACE.match(gap)
            and not _listed_after(view, seg, a)
            and not _after_comma(view, a)
        ):
            places = view.expand_list(b, seg, ("Region",))
            if not _LIST_GOES_ON.match(view.text[places[-1].end : places[-1].end + 20]):
                for r in places:
                    yield from out(LOCATED_IN, a, r, 0.5, "comma place")
        apposed = apposed_place(lang)
        if apposed is not None and apposed.match(gap) and not _NAME_GOES_ON.match(after_b):
            # "Acme, a coatings maker based in Ghent": the place of the organisation the
            # apposition describes, the one right before its comma
            yield from out(LOCATED_IN, a, b, 0.7, "org-apposed-place")
        if _PAREN_OPEN.match(gap):
            # "Acme (Ghent)", "Acme (Ghent, Belgium)": the places inside its own brackets,
            # not those of the next item ("A (Ghent) and B (Bruges)")
            close = view.text.find(")", b.end)
            places = [
                r
                for r in view.expand_list(b, seg, ("Region",))
                if a.end <= r.start and (close == -1 or r.end <= close)
            ]
            if view.text[places[-1].end : places[-1].end + 3].lstrip().startswith(")"):
                for r in places:
                    yield from out(LOCATED_IN, a, r, 0.6, "org-(place)")
        elif (_DASH.match(gap) or _IN_PLACE.match(gap)) and not _NAME_GOES_ON.match(after_b):
            places = view.expand_list(b, seg, ("Region",))
            dash = bool(_DASH.match(gap))
            if not dash or _ITEM_ENDS.match(view.text[places[-1].end : places[-1].end + 8]):
                for r in places:
                    if not _POSSESSIVE_AFTER.match(view.text[r.end : r.end + 3]):
                        yield from out(
                            LOCATED_IN, a, r, 0.5, "org-dash-place" if dash else "org-in-place"
                        )
    if a.type == "Region" and b.type in ORG_TYPES and direct and _PAREN_OPEN.match(gap):
        name = view.text[a.start : a.end]
        line_start = view.text.rfind("\n", 0, a.start) + 1
        first = not view.text[line_start : a.start].strip()
        dateline = (first or name.isupper()) and _DATELINE_AFTER.match(after_b)
        if after_b.lstrip().startswith(")") and not dateline:
            yield from out(LOCATED_IN, b, a, 0.45, "place-(org)")
    if a.type in ORG_TYPES and b.type in ORG_TYPES and direct and _PAREN_OPEN.match(gap):
        inner = view.expand_list(b, seg, ORG_TYPES)
        if all(r.key != a.key for r in inner) and not _spells_words_before(view, seg, b):
            for r in inner:
                yield from out(MEMBER_OF, r, a, 0.45, "org-(org)")
    if a.type in ORG_TYPES and b.type in ORG_TYPES and _PART_OF.match(gap):
        # only the part's own acronym may stand between: "DG REGIO (DG REGIO) de la ..."
        same = all(r.key == a.key for r in view.refs_in(a.end, b.start))
        # Dutch "of" is "or": "bij Acme of Bergmark"
        dutch_or = lang == "nl" and gap.strip().lower() == "of"
        if same and not dutch_or and not _NAME_GOES_ON.match(after_b):
            yield from out(MEMBER_OF, a, b, 0.8, "part-of")
    if a.type == "Person" and b.type in ORG_TYPES:
        if direct and _PERSON_OF.match(gap):
            yield from out(AFFILIATED_WITH, a, b, 0.6, "person-of-org")
        elif _APPOSITION.match(gap) and not NEW_LIST_ITEM.match(gap):
            yield from out(AFFILIATED_WITH, a, b, 0.65, "person-role-org")
    if a.type in ORG_TYPES and b.type == "Person" and direct and _ORG_ROLE_PERSON.match(gap):
        yield from out(AFFILIATED_WITH, b, a, 0.6, "org-role-person")
    if a.type in PROJECT_TYPES and b.type == "Person" and direct:
        if _PROJECT_LEAD_PERSON.match(gap):
            yield from out(LEADS, b, a, 0.6, "project-lead-person")
    if a.type == "Person" and b.type in PROJECT_TYPES and direct:
        if _PERSON_COMMA.match(gap) and _LEAD_AFTER.match(after_b):
            yield from out(LEADS, a, b, 0.6, "person-project-lead")
    if a.type in PROJECT_TYPES and direct and _WITH_GAP.match(gap):
        if _WITH_BEFORE.search(view.text[max(seg.start, a.start - 12) : a.start]):
            for r in _any_list(view, seg, b):
                if r.type in ORG_TYPES:
                    yield from out(PARTICIPATES_IN, r, a, 0.55, "with-project-orgs")
    if a.type == "FundingProgramme" and b.type == "Project" and direct:
        if _PROGRAMME_PROJECT.match(gap):
            yield from out(FUNDED_BY, b, a, 0.6, "programme-project")
    if a.type == "Project" and b.type == "FundingProgramme" and direct:
        if _PROJECT_IS_A.match(gap) and _PROJECT_WORD_AFTER.match(after_b):
            yield from out(FUNDED_BY, a, b, 0.6, "project-is-a-programme")
        elif _PAREN_OPEN.match(gap) and after_b.lstrip().startswith(")"):
            # "Solar Bridge (Horizon Europe)"
            yield from out(FUNDED_BY, a, b, 0.55, "project-(programme)")
