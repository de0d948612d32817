"""``innograph_entities_v1``: one set of typed, grouped entity mentions per document.

Candidates come from the gazetteer, the rules and (for English) the statistical NER.
Overlaps are settled longest-first, by source (gazetteer and rules before NER). Then
mentions of the same thing are grouped within the document — same name, same registry
key, acronym and long form, a later short form of an earlier full name — and every span
of a group gets the same ``Span.id_`` ("e1", "e2" ...). Evidence from the whole document
then joins and types groups: "Stadt X" and "X", "Long Form (LF)", "X, ofwel Y"; a name
called a project or programme right at one mention is one in all its mentions.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc, Span

from innograph.ingest.ablation import ablated
from innograph.ingest.entities.compass import compass_only
from innograph.ingest.entities.compounds import (
    JOINING_DASHES,
    europe_in_a_name,
    inside_compound,
    known_names_side_by_side,
    no_name_word,
)
from innograph.ingest.entities.coordination import split_coordinated
from innograph.ingest.entities.demonyms import without_place_adjective, without_trailing_place
from innograph.ingest.entities.french import french_institution, french_word_as_noun
from innograph.ingest.entities.gazetteer import Gazetteer, gazetteer
from innograph.ingest.entities.gazetteer_lexicon import (
    CLUSTER_CUES,
    CONTINENTS,
    EVENT_HEADS,
    GENERIC_ACRONYMS,
    GENERIC_TERMS,
    ORG_HEADS,
    PERSON_ROLES,
    PROJECT_CUES,
    STOP_CAPITALISED,
)
from innograph.ingest.entities.generic import (
    class_name,
    document_title,
    one_of_a_kind,
    plural_acronym,
)
from innograph.ingest.entities.german import (
    GERMAN_CUED_ZIPF,
    GERMAN_ZIPF,
    german_compound_tokens,
    german_nouns,
    german_ordinary,
    german_prose,
    german_word_not_place,
    name_adjective,
)
from innograph.ingest.entities.grouping import (
    Group,
    cue_types,
    current,
    find_group,
    fund_names,
    link_groups,
    lonely_acronym,
    not_persons,
    placed_defaults,
    type_families,
)
from innograph.ingest.entities.headings import shouted_heading
from innograph.ingest.entities.led import undertakings_by_role
from innograph.ingest.entities.legal_suffix import with_legal_form
from innograph.ingest.entities.list_types import harmonise_lists, listed_with_organisations
from innograph.ingest.entities.patterns import cued_project_name
from innograph.ingest.entities.persons import PERSON_FLAG, abstract_noun
from innograph.ingest.entities.quoted import FLAG as QUOTED_FLAG
from innograph.ingest.entities.repeats import with_repeated_names
from innograph.ingest.entities.spans import (
    COORDINATORS,
    NAME_CONNECTORS,
    SPAN_ENTITIES,
    SPAN_GAZETTEER,
    SPAN_NER,
    SPAN_PATTERNS,
    SPAN_WEAK,
    capitalised_in_running_text,
    is_acronym,
    registry_key,
)
from innograph.ingest.entities.spans import cached_fold as fold
from innograph.ingest.entities.streets import POSTCODE_FLAG, town_after_postcode, without_street
from innograph.ingest.entities.themes import theme_tokens
from innograph.ingest.entities.units import split_unit
from innograph.ingest.entities.weak import AFFILIATION_FLAG, GOVERNMENT_FLAG, is_distinctive

_STRONG_FLAGS = ("list|cue", "weak|multi", GOVERNMENT_FLAG, AFFILIATION_FLAG)
_SOURCE_RANK = {SPAN_GAZETTEER: 0, SPAN_PATTERNS: 1, SPAN_NER: 2, SPAN_WEAK: 3}
# How much a source's type counts when the mentions of one group disagree.
_TYPE_WEIGHT = {SPAN_GAZETTEER: 3.0, SPAN_PATTERNS: 2.0, SPAN_NER: 1.0, SPAN_WEAK: 1.0}

_HEAD_WORDS_ALONE = EVENT_HEADS | CLUSTER_CUES
# Names written as they are, generic words and all: Interreg names and quoted titles.
_KEPT_TITLES = ("interreg|", QUOTED_FLAG, "list|quoted")


# Flags of spans whose own evidence makes them names, dictionary words or not.
_TRUSTED_FLAGS = (
    "interreg|",
    "list|cue",
    "acronym|",
    "head|",
    QUOTED_FLAG,
    PERSON_FLAG,
    GOVERNMENT_FLAG,
    POSTCODE_FLAG,
)


def _usable(span: Span, source: str) -> bool:
    text = span.text.strip()
    if not text or "\n" in text or len(text) < 2:
        return False
    # A quoted name next to a cue word is a name even if it spells a general term.
    if text in GENERIC_ACRONYMS and span.kb_id_ not in (QUOTED_FLAG, AFFILIATION_FLAG):
        return False
    words = [fold(t.text) for t in span if not t.is_punct]
    if not words or all(no_name_word(w) for w in words):
        return False
    # A lower-case word only as a registry brand that opens a sentence somewhere
    # ("acme, the ..."), and then wherever it is written so.
    lower = len(span) == 1 and span[0].is_lower
    if lower and not (
        source == SPAN_GAZETTEER and any(t.is_sent_start and t.text == span.text for t in span.doc)
    ):
        return False
    if " ".join(words) in CONTINENTS:
        return False
    if source != SPAN_GAZETTEER and shouted_heading(span):
        return False
    if french_word_as_noun(span):
        return False
    # A type's head word alone ("Meeting", "Tage", "Pôle") is a common noun, not a name.
    if len(words) == 1 and (words[0] in ORG_HEADS or words[0] in _HEAD_WORDS_ALONE):
        return False
    if fold(text) in GENERIC_TERMS:
        return False
    if document_title(span) and not span.kb_id_.startswith("interreg|"):
        return False  # "the Regional Growth Strategy", "Annual Report 2024"
    if source != SPAN_GAZETTEER and span.label_ != "Person" and _place_adjective(span):
        return False
    # A role and its portfolio ("Ministre des Transports", "Minister for Culture") is a
    # post someone holds, not an organisation (the ministry is "Ministerie", "Ministère");
    # a role word before a body's name ("Gedeputeerde Staten") is not cut off.
    if (
        source != SPAN_GAZETTEER
        and span.label_ != "Person"
        and len(span) >= 2
        and fold(span[0].text) in PERSON_ROLES
        and (fold(span[1].text) in _PORTFOLIO_LINKS or span[1].text in JOINING_DASHES)
    ):
        return False
    if source == SPAN_GAZETTEER and german_word_not_place(span):
        return False
    if _borrowed_english_term(span):
        return False
    if source != SPAN_GAZETTEER and _generic_plural(span):
        return False
    if source == SPAN_WEAK and german_prose(span):
        return False
    if not registry_key(span.kb_id_) and not span.kb_id_.startswith(_KEPT_TITLES):
        if one_of_a_kind(span) or class_name(span) or plural_acronym(span) or compass_only(span):
            return False
    # The statistical NER's "person" ending in an abstract noun ("Clever Cooking").
    if source == SPAN_NER and span.label_ == "Person" and abstract_noun(span[-1].text):
        return False
    trusted = source == SPAN_GAZETTEER or span.kb_id_.startswith(_TRUSTED_FLAGS)
    # Outside English, common nouns are not capitalised: a capitalised name with a head
    # noun in mid-sentence ("de Stichting Groene Haven") is a name even if its words are not.
    if (
        source == SPAN_PATTERNS
        and span.doc.lang_ != "en"
        and not span[0].is_sent_start
        and not german_nouns(span)
    ):
        trusted = True
    if source == SPAN_PATTERNS and (
        capitalised_in_running_text(span) and span.doc.lang_ == "en" or cued_project_name(span)
    ):
        trusted = True
    return trusted or _proper(span)


# Endings of the adjectives made from places and peoples, per language ("West-Vlaamse",
# "Nederlands-Duitse", "European", "Niederländische"); French writes them in lower case.
_PLACE_ADJECTIVES = {
    "en": ("ean", "ian", "ish", "ese"),
    "nl": ("se", "sche"),
    "de": ("ische", "ischen", "ischer", "isches"),
}


def _place_adjective(span: Span) -> bool:
    """One adjective of a place or people, hyphenated or not, says whose the projects are
    before a project word ("het West-Vlaamse project"); after one, a name is there."""
    words = [t.text for t in span if t.text not in JOINING_DASHES]
    if not words or len(words) > 2 or not all(w.isalpha() and w[:1].isupper() for w in words):
        return False
    after_cue = span.start > 0 and span.doc[span.start - 1].lower_ in PROJECT_CUES
    if after_cue or any(w.isupper() for w in words):
        return False
    return words[-1].lower().endswith(_PLACE_ADJECTIVES.get(span.doc.lang_, ())) and (
        len(words) == 1 or len(span) == 3  # "Nederlands-Duitse": one hyphenated word
    )


def _proper(span: Span) -> bool:
    """A proper name has a word that is not an ordinary word of the language, or a code."""
    g = gazetteer()
    lang = span.doc.lang_
    # A German name found by capitals alone needs a word that is not a frequent word
    # (a stricter bar when a nearby cue typed it: "in Gronau" is a place, "in Kürze" not).
    cutoff = 9.0
    if lang == "de" and span.kb_id_.startswith("weak|"):
        cutoff = GERMAN_ZIPF if span.kb_id_.endswith("|default") else GERMAN_CUED_ZIPF
    ordinary_compounds = german_compound_tokens(span, cutoff) if lang == "de" else set()
    for token in span:
        text = token.text
        if token.is_punct or text.lower() in STOP_CAPITALISED or token.i in ordinary_compounds:
            continue
        if _is_number(text):
            continue
        if is_distinctive(text) or any(c.isdigit() for c in text):
            return True
        if lang == "de" and name_adjective(token):
            return True
        if lang == "de" and german_ordinary(text, cutoff):
            continue  # German capitalises its nouns: "Millionen Euro", "Rahmen des Projekts"
        if not _common(g, text, lang if lang in ("en", "nl") else None):
            return True
    return False


def _borrowed_english_term(span: Span) -> bool:
    """An English phrase of ordinary words in a Dutch, French or German text ("Technology
    Readiness Level", "Letter of Intent", "Smart Logistics") that nothing but its capitals
    calls a name: a borrowed term. Capitals in mid-sentence make a name in those
    languages, not in English, so the test is English's: every word an ordinary one."""
    if span.doc.lang_ == "en" or not span.kb_id_.startswith("weak|multi|default"):
        return False
    g = gazetteer()
    words = [t.text for t in span if t.is_alpha]
    return len(words) >= 2 and all(
        w.lower() in STOP_CAPITALISED or _common(g, w, "en") for w in words
    )


def _generic_plural(span: Span) -> bool:
    """A head word and a plural in lower case ("Spearhead clusters", "les Pôles
    wallons"): a class of things, which the gold leaves out, not one thing's name. A
    quoted title or an Interreg name keeps its words."""
    if len(span) != 2 or span.kb_id_.startswith(("interreg|", QUOTED_FLAG, "list|quoted")):
        return False
    last = span[1].text
    return (
        span[0].text[:1].isupper()
        and last.islower()
        and last.isalpha()
        and (len(last) >= 4 and last.endswith(("s", "x")))
    )


def _is_number(text: str) -> bool:
    """A year or a number ("2021", "2027.", "1.5"): no name on its own, so a phrase of
    ordinary words and a year ("Mitte 2019", "Herbst 2011") is a date, not a name."""
    return text.rstrip(".").replace(".", "").replace(",", "").isdigit()


def _common(g: Gazetteer, word: str, lang: str | None) -> bool:
    """An ordinary word of the language, also in the plural ("breakthroughs")."""
    forms = [word]
    low = word.lower()
    if low.endswith("ies"):
        forms.append(low[:-3] + "y")
    if low.endswith("es"):
        forms.append(low[:-2])
    if low.endswith("s"):
        forms.append(low[:-1])
    return any(g.is_common_word(f, lang) for f in forms)


_MINISTRY_WORDS = frozenset({"ministerium", "ministry", "ministerie", "ministere"})
_PORTFOLIO_LINKS = frozenset({"für", "fur", "for", "of", "van", "voor", "de", "des"})
_STATE_GENITIVE = frozenset({"landes", "bundes", "freistaates"})


def _with_portfolio(span: Span) -> Span:
    """A ministry's full name lists its portfolio: "Ministerium für Wirtschaft, Industrie,
    Klima und Energie NRW", "... und Energie des Landes Nordrhein-Westfalen". Extend a
    ministry name cut at the first comma over single capitalised portfolio words, a final
    one after a coordinator, and the state that follows."""
    if fold(span[0].text) not in _MINISTRY_WORDS or not any(
        t.lower_ in _PORTFOLIO_LINKS for t in span[1:]
    ):
        return span
    doc, i, end = span.doc, span.end, span.end
    while i + 1 < len(doc):
        tok, nxt = doc[i], doc[i + 1]
        word_after = nxt.text[:1].isupper() and nxt.is_alpha and not nxt.is_sent_start
        if tok.text == "," and word_after:
            after = doc[i + 2] if i + 2 < len(doc) else None
            if after is not None and after.text[:1].isupper() and after.is_alpha:
                break  # ", Provinz Overijssel": another name, not a portfolio word
            i += 2
            continue
        if tok.lower_ in COORDINATORS and word_after and i > span.end:
            i += 2
            if i < len(doc) and doc[i].text.isupper() and len(doc[i]) >= 2:
                i += 1  # "... und Energie NRW"
            elif (
                i + 2 < len(doc)
                and doc[i].lower_ == "des"
                and doc[i + 1].lower_ in _STATE_GENITIVE
                and doc[i + 2].text[:1].isupper()
            ):
                i += 3  # "... des Landes Nordrhein-Westfalen"
                while i + 1 < len(doc) and doc[i].text == "-" and doc[i + 1].text[:1].isupper():
                    i += 2
            end = i
        break
    if end == span.end or "\n" in doc[span.start : end].text:
        return span
    return Span(doc, span.start, end, label=span.label_, kb_id=span.kb_id_)


_YEAR_TYPES = frozenset({"Organisation", "Region", "Cluster", "Person"})
_POSSESSIVES = frozenset({"'s", "’s"})
# Lower-case words that join a name's words or say where it is, and so never end a name.
_FUNCTION_WORDS = NAME_CONNECTORS - {"&"} | frozenset(
    "in at from near uit te bij aus bei im am à au aux dans".split()
)
# German words glued to a name for its area: "X-Gebiet", "in den X-Gebieten".
_AREA_WORDS = frozenset({"gebiet", "gebiets", "gebieten", "gebiete", "raum", "raums"})


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and text[:2] in {"19", "20"}


def trim_name_edges(span: Span) -> Span | None:
    """A name without what the capitals dragged into it: a dangling "&" at either edge
    ("& Partners" of a cut list), a function word closing it ("University of Twente
    in"), a year after an organisation or place ("Acme Council 2022": the year of an
    event, not the name), a German area word glued to a name ("X-Gebiet": the place X).
    A name that ends in a cut compound ("Limburgse Land-" of "Land- en Tuinbouwbond") is
    no name: ``None``."""
    start, end = span.start, span.end
    doc = span.doc
    # A possessive ends the owner's name: "Acme's", "Acme’s NGO" name Acme.
    end = next((t.i for t in span[1:] if t.text in _POSSESSIVES), end)
    while start < end and doc[start].text in {"&", "+"}:
        start += 1
    while end > start and doc[end - 1].text in {"&", "+"}:
        end -= 1
    while end - start > 1 and doc[end - 1].text in _FUNCTION_WORDS:
        end -= 1  # "University of Twente in": the NER stopped before the place
    if end - start >= 2 and span.label_ in _YEAR_TYPES and _is_year(doc[end - 1].text):
        end -= 1
    if start >= end:
        return None
    if doc[end - 1].text.endswith(("-", "–")):
        return None
    label = span.label_
    if (
        end - start >= 3
        and fold(doc[end - 1].text) in _AREA_WORDS
        and doc[end - 2].text == "-"
        and not doc[end - 2].whitespace_
        and not doc[end - 3].whitespace_
    ):
        end, label = end - 2, "Region"  # "das EUREGIO-Gebiet": the area of the name
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=label, kb_id=span.kb_id_)


def _code_and_place(span: Span) -> bool:
    """ "TU Delft", "FH Aachen", "UZ Gent": an institution's code before its town names the
    institution; the town alone is not the name."""
    if len(span) < 2 or not is_acronym(span[0].text) or len(span[0].text) > 5:
        return False
    place = span[1:].text
    return any(e.type == "Region" for e in gazetteer().lookup(place))


def _region_extents(doc: Doc) -> list[tuple[int, int]]:
    """The token extents of the gazetteer's places, in order of start."""
    return sorted(
        (g.start, g.end) for g in doc.spans.get(SPAN_GAZETTEER, []) if g.label_ == "Region"
    )


def _name_around_place(span: Span, places: list[tuple[int, int]]) -> bool:
    """A name the statistical NER finds around a known place, with a capitalised word of
    its own that is no place ("Gouda Works", "Kennis-As Drenthe", "Drenthe
    Capital"): the name of a thing named after the place, not the place. ``places``:
    :func:`_region_extents` of the span's doc."""
    if span.label_ == "Person" or any(
        t.text in {"(", ")", ",", "'s", "’s", "/"} or t.is_sent_start for t in span[1:]
    ):
        return False  # a person's name, or an edge the NER took too far
    first = bisect_left(places, (span.start, -1))
    inside = [
        (start, end)
        for start, end in places[first : bisect_left(places, (span.end, -1))]
        if end <= span.end
    ]
    if not inside or (span.start, span.end) in inside:
        return False
    covered = {i for start, end in inside for i in range(start, end)}
    rest = [t for t in span if t.i not in covered and not t.is_punct]
    return any(
        t.text[:1].isupper() and fold(t.text) not in STOP_CAPITALISED and not t.like_num
        for t in rest
    )


def _tier(span: Span, group: str, places: list[tuple[int, int]]) -> int:
    """Which candidates win an overlap: 0 Interreg names and persons after role words;
    1 gazetteer, rules, cued list members, Dutch/French/German mid-sentence names;
    2 the statistical NER; 3 other weak names. Within a tier the longer span wins."""
    if span.kb_id_ == PERSON_FLAG:
        return -1  # a first name and a surname, or a title: the exact extent of a person
    if group == SPAN_PATTERNS and (span.kb_id_.startswith("interreg|") or span.label_ == "Person"):
        return 0
    if group in (SPAN_GAZETTEER, SPAN_PATTERNS) or span.kb_id_.startswith(_STRONG_FLAGS):
        return 1
    if _code_and_place(span):
        return 1
    if group == SPAN_NER and (_name_around_place(span, places) or french_institution(span)):
        return 1
    return 2 if group == SPAN_NER else 3


def _choose(doc: Doc) -> list[tuple[Span, float]]:
    """Non-overlapping candidates (with their type weight), see :func:`_tier`."""
    candidates = []
    themes = theme_tokens(doc)
    places = _region_extents(doc)
    known = sorted(doc.spans.get(SPAN_GAZETTEER, []), key=lambda k: k.start)
    for group in (SPAN_PATTERNS, SPAN_GAZETTEER, SPAN_NER, SPAN_WEAK):
        if group.removeprefix("ig_") in ablated():  # "ig_ner" -> "ner"
            continue
        for span in doc.spans.get(group, []):
            pieces = split_coordinated(_with_portfolio(span))
            for whole in (p for s in pieces for p in split_unit(s)):
                part = trim_name_edges(with_legal_form(whole))
                part = part and without_street(part)  # an address line's street
                part = part and town_after_postcode(part)
                part = part and without_place_adjective(part)
                part = part and without_trailing_place(part)
                if part is None:
                    continue
                if _a_theme(part, group, themes):
                    continue
                if group == SPAN_GAZETTEER and (inside_compound(part) or europe_in_a_name(part)):
                    continue
                if group == SPAN_WEAK and known_names_side_by_side(part, known):
                    continue
                if _usable(part, group):
                    # A cued list member or a quoted name typed by its cue wins a tie with a
                    # rule that typed the same words by their head ("„Netzwerk X“").
                    cued = part.kb_id_ in ("list|cue", QUOTED_FLAG)
                    source_rank = 0.5 if cued else _SOURCE_RANK[group]
                    rank = (_tier(part, group, places), -len(part), source_rank, part.start)
                    candidates.append((rank, part, _weight(part, group)))
    candidates.sort(key=lambda c: c[0])
    taken = [False] * len(doc)
    chosen = []
    for _rank, span, weight in candidates:
        if any(taken[span.start : span.end]):
            continue
        for i in range(span.start, span.end):
            taken[i] = True
        chosen.append((_typed(doc, span), weight))
    chosen.sort(key=lambda c: c[0].start)
    return chosen


def _a_theme(span: Span, group: str, themes: dict[int, tuple[int, int]]) -> bool:
    """A name listed as a theme or sector ("Unsere Schwerpunkte lauten: Wasser & Boden, ...");
    a known place that is a whole member of the list stays a place."""
    if not all(i in themes for i in range(span.start, span.end)):
        return False
    whole = themes[span.start] == (span.start, span.end)
    return not (whole and group == SPAN_GAZETTEER and span.label_ == "Region")


def _weight(span: Span, group: str) -> float:
    """How much a mention's type counts in its group's vote (defaults count little)."""
    if span.kb_id_.endswith("|default") or span.label_ == "?":
        return 0.3  # a default type, or none yet (a long form typed later by its acronym)
    if span.kb_id_ == "list|cue":
        return 2.5
    if span.kb_id_ == PERSON_FLAG:
        return 2.0
    return _TYPE_WEIGHT[group]


def _typed(doc: Doc, span: Span) -> Span:
    """Give long forms found by the acronym rule ("?") the type of their acronym; an
    institution's code and town ("TU Delft") name an organisation."""
    if span.label_ not in {"?", "Organisation"} and _code_and_place(span):
        return Span(doc, span.start, span.end, label="Organisation", kb_id=span.kb_id_)
    if span.label_ != "?":
        return span
    acronym = span.kb_id_.split("|", 1)[1]
    entries = gazetteer().lookup(acronym)
    label = entries[0].type if entries else "Organisation"
    for other in doc.spans.get(SPAN_NER, []):
        if other.text == acronym and label == "Organisation":
            label = other.label_
    return Span(doc, span.start, span.end, label=label, kb_id=span.kb_id_)


def group_mentions(doc: Doc, weighted: list[tuple[Span, float]]) -> list[Span]:
    """Assign every span its document-level group (``Span.id_``) and return them."""
    groups: list[Group] = []
    # Longer names first, so that short forms and acronyms find their full name.
    order = sorted(weighted, key=lambda c: (-len(c[0]), c[0].start))
    assigned: dict[int, Group] = {}
    for span, weight in order:
        group = find_group(span, groups)
        if group is None:
            group = Group(f"e{len(groups) + 1}", span.label_)
            groups.append(group)
        group.add(span, weight)
        assigned[span.start] = group
    merged = link_groups(doc, groups)
    cue_types(doc, groups)
    undertakings_by_role(doc, groups)
    placed_defaults(doc, groups)
    not_persons(groups)
    type_families(groups)
    fund_names(groups)
    out = []
    final = [(span, current(assigned[span.start], merged)) for span, _weight in weighted]
    harmonise_lists(final)
    for k, (_span, group) in enumerate(final):
        # A word in capitals is taken for a project only by default: listed among
        # organisations of several words or backed by a registry, it is one of them.
        if (
            group.type == "Project"
            and not group.confident
            and listed_with_organisations(final, k, strong=True)
        ):
            group.type = "Organisation"
    for k, (span, group) in enumerate(final):
        if lonely_acronym(group) and not listed_with_organisations(final, k):
            continue
        labelled = Span(
            doc, span.start, span.end, label=group.type, kb_id=span.kb_id_, span_id=group.key
        )
        out.append(labelled)
    return out


@Language.component("innograph_entities_v1", assigns=["doc.spans"])
def entities(doc: Doc) -> Doc:
    """Choose, type and group the document's entity mentions into ``doc.spans["ig_entities"]``."""
    doc.spans[SPAN_ENTITIES] = group_mentions(doc, with_repeated_names(doc, _choose(doc)))
    return doc
