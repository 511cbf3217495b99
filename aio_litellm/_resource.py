"""Base class of the resource groups (``client.keys``, ``client.chat.completions`` ...)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._client import LiteLLMClient

__all__ = ["Resource", "require"]


class Resource:
    """A group of endpoints bound to a client; methods are thin calls into its pipeline."""

    __slots__ = ("_client",)

    def __init__(self, client: LiteLLMClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"


def require(method: str, params: Mapping[str, Any], *names: str) -> None:
    """Raise a clear ``TypeError`` (before any I/O) when a required parameter is missing."""
    missing = [name for name in names if _empty(params.get(name))]
    if missing:
        raise TypeError(f"{method}() missing required argument(s): {', '.join(missing)}")


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, tuple)) and not value)
