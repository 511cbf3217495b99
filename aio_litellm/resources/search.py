"""``client.search``: web search through the proxy's search tools, and their management
(``client.search.tools``)."""

from __future__ import annotations

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._resource import Resource, group, require
from ..types.search import (
    LoadedSearchToolList,
    SearchCreateParams,
    SearchProviderList,
    SearchResponse,
    SearchTool,
    SearchToolConnection,
    SearchToolDeleted,
    SearchToolList,
    SearchToolLiteLLMParams,
    SearchToolParams,
)

__all__ = ["Search", "SearchTools"]

# A search reads; a resend is harmless (the tool name goes in the body, not the path alias).
CREATE = Endpoint("POST", "/search", SearchResponse, "search.create")
LIST_LOADED = Endpoint("GET", "/search/tools", LoadedSearchToolList, "search.list_tools")
TOOL_CREATE = Endpoint("POST", "/search_tools", SearchTool, "search.tools.create", retry_safe=False)
TOOL_LIST = Endpoint("GET", "/search_tools/list", SearchToolList, "search.tools.list")
TOOL_RETRIEVE = Endpoint(
    "GET", "/search_tools/{search_tool_id}", SearchTool, "search.tools.retrieve"
)
TOOL_UPDATE = Endpoint("PUT", "/search_tools/{search_tool_id}", SearchTool, "search.tools.update")
TOOL_DELETE = Endpoint(
    "DELETE", "/search_tools/{search_tool_id}", SearchToolDeleted, "search.tools.delete"
)
# A test search with max_results=1: it changes nothing.
TOOL_TEST = Endpoint(
    "POST", "/search_tools/test_connection", SearchToolConnection, "search.tools.test_connection"
)
TOOL_PROVIDERS = Endpoint(
    "GET",
    "/search_tools/ui/available_providers",
    SearchProviderList,
    "search.tools.available_providers",
)


class SearchTools(Resource):
    """Search tools kept in the proxy's database (``/search_tools``)."""

    __slots__ = ()

    async def create(self, **params: Unpack[SearchToolParams]) -> SearchTool:
        """Add a search tool; it is usable at once. ``POST /search_tools``.

        Not retried once it may have reached the proxy: a create that timed out may have been
        applied.
        """
        require("search.tools.create", params, "search_tool_name", "litellm_params")
        return await self._client._call(TOOL_CREATE, json={"search_tool": params})

    async def list(self) -> SearchToolList:
        """The search tools of the database and of the config file (keys masked).
        ``GET /search_tools/list``."""
        return await self._client._call(TOOL_LIST)

    async def retrieve(self, search_tool_id: str) -> SearchTool:
        """One search tool of the database (key masked). ``GET /search_tools/{search_tool_id}``."""
        return await self._client._call(TOOL_RETRIEVE, path={"search_tool_id": search_tool_id})

    async def update(self, search_tool_id: str, **params: Unpack[SearchToolParams]) -> SearchTool:
        """Replace a search tool's name, parameters and info: all of them, as the proxy stores
        what is sent (an info left out becomes empty). ``PUT /search_tools/{search_tool_id}``."""
        require("search.tools.update", params, "search_tool_name", "litellm_params")
        return await self._client._call(
            TOOL_UPDATE, path={"search_tool_id": search_tool_id}, json={"search_tool": params}
        )

    async def delete(self, search_tool_id: str) -> SearchToolDeleted:
        """Delete a search tool. ``DELETE /search_tools/{search_tool_id}``."""
        return await self._client._call(TOOL_DELETE, path={"search_tool_id": search_tool_id})

    async def test_connection(
        self, **litellm_params: Unpack[SearchToolLiteLLMParams]
    ) -> SearchToolConnection:
        """Run a one-result test search with these provider settings. A failure is not raised:
        it comes back as ``status == "error"`` with the provider's message.
        ``POST /search_tools/test_connection``."""
        require("search.tools.test_connection", litellm_params, "search_provider")
        return await self._client._call(TOOL_TEST, json={"litellm_params": litellm_params})

    async def available_providers(self) -> SearchProviderList:
        """The search providers the proxy supports. ``GET /search_tools/ui/available_providers``."""
        return await self._client._call(TOOL_PROVIDERS)


class Search(Resource):
    """Web search (``search.create``) and the proxy's search tools (``search.tools``)."""

    __slots__ = ("__dict__",)

    tools: group[SearchTools] = group("search:SearchTools")

    async def create(self, **params: Unpack[SearchCreateParams]) -> SearchResponse:
        """Search the web with one of the proxy's search tools. ``POST /search``."""
        require("search.create", params, "search_tool_name", "query")
        return await self._client._call(CREATE, json=params)

    async def list_tools(self) -> LoadedSearchToolList:
        """The search tools loaded in the proxy's router, usable with ``create``.
        ``GET /search/tools``."""
        return await self._client._call(LIST_LOADED)
