"""Limits of ``innograph serve``'s HTTP server: how long a client may take over a
request's headers, how long an idle connection stays open, how large a request head is."""

from __future__ import annotations

import asyncio

# Seconds a client has to send a request's line and headers, and an idle keep-alive
# connection is kept; the largest request line and headers taken (h11's own limit when
# uvicorn runs h11; counted by the protocol below on httptools, which has none).
HEADER_TIMEOUT_SECONDS = 10.0
KEEP_ALIVE_SECONDS = 5
MAX_HEAD_BYTES = 64 * 1024


def header_deadline_protocol(
    seconds: float, max_head_bytes: int = MAX_HEAD_BYTES
) -> type[asyncio.Protocol]:
    """uvicorn's httptools protocol, with a deadline and a size cap for each request head.

    uvicorn closes idle keep-alive connections, but a client that has started a request
    and sends its headers a byte at a time (slowloris) holds its connection as long as
    it likes: here the line and headers must be in ``seconds`` after the connection
    opens or the request's first byte arrives, or the connection is closed. A head over
    ``max_head_bytes`` gets a 400 and the connection is closed (httptools, unlike h11,
    would buffer a header without end).
    """
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class HeaderDeadlineProtocol(HttpToolsProtocol):
        head_deadline: asyncio.TimerHandle | None = None
        head_bytes = 0

        def data_received(self, data: bytes) -> None:
            # Bytes of a head still incomplete (httptools buffers a header value whole).
            if self.head_deadline is not None:
                self.head_bytes += len(data)
            super().data_received(data)
            over = self.head_deadline is not None and self.head_bytes > max_head_bytes
            if over and not self.transport.is_closing():
                self._disarm()
                self.send_400_response(f"request head over {max_head_bytes} bytes")

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._arm()

        def on_headers_complete(self) -> None:
            self._disarm()
            super().on_headers_complete()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            if self.head_deadline is None:  # a request under way keeps its deadline
                self.head_deadline = self.loop.call_later(seconds, self._too_slow)

        def _disarm(self) -> None:
            self.head_bytes = 0
            if self.head_deadline is not None:
                self.head_deadline.cancel()
                self.head_deadline = None

        def _too_slow(self) -> None:
            self.head_deadline = None
            if not self.transport.is_closing():
                self.transport.close()

    return HeaderDeadlineProtocol
