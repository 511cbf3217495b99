"""Parameters and results of ``client.access_groups``.

Two kinds live behind that name. Access groups (``/v1/access_group``) bundle models, MCP
servers, agents and skills, and are granted to teams and keys by id. Model access groups
(``/access_group/*``, ``client.access_groups.legacy``) are names tagged on deployments
(``model_info.access_groups``) that keys and teams list among their ``models``; one can carry a
budget shared by every key that reaches it.
"""

from __future__ import annotations

from .._models import BaseModel, Response
from .params.access_groups import (
    AccessGroupBudgetPutParams,
    V1AccessGroupPostParams,
    V1AccessGroupPutParams,
)
from .params.access_groups import AccessGroupUpdateParams as ModelAccessGroupModels

__all__ = [
    "AccessGroup",
    "AccessGroupBudget",
    "AccessGroupBudgetParams",
    "AccessGroupBudgetStatus",
    "AccessGroupCreateParams",
    "AccessGroupResource",
    "AccessGroupUpdateParams",
    "ModelAccessGroup",
    "ModelAccessGroupBudgetDeleted",
    "ModelAccessGroupDeleted",
    "ModelAccessGroupList",
    "ModelAccessGroupModels",
    "ModelAccessGroupResult",
]

AccessGroupBudgetParams = AccessGroupBudgetPutParams

# tools/gen_params.py drops request properties named ``description`` (it strips the schema
# annotation of that name at every level), so the proxy's ``description`` is added back here.


AccessGroupCreateParams = V1AccessGroupPostParams
"""Body of ``POST /v1/access_group``."""
AccessGroupUpdateParams = V1AccessGroupPutParams
"""Body of ``PUT /v1/access_group/{access_group_id}``: only the fields given change."""


class AccessGroupResource(BaseModel):
    """A team, key, MCP server or agent an access group names (``name`` is null when the id
    no longer resolves)."""

    id: str
    name: str | None = None


class AccessGroup(Response):
    """An access group (``/v1/access_group``) with what it grants and to whom."""

    access_group_id: str
    access_group_name: str
    description: str | None = None
    access_model_names: list[str] = []
    access_mcp_server_ids: list[str] = []
    mcp_tool_permissions: dict[str, list[str]] | None = None
    access_agent_ids: list[str] = []
    access_skill_names: list[str] = []
    assigned_team_ids: list[str] = []
    assigned_key_ids: list[str] = []
    access_mcp_servers: list[AccessGroupResource] = []
    access_agents: list[AccessGroupResource] = []
    assigned_teams: list[AccessGroupResource] = []
    assigned_keys: list[AccessGroupResource] = []
    created_at: str | None = None
    created_by: str | None = None
    updated_at: str | None = None
    updated_by: str | None = None


class AccessGroupBudget(BaseModel):
    """The budget shared by every key that can reach a model access group."""

    budget_id: str
    max_budget: float | None = None
    soft_budget: float | None = None
    budget_duration: str | None = None
    budget_reset_at: str | None = None


class ModelAccessGroup(Response):
    """A model access group: the model names tagged with it, how many deployments, and its
    shared budget with the spend drawn against it."""

    access_group: str
    model_names: list[str] = []
    deployment_count: int = 0
    spend: float | None = None
    budget: AccessGroupBudget | None = None


class ModelAccessGroupList(Response):
    """``GET /access_group/list``: every model access group, in one answer."""

    access_groups: list[ModelAccessGroup] = []


class ModelAccessGroupResult(Response):
    """A created or updated model access group: ``models_updated`` deployments were tagged."""

    access_group: str
    model_names: list[str] | None = None
    model_ids: list[str] | None = None
    models_updated: int = 0


class ModelAccessGroupDeleted(Response):
    """A deleted model access group: the tag was removed from ``models_updated`` deployments."""

    access_group: str
    models_updated: int = 0
    message: str | None = None


class AccessGroupBudgetStatus(Response):
    """A model access group's shared ``budget`` (``None``: none set) and its ``spend``."""

    access_group: str
    spend: float = 0.0
    budget: AccessGroupBudget | None = None


class ModelAccessGroupBudgetDeleted(Response):
    """``budget_deleted`` is false when the group had no budget."""

    access_group: str
    budget_deleted: bool = False
    message: str | None = None
