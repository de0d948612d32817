"""The views on a loopback port in a background thread, and a headless Chromium for them.

Used by the browser tests, ``scripts/screenshots`` and ``bench/bench_viz.py``: the app is
served by uvicorn on 127.0.0.1 (a free port), and Debian's Chromium is driven through
Playwright without any download (``executable_path``; never ``playwright install``).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from innograph.api.app import create_app
from innograph.config import Settings, load_settings
from innograph.graph.store import GraphStore
from innograph.viz.routes import router as views_router

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = Path("/usr/bin/chromium")
# Flags for a quiet, offline headless Chromium: no first-run, sync, updates or pings.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serve_views(
    store: GraphStore, settings: Settings | None = None, *, startup_seconds: float = 20.0
) -> Iterator[str]:
    """The API and the views over ``store`` on a free loopback port; yields the base URL
    and stops the server on exit (the store stays open: the caller owns it)."""
    import uvicorn

    app = create_app(settings or load_settings(), store=store, routers=[views_router])
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, name="innograph-views", daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_seconds
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the views server did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def launch_chromium(playwright: Any) -> Browser:
    """Debian's headless Chromium through Playwright; RuntimeError when it is missing."""
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium (scripts/test-setup)")
    browser: Browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS)
    )
    return browser
