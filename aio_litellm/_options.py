"""What a request takes besides its method and path: the options of ``client.request*`` and of
the raw pass-through verbs, and the "no body" sentinel."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from typing_extensions import TypedDict

from ._multipart import FileTypes

__all__ = ["NOT_GIVEN", "BodyOptions", "RequestOptions"]


class _NotGiven:
    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> bool:
        return False


NOT_GIVEN: Any = _NotGiven()
"""Sentinel: "no JSON body", distinct from an explicit ``None`` (JSON ``null``)."""


class BodyOptions(TypedDict, total=False):
    """A request's query, body, headers and retry safety (``client.request*`` and the raw
    pass-through verbs)."""

    params: Mapping[str, Any] | None
    """Query parameters; None values are left out, lists repeat the name."""
    json: Any
    """A JSON body (serialised with orjson)."""
    form: Mapping[str, Any] | None
    """Form fields: urlencoded, or multipart together with ``files``."""
    files: Mapping[str, FileTypes] | None
    content: bytes | None
    """A raw body sent as it is (set its ``Content-Type`` in ``headers``)."""
    headers: Mapping[str, str] | None
    retry_safe: bool | None
    """Whether a request that may have reached the server can be sent again (default: True
    for GET, HEAD, OPTIONS, PUT, DELETE; a pass-through route's own)."""


class RequestOptions(BodyOptions, total=False):
    """What ``client.request*`` accepts besides method and path."""

    path_params: Mapping[str, Any] | None
    """Values for ``{name}`` placeholders in the path, each escaped as one segment."""
