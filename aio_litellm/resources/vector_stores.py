"""``client.vector_stores``: OpenAI vector stores and their files, plus the proxy's own registry
of vector stores (``managed``) and of vector store indexes (``indexes``)."""

from __future__ import annotations

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import AsyncPager, PageNumberStyle, endpoint_pager
from .._resource import Resource, group, require
from ..types.vector_stores import (
    IndexCreateParams,
    ManagedVectorStore,
    ManagedVectorStoreCreateParams,
    ManagedVectorStoreDeleted,
    ManagedVectorStoreInfo,
    ManagedVectorStoreList,
    ManagedVectorStoreListParams,
    ManagedVectorStoreResult,
    ManagedVectorStoreUpdateParams,
    VectorStore,
    VectorStoreCreateParams,
    VectorStoreDeleted,
    VectorStoreFile,
    VectorStoreFileContent,
    VectorStoreFileCreateParams,
    VectorStoreFileDeleted,
    VectorStoreFileList,
    VectorStoreFileListParams,
    VectorStoreFileUpdateParams,
    VectorStoreIndex,
    VectorStoreIndexList,
    VectorStoreList,
    VectorStoreListParams,
    VectorStoreSearchPage,
    VectorStoreSearchParams,
    VectorStoreUpdateParams,
)

__all__ = ["Indexes", "ManagedVectorStores", "VectorStoreFiles", "VectorStores"]


# Creates are not retry-safe (a create that timed out may have been applied). Updates set a
# state and searches only read, so sending one twice is harmless.
CREATE = Endpoint("POST", "/vector_stores", VectorStore, "vector_stores.create", retry_safe=False)
RETRIEVE = Endpoint(
    "GET", "/vector_stores/{vector_store_id}", VectorStore, "vector_stores.retrieve"
)
UPDATE = Endpoint("POST", "/vector_stores/{vector_store_id}", VectorStore, "vector_stores.update")
LIST = Endpoint("GET", "/vector_stores", VectorStoreList, "vector_stores.list")
DELETE = Endpoint(
    "DELETE", "/vector_stores/{vector_store_id}", VectorStoreDeleted, "vector_stores.delete"
)
SEARCH = Endpoint(
    "POST",
    "/vector_stores/{vector_store_id:path}/search",
    VectorStoreSearchPage,
    "vector_stores.search",
)

FILE_CREATE = Endpoint(
    "POST",
    "/vector_stores/{vector_store_id}/files",
    VectorStoreFile,
    "vector_stores.files.create",
    retry_safe=False,
)
FILE_RETRIEVE = Endpoint(
    "GET",
    "/vector_stores/{vector_store_id}/files/{file_id}",
    VectorStoreFile,
    "vector_stores.files.retrieve",
)
FILE_UPDATE = Endpoint(
    "POST",
    "/vector_stores/{vector_store_id}/files/{file_id}",
    VectorStoreFile,
    "vector_stores.files.update",
)
FILE_LIST = Endpoint(
    "GET",
    "/vector_stores/{vector_store_id}/files",
    VectorStoreFileList,
    "vector_stores.files.list",
)
FILE_DELETE = Endpoint(
    "DELETE",
    "/vector_stores/{vector_store_id}/files/{file_id}",
    VectorStoreFileDeleted,
    "vector_stores.files.delete",
)
FILE_CONTENT = Endpoint(
    "GET",
    "/vector_stores/{vector_store_id}/files/{file_id}/content",
    VectorStoreFileContent,
    "vector_stores.files.content",
)

MANAGED_CREATE = Endpoint(
    "POST",
    "/vector_store/new",
    ManagedVectorStoreResult,
    "vector_stores.managed.create",
    retry_safe=False,
)
MANAGED_LIST = Endpoint(
    "GET", "/vector_store/list", ManagedVectorStoreList, "vector_stores.managed.list"
)
MANAGED_INFO = Endpoint(
    "POST", "/vector_store/info", ManagedVectorStoreInfo, "vector_stores.managed.info"
)
MANAGED_UPDATE = Endpoint(
    "POST", "/vector_store/update", ManagedVectorStoreResult, "vector_stores.managed.update"
)
MANAGED_DELETE = Endpoint(
    "POST", "/vector_store/delete", ManagedVectorStoreDeleted, "vector_stores.managed.delete"
)

INDEX_CREATE = Endpoint(
    "POST", "/v1/indexes", VectorStoreIndex, "vector_stores.indexes.create", retry_safe=False
)
INDEX_LIST = Endpoint("GET", "/v1/indexes", VectorStoreIndexList, "vector_stores.indexes.list")

_MANAGED_PAGES = PageNumberStyle(items="data", size_param="page_size")


def _store_ref(method: str, vector_store_id: str) -> dict[str, str]:
    """The body naming one registered store; an empty id is refused before any I/O."""
    body = {"vector_store_id": vector_store_id}
    require(f"vector_stores.managed.{method}", body, "vector_store_id")
    return body


class VectorStoreFiles(Resource):
    """Files attached to a vector store (``/vector_stores/{id}/files``)."""

    __slots__ = ()

    async def create(
        self, vector_store_id: str, **params: Unpack[VectorStoreFileCreateParams]
    ) -> VectorStoreFile:
        """Attach an uploaded file (``file_id``) to a vector store.
        ``POST /vector_stores/{vector_store_id}/files``.

        Through the proxy only string ``attributes`` reach an OpenAI upstream.
        """
        require("vector_stores.files.create", params, "file_id")
        return await self._client._call(
            FILE_CREATE, path={"vector_store_id": vector_store_id}, json=params
        )

    async def retrieve(self, vector_store_id: str, file_id: str) -> VectorStoreFile:
        """A vector store file and its processing status.
        ``GET /vector_stores/{vector_store_id}/files/{file_id}``."""
        return await self._client._call(
            FILE_RETRIEVE, path={"vector_store_id": vector_store_id, "file_id": file_id}
        )

    async def update(
        self, vector_store_id: str, file_id: str, **params: Unpack[VectorStoreFileUpdateParams]
    ) -> VectorStoreFile:
        """Replace a vector store file's ``attributes`` (``None`` clears them; through the proxy
        only string values reach an OpenAI upstream).
        ``POST /vector_stores/{vector_store_id}/files/{file_id}``."""
        if "attributes" not in params:
            raise TypeError("vector_stores.files.update() missing required argument(s): attributes")
        return await self._client._call(
            FILE_UPDATE, path={"vector_store_id": vector_store_id, "file_id": file_id}, json=params
        )

    def list(
        self, vector_store_id: str, **params: Unpack[VectorStoreFileListParams]
    ) -> AsyncPager[VectorStoreFileList, VectorStoreFile]:
        """A vector store's files, page by page (``after`` cursor).
        ``GET /vector_stores/{vector_store_id}/files``."""
        return endpoint_pager(
            self._client, FILE_LIST, dict(params), path={"vector_store_id": vector_store_id}
        )

    async def delete(self, vector_store_id: str, file_id: str) -> VectorStoreFileDeleted:
        """Detach a file from a vector store (the file itself stays).
        ``DELETE /vector_stores/{vector_store_id}/files/{file_id}``."""
        return await self._client._call(
            FILE_DELETE, path={"vector_store_id": vector_store_id, "file_id": file_id}
        )

    async def content(self, vector_store_id: str, file_id: str) -> VectorStoreFileContent:
        """The file's parsed text, as JSON parts (``.text`` joins them).
        ``GET /vector_stores/{vector_store_id}/files/{file_id}/content``."""
        return await self._client._call(
            FILE_CONTENT, path={"vector_store_id": vector_store_id, "file_id": file_id}
        )


class ManagedVectorStores(Resource):
    """The proxy's registry of vector stores (``/vector_store/*``): stores it knows about,
    their provider and credentials, and who may use them. Needs the proxy's database."""

    __slots__ = ()

    async def create(
        self, **params: Unpack[ManagedVectorStoreCreateParams]
    ) -> ManagedVectorStoreResult:
        """Register an existing vector store with the proxy. ``POST /vector_store/new``."""
        require("vector_stores.managed.create", params, "vector_store_id", "custom_llm_provider")
        return await self._client._call(MANAGED_CREATE, json=params)

    def list(
        self, **params: Unpack[ManagedVectorStoreListParams]
    ) -> AsyncPager[ManagedVectorStoreList, ManagedVectorStore]:
        """Registered vector stores visible to the caller, page by page (``page``,
        ``page_size``). ``GET /vector_store/list``."""
        return endpoint_pager(self._client, MANAGED_LIST, dict(params), _MANAGED_PAGES)

    async def info(self, vector_store_id: str) -> ManagedVectorStoreInfo:
        """One registered vector store. ``POST /vector_store/info``."""
        return await self._client._call(MANAGED_INFO, json=_store_ref("info", vector_store_id))

    async def update(
        self, vector_store_id: str, **params: Unpack[ManagedVectorStoreUpdateParams]
    ) -> ManagedVectorStoreResult:
        """Change a registered vector store's name, description, metadata or provider.
        ``POST /vector_store/update``."""
        body = {**params, **_store_ref("update", vector_store_id)}
        return await self._client._call(MANAGED_UPDATE, json=body)

    async def delete(self, vector_store_id: str) -> ManagedVectorStoreDeleted:
        """Remove a vector store from the proxy's registry (the provider's store stays).
        ``POST /vector_store/delete``."""
        return await self._client._call(MANAGED_DELETE, json=_store_ref("delete", vector_store_id))


class Indexes(Resource):
    """Vector store indexes registered with the proxy (``/v1/indexes``; proxy admins only)."""

    __slots__ = ()

    async def create(self, **params: Unpack[IndexCreateParams]) -> VectorStoreIndex:
        """Register an index (only written to the proxy's database). ``POST /v1/indexes``."""
        require("vector_stores.indexes.create", params, "index_name", "litellm_params")
        return await self._client._call(INDEX_CREATE, json=params)

    async def list(self) -> VectorStoreIndexList:
        """Every registered index (one response, not paged). ``GET /v1/indexes``."""
        return await self._client._call(INDEX_LIST)


class VectorStores(Resource):
    """OpenAI-compatible vector stores (``/vector_stores``)."""

    __slots__ = ("__dict__",)

    files: group[VectorStoreFiles] = group("vector_stores:VectorStoreFiles")
    managed: group[ManagedVectorStores] = group("vector_stores:ManagedVectorStores")
    indexes: group[Indexes] = group("vector_stores:Indexes")

    async def create(self, **params: Unpack[VectorStoreCreateParams]) -> VectorStore:
        """Create a vector store. ``POST /vector_stores``.

        With ``target_model_names`` the proxy creates it on those models' deployments and
        answers a managed id that encodes them: pass that id back as it is.
        """
        return await self._client._call(CREATE, json=params)

    async def retrieve(self, vector_store_id: str) -> VectorStore:
        """A vector store. ``GET /vector_stores/{vector_store_id}``."""
        return await self._client._call(RETRIEVE, path={"vector_store_id": vector_store_id})

    async def update(
        self, vector_store_id: str, **params: Unpack[VectorStoreUpdateParams]
    ) -> VectorStore:
        """Rename a vector store or change its expiry or metadata.
        ``POST /vector_stores/{vector_store_id}``."""
        return await self._client._call(
            UPDATE, path={"vector_store_id": vector_store_id}, json=params
        )

    def list(
        self, **params: Unpack[VectorStoreListParams]
    ) -> AsyncPager[VectorStoreList, VectorStore]:
        """Vector stores, page by page (``after`` cursor). ``GET /vector_stores``.

        ``await client.vector_stores.list(limit=20)`` is one page; ``async for`` walks them all.
        """
        return endpoint_pager(self._client, LIST, dict(params))

    async def delete(self, vector_store_id: str) -> VectorStoreDeleted:
        """Delete a vector store. ``DELETE /vector_stores/{vector_store_id}``."""
        return await self._client._call(DELETE, path={"vector_store_id": vector_store_id})

    async def search(
        self, vector_store_id: str, **params: Unpack[VectorStoreSearchParams]
    ) -> VectorStoreSearchPage:
        """The chunks most relevant to ``query``, best first, in ``.data`` (one page, as
        openai-python's search). ``POST /vector_stores/{vector_store_id}/search``."""
        require("vector_stores.search", params, "query")
        return await self._client._call(
            SEARCH, path={"vector_store_id": vector_store_id}, json=params
        )
