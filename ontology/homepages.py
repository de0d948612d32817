"""Homepage addresses: an absolute http(s) IRI, or a plain text that is never an IRI.

The graph keeps an entity's homepage under ``url`` and publishes it as an IRI
(``foaf:homepage``). Source data writes homepages loosely: without a scheme
("www.example.org", 992 of the ECSEL CORDIS organisations), with spaces or braces that an
IRI may not hold, several in one cell ("www.a.de; www.b.eu"), or something that is no
address at all (an e-mail address, "n/a"). A relative or malformed IRI breaks N-Triples,
rdflib, pyoxigraph and the SPARQL endpoint, so every write of ``url`` goes through
:func:`checked_homepage` (the stores call it for every entity): the value becomes an
absolute IRI that RFC 3987 accepts (checked by pyoxigraph's IRI parser), or it moves,
unchanged, to ``url_text``, a plain literal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TypeVar

import pyoxigraph

URL_KEY = "url"
URL_TEXT_KEY = "url_text"

V = TypeVar("V")

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# A DNS name: dot-separated labels of letters (any script), digits and inner hyphens,
# ending in an alphabetic top-level label; an optional port.
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
_HOST = re.compile(rf"^(?:{_LABEL}\.)+[^\W\d_]{{2,63}}\.?(?::\d{{1,5}})?$")
_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?$")
# What an IRI may not hold as written (RFC 3987: controls, space, <>"{}|\^`) and a "%"
# that does not start an escape: percent-encoded as UTF-8.
_MUST_ENCODE = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]|%(?![0-9A-Fa-f]{2})')
_SEPARATORS = re.compile(r"\s*[;\s]\s*")


def _percent_encode(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match[0].encode("utf-8"))


def homepage_iri(text: str) -> str | None:
    """The absolute http(s) IRI that ``text`` names as a homepage, or None.

    A scheme-less value that is clearly a host name ("www.example.org/x") gets
    ``http://``; the scheme and host are lower-cased; characters an IRI may not hold in
    the path, query or fragment are percent-encoded. Anything else (another scheme, an
    e-mail address, a host with a space, no host) is None.
    """
    value = text.strip().strip("<>\"'").strip()
    if not value:
        return None
    scheme_match = _SCHEME.match(value)
    # "www.example.org:8080/x" reads as the scheme "www.example.org": a dot says host.
    if scheme_match and "." not in scheme_match[1]:
        scheme = scheme_match[1].lower()
        if scheme not in ("http", "https") or not value[len(scheme) + 1 :].startswith("//"):
            return None
        rest = value[len(scheme) + 3 :]
    elif value.startswith("//"):
        scheme, rest = "http", value[2:]
    else:
        scheme, rest = "http", value
    cut = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    authority, tail = rest[:cut], rest[cut:]
    if "@" in authority and not scheme_match:
        return None  # an e-mail address, not a homepage
    host = authority.rsplit("@", 1)[-1].lower()
    if not (_HOST.match(host) or _IPV4.match(host) or host == "localhost"):
        return None
    prefix = authority[: len(authority) - len(host)]
    iri = f"{scheme}://{prefix}{host}{_MUST_ENCODE.sub(_percent_encode, tail)}"
    try:
        pyoxigraph.NamedNode(iri)
    except ValueError:
        return None
    return iri


def homepage_iris(text: str) -> list[str]:
    """The homepages a cell names: one IRI, or one per part of a cell that lists several
    ("www.a.de; www.b.eu"), in order; empty when any part is no address."""
    single = homepage_iri(text)
    if single is not None:
        return [single]
    parts = [p for p in _SEPARATORS.split(text.strip()) if p]
    iris = [homepage_iri(p) for p in parts]
    if len(parts) < 2 or any(i is None for i in iris):
        return []
    return [i for i in iris if i is not None]


def checked_homepage(attributes: Mapping[str, V]) -> dict[str, V | str]:
    """``attributes`` with ``url`` an absolute IRI or gone.

    A value that names one homepage is replaced by its IRI; a cell naming several keeps the
    first as ``url`` and the cell as written as ``url_text``; a value that is no address
    moves to ``url_text`` (a plain literal), so nothing written is lost.
    """
    out: dict[str, V | str] = dict(attributes)
    value = out.get(URL_KEY)
    if value is None or value == "" or value == []:
        out.pop(URL_KEY, None)
        return out
    written = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
    iris = homepage_iris(written)
    if iris:
        out[URL_KEY] = iris[0]
        if len(iris) > 1:
            out[URL_TEXT_KEY] = written
    else:
        del out[URL_KEY]
        out[URL_TEXT_KEY] = written
    return out
