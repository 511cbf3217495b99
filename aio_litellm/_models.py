"""Base classes of the response models."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pydantic

if TYPE_CHECKING:
    from ._response import APIResponse

__all__ = ["BaseModel", "Response"]


class BaseModel(pydantic.BaseModel):
    """A response object. Unknown fields are kept (``extra="allow"``): the proxy adds fields
    faster than any client can follow, and a new field must never break a call."""

    model_config = pydantic.ConfigDict(
        extra="allow", populate_by_name=True, protected_namespaces=(), arbitrary_types_allowed=True
    )


class Response(BaseModel):
    """A top-level result: also carries ``raw_response`` (status, headers, timing, retries)."""

    _raw_response: APIResponse | None = pydantic.PrivateAttr(default=None)

    @property
    def raw_response(self) -> APIResponse | None:
        """The HTTP side of the call that returned this object."""
        return self._raw_response
