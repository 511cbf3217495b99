"""``client.users``: internal users (``/user/*``, ``/v2/user/info``,
``/management/v1/users/*``) and their daily activity."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterable, Iterable, Mapping, Sequence
from typing import Any

from typing_extensions import Unpack

from .._activity import UserDailyActivity, activity_routes
from .._bulk_admin import by_id, create_verified, verify
from .._endpoint import Endpoint
from .._exceptions import APIStatusError
from .._pagination import AsyncPager, PageNumberStyle, endpoint_pager
from .._resource import Resource, group, require
from ..bulk import BulkResult, BulkRunner
from ..types.users import (
    CurrentUser,
    UserAvailability,
    UserBulkCreateResponse,
    UserBulkDeleteResponse,
    UserBulkUpdateResponse,
    UserCreateParams,
    UserFields,
    UserInfo,
    UserInfoResponse,
    UserListParams,
    UserListResponse,
    UserPasswordChanged,
    UserResponse,
    UserUpdateParams,
    UserUpdateResponse,
)

__all__ = ["UserActivity", "Users"]

UserUpdateSpec = Mapping[str, Any]

# Creates, bulk creates and deletes, and password changes are not retry-safe: one that timed
# out may have been applied, and sending it again fails ("already exists", "unknown user",
# "current password is incorrect"). Updates set a state: sending one twice leaves the same state.
CREATE = Endpoint("POST", "/user/new", UserResponse, "users.create", retry_safe=False)
CREATE_BULK = Endpoint(
    "POST",
    "/management/v1/users/bulk",
    UserBulkCreateResponse,
    "users.create_bulk",
    retry_safe=False,
)
INFO = Endpoint("GET", "/user/info", UserInfoResponse, "users.info")
INFO_V2 = Endpoint("GET", "/v2/user/info", UserInfo, "users.info_v2")
ME = Endpoint("GET", "/management/v1/users/me", CurrentUser, "users.me")
LIST = Endpoint("GET", "/user/list", UserListResponse, "users.list")
UPDATE = Endpoint("POST", "/user/update", UserUpdateResponse, "users.update")
BULK_UPDATE = Endpoint("POST", "/user/bulk_update", UserBulkUpdateResponse, "users.bulk_update")
DELETE = Endpoint("POST", "/user/delete", int, "users.delete")
DELETE_BULK = Endpoint(
    "POST",
    "/management/v1/users/bulk_delete",
    UserBulkDeleteResponse,
    "users.delete_bulk",
    retry_safe=False,
)
PASSWORD_CHANGE = Endpoint(
    "POST",
    "/user/password/change",
    UserPasswordChanged,
    "users.password_change",
    retry_safe=False,
)
AVAILABLE_ROLES = Endpoint(
    "GET", "/user/available_roles", dict[str, dict[str, Any]], "users.available_roles"
)
AVAILABLE_USERS = Endpoint(
    "GET", "/user/available_users", UserAvailability, "users.available_users"
)

ACTIVITY = activity_routes("/user", "users.daily_activity", user_routes=True)

_PAGES = PageNumberStyle(items="users", size_param="page_size")
# The proxy's limit per bulk request.
_BULK_MAX = 500
# Not compared when a create meets an existing user: the password is stored hashed; teams and
# spend change with use.
_NOT_COMPARED = frozenset({"password", "teams", "spend"})


class UserActivity(UserDailyActivity):
    """Users' spend by day (filter with ``user_id``), per user, and cache-leaking keys."""

    __slots__ = ()
    routes = ACTIVITY


class Users(Resource):
    """Internal users: create (one or many), inspect, list, change, delete; the caller's own
    user, password, and daily activity."""

    __slots__ = ("__dict__",)

    daily_activity: group[UserActivity] = group("users:UserActivity")

    async def create(self, **params: Unpack[UserCreateParams]) -> UserResponse:
        """Create a user (and a key for it). ``POST /user/new``; not retried once sent."""
        return await self._client._call(CREATE, json=params)

    async def create_bulk(self, users: Sequence[UserCreateParams]) -> UserBulkCreateResponse:
        """Create up to 500 users in one request, one result per row in ``data`` (a bad row
        fails alone). Keys only for rows with ``auto_create_key=True``.
        ``POST /management/v1/users/bulk``; not retried once sent."""
        rows = _rows("create_bulk", "users", users)
        return await self._client._call(CREATE_BULK, json={"users": rows})

    async def info(self, user_id: str) -> UserInfoResponse:
        """A user with its keys and teams. ``GET /user/info``."""
        return await self._client._call(INFO, query={"user_id": user_id})

    async def info_v2(self, user_id: str | None = None) -> UserInfo:
        """A user's row alone, no keys or team objects (default: the caller).
        ``GET /v2/user/info``."""
        return await self._client._call(INFO_V2, query={"user_id": user_id})

    async def me(self) -> CurrentUser:
        """The user of the calling key. ``GET /management/v1/users/me``."""
        return await self._client._call(ME)

    def list(self, **query: Unpack[UserListParams]) -> AsyncPager[UserListResponse, dict[str, Any]]:
        """Users page by page (``role``, ``team``, ``search``, ``user_ids`` ... filters).
        ``GET /user/list``."""
        return endpoint_pager(self._client, LIST, dict(query), _PAGES)

    async def update(self, user_id: str, **params: Unpack[UserFields]) -> UserUpdateResponse:
        """Change a user (the settings not given stay). ``POST /user/update``."""
        return await self._client._call(UPDATE, json={**params, "user_id": user_id})

    async def bulk_update(
        self,
        users: Sequence[UserUpdateParams] | None = None,
        *,
        all_users: bool = False,
        user_updates: UserFields | None = None,
    ) -> UserBulkUpdateResponse:
        """Change many users in one request: each row of ``users`` names its user
        (``user_id`` or ``user_email``), or ``all_users=True`` applies ``user_updates`` to
        every user. One result per user. ``POST /user/bulk_update``."""
        if all_users == bool(users) or all_users != bool(user_updates):
            raise TypeError("bulk_update() needs users, or all_users=True with user_updates")
        body: dict[str, Any]
        if users:
            rows = _rows("bulk_update", "users", users)
            for index, row in enumerate(rows):
                if not row.get("user_id") and not row.get("user_email"):
                    # The row is not quoted: it may hold a password.
                    raise ValueError(f"bulk_update(): row {index} needs user_id or user_email")
            body = {"users": rows}
        else:
            body = {"all_users": True, "user_updates": user_updates}
        return await self._client._call(BULK_UPDATE, json=body)

    async def delete(self, user_ids: Sequence[str]) -> int:
        """Delete users and their keys; answers how many were deleted. ``POST /user/delete``."""
        if isinstance(user_ids, str) or not user_ids:
            raise TypeError("delete() needs a non-empty list of user ids")
        return await self._client._call(DELETE, json={"user_ids": builtins.list(user_ids)})

    async def delete_bulk(self, user_ids: Sequence[str]) -> UserBulkDeleteResponse:
        """Delete up to 500 users, taking each out of its teams; one result per id in
        ``data`` (unknown ids fail alone). ``POST /management/v1/users/bulk_delete``; not
        retried once sent."""
        ids = _rows("delete_bulk", "user_ids", user_ids)
        return await self._client._call(DELETE_BULK, json={"user_ids": ids})

    async def password_change(
        self, current_password: str, new_password: str
    ) -> UserPasswordChanged:
        """Change the caller's own password (only from a dashboard session that logged in with
        a password; keys get 403). ``POST /user/password/change``; not retried once sent."""
        passwords = {"current_password": current_password, "new_password": new_password}
        require("password_change", passwords, "current_password", "new_password")
        return await self._client._call(PASSWORD_CHANGE, json=passwords)

    async def available_roles(self) -> dict[str, dict[str, Any]]:
        """The roles a user may be given, each with ``description`` and ``ui_label``.
        ``GET /user/available_roles``."""
        return await self._client._call(AVAILABLE_ROLES)

    async def available_users(self) -> UserAvailability:
        """User and team seats: the licence's limits and how many are used.
        ``GET /user/available_users``."""
        return await self._client._call(AVAILABLE_USERS)

    # -- bulk ---------------------------------------------------------------------------------

    async def create_many(
        self,
        specs: Iterable[UserCreateParams] | AsyncIterable[UserCreateParams],
        *,
        concurrency: int = 16,
        runner: BulkRunner | None = None,
    ) -> BulkResult[UserCreateParams, UserResponse]:
        """Create many users; every spec must name its ``user_id``, which makes each create
        safe to repeat: an "already exists" for a user with the spec's values (email, alias,
        role, budgets, ... as read back) is success, one with other values ``CreateConflict``.
        One outcome per spec, in order."""
        return await (runner or BulkRunner(concurrency=concurrency)).run(self._create_one, specs)

    async def _create_one(self, spec: UserCreateParams) -> UserResponse:
        user_id = spec.get("user_id")
        if not user_id:
            raise ValueError("create_many() needs user_id in every spec (retry-safe identity)")

        async def find() -> UserResponse | None:
            try:
                info = await self.info(user_id)
            except APIStatusError:
                return None
            stored = info.user_info or {}
            if stored.get("user_id") != user_id:
                return None
            verify(f"user {user_id!r}", spec, stored, _NOT_COMPARED)
            return UserResponse.model_validate(stored)

        return await create_verified(lambda: self.create(**spec), find, sleep=self._client._sleep)

    async def update_many(
        self,
        updates: Iterable[UserUpdateSpec] | AsyncIterable[UserUpdateSpec],
        *,
        concurrency: int = 16,
        runner: BulkRunner | None = None,
    ) -> BulkResult[UserUpdateSpec, UserUpdateResponse]:
        """Apply a change to each user (``{"user_id": ..., <fields>}``), one outcome per update
        in input order: the updated user, or the error of that update alone (an update without
        ``user_id`` fails as a ``ValueError``). Updates are retried like any idempotent call."""

        return await (runner or BulkRunner(concurrency=concurrency)).run(
            by_id("user_id", self.update), updates
        )


def _rows(method: str, name: str, rows: Sequence[Any]) -> builtins.list[Any]:
    if isinstance(rows, (str, Mapping)) or not rows:
        raise TypeError(f"{method}() needs a non-empty list of {name}")
    if len(rows) > _BULK_MAX:
        raise ValueError(f"{method}() takes at most {_BULK_MAX} {name} per call, got {len(rows)}")
    return [dict(row) if isinstance(row, Mapping) else row for row in rows]
