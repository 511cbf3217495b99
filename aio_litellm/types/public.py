"""Parameters and results of ``client.public`` (``/public/*``: what the proxy publishes without
a key: its model hub, agents, MCP servers, skills, providers, cost map, dashboard catalogs)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from typing_extensions import TypedDict

from .._models import BaseModel, Response
from .models import ModelGroup
from .params.public import PublicLitellmModelCostMapQuery

__all__ = [
    "AgentTypeFields",
    "AutorouterPreset",
    "BlogPost",
    "BlogPosts",
    "CredentialField",
    "EndpointProvider",
    "FusePresets",
    "ModelCostMapQuery",
    "ModelGroup",
    "ModelHubFacet",
    "ModelHubFacetPage",
    "ModelHubInfo",
    "ModelHubPage",
    "ModelHubPageMeta",
    "ModelHubQuery",
    "ProviderFields",
    "PublicMCPServer",
    "PublicSkill",
    "PublicSkillList",
    "ScorerDefaults",
    "SupportedEndpoint",
    "SupportedEndpoints",
]

ModelCostMapQuery = PublicLitellmModelCostMapQuery

ModelHubFacet = Literal["providers", "modes", "features"]


class ModelHubQuery(TypedDict, total=False):
    """Query of ``GET /public/v1/model_hub`` and its facets (not in the proxy's OpenAPI
    document: the proxy reads it from the raw query string).

    ``sort``: comma-separated fields, ``-`` prefixed for descending (``-input_cost_per_token``).
    ``q``: a search string. ``filters``: ``{field: {op: value}}``, sent as
    ``filter[field][op]=value`` (``{"mode": {"in": ["chat"]}}``); a list value is sent
    comma-separated. A refused query answers (400) the parameters, sort fields and operators
    the route accepts.
    """

    page: int
    page_size: int
    sort: str
    q: str
    filters: Mapping[str, Mapping[str, Any]]


class PublicMCPServer(BaseModel):
    """A public MCP server (safe fields only)."""

    server_id: str | None = None
    name: str | None = None
    alias: str | None = None
    server_name: str | None = None
    transport: str | None = None
    auth_type: str | None = None
    mcp_info: dict[str, Any] | None = None


class PublicSkill(BaseModel):
    """An enabled Claude Code skill of the marketplace."""

    id: str | None = None
    name: str
    description: str | None = None
    version: str | None = None
    enabled: bool | None = None
    source: dict[str, Any] = {}
    category: str | None = None
    keywords: list[str] | None = None
    domain: str | None = None
    namespace: str | None = None
    created_by: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    download_count: int | None = None


class PublicSkillList(Response):
    """``GET /public/skill_hub``: empty when the marketplace requires a key."""

    plugins: list[PublicSkill] = []
    count: int = 0


class ModelHubInfo(Response):
    """``GET /public/model_hub/info``: the proxy's docs title, version and useful links."""

    docs_title: str | None = None
    custom_docs_description: str | None = None
    litellm_version: str | None = None
    useful_links: dict[str, Any] | None = None


class CredentialField(BaseModel):
    """A field of a dashboard create form (``key``, ``label``, whether ``required`` ...)."""

    key: str
    label: str | None = None
    placeholder: str | None = None
    tooltip: str | None = None
    required: bool = False
    field_type: str | None = None
    options: list[Any] | None = None
    default_value: Any = None


class ProviderFields(BaseModel):
    """A provider's create-model form: its credential fields."""

    provider: str
    provider_display_name: str | None = None
    litellm_provider: str | None = None
    credential_fields: list[CredentialField] = []
    default_model_placeholder: str | None = None


class AgentTypeFields(BaseModel):
    """An agent type's create-agent form: its credential fields and templates."""

    agent_type: str
    agent_type_display_name: str | None = None
    description: str | None = None
    logo_url: str | None = None
    credential_fields: list[CredentialField] = []
    litellm_params_template: dict[str, Any] | None = None
    model_template: str | None = None


class ScorerDefaults(Response):
    """The complexity router's shipped heuristic scorer defaults."""

    tier_boundaries: dict[str, float] = {}
    token_thresholds: dict[str, int] = {}
    dimension_weights: dict[str, float] = {}


class FusePresets(Response):
    """The complexity router's fuse preset catalog."""

    version: str | None = None
    models: list[dict[str, Any]] = []
    harnesses: list[dict[str, Any]] = []


class AutorouterPreset(BaseModel):
    """An auto-router preset: ``label``, ``description`` and the ``complexity_router_config``
    it applies."""

    label: str | None = None
    description: str | None = None
    complexity_router_config: dict[str, Any] = {}


class BlogPost(BaseModel):
    title: str
    description: str | None = None
    date: str | None = None
    url: str | None = None
    tags: list[str] = []


class BlogPosts(Response):
    """``GET /public/litellm_blog_posts``."""

    posts: list[BlogPost] = []


class EndpointProvider(BaseModel):
    slug: str
    display_name: str | None = None


class SupportedEndpoint(BaseModel):
    """A proxy endpoint and the providers that serve it."""

    key: str | None = None
    label: str | None = None
    endpoint: str | None = None
    providers: list[EndpointProvider] = []


class SupportedEndpoints(Response):
    """``GET /public/endpoints``."""

    endpoints: list[SupportedEndpoint] = []


class ModelHubPageMeta(BaseModel):
    """``total_count``/``total_pages`` on list pages; ``has_more`` on facet pages."""

    page: int = 1
    page_size: int | None = None
    total_count: int | None = None
    total_pages: int | None = None
    has_more: bool | None = None


class ModelHubPage(Response):
    """One page of ``GET /public/v1/model_hub``: ``data``, ``meta`` (counts), ``links``."""

    data: list[ModelGroup] = []
    meta: ModelHubPageMeta = ModelHubPageMeta()
    links: dict[str, Any] = {}


class ModelHubFacetPage(Response):
    """One page of the distinct values of a facet (``data`` holds bare values)."""

    data: list[str] = []
    meta: ModelHubPageMeta = ModelHubPageMeta()
    links: dict[str, Any] = {}
