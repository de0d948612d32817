"""The one error of reading: a document that cannot be read, with a one-line reason."""

from __future__ import annotations

from pathlib import Path

__all__ = ["ReadError", "one_line"]


class ReadError(Exception):
    """A document that cannot be read; ``reason`` is one line for the user."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def one_line(exc: BaseException) -> str:
    """An exception's message on one line, at most 120 characters (else its type)."""
    message = " ".join(str(exc).split()) or type(exc).__name__
    return message[:120]
