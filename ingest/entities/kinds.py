"""Names introduced by a kind noun: "het cluster X", "das Netzwerk X", "die Firma X",
"le pôle de compétitivité X", and names described by one: "X, the Flemish cluster for ...".

A kind noun in lower case (German: after an article, since German capitalises its nouns)
followed by a name says what the name is, whatever its words; without the noun a one-word
name of a cluster or a company ("Kalibra", "Hydrelis") is easily missed. The name is the
words after the noun: "der Cluster Wärmewerk" names "Wärmewerk", not "Cluster Wärmewerk".
An apposition ("Greenspark, the Scottish cluster for hydrogen") types the name before it
and is itself a description, not a name ("Scottish cluster").
"""

from __future__ import annotations

from collections.abc import Iterator

import wordfreq
from spacy.tokens import Doc, Span, Token

from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.gazetteer_lexicon import STOP_CAPITALISED
from innograph.ingest.entities.kind_lexicon import (
    CLUSTER_KINDS,
    CLUSTER_NETWORK_MODIFIERS,
    COMPANY_COMPOUND_HEADS,
    COMPANY_KINDS,
    EXAMPLE_CUES,
    GERMAN_DETERMINERS,
    NETWORK_KINDS,
    ORGANISATION_WORDS,
    PLURAL_KINDS,
)
from innograph.ingest.entities.name_runs import name_runs, same_line
from innograph.ingest.entities.spans import COORDINATORS, is_acronym
from innograph.ingest.entities.spans import cached_fold as fold

FLAG = "head|kind"  # a flag, not a registry key
_ARTICLES = frozenset("the a an de het een le la l' l’ un une der die das ein eine".split())
_MAX_MODIFIERS = 3  # words between an apposition's article and its kind noun
_OF = frozenset({"de", "d'", "d’"})  # "pôle de compétitivité", "pôle d'excellence"
_HYPHENS = frozenset({"-", "‑"})
_PLURAL_KINDS = {fold(w): t for w, t in PLURAL_KINDS.items()}
_SHORT_PLURALS = frozenset({"pays", "funds", "firms", "kreise", "länder", "lander"})
_FREQUENT = 3.0  # Zipf frequency of an ordinary word ("nieuwsbrief" 4.3; a made-up name far below)


def kind_of(doc: Doc, i: int, described: bool = False) -> str | None:
    """The type the kind noun at ``i`` gives a name after it, if it is one and is used
    as a common noun (lower case; German: after an article, or ``described``: in an
    apposition that opens with one, "X, das niederländische Cluster für ...")."""
    tok = doc[i]
    w = fold(tok.text)
    if doc.lang_ == "de":
        if not described and (i == 0 or fold(doc[i - 1].text) not in GERMAN_DETERMINERS):
            return None
    elif not (tok.is_lower or _opens_sentence(tok) and _company_compound(w)):
        return None
    if w in CLUSTER_KINDS or w.endswith("cluster") or w.startswith("kompetenznetz"):
        return "Cluster"
    if w in ORGANISATION_WORDS and i > 0 and fold(doc[i - 1].text) in CLUSTER_KINDS:
        return "Cluster"  # "the cluster organisation X"
    if w in NETWORK_KINDS or w.endswith(("netwerk", "netzwerk")):
        modifier = fold(doc[i - 1].text) if i > 0 else ""
        return "Cluster" if modifier in CLUSTER_NETWORK_MODIFIERS else "Organisation"
    if w in COMPANY_KINDS or _company_compound(w):
        return "Organisation"
    return None


def _company_compound(word: str) -> bool:
    """A compound ending in a company noun, not the noun alone ("Bureau Veritas")."""
    return any(word.endswith(head) and len(word) > len(head) for head in COMPANY_COMPOUND_HEADS)


def _opens_sentence(tok: Token) -> bool:
    """A capital that only opens a sentence or a line ("Softwarebedrijf X uit Y ...")."""
    return tok.is_sent_start or tok.i > 0 and "\n" in tok.doc[tok.i - 1].text_with_ws


def _after_kind(doc: Doc, i: int) -> int:
    """Where the name may start after the kind noun at ``i``: after "de compétitivité"."""
    j = i + 1
    if j + 1 < len(doc) and doc[j].lower_ in _OF and doc[j + 1].is_lower and doc[j + 1].is_alpha:
        # "coopérative de la X": an article opens a complement, no name of the noun's own
        return j if doc[j + 1].lower_ in _ARTICLES else j + 2
    return j


def _is_name(doc: Doc, start: int, end: int) -> bool:
    """A name, not a common noun German capitalises, an article or a known place."""
    words = [t.text for t in doc[start:end] if t.is_alpha or any(c.isalpha() for c in t.text)]
    if not words or fold(words[0]) in STOP_CAPITALISED:
        return False
    if (len(words) == 1 or doc.lang_ == "de") and all(_frequent(w, doc.lang_) for w in words):
        return False  # "the cluster Members", "der Cluster Unternehmen": a noun, no name
    return not any(e.type == "Region" for e in gazetteer().lookup(doc[start:end].text))


def _frequent(word: str, lang: str) -> bool:
    """A frequent word of the document's language ("Members", "Leden", "Zudem"); a rare
    one or a compound ("das Netzwerk Lichtstrom") is a name more often than not. An
    English word in a French text stays rare there ("le pôle Logistics")."""
    return not is_acronym(word) and wordfreq.zipf_frequency(word.lower(), lang) >= _FREQUENT


def _name_from(doc: Doc, j: int, runs: list[tuple[int, int]]) -> int | None:
    """The end of the name run that covers token ``j`` on its line, cut to start at ``j``."""
    for start, end in runs:
        if start <= j < end:
            if doc[j].is_sent_start and j != start:
                return None
            if not same_line(doc, j, end):
                return None
            # "die Firma Acme-consult": a hyphen glues a lower-case word to the name.
            while end + 1 < len(doc) and doc[end].text in _HYPHENS and _glued(doc, end):
                end += 2
            return end
    return None


def _glued(doc: Doc, hyphen: int) -> bool:
    """A hyphen with no space on either side and a word after it."""
    return (
        not doc[hyphen - 1].whitespace_
        and not doc[hyphen].whitespace_
        and doc[hyphen + 1].is_alpha
        and doc[hyphen + 1].is_lower
    )


def _noun_in_acronym(doc: Doc, kind: int, end: int) -> bool:
    """ "das Cluster Mobilität Nordost (CMN)": the acronym spells the kind noun too, so
    the noun is part of the name."""
    if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
        return False
    letters = "".join(c for c in doc[end + 1].text if c.isalpha()).upper()
    initials = "".join(t.text[0] for t in doc[kind:end] if t.text[:1].isalpha()).upper()
    if len(letters) >= 2 and letters == initials:
        return True
    # "der Nordcluster Agrartechnik (NCA)": a compound's first letter opens the acronym.
    first = doc[kind].text[:1].upper()
    return len(letters) >= 2 and letters[0] == first != doc[kind + 1].text[:1].upper()


def kind_named(doc: Doc) -> Iterator[tuple[int, Span]]:
    """(index of the kind noun, the name after it) for every "kind noun + name"."""
    runs = name_runs(doc)
    for tok in doc:
        label = kind_of(doc, tok.i)
        if label is None:
            continue
        j = _after_kind(doc, tok.i)
        if j >= len(doc) or doc[j].is_sent_start:
            continue
        end = _name_from(doc, j, runs)
        if end is not None and _is_name(doc, j, end) and not _noun_in_acronym(doc, tok.i, end):
            yield tok.i, Span(doc, j, end, label=label, kb_id=FLAG)


def _apposition(doc: Doc, comma: int) -> tuple[str, int] | None:
    """After a comma: "<article> [up to three words] <cluster kind noun>" -> (type, end of
    the description) when the kind noun is not followed by a name of its own."""
    i = comma + 1
    if i >= len(doc) or doc[i].lower_ not in _ARTICLES:
        return None
    for k in range(i + 1, min(len(doc), i + 2 + _MAX_MODIFIERS)):
        tok = doc[k]
        if "\n" in tok.text or tok.is_punct and tok.text not in {"-", "–"}:
            return None
        label = kind_of(doc, k, described=True)
        if label == "Cluster" and _plural(tok.text):
            return None  # "Acme, the two clusters": a list, not a description of one
        if label == "Cluster":
            after = _after_kind(doc, k)
            if after < len(doc) and doc[after].text[:1].isupper() and not doc[after].is_punct:
                return None  # "X, the cluster Y": two names
            return label, k + 1
    return None


def _plural(word: str) -> bool:
    """A kind noun in the plural ("clusters", "pôles")."""
    w = fold(word)
    return w.endswith("s") and w[:-1] in CLUSTER_KINDS


def apposition_named(doc: Doc) -> Iterator[tuple[Span, tuple[int, int]]]:
    """(the name before a comma, the description after it) for "X, the ... cluster"."""
    for start, end in name_runs(doc):
        if end >= len(doc) or doc[end].text != ",":
            continue
        found = _apposition(doc, end)
        if found is None or not _is_name(doc, start, end):
            continue

        label, described_end = found
        yield Span(doc, start, end, label=label, kb_id=FLAG), (end + 1, described_end)


def _plural_kind(word: str) -> str | None:
    """The type of each name a plural kind noun lists, also at the end of a compound."""
    w = fold(word)
    if w in _PLURAL_KINDS:
        return _PLURAL_KINDS[w]
    for k in range(3, len(w) - 4):
        if w[k:] in _PLURAL_KINDS and w[k:] not in _SHORT_PLURALS:
            return _PLURAL_KINDS[w[k:]]
    return None


def _examples_after(doc: Doc, j: int) -> int | None:
    """Past "such as", "zoals", "wie", "tels que", "including" at ``j``, if it is there."""
    if j >= len(doc) or fold(doc[j].text) not in EXAMPLE_CUES:
        return None
    if doc[j].lower_ == "such" or doc[j].lower_ in {"tels", "telles"}:
        return j + 2 if j + 1 < len(doc) and doc[j + 1].lower_ in {"as", "que"} else None
    return j + 1


def _bracket_end(doc: Doc, j: int) -> int:
    """Past a short bracketed note on the line at ``j`` ("DEI (demonstration projects)")."""
    if j >= len(doc) or doc[j].text != "(":
        return j
    for k in range(j + 1, min(len(doc), j + 14)):
        if "\n" in doc[k].text:
            return j
        if doc[k].text == ")":
            return k + 1
    return j


def kind_lists(doc: Doc) -> Iterator[Span]:
    """The names a plural kind noun lists: "research centres such as A and B",
    "kennisinstellingen A, B en C", "Städte wie A, B und C" (typed by the noun). Without
    "such as" two names at least: one may start a clause ("the companies Acme funds")."""
    runs = name_runs(doc)
    n = len(doc)
    for tok in doc:
        label = _plural_kind(tok.text)
        if label is None or not (tok.is_lower or tok.is_sent_start or doc.lang_ == "de"):
            continue
        j = _after_kind(doc, tok.i)  # "les pôles de compétitivité A, B et C"
        if j < n and doc[j].text in {",", ":"}:
            j += 1
        after = _examples_after(doc, j)
        cued = after is not None
        j = after if after is not None else j
        members: list[Span] = []
        while j < n and not doc[j].is_sent_start:
            # German joins its capitalised noun to the first name: "die Netzwerke A und B".
            found = _name_from(doc, j, runs)
            if found is None or not same_line(doc, tok.i, found):
                break
            end = found
            if not _is_list_name(doc, j, end, label, cued):
                break
            members.append(Span(doc, j, end, label=label, kb_id=FLAG))
            end = _bracket_end(doc, end)
            if end < n and (doc[end].text == "," or doc[end].lower_ in COORDINATORS):
                j = end + 1
                continue
            break
        if len(members) >= (1 if cued else 2):
            yield from members


def _is_list_name(doc: Doc, start: int, end: int, label: str, cued: bool) -> bool:
    """A listed name: a place may be one when the noun lists places; after "such as"
    capitals mid-sentence name a thing even if its word is frequent ("Apple")."""
    if fold(doc[start].text) in STOP_CAPITALISED:
        return False
    if label == "Region" or cued:
        words = [t.text for t in doc[start:end] if t.is_alpha]
        return bool(words) and not (
            doc.lang_ == "de" and all(_frequent(w, doc.lang_) for w in words)
        )
    return _is_name(doc, start, end)


def kind_spans(doc: Doc, spans: list[Span]) -> list[Span]:
    """``spans`` with the names after kind nouns and before cluster appositions added,
    and without the rule spans those make wrong: the kind noun joined to the name after
    it ("Clusters Wärmewerk"), a description taken for a name ("Scottish cluster", "das
    Energie-Cluster des Landes": a span from inside the description over its kind noun)."""
    added = [name for _kind, name in kind_named(doc)] + list(kind_lists(doc))
    described: list[tuple[int, int]] = []
    for name, where in apposition_named(doc):
        added.append(name)
        described.append(where)
    kept = [
        s
        for s in without_kind_nouns(spans, added)
        if not any(lo <= s.start < hi <= s.end for lo, hi in described)
        and not _determiner_and_kind(s)
    ]
    return kept + added


def _determiner_and_kind(span: Span) -> bool:
    """ "Chaque pôle", "Elke clusterorganisatie", "Each cluster": a frequent word that
    opens the sentence and a kind noun in lower case name no cluster."""
    if len(span) != 2 or span.label_ != "Cluster" or not span[1].is_lower:
        return False
    return kind_of(span.doc, span.end - 1) == "Cluster" and _frequent(span[0].text, span.doc.lang_)


def without_kind_nouns(spans: list[Span], names: list[Span]) -> list[Span]:
    """``spans`` without those that join a kind noun (and its article) to a name found
    after it ("Netzwerk NanoRhein" when "NanoRhein" is the name); a long form with its
    acronym keeps its words. ``names`` are the kind-noun names (``FLAG``)."""
    wrong = {
        (start, name.end)
        for name in names
        if name.kb_id_ == FLAG
        for start in range(max(0, name.start - 4), name.start)
    }
    return [s for s in spans if s.kb_id_.startswith("acronym|") or (s.start, s.end) not in wrong]
