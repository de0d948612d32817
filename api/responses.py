"""What the OpenAPI document says each route answers: every status and content type.

Routes pass ``responses=answers(...)``: the error statuses they can give (each with the
``ErrorPublic`` body every error has) and the media types of their success answer beside
the JSON of their ``response_model``. Written once here, so that a route's decorator
stays one line; ``tests/test_api_schema.py`` holds every answer to what is documented
(schemathesis: status codes, content types, JSON schemas).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypedDict

from fastapi.responses import Response

from innograph.api.schemas import ErrorPublic

Responses = dict[int | str, dict[str, Any]]

ERROR_DESCRIPTIONS: dict[int, str] = {
    400: "The request cannot be read (a missing or malformed query, a bad body)",
    401: "No bearer token, or not the server's",
    403: "Not allowed (uploads disabled, or a SPARQL Update)",
    404: "No entity, document or format with that id",
    406: "None of the media types the Accept header asks for is served; the body lists "
    "those that are",
    413: "The request is larger than its cap",
    415: "The body's media type is not one this operation reads",
    422: "A parameter is invalid; the error names it",
    429: "Too many requests at once; retry after the Retry-After header's seconds",
    503: "The graph store is unavailable or the query ran out of time; retry after the "
    "Retry-After header's seconds",
}

# A media type whose body is text (or bytes) rather than JSON the schema could describe.
TEXT_BODY: dict[str, Any] = {"schema": {"type": "string"}}
JSON_BODY: dict[str, Any] = {"schema": {}}  # any JSON (JSON-LD, SPARQL results)

CSV = "text/csv"
HTML = "text/html"
TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
JSON_LD = "application/ld+json"
RDF_XML = "application/rdf+xml"
RDF_TYPES = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML)
SPARQL_RESULTS = (
    "application/sparql-results+json",
    "application/json",
    "application/sparql-results+xml",
    CSV,
    "text/tab-separated-values",
)


def errors(*statuses: int) -> Responses:
    """The documented error answers ``statuses``, each an ``ErrorPublic`` JSON body."""
    return {s: {"model": ErrorPublic, "description": ERROR_DESCRIPTIONS[s]} for s in statuses}


def body_of(media_type: str) -> dict[str, Any]:
    """The OpenAPI content entry of ``media_type``: any JSON for JSON types, else text."""
    return JSON_BODY if media_type.endswith("json") else TEXT_BODY


def answers(
    *statuses: int,
    media: Iterable[str] = (),
    status: int = 200,
    description: str | None = None,
) -> Responses:
    """``responses=`` of a route: its error ``statuses`` and the extra ``media`` types of
    its ``status`` answer (besides the JSON of its response_model, if it has one)."""
    documented = errors(*statuses)
    content = {m: body_of(m) for m in media}
    if content or description:
        answer: dict[str, Any] = {"content": content} if content else {}
        if description:
            answer["description"] = description
        documented[status] = answer
    return documented


# The read routes' usual answers: their JSON, or CSV with format=csv.
READ_ERRORS = (404, 422, 503)
TABLE = answers(*READ_ERRORS, media=[CSV])
READ = answers(*READ_ERRORS)


class RouteAnswers(TypedDict):
    """Keyword arguments of a route: what it answers, and the class of its answer."""

    responses: Responses
    response_class: type[Response]


def rdf_answers(*statuses: int, media: Iterable[str] = RDF_TYPES) -> RouteAnswers:
    """Keyword arguments of a linked-data route: its ``responses`` (errors ``statuses``,
    success in ``media``) and a plain response class, so that the document does not
    also offer the application/json FastAPI would list for its default class."""
    return RouteAnswers(responses=answers(*statuses, media=media), response_class=Response)


# Linked data: the thing's IRI redirects (303) to a document about it, which is RDF or HTML.
SEE_OTHER: Responses = {
    303: {"description": "See Other: the Location header names the document about it"}
}
ANSWERS_THING = RouteAnswers(
    responses={**errors(404, 406, 503), **SEE_OTHER}, response_class=Response
)
ANSWERS_DESCRIPTION = RouteAnswers(
    responses={**answers(404, 406, 503, media=(*RDF_TYPES, HTML)), **SEE_OTHER},
    response_class=Response,
)
SPARQL_ANSWERS = answers(400, 403, 406, 413, 415, 503, media=(*SPARQL_RESULTS, *RDF_TYPES))


def errors_as_answered(schema: dict[str, Any]) -> None:
    """Describe the 422s FastAPI documents by itself as what the API answers instead.

    FastAPI gives every operation with parameters a 422 of its own ``HTTPValidationError``
    shape; the API's handler (``api/errors.py``) answers every 422 as ``ErrorPublic``.
    """
    error_ref = {"$ref": "#/components/schemas/ErrorPublic"}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            answer = operation.get("responses", {}).get("422")
            if answer and "HTTPValidationError" in str(answer.get("content")):
                answer["description"] = ERROR_DESCRIPTIONS[422]
                answer["content"] = {"application/json": {"schema": error_ref}}
    components = schema.get("components", {}).get("schemas", {})
    if "ErrorPublic" not in components:
        components["ErrorPublic"] = ErrorPublic.model_json_schema(
            ref_template="#/components/schemas/{model}"
        )
    if "HTTPValidationError" not in str(schema.get("paths")):
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
