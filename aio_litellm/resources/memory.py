"""``client.memory``: user/team-scoped memory entries (``/v1/memory``)."""

from __future__ import annotations

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import AsyncPager, PageNumberStyle, endpoint_pager
from .._resource import Resource, require
from ..types.memory import (
    MemoryCreateParams,
    MemoryDeleted,
    MemoryEntry,
    MemoryList,
    MemoryListParams,
    MemoryUpsertParams,
)

__all__ = ["Memory"]

# A create that timed out may have been stored: a second one would answer 409.
CREATE = Endpoint("POST", "/v1/memory", MemoryEntry, "memory.create", retry_safe=False)
LIST = Endpoint("GET", "/v1/memory", MemoryList, "memory.list")
RETRIEVE = Endpoint("GET", "/v1/memory/{key:path}", MemoryEntry, "memory.retrieve")
UPSERT = Endpoint("PUT", "/v1/memory/{key:path}", MemoryEntry, "memory.upsert")
DELETE = Endpoint("DELETE", "/v1/memory/{key:path}", MemoryDeleted, "memory.delete")

# ``total`` counts matches, there is no page count: a short page ends the walk.
_PAGES = PageNumberStyle(items="memories", size_param="page_size")


class Memory(Resource):
    """Memory entries (``/v1/memory``). Keys may hold ``/``: the client sends a key as one
    escaped segment (``a%2Fb``), which the proxy's ``{key:path}`` route reads back as ``a/b``."""

    __slots__ = ()

    async def create(self, **params: Unpack[MemoryCreateParams]) -> MemoryEntry:
        """Create an entry (409 if the key exists in that scope). ``POST /v1/memory``.

        ``user_id``/``team_id`` default to the caller's; only proxy admins may set others.
        """
        require("memory.create", params, "key")
        if not isinstance(params.get("value"), str):
            raise TypeError("memory.create() needs value, a str")
        return await self._client._call(CREATE, json=params)

    def list(self, **params: Unpack[MemoryListParams]) -> AsyncPager[MemoryList, MemoryEntry]:
        """Entries visible to the caller, page by page (``page``/``page_size``, at most 500).
        ``GET /v1/memory``. ``search`` matches a key prefix or an exact ``memory_id``."""
        return endpoint_pager(self._client, LIST, dict(params), _PAGES)

    async def retrieve(self, key: str) -> MemoryEntry:
        """An entry by key, within the caller's scope. ``GET /v1/memory/{key}``."""
        return await self._client._call(RETRIEVE, path={"key": key})

    async def upsert(self, key: str, **params: Unpack[MemoryUpsertParams]) -> MemoryEntry:
        """Create or update an entry by key. ``PUT /v1/memory/{key}``.

        Needs ``value`` or ``metadata``; ``metadata=None`` clears it.
        """
        if "value" not in params and "metadata" not in params:
            raise TypeError("memory.upsert() needs value or metadata")
        return await self._client._call(UPSERT, path={"key": key}, json=params)

    async def delete(self, key: str) -> MemoryDeleted:
        """Delete an entry by key, within the caller's scope. ``DELETE /v1/memory/{key}``."""
        return await self._client._call(DELETE, path={"key": key})
