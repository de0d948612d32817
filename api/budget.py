"""Run a blocking store or analytics call in a worker thread within a time budget."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from innograph.api.errors import QueryTimeout

T = TypeVar("T")


async def within_budget(
    seconds: float,
    func: Callable[..., T],
    *args: Any,
    limiter: anyio.CapacityLimiter | None = None,
    **kwargs: Any,
) -> T:
    """``func(*args, **kwargs)`` in a worker thread; QueryTimeout (503) after ``seconds``.

    The caller gets its answer in time; a call that overran finishes in the background
    (threads cannot be killed) and its result is dropped. ``limiter`` caps how many such
    calls run at once (default: anyio's pool of 40 threads); waiting for it counts
    against the budget.
    """
    try:
        with anyio.fail_after(seconds):
            return await anyio.to_thread.run_sync(
                partial(func, *args, **kwargs), abandon_on_cancel=True, limiter=limiter
            )
    except TimeoutError:
        raise QueryTimeout(seconds) from None
