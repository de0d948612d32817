"""RDF terms as N-Triples text, and the vocabularies the export uses.

The exporter builds every term once, as the exact text N-Triples needs (``<iri>``,
``"lexical"^^<datatype>``, ``"text"@en``, ``_:label``), so that writing N-Triples is a
string join and the other writers (Turtle, RDF/XML, JSON-LD) only re-shape those terms.
No rdflib objects are made per triple: that is what keeps the export fast and small.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from pyoxigraph import NamedNode

from innograph.ontology.terms import IG

IG_NS = str(IG)
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
PROV_NS = "http://www.w3.org/ns/prov#"
DCTERMS_NS = "http://purl.org/dc/terms/"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
EURIO_NS = "http://data.europa.eu/s66#"
VOID_NS = "http://rdfs.org/ns/void#"
DCAT_NS = "http://www.w3.org/ns/dcat#"
FOAF_NS = "http://xmlns.com/foaf/0.1/"
VCARD_NS = "http://www.w3.org/2006/vcard/ns#"
ADMS_NS = "http://www.w3.org/ns/adms#"
NUTS_NS = "http://data.europa.eu/nuts/code/"
WIKIDATA_NS = "http://www.wikidata.org/entity/"
ROR_NS = "https://ror.org/"

# Prefixes written at the top of Turtle and RDF/XML and in the JSON-LD @context.
PREFIXES: dict[str, str] = {
    "ig": IG_NS,
    "rdf": RDF_NS,
    "rdfs": RDFS_NS,
    "owl": OWL_NS,
    "xsd": XSD_NS,
    "prov": PROV_NS,
    "dcterms": DCTERMS_NS,
    "skos": SKOS_NS,
    "eurio": EURIO_NS,
    "void": VOID_NS,
    "dcat": DCAT_NS,
    "foaf": FOAF_NS,
    "adms": ADMS_NS,
    "vcard": VCARD_NS,
}

# An absolute IRI begins with a scheme; anything else (a scheme-less "www.example.org")
# must not reach an IRI position, where it would be resolved against the file's base.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_WEB = re.compile(r"^https?://[^/?#\s]+", re.IGNORECASE)
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LITERAL_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_LITERAL_UNSAFE = re.compile(r'[\\"\n\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f]')
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")


def iri(value: str) -> str:
    """``<value>``, with characters that IRIs may not hold percent-encoded.

    A value without a scheme is no IRI: it is written as a plain literal instead, so a
    bad value that reaches the writer can never become a relative ``<www.x.org>``.
    """
    if not _SCHEME.match(value):
        return string(value)
    if _IRI_UNSAFE.search(value):
        value = _IRI_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), value)
    return f"<{value}>"


def web_iri(value: object) -> str | None:
    """The ``<iri>`` term of an absolute http(s) URL that every RDF parser accepts, or None
    (a scheme-less "www.example.org", a mail address, a malformed URL)."""
    text = str(value).strip() if value is not None else ""
    if not _WEB.match(text):
        return None
    term = iri(text)
    try:
        NamedNode(term[1:-1])  # pyoxigraph checks the IRI grammar (RFC 3987)
    except ValueError:
        return None
    return term


def _escape_char(match: re.Match[str]) -> str:
    char = match[0]
    return _LITERAL_ESCAPES.get(char) or f"\\u{ord(char):04X}"


def escape_literal(text: str) -> str:
    """The lexical form escaped for a double-quoted N-Triples / Turtle string."""
    # Fast path for the usual text: every character _LITERAL_UNSAFE matches is either
    # a quote, a backslash or not printable, and these three tests run in C, faster
    # than the regex search.
    if text.isprintable() and '"' not in text and "\\" not in text:
        return text
    return _LITERAL_UNSAFE.sub(_escape_char, text) if _LITERAL_UNSAFE.search(text) else text


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _XML_INVALID.sub("\ufffd", text)


def string(text: str) -> str:
    """A plain (xsd:string) literal."""
    return f'"{escape_literal(text)}"'


def tagged(text: str, lang: str | None) -> str:
    """A language-tagged literal (``"text"@nl``); a plain one when the language is
    unknown or not a BCP 47 tag."""
    if lang and _LANGUAGE_TAG.match(lang) and lang.lower() != "und":
        return f'"{escape_literal(text)}"@{lang.lower()}'
    return string(text)


def english(text: str) -> str:
    """An ``@en`` literal (the dataset description's own texts are English)."""
    return tagged(text, "en")


def typed(lexical: str, datatype: str) -> str:
    """A literal of a datatype given by its full IRI."""
    return f'"{escape_literal(lexical)}"^^<{datatype}>'


def decimal_lexical(value: float | int | str | Decimal) -> str:
    """The canonical-ish xsd:decimal lexical form: no exponent, at least one digit each side."""
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"not a decimal number: {value!r}") from exc
    if not number.is_finite():
        raise ValueError(f"not a finite decimal number: {value!r}")
    text = format(number, "f")
    if "." not in text:
        text += ".0"
    return text


def decimal(value: float | int | str | Decimal) -> str:
    """An xsd:decimal literal."""
    return f'"{decimal_lexical(value)}"^^<{XSD_NS}decimal>'


def integer(value: int) -> str:
    """An xsd:integer literal."""
    return f'"{int(value)}"^^<{XSD_NS}integer>'


def date_literal(value: str) -> str | None:
    """xsd:date, xsd:gYearMonth or xsd:gYear by the text's precision; None if not a date."""
    text = str(value).strip()[:10]
    if _DATE.match(text):
        return typed(text, XSD_NS + "date")
    if _YEAR_MONTH.match(text):
        return typed(text, XSD_NS + "gYearMonth")
    if _YEAR.match(text):
        return typed(text, XSD_NS + "gYear")
    return None


def datetime_literal(value: str) -> str:
    """An xsd:dateTime literal (ISO 8601 text as stored)."""
    return typed(value, XSD_NS + "dateTime")


class NS:
    """Pre-built ``<iri>`` terms of the predicates and classes the exporter writes."""

    type = iri(RDF_NS + "type")
    statement = iri(RDF_NS + "Statement")
    subject = iri(RDF_NS + "subject")
    predicate = iri(RDF_NS + "predicate")
    object = iri(RDF_NS + "object")
    label = iri(RDFS_NS + "label")
    same_as = iri(OWL_NS + "sameAs")
    exact_match = iri(SKOS_NS + "exactMatch")
    notation = iri(SKOS_NS + "notation")
    derived_from = iri(PROV_NS + "wasDerivedFrom")
    generated_at = iri(PROV_NS + "generatedAtTime")
    prov_entity = iri(PROV_NS + "Entity")
    source = iri(DCTERMS_NS + "source")
    language = iri(DCTERMS_NS + "language")
    title = iri(DCTERMS_NS + "title")
    homepage = iri(FOAF_NS + "homepage")
    identifier = iri(ADMS_NS + "identifier")
    identifier_class = iri(ADMS_NS + "Identifier")
    schema_agency = iri(ADMS_NS + "schemaAgency")
    ig_document = iri(IG_NS + "Document")
    ig_name = iri(IG_NS + "name")
    ig_alias = iri(IG_NS + "alias")
    ig_country = iri(IG_NS + "countryCode")
    ig_nuts = iri(IG_NS + "nutsCode")
    ig_budget = iri(IG_NS + "budgetEur")
    ig_start = iri(IG_NS + "startDate")
    ig_end = iri(IG_NS + "endDate")
    ig_evidence = iri(IG_NS + "evidence")
    ig_confidence = iri(IG_NS + "confidence")
    ig_amount = iri(IG_NS + "amountEur")
    ig_content_hash = iri(IG_NS + "contentHash")
    eurio_involved = iri(EURIO_NS + "hasInvolvedParty")
    eurio_role_class = iri(EURIO_NS + "OrganisationRole")
    eurio_role_of = iri(EURIO_NS + "isRoleOf")
    eurio_role_label = iri(EURIO_NS + "roleLabel")
    eurio_funded_by = iri(EURIO_NS + "isFundedBy")
    eurio_grant = iri(EURIO_NS + "Grant")
    eurio_scheme = iri(EURIO_NS + "hasFundingScheme")
    eurio_funding_amount = iri(EURIO_NS + "hasFundingAmount")
    eurio_amount_class = iri(EURIO_NS + "MonetaryAmount")
    eurio_value = iri(EURIO_NS + "value")
    eurio_currency = iri(EURIO_NS + "currency")
