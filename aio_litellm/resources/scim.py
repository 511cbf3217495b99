"""``client.scim``: SCIM v2 provisioning (``/scim/v2/*``): the proxy's users and teams as an
identity provider sees them (users and groups), and the discovery routes.

An enterprise feature: without a licence every route answers 403 (``PermissionDeniedError``).
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import WHOLE, AsyncPager, _field, endpoint_pager
from .._resource import Resource, group, require
from ..types.scim import (
    ScimGroup,
    ScimGroupCreateParams,
    ScimGroupList,
    ScimGroupListParams,
    ScimGroupPatchParams,
    ScimGroupReplaceParams,
    ScimPlaceholder,
    ScimPlaceholderMerge,
    ScimResourceType,
    ScimResourceTypeList,
    ScimSchema,
    ScimSchemaList,
    ScimServiceProviderConfig,
    ScimUser,
    ScimUserCreateParams,
    ScimUserList,
    ScimUserListParams,
    ScimUserPatchParams,
    ScimUserReplaceParams,
)

__all__ = [
    "Scim",
    "ScimGroups",
    "ScimPlaceholders",
    "ScimResourceTypes",
    "ScimSchemas",
    "ScimUsers",
    "StartIndexStyle",
]

ROOT = Endpoint("GET", "/scim/v2", ScimResourceTypeList, "scim.root")
SERVICE_PROVIDER_CONFIG = Endpoint(
    "GET",
    "/scim/v2/ServiceProviderConfig",
    ScimServiceProviderConfig,
    "scim.service_provider_config",
)
RESOURCE_TYPE_LIST = Endpoint(
    "GET", "/scim/v2/ResourceTypes", ScimResourceTypeList, "scim.resource_types.list"
)
RESOURCE_TYPE_RETRIEVE = Endpoint(
    "GET",
    "/scim/v2/ResourceTypes/{resource_type_id}",
    ScimResourceType,
    "scim.resource_types.retrieve",
)
SCHEMA_LIST = Endpoint("GET", "/scim/v2/Schemas", ScimSchemaList, "scim.schemas.list")
SCHEMA_RETRIEVE = Endpoint(
    "GET", "/scim/v2/Schemas/{schema_id:path}", ScimSchema, "scim.schemas.retrieve"
)

# Creates and merges are not retry-safe (a create that timed out may have been applied; a
# merge deletes the placeholder). A PATCH is: the proxy applies it as a target state, skipping
# members already added or already removed.
USER_LIST = Endpoint("GET", "/scim/v2/Users", ScimUserList, "scim.users.list")
USER_CREATE = Endpoint("POST", "/scim/v2/Users", ScimUser, "scim.users.create", retry_safe=False)
USER_RETRIEVE = Endpoint("GET", "/scim/v2/Users/{user_id}", ScimUser, "scim.users.retrieve")
USER_REPLACE = Endpoint("PUT", "/scim/v2/Users/{user_id}", ScimUser, "scim.users.replace")
USER_PATCH = Endpoint("PATCH", "/scim/v2/Users/{user_id}", ScimUser, "scim.users.patch")
USER_DELETE = Endpoint("DELETE", "/scim/v2/Users/{user_id}", type(None), "scim.users.delete")

GROUP_LIST = Endpoint("GET", "/scim/v2/Groups", ScimGroupList, "scim.groups.list")
GROUP_CREATE = Endpoint(
    "POST", "/scim/v2/Groups", ScimGroup, "scim.groups.create", retry_safe=False
)
GROUP_RETRIEVE = Endpoint("GET", "/scim/v2/Groups/{group_id}", ScimGroup, "scim.groups.retrieve")
GROUP_REPLACE = Endpoint("PUT", "/scim/v2/Groups/{group_id}", ScimGroup, "scim.groups.replace")
GROUP_PATCH = Endpoint("PATCH", "/scim/v2/Groups/{group_id}", ScimGroup, "scim.groups.patch")
GROUP_DELETE = Endpoint("DELETE", "/scim/v2/Groups/{group_id}", type(None), "scim.groups.delete")

PLACEHOLDER_LIST = Endpoint(
    "GET", "/scim/v2/placeholders", builtins.list[ScimPlaceholder], "scim.placeholders.list"
)
PLACEHOLDER_MERGE = Endpoint(
    "POST",
    "/scim/v2/placeholders/{user_id}/merge",
    ScimPlaceholderMerge,
    "scim.placeholders.merge",
    retry_safe=False,
)


@dataclass(frozen=True)
class StartIndexStyle:
    """SCIM's paging (RFC 7644 section 3.4.2.4): ``?startIndex=N&count=M``, 1-based. The next
    page starts after the items seen, until ``totalResults`` have been seen.

    Only a page without ``totalResults`` ends the list by being short: the proxy answers at
    most 100 items whatever ``count`` asks for.
    """

    items: str = "Resources"
    start_param: str = "startIndex"
    count_param: str = "count"
    total: str = "totalResults"

    def first(self, params: dict[str, Any]) -> dict[str, Any]:
        return {self.start_param: 1, **params}

    def next(
        self, params: dict[str, Any], page: Any, items: Sequence[Any]
    ) -> dict[str, Any] | None:
        if not items:
            return None
        start = int(params.get(self.start_param, 1)) + len(items)
        total = _field(page, self.total)
        if isinstance(total, int):
            if start > total:
                return None
        else:
            count = params.get(self.count_param)
            if isinstance(count, int) and len(items) < count:
                return None
        return {**params, self.start_param: start}


SCIM_PAGES = StartIndexStyle()


class ScimUsers(Resource):
    """SCIM users (``/scim/v2/Users``): the proxy's users; ``id`` is the ``user_id``."""

    __slots__ = ()

    def list(self, **params: Unpack[ScimUserListParams]) -> AsyncPager[ScimUserList, ScimUser]:
        """Users, newest first, ``count`` (at most 100) per page from ``startIndex``; ``filter``
        understands ``userName eq "..."`` and ``emails.value eq "..."``. ``GET /scim/v2/Users``."""
        return endpoint_pager(self._client, USER_LIST, dict(params), SCIM_PAGES)

    async def create(self, **params: Unpack[ScimUserCreateParams]) -> ScimUser:
        """Provision a user (its ``userName`` becomes the ``user_id``; an existing email is
        updated instead). ``POST /scim/v2/Users``; not retried once sent."""
        require("scim.users.create", params, "schemas")
        return await self._client._call(USER_CREATE, json=params)

    async def retrieve(self, user_id: str) -> ScimUser:
        """One user. ``GET /scim/v2/Users/{user_id}``."""
        return await self._client._call(USER_RETRIEVE, path={"user_id": user_id})

    async def replace(self, user_id: str, **params: Unpack[ScimUserReplaceParams]) -> ScimUser:
        """Replace a user's attributes (an omitted ``active`` keeps the current state).
        ``PUT /scim/v2/Users/{user_id}``."""
        require("scim.users.replace", params, "schemas")
        return await self._client._call(USER_REPLACE, path={"user_id": user_id}, json=params)

    async def patch(self, user_id: str, **params: Unpack[ScimUserPatchParams]) -> ScimUser:
        """Apply ``Operations`` (``{"op": "replace", "path": "active", "value": False}`` ...).
        ``PATCH /scim/v2/Users/{user_id}``."""
        require("scim.users.patch", params, "Operations")
        return await self._client._call(USER_PATCH, path={"user_id": user_id}, json=params)

    async def delete(self, user_id: str) -> None:
        """Delete a user: out of its teams, its keys blocked. ``DELETE /scim/v2/Users/{user_id}``
        (204, no body)."""
        await self._client._call(USER_DELETE, path={"user_id": user_id})


class ScimGroups(Resource):
    """SCIM groups (``/scim/v2/Groups``): the proxy's teams; ``id`` is the ``team_id``,
    ``displayName`` the alias, ``members`` the users."""

    __slots__ = ()

    def list(self, **params: Unpack[ScimGroupListParams]) -> AsyncPager[ScimGroupList, ScimGroup]:
        """Groups, newest first, ``count`` (at most 100) per page from ``startIndex``; ``filter``
        understands ``displayName eq "..."``. ``GET /scim/v2/Groups``."""
        return endpoint_pager(self._client, GROUP_LIST, dict(params), SCIM_PAGES)

    async def create(self, **params: Unpack[ScimGroupCreateParams]) -> ScimGroup:
        """Create a team from a group (``id``, if given, becomes the ``team_id``).
        ``POST /scim/v2/Groups``; not retried once sent."""
        require("scim.groups.create", params, "schemas", "displayName")
        return await self._client._call(GROUP_CREATE, json=params)

    async def retrieve(self, group_id: str) -> ScimGroup:
        """One group with its members. ``GET /scim/v2/Groups/{group_id}``."""
        return await self._client._call(GROUP_RETRIEVE, path={"group_id": group_id})

    async def replace(self, group_id: str, **params: Unpack[ScimGroupReplaceParams]) -> ScimGroup:
        """Replace a group's name and members. ``PUT /scim/v2/Groups/{group_id}``."""
        require("scim.groups.replace", params, "schemas", "displayName")
        return await self._client._call(GROUP_REPLACE, path={"group_id": group_id}, json=params)

    async def patch(self, group_id: str, **params: Unpack[ScimGroupPatchParams]) -> ScimGroup:
        """Apply ``Operations`` (add/remove ``members``, replace ``displayName`` ...).
        ``PATCH /scim/v2/Groups/{group_id}``."""
        require("scim.groups.patch", params, "Operations")
        return await self._client._call(GROUP_PATCH, path={"group_id": group_id}, json=params)

    async def delete(self, group_id: str) -> None:
        """Delete a group's team. ``DELETE /scim/v2/Groups/{group_id}`` (204, no body)."""
        await self._client._call(GROUP_DELETE, path={"group_id": group_id})


class ScimResourceTypes(Resource):
    """The resource types served (``User``, ``Group``)."""

    __slots__ = ()

    async def list(self) -> ScimResourceTypeList:
        """Every resource type, in one answer. ``GET /scim/v2/ResourceTypes``."""
        return await self._client._call(RESOURCE_TYPE_LIST)

    async def retrieve(self, resource_type_id: str) -> ScimResourceType:
        """One resource type (``"User"``, ``"Group"``).
        ``GET /scim/v2/ResourceTypes/{resource_type_id}``."""
        path = {"resource_type_id": resource_type_id}
        return await self._client._call(RESOURCE_TYPE_RETRIEVE, path=path)


class ScimSchemas(Resource):
    """The schemas of the served resources."""

    __slots__ = ()

    async def list(self) -> ScimSchemaList:
        """Every schema, in one answer. ``GET /scim/v2/Schemas``."""
        return await self._client._call(SCHEMA_LIST)

    async def retrieve(self, schema_id: str) -> ScimSchema:
        """One schema by its URN (``urn:ietf:params:scim:schemas:core:2.0:User`` ...).
        ``GET /scim/v2/Schemas/{schema_id}``."""
        return await self._client._call(SCHEMA_RETRIEVE, path={"schema_id": schema_id})


class ScimPlaceholders(Resource):
    """User rows an earlier release created for group members it could not match, which now
    shadow the real accounts (their id is that account's SSO identity or email)."""

    __slots__ = ()

    def list(self) -> AsyncPager[builtins.list[ScimPlaceholder], ScimPlaceholder]:
        """Every shadowing placeholder and the accounts it names, in one answer (a bare array):
        ``await`` for the list, ``async for`` for each. ``GET /scim/v2/placeholders``."""
        return AsyncPager(self._list_page, {}, WHOLE)

    async def _list_page(self, query: dict[str, Any]) -> builtins.list[ScimPlaceholder]:
        return await self._client._call(PLACEHOLDER_LIST)

    async def merge(self, user_id: str) -> ScimPlaceholderMerge:
        """Move a placeholder's teams to the one account it names, then delete it (409 when it
        has an SSO identity or keys, or names no account or several).
        ``POST /scim/v2/placeholders/{user_id}/merge``; not retried once sent."""
        return await self._client._call(PLACEHOLDER_MERGE, path={"user_id": user_id})


class Scim(Resource):
    """SCIM v2 (enterprise licence): ``users``, ``groups``, the discovery routes and the
    placeholder clean-up."""

    __slots__ = ("__dict__",)

    users: group[ScimUsers] = group("scim:ScimUsers")
    groups: group[ScimGroups] = group("scim:ScimGroups")
    resource_types: group[ScimResourceTypes] = group("scim:ScimResourceTypes")
    schemas: group[ScimSchemas] = group("scim:ScimSchemas")
    placeholders: group[ScimPlaceholders] = group("scim:ScimPlaceholders")

    async def root(self) -> ScimResourceTypeList:
        """The base endpoint: the resource types, for discovery. ``GET /scim/v2``."""
        return await self._client._call(ROOT)

    async def service_provider_config(self) -> ScimServiceProviderConfig:
        """What this SCIM service supports (patch yes; bulk, filter, sort, etag no).
        ``GET /scim/v2/ServiceProviderConfig``."""
        return await self._client._call(SERVICE_PROVIDER_CONFIG)
