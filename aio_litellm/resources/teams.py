"""``client.teams``: teams, their members, models, permissions, callbacks and daily activity
(``/team/*``, ``/v2/team/list``, ``/management/v1/teams/*``)."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterable, Iterable, Mapping, Sequence
from typing import Any

from typing_extensions import Unpack

from .._activity import DailyActivity, activity_routes
from .._bulk_admin import by_id, create_verified, verify
from .._endpoint import Endpoint
from .._exceptions import APIStatusError, LiteLLMError
from .._pagination import AsyncPager, PageNumberStyle, endpoint_pager
from .._resource import Resource, group, id_list, require
from ..bulk import BulkResult, BulkRunner, Outcome
from ..types.teams import (
    Team,
    TeamBulkMemberAddResponse,
    TeamCallbackAdded,
    TeamCallbackAddParams,
    TeamCallbacksResponse,
    TeamCreateParams,
    TeamDeleteResponse,
    TeamFields,
    TeamInfoResponse,
    TeamListEntry,
    TeamListPage,
    TeamListParams,
    TeamListV2Params,
    TeamMember,
    TeamMemberAddResponse,
    TeamMemberBudgetUpdate,
    TeamMemberBulkResponse,
    TeamMemberBulkUpdateResponse,
    TeamMemberRef,
    TeamMemberResetBudget,
    TeamMemberResetSpend,
    TeamMembership,
    TeamMemberUpdateFields,
    TeamMemberUpdateResponse,
    TeamMetadataSchema,
    TeamPermission,
    TeamPermissions,
    TeamPermissionsBulkUpdateResponse,
    TeamUpdateResponse,
)

__all__ = ["MemberNotAdded", "TeamActivity", "TeamCallbacks", "TeamMembers", "Teams"]

TeamUpdateSpec = Mapping[str, Any]

# Creates, adds, bulk removals and resets are not retry-safe: one that timed out may have been
# applied, and sending it again fails ("already exists", "not a member") or reports failures for
# what the first attempt did. Updates, blocks, permission changes and single deletes set a state:
# sending one twice leaves the same state.
CREATE = Endpoint("POST", "/team/new", Team, "teams.create", retry_safe=False)
INFO = Endpoint("GET", "/team/info", TeamInfoResponse, "teams.info")
LIST = Endpoint("GET", "/team/list", builtins.list[TeamListEntry], "teams.list")
LIST_V2 = Endpoint("GET", "/v2/team/list", TeamListPage, "teams.list_v2")
AVAILABLE = Endpoint("GET", "/team/available", builtins.list[Team], "teams.available")
UPDATE = Endpoint("POST", "/team/update", TeamUpdateResponse, "teams.update")
PATCH = Endpoint("PATCH", "/team/{team_id}", Team, "teams.patch")
DELETE = Endpoint("POST", "/team/delete", TeamDeleteResponse, "teams.delete")
BLOCK = Endpoint("POST", "/team/block", Team, "teams.block")
UNBLOCK = Endpoint("POST", "/team/unblock", Team, "teams.unblock")
METADATA_SCHEMA = Endpoint(
    "GET", "/team/metadata_schema", TeamMetadataSchema, "teams.metadata_schema"
)

MEMBER_ADD = Endpoint(
    "POST", "/team/member_add", TeamMemberAddResponse, "teams.member_add", retry_safe=False
)
BULK_MEMBER_ADD = Endpoint(
    "POST",
    "/team/bulk_member_add",
    TeamBulkMemberAddResponse,
    "teams.bulk_member_add",
    retry_safe=False,
)
MEMBER_DELETE = Endpoint("POST", "/team/member_delete", Team, "teams.member_delete")
MEMBER_UPDATE = Endpoint(
    "POST", "/team/member_update", TeamMemberUpdateResponse, "teams.member_update"
)
MEMBER_RESET_SPEND = Endpoint(
    "POST",
    "/team/{team_id}/member/{user_id}/reset_spend",
    TeamMemberResetSpend,
    "teams.member_reset_spend",
    retry_safe=False,
)
MEMBER_RESET_BUDGET = Endpoint(
    "POST",
    "/team/{team_id}/member/{user_id}/reset_budget",
    TeamMemberResetBudget,
    "teams.member_reset_budget",
    retry_safe=False,
)
MEMBERS_ME = Endpoint("GET", "/team/{team_id}/members/me", TeamMembership, "teams.members_me")
MEMBERS_BULK_DELETE = Endpoint(
    "POST",
    "/management/v1/teams/{team_id}/members/bulk_delete",
    TeamMemberBulkResponse,
    "teams.members.bulk_delete",
    retry_safe=False,
)
MEMBERS_BULK_UPDATE = Endpoint(
    "POST",
    "/management/v1/teams/{team_id}/members/bulk_update",
    TeamMemberBulkUpdateResponse,
    "teams.members.bulk_update",
)

MODEL_ADD = Endpoint("POST", "/team/model/add", Team, "teams.model_add")
MODEL_DELETE = Endpoint("POST", "/team/model/delete", Team, "teams.model_delete")
PERMISSIONS_LIST = Endpoint(
    "GET", "/team/permissions_list", TeamPermissions, "teams.permissions_list"
)
PERMISSIONS_UPDATE = Endpoint("POST", "/team/permissions_update", Team, "teams.permissions_update")
# Appends to each team's permissions, skipping those it has: repeating it changes nothing.
PERMISSIONS_BULK_UPDATE = Endpoint(
    "POST",
    "/team/permissions_bulk_update",
    TeamPermissionsBulkUpdateResponse,
    "teams.permissions_bulk_update",
)

CALLBACK_LIST = Endpoint(
    "GET", "/team/{team_id:path}/callback", TeamCallbacksResponse, "teams.callbacks.list"
)
CALLBACK_ADD = Endpoint(
    "POST",
    "/team/{team_id:path}/callback",
    TeamCallbackAdded,
    "teams.callbacks.add",
    retry_safe=False,
)
CALLBACK_DELETE = Endpoint(
    "DELETE",
    "/team/{team_id:path}/callback/{callback_name}",
    TeamCallbacksResponse,
    "teams.callbacks.delete",
)
DISABLE_LOGGING = Endpoint(
    "POST", "/team/{team_id}/disable_logging", TeamCallbacksResponse, "teams.disable_logging"
)

ACTIVITY = activity_routes("/team", "teams.daily_activity")

_V2_PAGES = PageNumberStyle(items="teams", size_param="page_size")

# Not compared when a create meets an existing team: what changes with use.
_NOT_COMPARED = frozenset({"spend", "members", "admins", "members_with_roles"})


class MemberNotAdded(LiteLLMError):
    """A member is not in the team after ``add_members``."""


class TeamActivity(DailyActivity):
    """Teams' spend by day (filter with ``team_ids``/``exclude_team_ids``)."""

    __slots__ = ()
    routes = ACTIVITY


class TeamMembers(Resource):
    """Many members of one team in one call (``/management/v1/teams/{team_id}/members/*``);
    one result per member, in request order."""

    __slots__ = ()

    async def bulk_delete(
        self, team_id: str, members: Sequence[TeamMemberRef]
    ) -> TeamMemberBulkResponse:
        """Remove up to 500 members, each named by ``user_id`` or ``user_email``.
        ``POST /management/v1/teams/{team_id}/members/bulk_delete``."""
        body = {"members": _members("bulk_delete", members)}
        return await self._client._call(MEMBERS_BULK_DELETE, path={"team_id": team_id}, json=body)

    async def bulk_update(
        self, team_id: str, members: Sequence[TeamMemberBudgetUpdate]
    ) -> TeamMemberBulkUpdateResponse:
        """Set the own limits (budget, rpm/tpm, models) of up to 500 members; a field left out
        is untouched, ``None`` clears it.
        ``POST /management/v1/teams/{team_id}/members/bulk_update``."""
        body = {"members": _members("bulk_update", members)}
        return await self._client._call(MEMBERS_BULK_UPDATE, path={"team_id": team_id}, json=body)


class TeamCallbacks(Resource):
    """A team's own logging callbacks (``/team/{team_id}/callback``)."""

    __slots__ = ()

    async def list(self, team_id: str) -> TeamCallbacksResponse:
        """The team's success/failure callbacks and their variables (credentials masked).
        ``GET /team/{team_id}/callback``."""
        return await self._client._call(CALLBACK_LIST, path={"team_id": team_id})

    async def add(self, team_id: str, **params: Unpack[TeamCallbackAddParams]) -> TeamCallbackAdded:
        """Register a callback (``callback_name``, ``callback_vars``, ``callback_type``).
        ``POST /team/{team_id}/callback``; not retried once sent."""
        require("add", params, "callback_name")
        if not isinstance(params.get("callback_vars"), Mapping):
            raise TypeError("add() needs callback_vars, a mapping of the callback's variables")
        return await self._client._call(CALLBACK_ADD, path={"team_id": team_id}, json=params)

    async def delete(self, team_id: str, callback_name: str) -> TeamCallbacksResponse:
        """Remove one callback (every event it was registered for); the others keep firing.
        ``DELETE /team/{team_id}/callback/{callback_name}``."""
        path = {"team_id": team_id, "callback_name": callback_name}
        return await self._client._call(CALLBACK_DELETE, path=path)


class Teams(Resource):
    """Teams: create (one or many), inspect, list, change, block, delete; members, models,
    member permissions, callbacks and daily activity."""

    __slots__ = ("__dict__",)

    members: group[TeamMembers] = group("teams:TeamMembers")
    callbacks: group[TeamCallbacks] = group("teams:TeamCallbacks")
    daily_activity: group[TeamActivity] = group("teams:TeamActivity")

    async def create(self, **params: Unpack[TeamCreateParams]) -> Team:
        """Create a team. ``POST /team/new``; not retried once sent."""
        return await self._client._call(CREATE, json=params)

    async def info(self, team_id: str, *, key_limit: int | None = None) -> TeamInfoResponse:
        """A team with its keys (at most ``key_limit``) and memberships. ``GET /team/info``."""
        return await self._client._call(INFO, query={"team_id": team_id, "key_limit": key_limit})

    async def list(self, **query: Unpack[TeamListParams]) -> builtins.list[TeamListEntry]:
        """Every team the caller may see (``user_id``, ``organization_id`` filters), with its
        keys, in one answer: prefer ``list_v2`` on a large proxy. ``GET /team/list``."""
        return await self._client._call(LIST, query=query)

    def list_v2(self, **query: Unpack[TeamListV2Params]) -> AsyncPager[TeamListPage, Team]:
        """Teams page by page (``page_size`` up to 100; filters, ``search``, ``sort_by``).
        ``GET /v2/team/list``."""
        return endpoint_pager(self._client, LIST_V2, dict(query), _V2_PAGES)

    async def available(self) -> builtins.list[Team]:
        """Teams the caller may join (the proxy's ``default_internal_user_params.
        available_teams`` it is not in yet). ``GET /team/available``."""
        return await self._client._call(AVAILABLE)

    async def update(self, team_id: str, **params: Unpack[TeamFields]) -> TeamUpdateResponse:
        """Change a team's settings (those not given stay). ``POST /team/update``."""
        return await self._client._call(UPDATE, json={**params, "team_id": team_id})

    async def patch(self, team_id: str, **params: Unpack[TeamFields]) -> Team:
        """Like ``update``, but ``metadata`` is merged into the stored one (RFC 7386: a key set
        to ``None`` is removed). ``PATCH /team/{team_id}``."""
        return await self._client._call(PATCH, path={"team_id": team_id}, json=params)

    async def delete(self, team_ids: Sequence[str]) -> TeamDeleteResponse:
        """Delete teams and their keys. ``POST /team/delete``."""
        body = {"team_ids": id_list("delete", "team_ids", team_ids)}
        return await self._client._call(DELETE, json=body)

    async def block(self, team_id: str) -> Team:
        """Refuse every call made with the team's keys. ``POST /team/block``."""
        return await self._client._call(BLOCK, json={"team_id": team_id})

    async def unblock(self, team_id: str) -> Team:
        """Let the team's keys make calls again. ``POST /team/unblock``."""
        return await self._client._call(UNBLOCK, json={"team_id": team_id})

    async def metadata_schema(self) -> TeamMetadataSchema:
        """The team metadata fields the proxy's config declares. ``GET /team/metadata_schema``."""
        return await self._client._call(METADATA_SCHEMA)

    # -- members ------------------------------------------------------------------------------

    async def member_add(
        self,
        team_id: str,
        members: Sequence[TeamMember],
        *,
        max_budget_in_team: float | None = None,
        allowed_models: Sequence[str] | None = None,
    ) -> TeamMemberAddResponse:
        """Add members (by ``user_id`` or ``user_email``; unknown users are created).
        ``POST /team/member_add``; not retried once sent."""
        body: dict[str, Any] = {"team_id": team_id, "member": builtins.list(members)}
        if max_budget_in_team is not None:
            body["max_budget_in_team"] = max_budget_in_team
        if allowed_models is not None:
            body["allowed_models"] = id_list(
                "member_add", "allowed_models", allowed_models, empty=True
            )
        return await self._client._call(MEMBER_ADD, json=body)

    async def bulk_member_add(
        self,
        team_id: str,
        members: Sequence[TeamMember] | None = None,
        *,
        all_users: bool = False,
        max_budget_in_team: float | None = None,
    ) -> TeamBulkMemberAddResponse:
        """Add many members (or ``all_users=True``: every user of the proxy), one result per
        member. ``POST /team/bulk_member_add``; not retried once sent."""
        if not members and not all_users:
            raise TypeError("bulk_member_add() needs members or all_users=True")
        body: dict[str, Any] = {"team_id": team_id, "all_users": all_users}
        if members:
            body["members"] = builtins.list(members)
        if max_budget_in_team is not None:
            body["max_budget_in_team"] = max_budget_in_team
        return await self._client._call(BULK_MEMBER_ADD, json=body)

    async def member_delete(
        self, team_id: str, *, user_id: str | None = None, user_email: str | None = None
    ) -> Team:
        """Remove one member; answers the team as it is after. ``POST /team/member_delete``."""
        if not user_id and not user_email:
            raise TypeError("member_delete() needs user_id or user_email")
        body = {"team_id": team_id, "user_id": user_id, "user_email": user_email}
        return await self._client._call(MEMBER_DELETE, json=body)

    async def member_update(
        self, team_id: str, **params: Unpack[TeamMemberUpdateFields]
    ) -> TeamMemberUpdateResponse:
        """Change one member's role or own limits (``user_id`` or ``user_email`` names them).
        ``POST /team/member_update``."""
        if not params.get("user_id") and not params.get("user_email"):
            raise TypeError("member_update() needs user_id or user_email")
        return await self._client._call(MEMBER_UPDATE, json={**params, "team_id": team_id})

    async def member_reset_spend(
        self, team_id: str, user_id: str, *, reset_to: float = 0.0
    ) -> TeamMemberResetSpend:
        """Set a member's spend against their member budget (to 0 or any lower value).
        ``POST /team/{team_id}/member/{user_id}/reset_spend``; not retried once sent."""
        return await self._client._call(
            MEMBER_RESET_SPEND,
            path={"team_id": team_id, "user_id": user_id},
            json={"reset_to": reset_to},
        )

    async def member_reset_budget(self, team_id: str, user_id: str) -> TeamMemberResetBudget:
        """Put a member back on the team's default member budget (spend is kept).
        ``POST /team/{team_id}/member/{user_id}/reset_budget``; not retried once sent."""
        path = {"team_id": team_id, "user_id": user_id}
        return await self._client._call(MEMBER_RESET_BUDGET, path=path)

    async def members_me(self, team_id: str) -> TeamMembership:
        """The caller's own membership of the team (404 when not a member).
        ``GET /team/{team_id}/members/me``."""
        return await self._client._call(MEMBERS_ME, path={"team_id": team_id})

    # -- models, permissions, logging ---------------------------------------------------------

    async def model_add(self, team_id: str, models: Sequence[str]) -> Team:
        """Allow the team more models. ``POST /team/model/add``."""
        body = {"team_id": team_id, "models": id_list("model_add", "models", models)}
        return await self._client._call(MODEL_ADD, json=body)

    async def model_delete(self, team_id: str, models: Sequence[str]) -> Team:
        """Take models off the team's allowed list. ``POST /team/model/delete``."""
        body = {"team_id": team_id, "models": id_list("model_delete", "models", models)}
        return await self._client._call(MODEL_DELETE, json=body)

    async def permissions_list(self, team_id: str) -> TeamPermissions:
        """What the team's members may do, and every permission there is.
        ``GET /team/permissions_list``."""
        return await self._client._call(PERMISSIONS_LIST, query={"team_id": team_id})

    async def permissions_update(self, team_id: str, permissions: Sequence[str]) -> Team:
        """Replace what the team's members may do (``team_member_permissions``).
        ``POST /team/permissions_update``."""
        body = {
            "team_id": team_id,
            "team_member_permissions": id_list(
                "permissions_update", "permissions", permissions, empty=True
            ),
        }
        return await self._client._call(PERMISSIONS_UPDATE, json=body)

    async def permissions_bulk_update(
        self,
        permissions: Sequence[TeamPermission],
        *,
        team_ids: Sequence[str] | None = None,
        apply_to_all_teams: bool = False,
    ) -> TeamPermissionsBulkUpdateResponse:
        """Add permissions to the members of ``team_ids`` (or of every team), keeping those
        they have. ``POST /team/permissions_bulk_update`` (proxy admins only)."""
        if bool(team_ids) == apply_to_all_teams:
            raise TypeError("permissions_bulk_update() needs team_ids or apply_to_all_teams=True")
        body: dict[str, Any] = {
            "permissions": id_list("permissions_bulk_update", "permissions", permissions),
            "apply_to_all_teams": apply_to_all_teams,
        }
        if team_ids:
            body["team_ids"] = id_list("permissions_bulk_update", "team_ids", team_ids)
        return await self._client._call(PERMISSIONS_BULK_UPDATE, json=body)

    async def disable_logging(self, team_id: str) -> TeamCallbacksResponse:
        """Remove every logging callback of the team. ``POST /team/{team_id}/disable_logging``."""
        return await self._client._call(DISABLE_LOGGING, path={"team_id": team_id})

    # -- bulk ---------------------------------------------------------------------------------

    async def create_many(
        self,
        specs: Iterable[TeamCreateParams] | AsyncIterable[TeamCreateParams],
        *,
        concurrency: int = 16,
        runner: BulkRunner | None = None,
    ) -> BulkResult[TeamCreateParams, Team]:
        """Create many teams; every spec must name its ``team_id`` (retry-safe identity: an
        "already exists" for a team with the spec's values, as read back, is success; one with
        other values ``CreateConflict``). Outcomes in order."""
        return await (runner or BulkRunner(concurrency=concurrency)).run(self._create_one, specs)

    async def _create_one(self, spec: TeamCreateParams) -> Team:
        team_id = spec.get("team_id")
        if not team_id:
            raise ValueError("create_many() needs team_id in every spec (retry-safe identity)")

        async def find() -> Team | None:
            try:
                info = await self.info(team_id)
            except APIStatusError:
                return None
            verify(f"team {team_id!r}", spec, info.team_info, _NOT_COMPARED)
            return Team.model_validate(info.team_info)

        return await create_verified(lambda: self.create(**spec), find, sleep=self._client._sleep)

    async def update_many(
        self,
        updates: Iterable[TeamUpdateSpec] | AsyncIterable[TeamUpdateSpec],
        *,
        concurrency: int = 16,
        runner: BulkRunner | None = None,
    ) -> BulkResult[TeamUpdateSpec, TeamUpdateResponse]:
        """Apply a change to each team (``{"team_id": ..., <fields>}``), one outcome per update
        in input order: the updated team, or the error of that update alone (an update without
        ``team_id`` fails as a ``ValueError``). Updates are retried like any idempotent call."""

        return await (runner or BulkRunner(concurrency=concurrency)).run(
            by_id("team_id", self.update), updates
        )

    async def add_members(
        self, team_id: str, members: Sequence[TeamMember], *, batch_size: int = 100
    ) -> BulkResult[TeamMember, TeamMember]:
        """Add many members to one team, with one outcome per member.

        Batches go one after another: the proxy rewrites the team's member list on every add,
        so concurrent adds to one team could lose each other's writes. Members already in the
        team count as added. The outcome of each member is read back from the team at the end.
        """
        members = builtins.list(members)
        for member in members:
            if not member.get("user_id") and not member.get("user_email"):
                raise ValueError("every member needs user_id or user_email")
        errors: dict[int, BaseException] = {}
        for start in range(0, len(members), batch_size):
            batch = members[start : start + batch_size]
            try:
                await create_verified(
                    lambda b=batch: self.member_add(team_id, b),  # type: ignore[misc]
                    _none,
                    sleep=self._client._sleep,
                )
            except APIStatusError as exc:
                if exc.error_type != "team_member_already_in_team":
                    errors.update(dict.fromkeys(range(start, start + len(batch)), exc))
        stored = (await self.info(team_id)).team_info.get("members_with_roles") or []
        ids = {v for m in stored for v in (m.get("user_id"), m.get("user_email")) if v}
        result: BulkResult[TeamMember, TeamMember] = BulkResult()
        for index, member in enumerate(members):
            found = member.get("user_id") in ids or member.get("user_email") in ids
            if found:
                result.outcomes.append(Outcome(index, member, member))
            else:
                error = errors.get(index) or MemberNotAdded(f"{member} is not in team {team_id}")
                result.outcomes.append(Outcome(index, member, None, error))
        return result


async def _none() -> None:
    return None


def _members(method: str, members: Sequence[Mapping[str, Any]]) -> builtins.list[dict[str, Any]]:
    """Members named by exactly one of ``user_id``/``user_email`` (the proxy refuses the
    whole request otherwise), at most 500."""
    if isinstance(members, Mapping) or not members:
        raise TypeError(f"{method}() needs a non-empty list of members")
    if len(members) > 500:
        raise ValueError(f"{method}() takes at most 500 members per call, got {len(members)}")
    for index, member in enumerate(members):
        if bool(member.get("user_id")) == bool(member.get("user_email")):
            raise ValueError(f"{method}(): name member {index} by user_id or user_email, not both")
    return [dict(member) for member in members]
