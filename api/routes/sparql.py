"""``/sparql``: a read-only SPARQL 1.1 Protocol endpoint over the graph.

GET (or HEAD) ``?query=``, POST form (``query=``) or POST ``application/sparql-query``,
with the protocol's ``default-graph-uri`` and ``named-graph-uri``; GET without a query
is the SPARQL 1.1 Service Description (Turtle by default). SELECT results as SPARQL
JSON, XML, CSV or TSV and ASK as JSON or XML, by Accept; CONSTRUCT and DESCRIBE as the
RDF type the client accepts best (Turtle, N-Triples, JSON-LD, RDF/XML), Turtle when it
lists none (clients that list only result types). Client errors are 4xx: bad syntax,
SERVICE, two queries 400, an update 403; a graph that does not load is 500; a query
past its deadline 503, and busy or restarting workers 503 with Retry-After. Results
stop at a cap (``X-Result-Truncated: true``). CORS per INNOGRAPH_SPARQL_CORS_ORIGINS.
Backed by the pyoxigraph mirror of ``graph.rdf.sparql``, rebuilt when the graph changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from innograph.api.deps import SettingsDep, StoreDep
from innograph.api.errors import RETRY_AFTER_SECONDS, ApiError, error_body
from innograph.api.representation import csv_text
from innograph.api.responses import SPARQL_ANSWERS
from innograph.api.routes.lod import (
    RDF_MEDIA_TYPES,
    RDF_PREFERENCE,
    base_of,
    negotiate,
    sparql_mirror,
)
from innograph.api.routes.lod import not_acceptable as _not_acceptable
from innograph.config import Settings
from innograph.graph.rdf.describe import Block
from innograph.graph.rdf.sparql import service_description
from innograph.graph.rdf.sparql_worker import (
    AskResult,
    Dataset,
    GraphResult,
    QueryResult,
    SelectResult,
    SparqlError,
)
from innograph.graph.rdf.terms import xml_safe
from innograph.graph.rdf.writers import parse_literal, write_rdf

router = APIRouter(tags=["linked data"])

JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
CSV_RESULTS = "text/csv"
TSV_RESULTS = "text/tab-separated-values"
SELECT_TYPES = (JSON_RESULTS, XML_RESULTS, CSV_RESULTS, TSV_RESULTS, "application/json")
ASK_TYPES = (JSON_RESULTS, XML_RESULTS, "application/json")
MAX_QUERY_CHARS = 100_000
DEFAULT_GRAPH = "default-graph-uri"
NAMED_GRAPH = "named-graph-uri"
READ_ONLY = "SPARQL Update is not allowed: this endpoint is read-only"

# -- result serialisers -------------------------------------------------------------------


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _term_parts(term: str) -> tuple[str, str, str | None, str | None]:
    """An N-Triples term as (kind, value, datatype, language); kind uri|bnode|literal."""
    if term.startswith("<") and term.endswith(">") and not term.startswith("<<"):
        return "uri", term[1:-1], None, None
    if term.startswith("_:"):
        return "bnode", term[2:], None, None
    if term.startswith('"'):
        value, datatype, lang = parse_literal(term)
        return "literal", value, None if datatype == XSD_STRING else datatype, lang
    return "literal", term, None, None  # an RDF-star quoted triple, as text


def _json_term(term: str) -> dict[str, str]:
    kind, value, datatype, lang = _term_parts(term)
    out = {"type": kind, "value": value}
    if lang:
        out["xml:lang"] = lang
    elif datatype:
        out["datatype"] = datatype
    return out


def select_json(result: SelectResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    bindings = [
        {
            var: _json_term(value)
            for var, value in zip(result.variables, row, strict=True)
            if value is not None
        }
        for row in result.rows
    ]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}})


def _xml_term(term: str) -> str:
    kind, value, datatype, lang = _term_parts(term)
    text = escape(xml_safe(value))
    if kind != "literal":
        return f"<{kind}>{text}</{kind}>"
    if lang:
        return f"<literal xml:lang={quoteattr(lang)}>{text}</literal>"
    if datatype:
        return f"<literal datatype={quoteattr(datatype)}>{text}</literal>"
    return f"<literal>{text}</literal>"


_XML_HEAD = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'


def select_xml(result: SelectResult) -> str:
    """SPARQL Query Results XML."""
    head = "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables)
    rows = []
    for row in result.rows:
        cells = "".join(
            f"<binding name={quoteattr(var)}>{_xml_term(value)}</binding>"
            for var, value in zip(result.variables, row, strict=True)
            if value is not None
        )
        rows.append(f"<result>{cells}</result>\n")
    return f"{_XML_HEAD}<head>{head}</head>\n<results>\n{''.join(rows)}</results>\n</sparql>\n"


def _plain(term: str | None) -> str:
    if term is None:
        return ""
    kind, value, _, _ = _term_parts(term)
    return f"_:{value}" if kind == "bnode" else value


def select_csv(result: SelectResult) -> str:
    """SPARQL 1.1 Query Results CSV (plain values; formula-like text neutralised)."""
    return csv_text(
        result.variables, ([_plain(v) for v in row] for row in result.rows), newline="\r\n"
    )


def select_tsv(result: SelectResult) -> str:
    """SPARQL 1.1 Query Results TSV (terms in Turtle/N-Triples syntax)."""
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if v is None else v for v in row))
    return "\n".join(lines) + "\n"


def ask_body(result: AskResult, media: str) -> str:
    """ASK as JSON or XML."""
    if media == XML_RESULTS:
        value = "true" if result.value else "false"
        return f"{_XML_HEAD}<head/>\n<boolean>{value}</boolean>\n</sparql>\n"
    return json.dumps({"head": {}, "boolean": result.value})


def graph_blocks(result: GraphResult) -> Iterator[Block]:
    """CONSTRUCT/DESCRIBE triples grouped by subject (in order of first appearance)."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for s, p, o in result.triples:
        grouped.setdefault(s, []).append((p, o))
    yield from grouped.items()


# -- the endpoint -------------------------------------------------------------------------


def _graph_response(blocks: list[Block], accept: str | None, base: str) -> Response:
    """RDF in the type the client accepts best; Turtle when it accepts no RDF type."""
    media = negotiate(accept, RDF_PREFERENCE) or RDF_PREFERENCE[0]
    text = "".join(write_rdf(RDF_MEDIA_TYPES[media], blocks, base=base))
    if media.startswith("text/"):
        media += "; charset=utf-8"
    return Response(text, media_type=media, headers={"Vary": "Accept"})


def _respond(result: QueryResult, accept: str | None, base: str) -> Response:
    headers = {"Vary": "Accept"}
    if isinstance(result, AskResult):
        media = negotiate(accept, ASK_TYPES)
        if media is None:
            return _not_acceptable(ASK_TYPES, accept)
        media = XML_RESULTS if media == XML_RESULTS else JSON_RESULTS
        return Response(ask_body(result, media), media_type=media, headers=headers)
    if isinstance(result, SelectResult):
        media = negotiate(accept, SELECT_TYPES)
        if media is None:
            return _not_acceptable(SELECT_TYPES, accept)
        if result.truncated:
            headers["X-Result-Truncated"] = "true"
        if media == XML_RESULTS:
            body = select_xml(result)
        elif media == CSV_RESULTS:
            body = select_csv(result)
        elif media == TSV_RESULTS:
            body = select_tsv(result)
        else:
            media, body = JSON_RESULTS, select_json(result)
        if media.startswith("text/"):
            media += "; charset=utf-8"
        return Response(body, media_type=media, headers=headers)
    response = _graph_response(list(graph_blocks(result)), accept, base)
    if result.truncated:
        response.headers["X-Result-Truncated"] = "true"
    return response


def _one_query(values: list[str]) -> str | None:
    if len(values) > 1:
        raise ApiError(400, f"{len(values)} 'query' parameters; send exactly one query")
    return values[0] if values else None


async def _query_and_dataset(request: Request) -> tuple[str | None, Dataset]:
    """The query (None: none given) and the protocol dataset, per the SPARQL 1.1 Protocol;
    updates are refused. The dataset parameters may be in the URL or the form."""
    params = request.query_params
    if "update" in params:
        raise ApiError(403, READ_ONLY)
    default_graphs, named_graphs = params.getlist(DEFAULT_GRAPH), params.getlist(NAMED_GRAPH)
    queries = params.getlist("query")
    if request.method in ("GET", "HEAD"):
        query = _one_query(queries)
    else:
        media, _, parameters = request.headers.get("content-type", "").partition(";")
        content_type = media.strip().lower()
        charset = parameters.lower().replace(" ", "").partition("charset=")[2].strip('"')
        if content_type == "application/sparql-update":
            raise ApiError(403, READ_ONLY)
        if content_type == "application/sparql-query":
            if charset not in ("", "utf-8", "utf8"):
                raise ApiError(415, f"the query must be UTF-8, not {charset}")
            if queries:
                raise ApiError(400, "a 'query' parameter beside a query body; send one query")
            body = await request.body()
            if len(body) > MAX_QUERY_CHARS * 4:
                raise ApiError(413, f"query longer than {MAX_QUERY_CHARS} characters")
            try:
                query = body.decode("utf-8")
            except UnicodeDecodeError:
                raise ApiError(400, "the query is not UTF-8 text") from None
        elif content_type == "application/x-www-form-urlencoded":
            form = await request.form()
            if "update" in form:
                raise ApiError(403, READ_ONLY)
            fields = [v for v in form.getlist("query") if isinstance(v, str)]
            query = _one_query(queries + fields)
            default_graphs += [v for v in form.getlist(DEFAULT_GRAPH) if isinstance(v, str)]
            named_graphs += [v for v in form.getlist(NAMED_GRAPH) if isinstance(v, str)]
            if query is None:
                raise ApiError(400, "missing the 'query' parameter")
        else:
            raise ApiError(
                415,
                "POST the query as application/sparql-query or as the form field 'query' "
                "(application/x-www-form-urlencoded)",
            )
    if query is not None and not query.strip():
        raise ApiError(400, "the 'query' parameter is empty")
    if query is not None and len(query) > MAX_QUERY_CHARS:
        raise ApiError(413, f"query longer than {MAX_QUERY_CHARS} characters")
    return query, Dataset(tuple(default_graphs), tuple(named_graphs))


def cors_headers(request: Request, settings: Settings) -> dict[str, str]:
    """The CORS headers for a cross-origin request to /sparql (INNOGRAPH_SPARQL_CORS_ORIGINS)."""
    origin = request.headers.get("origin")
    allowed = settings.sparql_cors_origins
    if not origin or not allowed:
        return {}
    if "*" in allowed:
        return {"Access-Control-Allow-Origin": "*"}
    if origin in allowed:
        return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
    return {}


def _error(err: SparqlError | ApiError) -> JSONResponse:
    """The JSON error; Retry-After only when trying again shortly can help."""
    status = err.status
    headers = {}
    if isinstance(err, SparqlError) and err.temporary:
        headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    elif isinstance(err, ApiError):
        headers.update(err.headers)
    message = err.message if isinstance(err, ApiError) else str(err)
    return JSONResponse(error_body(message), status_code=status, headers=headers)


@router.api_route("/sparql", methods=["GET", "HEAD", "POST"], responses=SPARQL_ANSWERS)
async def sparql(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """Run a read-only SPARQL query (SPARQL 1.1 Protocol); without one, describe the service."""
    base = base_of(request, settings)
    try:
        query, dataset = await _query_and_dataset(request)
        if query is None:
            if request.method == "POST" or dataset:
                raise ApiError(400, "missing the 'query' parameter")
            response = _graph_response(
                service_description(base), request.headers.get("accept"), base
            )
        else:
            mirror = sparql_mirror(request, store, base, settings)
            result = await run_in_threadpool(mirror.query, query, dataset=dataset)
            response = _respond(result, request.headers.get("accept"), base)
    except (SparqlError, ApiError) as err:
        response = _error(err)
    response.headers.update(cors_headers(request, settings))
    return response


@router.options("/sparql", include_in_schema=False)
async def sparql_preflight(request: Request, settings: SettingsDep) -> Response:
    """The CORS preflight of a POST with a SPARQL body (a browser asks before sending it)."""
    headers = cors_headers(request, settings)
    if headers:
        headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
        headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
        headers["Access-Control-Max-Age"] = "86400"
    return Response(status_code=204, headers={"Allow": "GET, HEAD, POST, OPTIONS", **headers})
