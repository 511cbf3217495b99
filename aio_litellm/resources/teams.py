"""``client.teams``: teams and their members (``/team/*``)."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterable, Iterable, Sequence
from typing import Any

from typing_extensions import Unpack

from .._bulk_admin import create_verified, verify
from .._endpoint import Endpoint
from .._exceptions import APIStatusError, LiteLLMError
from .._resource import Resource
from ..bulk import BulkResult, BulkRunner, Outcome
from ..types.teams import TeamCreateParams, TeamInfoResponse, TeamMember, TeamResponse

__all__ = ["Teams"]

CREATE = Endpoint("POST", "/team/new", TeamResponse, "teams.create", retry_safe=False)
INFO = Endpoint("GET", "/team/info", TeamInfoResponse, "teams.info")
LIST = Endpoint("GET", "/team/list", builtins.list[dict[str, Any]], "teams.list")
UPDATE = Endpoint("POST", "/team/update", dict[str, Any], "teams.update")
DELETE = Endpoint("POST", "/team/delete", dict[str, Any], "teams.delete")
MEMBER_ADD = Endpoint("POST", "/team/member_add", TeamResponse, "teams.member_add")
MEMBER_DELETE = Endpoint("POST", "/team/member_delete", dict[str, Any], "teams.member_delete")

# Not compared when a create meets an existing team: what changes with use.
_NOT_COMPARED = frozenset({"spend", "members", "admins", "members_with_roles"})


class MemberNotAdded(LiteLLMError):
    """A member is not in the team after ``add_members``."""


class Teams(Resource):
    """Teams: create (one or many), inspect, list, change, delete; add and remove members."""

    __slots__ = ()

    async def create(self, **params: Unpack[TeamCreateParams]) -> TeamResponse:
        """Create a team. ``POST /team/new``; not retried once sent."""
        return await self._client._call(CREATE, json=params)

    async def info(self, team_id: str) -> TeamInfoResponse:
        """A team with its keys. ``GET /team/info``."""
        return await self._client._call(INFO, query={"team_id": team_id})

    async def list(
        self, *, user_id: str | None = None, organization_id: str | None = None
    ) -> builtins.list[dict[str, Any]]:
        """Every team (not paged by the proxy). ``GET /team/list``."""
        query = {"user_id": user_id, "organization_id": organization_id}
        return await self._client._call(LIST, query=query)

    async def update(self, team_id: str, **params: Any) -> dict[str, Any]:
        """Change a team's settings. ``POST /team/update``."""
        return await self._client._call(UPDATE, json={**params, "team_id": team_id})

    async def delete(self, team_ids: Sequence[str]) -> dict[str, Any]:
        """Delete teams and their keys. ``POST /team/delete``."""
        if isinstance(team_ids, str) or not team_ids:
            raise TypeError("delete() needs a non-empty list of team ids")
        return await self._client._call(DELETE, json={"team_ids": builtins.list(team_ids)})

    async def member_add(self, team_id: str, members: Sequence[TeamMember]) -> TeamResponse:
        """Add members (by ``user_id`` or ``user_email``). ``POST /team/member_add``."""
        body = {"team_id": team_id, "member": builtins.list(members)}
        return await self._client._call(MEMBER_ADD, json=body)

    async def member_delete(
        self, team_id: str, *, user_id: str | None = None, user_email: str | None = None
    ) -> dict[str, Any]:
        """Remove one member. ``POST /team/member_delete``."""
        if not user_id and not user_email:
            raise TypeError("member_delete() needs user_id or user_email")
        body = {"team_id": team_id, "user_id": user_id, "user_email": user_email}
        return await self._client._call(MEMBER_DELETE, json=body)

    async def create_many(
        self,
        specs: Iterable[TeamCreateParams] | AsyncIterable[TeamCreateParams],
        *,
        concurrency: int = 16,
        runner: BulkRunner | None = None,
    ) -> BulkResult[TeamCreateParams, TeamResponse]:
        """Create many teams; every spec must name its ``team_id`` (retry-safe identity: an
        "already exists" for a team with the spec's values, as read back, is success; one with
        other values ``CreateConflict``). Outcomes in order."""
        return await (runner or BulkRunner(concurrency=concurrency)).run(self._create_one, specs)

    async def _create_one(self, spec: TeamCreateParams) -> TeamResponse:
        team_id = spec.get("team_id")
        if not team_id:
            raise ValueError("create_many() needs team_id in every spec (retry-safe identity)")

        async def find() -> TeamResponse | None:
            try:
                info = await self.info(team_id)
            except APIStatusError:
                return None
            verify(f"team {team_id!r}", spec, info.team_info, _NOT_COMPARED)
            return TeamResponse.model_validate(info.team_info)

        return await create_verified(lambda: self.create(**spec), find, sleep=self._client._sleep)

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
