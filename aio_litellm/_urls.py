"""The request URL: the client's base URL checked once, a path checked, a query encoded."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, quote_plus, unquote

from yarl import URL

__all__ = ["SubPath", "check_path", "encode_query", "normalize_base_url", "sub_path"]


def normalize_base_url(base_url: str | None) -> str:
    if not base_url:
        raise ValueError(
            "base_url is required: pass LiteLLMClient(base_url=...) or set LITELLM_BASE_URL"
        )
    url = URL(base_url.strip())
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"base_url must be an http(s) URL with a host, got {base_url!r}")
    if url.query_string or url.fragment:
        raise ValueError("base_url must not have a query or fragment")
    return str(url).rstrip("/")


def check_path(path: str) -> str:
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError(f"path must start with a single '/', got {path!r}")
    return path


_QUERY_NAMES: dict[str, str] = {}


def encode_query(query: Mapping[str, Any]) -> str:
    """``urlencode`` of the non-None values (lists repeat the name, booleans as true/false),
    without its generic machinery: a pager builds one per page."""
    parts: list[str] = []
    for key, value in query.items():
        if value is None:
            continue
        name = _QUERY_NAMES.get(key)
        if name is None:
            name = quote_plus(key, safe="")
            if len(_QUERY_NAMES) < 1024:  # names come from code: a few hundred at most
                _QUERY_NAMES[key] = name
        values = value if isinstance(value, (list, tuple)) else (value,)
        for item in values:
            if item is True or item is False:
                text = "true" if item else "false"
            elif type(item) is int:
                text = str(item)  # digits (and a sign) need no quoting
            else:
                text = quote_plus(str(item), safe="")
            parts.append(f"{name}={text}")
    return "&".join(parts)


class SubPath(str):
    """A path of several segments, checked and escaped by ``sub_path``: placed into a
    ``{name:path}`` placeholder as it is (a plain str there is escaped as one segment)."""

    __slots__ = ()


# RFC 3986 pchar without "%": kept as typed; valid %XX escapes are kept too.
_PCHAR = "-._~!$&'()*+,;=:@%"
_STRAY_PCT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def sub_path(value: Any, name: str = "path") -> SubPath:
    """Check a caller's path below a fixed prefix (a pass-through provider's) and escape it.

    The result can only address routes below the prefix: a parent segment (``..``, also
    percent-encoded once or more), an encoded or back slash, an empty segment (``a//b``), a
    full URL or a second host (``//host``), a query or a fragment are refused with a
    ``ValueError`` before anything is sent. One leading ``/`` is allowed; valid ``%XX`` escapes
    are kept, other characters outside a path segment's set are escaped.
    """
    if type(value) is SubPath:
        return value
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    text = value[1:] if value.startswith("/") else value
    if not text:
        raise ValueError(f"{name} must not be empty")
    if text.startswith("/"):
        raise ValueError(f"{name} must not start with '//' (another host): {value!r}")
    if "://" in text:
        raise ValueError(f"{name} must be a path, not a URL: {value!r}")
    if "?" in text or "#" in text:
        raise ValueError(f"{name} must not hold a query or fragment (pass params=): {value!r}")
    if "\\" in text:
        raise ValueError(f"{name} must not hold a backslash: {value!r}")
    segments = text.split("/")
    escaped = []
    for i, segment in enumerate(segments):
        if not segment:
            if i == len(segments) - 1:
                escaped.append("")  # a trailing slash is the caller's to choose
                continue
            raise ValueError(f"{name} must not hold an empty segment ('//'): {value!r}")
        decoded = _decoded(segment)
        if decoded in (".", "..") or "/" in decoded or "\\" in decoded:
            raise ValueError(
                f"{name} must stay below its prefix (no '.', '..' or encoded slashes): {value!r}"
            )
        escaped.append(quote(_STRAY_PCT.sub("%25", segment), safe=_PCHAR))
    return SubPath("/".join(escaped))


def _decoded(segment: str) -> str:
    """A segment percent-decoded until it no longer changes: a server, a proxy or a framework
    on the way may each decode once."""
    for _ in range(8):
        once = unquote(segment)
        if once == segment:
            return segment
        segment = once
    raise ValueError("a path segment is percent-encoded too many times")
