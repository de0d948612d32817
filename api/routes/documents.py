"""POST /api/documents: ingest uploaded documents (bearer token; size-capped).

No INNOGRAPH_API_TOKEN configured means uploads are disabled (403). The body is parsed
as it arrives, each file spooled to a temporary file (in memory up to 1 MB, then on
disk), and refused with 413 as soon as it passes INNOGRAPH_MAX_UPLOAD_BYTES, before
anything is stored. At most INNOGRAPH_MAX_CONCURRENT_UPLOADS uploads run at once; one
more gets 503 with Retry-After.

Each file runs through the real ingest (reader, extractor, the service's write path)
and gets its own entry in the answer: stored ("created" / "updated"), "unchanged", or
"refused" with its reason and a per-file status code (413 too large, 422 unreadable,
500 an extraction failure); one bad file neither hides nor stops the others. A file's
identity is ``upload:<file name>``, so uploading a changed file again replaces its
facts. The language analysis of uploads runs side by side; only resolving a document
against the graph and writing it is one at a time, so a slow file holds up no other
upload's extraction.
"""

from __future__ import annotations

import hmac
import threading
import time
from typing import TYPE_CHECKING, Annotated, Literal, cast

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import UploadFile
from starlette.types import Message

from innograph.api.budget import within_budget
from innograph.api.deps import SettingsDep, StoreDep
from innograph.api.errors import ApiError
from innograph.api.limits import (
    MAX_DOCUMENTS,
    MAX_UPLOAD_FILES,
    QUERY_BUDGET_SECONDS,
    UPLOAD_BUDGET_SECONDS,
)
from innograph.api.pagination import OffsetParam, page_of
from innograph.api.params import FormatParam, check_id
from innograph.api.representation import csv_response, csv_stream, document_data, json_response
from innograph.api.responses import answers
from innograph.api.schemas import DocumentsPublic, ErrorPublic, IngestPublic, IngestResultPublic
from innograph.config import Settings
from innograph.graph.store import GraphStore
from innograph.graph.types import DocumentInfo, IngestResult
from innograph.ingest.reading.formats import ContainerLimits, ReadError, read_bytes
from innograph.service import extractor_for, write_all

if TYPE_CHECKING:  # the extractor loads spaCy, on the first upload only
    from innograph.ingest.extractor import Extractor

router = APIRouter(prefix="/api", tags=["documents"])
bearer = HTTPBearer(auto_error=False, description="The server's INNOGRAPH_API_TOKEN.")
UPLOAD_SOURCE_PREFIX = "upload:"
StoredStatus = Literal["created", "updated", "unchanged"]
# Seconds a client told "too many uploads at once" should wait.
UPLOAD_RETRY_AFTER_SECONDS = 10
# Resolving against the graph and writing, one document at a time: resolution reads the
# graph's entities, then the write adds to them.
_write_lock = threading.Lock()
_slots_lock = threading.Lock()
# Documents written through _write_lock so far: an extractor built before the latest
# write no longer knows every entity and is rebuilt.
_writes = 0


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


class _UploadSlots:
    """How many uploads are running; a slot is freed when its work ends, even when the
    request gave up waiting for it (a thread cannot be stopped)."""

    def __init__(self, limit: int) -> None:
        self.limit = max(1, limit)
        self.running = 0
        self._lock = threading.Lock()

    def take(self) -> bool:
        """A slot, or False when all are taken."""
        with self._lock:
            if self.running >= self.limit:
                return False
            self.running += 1
            return True

    def free(self) -> None:
        """Give a slot back."""
        with self._lock:
            self.running -= 1


def _slots(request: Request, settings: Settings) -> _UploadSlots:
    """The app's upload slots, made on its first upload."""
    with _slots_lock:  # not the write lock: this runs on the event loop
        slots: _UploadSlots | None = getattr(request.app.state, "upload_slots", None)
        if slots is None:
            slots = _UploadSlots(settings.max_concurrent_uploads)
            request.app.state.upload_slots = slots
        return slots


async def _spooled_files(request: Request, cap: int) -> list[UploadFile]:
    """The uploaded files (any multipart field), each spooled to a temporary file as the
    body arrives; 413 as soon as the body passes ``cap`` bytes."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise ApiError(415, "send the documents as multipart/form-data, one part per file")
    too_large = ApiError(
        413,
        f"the upload is larger than the server's limit of {cap} bytes (INNOGRAPH_MAX_UPLOAD_BYTES)",
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise too_large
    received = 0

    async def capped_receive() -> Message:
        nonlocal received
        message = await request.receive()
        received += len(message.get("body", b""))
        if received > cap:
            raise too_large
        return message

    try:
        form = await Request(request.scope, capped_receive).form(max_files=MAX_UPLOAD_FILES)
    except ApiError:
        raise
    except Exception as err:  # noqa: BLE001 - a malformed body is the caller's problem
        raise ApiError(400, f"the multipart body cannot be parsed: {str(err)[:160]}") from None
    files = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
    if not files:
        await form.close()
        raise ApiError(422, "no file in the upload: send one or more parts named 'files'")
    return files


def _ingest(
    store: GraphStore, files: list[UploadFile], settings: Settings, slots: _UploadSlots
) -> list[IngestResultPublic]:
    """Read, extract and write each file; one bad file is reported, the others go on.
    Frees the upload's slot and its temporary files when done."""
    deadline = time.monotonic() + UPLOAD_BUDGET_SECONDS
    try:
        extractor: list[tuple[int, Extractor]] = []  # (writes when built, the extractor)
        results = []
        for upload in files:
            if time.monotonic() > deadline:  # said so per file, never a 503 hiding the rest
                results.append(_out_of_time(upload))
            else:
                results.append(_ingest_one(store, extractor, upload, settings))
        return results
    finally:
        for upload in files:
            upload.file.close()
        slots.free()


def _out_of_time(upload: UploadFile) -> IngestResultPublic:
    name = _file_name(upload)
    return IngestResultPublic(
        file=name,
        source=UPLOAD_SOURCE_PREFIX + name,
        status="refused",
        code=503,
        error=f"not read: the upload's {UPLOAD_BUDGET_SECONDS:g} s ran out; send it again",
    )


def _file_name(upload: UploadFile) -> str:
    """The upload's file name without any folder (browsers may send a path)."""
    return (upload.filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip() or "upload.txt"


def _ingest_one(
    store: GraphStore,
    extractor: list[tuple[int, Extractor]],
    upload: UploadFile,
    settings: Settings,
) -> IngestResultPublic:
    from innograph.ingest.extractor import analyse

    name = _file_name(upload)
    source = UPLOAD_SOURCE_PREFIX + name

    def refused(code: int, why: str) -> IngestResultPublic:
        return IngestResultPublic(file=name, source=source, status="refused", code=code, error=why)

    raw = upload.file.read(settings.max_upload_bytes + 1)
    try:
        text = read_bytes(
            raw,
            name,
            source=source,
            max_bytes=settings.max_upload_bytes,
            max_chars=settings.max_text_chars,
            containers=ContainerLimits.within(settings.parse_memory_mb, settings.parse_seconds),
        )
    except ReadError as err:
        return refused(413 if err.reason.startswith("too large") else 422, err.reason)
    del raw
    try:
        analysis = analyse(text)
    except Exception as err:  # noqa: BLE001 - this file's failure, reported in its entry
        return refused(500, f"extraction failed ({type(err).__name__}: {str(err)[:120]})")
    written: list[IngestResult] = []
    invalid: list[str] = []
    global _writes
    with _write_lock:
        if not extractor or extractor[0][0] != _writes:
            extractor[:] = [(_writes, extractor_for(store))]
        facts = extractor[0][1].resolve(analysis)
        write_all(
            store,
            [facts],
            on_invalid=lambda _source, why: invalid.append(why),
            on_written=written.extend,
        )
        if written and written[0].status != "unchanged":
            _writes += 1
            extractor[:] = [(_writes, extractor[0][1])]  # it resolved what was just written
    if invalid or not written:
        return refused(422, invalid[0] if invalid else "not written")
    return IngestResultPublic(
        file=name,
        source=written[0].source,
        status=cast(StoredStatus, written[0].status),  # the stores' three statuses
        code=200,
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
        422: {
            "model": ErrorPublic,
            "description": "No file in the upload, or none could be stored: the error names "
            "the first file and why; detail has every file's entry (as in the 200 answer's "
            "data, status refused with its code and error)",
        },
        503: {
            "model": ErrorPublic,
            "description": "INNOGRAPH_MAX_CONCURRENT_UPLOADS uploads are already running, or "
            "the store is unavailable: retry after the Retry-After header's seconds",
        },
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
    """Ingest uploaded documents (.txt, .md, .html, .pdf, .docx) into the graph.

    The answer has one entry per file, in the order sent: stored ("created",
    "updated"), "unchanged", or "refused" with the reason and a per-file code. When no
    file is stored the answer is 422, its detail those entries.
    """
    slots = _slots(request, settings)
    if not slots.take():
        raise ApiError(
            503,
            f"{slots.limit} uploads are already running (INNOGRAPH_MAX_CONCURRENT_UPLOADS); "
            f"retry in {UPLOAD_RETRY_AFTER_SECONDS} s",
            headers={"Retry-After": str(UPLOAD_RETRY_AFTER_SECONDS)},
        )
    handed_over = False
    try:
        files = await _spooled_files(request, settings.max_upload_bytes)
        handed_over = True  # _ingest frees the slot and the files, whenever it ends
        results = await within_budget(
            UPLOAD_BUDGET_SECONDS * 2, _ingest, store, files, settings, slots
        )
    finally:
        if not handed_over:
            slots.free()
    refused = sum(1 for r in results if r.status == "refused")
    if refused == len(results):
        raise ApiError(
            422,
            f"no document could be stored: {results[0].file}: {results[0].error}",
            [r.model_dump() for r in results],
        )
    return IngestPublic(
        data=results, count=len(results), ingested=len(results) - refused, failed=refused
    )


DOCUMENT_COLUMNS = ["source", "doc", "title", "lang", "ingested_at", "content_hash"]


def document_row(d: DocumentInfo) -> tuple[str | None, ...]:
    """A stored document as a CSV row (``DOCUMENT_COLUMNS``)."""
    return (d.source, d.doc, d.title, d.lang, d.ingested_at, d.content_hash)


@router.get(
    "/documents",
    response_model=DocumentsPublic,
    responses=answers(404, 422, 503, media=["text/csv"]),
)
async def documents(
    request: Request,
    store: StoreDep,
    entity: Annotated[
        str | None, Query(description="Only the documents mentioning this entity id.")
    ] = None,
    limit: Annotated[
        int | None,
        Query(ge=1, le=MAX_DOCUMENTS, description="Page size: 100 unless given; CSV: all."),
    ] = None,
    offset: OffsetParam = 0,
    format: FormatParam = "json",
) -> Response:
    """The source documents in the graph (or those mentioning an entity), by source, paged."""
    if entity is not None:
        entity_id = check_id(entity, "entity")
        detail = await within_budget(QUERY_BUDGET_SECONDS, store.get_entity, entity_id)
        listed = detail.documents
    else:
        listed = await within_budget(QUERY_BUDGET_SECONDS, store.documents)
    found = sorted(listed, key=lambda d: d.source)
    if format == "csv" and limit is None:
        rows = map(document_row, found)
        return csv_stream(DOCUMENT_COLUMNS, rows, name="documents", total=len(found))
    page = page_of(request, total=len(found), offset=offset, limit=limit or 100)
    shown = found[offset : offset + page.limit]
    if format == "csv":
        rows = map(document_row, shown)
        return csv_response(DOCUMENT_COLUMNS, rows, name="documents", headers=page.headers())
    data = [document_data(d) for d in shown]
    return json_response({**page.fields(), "data": data, "count": len(data)}, page.headers())
