"""Parameters and results of ``client.vector_stores`` (OpenAI vector stores, their files, and
LiteLLM's managed vector stores and indexes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response
from .common import CursorPage

__all__ = [
    "ChunkingStrategyParam",
    "ExpiresAfterParam",
    "FileContentPart",
    "IndexCreateParams",
    "IndexLiteLLMParams",
    "ManagedVectorStore",
    "ManagedVectorStoreCreateParams",
    "ManagedVectorStoreDeleted",
    "ManagedVectorStoreInfo",
    "ManagedVectorStoreList",
    "ManagedVectorStoreListParams",
    "ManagedVectorStoreResult",
    "ManagedVectorStoreUpdateParams",
    "VectorStore",
    "VectorStoreCreateParams",
    "VectorStoreDeleted",
    "VectorStoreExpiresAfter",
    "VectorStoreFile",
    "VectorStoreFileContent",
    "VectorStoreFileCounts",
    "VectorStoreFileCreateParams",
    "VectorStoreFileDeleted",
    "VectorStoreFileError",
    "VectorStoreFileList",
    "VectorStoreFileListParams",
    "VectorStoreFileUpdateParams",
    "VectorStoreIndex",
    "VectorStoreIndexList",
    "VectorStoreList",
    "VectorStoreListParams",
    "VectorStoreSearchContent",
    "VectorStoreSearchParams",
    "VectorStoreSearchPage",
    "VectorStoreSearchResult",
    "VectorStoreUpdateParams",
]

AttributeValue = str | float | bool

# -- parameters ------------------------------------------------------------------------------


class ExpiresAfterParam(TypedDict):
    """``{"anchor": "last_active_at", "days": N}``."""

    anchor: Literal["last_active_at"]
    days: int


class ChunkingStrategyParam(TypedDict, total=False):
    """``{"type": "auto"}`` or ``{"type": "static", "static": {...}}``."""

    type: Required[Literal["auto", "static"]]
    static: dict[str, int]


class VectorStoreCreateParams(TypedDict, total=False):
    """``client.vector_stores.create(...)``."""

    name: str
    description: str
    file_ids: Sequence[str]
    chunking_strategy: ChunkingStrategyParam
    expires_after: ExpiresAfterParam
    metadata: dict[str, str] | None
    target_model_names: str | Sequence[str]
    """LiteLLM: create the store on the deployments of these proxy models (a managed store,
    whose id encodes where it lives; needs the proxy's database)."""
    custom_llm_provider: str
    """LiteLLM: the provider to create the store at (default ``openai``)."""
    model: str
    """LiteLLM: create the store with this proxy model's deployment (its ``api_base`` and key)."""


class VectorStoreUpdateParams(TypedDict, total=False):
    """``client.vector_stores.update(id, ...)``; ``None`` clears a field."""

    name: str | None
    expires_after: ExpiresAfterParam | None
    metadata: dict[str, str] | None
    model: str
    """LiteLLM: send the update with this proxy model's deployment."""


class VectorStoreListParams(TypedDict, total=False):
    """``client.vector_stores.list(...)``."""

    after: str
    before: str
    limit: int
    order: Literal["asc", "desc"]


class VectorStoreSearchParams(TypedDict, total=False):
    """``client.vector_stores.search(id, query=...)``."""

    query: Required[str | Sequence[str]]
    filters: dict[str, Any]
    max_num_results: int
    ranking_options: dict[str, Any]
    rewrite_query: bool
    model: str
    """LiteLLM: search with this proxy model's deployment."""


class VectorStoreFileCreateParams(TypedDict, total=False):
    """``client.vector_stores.files.create(id, file_id=...)``."""

    file_id: Required[str]
    attributes: dict[str, AttributeValue] | None
    chunking_strategy: ChunkingStrategyParam


class VectorStoreFileUpdateParams(TypedDict, total=False):
    """``client.vector_stores.files.update(id, file_id, attributes=...)``."""

    attributes: Required[dict[str, AttributeValue] | None]


class VectorStoreFileListParams(TypedDict, total=False):
    """``client.vector_stores.files.list(id, ...)``."""

    after: str
    before: str
    filter: Literal["in_progress", "completed", "failed", "cancelled"]
    limit: int
    order: Literal["asc", "desc"]
    model: str
    """LiteLLM: list through this proxy model's deployment."""


class ManagedVectorStoreCreateParams(TypedDict, total=False):
    """``client.vector_stores.managed.create(...)``: register an existing store with the
    proxy (``vector_store_id`` and ``custom_llm_provider`` required)."""

    vector_store_id: Required[str]
    custom_llm_provider: Required[str]
    vector_store_name: str | None
    vector_store_description: str | None
    vector_store_metadata: dict[str, Any] | None
    litellm_credential_name: str | None
    litellm_params: dict[str, Any] | None


class ManagedVectorStoreUpdateParams(TypedDict, total=False):
    """``client.vector_stores.managed.update(id, ...)``."""

    custom_llm_provider: str | None
    vector_store_name: str | None
    vector_store_description: str | None
    vector_store_metadata: dict[str, Any] | None


class ManagedVectorStoreListParams(TypedDict, total=False):
    """``client.vector_stores.managed.list(...)``."""

    page: int
    page_size: int


class IndexLiteLLMParams(TypedDict):
    """Where an index lives: the provider's index and the registered store it belongs to."""

    vector_store_index: str
    vector_store_name: str


class IndexCreateParams(TypedDict, total=False):
    """``client.vector_stores.indexes.create(...)``."""

    index_name: Required[str]
    litellm_params: Required[IndexLiteLLMParams]
    index_info: dict[str, Any] | None


# -- results ---------------------------------------------------------------------------------


class VectorStoreFileCounts(BaseModel):
    cancelled: int = 0
    completed: int = 0
    failed: int = 0
    in_progress: int = 0
    total: int = 0


class VectorStoreExpiresAfter(BaseModel):
    anchor: str | None = None
    days: int | None = None


class VectorStore(Response):
    """A vector store (``object: "vector_store"``)."""

    id: str
    object: str = "vector_store"
    created_at: int | None = None
    name: str | None = None
    status: str | None = None
    usage_bytes: int | None = None
    file_counts: VectorStoreFileCounts | None = None
    last_active_at: int | None = None
    metadata: dict[str, Any] | None = None
    expires_after: VectorStoreExpiresAfter | None = None
    expires_at: int | None = None


class VectorStoreList(CursorPage[VectorStore]):
    """One page of ``GET /vector_stores``."""


class VectorStoreDeleted(Response):
    id: str
    deleted: bool
    object: str = "vector_store.deleted"


class VectorStoreSearchContent(BaseModel):
    type: str | None = None
    text: str | None = None


class VectorStoreSearchResult(BaseModel):
    file_id: str | None = None
    filename: str | None = None
    score: float | None = None
    attributes: dict[str, Any] | None = None
    content: list[VectorStoreSearchContent] = []


class VectorStoreSearchPage(Response):
    """``POST /vector_stores/{id}/search``: the chunks found, best first, in ``data``."""

    object: str = "vector_store.search_results.page"
    search_query: str | list[str] | None = None
    data: list[VectorStoreSearchResult] = []
    has_more: bool = False
    next_page: str | None = None


class VectorStoreFileError(BaseModel):
    code: str | None = None
    message: str | None = None


class VectorStoreFile(Response):
    """A file attached to a vector store (``object: "vector_store.file"``)."""

    id: str
    object: str = "vector_store.file"
    created_at: int | None = None
    vector_store_id: str | None = None
    status: str | None = None
    usage_bytes: int | None = None
    last_error: VectorStoreFileError | None = None
    attributes: dict[str, Any] | None = None
    chunking_strategy: dict[str, Any] | None = None


class VectorStoreFileList(CursorPage[VectorStoreFile]):
    """One page of ``GET /vector_stores/{id}/files``."""


class VectorStoreFileDeleted(Response):
    id: str
    deleted: bool
    object: str = "vector_store.file.deleted"


class FileContentPart(BaseModel):
    type: str | None = None
    text: str | None = None


class VectorStoreFileContent(Response):
    """``GET /vector_stores/{id}/files/{file_id}/content``: the file's parsed text.

    OpenAI answers a page (``data`` parts, ``has_more``, ``next_page``); LiteLLM's own
    providers answer ``file_id``/``filename``/``content`` parts. Both shapes are kept;
    ``parts`` gives whichever was sent."""

    object: str | None = None
    data: list[FileContentPart] = []
    has_more: bool = False
    next_page: str | None = None
    file_id: str | None = None
    filename: str | None = None
    attributes: dict[str, Any] | None = None
    content: list[FileContentPart] = []

    @property
    def parts(self) -> list[FileContentPart]:
        return self.data or self.content

    @property
    def text(self) -> str:
        """The text of every part, joined."""
        return "".join(part.text or "" for part in self.parts)


class ManagedVectorStore(BaseModel):
    """A vector store registered with the proxy (``/vector_store/*``); ``litellm_params``
    come back with secrets redacted."""

    vector_store_id: str
    custom_llm_provider: str | None = None
    vector_store_name: str | None = None
    vector_store_description: str | None = None
    vector_store_metadata: dict[str, Any] | str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    litellm_credential_name: str | None = None
    litellm_params: dict[str, Any] | None = None
    team_id: str | None = None
    user_id: str | None = None
    is_config: bool | None = None


class ManagedVectorStoreResult(Response):
    """``POST /vector_store/new`` and ``/vector_store/update``: status and the stored row."""

    status: str | None = None
    message: str | None = None
    vector_store: ManagedVectorStore | None = None


class ManagedVectorStoreInfo(Response):
    """``POST /vector_store/info``."""

    vector_store: ManagedVectorStore


class ManagedVectorStoreDeleted(Response):
    """``POST /vector_store/delete``."""

    status: str | None = None
    message: str | None = None


class ManagedVectorStoreList(Response):
    """One page of ``GET /vector_store/list``."""

    object: str = "list"
    data: list[ManagedVectorStore] = []
    total_count: int | None = None
    current_page: int | None = None
    total_pages: int | None = None


class VectorStoreIndex(Response):
    """A vector store index registered with the proxy (``/v1/indexes``)."""

    id: str | None = None
    index_name: str
    litellm_params: dict[str, Any] | None = None
    index_info: dict[str, Any] | None = None
    created_at: str | None = None
    created_by: str | None = None
    updated_at: str | None = None
    updated_by: str | None = None


class VectorStoreIndexList(Response):
    """``GET /v1/indexes``: every index (not paged)."""

    object: str = "list"
    data: list[VectorStoreIndex] = []
