"""Endpoint declarations: each route's method, path, result and retry safety, in one place.

A resource method is a thin typed call ``self._call(ENDPOINT, ...)``; the pipeline reads all it
needs from the ``Endpoint``. Declarations register themselves so ``python -m aio_litellm routes``
and the tests can walk every route the client serves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from urllib.parse import quote

from ._urls import SubPath

__all__ = ["REGISTRY", "Endpoint", "escape_segment", "format_path"]

T = TypeVar("T")

_PARAM_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::path)?\}")

REGISTRY: list[Endpoint[Any]] = []


@dataclass(frozen=True, eq=False)
class Endpoint(Generic[T]):
    """One route of the proxy.

    ``path`` is written as in the proxy's route table (``/key/{key:path}/reset_spend``).
    ``retry_safe`` says whether a request that may have reached the server (timeout, dropped
    connection, 5xx other than 503) can be sent again without risk of applying it twice.
    ``result`` is a pydantic model, ``bytes``, ``str``, or a plain JSON type (``dict[...]``).
    ``attr`` is the public method, e.g. ``keys.create`` for ``client.keys.create``.
    """

    method: str
    path: str
    result: type[T]
    attr: str
    retry_safe: bool = True
    params: tuple[str, ...] = field(init=False)
    decode: Callable[[bytes], T] | None = field(init=False, default=None, repr=False)
    """How a body becomes ``result``: set by the pipeline on the first call (making it needs
    the result type resolved, which import time must not pay for)."""

    def __post_init__(self) -> None:
        if self.method != self.method.upper() or not self.path.startswith("/"):
            raise ValueError(f"bad endpoint declaration {self.method} {self.path}")
        names = tuple(_PARAM_RE.findall(self.path))
        object.__setattr__(self, "params", names)
        REGISTRY.append(self)

    def bind_decoder(self, decode: Callable[[bytes], T]) -> Callable[[bytes], T]:
        object.__setattr__(self, "decode", decode)
        return decode

    def format(self, values: dict[str, Any] | None) -> str:
        """The request path with each parameter escaped as one path segment."""
        return format_path(self.path, values) if self.params else self.path


def escape_segment(value: Any, name: str = "value") -> str:
    """Escape one path parameter so it stays one segment: ``/``, ``?``, ``#``, ``%`` and a bare
    ``.``/``..`` are encoded, so an id can never address another route."""
    if type(value) is SubPath:  # several segments, already checked (``sub_path``)
        return value
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise TypeError(f"path parameter {name!r} must be a str or int, not {type(value).__name__}")
    text = str(value)
    if not text:
        raise ValueError(f"path parameter {name!r} must not be empty")
    escaped = quote(text, safe="")
    if escaped in (".", ".."):
        escaped = escaped.replace(".", "%2E")
    return escaped


def format_path(template: str, values: dict[str, Any] | None) -> str:
    """Fill ``{name}`` / ``{name:path}`` placeholders of an ad-hoc path (``client.request``)."""
    if "{" not in template:
        return template
    values = values or {}

    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise TypeError(f"missing path parameter {name!r} for {template}")
        return escape_segment(values[name], name)

    return _PARAM_RE.sub(sub, template)
