"""Streaming RDF serialisers: N-Triples, Turtle, RDF/XML and JSON-LD from subject blocks.

Each writer consumes blocks (``graph.rdf.describe.Block``) one at a time and yields text chunks of
about 64 KiB, so a whole graph is written with memory that does not grow with it. The
caller may append a trailer (the VoID/DCAT description) once the data triples are
counted. Terms arrive in N-Triples form; Turtle compacts them with prefixes, RDF/XML and
JSON-LD re-shape them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from innograph.graph.rdf.terms import PREFIXES, RDF_NS, XSD_NS, xml_safe

Pair = tuple[str, str]
Block = tuple[str, list[Pair]]
Trailer = Callable[[int], Iterable[Block]]

CHUNK_CHARS = 64 * 1024
XSD_STRING = XSD_NS + "string"

# Media types and file extensions of the RDF formats this module writes.
RDF_FORMATS: dict[str, tuple[str, str]] = {
    "nt": ("application/n-triples", "nt"),
    "ttl": ("text/turtle", "ttl"),
    "rdfxml": ("application/rdf+xml", "rdf"),
    "jsonld": ("application/ld+json", "jsonld"),
}

# Turtle's PN_LOCAL, restricted to what our IRIs need (no escapes, no ':' or '%').
_PN_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_CANONICAL_LOCAL = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_LITERAL = re.compile(r'^"(?P<lex>.*)"(?:\^\^<(?P<dt>[^>]*)>|@(?P<lang>[A-Za-z0-9-]+))?$', re.S)
_UNESCAPE = re.compile(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[\\"nrtbf\'])')
_SIMPLE_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def _unescape_match(match: re.Match[str]) -> str:
    code = match[1]
    if code[0] in "uU":
        return chr(int(code[1:], 16))
    return _SIMPLE_ESCAPES.get(code, code)


def parse_literal(term: str) -> tuple[str, str | None, str | None]:
    """An N-Triples literal as (lexical form, datatype IRI or None, language or None)."""
    match = _LITERAL.match(term)
    if match is None:
        raise ValueError(f"not a literal term: {term[:60]!r}")
    lexical = match["lex"]
    if "\\" in lexical:
        lexical = _UNESCAPE.sub(_unescape_match, lexical)
    return lexical, match["dt"], match["lang"]


class _Chunker:
    """Collects small strings and hands them out in ~64 KiB chunks."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def add(self, text: str) -> str | None:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= CHUNK_CHARS:
            return self.flush()
        return None

    def flush(self) -> str:
        out = "".join(self.parts)
        self.parts, self.size = [], 0
        return out


def _with_trailer(blocks: Iterable[Block], trailer: Trailer | None) -> Iterator[Block]:
    count = 0
    for block in blocks:
        count += len(block[1])
        yield block
    if trailer is not None:
        yield from trailer(count)


def _chunked(texts: Iterable[str]) -> Iterator[str]:
    chunker = _Chunker()
    for text in texts:
        chunk = chunker.add(text)
        if chunk:
            yield chunk
    rest = chunker.flush()
    if rest:
        yield rest


# -- N-Triples -------------------------------------------------------------------------


def _ntriples_text(blocks: Iterable[Block], counter: list[int]) -> Iterator[str]:
    """N-Triples chunks of ``blocks``; ``counter[0]`` counts their triples."""
    # The hot loop of an N-Triples dump, with no Python step per triple: a block is
    # one str.join (in C) of its "p o" texts, separated by " .\n<subject> ". That
    # separator also ends the line before, so the text is a run of (separator, body)
    # parts that only the chunk's join copies: " .\nS " + "p o .\nS p o" + " .\nT " ...
    # with the first separator's " .\n" cut off and one " .\n" at the very end.
    pair_text = " ".join
    parts: list[str] = []
    append = parts.append
    size = count = 0
    opened = False
    for subject, pairs in blocks:
        triples = len(pairs)
        if triples:
            count += triples
            sep = f" .\n{subject} "
            append(sep)
            body = sep.join(map(pair_text, pairs))
            append(body)
            size += len(body)
            if size >= CHUNK_CHARS:
                if not opened:
                    parts[0], opened = parts[0][3:], True
                yield "".join(parts)
                parts.clear()
                size = 0
    counter[0] += count
    if parts:
        if not opened:
            parts[0] = parts[0][3:]
        append(" .\n")
        yield "".join(parts)
    elif opened:
        yield " .\n"


def write_ntriples(blocks: Iterable[Block], trailer: Trailer | None = None) -> Iterator[str]:
    """N-Triples text chunks: one line per triple."""
    counter = [0]
    yield from _ntriples_text(blocks, counter)
    if trailer is not None:
        yield from _ntriples_text(trailer(counter[0]), [0])


# -- Turtle ----------------------------------------------------------------------------


class TurtleCompactor:
    """Turns ``<iri>`` terms into prefixed names where Turtle allows it (cached)."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.by_namespace = {ns: prefix for prefix, ns in prefixes.items()}
        self.cache: dict[str, str] = {}
        self.datatypes: dict[str, str] = {}  # "<xsd:decimal IRI>" -> "^^xsd:decimal"
        # Our own entity IRIs are the most frequent terms: "<{base}/id/org-x>" -> "id:org-x".
        id_ns = prefixes.get("id")
        self.id_start = f"<{id_ns}" if id_ns else None
        self.id_cut = len(self.id_start) if self.id_start else 0

    def iri(self, term: str) -> str:
        if self.id_start is not None and term.startswith(self.id_start):
            local = term[self.id_cut : -1]
            if _CANONICAL_LOCAL.match(local):
                return "id:" + local
        cached = self.cache.get(term)
        if cached is not None:
            return cached
        value = term[1:-1]
        cut = max(value.rfind("#"), value.rfind("/")) + 1
        prefix = self.by_namespace.get(value[:cut]) if cut else None
        local = value[cut:]
        out = f"{prefix}:{local}" if prefix is not None and _PN_LOCAL.match(local) else term
        if len(self.cache) < 50_000:  # predicates and classes repeat; entities rarely do
            self.cache[term] = out
        return out

    def term(self, term: str) -> str:
        first = term[0]
        if first == "<":
            return self.iri(term)
        if first == '"' and term[-1] == ">":  # a typed literal: "lexical"^^<datatype>
            cut = term.rfind("^^<")
            if cut > 0:
                datatype = term[cut + 2 :]
                short = self.datatypes.get(datatype)
                if short is None:
                    short = self.datatypes[datatype] = (
                        "" if datatype == f"<{XSD_STRING}>" else "^^" + self.iri(datatype)
                    )
                return term[:cut] + short
        return term


def turtle_prefixes(base: str | None) -> dict[str, str]:
    """The prefixes of a Turtle dump: the vocabularies plus ``id:`` for the base's IRIs."""
    prefixes = dict(PREFIXES)
    if base:
        prefixes["id"] = f"{base}/id/"
    return prefixes


def _turtle_text(
    blocks: Iterable[Block], compact: TurtleCompactor, counter: list[int]
) -> Iterator[str]:
    """Turtle chunks of ``blocks``, one statement group per block; ``counter[0]`` counts
    their triples."""
    term = compact.term
    id_start, id_cut = compact.id_start or "\0", compact.id_cut
    rdf_type = f"<{RDF_NS}type>"
    # "<iri>" -> (text before the block's first object, text before a later one).
    predicates: dict[str, tuple[str, str]] = {rdf_type: (" a ", " ;\n    a ")}
    # Repeated literal objects ("1.0"^^xsd:decimal, "row", country codes), compacted once.
    objects: dict[str, str] = {}
    parts: list[str] = []
    append = parts.append
    count = 0
    for subject, pairs in blocks:
        if not pairs:
            continue
        count += len(pairs)
        append(term(subject))
        last_p = None
        for p, o in pairs:
            if p == last_p:
                append(" ,\n        ")
            else:
                pred = predicates.get(p)
                if pred is None:
                    short = compact.iri(p)
                    pred = predicates[p] = (f" {short} ", f" ;\n    {short} ")
                append(pred[0] if last_p is None else pred[1])
                last_p = p
            # Inlined for the most frequent object, one of our entity IRIs (ids are
            # [a-z0-9-], so only a fragment could make the prefixed name invalid).
            if o.startswith(id_start) and "#" not in o:
                append("id:" + o[id_cut:-1])
            else:
                short_o = objects.get(o)
                if short_o is None:
                    short_o = term(o)
                    if len(objects) < 4096:
                        objects[o] = short_o
                append(short_o)
        append(" .\n\n")
        if len(parts) >= 4096:  # about 64 KiB
            yield "".join(parts)
            parts.clear()
    counter[0] += count
    if parts:
        yield "".join(parts)


def write_turtle(
    blocks: Iterable[Block], trailer: Trailer | None = None, base: str | None = None
) -> Iterator[str]:
    """Turtle text chunks: prefixes first, then one statement group per subject block."""
    prefixes = turtle_prefixes(base)
    compact = TurtleCompactor(prefixes)
    yield "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes.items()) + "\n"
    counter = [0]
    yield from _turtle_text(blocks, compact, counter)
    if trailer is not None:
        yield from _turtle_text(trailer(counter[0]), compact, [0])


# -- RDF/XML ---------------------------------------------------------------------------


def _xml_text(text: str) -> str:
    return xml_escape(xml_safe(text))


def _qname(predicate: str, by_namespace: dict[str, str]) -> tuple[str, str]:
    """(element name, extra xmlns attribute) for a predicate IRI in RDF/XML."""
    value = predicate[1:-1]
    cut = max(value.rfind("#"), value.rfind("/")) + 1
    namespace, local = value[:cut], value[cut:]
    if not local or not re.match(r"^[A-Za-z_][A-Za-z0-9_.-]*$", local):
        raise ValueError(f"predicate {value!r} cannot be written in RDF/XML")
    prefix = by_namespace.get(namespace)
    if prefix is not None:
        return f"{prefix}:{local}", ""
    return f"ns0:{local}", f" xmlns:ns0={quoteattr(namespace)}"


def _rdfxml_lines(blocks: Iterable[Block]) -> Iterator[str]:
    by_namespace = {ns: prefix for prefix, ns in PREFIXES.items()}
    names: dict[str, tuple[str, str]] = {}
    decls = "".join(f"\n    xmlns:{p}={quoteattr(ns)}" for p, ns in PREFIXES.items())
    yield f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{decls}>\n'
    for subject, pairs in blocks:
        if subject.startswith("_:"):
            head = f"  <rdf:Description rdf:nodeID={quoteattr(subject[2:])}>\n"
        else:
            head = f"  <rdf:Description rdf:about={quoteattr(subject[1:-1])}>\n"
        parts = [head]
        for p, o in pairs:
            name_decl = names.get(p)
            if name_decl is None:
                name_decl = names[p] = _qname(p, by_namespace)
            name, decl = name_decl
            if o[0] == "<":
                parts.append(f"    <{name}{decl} rdf:resource={quoteattr(o[1:-1])}/>\n")
            elif o.startswith("_:"):
                parts.append(f"    <{name}{decl} rdf:nodeID={quoteattr(o[2:])}/>\n")
            else:
                lexical, datatype, lang = parse_literal(o)
                attr = ""
                if lang:
                    attr = f" xml:lang={quoteattr(lang)}"
                elif datatype and datatype != XSD_STRING:
                    attr = f" rdf:datatype={quoteattr(datatype)}"
                parts.append(f"    <{name}{decl}{attr}>{_xml_text(lexical)}</{name}>\n")
        parts.append("  </rdf:Description>\n")
        yield "".join(parts)
    yield "</rdf:RDF>\n"


def write_rdfxml(blocks: Iterable[Block], trailer: Trailer | None = None) -> Iterator[str]:
    """RDF/XML text chunks: one rdf:Description per subject block."""
    return _chunked(_rdfxml_lines(_with_trailer(blocks, trailer)))


# -- JSON-LD ---------------------------------------------------------------------------


def jsonld_context() -> dict[str, object]:
    """The published JSON-LD @context (served at /ns/context.jsonld): the prefixes."""
    return dict(PREFIXES)


def _compact_key(term: str, by_namespace: dict[str, str]) -> str:
    value = term[1:-1]
    cut = max(value.rfind("#"), value.rfind("/")) + 1
    prefix = by_namespace.get(value[:cut])
    local = value[cut:]
    return f"{prefix}:{local}" if prefix is not None and _PN_LOCAL.match(local) else value


def _jsonld_value(term: str, by_namespace: dict[str, str]) -> object:
    if term[0] == "<":
        return {"@id": term[1:-1]}
    if term.startswith("_:"):
        return {"@id": term}
    lexical, datatype, lang = parse_literal(term)
    if lang:
        return {"@value": lexical, "@language": lang}
    if datatype and datatype != XSD_STRING:
        return {"@value": lexical, "@type": _compact_key(f"<{datatype}>", by_namespace)}
    return lexical


def _jsonld_lines(blocks: Iterable[Block]) -> Iterator[str]:
    by_namespace = {ns: prefix for prefix, ns in PREFIXES.items()}
    keys: dict[str, str] = {}
    rdf_type = f"<{RDF_NS}type>"
    yield '{\n"@context": ' + json.dumps(jsonld_context()) + ',\n"@graph": [\n'
    first = True
    for subject, pairs in blocks:
        node: dict[str, object] = {"@id": subject if subject.startswith("_:") else subject[1:-1]}
        for p, o in pairs:
            if p == rdf_type and o[0] == "<":
                types = node.setdefault("@type", [])
                assert isinstance(types, list)
                types.append(_compact_key(o, by_namespace))
                continue
            key = keys.get(p)
            if key is None:
                key = keys[p] = _compact_key(p, by_namespace)
            values = node.setdefault(key, [])
            assert isinstance(values, list)
            values.append(_jsonld_value(o, by_namespace))
        yield ("" if first else ",\n") + json.dumps(node, ensure_ascii=False)
        first = False
    yield "\n]\n}\n"


def write_jsonld(blocks: Iterable[Block], trailer: Trailer | None = None) -> Iterator[str]:
    """JSON-LD text chunks: the @context inline, then one node object per subject block."""
    return _chunked(_jsonld_lines(_with_trailer(blocks, trailer)))


def write_rdf(
    fmt: str, blocks: Iterable[Block], trailer: Trailer | None = None, base: str | None = None
) -> Iterator[str]:
    """Text chunks of ``blocks`` in one of RDF_FORMATS ("nt", "ttl", "rdfxml", "jsonld")."""
    if fmt == "nt":
        return write_ntriples(blocks, trailer)
    if fmt == "ttl":
        return write_turtle(blocks, trailer, base)
    if fmt == "rdfxml":
        return write_rdfxml(blocks, trailer)
    if fmt == "jsonld":
        return write_jsonld(blocks, trailer)
    raise ValueError(f"unknown RDF format {fmt!r} (known: {', '.join(RDF_FORMATS)})")
