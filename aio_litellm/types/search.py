"""Parameters and results of ``client.search`` (Perplexity's search shape) and of the search
tool management routes (``client.search.tools``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response

__all__ = [
    "LoadedSearchTool",
    "LoadedSearchToolList",
    "SearchCreateParams",
    "SearchProvider",
    "SearchProviderList",
    "SearchResponse",
    "SearchResult",
    "SearchTool",
    "SearchToolConnection",
    "SearchToolDeleted",
    "SearchToolList",
    "SearchToolLiteLLMParams",
    "SearchToolParams",
]


class SearchCreateParams(TypedDict, total=False):
    """Body of ``POST /search``. Other keys are passed to the provider as they are (Tavily's
    ``topic``, ``search_depth`` ...)."""

    search_tool_name: Required[str]
    """A search tool of the proxy (``client.search.list_tools()``)."""
    query: Required[str | Sequence[str]]
    max_results: int
    search_domain_filter: Sequence[str]
    max_tokens_per_page: int
    country: str


class SearchToolLiteLLMParams(TypedDict, total=False):
    """How a search tool reaches its provider."""

    search_provider: Required[str]
    api_key: str
    api_base: str
    timeout: float
    max_retries: int
    input_cost_per_query: float


class SearchToolParams(TypedDict, total=False):
    """A search tool as created or (wholly) replaced."""

    search_tool_name: Required[str]
    litellm_params: Required[SearchToolLiteLLMParams]
    search_tool_info: Mapping[str, Any]
    """Free-form, e.g. ``{"description": "..."}``."""


class SearchResult(BaseModel):
    title: str = ""
    url: str = ""
    snippet: str = ""
    date: str | None = None
    last_updated: str | None = None


class SearchResponse(Response):
    """``POST /search``: results in Perplexity's shape whatever the provider; the provider's
    other top-level fields (Tavily's ``answer`` ...) are under ``provider_metadata``."""

    object: str = "search"
    results: list[SearchResult]
    provider_metadata: dict[str, Any] | None = None


class LoadedSearchTool(BaseModel):
    search_tool_name: str
    search_provider: str | None = None
    description: str | None = None


class LoadedSearchToolList(Response):
    """``GET /search/tools``: the search tools loaded in the proxy's router."""

    object: str = "list"
    data: list[LoadedSearchTool]


class SearchTool(Response):
    """A search tool as the proxy stores it. ``retrieve`` and ``list`` mask the key in
    ``litellm_params``; ``create`` and ``update`` echo what was sent."""

    search_tool_id: str | None = None
    search_tool_name: str
    litellm_params: dict[str, Any] = {}
    search_tool_info: dict[str, Any] | None = None
    created_at: str | None = None
    updated_at: str | None = None
    is_from_config: bool | None = None


class SearchToolList(Response):
    """``GET /search_tools/list``: the tools of the database and of the config file."""

    search_tools: list[SearchTool]


class SearchToolDeleted(Response):
    message: str | None = None
    search_tool_name: str | None = None


class SearchToolConnection(Response):
    """``POST /search_tools/test_connection``: a failed test is a 200 with ``status: error``."""

    status: str
    message: str | None = None
    test_query: str | None = None
    results_count: int | None = None
    error_type: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "success"


class SearchProvider(BaseModel):
    provider_name: str
    ui_friendly_name: str | None = None


class SearchProviderList(Response):
    """``GET /search_tools/ui/available_providers``."""

    providers: list[SearchProvider]
