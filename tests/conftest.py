"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (read-only); INNOGRAPH_SHARED_DIR overrides it.
SHARED = Path(os.environ.get("INNOGRAPH_SHARED_DIR", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's shared folder (seeds, corpus, gold, data); skips when absent."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the shared folder at {SHARED}")
        pytest.skip(f"no shared folder at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    """The five seed documents."""
    return shared_dir / "seeds"
