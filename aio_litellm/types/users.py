"""Parameters and results of ``client.users`` (internal users)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from typing_extensions import TypedDict

from .._models import Response

__all__ = ["UserCreateParams", "UserInfoResponse", "UserListResponse", "UserResponse"]


class UserCreateParams(TypedDict, total=False):
    """Body of ``POST /user/new``; choose ``user_id`` yourself to make a create safe to retry."""

    key_alias: str | None
    duration: str | None
    models: Sequence[Any] | None
    spend: float | None
    max_budget: float | None
    user_id: str | None
    team_id: str | None
    agent_id: str | None
    max_parallel_requests: int | None
    metadata: dict[str, Any] | None
    tpm_limit: int | None
    rpm_limit: int | None
    budget_duration: str | None
    budget_limits: Sequence[dict[str, Any]] | None
    allowed_cache_controls: Sequence[Any] | None
    config: dict[str, Any] | None
    permissions: dict[str, Any] | None
    model_max_budget: dict[str, Any] | None
    budget_fallbacks: dict[str, Any] | None
    model_rpm_limit: dict[str, Any] | None
    model_tpm_limit: dict[str, Any] | None
    mcp_rpm_limit: dict[str, Any] | None
    tag_rpm_limit: dict[str, Any] | None
    guardrails: Sequence[str] | None
    policies: Sequence[str] | None
    prompts: Sequence[str] | None
    blocked: bool | None
    aliases: dict[str, Any] | None
    object_permission: dict[str, Any] | None
    user_email: str | None
    user_alias: str | None
    user_role: (
        Literal["proxy_admin", "proxy_admin_viewer", "internal_user", "internal_user_viewer"] | None
    )
    teams: Sequence[str] | Sequence[dict[str, Any]] | None
    auto_create_key: bool
    send_invite_email: bool | None
    sso_user_id: str | None
    organizations: Sequence[str] | None
    password: str | None


class UserResponse(Response):
    """A created user (``POST /user/new``); ``key`` is the key created with it."""

    user_id: str | None = None
    user_email: str | None = None
    user_alias: str | None = None
    key: str | None = None


class UserInfoResponse(Response):
    """``GET /user/info``: the user row, its keys and teams."""

    user_id: str | None = None
    user_info: dict[str, Any] | None = None
    keys: list[Any] = []
    teams: list[Any] = []


class UserListResponse(Response):
    """One page of ``GET /user/list``."""

    users: list[dict[str, Any]]
    total: int | None = None
    page: int | None = None
    page_size: int | None = None
    total_pages: int | None = None
