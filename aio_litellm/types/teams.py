"""Parameters and results of ``client.teams``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from .._models import Response

__all__ = ["TeamCreateParams", "TeamInfoResponse", "TeamMember", "TeamResponse"]


class TeamMember(TypedDict, total=False):
    """A member to add: ``user_id`` or ``user_email``, and a role."""

    user_id: str | None
    user_email: str | None
    role: Required[Literal["admin", "user"]]


class TeamCreateParams(TypedDict, total=False):
    """Body of ``POST /team/new``; choose ``team_id`` yourself to make a create safe to retry."""

    team_alias: str | None
    team_id: str | None
    organization_id: str | None
    admins: Sequence[str]
    members: Sequence[str]
    members_with_roles: Sequence[dict[str, Any]]
    team_member_permissions: Sequence[str] | None
    metadata: dict[str, Any] | None
    tpm_limit: int | None
    rpm_limit: int | None
    tpd_limit: int | None
    max_budget: float | None
    soft_budget: float | None
    budget_duration: str | None
    budget_limits: Sequence[dict[str, Any]] | None
    models: Sequence[str]
    blocked: bool
    router_settings: dict[str, Any] | None
    access_group_ids: Sequence[str] | None
    default_team_member_models: Sequence[str] | None
    model_aliases: dict[str, Any] | None
    model_max_budget: dict[str, Any] | None
    tags: Sequence[Any] | None
    guardrails: Sequence[str] | None
    policies: Sequence[str] | None
    prompts: Sequence[str] | None
    object_permission: dict[str, Any] | None
    allowed_passthrough_routes: Sequence[Any] | None
    denied_passthrough_routes: Sequence[str] | None
    disable_global_guardrails: bool | None
    require_trace_id: bool | None
    secret_manager_settings: dict[str, Any] | None
    model_rpm_limit: dict[str, Any] | None
    rpm_limit_type: Literal["guaranteed_throughput", "best_effort_throughput"] | None
    tpm_limit_type: Literal["guaranteed_throughput", "best_effort_throughput"] | None
    model_tpm_limit: dict[str, Any] | None
    default_estimated_output_tokens: int | None
    default_estimated_output_tokens_per_model: dict[str, Any] | None
    mcp_rpm_limit: dict[str, Any] | None
    team_member_budget: float | None
    team_member_rpm_limit: int | None
    team_member_tpm_limit: int | None
    team_member_key_duration: str | None
    team_member_budget_duration: str | None
    team_member_model_max_budget: dict[str, Any] | None
    allowed_vector_store_indexes: Sequence[dict[str, Any]] | None
    enforced_batch_output_expires_after: dict[str, Any] | None
    enforced_file_expires_after: dict[str, Any] | None


class TeamResponse(Response):
    """A team row (``POST /team/new``, ``/team/member_add``)."""

    team_id: str
    team_alias: str | None = None
    members_with_roles: list[dict[str, Any]] = []
    models: list[Any] = []
    max_budget: float | None = None
    metadata: dict[str, Any] | None = None


class TeamInfoResponse(Response):
    """``GET /team/info``: the team row and its keys."""

    team_id: str
    team_info: dict[str, Any]
    keys: list[Any] = []
