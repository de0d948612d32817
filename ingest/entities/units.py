"""A unit written with its organisation: two names, not one.

"het Smart Mobility Lab van Hogeschool Velderdam", "das Institut für Meereskunde der
Universität zu Velderdam", "the Robotics Lab of Acme University": the capitals run on
over the genitive link, and the unit hides its organisation. The annotation keeps both
(the unit, and the organisation it is part of), so the run is cut at the link when the
part before it has a word for a unit and the part after it names an organisation.
"""

from __future__ import annotations

from spacy.tokens import Span

from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.spans import cached_fold as fold
from innograph.ingest.entities.spans import registry_key

# Words for a part of an organisation (a lab, an institute, a faculty, a department).
UNIT_WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        """lab labo laboratorium instituut faculteit vakgroep departement afdeling
        onderzoeksgroep leerstoel lectoraat kenniscentrum expertisecentrum""".split()
    ),
    "de": frozenset(
        """lab labor institut fachbereich fakultat fakultät lehrstuhl abteilung
        arbeitsgruppe forschungsgruppe forschungsstelle fachgebiet zentrum""".split()
    ),
    "en": frozenset(
        """lab laboratory institute faculty department dept chair unit
        centre center""".split()
    ),
    "fr": frozenset(
        """lab labo laboratoire institut faculte faculté departement département chaire
        unite unité""".split()
    ),
}
# German writes a unit as the head of a compound ("Forschungsinstitut", "Fraunhoferlabor").
_COMPOUND_UNIT_ENDS = ("institut", "labor", "zentrum", "lehrstuhl")
# Links that make the next name the unit's owner, articles after them allowed.
OWNER_LINKS: dict[str, frozenset[str]] = {
    "nl": frozenset({"van"}),
    "de": frozenset({"der", "des"}),
    "en": frozenset({"of"}),
    "fr": frozenset({"de", "du", "des"}),
}
_ARTICLES = frozenset({"de", "het", "the", "la", "l'", "l’"})
# Heads that make the part after the link an organisation that has units.
OWNER_HEADS: frozenset[str] = frozenset(
    """university universiteit universite université universität universitat hogeschool
    hochschule fachhochschule college academy academie akademie school hospital ziekenhuis
    klinikum krankenhaus hôpital hopital fh tu uni""".split()
)
# German universities named "Universität zu X", "Akademie zu X".
_ZU = "zu"


def _unit_word(word: str, lang: str) -> bool:
    folded = fold(word)
    if folded in UNIT_WORDS.get(lang, frozenset()):
        return True
    return lang == "de" and folded.endswith(_COMPOUND_UNIT_ENDS)


def _owner(span: Span, start: int) -> int | None:
    """The end of the owner's name starting at token ``start``, or ``None`` when what
    follows the link is no organisation (a subject: "Faculty of Marine Studies"; a
    place: "Centre Naval de Velderdam")."""
    doc, lang, end = span.doc, span.doc.lang_, span.end
    words = [t.text for t in doc[start:end] if not t.is_punct]
    if not words or not doc[start].text[:1].isupper():
        return None
    text = doc[start:end].text
    if any(e.type == "Region" for e in gazetteer().lookup(text)):
        return None
    if any(fold(w) in OWNER_HEADS for w in words):
        # "der Universität zu Velderdam": the town is the university's name
        if (
            fold(words[-1]) in OWNER_HEADS
            and end + 1 < len(doc)
            and doc[end].lower_ == _ZU
            and doc[end + 1].text[:1].isupper()
        ):
            return end + 2
        return end
    if any(e.type == "Organisation" for e in gazetteer().lookup(text)):
        return end
    proper = all(
        w[:1].isupper() and not gazetteer().is_common_word(w, lang) and not _unit_word(w, lang)
        for w in words
    )
    return end if proper and len(words) == 1 else None


def split_unit(span: Span) -> list[Span]:
    """``span`` cut into the unit and its organisation at the genitive link, or
    ``[span]`` when it is one name."""
    doc, lang = span.doc, span.doc.lang_
    if span.label_ not in {"Organisation", "Project", "?"} or registry_key(span.kb_id_):
        return [span]
    links = OWNER_LINKS.get(lang, frozenset())
    for tok in span[1:]:
        if tok.lower_ not in links:
            continue
        if not any(_unit_word(t.text, lang) for t in doc[span.start : tok.i]):
            return [span]
        start = tok.i + 1
        if start < span.end and doc[start].lower_ in _ARTICLES:
            start += 1
        end = _owner(span, start) if start < span.end else None
        if end is None:
            return [span]
        unit = Span(doc, span.start, tok.i, label=span.label_, kb_id=span.kb_id_)
        owner = Span(doc, start, end, label="Organisation", kb_id=span.kb_id_)
        return [unit, owner]
    return [span]
