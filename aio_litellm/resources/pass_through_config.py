"""``client.pass_through_config``: pass-through endpoints stored in the proxy's config
(``/config/pass_through_endpoint*``). A created endpoint is live at once; call it with
``client.request(method, path, ...)``."""

from __future__ import annotations

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._resource import Resource, require
from ..types.pass_through_config import (
    PassThroughEndpointList,
    PassThroughEndpointParams,
    PassThroughListQuery,
)

__all__ = ["PassThroughConfig"]

BASE = "/config/pass_through_endpoint"
LIST = Endpoint("GET", BASE, PassThroughEndpointList, "pass_through_config.list")
# A create appends to the stored list: sent twice, it makes two endpoints.
CREATE = Endpoint(
    "POST", BASE, PassThroughEndpointList, "pass_through_config.create", retry_safe=False
)
# An update merges the fields given into the stored endpoint: sending it twice changes nothing.
UPDATE = Endpoint(
    "POST", f"{BASE}/{{endpoint_id}}", PassThroughEndpointList, "pass_through_config.update"
)
DELETE = Endpoint("DELETE", BASE, PassThroughEndpointList, "pass_through_config.delete")


class PassThroughConfig(Resource):
    """Create, list, update and delete the proxy's pass-through endpoints; every answer is
    ``{"endpoints": [...]}``."""

    __slots__ = ()

    async def list(self, **query: Unpack[PassThroughListQuery]) -> PassThroughEndpointList:
        """The configured endpoints (one with ``endpoint_id``; those a team may use with
        ``team_id``). ``GET /config/pass_through_endpoint``."""
        return await self._client._call(LIST, query=dict(query))

    async def create(self, **params: Unpack[PassThroughEndpointParams]) -> PassThroughEndpointList:
        """Add an endpoint forwarding ``path`` to ``target`` (``id`` generated when not given);
        the answer holds it. ``POST /config/pass_through_endpoint``."""
        require("pass_through_config.create", params, "path", "target")
        return await self._client._call(CREATE, json=dict(params))

    async def update(
        self, endpoint_id: str, **params: Unpack[PassThroughEndpointParams]
    ) -> PassThroughEndpointList:
        """Change an endpoint (fields not given keep their value, but the proxy wants ``path``
        and ``target``). ``POST /config/pass_through_endpoint/{endpoint_id}``."""
        require("pass_through_config.update", params, "path", "target")
        return await self._client._call(
            UPDATE, path={"endpoint_id": endpoint_id}, json=dict(params)
        )

    async def delete(self, endpoint_id: str) -> PassThroughEndpointList:
        """Remove an endpoint and its route; the answer holds the removed endpoint.
        ``DELETE /config/pass_through_endpoint?endpoint_id=...``."""
        require("pass_through_config.delete", {"endpoint_id": endpoint_id}, "endpoint_id")
        return await self._client._call(DELETE, query={"endpoint_id": endpoint_id})
