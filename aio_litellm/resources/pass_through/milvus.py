"""``client.pass_through.milvus``: raw verbs below ``/milvus/``, and Milvus's REST API v2
(``v2/vectordb/<resource>/<action>``, every call a POST) typed: ``collections``, ``entities``,
``partitions``, ``indexes``.

The proxy forwards a call only when its body's ``collectionName`` is a LiteLLM-managed vector
store index (``vector_store_registry`` with provider ``milvus``; else a 400), so every typed call
names its collection. Reads and idempotent writes (upsert, delete by filter, load, release)
are retried after a failure; creates, inserts and drops are not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from typing_extensions import Unpack

from ..._resource import Resource, group, require
from ...types.pass_through.milvus import (
    MilvusCollectionCreateParams,
    MilvusDeleteParams,
    MilvusIndexCreateParams,
    MilvusInsertParams,
    MilvusNamesResponse,
    MilvusQueryParams,
    MilvusResponse,
    MilvusRowsResponse,
    MilvusSearchParams,
)
from . import MILVUS, FullProvider

__all__ = [
    "Milvus",
    "MilvusCollections",
    "MilvusEntities",
    "MilvusIndexes",
    "MilvusPartitions",
]

T = TypeVar("T", bound=MilvusResponse)


class Milvus(FullProvider):
    """Milvus through the proxy's managed vector store indexes; raw verbs for the rest."""

    routes = MILVUS

    collections: group[MilvusCollections] = group("pass_through.milvus:MilvusCollections")
    entities: group[MilvusEntities] = group("pass_through.milvus:MilvusEntities")
    partitions: group[MilvusPartitions] = group("pass_through.milvus:MilvusPartitions")
    indexes: group[MilvusIndexes] = group("pass_through.milvus:MilvusIndexes")


class _Part(Resource):
    """A sub-group: ``resource`` names its ``v2/vectordb/<resource>/...`` routes."""

    __slots__ = ()
    resource = ""

    async def _action(
        self,
        action: str,
        collection_name: str,
        body: Mapping[str, Any],
        cast_to: type[T],
        *,
        retry_safe: bool = False,
    ) -> T:
        if not isinstance(collection_name, str) or not collection_name:
            raise ValueError(f"collection_name must be a non-empty str, got {collection_name!r}")
        path = Milvus._path(f"v2/vectordb/{self.resource}/{action}")
        return await Milvus(self._client).request(
            "POST",
            path,
            json={**body, "collectionName": collection_name},
            cast_to=cast_to,
            retry_safe=retry_safe,
        )


class MilvusCollections(_Part):
    __slots__ = ()
    resource = "collections"

    async def create(
        self, collection_name: str, **params: Unpack[MilvusCollectionCreateParams]
    ) -> MilvusResponse:
        """Create a collection. ``POST /milvus/v2/vectordb/collections/create``."""
        return await self._action("create", collection_name, params, MilvusResponse)

    async def describe(self, collection_name: str, *, db_name: str | None = None) -> MilvusResponse:
        """A collection's schema, indexes and load state (``data``).
        ``POST /milvus/v2/vectordb/collections/describe``."""
        return await self._action(
            "describe", collection_name, _db(db_name), MilvusResponse, retry_safe=True
        )

    async def has(self, collection_name: str, *, db_name: str | None = None) -> bool:
        """Whether the collection exists. ``POST /milvus/v2/vectordb/collections/has``."""
        got = await self._action(
            "has", collection_name, _db(db_name), MilvusResponse, retry_safe=True
        )
        return bool(got.data.get("has")) if isinstance(got.data, dict) else False

    async def list(
        self, collection_name: str, *, db_name: str | None = None
    ) -> MilvusNamesResponse:
        """Collection names. ``POST /milvus/v2/vectordb/collections/list``; the proxy routes by
        ``collection_name``, a managed index of the database to list."""
        return await self._action(
            "list", collection_name, _db(db_name), MilvusNamesResponse, retry_safe=True
        )

    async def stats(self, collection_name: str, *, db_name: str | None = None) -> MilvusResponse:
        """A collection's row count. ``POST /milvus/v2/vectordb/collections/get_stats``."""
        return await self._action(
            "get_stats", collection_name, _db(db_name), MilvusResponse, retry_safe=True
        )

    async def load(self, collection_name: str, *, db_name: str | None = None) -> MilvusResponse:
        """Load a collection into memory. ``POST /milvus/v2/vectordb/collections/load``."""
        return await self._action(
            "load", collection_name, _db(db_name), MilvusResponse, retry_safe=True
        )

    async def release(self, collection_name: str, *, db_name: str | None = None) -> MilvusResponse:
        """Release a collection from memory. ``POST
        /milvus/v2/vectordb/collections/release``."""
        return await self._action(
            "release", collection_name, _db(db_name), MilvusResponse, retry_safe=True
        )

    async def drop(self, collection_name: str, *, db_name: str | None = None) -> MilvusResponse:
        """Drop a collection. ``POST /milvus/v2/vectordb/collections/drop``."""
        return await self._action("drop", collection_name, _db(db_name), MilvusResponse)


class MilvusEntities(_Part):
    __slots__ = ()
    resource = "entities"

    async def insert(
        self, collection_name: str, **params: Unpack[MilvusInsertParams]
    ) -> MilvusResponse:
        """Insert rows (``data``). ``POST /milvus/v2/vectordb/entities/insert``."""
        require("insert", params, "data")
        return await self._action("insert", collection_name, params, MilvusResponse)

    async def upsert(
        self, collection_name: str, **params: Unpack[MilvusInsertParams]
    ) -> MilvusResponse:
        """Insert or replace rows by primary key. ``POST
        /milvus/v2/vectordb/entities/upsert``."""
        require("upsert", params, "data")
        return await self._action(
            "upsert", collection_name, params, MilvusResponse, retry_safe=True
        )

    async def delete(
        self, collection_name: str, **params: Unpack[MilvusDeleteParams]
    ) -> MilvusResponse:
        """Delete the rows matching ``filter``. ``POST /milvus/v2/vectordb/entities/delete``."""
        require("delete", params, "filter")
        return await self._action(
            "delete", collection_name, params, MilvusResponse, retry_safe=True
        )

    async def query(
        self, collection_name: str, **params: Unpack[MilvusQueryParams]
    ) -> MilvusRowsResponse:
        """Rows matching a scalar ``filter``. ``POST /milvus/v2/vectordb/entities/query``."""
        return await self._action(
            "query", collection_name, params, MilvusRowsResponse, retry_safe=True
        )

    async def search(
        self, collection_name: str, **params: Unpack[MilvusSearchParams]
    ) -> MilvusRowsResponse:
        """Nearest rows to each vector of ``data``. ``POST
        /milvus/v2/vectordb/entities/search``."""
        require("search", params, "data")
        return await self._action(
            "search", collection_name, params, MilvusRowsResponse, retry_safe=True
        )

    async def get(
        self,
        collection_name: str,
        ids: list[int] | list[str],
        *,
        output_fields: list[str] | None = None,
        db_name: str | None = None,
    ) -> MilvusRowsResponse:
        """Rows by primary key. ``POST /milvus/v2/vectordb/entities/get``."""
        if not isinstance(ids, list) or not ids:
            raise ValueError("ids must be a non-empty list of primary keys")
        body: dict[str, Any] = {"id": ids, **_db(db_name)}
        if output_fields is not None:
            body["outputFields"] = output_fields
        return await self._action("get", collection_name, body, MilvusRowsResponse, retry_safe=True)


class MilvusPartitions(_Part):
    __slots__ = ()
    resource = "partitions"

    async def list(
        self, collection_name: str, *, db_name: str | None = None
    ) -> MilvusNamesResponse:
        """A collection's partition names. ``POST /milvus/v2/vectordb/partitions/list``."""
        return await self._action(
            "list", collection_name, _db(db_name), MilvusNamesResponse, retry_safe=True
        )

    async def create(
        self, collection_name: str, partition_name: str, *, db_name: str | None = None
    ) -> MilvusResponse:
        """Create a partition. ``POST /milvus/v2/vectordb/partitions/create``."""
        return await self._partition("create", collection_name, partition_name, db_name)

    async def has(
        self, collection_name: str, partition_name: str, *, db_name: str | None = None
    ) -> bool:
        """Whether the partition exists. ``POST /milvus/v2/vectordb/partitions/has``."""
        got = await self._partition(
            "has", collection_name, partition_name, db_name, retry_safe=True
        )
        return bool(got.data.get("has")) if isinstance(got.data, dict) else False

    async def drop(
        self, collection_name: str, partition_name: str, *, db_name: str | None = None
    ) -> MilvusResponse:
        """Drop a partition. ``POST /milvus/v2/vectordb/partitions/drop``."""
        return await self._partition("drop", collection_name, partition_name, db_name)

    async def _partition(
        self,
        action: str,
        collection_name: str,
        partition_name: str,
        db_name: str | None,
        *,
        retry_safe: bool = False,
    ) -> MilvusResponse:
        if not isinstance(partition_name, str) or not partition_name:
            raise ValueError(f"partition_name must be a non-empty str, got {partition_name!r}")
        body = {"partitionName": partition_name, **_db(db_name)}
        return await self._action(
            action, collection_name, body, MilvusResponse, retry_safe=retry_safe
        )


class MilvusIndexes(_Part):
    __slots__ = ()
    resource = "indexes"

    async def create(
        self, collection_name: str, **params: Unpack[MilvusIndexCreateParams]
    ) -> MilvusResponse:
        """Create indexes (``indexParams``). ``POST /milvus/v2/vectordb/indexes/create``."""
        require("create", params, "indexParams")
        return await self._action("create", collection_name, params, MilvusResponse)

    async def list(
        self, collection_name: str, *, db_name: str | None = None
    ) -> MilvusNamesResponse:
        """A collection's index names. ``POST /milvus/v2/vectordb/indexes/list``."""
        return await self._action(
            "list", collection_name, _db(db_name), MilvusNamesResponse, retry_safe=True
        )

    async def describe(
        self, collection_name: str, index_name: str, *, db_name: str | None = None
    ) -> MilvusResponse:
        """An index's type, metric and build state. ``POST
        /milvus/v2/vectordb/indexes/describe``."""
        body = {"indexName": _name(index_name), **_db(db_name)}
        return await self._action(
            "describe", collection_name, body, MilvusResponse, retry_safe=True
        )

    async def drop(
        self, collection_name: str, index_name: str, *, db_name: str | None = None
    ) -> MilvusResponse:
        """Drop an index. ``POST /milvus/v2/vectordb/indexes/drop``."""
        body = {"indexName": _name(index_name), **_db(db_name)}
        return await self._action("drop", collection_name, body, MilvusResponse)


def _db(db_name: str | None) -> dict[str, str]:
    return {} if db_name is None else {"dbName": db_name}


def _name(index_name: Any) -> str:
    if not isinstance(index_name, str) or not index_name:
        raise ValueError(f"index_name must be a non-empty str, got {index_name!r}")
    return index_name
