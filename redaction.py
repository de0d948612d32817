"""Keeping credentials out of what innograph shows: messages, logs, banners, error bodies.

One helper, :func:`redact`, is used by every place that could print a secret: the Neo4j
store's error messages, the API's error handlers, ``innograph serve``'s banner and (through
:func:`install_log_redaction`) every log record of the process. It removes the password
from any URL's userinfo (``bolt://neo4j:secret@host`` -> ``bolt://neo4j:***@host``) and
every secret it was told about (the configured Neo4j password, the API token).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable
from urllib.parse import unquote

MASK = "***"
# scheme://user:password@ : the password is everything between the first ':' of the
# userinfo and the last '@' before the host ("@" in a password is written %40 in a URL,
# but people type it raw too).
_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@'\"]*:)[^\s/'\"]*@")
# Secrets shorter than this are not searched for in text: "neo4j" as a password would
# otherwise mask every mention of the database's name.
MIN_SECRET_LENGTH = 6

_secrets: set[str] = set()
_secrets_lock = threading.Lock()


def remember_secrets(*secrets: str | None) -> None:
    """Add ``secrets`` (unset ones ignored) to those :func:`redact` masks everywhere."""
    with _secrets_lock:
        _secrets.update(s for s in secrets if s and len(s) >= MIN_SECRET_LENGTH)


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` with URL passwords, the remembered secrets and ``secrets`` masked."""
    text = _URL_PASSWORD.sub(lambda m: m.group("head") + MASK + "@", text)
    with _secrets_lock:
        known = set(_secrets)
    known.update(s for s in secrets if s and len(s) >= MIN_SECRET_LENGTH)
    for secret in sorted(known, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, MASK)
    return text


def split_credentials(uri: str) -> tuple[str, str | None, str | None]:
    """``uri`` without its userinfo, and the user and password it carried (or None).

    ``bolt://neo4j:secret@db:7687`` -> (``bolt://db:7687``, ``neo4j``, ``secret``); the
    Neo4j driver refuses userinfo in a URI (and quotes the whole URI when it does).
    """
    scheme, sep, rest = uri.partition("://")
    authority, slash, path = rest.partition("/")
    if not sep or "@" not in authority:  # (parsed by hand: urlsplit raises on "bolt://[x")
        return uri, None, None
    userinfo, _, host = authority.rpartition("@")
    user, has_password, password = userinfo.partition(":")
    bare = f"{scheme}://{host}{slash}{path}"
    return bare, unquote(user) or None, unquote(password) if has_password else None


def error_reason(err: BaseException) -> str:
    """An error's message on one line, secrets masked, cut to a readable length."""
    message = getattr(err, "message", None) or str(err) or type(err).__name__
    text = redact(" ".join(str(message).split()))
    return text if len(text) <= 300 else text[:297] + "..."


def address_of(uri: str) -> str:
    """``uri`` as it may be logged or printed: without its userinfo."""
    return split_credentials(uri)[0]


class _RedactingRecordFactory:
    """Wraps the log record factory: every record's message is redacted when created,
    so no handler (ours, uvicorn's, a test's) ever sees a secret."""

    def __init__(self, inner: Callable[..., logging.LogRecord]) -> None:
        self.inner = inner

    def __call__(self, *args: object, **kwargs: object) -> logging.LogRecord:
        record = self.inner(*args, **kwargs)
        if record.exc_info and not record.exc_text:
            # A traceback quotes its exception's message: formatted here, redacted, and
            # kept as the text every logging.Formatter then prints.
            record.exc_text = redact(_TRACEBACKS.formatException(record.exc_info))
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: leave it to the handler to report
            return record
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        return record


_TRACEBACKS = logging.Formatter()


def install_log_redaction(*secrets: str | None) -> None:
    """Remember ``secrets`` and redact every log record of the process from now on."""
    remember_secrets(*secrets)
    factory = logging.getLogRecordFactory()
    if not isinstance(factory, _RedactingRecordFactory):
        logging.setLogRecordFactory(_RedactingRecordFactory(factory))
