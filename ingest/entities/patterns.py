"""``innograph_patterns_v1``: names found by rules, in any language, without a parser.

- Interreg programme names, parsed into generation, strand and area (``interreg``);
- capitalised names carrying an organisation head noun ("... University", "Hogeschool ..."),
  a cluster word, an event word ("... Week", "... Days 2023", "...Xchange"), or an S3
  platform/partnership word;
- long forms followed by their acronym in brackets, "Long Form (LF)";
- names next to a project cue ("the X project", "project X", "projecten A, B en C");
- persons after a role word ("minister Jan Peeters"); and ``records``, ``compass``,
  ``universities`` (headings, compass places and euregios, "UMontval").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from innograph.ingest.entities import (
    compass,
    copula,
    country_codes,
    interreg,
    kinds,
    project_lists,
    quoted,
    records,
    universities,
)
from innograph.ingest.entities.events import event_name
from innograph.ingest.entities.funds import fund_compound, programme_pair
from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.entities.gazetteer_lexicon import (
    CLUSTER_CUES,
    GENERIC_ACRONYMS,
    INTERREG_AREA_WORDS,
    ORG_HEADS,
    PLURAL_PROJECT_CUES,
    PROGRAMME_CUES,
    PROJECT_CUES,
    PROJECT_HEADS,
    REGION_HEADS,
    STOP_CAPITALISED,
)
from innograph.ingest.entities.generic import projects_programme
from innograph.ingest.entities.german import GERMAN_CUED_ZIPF, german_common_words, german_head_type
from innograph.ingest.entities.lower_heads import lower_head_spans
from innograph.ingest.entities.name_runs import (
    DASHES,
    is_distinctive_word,
    is_year,
    name_runs,
    same_line,
)
from innograph.ingest.entities.persons import role_person_spans
from innograph.ingest.entities.spans import (
    NAME_CONNECTORS,
    SPAN_PATTERNS,
    is_acronym,
    is_name_token,
)
from innograph.ingest.entities.spans import cached_fold as fold
from innograph.ingest.identity.legal_forms import LEGAL_FORMS

_PROGRAMME_TAIL = {
    "cross",
    "border",
    "cooperation",
    "co",
    "operation",
    "programme",
    "program",
    "programma",
    "programm",
    "-",
    "samenwerkingsprogramma",
}
_S3_HEADS = {"platform", "plateforme", "partnership", "partnerships"}


def _is_programme_tail(token: Token) -> bool:
    """ "programme", "cross-border cooperation", German "Programms"."""
    return token.lower_ in _PROGRAMME_TAIL or token.lower_.startswith("programm")


def _area_word(token: Token, first: bool) -> bool:
    """A word that can name (part of) an Interreg programme's area: a country or region,
    a word of a reference programme's area, a geographic word, or an acronym for the
    whole area first ("Interreg EMR")."""
    word = fold(token.text)
    if word in interreg.reference_words() or word in INTERREG_AREA_WORDS:
        return True
    if "-" in word and all(p in INTERREG_AREA_WORDS for p in word.split("-")):
        return True  # French keeps "Nord-Ouest" one token
    if first and is_acronym(token.text) and token.text not in GENERIC_ACRONYMS:
        return True
    return interreg.country_of(token.text) is not None or any(
        e.type == "Region" for e in gazetteer().lookup(token.text)
    )


def _of_an_area(doc: Doc, k: int) -> bool:
    """French "du" / "de l'" before an area word at ``k``: "(Interreg) Europe du
    Nord-Ouest" is North-West Europe, another programme than Interreg Europe."""
    return (
        k + 1 < len(doc)
        and doc[k].lower_ in {"du", "de"}
        and is_name_token(doc[k + 1])
        and _area_word(doc[k + 1], first=False)
    )


def _area(doc: Doc, j: int) -> tuple[list[str], int]:
    """The area words of an Interreg name from ``j`` ("Vlaanderen-Nederland" ->
    ["Vlaanderen", "Nederland"]) and where they end."""
    n = len(doc)
    area_parts: list[list[str]] = [[]]
    area_end = j
    k = j
    while k < n and not doc[k].is_sent_start:
        word = doc[k]
        if word.text in DASHES and k + 1 < n:
            after = doc[k + 1]
            if after.lower_ in {"the", "la", "le"} and k + 2 < n:
                after = doc[k + 2]
            if (
                is_name_token(after)
                and not _is_programme_tail(after)
                and _area_word(after, first=not any(area_parts))
            ):
                area_parts.append([])
                k += 1
                continue
            break
        if word.lower_ in {"the", "la", "le"} and area_parts[-1] == [] and len(area_parts) > 1:
            k += 1
            continue
        if area_parts[-1] and _of_an_area(doc, k):
            area_parts[-1].append(word.text)  # "Europe du Nord-Ouest": one area
            k += 1
            continue
        numbered = (  # "Interreg 2 Seas"
            word.like_num
            and len(word.text) == 1
            and not any(area_parts)
            and k + 1 < n
            and _area_word(doc[k + 1], first=False)
        )
        if (
            (is_name_token(word) or numbered)
            and not _is_programme_tail(word)
            and not is_year(word)
            and (numbered or _area_word(word, first=not any(area_parts)))
        ):
            area_parts[-1].append(word.text)
            k += 1
            area_end = k
            continue
        break
    return [" ".join(p) for p in area_parts if p], area_end


def _area_initials(parts: list[str]) -> str:
    return "".join(w[0] for w in re.findall(r"[^\W\d_]+", fold(" ".join(parts))))


def _interreg_spans(doc: Doc) -> Iterator[Span]:
    """Interreg names; "Interreg Upper Rhine (Interreg UR)" makes "UR" that area's short name."""
    n = len(doc)
    short_areas: dict[str, str] = {}  # folded short area -> key of the long name
    last: tuple[int, str, str] | None = None  # (end, area initials, key)
    for tok in doc:
        if tok.lower_ != "interreg":
            continue
        j = tok.i + 1
        gen = strand = None
        if j < n and doc[j].text in {"Europe", "EUROPE", "Europa"} and not _of_an_area(doc, j + 1):
            strand, j = "Europe", j + 1
        elif j < n and (parsed := interreg.parse_generation(doc[j].text)):
            gen, strand = parsed
            j += 1
            if strand is None and j + 1 < n and doc[j].text in DASHES and doc[j + 1].text in "ABC":
                strand, j = doc[j + 1].text, j + 2
            elif strand is None and j < n and doc[j].text in {"A", "B", "C"}:
                strand, j = doc[j].text, j + 1
        parts, area_end = _area(doc, j)
        end = area_end
        k = end
        while k < n and _is_programme_tail(doc[k]) and not doc[k].is_sent_start:
            k += 1
            if doc[k - 1].lower_.startswith("program"):
                end = k
        if not parts and end > area_end:
            # German puts the area after the programme word: "Interreg-Programms
            # Deutschland-Nederland".
            parts, after_end = _area(doc, end)
            end = max(end, after_end)
        k = end
        if k < n and doc[k].text == "(":
            k += 1
        if k + 2 < n and is_year(doc[k]) and doc[k + 1].text in DASHES and is_year(doc[k + 2]):
            gen = gen or interreg.generation_of_year(int(doc[k].text))
            end = k + 3
            if end < n and doc[end].text == ")" and doc[k - 1].text == "(":
                end += 1
        ref = interreg.match_reference(parts, strand)
        name = interreg.InterregName(gen, strand, ref, " ".join(fold(p) for p in parts))
        key = name.to_key()
        short = fold(parts[0]) if len(parts) == 1 and is_acronym(parts[0]) else ""
        if short and last and last[0] == tok.i - 1 and doc[tok.i - 1].text == "(":
            if last[1] == short and len(short) >= 2:
                short_areas[short] = last[2]
        key = short_areas.get(short, key) if short and gen is None and strand is None else key
        last = (end, _area_initials(parts), key)
        yield Span(doc, tok.i, end, label="FundingProgramme", kb_id=key)


# Words after an Interreg area that make it the area: "the 3 Seas area", "das Saar-Gebiet".
_AREA_NOUNS = frozenset({"area", "gebied", "gebiet"})
AREA_FLAG = "head|area"


def _programme_area_spans(doc: Doc) -> Iterator[Span]:
    """An Interreg programme's area followed by a word for area is a region, the
    word included ("the 3 Seas area", "binnen het 3 Zeeën-gebied")."""
    for tok in doc:
        if tok.lower_ not in _AREA_NOUNS or tok.i < 1:
            continue
        end = tok.i
        if doc[end - 1].text in DASHES and not doc[end - 1].whitespace_:
            end -= 1  # "Meren-gebied"
        for start in range(max(0, end - 5), end):
            # "3 Seas": the parser may start a sentence at the number, the area not.
            numbered = doc[start].like_num and len(doc[start].text) == 1
            if doc[start].is_sent_start and start != tok.sent.start and not numbered:
                continue
            parts, area_end = _area(doc, start + 1 if numbered else start)
            if parts and area_end == end and (numbered or len(parts) > 1 or end - start > 1):
                yield Span(doc, start, tok.i + 1, label="Region", kb_id=AREA_FLAG)
                break


PROJECT_HEAD_FLAG = "head|project"


def ends_with_legal_form(word: str) -> bool:
    """A company's legal form written after its name ("SA", "AG", "Ltd", "e.V.", "B.V.").
    Two-letter forms count only in capitals or with a dot: "As", "Da", "Et" are words."""
    form = fold(word).replace(".", "")
    if form not in LEGAL_FORMS:
        return False
    return len(form) >= 3 or "." in word or sum(c.isupper() for c in word) >= 2


def type_of_run(words: list[str], lang: str) -> str | None:
    """The entity type a capitalised multi-word name's own words announce, if any."""
    folded = [fold(w) for w in words]
    last = folded[-1]
    if len(words) >= 2 and programme_pair(folded):
        return "FundingProgramme"
    if event_name(folded, lang):
        return "Event"
    if len(words) >= 2 and (
        last in PROGRAMME_CUES
        or fund_compound(last)
        or fund_compound(folded[0])
        or folded[0] in PROGRAMME_CUES
        or folded[0] in {"operationeel", "operational", "operationnel"}
        and folded[1] in PROGRAMME_CUES
    ):
        return "FundingProgramme"
    if len(words) >= 2 and last in PROJECT_HEADS:
        return "Project"
    if len(words) >= 2 and folded[0] in REGION_HEADS:
        return "Region"  # "Provincie Drenthe", "Stad Brugge"
    if len(words) >= 2 and (folded[0] == "s3" or last in _S3_HEADS):
        return "S3Platform"
    if set(folded) & CLUSTER_CUES or last.endswith("cluster"):
        return "Cluster"
    heads = set(folded) & ORG_HEADS
    if heads and len(words) >= 2:
        return "Organisation"
    if len(words) >= 2 and ends_with_legal_form(words[-1]):
        return "Organisation"  # "Acme SA", "Beispiel AG", "Voorbeeld B.V."
    if lang == "de" and len(words) >= 2 and (head := german_head_type(folded[0])):
        return head  # German compounds its head: "Universitätsklinikum X", "Grenzgebiet X"
    return None


REPEATED_FLAG = "head|repeated"


def _repeated_mid_sentence(doc: Doc, runs: list[tuple[int, int]]) -> set[str]:
    """Names of three words or more written capitalised mid-sentence at least twice."""
    seen: dict[str, int] = {}
    for start, end in runs:
        if end - start >= 3 and start > 0 and not doc[start].is_sent_start:
            if "\n" not in doc[start - 1].text_with_ws:
                text = doc[start:end].text
                seen[text] = seen.get(text, 0) + 1
    return {text for text, count in seen.items() if count >= 2}


def _cue_spans(doc: Doc, lang: str) -> Iterator[Span]:
    runs = list(name_runs(doc))
    repeated = _repeated_mid_sentence(doc, runs)
    for start, end in runs:
        words = [t.text for t in doc[start:end]]
        entity_type = type_of_run(words, lang)
        nxt = doc[end] if end < len(doc) else None
        if entity_type is None and nxt is not None and not nxt.is_sent_start:
            cue = nxt.lower_
            if cue in CLUSTER_CUES:
                yield Span(doc, start, end + 1, label="Cluster")
                continue
            if cue in {"partnership", "partnerschap"}:
                yield Span(doc, start, end, label="S3Platform")
                continue
        if entity_type == "Organisation" and len(words) == 2 and fold(words[0]) in ORG_HEADS:
            if doc[start + 1].is_lower:
                continue
        if entity_type == "Project" and fold(words[-1]) in PROJECT_HEADS:
            # The head word makes it a name, even of ordinary words ("the Quantum Flagship").
            yield Span(doc, start, end, label=entity_type, kb_id=PROJECT_HEAD_FLAG)
        elif entity_type is not None:
            # A head word and capitals kept mid-sentence twice: a name of ordinary words.
            flag = REPEATED_FLAG if doc[start:end].text in repeated else ""
            yield Span(doc, start, end, label=entity_type, kb_id=flag)
    for tok in doc:
        if tok.lower_.endswith("xchange") and tok.text[0].isupper():
            yield Span(doc, tok.i, tok.i + 1, label="Event")


# A name next to a singular project cue ("the Solar Bridge project", "das Projekt
# Sonnenbrücke"): ``cued_project_name`` says when the cue alone makes its words a name.
PROJECT_CUE_FLAG = "list|project"
_DETERMINERS = frozenset("the this that our its their".split())


def cued_project_name(span: Span) -> bool:
    """Whether a name found at a singular project cue is one though its words are
    ordinary: in English capitalised after a determiner ("the Solar Bridge project";
    English capitalises ordinary words there only in a name); in German, where every noun
    is capitalised, no word of it frequent on its own ("das Projekt Sonnenbrücke", not
    "für das Projekt Partner finden")."""
    if span.kb_id_ != PROJECT_CUE_FLAG:
        return False
    words = [t for t in span if t.is_alpha]
    if span.doc.lang_ == "de":
        common = german_common_words()
        return bool(words) and all(common.get(t.lower_, 0.0) < GERMAN_CUED_ZIPF for t in words)
    if span.doc.lang_ != "en" or span.start == 0:
        return False
    return span.doc[span.start - 1].lower_ in _DETERMINERS and all(
        t.text[:1].isupper() or t.lower_ in NAME_CONNECTORS for t in words
    )


def _project_spans(doc: Doc) -> Iterator[Span]:
    """Names next to a project cue: "the X project", "project X", "projecten A, B en C"."""
    runs = {start: end for start, end in name_runs(doc)}
    ends = {end: start for start, end in runs.items()}
    n = len(doc)
    for tok in doc:
        cue = tok.lower_
        if _german_project_compound(tok):
            cue = "projekt"  # "das Forschungsprojekt X", "im Verbundprojekt X": the cue
        if cue not in PROJECT_CUES and not (
            cue.endswith("-project")
            or cue.endswith("project")
            and len(cue) > 9
            and cue[:-7].isupper()
        ):
            continue
        if cue not in PROJECT_CUES:  # Dutch compound "GreenBridge-project"
            head = tok.text[: -len("project")].rstrip("-")
            if head and is_name_token(tok) and head[0].isupper():
                yield Span(doc, tok.i, tok.i + 1, label="Project")
            continue
        # A name before a plural cue is whose the projects are, not one of them.
        before = tok.i if cue not in PLURAL_PROJECT_CUES else -1
        if before - 1 >= 0 and doc[before - 1].text in DASHES:
            before -= 1
        flag = PROJECT_CUE_FLAG if cue not in PLURAL_PROJECT_CUES else ""
        if before in ends and same_line(doc, ends[before], tok.i):
            start = _after_known_prefix(doc, ends[before], before)
            named = tok.i + 1 in runs and same_line(doc, tok.i, tok.i + 1)
            programme = projects_programme(doc, start, before, tok.i, name_after=named)
            if programme is not None:
                yield Span(doc, programme, before, label="FundingProgramme")
            elif not _looks_generic(doc[start:before]):
                yield Span(doc, start, before, label="Project", kb_id=flag)
        after = tok.i + 1
        while after < n and doc[after].text in {":", "‘", "'", "“", '"'}:
            after += 1
        while after < n and after in runs and not doc[after].is_sent_start:
            end = runs[after]
            if not _looks_generic(doc[after:end]):
                yield Span(doc, after, end, label="Project", kb_id=flag)
            flag = ""  # one name at the cue; a list after it is typed, not vouched for
            if end < n and doc[end].text in {",", "en", "and", "et", "und"}:
                after = end + 1
                continue
            break


# German compounds whose head is "Projekt" ("Forschungsprojekt", "Verbundprojekt",
# "Interreg-Projekt"): a singular project cue like "Projekt" itself.
_GERMAN_PROJECT_HEADS = ("projekt", "projekts", "projektes")


def _german_project_compound(tok: Token) -> bool:
    word = tok.lower_
    return (
        tok.doc.lang_ == "de"
        and word.endswith(_GERMAN_PROJECT_HEADS)
        and word not in PROJECT_CUES
        and len(word.split("-")[0]) > 3
        and tok.text[:1].isupper()
    )


def _after_known_prefix(doc: Doc, start: int, end: int) -> int:
    """Skip a known programme or place that opens a project name ("COSME X-project")."""
    g = gazetteer()
    for k in range(end - 1, start, -1):
        if any(e.type in {"FundingProgramme", "Region"} for e in g.lookup(doc[start:k].text)):
            return k
    return start


def _looks_generic(span: Span) -> bool:
    words = [fold(t.text) for t in span]
    return all(w in STOP_CAPITALISED for w in words) or len(words) > 8


def _long_form_spans(doc: Doc, lang: str) -> Iterator[Span]:
    """ "Flemish Agency for Innovation (FAI)": the long form, typed like its acronym later."""
    n = len(doc)
    defined: dict[str, str] = {}
    for tok in doc:
        if tok.text != "(" or tok.i + 2 >= n or doc[tok.i + 2].text != ")":
            continue
        acronym = doc[tok.i + 1].text
        if not is_acronym(acronym) or tok.i == 0:
            continue
        end = tok.i
        start = end
        while start > 0 and (
            is_name_token(doc[start - 1])
            or doc[start - 1].lower_ in NAME_CONNECTORS
            and start - 2 >= 0
            and is_name_token(doc[start - 2])
        ):
            start -= 1
            if doc[start].is_sent_start:
                break
        words = [t.text for t in doc[start:end] if is_name_token(t)]
        if not words:
            continue
        initials = "".join(w[0] for w in words).upper()
        letters = "".join(c for c in acronym if c.isalpha())
        # Trim the long form from the left until its initials can spell the acronym.
        while words and len(words) > len(letters) + 2:
            start += 1
            words = [t.text for t in doc[start:end] if is_name_token(t)]
            initials = "".join(w[0] for w in words).upper()
        # A prefix may qualify the acronym: "NLRVO" for "Rijksdienst voor Ondernemend ...".
        before = doc[start - 1] if start > 0 else None
        qualified = (
            len(words) >= 2
            and letters.endswith(initials)
            and len(letters) <= len(words) + 3
            and (before is None or before.is_lower)  # not a list: "Research, Development and"
        )
        # English puts the head noun last, its acronym often first: "Bergmark University
        # (UB)", the same initials in another order.
        reordered = len(letters) >= 2 and sorted(initials) == sorted(letters.upper())
        if not letters or (
            initials[:1] != letters[:1]
            and fold(words[0])[:1] != fold(letters)[:1]
            and not qualified
            and not reordered
        ):
            continue
        while start < end and doc[start].lower_ in NAME_CONNECTORS:
            start += 1
        entity_type = type_of_run([t.text for t in doc[start:end]], lang) or "?"
        yield Span(doc, start, end, label=entity_type, kb_id=f"acronym|{acronym}")
        defined.setdefault(acronym, entity_type)
    # A defined acronym names its long form wherever it stands alone, short as it may be.
    for tok in doc:
        if tok.text in defined and not (
            tok.i > 0
            and doc[tok.i - 1].text == "("
            and tok.i + 1 < n
            and doc[tok.i + 1].text == ")"
        ):
            yield Span(doc, tok.i, tok.i + 1, label=defined[tok.text], kb_id=f"acronym|{tok.text}")
    yield from _long_forms_after(doc, lang)


def _long_forms_after(doc: Doc, lang: str) -> Iterator[Span]:
    """ "SeaLink (Sea Logistics Integrated Network)": the long form after the short name."""
    runs = dict(name_runs(doc))
    for tok in doc:
        i = tok.i
        if tok.text != "(" or i == 0 or i + 1 not in runs:
            continue
        short = doc[i - 1].text
        if not (is_acronym(short) or is_distinctive_word(short)):
            continue
        start, end = i + 1, runs[i + 1]
        if end - start < 2 or fold(doc[start].text)[:1] != fold(short)[:1]:
            continue
        entity_type = type_of_run([t.text for t in doc[start:end]], lang) or "?"
        yield Span(doc, start, end, label=entity_type, kb_id=f"acronym|{short}")


def _s3_platform_spans(doc: Doc) -> Iterator[Span]:
    """ "S3 platform for Agri-Food (on Traceability)"."""
    n = len(doc)
    runs = dict(name_runs(doc))
    for tok in doc:
        start = None
        if tok.text == "S3" and tok.i + 1 < n and doc[tok.i + 1].lower_ in _S3_HEADS:
            start, k = tok.i, tok.i + 2
        elif (
            tok.lower_ == "smart"
            and tok.i + 2 < n
            and doc[tok.i + 1].lower_.startswith("speciali")
            and doc[tok.i + 2].lower_ in _S3_HEADS
        ):
            start, k = tok.i, tok.i + 3
        if start is None:
            continue
        end = k
        while k + 1 < n and doc[k].lower_ in {"for", "on", "in", "of"} and k + 1 in runs:
            end = runs[k + 1]
            k = end
        if end > start + 2 or tok.text == "S3" and end > start + 1:
            yield Span(doc, start, end, label="S3Platform")


_JOINED = re.compile(r"^[A-Z][^\W\d_]+(?:[~+][A-Z][^\W\d_]+)+$")
JOINED_FLAG = "head|joined"


def _joined_spans(doc: Doc) -> Iterator[Span]:
    """One word of capitalised parts joined by a tilde or plus ("Sea~Shore"): a name."""
    for tok in doc:
        if _JOINED.match(tok.text) and not gazetteer().lookup(tok.text):
            yield Span(doc, tok.i, tok.i + 1, label="?", kb_id=JOINED_FLAG)


def _with_acronyms(spans: list[Span]) -> list[Span]:
    """A long form found twice keeps only the span that carries its acronym."""
    flagged = {(s.start, s.end) for s in spans if s.kb_id_.startswith("acronym|")}
    return [s for s in spans if s.kb_id_ or (s.start, s.end) not in flagged]


class PatternFinder:
    """Runs every rule above and stores the spans in ``doc.spans["ig_patterns"]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lang: str = nlp.lang or "en"

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        spans += _interreg_spans(doc)
        spans += _cue_spans(doc, self.lang)
        spans += _project_spans(doc)
        spans += quoted.quoted_spans(doc)
        spans += project_lists.colon_list_spans(doc)
        spans += records.record_spans(doc)
        spans += records.field_record_spans(doc)
        spans += copula.described_spans(doc)
        spans += _long_form_spans(doc, self.lang)
        spans += role_person_spans(doc, self.lang)
        spans += _s3_platform_spans(doc)
        spans += records.heading_spans(doc)
        spans += _joined_spans(doc)
        spans += lower_head_spans(doc)
        spans += universities.university_spans(doc)
        spans += compass.compass_spans(doc)
        spans += _programme_area_spans(doc)
        spans += compass.euregio_spans(doc)
        spans += country_codes.country_code_spans(doc)
        doc.spans[SPAN_PATTERNS] = _with_acronyms(kinds.kind_spans(doc, spans))
        return doc


@Language.factory("innograph_patterns_v1", assigns=["doc.spans"])
def make_pattern_finder(nlp: Language, name: str) -> PatternFinder:
    """Build the rule-based name finder for ``nlp.lang``."""
    return PatternFinder(nlp, name)
