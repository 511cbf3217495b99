"""Parameters and results of ``client.agents``: A2A agents registered with the proxy
(``/v1/agents*``). Shapes follow ``litellm/types/agents.py`` of the proxy 1.110.2."""

from __future__ import annotations

from typing import Any, Literal

from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response

__all__ = [
    "Agent",
    "AgentCard",
    "AgentCreateParams",
    "AgentDeleted",
    "AgentFields",
    "AgentIdentityStatus",
    "AgentKeySummary",
    "AgentKillSwitchResult",
    "AgentListQuery",
    "AgentMadePublic",
    "AgentSkill",
    "AgentUpdateParams",
]

ExecutionMode = Literal["autonomous", "delegated"]


class AgentSkill(TypedDict, total=False):
    """One skill of an A2A agent card."""

    id: Required[str]
    name: Required[str]
    description: Required[str]
    tags: Required[list[str]]
    examples: list[str] | None
    inputModes: list[str] | None
    outputModes: list[str] | None


class AgentCard(TypedDict, total=False):
    """An A2A agent card (camelCase, as the A2A protocol spells it); the proxy merges its own
    interfaces into the card it stores."""

    protocolVersion: str
    name: str
    description: str
    url: str
    version: str
    capabilities: dict[str, Any]
    defaultInputModes: list[str]
    defaultOutputModes: list[str]
    skills: list[AgentSkill]
    preferredTransport: str | None
    additionalInterfaces: list[dict[str, Any]] | None
    iconUrl: str | None
    provider: dict[str, Any] | None
    documentationUrl: str | None
    securitySchemes: dict[str, Any] | None
    security: list[dict[str, list[str]]] | None
    supportsAuthenticatedExtendedCard: bool | None


class AgentFields(TypedDict, total=False):
    """An agent's fields but its name (``AgentConfig`` of the proxy). ``kill_switch``:
    ``{"url": ..., "method": "POST", "headers": {...}, "auth": {...}}``."""

    agent_card_params: AgentCard
    litellm_params: dict[str, Any]
    object_permission: dict[str, Any]
    tpm_limit: int | None
    rpm_limit: int | None
    session_tpm_limit: int | None
    session_rpm_limit: int | None
    static_headers: dict[str, str] | None
    extra_headers: list[str] | None
    access_group_ids: list[str] | None
    kill_switch: dict[str, Any] | None
    identity: dict[str, Any] | None
    enabled: bool
    execution_mode: ExecutionMode


class AgentUpdateParams(AgentFields, total=False):
    """Body of ``PATCH /v1/agents/{agent_id}``: only the fields given change."""

    agent_name: str


class AgentCreateParams(AgentFields, total=False):
    """Body of ``POST /v1/agents`` and ``PUT /v1/agents/{agent_id}`` (a whole agent):
    ``agent_name`` is required; ``litellm_params`` e.g. ``{"model": ..., "make_public": True}``."""

    agent_name: Required[str]


class AgentListQuery(TypedDict, total=False):
    """Query of ``GET /v1/agents``: ``health_check`` drops agents whose URL does not answer;
    ``query`` ranks agents by semantic match (needs an agent search embedding model)."""

    health_check: bool
    query: str
    top_k: int


class AgentKeySummary(BaseModel):
    """A virtual key bound to an agent."""

    token: str
    key_alias: str | None = None
    key_name: str | None = None


class Agent(Response):
    """A registered agent; ``litellm_params`` secrets are never echoed back."""

    agent_id: str
    agent_name: str
    agent_card_params: dict[str, Any] = {}
    litellm_params: dict[str, Any] | None = None
    object_permission: dict[str, Any] | None = None
    enabled: bool = True
    execution_mode: str | None = None
    identity: dict[str, Any] | None = None
    identity_managed: bool = False
    spend: float | None = None
    tpm_limit: int | None = None
    rpm_limit: int | None = None
    session_tpm_limit: int | None = None
    session_rpm_limit: int | None = None
    static_headers: dict[str, str] | None = None
    extra_headers: list[str] | None = None
    access_group_ids: list[str] | None = None
    kill_switch: dict[str, Any] | None = None
    keys: list[AgentKeySummary] | None = None
    search_score: float | None = None
    created_at: str | None = None
    updated_at: str | None = None
    created_by: str | None = None
    updated_by: str | None = None


class AgentDeleted(Response):
    """Answer of a delete: ``{"message": "Agent <id> deleted successfully"}``."""

    message: str = ""


class AgentMadePublic(Response):
    """Answer of ``make_public``: the agents now in the public group."""

    message: str = ""
    public_agent_groups: list[str] = []
    updated_by: str | None = None


class AgentIdentityStatus(Response):
    """An agent's managed identity (Microsoft Entra) and when it last authenticated."""

    identity: dict[str, Any] | None = None
    identity_managed: bool = False
    enabled: bool = True
    execution_mode: str | None = None
    last_authenticated_at: str | None = None


class AgentKillSwitchResult(Response):
    """What the agent's kill-switch webhook answered (``error`` when it could not be called)."""

    agent_id: str
    url: str
    method: str
    status_code: int | None = None
    response_body: str | None = None
    error: str | None = None
