"""Parameters and results of ``client.rag``: ingest documents into a vector store, and answer
questions from it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from .._models import Response
from .chat import ChatCompletion, ChatCompletionMessageParam

__all__ = [
    "RagChunkingStrategy",
    "RagIngestOptions",
    "RagIngestParams",
    "RagIngestResponse",
    "RagQueryParams",
    "RagQueryResponse",
    "RagRerankConfig",
    "RagRetrievalConfig",
]


class RagChunkingStrategy(TypedDict, total=False):
    chunk_size: int
    chunk_overlap: int
    separators: Sequence[str]


class RagIngestOptions(TypedDict, total=False):
    """The pipeline: optional OCR, chunking and embedding, then the vector store.

    ``vector_store`` names the provider and optionally the store:
    ``{"custom_llm_provider": "openai", "vector_store_id": "vs_..."}`` (a new store is created
    when no id is given). Credentials (``api_key``, ``api_base`` ...) are refused here: name a
    credential of the proxy's ``credential_list`` instead (``"litellm_credential_name": ...``);
    the proxy records it with the store, so later queries of the store use it too.
    """

    name: str
    ocr: Mapping[str, Any]
    chunking_strategy: RagChunkingStrategy
    embedding: Mapping[str, Any]
    vector_store: Required[Mapping[str, Any]]


class RagIngestParams(TypedDict, total=False):
    """What ``rag.ingest`` sends besides ``file=``: a ``file_url`` or ``file_id`` stands in
    for an upload."""

    ingest_options: Required[RagIngestOptions]
    file_url: str
    file_id: str


class RagRetrievalConfig(TypedDict, total=False):
    """Which store to search and how. Credentials and embedding settings are refused here:
    they come from the store's registration on the proxy (made by ``ingest``)."""

    vector_store_id: Required[str]
    custom_llm_provider: str
    top_k: int
    filters: Mapping[str, Any]
    retrieval_filter: Mapping[str, Any]


class RagRerankConfig(TypedDict, total=False):
    enabled: bool
    model: str
    top_n: int
    return_documents: bool


class RagQueryParams(TypedDict, total=False):
    """Body of ``POST /rag/query`` (``stream`` is a separate argument). The query is the last
    user message."""

    model: Required[str]
    messages: Required[Iterable[ChatCompletionMessageParam]]
    retrieval_config: Required[RagRetrievalConfig]
    rerank: RagRerankConfig


class RagIngestResponse(Response):
    """``POST /rag/ingest``. A failed ingest is raised as an error, not returned."""

    id: str | None = None
    status: Literal["completed", "in_progress", "failed"] | str | None = None
    vector_store_id: str | None = None
    file_id: str | None = None
    error: str | None = None


class RagQueryResponse(ChatCompletion):
    """``POST /rag/query``: a chat completion whose message also carries the vector store
    results it was given (``search_results``)."""

    @property
    def search_results(self) -> Any:
        """The vector store search the answer was based on (``{"data": [...], ...}``), or
        None."""
        for choice in self.choices:
            fields = (choice.message.model_extra or {}).get("provider_specific_fields")
            if isinstance(fields, dict) and "search_results" in fields:
                return fields["search_results"]
        return None
