"""``client.users``: internal users (``/user/*``)."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterable, Iterable, Sequence
from typing import Any

from typing_extensions import Unpack

from .._bulk_admin import create_verified, verify
from .._endpoint import Endpoint
from .._exceptions import APIStatusError
from .._pagination import AsyncPager, PageNumberStyle
from .._resource import Resource
from ..bulk import BulkResult, BulkRunner
from ..types.users import UserCreateParams, UserInfoResponse, UserListResponse, UserResponse

__all__ = ["Users"]

CREATE = Endpoint("POST", "/user/new", UserResponse, "users.create", retry_safe=False)
INFO = Endpoint("GET", "/user/info", UserInfoResponse, "users.info")
LIST = Endpoint("GET", "/user/list", UserListResponse, "users.list")
UPDATE = Endpoint("POST", "/user/update", dict[str, Any], "users.update")
DELETE = Endpoint("POST", "/user/delete", dict[str, Any], "users.delete")

_PAGES = PageNumberStyle(items="users", size_param="page_size")
# Not compared when a create meets an existing user: the password is stored hashed; teams and
# spend change with use.
_NOT_COMPARED = frozenset({"password", "teams", "spend"})


class Users(Resource):
    """Internal users: create (one or many), inspect, list, change, delete."""

    __slots__ = ()

    async def create(self, **params: Unpack[UserCreateParams]) -> UserResponse:
        """Create a user (and a key for it). ``POST /user/new``; not retried once sent."""
        return await self._client._call(CREATE, json=params)

    async def info(self, user_id: str) -> UserInfoResponse:
        """A user with its keys and teams. ``GET /user/info``."""
        return await self._client._call(INFO, query={"user_id": user_id})

    def list(
        self, *, page_size: int | None = None, **filters: Any
    ) -> AsyncPager[UserListResponse, dict[str, Any]]:
        """Users page by page (``role``, ``team``, ``search``... filters). ``GET /user/list``."""
        return AsyncPager(self._page, {"page_size": page_size, **filters}, _PAGES)

    async def _page(self, query: dict[str, Any]) -> UserListResponse:
        return await self._client._call(LIST, query=query)

    async def update(self, user_id: str, **params: Any) -> dict[str, Any]:
        """Change a user. ``POST /user/update``."""
        return await self._client._call(UPDATE, json={**params, "user_id": user_id})

    async def delete(self, user_ids: Sequence[str]) -> dict[str, Any]:
        """Delete users and their keys. ``POST /user/delete``."""
        if isinstance(user_ids, str) or not user_ids:
            raise TypeError("delete() needs a non-empty list of user ids")
        return await self._client._call(DELETE, json={"user_ids": builtins.list(user_ids)})

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
