"""Mentions into entities: which spans of a document name the same thing.

``Group`` gathers a document's mentions of one thing; ``find_group`` decides where a new
mention goes (same name, an acronym, a short form, an Interreg name's parts); the
document-level pass (``link_groups``, ``cue_types``, ``not_persons``, ``type_families``)
joins "Long Form (LF)", a name with its translation, "Stadt X" with "X", and types all
mentions of a name from a cue next to any one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from innograph.ingest.entities.abbreviations import name_words, spelled_by
from innograph.ingest.entities.copula import FLAG as COPULA_FLAG
from innograph.ingest.entities.gazetteer import norm_name
from innograph.ingest.entities.gazetteer_lexicon import FUNDS, ORG_HEADS
from innograph.ingest.entities.generic import ACRONYM_PLURAL
from innograph.ingest.entities.german import german_nominative
from innograph.ingest.entities.interreg import InterregName
from innograph.ingest.entities.kinds import FLAG as KIND_FLAG
from innograph.ingest.entities.person_evidence import company_short_form
from innograph.ingest.entities.persons import PERSON_FLAG
from innograph.ingest.entities.quoted import quoted_whole
from innograph.ingest.entities.spans import cached_fold as fold
from innograph.ingest.entities.spans import (
    is_acronym,
    is_name_token,
    registry_key,
)
from innograph.ingest.entities.succession import after_lead_role, continues_or_continued
from innograph.ingest.entities.universities import contracted_place, university_places
from innograph.ingest.entities.weak import is_distinctive

# Zipf frequencies above which a German word is an ordinary word (see ``_proper``).

_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii"}


@dataclass
class Group:
    key: str
    type: str
    spans: list[Span] = field(default_factory=list)
    norms: set[str] = field(default_factory=set)
    kb_ids: set[str] = field(default_factory=set)
    votes: dict[str, float] = field(default_factory=dict)
    confident: bool = False

    def add(self, span: Span, weight: float) -> None:
        self.spans.append(span)
        self.norms.add(norm_name(span.text))
        self.norms.add(norm_name(span.text).replace(" ", ""))
        if span.doc.lang_ == "de":  # "des Landkreises X" is the Landkreis X
            self.norms.add(norm_name(german_nominative(span.text)))
        bare = _without_eu(span.text)
        if bare:
            self.norms.add(bare)
        if span.kb_id_:
            self.kb_ids.add(
                span.kb_id_ if span.kb_id_.startswith("acronym|") else registry_key(span.kb_id_)
            )
        self.votes[span.label_] = self.votes.get(span.label_, 0.0) + weight
        self.confident = self.confident or weight > 0.3
        self.type = max(self.votes, key=lambda t: (self.votes[t], t == self.spans[0].label_))

    @property
    def longest(self) -> Span:
        return max(self.spans, key=lambda s: (len(s.text), -s.start))


def _initials(text: str) -> str:
    words = [w for w in text.replace("-", " ").split() if w[:1].isupper() or w[:1].isdigit()]
    return "".join(w[0] for w in words).upper()


def _acronym_of(acronym: str, group: Group) -> bool:
    letters = "".join(c for c in acronym if c.isalnum()).upper()
    return any(f"acronym|{acronym}" == k for k in group.kb_ids) or any(
        len(letters) >= 2 and (_initials(s.text) == letters or _reordered_initials(s, letters))
        for s in group.spans
        if len(s) > 1
    )


def _reordered_initials(span: Span, letters: str) -> bool:
    """English puts an organisation's head noun last and its acronym may not: "UB" of
    "Bergmark University", the same initials in another order."""
    initials = _initials(span.text)
    return (
        initials != letters
        and sorted(initials) == sorted(letters)
        and any(fold(t.text) in ORG_HEADS for t in span)
    )


def _compatible(a: str, b: str) -> bool:
    orgs = {"Organisation", "Cluster"}
    return a == b or a in orgs and b in orgs


def _interreg_joins(name: InterregName, group: Group, span: Span) -> bool:
    """A short Interreg mention ("Interreg VA", "the Interreg programme") joins the one
    fully named programme it can denote."""
    for kb_id in group.kb_ids:
        other = InterregName.from_key(kb_id)
        if other is None or not other.area:
            continue
        if name.generation and other.generation and name.generation != other.generation:
            continue
        if name.strand and other.strand and name.strand != other.strand:
            continue
        if name.area == other.area or name.ref and name.ref == other.ref:
            return True
        # A short mention ("Interreg VA", "the Interreg programme") of the one full name.
        if not name.area and (name.generation or span[-1].lower_.startswith("program")):
            return True
        if not name.area and not name.strand and len(span) == 1:
            return True  # a bare "Interreg" in a document about one Interreg programme
    return False


def _number_variant(a: str, b: str) -> bool:
    """Whether two normalised names of three words or more differ only in one word
    written once in the singular and once in the plural ("-s"): one name, as writers
    inflect it."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 3:
        return False
    differ = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    return len(differ) == 1 and (
        differ[0][0] == differ[0][1] + "s" or differ[0][1] == differ[0][0] + "s"
    )


def find_group(span: Span, groups: list[Group]) -> Group | None:
    norm = norm_name(span.text)
    kb_id = span.kb_id_
    nominative = norm_name(german_nominative(span.text)) if span.doc.lang_ == "de" else norm
    for group in groups:
        if norm in group.norms or norm.replace(" ", "") in group.norms or nominative in group.norms:
            same_kind = (span.label_ == "Region") == (group.type == "Region")
            if same_kind or span.label_ == group.type or not registry_key(span.kb_id_):
                return group
    singular = norm_name(ACRONYM_PLURAL.sub(r"\1", span.text))
    if singular != norm:  # "ESCs-4" after "ESC-4": one name
        for group in groups:
            if singular in group.norms and group.type not in {"Person", "Region"}:
                return group
    bare = _without_eu(span.text)
    for group in groups:  # "EU FP7" and "FP7": one programme
        if bare and bare in group.norms:
            return group
    for group in groups:  # "Harbours Go Digital" after "Harbour Go Digital"
        if (
            span.label_ == group.type != "Person"  # "Jan de Smits" is not "Jan de Smit"
            and any(_number_variant(norm, n) for n in group.norms)
        ):
            return group
    if registry_key(kb_id):
        for group in groups:
            if kb_id in group.kb_ids:
                return group
        name = InterregName.from_key(kb_id)
        if name is not None:
            fits = [g for g in groups if _interreg_joins(name, g, span)]
            return fits[-1] if len(fits) == 1 else None
    text = span.text
    towns = contracted_place(text)
    if towns:  # "UMontval" after "University of Montval" / "Université de Montval"
        fits = [
            g
            for g in groups
            if g.type in {"Organisation", "Cluster"}
            and any(towns & university_places(s.text) for s in g.spans)
        ]
        # The plainest name of the university ("Bergmark University", not "Bergmark University
        # Harbour Campus").
        shortest = sorted(
            (min(len(s) for s in g.spans if towns & university_places(s.text)), i)
            for i, g in enumerate(fits)
        )
        if len(shortest) == 1 or len(shortest) > 1 and shortest[0][0] < shortest[1][0]:
            return fits[shortest[0][1]]
    for group in groups:  # the short name of a long form seen with it: "X (Long Form)"
        if f"acronym|{text}" in group.kb_ids:
            return group
    if is_acronym(text):
        fits = [g for g in groups if g.type != "Region" and _acronym_of(text, g)]
        if len(fits) == 1:
            return fits[0]
    if kb_id.startswith("acronym|"):
        acronym = kb_id.split("|", 1)[1]
        for group in groups:
            if acronym in {s.text for s in group.spans}:
                return group
    # A later short form of an earlier full name: "Ada Lovelace" after "Ada Lovelace Institute".
    words = norm.split()
    if not words or _is_number(words[-1]):
        return None
    if registry_key(kb_id) and span.label_ == "Region":
        return None
    fits = [g for g in groups if _may_shorten(span, g) and _has_prefix(g, words, span.label_)]
    if len(fits) == 1:
        return fits[0]
    return None


def _may_shorten(span: Span, group: Group) -> bool:
    """May ``span`` be a short form of a name of ``group``, type-wise?"""
    if _compatible(span.label_, group.type) or company_short_form(span, group.norms):
        return True
    # An untyped or NER-typed short form follows its full name, but never across persons.
    return (
        not registry_key(span.kb_id_)
        and span.label_ != "Person"
        and group.type not in {"Region", "Person"}
    )


def _has_prefix(group: Group, words: list[str], label: str) -> bool:
    """Some name of the group starts with ``words`` (ends with them, for a person) and does
    not go on with a number ("GreenPort" is not short for "GreenPort 2")."""
    for other in group.norms:
        parts = other.split()
        if len(parts) <= len(words):
            continue
        if (
            parts[: len(words)] == words
            and not _is_number(parts[len(words)])
            and not _two_heads(words, parts[len(words) :])
        ):
            return True
        if label == "Person" and parts[-len(words) :] == words:
            return True
    return False


def _two_heads(short: list[str], rest: list[str]) -> bool:
    """ "X University" is no short form of "X University Medical Centre": each part has a
    head noun of its own, so they name two organisations."""
    return any(w in ORG_HEADS for w in short) and any(w in ORG_HEADS for w in rest)


def _is_number(word: str) -> bool:
    """A version number or generation: "X 2" and "X II" are not short forms of "X"."""
    return word.isdigit() or word in _ROMAN


# Nouns that end the name of a thing, never a person's name ("X Fellowships", "X Initiative").
_THING_ENDS = frozenset(
    """initiative initiatief initiatives regions grants grant fellowships fellowship
    declaration staten""".split()
)
# ... and of these, the ones that name a funding scheme.
_FUNDING_ENDS = frozenset("grants grant fellowships fellowship".split())


def not_persons(groups: list[Group]) -> None:
    """A name only the statistical NER took for a person is none if it ends in a noun that
    names a thing (an organisation's head, "Initiative") or a kind word introduces it once
    ("the health cluster X", "le pôle X"): that word says what it is, the NER guesses."""
    for group in groups:
        if group.type != "Person" or any(s.kb_id_ == PERSON_FLAG for s in group.spans):
            continue
        if len(kinds := {s.label_ for s in group.spans if s.kb_id_ == KIND_FLAG}) == 1:
            group.type = kinds.pop()
            continue
        last = fold(group.longest.text.split()[-1])
        if last in _FUNDING_ENDS:
            group.type = "FundingProgramme"
        elif last in _THING_ENDS or last in ORG_HEADS:
            group.type = "Organisation"


def type_families(groups: list[Group]) -> None:
    """A name typed by default takes the type of a confidently typed name that starts
    with the same distinctive word ("GreenBridge 2" after the project "GreenBridge North")."""
    for group in groups:
        if group.confident or group.type in {"Region", "Person"}:
            continue
        first = group.longest.text.split()[0]
        if not is_distinctive(first):
            continue
        types = {
            g.type
            for g in groups
            if g.confident
            and g is not group
            and g.longest.text.split()[0] == first
            and g.type not in {"Region", "Person"}
        }
        if len(types) == 1:
            group.type = types.pop()


# The one-word names of EU funds and programmes ("EFRO", "ERDF", "FP7", "OPZuid"), folded.
_FUND_WORDS = frozenset(fold(n) for names in FUNDS.values() for n in names if " " not in n)
_FUND_SPLIT = re.compile(r"[\s/&]+|(?<=\w)-(?=\w)")


def _fund_words_only(text: str) -> bool:
    """Whether a name is written with fund names alone ("ERDF-ESF+", "EU FP7"): at
    least one fund, and besides only "EU"."""
    words = [fold(w) for w in _FUND_SPLIT.split(text) if w]
    return any(w in _FUND_WORDS for w in words) and all(
        w in _FUND_WORDS or w == "eu" for w in words
    )


def _without_eu(text: str) -> str | None:
    """The normal form without its "EU" of a name of fund names ("EU FP7" -> "fp7"),
    or None for any other name."""
    norm = norm_name(text)
    if not norm.startswith("eu ") or not _fund_words_only(text):
        return None
    return norm[3:]


def fund_names(groups: list[Group]) -> None:
    """A name made of fund names only is a funding programme, whatever a cue next to it
    or the default made of it ("the ERDF-ESF+ call", "in EU FP6 calls")."""
    for group in groups:
        if group.type in {"Project", "Organisation"} and all(
            _fund_words_only(s.text) for s in group.spans
        ):
            group.type = "FundingProgramme"


# Words before a place name that name its administration: "Stadt X", "provincie X".
_PLACE_PREFIXES = (
    ("stadt",),
    ("gemeinde",),
    ("gemeente",),
    ("stad",),
    ("provinz",),
    ("provincie",),
    ("province", "of"),
    ("province", "de"),
    ("province", "du"),
    ("city", "of"),
    ("ville", "de"),
    ("commune", "de"),
    ("kreis",),
)


def _bare_place(text: str) -> str | None:
    """The place of "Stadt Münster" / "province of Limburg" (normalised), else None."""
    words = norm_name(text).split()
    for prefix in _PLACE_PREFIXES:
        n = len(prefix)
        if len(words) > n and tuple(words[:n]) == prefix:
            return " ".join(words[n:])
    return None


def _merge(into: Group, other: Group) -> None:
    """Move ``other``'s mentions, names and votes into ``into``."""
    into.spans.extend(other.spans)
    into.norms |= other.norms
    into.kb_ids |= other.kb_ids
    for label, vote in other.votes.items():
        into.votes[label] = into.votes.get(label, 0.0) + vote
    into.confident = into.confident or other.confident
    into.type = max(into.votes, key=lambda t: (into.votes[t], t == into.spans[0].label_))


def link_groups(doc: Doc, groups: list[Group]) -> dict[int, Group]:
    """Join groups that the whole document shows to be one thing; returns, by ``id()``,
    the group each joined group went into (the joined ones leave ``groups``)."""
    merged: dict[int, Group] = {}

    def join(a: Group, b: Group, label: str | None = None) -> None:
        if a is b:
            return
        _merge(a, b)
        if label:
            a.type = label
        merged[id(b)] = a
        groups.remove(b)

    # "Stadt Münster" and "Münster" are one place, when the document has one such form.
    by_norm = {n: g for g in groups if g.type == "Region" for n in g.norms}
    prefixed: dict[str, list[Group]] = {}
    for group in groups:
        bares = {p for s in group.spans if (p := _bare_place(s.text))}
        if len(bares) == 1 and group.type in {"Region", "Organisation"}:
            prefixed.setdefault(bares.pop(), []).append(group)
    for bare, forms in prefixed.items():
        place = by_norm.get(bare)
        if place is not None and len(forms) == 1 and forms[0] in groups and place in groups:
            join(forms[0], place, "Region")
    # "Long Form (LF)" and "LF (Long Form)": one thing, whatever each part was found as.
    group_of = {id(s): g for g in groups for s in g.spans}
    starts = {s.start: s for g in groups for s in g.spans}
    for group in list(groups):
        for span in list(group.spans):
            inner = starts.get(span.end + 1)
            if (
                inner is None
                or span.end + 1 >= len(doc)
                or doc[span.end].text != "("
                or inner.end >= len(doc)
            ):
                continue
            closed = doc[inner.end].text == ")"
            if not closed and not _period_closes(doc, inner.end):
                continue
            a = current(group_of[id(span)], merged)
            b = current(group_of[id(inner)], merged)
            if (
                a is not b
                and "Person" not in {a.type, b.type}
                and (
                    closed
                    and (_abbreviates(span.text, inner.text) or _translates(span, inner, a, b))
                    or "Region" not in {a.type, b.type}
                    and _spelled_up_to(doc, span, inner)
                )
            ):
                join(a, b)
    # "X, ofwel Y", "X, also known as Y": two names of one thing.
    ordered = sorted(starts.values(), key=lambda s: s.start)
    for first, second in zip(ordered, ordered[1:], strict=False):
        gap = doc[first.end : second.start]
        if len(gap) > 8 or not _ALIAS_GAP.match(gap.text.strip()):
            continue
        a = current(group_of[id(first)], merged)
        b = current(group_of[id(second)], merged)
        if a is not b and not {a.type, b.type} & {"Person", "Region"}:
            join(a, b)
    return merged


# What stands between a name and another name of the same thing.
_ALIAS_GAP = re.compile(
    r"^,?\s*(?:ofwel|oftewel|(?:also|better) known as|a\.?k\.?a\.?|(?:dat |die )?(?:ook )?(?:wel )?"
    r"bekend (?:staat )?als|auch (?:bekannt )?als|(?:aussi|également) (?:appelée?|connue? "
    r"sous le nom d[e']))\s*(?:het|de|the|le|la|l'|die|das|der)?$",
    re.IGNORECASE,
)


# A year, a span of years or its dash, however the tokenizer cut it: "2021", "-", "2021-2027".
_PERIOD_PART = re.compile(r"^(?:\d{2,4}(?:[-–/]\d{2,4})?|[-–/])$")


def _period_closes(doc: Doc, i: int) -> bool:
    """Whether a period ("2021-2027") from token ``i`` closes the bracket: "(ACME 2021-2027)"."""
    j = i
    while j < len(doc) and j - i < 4 and _PERIOD_PART.match(doc[j].text):
        j += 1
    return i < j < len(doc) and doc[j].text == ")"


def _spelled_up_to(doc: Doc, span: Span, inner: Span) -> bool:
    """Whether the acronym in brackets after a name is spelled by the words that end the
    name ("Fonds Noord-Oost-Vlakte (NOVL)"), or by the name and the lower-case words
    right before it, which the name was found without ("het provinciaal groeifonds
    Kempen Koers II (PGKKII)")."""
    acronym = inner.text
    if len(inner) != 1 or not is_acronym(acronym):
        return False
    for start in range(span.end - 1, max(span.sent.start, span.start - len(acronym)) - 1, -1):
        if start < span.start and not (doc[start].is_alpha and doc[start].is_lower):
            return False
        words = name_words(doc[start : span.end].text)
        if len(words) >= 2 and spelled_by(acronym, words):
            return True
    return False


def _translates(span: Span, inner: Span, a: Group, b: Group) -> bool:
    """ "Europees Fonds (European Fund)": the same thing in two languages, two names of
    one type; not when a code in one names the other ("ERDF-programma (European ...)")."""
    if a.type != b.type or a.type == "Region" or len(span) < 2 or len(inner) < 2:
        return False
    return not any(is_acronym(t.text) for t in (*span, *inner))


def current(group: Group, merged: dict[int, Group]) -> Group:
    """The group that ``group`` has been joined into (itself if none)."""
    while id(group) in merged:
        group = merged[id(group)]
    return group


def _abbreviates(first: str, second: str) -> bool:
    """One of two names is a short code of the other ("EIT" of "European Institute of
    Innovation & Technology"): a single word whose first letter starts a word of the other."""
    for short, long in ((second, first), (first, second)):
        if " " in short or len(long.split()) < 2:
            continue
        if not (is_acronym(short) or is_distinctive(short)):
            continue
        head = fold(short)[:1]
        if any(fold(w)[:1] == head for w in long.replace("-", " ").replace("–", " ").split()):
            return True
    return False


# Words that say right next to a name what it names ("het project X", "the X programme").
_PROJECT_WORDS = frozenset("project projet projekt projekts projektes projectes".split())
_PROGRAMME_ENDINGS = ("programma", "programme", "program", "programm", "fonds", "fund")
# Punctuation and articles allowed between the cue word and the name.
_CUE_GAP = frozenset("„ “ ” \" ‘ ’ ' « » ( : - – de het der des die das du le la l' the".split())


# Head nouns that make a name an organisation whatever cue stands next to it.
_HEADS = ORG_HEADS - {"fund", "fonds"}


def _adjacent_cue(doc: Doc, span: Span) -> str | None:
    """The type a cue word right before or after one mention announces, in its sentence."""
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in _CUE_GAP and span.start - i <= 3:
        i -= 1
    sent = span.sent
    words = []
    # "the ERC programme X": the cue word belongs to the name before it; outside German,
    # a capitalised cue word in mid-sentence is part of a longer name ("Innovatiefonds X").
    if (
        i >= sent.start
        and not (i > sent.start and is_name_token(doc[i - 1]))
        and not (doc.lang_ != "de" and doc[i].text[:1].isupper() and i > sent.start)
    ):
        words.append(("before", fold(doc[i].text)))
    if span.end < sent.end:
        words.append(("after", fold(doc[span.end].text)))
    for side, word in words:
        last = word.rsplit("-", 1)[-1]
        if last in _PROJECT_WORDS or side == "before" and last.endswith("projekt"):
            return "Project"
        if last.endswith(_PROGRAMME_ENDINGS):
            return "FundingProgramme"
    return "Project" if continues_or_continued(span) or after_lead_role(span) else None


def cue_types(doc: Doc, groups: list[Group]) -> None:
    """A name that the document once calls a project (a programme) is one in all its
    mentions: a description of it ("X is a project") or else a cue word right at a
    mention outweighs default and NER types."""
    for group in groups:
        if group.type in {"Person", "Region"} or any(registry_key(k) for k in group.kb_ids):
            continue
        if any(fold(w) in _HEADS for w in group.longest.text.split()):
            continue  # "X University": its own words say what it is
        # "X is a project", "X, a fund": the document says what X is; a cue word next
        # to X only hints at it, and a default or NER type is a guess.
        # An organisation word in a description ("X is a partnership of A and B") says
        # less than a project or event cue at X ("coordinates the pilot line X").
        cues = {s.label_ for s in group.spans if s.kb_id_ == COPULA_FLAG} - {"Organisation"}
        cues = cues or {c for s in group.spans if (c := _adjacent_cue(doc, s))}
        if len(cues) == 1:
            group.type = cues.pop()
        elif not cues and _quoted_guess(doc, group):
            group.type = "Project"


def _quoted_guess(doc: Doc, group: Group) -> bool:
    """A name in quotes that only the NER or a default took for an organisation: writers
    quote the made-up names of undertakings (« Acme Vox »), not of bodies."""
    return (
        group.type == "Organisation"
        and all(not s.kb_id_ or s.kb_id_.endswith("|default") for s in group.spans)
        and any(quoted_whole(doc, s.start, s.end) for s in group.spans)
    )


# Prepositions that place what follows them: "in Acmeville" (en, nl, de). French "à"
# also follows "participer", "contribuer": it would take projects for places.
_LOCATIVES = frozenset({"in"})


def placed_defaults(doc: Doc, groups: list[Group]) -> None:
    """A name typed an organisation only by default, written once right after "in"
    ("am 20. April in Neustadt Süd", "in Bergmark Oost"), is a place: nothing else says
    what it is, and "in" says where something is."""
    for group in groups:
        if group.type != "Organisation" or not all(
            s.kb_id_.endswith("|default") for s in group.spans
        ):
            continue
        if any(s.start > 0 and doc[s.start - 1].lower_ in _LOCATIVES for s in group.spans):
            group.type = "Region"


def lonely_acronym(group: Group) -> bool:
    """A short acronym named once, that neither a registry, a rule nor a long form backs
    ("RII", "GGD"): more often a term than an organisation, so it is left out."""
    if len(group.spans) != 1 or group.kb_ids or max(group.votes.values()) > 1.0:
        return False
    text = group.spans[0].text
    letters = [c for c in text if c.isalpha()]
    return is_acronym(text) and len(letters) <= 4 and not any(c.isdigit() for c in text)
