"""Parameters and results of ``client.fallbacks``: the models the router falls back to when a
model fails (``general``), overflows its context window or hits a content policy."""

from __future__ import annotations

from .._models import Response
from .params.fallbacks import FallbackDeleteQuery, FallbackGetQuery, FallbackParams

__all__ = [
    "Fallback",
    "FallbackDeleteQuery",
    "FallbackDeleted",
    "FallbackGetQuery",
    "FallbackParams",
    "FallbackSet",
]


class Fallback(Response):
    """A model's fallbacks of one type, in the order the router tries them."""

    model: str
    fallback_models: list[str] = []
    fallback_type: str = "general"


class FallbackSet(Fallback):
    """The fallbacks stored, with the proxy's ``message``."""

    message: str | None = None


class FallbackDeleted(Response):
    """The model whose fallbacks of this type were removed."""

    model: str
    fallback_type: str = "general"
    message: str | None = None
