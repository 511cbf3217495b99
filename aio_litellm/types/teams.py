"""Parameters and results of ``client.teams``.

The request bodies are generated from the proxy's OpenAPI document
(``aio_litellm.types.params.teams``). ``TeamFields`` and ``TeamMemberUpdateFields`` repeat a
generated body without its ``team_id``, which the methods take as their first argument; a test
keeps them equal to the generated ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response
from .params.teams import TeamCallbackPostParams, TeamListQuery, TeamNewParams, V2TeamListQuery

__all__ = [
    "Team",
    "TeamBulkMemberAddResponse",
    "TeamCallbackAddParams",
    "TeamCallbackAdded",
    "TeamCallbackSettings",
    "TeamCallbacksResponse",
    "TeamCreateParams",
    "TeamDeleteResponse",
    "TeamFields",
    "TeamInfoResponse",
    "TeamListEntry",
    "TeamListPage",
    "TeamListParams",
    "TeamListV2Params",
    "TeamMember",
    "TeamMemberAddResponse",
    "TeamMemberAddResult",
    "TeamMemberBudgetResult",
    "TeamMemberBudgetUpdate",
    "TeamMemberBulkResponse",
    "TeamMemberBulkUpdateResponse",
    "TeamMemberDeleteResult",
    "TeamMemberRef",
    "TeamMemberResetBudget",
    "TeamMemberResetSpend",
    "TeamMemberUpdateFields",
    "TeamMemberUpdateResponse",
    "TeamMembership",
    "TeamMetadataField",
    "TeamMetadataSchema",
    "TeamPermission",
    "TeamPermissions",
    "TeamPermissionsBulkUpdateResponse",
    "TeamResponse",
    "TeamUpdateResponse",
]

TeamCreateParams = TeamNewParams
"""Body of ``POST /team/new``; choose ``team_id`` yourself to make a create safe to retry."""
TeamListParams = TeamListQuery
TeamListV2Params = V2TeamListQuery
TeamCallbackAddParams = TeamCallbackPostParams
TeamPermission = Literal[
    "/key/generate",
    "/key/update",
    "/key/delete",
    "/key/regenerate",
    "/key/service-account/generate",
    "/key/{key_id}/regenerate",
    "/key/block",
    "/key/unblock",
    "/key/bulk_update",
    "/team/key/bulk_update",
    "/key/{key_id}/reset_spend",
    "/key/access_group_assignment",
    "/auto_router/manage",
    "/key/info",
    "/key/health",
    "/key/list",
    "/key/aliases",
    "/team/daily/activity",
    "/team/daily/activity/aggregated",
    "/spend/logs",
    "/spend/logs/v2",
]
"""A route a team member may be allowed (``team_member_permissions``)."""


class TeamMember(TypedDict, total=False):
    """A member to add: ``user_id`` or ``user_email``, and a role."""

    user_id: str | None
    user_email: str | None
    role: Required[Literal["admin", "user"]]


class TeamMemberRef(TypedDict, total=False):
    """One member, named by exactly one of ``user_id`` or ``user_email``."""

    user_id: str
    user_email: str


class TeamMemberBudgetUpdate(TeamMemberRef, total=False):
    """One member's own limits, merge-patch style: a field left out is untouched, ``None``
    clears it (clearing the last one puts the member back on the team's default)."""

    max_budget_in_team: float | None
    tpm_limit: int | None
    rpm_limit: int | None
    budget_duration: str | None
    allowed_models: Sequence[str] | None


class TeamFields(TypedDict, total=False):
    """A team's settings, as ``POST /team/update`` and ``PATCH /team/{team_id}`` take them
    (the team is the methods' first argument)."""

    team_alias: str | None
    organization_id: str | None
    metadata: dict[str, Any] | None
    tpm_limit: int | None
    rpm_limit: int | None
    tpd_limit: int | None
    max_budget: float | None
    soft_budget: float | None
    models: Sequence[Any] | None
    blocked: bool | None
    budget_duration: str | None
    tags: Sequence[Any] | None
    model_aliases: dict[str, Any] | None
    guardrails: Sequence[str] | None
    policies: Sequence[str] | None
    object_permission: dict[str, Any] | None
    disable_global_guardrails: bool | None
    require_trace_id: bool | None
    team_member_budget: float | None
    team_member_budget_duration: str | None
    team_member_model_max_budget: dict[str, Any] | None
    team_member_rpm_limit: int | None
    team_member_tpm_limit: int | None
    team_member_key_duration: str | None
    allowed_passthrough_routes: Sequence[Any] | None
    denied_passthrough_routes: Sequence[str] | None
    secret_manager_settings: dict[str, Any] | None
    prompts: Sequence[str] | None
    model_rpm_limit: dict[str, Any] | None
    model_tpm_limit: dict[str, Any] | None
    default_estimated_output_tokens: int | None
    default_estimated_output_tokens_per_model: dict[str, Any] | None
    mcp_rpm_limit: dict[str, Any] | None
    allowed_vector_store_indexes: Sequence[dict[str, Any]] | None
    enforced_batch_output_expires_after: dict[str, Any] | None
    enforced_file_expires_after: dict[str, Any] | None
    router_settings: dict[str, Any] | None
    access_group_ids: Sequence[str] | None
    budget_limits: Sequence[dict[str, Any]] | None
    default_team_member_models: Sequence[str] | None
    model_max_budget: dict[str, Any] | None


class TeamMemberUpdateFields(TypedDict, total=False):
    """What ``POST /team/member_update`` changes for one member (named by ``user_id`` or
    ``user_email``); the team is the method's first argument."""

    user_id: str | None
    user_email: str | None
    max_budget_in_team: float | None
    role: Literal["admin", "user"] | None
    tpm_limit: int | None
    rpm_limit: int | None
    budget_duration: str | None
    allowed_models: Sequence[str] | None
    temp_budget_increase: float | None
    temp_budget_expiry: str | None
    model_max_budget: dict[str, Any] | None


# -- results -------------------------------------------------------------------------------


class Team(Response):
    """A team row (``POST /team/new``, ``/team/block``, ``PATCH /team/{team_id}`` ...)."""

    team_id: str
    team_alias: str | None = None
    organization_id: str | None = None
    admins: list[Any] = []
    members: list[Any] = []
    members_with_roles: list[dict[str, Any]] = []
    team_member_permissions: list[str] | None = None
    models: list[Any] = []
    blocked: bool = False
    spend: float | None = None
    max_budget: float | None = None
    soft_budget: float | None = None
    budget_duration: str | None = None
    budget_reset_at: str | None = None
    tpm_limit: int | None = None
    rpm_limit: int | None = None
    metadata: dict[str, Any] | None = None
    created_at: str | None = None
    updated_at: str | None = None


TeamResponse = Team
"""The team row a create answers (the name of earlier releases)."""


class TeamMemberAddResponse(Team):
    """``POST /team/member_add``: the team after the add, and the user and membership rows it
    wrote (users created on the way included)."""

    updated_users: list[dict[str, Any]] = []
    updated_team_memberships: list[dict[str, Any]] = []


class TeamInfoResponse(Response):
    """``GET /team/info``: the team row, its keys and its members' memberships."""

    team_id: str
    team_info: dict[str, Any]
    keys: list[Any] = []
    team_memberships: list[dict[str, Any]] = []


class TeamListEntry(Team):
    """A team of ``GET /team/list``, with its keys and members' memberships."""

    keys: list[Any] = []
    team_memberships: list[dict[str, Any]] = []


class TeamListPage(Response):
    """One page of ``GET /v2/team/list``."""

    teams: list[Team] = []
    total: int | None = None
    page: int | None = None
    page_size: int | None = None
    total_pages: int | None = None


class TeamUpdateResponse(Response):
    """``POST /team/update``: the team id and the updated row."""

    team_id: str | None = None
    data: Team | None = None


class TeamDeleteResponse(Response):
    deleted_teams: list[str] = []


class TeamMemberUpdateResponse(Response):
    """``POST /team/member_update``: the member's settings in the team after the change."""

    team_id: str
    user_id: str
    user_email: str | None = None
    max_budget_in_team: float | None = None
    tpm_limit: int | None = None
    rpm_limit: int | None = None
    budget_duration: str | None = None
    allowed_models: list[str] | None = None


class TeamMemberAddResult(BaseModel):
    user_id: str | None = None
    user_email: str | None = None
    success: bool = False
    error: str | None = None
    updated_user: dict[str, Any] | None = None
    updated_team_membership: dict[str, Any] | None = None


class TeamBulkMemberAddResponse(Response):
    """``POST /team/bulk_member_add``: one result per member asked for."""

    team_id: str
    results: list[TeamMemberAddResult] = []
    total_requested: int = 0
    successful_additions: int = 0
    failed_additions: int = 0
    updated_team: dict[str, Any] | None = None


class TeamMemberDeleteResult(BaseModel):
    user_id: str | None = None
    user_email: str | None = None
    success: bool = False
    error: str | None = None


class TeamMemberBulkResponse(Response):
    """``.../members/bulk_delete``: ``data`` has one result per member, in request order."""

    data: list[TeamMemberDeleteResult] = []


class TeamMemberBudgetResult(TeamMemberDeleteResult):
    """The limits in force after the write (``max_budget_source``: ``member`` or
    ``team_default``)."""

    budget_id: str | None = None
    max_budget: float | None = None
    max_budget_source: str | None = None
    tpm_limit: int | None = None
    rpm_limit: int | None = None
    budget_duration: str | None = None
    allowed_models: list[str] | None = None


class TeamMemberBulkUpdateResponse(Response):
    """``.../members/bulk_update``: ``data`` has one result per member, in request order."""

    data: list[TeamMemberBudgetResult] = []


class TeamMembership(Response):
    """The caller's own membership of a team (``GET /team/{team_id}/members/me``)."""

    user_id: str
    team_id: str
    role: str | None = None
    user_email: str | None = None
    team_alias: str | None = None
    budget_id: str | None = None
    spend: float | None = None
    total_spend: float | None = None
    litellm_budget_table: dict[str, Any] | None = None


class TeamMemberResetSpend(Response):
    team_id: str
    user_id: str
    spend: float | None = None
    previous_spend: float | None = None
    max_budget: float | None = None


class TeamMemberResetBudget(Response):
    """``budget_source``: where the member's budget now comes from."""

    team_id: str
    user_id: str
    budget_id: str | None = None
    previous_budget_id: str | None = None
    budget_source: str | None = None


class TeamPermissions(Response):
    """A team's member permissions, and every permission there is."""

    team_id: str
    team_member_permissions: list[str] | None = None
    all_available_permissions: list[str] = []


class TeamPermissionsBulkUpdateResponse(Response):
    message: str = ""
    teams_updated: int = 0
    permissions_appended: list[str] | None = None


class TeamMetadataField(BaseModel):
    key: str
    label: str | None = None


class TeamMetadataSchema(Response):
    """The metadata fields declared in the proxy's ``general_settings.team_metadata_schema``
    (empty when none is)."""

    fields: list[TeamMetadataField] = []


class TeamCallbackSettings(BaseModel):
    team_id: str
    success_callbacks: list[str] = []
    failure_callbacks: list[str] = []
    callback_vars: dict[str, str] = {}
    """Credential values come back masked (``***REDACTED***``)."""


class TeamCallbacksResponse(Response):
    """A team's callbacks after a read, a removal or ``disable_logging``: ``{status, message,
    data}``."""

    status: str | None = None
    message: str | None = None
    data: TeamCallbackSettings | None = None


class TeamCallbackAdded(Response):
    """``POST /team/{team_id}/callback``: the team row as stored (its metadata holds the
    callback, credentials encrypted)."""

    status: str | None = None
    data: Team | None = None
