"""Linked data over HTTP: dereferenceable IRIs, the ontology, the JSON-LD @context, the
VoID/DCAT description and the dumps.

IRIs follow the 303 pattern of the W3C note "Cool URIs for the Semantic Web": the
resource ``/id/{id}`` (the organisation itself) answers 303 See Other to a document
about it, chosen by the Accept header: the HTML entity page for browsers, or
``/doc/{id}`` for RDF. ``/doc/{id}`` negotiates Turtle, JSON-LD, N-Triples or RDF/XML
(each also at ``/doc/{id}.ttl|.jsonld|.nt|.rdf``); anything else gets 406 with the list
of what is available. Every answer carries ``Vary: Accept`` and ``Link`` headers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import NoMatchFound

from innograph.api.deps import SettingsDep, StoreDep
from innograph.api.errors import ApiError, error_body
from innograph.api.responses import ANSWERS_DESCRIPTION, ANSWERS_THING, JSON_LD, rdf_answers
from innograph.api.templating import render
from innograph.config import Settings
from innograph.graph.errors import EntityNotFound
from innograph.graph.rdf.describe import (
    Block,
    DumpTally,
    ExportOptions,
    describe_entity,
    document_block,
    variant_owners,
)
from innograph.graph.rdf.export import dataset_info, dump_chunks, dump_figures
from innograph.graph.rdf.iris import (
    describing_document_url,
    document_id,
    entity_iri,
    normalise_base,
)
from innograph.graph.rdf.sparql import SparqlMirror
from innograph.graph.rdf.sparql_worker import GraphResult, SparqlError
from innograph.graph.rdf.terms import IG_NS
from innograph.graph.rdf.void import DUMP_PATH, void_blocks, with_figures
from innograph.graph.rdf.writers import RDF_FORMATS, jsonld_context, write_rdf
from innograph.graph.store import GraphStore
from innograph.ontology.ids import is_canonical_id
from innograph.ontology.terms import ontology_graph, ontology_path

router = APIRouter(tags=["linked data"])

HTML = "text/html"
# Media type -> format key of graph.rdf.writers; the order is the server's preference
# when the client likes several equally (curl's */* gets Turtle).
RDF_MEDIA_TYPES: dict[str, str] = {media: fmt for fmt, (media, _) in RDF_FORMATS.items()}
RDF_PREFERENCE = (
    "text/turtle",
    "application/ld+json",
    "application/n-triples",
    "application/rdf+xml",
)
EXTENSIONS: dict[str, str] = {ext: fmt for fmt, (_, ext) in RDF_FORMATS.items()}
CONTEXT_PATH = "/ns/context.jsonld"


# -- content negotiation --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MediaRange:
    """One entry of an Accept header."""

    type: str
    subtype: str
    q: float
    order: int

    def matches(self, media_type: str) -> int:
        """Specificity of the match (3 exact, 2 type/*, 1 */*), 0 for none."""
        main, _, sub = media_type.partition("/")
        if self.type == main and self.subtype == sub:
            return 3
        if self.type == main and self.subtype == "*":
            return 2
        if self.type == "*" and self.subtype == "*":
            return 1
        return 0


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header (a missing header accepts everything)."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    ranges = []
    for order, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        main, _, sub = fields[0].lower().partition("/")
        if not main:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(main, sub or "*", q, order))
    return ranges


def negotiate(header: str | None, available: Iterable[str]) -> str | None:
    """The available media type the client prefers (RFC 9110: the most specific range
    decides a type's q; ties go to the order of ``available``); None if nothing fits."""
    ranges = parse_accept(header)
    best: tuple[float, int, str] | None = None
    for rank, media_type in enumerate(available):
        matched = [(r.matches(media_type), r) for r in ranges]
        matched = [(spec, r) for spec, r in matched if spec]
        if not matched:
            continue
        spec, chosen = max(matched, key=lambda m: (m[0], -m[1].order))
        if chosen.q <= 0:
            continue
        key = (chosen.q, -rank, media_type)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


def not_acceptable(available: Iterable[str], accept: str | None) -> JSONResponse:
    """406 with a JSON body listing what can be served."""
    offered = list(available)
    return JSONResponse(
        error_body(
            f"cannot serve {accept or 'that media type'}; available: {', '.join(offered)}",
            {"available": offered},
        ),
        status_code=406,
        headers={"Vary": "Accept"},
    )


# -- helpers ----------------------------------------------------------------------------


def base_of(request: Request, settings: Settings) -> str:
    """The IRI base, fixed when the app starts (``create_app``); never the request's Host,
    which would let a client choose the IRIs and redirects others get."""
    return normalise_base(settings.base_iri)


ENTITY_PAGE_ROUTE = "entity_page"  # the name of the viz room's HTML entity page


def _entity_page_path(request: Request, entity_id: str) -> str | None:
    """The HTML entity page of the viz room, when the app has one."""
    try:
        return str(request.app.url_path_for(ENTITY_PAGE_ROUTE, entity_id=entity_id))
    except NoMatchFound:
        return None


def _alternates(base: str, entity_id: str) -> str:
    doc = describing_document_url(base, entity_id)
    links = [
        f'<{doc}.{ext}>; rel="alternate"; type="{media}"'
        for fmt, (media, ext) in RDF_FORMATS.items()
    ]
    return ", ".join(links)


def _rdf_response(
    blocks: Iterable[Block], fmt: str, base: str, headers: dict[str, str]
) -> StreamingResponse:
    media = RDF_FORMATS[fmt][0]
    chunks = (c.encode("utf-8") for c in write_rdf(fmt, blocks, base=base))
    return StreamingResponse(
        chunks,
        media_type=f"{media}; charset=utf-8" if media.startswith("text/") else media,
        headers=headers,
    )


def _check_id(entity_id: str) -> None:
    if not is_canonical_id(entity_id):
        raise ApiError(404, f"{entity_id!r} is not an innograph identifier")


_mirror_lock = threading.Lock()
# Ids of resources that only the RDF has (statements, EURIO roles, grants, amounts).
DERIVED_PREFIXES = ("stmt-", "role-", "grant-", "amount-")


def sparql_mirror(
    request: Request, store: GraphStore, base: str, settings: Settings
) -> SparqlMirror:
    """The app's SPARQL mirror of this store (made on first use; the base is fixed)."""
    state = request.app.state
    with _mirror_lock:
        mirror: SparqlMirror | None = getattr(state, "sparql_mirror", None)
        if mirror is None or mirror.store is not store or mirror.base != base:
            if mirror is not None:
                mirror.close()
            mirror = SparqlMirror(
                store, base=base, licence=settings.licence, publisher=settings.publisher
            )
            state.sparql_mirror = mirror
        return mirror


def _description(
    request: Request, store: GraphStore, entity_id: str, base: str, settings: Settings
) -> list[Block]:
    """The blocks describing an entity, a document, or a statement, role, grant or amount
    of the RDF (these from the SPARQL mirror); EntityNotFound if there is no such thing."""
    if entity_id.startswith(DERIVED_PREFIXES):
        iri = entity_iri(base, entity_id)
        mirror = sparql_mirror(request, store, base, settings)
        try:
            result = mirror.query(f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}")
        except SparqlError as err:  # a graph that does not load is a 500, not "a bug"
            raise ApiError(err.status, str(err)) from None
        if not isinstance(result, GraphResult) or not result.triples:
            raise EntityNotFound(entity_id)
        return [(f"<{iri}>", [(p, o) for _, p, o in result.triples])]
    if entity_id.startswith("doc-"):
        for doc in store.documents():
            if document_id(doc.source) == entity_id:
                return [document_block(doc, base)]
        raise EntityNotFound(entity_id)
    return list(describe_entity(store, entity_id, base))


def _html_page(blocks: list[Block], entity_id: str, base: str) -> str:
    """A minimal HTML rendering of a description, for browsers when no entity page exists
    (``api/templates/description.html``: every term escaped)."""
    doc = describing_document_url(base, entity_id)
    return render(
        "description.html",
        entity_id=entity_id,
        iri=entity_iri(base, entity_id),
        alternates=[(media, f"{doc}.{ext}") for media, ext in RDF_FORMATS.values()],
        rows=[(subject, p, o) for subject, pairs in blocks for p, o in pairs],
    )


# -- routes ----------------------------------------------------------------------------


_variants_lock = threading.Lock()


def _variant_owner(request: Request, store: GraphStore, entity_id: str) -> str | None:
    """The entity a merged variant's IRI is owl:sameAs (the variants map is built once
    per graph version, on the first request for an IRI that names no entity)."""
    key = store.version()
    with _variants_lock:
        cached: dict[str, dict[str, str]] = request.app.state.__dict__.setdefault(
            "variant_owners", {}
        )
        if key not in cached:
            cached.clear()
            cached[key] = variant_owners(store)
        return cached[key].get(entity_id)


@router.api_route("/id/{entity_id}", methods=["GET", "HEAD"], status_code=303, **ANSWERS_THING)
def resource(entity_id: str, request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """The thing itself: 303 See Other to the HTML page or the RDF document about it.

    The IRI a merged variant name would mint (``owl:sameAs`` its entity) answers 303 to
    the entity's IRI."""
    _check_id(entity_id)
    base = base_of(request, settings)
    try:
        _description(request, store, entity_id, base, settings)  # 404, not a redirect to nothing
    except EntityNotFound:
        owner = _variant_owner(request, store, entity_id)
        if owner is None:
            raise
        return Response(
            status_code=303,
            headers={"Location": entity_iri(base, owner), "Vary": "Accept"},
        )
    accept = request.headers.get("accept")
    chosen = negotiate(accept, (*RDF_PREFERENCE, HTML))
    if chosen is None:
        return not_acceptable((*RDF_PREFERENCE, HTML), accept)
    doc = describing_document_url(base, entity_id)
    if chosen == HTML:
        target = _entity_page_path(request, entity_id) or f"{doc}.html"
    else:
        target = f"{doc}.{RDF_FORMATS[RDF_MEDIA_TYPES[chosen]][1]}"
    return Response(
        status_code=303,
        headers={
            "Location": target,
            "Vary": "Accept",
            "Link": f'<{doc}>; rel="describedby", {_alternates(base, entity_id)}',
        },
    )


@router.api_route("/doc/{name}", methods=["GET", "HEAD"], **ANSWERS_DESCRIPTION)
def document(name: str, request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """The document about a resource; ``/doc/{id}`` negotiates, ``/doc/{id}.ttl`` etc. don't."""
    entity_id, dot, ext = name.partition(".")
    _check_id(entity_id)
    base = base_of(request, settings)
    accept = request.headers.get("accept")
    if dot:
        if ext == "html":
            chosen = HTML
        elif ext in EXTENSIONS:
            chosen = RDF_FORMATS[EXTENSIONS[ext]][0]
        else:
            raise ApiError(404, f"no document format .{ext} (try .ttl, .jsonld, .nt, .rdf)")
    else:
        negotiated = negotiate(accept, (*RDF_PREFERENCE, HTML))
        if negotiated is None:
            return not_acceptable((*RDF_PREFERENCE, HTML), accept)
        chosen = negotiated
    blocks = _description(request, store, entity_id, base, settings)
    iri = entity_iri(base, entity_id)
    headers = {
        "Vary": "Accept",
        "Link": f'<{iri}>; rel="about", {_alternates(base, entity_id)}',
    }
    if chosen == HTML:
        page = _entity_page_path(request, entity_id)
        if page is not None:
            return Response(status_code=303, headers={"Location": page, **headers})
        return Response(_html_page(blocks, entity_id, base), media_type=HTML, headers=headers)
    fmt = RDF_MEDIA_TYPES[chosen]
    if not dot:
        doc = describing_document_url(base, entity_id)
        headers["Content-Location"] = f"{doc}.{RDF_FORMATS[fmt][1]}"
    return _rdf_response(blocks, fmt, base, headers)


@cache
def _ontology_text(fmt: str) -> str:
    graph = ontology_graph()
    if fmt == "ttl":
        with open(ontology_path(), encoding="utf-8") as handle:
            return handle.read()
    rdflib_name = {"nt": "nt", "rdfxml": "xml", "jsonld": "json-ld"}[fmt]
    return str(graph.serialize(format=rdflib_name))


@router.api_route("/ontology", methods=["GET", "HEAD"], **rdf_answers(406))
def ontology_document(request: Request) -> Response:
    """The OWL ontology (Turtle by default; JSON-LD, N-Triples, RDF/XML by Accept)."""
    accept = request.headers.get("accept")
    chosen = negotiate(accept, RDF_PREFERENCE)
    if chosen is None:
        return not_acceptable(RDF_PREFERENCE, accept)
    fmt = RDF_MEDIA_TYPES[chosen]
    return Response(
        _ontology_text(fmt),
        media_type=chosen,
        headers={"Vary": "Accept", "Link": f'<{IG_NS}>; rel="describes"'},
    )


@router.get(CONTEXT_PATH, **rdf_answers(media=[JSON_LD]))
def jsonld_context_document() -> JSONResponse:
    """The JSON-LD @context of innograph's JSON-LD (prefixes of the vocabularies used)."""
    return JSONResponse(
        {"@context": jsonld_context()},
        media_type="application/ld+json",
        headers={"Access-Control-Allow-Origin": "*"},
    )


_count_lock = threading.Lock()


def _dump_figures(request: Request, store: GraphStore, base: str) -> DumpTally:
    """The whole dump's data triples and resources, counted once per graph version (cached)."""
    key = (base, store.version())
    with _count_lock:
        cached: dict[tuple[str, str], DumpTally] = request.app.state.__dict__.setdefault(
            "void_dump_figures", {}
        )
        if key not in cached:
            cached.clear()
            cached[key] = dump_figures(store, ExportOptions(base=base))
        return cached[key]


@router.api_route("/.well-known/void", methods=["GET", "HEAD"], **rdf_answers(406, 503))
def void_description(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """The VoID + DCAT description of the dataset, content-negotiated."""
    accept = request.headers.get("accept")
    chosen = negotiate(accept, RDF_PREFERENCE)
    if chosen is None:
        return not_acceptable(RDF_PREFERENCE, accept)
    base = base_of(request, settings)
    options = ExportOptions(base=base)
    info = dataset_info(store, options, settings.licence, settings.publisher)
    figures = _dump_figures(request, store, base)
    info = with_figures(info, figures.triples, figures.resources, cordis=figures.cordis)
    return _rdf_response(void_blocks(info), RDF_MEDIA_TYPES[chosen], base, {"Vary": "Accept"})


@router.get(DUMP_PATH + ".{ext}", **rdf_answers(404, 503))
def dump(ext: str, request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """The whole graph as one RDF file (streamed), with its VoID/DCAT description."""
    fmt = EXTENSIONS.get(ext)
    if fmt is None:
        raise ApiError(404, f"no dump format .{ext} (try .ttl, .jsonld, .nt, .rdf)")
    base = base_of(request, settings)
    chunks: Iterator[str] = dump_chunks(
        store, fmt, ExportOptions(base=base), licence=settings.licence, publisher=settings.publisher
    )
    media = RDF_FORMATS[fmt][0]
    return StreamingResponse(
        (c.encode("utf-8") for c in chunks),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="innograph.{ext}"'},
    )
