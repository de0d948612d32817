"""Pausing Python's cyclic garbage collector around bulk work (used by ingest and graph)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the duration, back on after if it was on.

    Bulk work (an import, a graph build) creates hundreds of thousands of long-lived
    objects without reference cycles: the collector would promote them and rescan
    everything the process holds over and over. Reference counting still frees them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
