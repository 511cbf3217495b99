"""``client.pass_through.cursor``: raw verbs below ``/cursor/``, Cursor's Cloud Agents API
typed (``me``, ``repositories``, ``agents``), and the proxy's own OpenAI-style ``models`` and
``chat_completions`` (Cursor's BYOK base URL). The proxy calls Cursor with its own key."""

from __future__ import annotations

from typing import Any, TypeVar

from typing_extensions import Unpack

from ..._resource import Resource, group
from ...types.pass_through.cursor import (
    Agent,
    AgentFollowupParams,
    AgentId,
    AgentLaunchParams,
    AgentList,
    ApiKeyInfo,
    ChatCompletion,
    ChatCompletionCreateParams,
    Conversation,
    ModelList,
    RepositoryList,
)
from . import CURSOR, CURSOR_CHAT, CURSOR_MODELS, FullProvider
from ._provider import checked_body

__all__ = ["Cursor", "CursorAgents"]

T = TypeVar("T")


class CursorAgents(Resource):
    """Cursor's Cloud Agents: ``/cursor/v0/agents...``."""

    __slots__ = ()

    @property
    def _cursor(self) -> Cursor:
        return Cursor(self._client)

    async def list(self, *, limit: int | None = None, cursor: str | None = None) -> AgentList:
        """A page of agents: ``GET /cursor/v0/agents``; pass ``next_cursor`` as ``cursor`` for
        the next one."""
        return await self._cursor.request(
            "GET", "v0/agents", params={"limit": limit, "cursor": cursor}, cast_to=AgentList
        )

    async def launch(self, **params: Unpack[AgentLaunchParams]) -> Agent:
        """Start an agent on a repository: ``POST /cursor/v0/agents`` (not retried)."""
        body = checked_body("agents.launch", params, "prompt", "source")
        return await self._cursor.request("POST", "v0/agents", json=body, cast_to=Agent)

    async def get(self, agent_id: str) -> Agent:
        """An agent's status: ``GET /cursor/v0/agents/{id}``."""
        return await self._agent("GET", agent_id, "", Agent)

    async def delete(self, agent_id: str) -> AgentId:
        """Delete an agent: ``DELETE /cursor/v0/agents/{id}``."""
        return await self._agent("DELETE", agent_id, "", AgentId)

    async def conversation(self, agent_id: str) -> Conversation:
        """An agent's messages: ``GET /cursor/v0/agents/{id}/conversation``."""
        return await self._agent("GET", agent_id, "/conversation", Conversation)

    async def followup(self, agent_id: str, **params: Unpack[AgentFollowupParams]) -> AgentId:
        """More instructions to a running agent: ``POST /cursor/v0/agents/{id}/followup``."""
        body = checked_body("agents.followup", params, "prompt")
        return await self._agent("POST", agent_id, "/followup", AgentId, body)

    async def stop(self, agent_id: str) -> AgentId:
        """Stop a running agent: ``POST /cursor/v0/agents/{id}/stop``."""
        return await self._agent("POST", agent_id, "/stop", AgentId)

    async def _agent(
        self, method: str, agent_id: str, tail: str, cast_to: type[T], body: Any = None
    ) -> T:
        cursor = self._cursor
        path = cursor._path("v0/agents/{agent_id}" + tail, agent_id=agent_id)
        if body is None:
            return await cursor.request(method, path, cast_to=cast_to)
        return await cursor.request(method, path, json=body, cast_to=cast_to)


class Cursor(FullProvider):
    """Cursor: ``me``, ``repositories``, ``agents`` (Cloud Agents API), ``models`` and
    ``chat_completions`` (the proxy's OpenAI-style routes); raw verbs for the rest."""

    routes = CURSOR
    agents: group[CursorAgents] = group("pass_through.cursor:CursorAgents")

    async def me(self) -> ApiKeyInfo:
        """The Cursor key the proxy uses: ``GET /cursor/v0/me``."""
        return await self.request("GET", "v0/me", cast_to=ApiKeyInfo)

    async def repositories(self) -> RepositoryList:
        """The GitHub repositories the key can reach: ``GET /cursor/v0/repositories``
        (Cursor limits this one to a few calls a minute)."""
        return await self.request("GET", "v0/repositories", cast_to=RepositoryList)

    async def models(self) -> ModelList:
        """The proxy's models, OpenAI-style (for Cursor's BYOK base URL; not Cursor's own
        ``v0/models``): ``GET /cursor/models``."""
        result: ModelList = await self._send(CURSOR_MODELS, None, ModelList, {})
        return result

    async def chat_completions(
        self, **params: Unpack[ChatCompletionCreateParams]
    ) -> ChatCompletion:
        """A chat completion through the proxy's models (Cursor's BYOK endpoint):
        ``POST /cursor/chat/completions``."""
        body = checked_body("chat_completions", params, "model", "messages")
        result: ChatCompletion = await self._send(CURSOR_CHAT, None, ChatCompletion, {"json": body})
        return result
