"""``client.other``: routes of the proxy's app outside any group (its OpenAPI document)."""

from __future__ import annotations

from .._endpoint import Endpoint
from .._resource import Resource
from ..types.other import OpenAPIDocument

__all__ = ["Other"]

OPENAPI = Endpoint("GET", "/openapi.json", OpenAPIDocument, "other.openapi")


class Other(Resource):
    __slots__ = ()

    async def openapi(self) -> OpenAPIDocument:
        """The proxy's OpenAPI document (large: a few MB). ``GET /openapi.json``."""
        return await self._client._call(OPENAPI)
