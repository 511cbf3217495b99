"""``client.agents``: A2A agents registered with the proxy (``/v1/agents*``), their identity,
kill switch, public discovery and daily activity (``/agent/daily/activity*``)."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import Any

from typing_extensions import Unpack

from .._activity import DailyActivity, activity_routes
from .._endpoint import Endpoint
from .._resource import Resource, group, id_list, require
from ..types.agents import (
    Agent,
    AgentCreateParams,
    AgentDeleted,
    AgentIdentityStatus,
    AgentKillSwitchResult,
    AgentListQuery,
    AgentMadePublic,
    AgentUpdateParams,
)

__all__ = ["AgentActivity", "Agents"]

LIST = Endpoint("GET", "/v1/agents", builtins.list[Agent], "agents.list")
# Creates refuse a second agent of the same name; a kill switch fires a webhook each time.
CREATE = Endpoint("POST", "/v1/agents", Agent, "agents.create", retry_safe=False)
RETRIEVE = Endpoint("GET", "/v1/agents/{agent_id}", Agent, "agents.retrieve")
REPLACE = Endpoint("PUT", "/v1/agents/{agent_id}", Agent, "agents.replace")
UPDATE = Endpoint("PATCH", "/v1/agents/{agent_id}", Agent, "agents.update")
DELETE = Endpoint("DELETE", "/v1/agents/{agent_id}", AgentDeleted, "agents.delete")
IDENTITY = Endpoint("GET", "/v1/agents/{agent_id}/identity", AgentIdentityStatus, "agents.identity")
IDENTITY_PROVIDERS = Endpoint(
    "GET", "/v1/agents/identity/providers", builtins.list[str], "agents.identity_providers"
)
KILL_SWITCH = Endpoint(
    "POST",
    "/v1/agents/{agent_id}/kill_switch",
    AgentKillSwitchResult,
    "agents.kill_switch",
    retry_safe=False,
)
MAKE_PUBLIC = Endpoint(
    "POST", "/v1/agents/{agent_id}/make_public", AgentMadePublic, "agents.make_public"
)
MAKE_MANY_PUBLIC = Endpoint(
    "POST", "/v1/agents/make_public", AgentMadePublic, "agents.make_many_public"
)

ACTIVITY = activity_routes("/agent", "agents.daily_activity")


class AgentActivity(DailyActivity):
    """Agents' spend by day. ``GET /agent/daily/activity`` reads ``agent_ids`` /
    ``exclude_agent_ids`` (comma-separated) as its entity filter."""

    __slots__ = ()
    routes = ACTIVITY


class Agents(Resource):
    """Register, read, change and delete agents; make them public, fire their kill switch.
    Managing agents needs a proxy admin key."""

    __slots__ = ("__dict__",)

    daily_activity: group[AgentActivity] = group("agents:AgentActivity")

    async def list(self, **query: Unpack[AgentListQuery]) -> builtins.list[Agent]:
        """The agents this key can reach, in one answer (``query``: ranked by semantic match,
        with ``search_score``). ``GET /v1/agents``."""
        return await self._client._call(LIST, query=dict(query))

    async def create(self, **params: Unpack[AgentCreateParams]) -> Agent:
        """Register an agent (``agent_name`` unique; an ``agent_card_params`` card gets the
        proxy's own interface merged in). ``POST /v1/agents``."""
        require("agents.create", params, "agent_name")
        return await self._client._call(CREATE, json=dict(params))

    async def retrieve(self, agent_id: str) -> Agent:
        """One agent. ``GET /v1/agents/{agent_id}``."""
        return await self._client._call(RETRIEVE, path={"agent_id": agent_id})

    async def replace(self, agent_id: str, **params: Unpack[AgentCreateParams]) -> Agent:
        """Replace an agent with the whole new definition. ``PUT /v1/agents/{agent_id}``."""
        require("agents.replace", params, "agent_name")
        return await self._write(REPLACE, agent_id, params)

    async def update(self, agent_id: str, **params: Unpack[AgentUpdateParams]) -> Agent:
        """Change only the fields given. ``PATCH /v1/agents/{agent_id}``."""
        if not params:
            raise TypeError("agents.update() needs at least one field to change")
        return await self._write(UPDATE, agent_id, params)

    async def delete(self, agent_id: str) -> AgentDeleted:
        """Delete an agent. ``DELETE /v1/agents/{agent_id}``."""
        return await self._client._call(DELETE, path={"agent_id": agent_id})

    async def identity(self, agent_id: str) -> AgentIdentityStatus:
        """An agent's managed identity and its state. ``GET /v1/agents/{agent_id}/identity``."""
        return await self._client._call(IDENTITY, path={"agent_id": agent_id})

    async def identity_providers(self) -> builtins.list[str]:
        """The identity issuers the proxy trusts for managed agent identities.
        ``GET /v1/agents/identity/providers``."""
        return await self._client._call(IDENTITY_PROVIDERS)

    async def kill_switch(self, agent_id: str) -> AgentKillSwitchResult:
        """Fire the agent's configured kill-switch webhook (proxy admin only); the answer says
        what the webhook replied. ``POST /v1/agents/{agent_id}/kill_switch``."""
        return await self._client._call(KILL_SWITCH, path={"agent_id": agent_id})

    async def make_public(self, agent_id: str) -> AgentMadePublic:
        """Make one agent publicly discoverable. ``POST /v1/agents/{agent_id}/make_public``."""
        return await self._client._call(MAKE_PUBLIC, path={"agent_id": agent_id})

    async def make_many_public(self, agent_ids: Sequence[str]) -> AgentMadePublic:
        """Make several agents publicly discoverable at once. ``POST /v1/agents/make_public``."""
        ids = id_list("agents.make_many_public", "agent_ids", agent_ids)
        return await self._client._call(MAKE_MANY_PUBLIC, json={"agent_ids": ids})

    async def _write(self, ep: Endpoint[Agent], agent_id: str, params: Any) -> Agent:
        return await self._client._call(ep, path={"agent_id": agent_id}, json=dict(params))
