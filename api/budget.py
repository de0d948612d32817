"""Run a blocking store or analytics call in a worker thread within a time budget."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Executor
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
    executor: Executor | None = None,
    **kwargs: Any,
) -> T:
    """``func(*args, **kwargs)`` in a worker thread; QueryTimeout (503) after ``seconds``.

    The caller gets its answer in time; a call that overran finishes in the background
    (threads cannot be killed) and its result is dropped. The thread is anyio's (a pool
    of 40), or one of ``executor``'s: a small pool of its own keeps a kind of call from
    queueing on the GIL and the store's lock, and costs less per call; waiting for it
    counts against the budget.
    """
    call = partial(func, *args, **kwargs)
    try:
        with anyio.fail_after(seconds):
            if executor is not None:
                return await asyncio.get_running_loop().run_in_executor(executor, call)
            return await anyio.to_thread.run_sync(call, abandon_on_cancel=True)
    except TimeoutError:
        raise QueryTimeout(seconds) from None
