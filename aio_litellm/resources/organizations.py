"""``client.organizations``: organizations that own teams (``/organization/*``), their members
and spend analytics. An enterprise feature: without a licence the proxy answers 403
(``PermissionDeniedError``) on every route but the aggregated daily-activity ones."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterable, Iterable, Sequence
from typing import Any

from typing_extensions import Unpack

from .._activity import DailyActivity, activity_routes
from .._bulk_admin import create_verified, verify
from .._endpoint import Endpoint
from .._exceptions import NotFoundError
from .._pagination import WHOLE, AsyncPager
from .._resource import Resource, group, id_list, require
from ..bulk import BulkResult, BulkRunner
from ..types.organizations import (
    Organization,
    OrganizationCreateParams,
    OrganizationListQuery,
    OrganizationMember,
    OrganizationMemberAddResponse,
    OrganizationMembership,
    OrganizationPatchParams,
    OrganizationRole,
    OrganizationUpdateParams,
)

__all__ = ["OrganizationActivity", "Organizations"]

CREATE = Endpoint(
    "POST", "/organization/new", Organization, "organizations.create", retry_safe=False
)
INFO = Endpoint("GET", "/organization/info", Organization, "organizations.info")
INFO_MANY = Endpoint("POST", "/organization/info", list[Organization], "organizations.info_many")
LIST = Endpoint("GET", "/organization/list", list[Organization], "organizations.list")
UPDATE = Endpoint("PATCH", "/organization/update", Organization, "organizations.update")
PATCH_V2 = Endpoint(
    "PATCH", "/v2/organization/{organization_id}", Organization, "organizations.patch_v2"
)
DELETE = Endpoint("DELETE", "/organization/delete", list[Organization], "organizations.delete")
# Adding members that are already members changes nothing: safe to send again.
MEMBER_ADD = Endpoint(
    "POST", "/organization/member_add", OrganizationMemberAddResponse, "organizations.member_add"
)
MEMBER_UPDATE = Endpoint(
    "PATCH",
    "/organization/member_update",
    OrganizationMembership,
    "organizations.member_update",
)
MEMBER_DELETE = Endpoint(
    "DELETE",
    "/organization/member_delete",
    OrganizationMembership,
    "organizations.member_delete",
)

ACTIVITY = activity_routes("/organization", "organizations.daily_activity")

# Not compared when a create meets an existing organization: what use changes, and what the
# proxy computes or stores elsewhere.
_NOT_COMPARED = frozenset({"spend", "model_spend", "budget_reset_at", "temp_budget_expiry"})


class OrganizationActivity(DailyActivity):
    """Organizations' spend by day (filter with ``organization_ids``)."""

    __slots__ = ()
    routes = ACTIVITY


class Organizations(Resource):
    """Organizations: create (one or many), inspect, list, change, delete; members."""

    __slots__ = ("__dict__",)

    daily_activity: group[OrganizationActivity] = group("organizations:OrganizationActivity")

    async def create(self, **params: Unpack[OrganizationCreateParams]) -> Organization:
        """Create an organization (proxy admins). ``POST /organization/new``; not retried once
        sent."""
        require("organizations.create", params, "organization_alias")
        return await self._client._call(CREATE, json=params)

    async def info(self, organization_id: str) -> Organization:
        """An organization with its members, teams and budget. ``GET /organization/info``."""
        query = {"organization_id": organization_id}
        require("organizations.info", query, "organization_id")
        return await self._client._call(INFO, query=query)

    async def info_many(self, organization_ids: Sequence[str]) -> builtins.list[Organization]:
        """Several organizations with their budgets. ``POST /organization/info`` (deprecated by
        the proxy in favour of ``info``)."""
        ids = id_list("organizations.info_many", "organization_ids", organization_ids)
        return await self._client._call(INFO_MANY, json={"organizations": ids})

    def list(
        self, **query: Unpack[OrganizationListQuery]
    ) -> AsyncPager[builtins.list[Organization], Organization]:
        """The organizations visible to the caller, in one answer; ``org_id`` matches exactly,
        ``org_alias`` a part of the alias. ``GET /organization/list``."""
        return AsyncPager(self._list_page, dict(query), WHOLE)

    async def _list_page(self, query: dict[str, Any]) -> builtins.list[Organization]:
        return await self._client._call(LIST, query=query)

    async def update(
        self, organization_id: str, **params: Unpack[OrganizationUpdateParams]
    ) -> Organization:
        """Change an organization; budget fields change its budget, ``metadata`` is merged.
        ``PATCH /organization/update``."""
        body = {**params, "organization_id": organization_id}
        require("organizations.update", body, "organization_id")
        return await self._client._call(UPDATE, json=body)

    async def patch_v2(
        self, organization_id: str, **params: Unpack[OrganizationPatchParams]
    ) -> Organization:
        """Merge-patch an organization: a field passed as ``None`` is cleared, one not passed
        is kept. ``PATCH /v2/organization/{organization_id}``."""
        return await self._client._call(
            PATCH_V2, path={"organization_id": organization_id}, json=params
        )

    async def delete(self, organization_ids: Sequence[str]) -> builtins.list[Organization]:
        """Delete organizations (and their keys); answers the deleted rows.
        ``DELETE /organization/delete``."""
        ids = id_list("organizations.delete", "organization_ids", organization_ids)
        body = {"organization_ids": ids}
        return await self._client._call(DELETE, json=body)

    async def member_add(
        self,
        organization_id: str,
        members: Sequence[OrganizationMember],
        *,
        max_budget_in_organization: float | None = None,
    ) -> OrganizationMemberAddResponse:
        """Add members by ``user_id`` or ``user_email`` (unknown users are created).
        ``POST /organization/member_add``."""
        members = builtins.list(members)
        if not members or any(not (m.get("user_id") or m.get("user_email")) for m in members):
            raise TypeError("member_add() needs members, each with user_id or user_email")
        body = {
            "organization_id": organization_id,
            "member": members,
            "max_budget_in_organization": max_budget_in_organization,
        }
        return await self._client._call(MEMBER_ADD, json=body)

    async def member_update(
        self,
        organization_id: str,
        *,
        user_id: str | None = None,
        user_email: str | None = None,
        role: OrganizationRole | None = None,
        max_budget_in_organization: float | None = None,
    ) -> OrganizationMembership:
        """Change one member's role or budget in the organization.
        ``PATCH /organization/member_update``."""
        body = _member(organization_id, "member_update", user_id, user_email)
        body.update(role=role, max_budget_in_organization=max_budget_in_organization)
        return await self._client._call(MEMBER_UPDATE, json=body)

    async def member_delete(
        self, organization_id: str, *, user_id: str | None = None, user_email: str | None = None
    ) -> OrganizationMembership:
        """Remove one member from the organization; answers the removed membership.
        ``DELETE /organization/member_delete``."""
        body = _member(organization_id, "member_delete", user_id, user_email)
        return await self._client._call(MEMBER_DELETE, json=body)

    async def create_many(
        self,
        specs: Iterable[OrganizationCreateParams] | AsyncIterable[OrganizationCreateParams],
        *,
        concurrency: int = 16,
        runner: BulkRunner | None = None,
    ) -> BulkResult[OrganizationCreateParams, Organization]:
        """Create many organizations; every spec must name its ``organization_id`` (retry-safe
        identity: an "already exists" for an organization with the spec's values, budget
        fields compared with its budget, is success; one with other values
        ``CreateConflict``). Outcomes in order."""
        return await (runner or BulkRunner(concurrency=concurrency)).run(self._create_one, specs)

    async def _create_one(self, spec: OrganizationCreateParams) -> Organization:
        organization_id = spec.get("organization_id")
        if not organization_id:
            raise ValueError(
                "create_many() needs organization_id in every spec (retry-safe identity)"
            )

        async def find() -> Organization | None:
            try:
                found = await self.info(organization_id)
            except NotFoundError:
                return None
            row = found.model_dump()
            # The budget fields of a create are kept on the organization's budget.
            budget = row.pop("litellm_budget_table") or {}
            verify(f"organization {organization_id!r}", spec, {**budget, **row}, _NOT_COMPARED)
            return found

        return await create_verified(lambda: self.create(**spec), find, sleep=self._client._sleep)


def _member(
    organization_id: str, method: str, user_id: str | None, user_email: str | None
) -> dict[str, Any]:
    """The body naming one member of one organization, refused before any I/O without one."""
    if not user_id and not user_email:
        raise TypeError(f"organizations.{method}() needs user_id or user_email")
    body = {"organization_id": organization_id, "user_id": user_id, "user_email": user_email}
    require(f"organizations.{method}", body, "organization_id")
    return body
