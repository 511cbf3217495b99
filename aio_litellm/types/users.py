"""Parameters and results of ``client.users`` (internal users).

The request bodies are generated from the proxy's OpenAPI document
(``aio_litellm.types.params.users``). ``UserFields`` repeats the ``/user/update`` body without
its ``user_id``, which ``update`` takes as its first argument; a test keeps it equal to the
generated one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from typing_extensions import TypedDict

from .._models import BaseModel, Response
from .params.users import UserListQuery, UserNewParams, UserUpdateParams

__all__ = [
    "CurrentUser",
    "UserAvailability",
    "UserBulkCreateMeta",
    "UserBulkCreateResponse",
    "UserBulkDeleteResponse",
    "UserBulkUpdateResponse",
    "UserCreateParams",
    "UserCreateResult",
    "UserDeleteResult",
    "UserFields",
    "UserInfo",
    "UserInfoResponse",
    "UserListParams",
    "UserListResponse",
    "UserPasswordChanged",
    "UserResponse",
    "UserRole",
    "UserUpdateParams",
    "UserUpdateResponse",
    "UserUpdateResult",
]

UserCreateParams = UserNewParams
"""Body of ``POST /user/new`` (and of each row of ``create_bulk``); choose ``user_id``
yourself to make a create safe to retry. The key settings apply to the key created with the
user."""
UserListParams = UserListQuery
UserRole = Literal["proxy_admin", "proxy_admin_viewer", "internal_user", "internal_user_viewer"]


class UserFields(TypedDict, total=False):
    """What ``POST /user/update`` changes (the user is the method's first argument)."""

    key_alias: str | None
    duration: str | None
    models: Sequence[Any] | None
    spend: float | None
    max_budget: float | None
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
    password: str | None
    user_alias: str | None
    user_role: UserRole | None
    user_email: str | None


# -- results -------------------------------------------------------------------------------


class UserInfo(Response):
    """A user row (``GET /v2/user/info``; rows of other answers)."""

    user_id: str
    user_email: str | None = None
    user_alias: str | None = None
    user_role: str | None = None
    teams: list[str] = []
    models: list[Any] = []
    spend: float | None = None
    max_budget: float | None = None
    budget_duration: str | None = None
    budget_reset_at: str | None = None
    tpm_limit: int | None = None
    rpm_limit: int | None = None
    metadata: dict[str, Any] | None = None
    sso_user_id: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


class UserResponse(Response):
    """A created user (``POST /user/new``); ``key`` is the key created with it."""

    user_id: str | None = None
    user_email: str | None = None
    user_alias: str | None = None
    user_role: str | None = None
    teams: list[Any] | None = None
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


class UserUpdateResponse(Response):
    """``POST /user/update``: the updated row is in ``data``."""

    user_id: str | None = None
    data: UserInfo | None = None


class UserUpdateResult(BaseModel):
    user_id: str | None = None
    user_email: str | None = None
    success: bool = False
    error: str | None = None
    updated_user: dict[str, Any] | None = None


class UserBulkUpdateResponse(Response):
    """``POST /user/bulk_update``: one result per user; each update succeeds or fails alone."""

    results: list[UserUpdateResult] = []
    total_requested: int = 0
    successful_updates: int = 0
    failed_updates: int = 0


class UserCreateResult(BaseModel):
    """One row of ``create_bulk``: ``teams`` lists the teams the user was added to; ``key``
    is the created key (when the row asked for one)."""

    user_id: str | None = None
    user_email: str | None = None
    success: bool = False
    teams: list[str] | None = None
    key: str | None = None
    error: str | None = None


class UserBulkCreateMeta(BaseModel):
    total_requested: int = 0
    created: int = 0
    failed: int = 0


class UserBulkCreateResponse(Response):
    """``POST /management/v1/users/bulk``: ``data`` has one result per row, in order."""

    data: list[UserCreateResult] = []
    meta: UserBulkCreateMeta = UserBulkCreateMeta()


class UserDeleteResult(BaseModel):
    user_id: str
    user_email: str | None = None
    success: bool = False
    teams_removed: list[str] = []
    error: str | None = None


class UserBulkDeleteResponse(Response):
    """``POST /management/v1/users/bulk_delete``: ``data`` has one result per id, in order."""

    data: list[UserDeleteResult] = []


class CurrentUser(Response):
    """The user of the calling key (``GET /management/v1/users/me``)."""

    user_id: str
    user_role: str | None = None
    user_email: str | None = None


class UserAvailability(Response):
    """Seats: users and teams allowed by the licence (``None``: no limit) and in use."""

    total_users: int | None = None
    total_teams: int | None = None
    total_users_used: int | None = None
    total_teams_used: int | None = None
    total_users_remaining: int | None = None
    total_teams_remaining: int | None = None


class UserPasswordChanged(Response):
    user_id: str
    message: str = ""
