"""The request URL: the client's base URL checked once, a path checked, a query encoded."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote_plus

from yarl import URL

__all__ = ["check_path", "encode_query", "normalize_base_url"]


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
