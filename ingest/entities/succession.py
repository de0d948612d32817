"""Names that the text says continue, or are continued by, another project, or that
someone leads as lead partner.

SUCCESSOR_OF links projects: "X is a follow-up to Y", "X is een vervolg op Y", "X ist die
Fortsetzung von Y", "X fait suite à Y" say that both X and Y are projects, whatever a
default or the NER guessed for a name that does not say what it is; so does a lead role
("penvoerder van X", "chef de file de X"): what a lead partner leads is a project.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span

from innograph.ingest.entities.kind_lexicon import (
    LEAD_ROLE_BEFORE,
    SUCCESSION_BEFORE,
    SUCCESSION_NOUNS,
)
from innograph.ingest.entities.spans import cached_fold as fold

_ARTICLES = r"(?:the|a|an|de|het|een|der|die|das|dem|den|des|ein|eine|einem|le|la|les|l'|l’|un|une)"
# Words that may stand between a name and its description as a continuation.
_COPULAS = r"(?:is|was|ist|war|est|etait|wordt|becomes|wird)"


@cache
def _before_pattern(lang: str, lead: bool = False) -> re.Pattern[str] | None:
    phrases = (LEAD_ROLE_BEFORE if lead else SUCCESSION_BEFORE).get(lang)
    if not phrases:
        return None
    cue = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len))
    # The cue, then an article and one lower-case word at most ("de verkenning X").
    return re.compile(rf"(?:^|\W)(?:{cue})\s+(?:{_ARTICLES}\s*)?(?:[a-z\-]+\s+)?$")


def after_succession_cue(before: str, lang: str) -> bool:
    """Whether the text before a name ends with a phrase that makes the name an earlier
    project something continues ("builds on", "een vervolg op de verkenning")."""
    pattern = _before_pattern(lang)
    folded = fold(before[-80:])
    return pattern is not None and bool(folded) and pattern.search(folded) is not None


_AFTER = re.compile(
    rf"^\s*,?\s*{_COPULAS}\s+(?:[a-z]+\s+){{0,2}}?(?:{_ARTICLES}\s*)?(?P<noun>[a-z\-]+)\b"
)


def continues_or_continued(span: Span) -> bool:
    """Whether the sentence says the named thing continues an earlier project or is
    continued ("vervolg op X", "X is a follow-up to"): the name is a project's."""
    doc = span.doc
    sent = span.sent
    if after_succession_cue(doc.text[sent.start_char : span.start_char], doc.lang_):
        return True
    after = _AFTER.match(fold(doc.text[span.end_char : sent.end_char]))
    return after is not None and after.group("noun") in SUCCESSION_NOUNS


def after_lead_role(span: Span) -> bool:
    """Whether a lead role ends right before the name ("penvoerder van het X"): the name
    is what is led, a project's."""
    pattern = _before_pattern(span.doc.lang_, lead=True)
    before = fold(span.doc.text[span.sent.start_char : span.start_char][-80:])
    return pattern is not None and bool(before) and pattern.search(before) is not None
