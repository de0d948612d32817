"""POST /api/documents: ingest uploaded documents (bearer token; size-capped).

No INNOGRAPH_API_TOKEN configured means uploads are disabled (403). The request body is
read in chunks and refused with 413 as soon as it passes INNOGRAPH_MAX_UPLOAD_BYTES, so
an oversized upload is never stored. Each file runs through the real ingest (reader,
extractor) and is written with ``store.upsert_document``; its identity is
``upload:<file name>``, so uploading a changed file again replaces its facts.
"""

from __future__ import annotations

import hmac
import threading
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import UploadFile

from innograph.api.budget import within_budget
from innograph.api.deps import SettingsDep, StoreDep
from innograph.api.errors import ApiError
from innograph.api.limits import MAX_UPLOAD_FILES, UPLOAD_BUDGET_SECONDS
from innograph.api.schemas import ERROR_RESPONSES, ErrorPublic, IngestPublic, IngestResultPublic
from innograph.graph.store import GraphStore
from innograph.graph.types import IngestResult
from innograph.ingest.reading.formats import ReadError, read_bytes
from innograph.service import extractor_for, write_all

if TYPE_CHECKING:  # the extractor loads spaCy, on the first upload only
    from innograph.ingest.extractor import Extractor

router = APIRouter(prefix="/api", tags=["documents"])
bearer = HTTPBearer(auto_error=False, description="The server's INNOGRAPH_API_TOKEN.")
UPLOAD_SOURCE_PREFIX = "upload:"
_upload_lock = threading.Lock()


def require_uploader(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """Refuse the request unless uploads are enabled and the bearer token is right."""
    if not settings.api_token:
        raise ApiError(
            403, "uploads are disabled: the server has no INNOGRAPH_API_TOKEN configured"
        )
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None:
        raise ApiError(
            401, "uploads need the header Authorization: Bearer <token>", headers=challenge
        )
    if not hmac.compare_digest(credentials.credentials.encode(), settings.api_token.encode()):
        raise ApiError(401, "the bearer token is not the server's upload token", headers=challenge)


async def _capped_body(request: Request, cap: int) -> bytes:
    """The request body, refused with 413 as soon as it is larger than ``cap`` bytes."""
    too_large = ApiError(
        413,
        f"the upload is larger than the server's limit of {cap} bytes (INNOGRAPH_MAX_UPLOAD_BYTES)",
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > cap:
            raise too_large
    return bytes(body)


async def _files(request: Request, body: bytes) -> list[tuple[str, bytes]]:
    """The uploaded files (any multipart field) as (file name, bytes)."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise ApiError(415, "send the documents as multipart/form-data, one part per file")

    async def replay() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Request(request.scope, replay).form(max_files=MAX_UPLOAD_FILES)
    except Exception as err:  # noqa: BLE001 - a malformed body is the caller's problem
        raise ApiError(400, f"the multipart body cannot be parsed: {str(err)[:160]}") from None
    files = [
        (v.filename or "", await v.read())
        for _, v in form.multi_items()
        if isinstance(v, UploadFile)
    ]
    await form.close()
    if not files:
        raise ApiError(422, "no file in the upload: send one or more parts named 'files'")
    return files


def _ingest(
    store: GraphStore, files: list[tuple[str, bytes]], max_bytes: int
) -> list[IngestResultPublic]:
    """Read, extract and write each file; one bad file is reported, the others go on."""
    with _upload_lock:  # one upload at a time: resolution reads, then writes, the graph
        extractor = extractor_for(store)
        return [_ingest_one(store, extractor, name, raw, max_bytes) for name, raw in files]


def _ingest_one(
    store: GraphStore, extractor: Extractor, raw_name: str, raw: bytes, max_bytes: int
) -> IngestResultPublic:
    name = raw_name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "upload.txt"
    source = UPLOAD_SOURCE_PREFIX + name
    try:
        text = read_bytes(raw, name, source=source, max_bytes=max_bytes)
    except ReadError as err:
        return IngestResultPublic(file=name, source=source, status="failed", error=err.reason)
    written: list[IngestResult] = []
    refused: list[str] = []
    write_all(
        store,
        [extractor.extract(text)],
        on_invalid=lambda _source, why: refused.append(why),
        on_written=written.extend,
    )
    if refused or not written:
        error = refused[0] if refused else "not written"
        return IngestResultPublic(file=name, source=source, status="failed", error=error)
    return IngestResultPublic(
        file=name,
        source=written[0].source,
        status=written[0].status,
        nodes=written[0].nodes,
        relationships=written[0].relationships,
    )


@router.post(
    "/documents",
    response_model=IngestPublic,
    dependencies=[Depends(require_uploader)],
    responses={
        400: {"model": ErrorPublic, "description": "The multipart body cannot be parsed"},
        401: {"model": ErrorPublic, "description": "No or wrong bearer token"},
        403: {"model": ErrorPublic, "description": "Uploads are disabled (no token configured)"},
        413: {"model": ErrorPublic, "description": "Larger than INNOGRAPH_MAX_UPLOAD_BYTES"},
        415: {"model": ErrorPublic, "description": "Not multipart/form-data"},
        422: ERROR_RESPONSES[422],
        503: ERROR_RESPONSES[503],
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "files": {
                                "type": "array",
                                "items": {"type": "string", "format": "binary"},
                            }
                        },
                        "required": ["files"],
                    }
                }
            },
        }
    },
)
async def upload_documents(
    request: Request, store: StoreDep, settings: SettingsDep
) -> IngestPublic:
    """Ingest uploaded documents (.txt, .md, .html, .pdf, .docx) into the graph."""
    body = await _capped_body(request, settings.max_upload_bytes)
    files = await _files(request, body)
    results = await within_budget(
        UPLOAD_BUDGET_SECONDS, _ingest, store, files, settings.max_upload_bytes
    )
    failed = sum(1 for r in results if r.status == "failed")
    if failed == len(results):
        raise ApiError(
            422,
            f"no document could be read: {results[0].file}: {results[0].error}",
            [r.model_dump() for r in results],
        )
    return IngestPublic(
        data=results, count=len(results), ingested=len(results) - failed, failed=failed
    )
