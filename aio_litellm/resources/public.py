"""``client.public``: what the proxy publishes without a key (``/public/*``): its model hub,
agents, MCP servers and skills, the providers and endpoints LiteLLM supports, the model cost
map, and the catalogs the dashboard's forms read."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import AsyncPager, PageNumberStyle, _field, endpoint_pager
from .._resource import Resource
from ..types.public import (
    AgentTypeFields,
    AutorouterPreset,
    BlogPosts,
    FusePresets,
    ModelCostMapQuery,
    ModelGroup,
    ModelHubFacet,
    ModelHubFacetPage,
    ModelHubInfo,
    ModelHubPage,
    ModelHubQuery,
    ProviderFields,
    PublicMCPServer,
    PublicSkillList,
    ScorerDefaults,
    SupportedEndpoints,
)

__all__ = ["Public"]

AGENT_HUB = Endpoint("GET", "/public/agent_hub", list[dict[str, Any]], "public.agent_hub")
AGENT_FIELDS = Endpoint(
    "GET", "/public/agents/fields", list[AgentTypeFields], "public.agent_fields"
)
AUTOROUTER_PRESETS = Endpoint(
    "GET", "/public/autorouter_presets", dict[str, AutorouterPreset], "public.autorouter_presets"
)
FUSE_PRESETS = Endpoint(
    "GET",
    "/public/complexity_router/fuse_presets",
    FusePresets,
    "public.complexity_router_fuse_presets",
)
SCORER_DEFAULTS = Endpoint(
    "GET",
    "/public/complexity_router/scorer_defaults",
    ScorerDefaults,
    "public.complexity_router_scorer_defaults",
)
ENDPOINTS = Endpoint("GET", "/public/endpoints", SupportedEndpoints, "public.endpoints")
BLOG_POSTS = Endpoint("GET", "/public/litellm_blog_posts", BlogPosts, "public.litellm_blog_posts")
COST_MAP = Endpoint(
    "GET",
    "/public/litellm_model_cost_map",
    dict[str, dict[str, Any]],
    "public.litellm_model_cost_map",
)
MCP_HUB = Endpoint("GET", "/public/mcp_hub", list[PublicMCPServer], "public.mcp_hub")
MODEL_HUB = Endpoint("GET", "/public/model_hub", list[ModelGroup], "public.model_hub")
MODEL_HUB_INFO = Endpoint("GET", "/public/model_hub/info", ModelHubInfo, "public.model_hub_info")
PROVIDERS = Endpoint("GET", "/public/providers", list[str], "public.providers")
PROVIDER_FIELDS = Endpoint(
    "GET", "/public/providers/fields", list[ProviderFields], "public.provider_fields"
)
SKILL_HUB = Endpoint("GET", "/public/skill_hub", PublicSkillList, "public.skill_hub")
MODEL_HUB_V1 = Endpoint("GET", "/public/v1/model_hub", ModelHubPage, "public.model_hub_v1")
MODEL_HUB_FACET = Endpoint(
    "GET", "/public/v1/model_hub/{facet}", ModelHubFacetPage, "public.model_hub_facet"
)

_MODEL_HUB_PAGES = PageNumberStyle(
    items="data", size_param="page_size", total_pages="meta.total_pages"
)


@dataclass(frozen=True)
class _FacetPages(PageNumberStyle):
    """Facet pages say ``meta.has_more`` instead of a page count."""

    def next(
        self, params: dict[str, Any], page: Any, items: Sequence[Any]
    ) -> dict[str, Any] | None:
        if not _field(page, "meta.has_more"):
            return None
        return super().next(params, page, items)


_FACET_PAGES = _FacetPages(items="data", size_param="page_size", total_pages="meta.total_pages")


def _model_hub_query(query: ModelHubQuery) -> dict[str, Any]:
    """The query string: ``filters`` flattened to ``filter[field][op]=value``."""
    params: dict[str, Any] = dict(query)
    for name, ops in (params.pop("filters", None) or {}).items():
        for op, value in ops.items():
            if isinstance(value, (builtins.list, tuple)):
                value = ",".join(str(v) for v in value)
            params[f"filter[{name}][{op}]"] = value
    return params


class Public(Resource):
    """Public catalogs of the proxy (no key needed; a key is sent when the client has one)."""

    __slots__ = ()

    async def model_hub(self) -> builtins.list[ModelGroup]:
        """The model groups the proxy makes public, in one answer. ``GET /public/model_hub``."""
        return await self._client._call(MODEL_HUB)

    def model_hub_v1(self, **query: Unpack[ModelHubQuery]) -> AsyncPager[ModelHubPage, ModelGroup]:
        """The public model groups page by page, sorted, searched and filtered by the proxy.
        ``GET /public/v1/model_hub``."""
        return endpoint_pager(self._client, MODEL_HUB_V1, _model_hub_query(query), _MODEL_HUB_PAGES)

    def model_hub_facet(
        self, facet: ModelHubFacet, **query: Unpack[ModelHubQuery]
    ) -> AsyncPager[ModelHubFacetPage, str]:
        """The distinct ``providers``, ``modes`` or ``features`` of the public model groups
        (under the same filters as ``model_hub_v1``), page by page; another facet is
        refused by the proxy (422). ``GET /public/v1/model_hub/{facet}``."""
        return endpoint_pager(
            self._client,
            MODEL_HUB_FACET,
            _model_hub_query(query),
            _FACET_PAGES,
            path={"facet": facet},
        )

    async def model_hub_info(self) -> ModelHubInfo:
        """The hub page's title, description, LiteLLM version and useful links.
        ``GET /public/model_hub/info``."""
        return await self._client._call(MODEL_HUB_INFO)

    async def agent_hub(self) -> builtins.list[dict[str, Any]]:
        """The public agents' A2A agent cards. ``GET /public/agent_hub``."""
        return await self._client._call(AGENT_HUB)

    async def agent_fields(self) -> builtins.list[AgentTypeFields]:
        """The agent types and the fields their create form asks.
        ``GET /public/agents/fields``."""
        return await self._client._call(AGENT_FIELDS)

    async def mcp_hub(self) -> builtins.list[PublicMCPServer]:
        """The public MCP servers (safe fields only). ``GET /public/mcp_hub``."""
        return await self._client._call(MCP_HUB)

    async def skill_hub(self) -> PublicSkillList:
        """The enabled Claude Code skills; none when the marketplace requires a key.
        ``GET /public/skill_hub``."""
        return await self._client._call(SKILL_HUB)

    async def providers(self) -> builtins.list[str]:
        """Every provider LiteLLM supports, sorted. ``GET /public/providers``."""
        return await self._client._call(PROVIDERS)

    async def provider_fields(self) -> builtins.list[ProviderFields]:
        """The providers and the credential fields their create-model form asks.
        ``GET /public/providers/fields``."""
        return await self._client._call(PROVIDER_FIELDS)

    async def endpoints(self) -> SupportedEndpoints:
        """The proxy's endpoints and which providers serve each. ``GET /public/endpoints``."""
        return await self._client._call(ENDPOINTS)

    async def litellm_model_cost_map(
        self, **query: Unpack[ModelCostMapQuery]
    ) -> dict[str, dict[str, Any]]:
        """Pricing and limits per model name (large: thousands of entries); ``catalog_only``
        leaves out the proxy's own deployments. ``GET /public/litellm_model_cost_map``."""
        return await self._client._call(COST_MAP, query=query)

    async def litellm_blog_posts(self) -> BlogPosts:
        """The latest LiteLLM blog posts (a bundled copy when the feed is unreachable).
        ``GET /public/litellm_blog_posts``."""
        return await self._client._call(BLOG_POSTS)

    async def autorouter_presets(self) -> dict[str, AutorouterPreset]:
        """The auto-router presets by name. ``GET /public/autorouter_presets``."""
        return await self._client._call(AUTOROUTER_PRESETS)

    async def complexity_router_scorer_defaults(self) -> ScorerDefaults:
        """The complexity router's default tier boundaries, token thresholds and weights.
        ``GET /public/complexity_router/scorer_defaults``."""
        return await self._client._call(SCORER_DEFAULTS)

    async def complexity_router_fuse_presets(self) -> FusePresets:
        """The complexity router's fuse presets (models and harnesses).
        ``GET /public/complexity_router/fuse_presets``."""
        return await self._client._call(FUSE_PRESETS)
