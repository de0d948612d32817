"""What every structured importer shares: reading rows, normalising codes, resolving names.

Each CSV row becomes one :class:`DocumentFacts` whose source is ``"<file name>#row=<n>"``
(``n`` counts data rows from 1): provenance names the file and the row, ``remove`` can
retract one row, and the content hash (SHA-256, as ``ig:contentHash`` says) is taken
from the row's own text, so importing the same file twice writes nothing the second time.

Every text field is cleaned on the way in: HTML character references are decoded (the
Dutch EFRO list writes "&amp;", "&quot;" and even "&amp;amp;"), and mangled characters
(U+FFFD, mojibake such as "Ã©") are reported as warnings with their row numbers; the row
is imported as written.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import html
import io
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import IO, TypeVar

from ftfy.badness import is_bad

from innograph.ingest.amounts import parse_money
from innograph.ingest.entities.gazetteer import gazetteer
from innograph.ingest.resolution import DocumentContext, ResolutionRequest, Resolver
from innograph.ontology.evidence import row_evidence
from innograph.ontology.facts import AttributeValue, DocumentFacts, EntityFact, RelationFact
from innograph.ontology.homepages import URL_KEY, checked_homepage
from innograph.ontology.ids import make_canonical_id

T = TypeVar("T")

# Bump when the facts made from an unchanged row change, so that a re-import rewrites them.
# 2: SHA-256 row hashes, decoded HTML entities, homepage IRIs, NUTS links for NUTS
# countries only, every CORDIS field; organisations by PIC, projects by acronym key.
# 3: the evidence of a row's facts names the row's fields (``row_fields``); days written
# with dots ("23.03.2016") are dates.
IMPORTER_VERSION = "3"
# Real exports hold long texts (CORDIS objectives, project descriptions).
csv.field_size_limit(2**31 - 1)
# ISO 3166 codes that NUTS (and so the graph) writes differently.
_NUTS_COUNTRY = {"GR": "EL", "GB": "UK"}
# ISO 3166-1 alpha-2 (the ISO 3166 Maintenance Agency's list of officially assigned codes),
# with EL and UK as EU statistics write Greece and the United Kingdom; XK (Kosovo) as the
# EU uses it.
ISO_COUNTRIES = frozenset(
    """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN
BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL
GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM
JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP
NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD
SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
EL UK XK
    """.split()
)


# A character reference as HTML writes one, with its closing semicolon ("&amp;", "&#38;",
# "&#x26;"); a bare "&" as in "R&D" or "AT&T" is text.
_CHARACTER_REFERENCE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
# Characters that mojibake and lost bytes leave behind: U+FFFD, and the lead characters of
# UTF-8 read as Latin-1 or cp1252 ("Ã©", "â€™", "Â "). Only values holding one are scored.
_SUSPECT = re.compile("[\ufffd\u00c2\u00c3\u00c5\u00e2\u0080-\u009f]")


def decode_entities(text: str) -> str:
    """``text`` with its HTML character references decoded, repeatedly ("&amp;amp;" is
    "&" encoded twice over); a bare "&" stays."""
    for _ in range(3):
        if "&" not in text:
            break
        decoded = _CHARACTER_REFERENCE.sub(lambda m: html.unescape(m[0]), text)
        if decoded == text:
            break
        text = decoded
    return text


def mangled(text: str) -> str | None:
    """What is wrong with the characters of ``text``: "U+FFFD" (bytes lost before the
    file reached us), "mojibake" (UTF-8 decoded as a single-byte code page), or None."""
    if not _SUSPECT.search(text):
        return None
    if "\ufffd" in text:
        return "U+FFFD"
    return "mojibake" if is_bad(text) else None


class SkipRow(Exception):
    """A row that cannot be imported; the message is the reason, counted in the report."""


@dataclass
class ImportReport:
    """What an import read, wrote and left out (and why)."""

    rows: int = 0
    documents: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)  # first skipped rows, "row N: reason"
    # Source -> content hash of the rows already in the graph: an unchanged row is counted
    # here and not built again (a re-import costs a read of the file, not a resolution).
    stored: dict[str, str] = field(default_factory=dict)
    unchanged: int = 0
    # Imported rows with something to warn about: reason -> row numbers (the first 20).
    warnings: Counter[str] = field(default_factory=Counter)
    warned_rows: dict[str, list[int]] = field(default_factory=dict)

    def skip(self, row: int, reason: str) -> None:
        """Count one skipped row."""
        self.skipped[reason] += 1
        if len(self.examples) < 20:
            self.examples.append(f"row {row}: {reason}")

    def warn(self, row: int, reason: str) -> None:
        """Count one imported row that has ``reason`` to warn about."""
        self.warnings[reason] += 1
        rows = self.warned_rows.setdefault(reason, [])
        if len(rows) < 20:
            rows.append(row)

    def lines(self) -> list[str]:
        """The skipped-row summary, one line per reason, then the warnings."""
        lines = [f"skipped {n} rows: {reason}" for reason, n in self.skipped.most_common()]
        for reason, n in self.warnings.most_common():
            rows = ", ".join(map(str, self.warned_rows[reason]))
            more = ", ..." if n > len(self.warned_rows[reason]) else ""
            lines.append(
                f"warning: {n} rows with {reason} (imported as written): rows {rows}{more}"
            )
        return lines


def open_text(path: Path) -> IO[str]:
    """A text stream of ``path`` (gzip by its suffix), UTF-8 with or without BOM."""
    if path.suffix == ".gz":
        return io.TextIOWrapper(
            gzip.open(path, "rb"), encoding="utf-8-sig", errors="replace", newline=""
        )
    return io.TextIOWrapper(path.open("rb"), encoding="utf-8-sig", errors="replace", newline="")


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of a CSV header: the most frequent of ``;`` ``,`` and tab."""
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d])


def iter_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Stream ``(row number, row)`` from a CSV with a header line; values stripped."""
    with open_text(path) as stream:
        first = stream.readline()
        delimiter = sniff_delimiter(first)
        header = next(csv.reader([first], delimiter=delimiter))
        header = [h.strip() for h in header]
        strip = str.strip
        for n, values in enumerate(csv.reader(stream, delimiter=delimiter), start=1):
            # One C-level pass per row (tens of columns times 339k rows).
            stripped = list(map(strip, values))
            if any(stripped):
                yield n, dict(zip(header, stripped, strict=False))


def row_hash(values: Iterable[str]) -> str:
    """The content hash of one row (with the importer version)."""
    # The digest of IMPORTER_VERSION then "\x1f" + value for each value, fed at once.
    text = IMPORTER_VERSION + "".join(["\x1f" + value for value in values])
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()


def progress(rows: Iterable[T], *, desc: str, total: int | None = None) -> Iterable[T]:
    """``rows`` with a progress bar on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return rows
    from tqdm import tqdm

    bar: Iterable[T] = tqdm(rows, desc=desc, total=total, unit="row", file=sys.stderr, leave=False)
    return bar


def required(row: dict[str, str], column: str, what: str) -> str:
    """The value of ``column``; SkipRow "missing <what>" when it is empty."""
    value = row.get(column, "")
    if not value:
        raise SkipRow(f"missing {what}")
    return value


def money(text: str, what: str, in_euro: bool = True) -> float | None:
    """An amount in euro, None when empty (or not in euro: ``in_euro`` False); SkipRow
    when written but not a number."""
    text = text.strip()
    if not in_euro or not text or text in {"-", "n/a", "NA"}:
        return None
    value = parse_money(text)
    if value is None:
        raise SkipRow(f"unparsable amount in {what}")
    return value


def country_code(text: str) -> str:
    """The NUTS country code (ISO2; EL/UK as NUTS writes them); SkipRow if unknown."""
    code = _country_cell(text)
    if code is None:
        raise SkipRow("unknown country code")
    return code


@lru_cache(maxsize=512)
def _country_cell(text: str) -> str | None:
    # Multi-valued cells of merged records ("FI;FI") count when they agree.
    values = {v.strip() for v in text.upper().split(";") if v.strip()}
    return _known_country(values.pop()) if len(values) == 1 else None


@lru_cache(maxsize=512)
def _known_country(code: str) -> str | None:
    code = _NUTS_COUNTRY.get(code, code)
    return code if code in ISO_COUNTRIES else None


# A day as Belgian, German, Finnish or Irish lists write it: "23.03.2016", "1.4.2008".
# (Slashes are left alone: "01/02/2016" is day first in UK lists, month first in some
# German ones.)
_DOTTED_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")


def iso_date(text: str) -> str | None:
    """The ISO date at the front of ``text`` ("2021-06-01", "2021-06-01 00:00:00"), or of a
    day written with dots ("23.03.2016", "1.4.2008"); None for anything else."""
    text = text.strip()
    dotted = _DOTTED_DATE.fullmatch(text)
    if dotted:
        day, month, year = map(int, dotted.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    text = text[:10]
    return text if len(text) == 10 and text[4] == "-" and text[7] == "-" else None


def row_fields(doc: str, n: int, row: Mapping[str, str], columns: Iterable[str]) -> str:
    """The evidence of a fact of row ``n`` of ``doc``: the file, the row and the values of
    ``columns`` (those the fact rests on; empty ones left out), e.g. "participants.csv
    row 7: projectAcronym=MATQu; role=coordinator" (``ontology.evidence``)."""
    return row_evidence(doc, n, [(column, row.get(column, "")) for column in columns])


class RowFacts:
    """Builds one row's DocumentFacts: entities by key, relations, merges."""

    def __init__(self, source: str, doc: str, content_hash: str, lang: str = "und") -> None:
        self.facts = DocumentFacts(doc=doc, source=source, content_hash=content_hash, lang=lang)
        self._keys: set[str] = set()

    def entity(
        self,
        key: str,
        entity_type: str,
        name: str,
        canonical_id: str,
        *,
        canonical_name: str = "",
        aliases: Iterable[str] = (),
        attributes: Mapping[str, AttributeValue | None] | None = None,
    ) -> str:
        """Add an entity once (by local key); its key. Attributes that are None or empty
        are left out."""
        if key not in self._keys:
            self._keys.add(key)
            extra = [a for a in dict.fromkeys(aliases) if a and a != name] if aliases else []
            kept: dict[str, AttributeValue] = (
                {k: v for k, v in attributes.items() if v is not None and v != ""}
                if attributes
                else {}
            )
            if URL_KEY in kept:
                # A homepage becomes an IRI: absolute, or kept as text (url_text).
                kept = checked_homepage(kept)
            self.facts.entities.append(
                EntityFact(
                    key,
                    entity_type,
                    name,
                    canonical_id,
                    canonical_name or name,
                    extra,
                    kept,
                )
            )
        return key

    def relation(
        self,
        rel: str,
        source: str,
        target: str,
        evidence: str,
        amount_eur: float | None = None,
        attributes: dict[str, AttributeValue] | None = None,
    ) -> None:
        """Add one relation between two added entities."""
        self.facts.relations.append(
            RelationFact(
                type=rel,
                source=source,
                target=target,
                evidence=evidence,
                amount_eur=amount_eur,
                attributes=dict(attributes or {}),
            )
        )


class NameResolver:
    """The extraction Resolver used for structured names: registry keys (organisations:
    a PIC) first, then the names already in the graph (identity key or acronym; no fuzzy
    scan, which is quadratic at hundreds of thousands of rows), then a new id. Collects
    the merge log (merges and refusals) per row."""

    def __init__(self, resolver: Resolver | None = None) -> None:
        self.resolver = resolver if resolver is not None else Resolver(fuzzy=False)
        self._context = DocumentContext(doc_id="import")
        # CORDIS acronym keys that several projects carry (from the projects file, so that
        # its participants file keys the projects the same way).
        self.shared_acronyms: frozenset[str] = frozenset()
        # Exact resolution never changes its answer for a name (with the same evidence)
        # once given: the rows that repeat a name (most of them) skip the resolver.
        self._seen: dict[tuple[str, str, str, str], tuple[str, str]] = {}

    def resolve(
        self,
        entity_type: str,
        name: str,
        aliases: Iterable[str] = (),
        *,
        pic: str = "",
        country: str = "",
    ) -> tuple[str, str]:
        """``(canonical id, canonical name)`` of a name of ``entity_type``; an
        organisation's PIC and country are evidence of its identity."""
        aliases = tuple(a for a in aliases if a)
        memo = (entity_type, name, pic, country)
        seen = self._seen.get(memo)
        if seen is not None and not aliases:
            return seen
        # The registry key of the name or, failing that, of an alias (a CORDIS short
        # name): a document naming the organisation by either then meets the same node,
        # whichever comes first.
        key = next(
            (
                entry.key
                for text in (name, *aliases)
                for entry in gazetteer().lookup(text)
                if entry.type == entity_type and not entry.ambiguous
            ),
            "",
        )
        request = ResolutionRequest(
            type=entity_type,
            name=name,
            aliases=list(aliases),
            key=key,
            identifiers={"pic": pic} if pic else {},
            country=country,
        )
        try:
            found = self.resolver.resolve(request, self._context)
        except ValueError:
            # No Latin slug (Greek names of Cypriot and Greek beneficiaries): an id from a
            # hash of the name, the same on every import; nothing but letters-free noise
            # ("-", "?") is skipped.
            if not any(c.isalnum() for c in name):
                raise SkipRow(f"{entity_type} name without letters or digits") from None
            cid = make_canonical_id(entity_type, f"n{short_hash(name)}")
            self._seen[memo] = (cid, name)
            return cid, name
        self._seen[memo] = (found.canonical_id, found.canonical_name)
        return found.canonical_id, found.canonical_name

    def take_merges(self, facts: DocumentFacts) -> None:
        """Move the merge decisions made since the last call into ``facts``."""
        facts.merges.extend(self.resolver.merges)
        self.resolver.merges.clear()


@lru_cache(maxsize=4096)
def _region(code: str) -> tuple[str, str, str]:
    """``(name, canonical id, country)`` of a NUTS code; countries by their English name."""
    g = gazetteer()
    # Countries: the reference NUTS list lacks some (and all outside Europe).
    level, country, label = g.nuts.get(code) or (0, code, code)
    names = [e.name for e in g.by_key(code) if e.source == "lexicon"] if level == 0 else []
    return (names[0] if names else label), make_canonical_id("Region", code), country


@cache
def nuts_countries() -> frozenset[str]:
    """The country codes of the NUTS reference list (the EU's, EFTA's and candidates'):
    only these are NUTS codes; EG, IL or US are countries without one."""
    return frozenset(country for _, country, _ in gazetteer().nuts.values())


def add_country(row: RowFacts, code: str) -> str:
    """The country as a Region entity (id from its code; the NUTS level-0 code as
    ``nuts_id`` only for a country of the NUTS list); its local key."""
    name, cid, _ = _region(code)
    attributes = (
        {"nuts_id": code, "country": code} if code in nuts_countries() else {"country": code}
    )
    return row.entity(f"country:{code}", "Region", name, cid, attributes=attributes)


def add_nuts(row: RowFacts, code: str) -> str:
    """A NUTS region as a Region entity; its local key."""
    name, cid, country = _region(code)
    return row.entity(
        f"nuts:{code}", "Region", name, cid, attributes={"nuts_id": code, "country": country}
    )


def add_programme(row: RowFacts, names: NameResolver, name: str, cci: str = "") -> str:
    """A funding programme: by its CCI code when it has one (the id minted from the code,
    as the resolver does for codes of the reference list, whose title it takes), else by
    name through the resolver; its local key."""
    if cci:
        known = gazetteer().programmes.get(cci)
        title = known[1] if known else name
        return row.entity(
            f"programme:{cci}",
            "FundingProgramme",
            name or title or cci,
            _programme_id(cci),
            canonical_name=title or name or cci,
            attributes={"cci": cci},
        )
    cid, canonical = names.resolve("FundingProgramme", name)
    return row.entity(f"programme:{cid}", "FundingProgramme", name, cid, canonical_name=canonical)


@lru_cache(maxsize=4096)
def _programme_id(cci: str) -> str:
    return make_canonical_id("FundingProgramme", cci)


def add_organisation(
    row: RowFacts,
    names: NameResolver,
    name: str,
    *,
    aliases: Iterable[str] = (),
    attributes: Mapping[str, AttributeValue | None] | None = None,
) -> str:
    """An organisation resolved against the names known so far (its PIC and country in
    ``attributes`` are evidence: two PICs, or two countries, are never one node); its key."""
    aliases = list(aliases)
    evidence = attributes or {}
    # Resolved by the full name only: short names are shared by unrelated organisations
    # ("BSL" is a Spanish firm and a US medical company in one CORDIS extract).
    cid, canonical = names.resolve(
        "Organisation",
        name,
        pic=str(evidence.get("pic") or ""),
        country=str(evidence.get("country") or ""),
    )
    return row.entity(
        f"org:{cid}",
        "Organisation",
        name,
        cid,
        canonical_name=canonical,
        aliases=aliases,
        attributes=attributes,
    )


def short_hash(*parts: str) -> str:
    """Eight hex digits identifying ``parts`` (for ids of operations without a number)."""
    return hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()[:8]


def clean_row(row: dict[str, str], n: int, report: ImportReport) -> dict[str, str]:
    """``row`` with HTML character references decoded; mangled characters reported as a
    warning on row ``n`` (by column), the values kept as written."""
    text = "\x1f".join(row.values())
    if "&" in text:
        row = {k: decode_entities(v) if "&" in v else v for k, v in row.items()}
    if _SUSPECT.search(text):
        for column, value in row.items():
            problem = mangled(value)
            if problem is not None:
                report.warn(n, f"{problem} in {column!r}")
    return row


def facts_from_rows(
    path: Path,
    build: Callable[[RowFacts, int, dict[str, str]], None],
    report: ImportReport,
    names: NameResolver,
    *,
    rows: Iterable[tuple[int, dict[str, str]]] | None = None,
) -> Iterator[DocumentFacts]:
    """Stream ``build(row_facts, n, row)`` over the rows of ``path``: one DocumentFacts
    per row; a row whose build raises SkipRow is counted in ``report`` and left out."""
    source_rows = rows if rows is not None else iter_rows(path)
    doc = path.name
    for n, row in progress(source_rows, desc=doc):
        report.rows += 1
        source, content_hash = f"{doc}#row={n}", row_hash(row.values())
        if report.stored.get(source) == content_hash:
            report.unchanged += 1
            continue
        row = clean_row(row, n, report)
        facts = RowFacts(source, doc, content_hash)
        try:
            build(facts, n, row)
        except SkipRow as err:
            names.resolver.merges.clear()
            report.skip(n, str(err))
            continue
        names.take_merges(facts.facts)
        report.documents += 1
        yield facts.facts
