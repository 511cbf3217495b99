"""``client.fallbacks``: per-model fallbacks of the router, stored in the proxy's database."""

from __future__ import annotations

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._resource import Resource, id_list, require
from ..types.fallbacks import (
    Fallback,
    FallbackDeleted,
    FallbackDeleteQuery,
    FallbackGetQuery,
    FallbackParams,
    FallbackSet,
)

__all__ = ["Fallbacks"]

# A set replaces the model's list of that type: sending it twice stores the same list.
CREATE = Endpoint("POST", "/fallback", FallbackSet, "fallbacks.create")
RETRIEVE = Endpoint("GET", "/fallback/{model}", Fallback, "fallbacks.retrieve")
DELETE = Endpoint("DELETE", "/fallback/{model}", FallbackDeleted, "fallbacks.delete")


class Fallbacks(Resource):
    """The models the router tries, in order, when a model fails; one list per model and
    ``fallback_type`` (``general``, ``context_window``, ``content_policy``)."""

    __slots__ = ()

    async def create(self, **params: Unpack[FallbackParams]) -> FallbackSet:
        """Set (create or replace) a model's fallbacks. ``POST /fallback``.

        The model and every fallback must be model names of the proxy (404 / 400 otherwise);
        the proxy needs ``STORE_MODEL_IN_DB`` and a database (400 otherwise).
        """
        require("fallbacks.create", params, "model")
        models = id_list("fallbacks.create", "fallback_models", params.get("fallback_models", []))
        return await self._client._call(CREATE, json={**params, "fallback_models": models})

    async def retrieve(self, model: str, **query: Unpack[FallbackGetQuery]) -> Fallback:
        """A model's fallbacks of one type (default ``general``; 404 when it has none).
        ``GET /fallback/{model}``."""
        return await self._client._call(RETRIEVE, path={"model": model}, query=dict(query))

    async def delete(self, model: str, **query: Unpack[FallbackDeleteQuery]) -> FallbackDeleted:
        """Remove a model's fallbacks of one type (default ``general``).
        ``DELETE /fallback/{model}``."""
        return await self._client._call(DELETE, path={"model": model}, query=dict(query))
