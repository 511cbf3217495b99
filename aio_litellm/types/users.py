"""Parameters and results of ``client.users`` (internal users)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from .._models import Response
from .keys import KeySettings

__all__ = ["UserCreateParams", "UserInfoResponse", "UserListResponse", "UserResponse"]


class UserCreateParams(KeySettings, total=False):
    """Body of ``POST /user/new``; choose ``user_id`` yourself to make a create safe to retry.
    The key settings apply to the key created with the user."""

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
