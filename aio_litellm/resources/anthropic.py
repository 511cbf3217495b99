"""``client.anthropic``: Anthropic's own API shapes through the proxy.

``messages``: the Messages API (``/v1/messages``), which the proxy bridges to any of its models,
JSON or streamed (Anthropic SSE: ``event:`` lines, no ``[DONE]``). ``skills``: the Skills API
(``/v1/skills``), forwarded to Anthropic (or the proxy's own registry).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, overload

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._multipart import FileTypes
from .._pagination import AsyncPager
from .._resource import Resource, group, require
from .._streaming import Stream
from ..types.anthropic import (
    Message,
    MessageCountTokensParams,
    MessageCreateParams,
    MessageStreamEvent,
    MessageTokensCount,
    Skill,
    SkillCreateParams,
    SkillDeleted,
    SkillList,
    SkillListParams,
    SkillTargetParams,
    message_stream_event_adapter,
)

__all__ = ["Anthropic", "Messages", "Skills"]

# A message is a model call: a resend of one that reached the proxy is billed twice.
MESSAGE_CREATE = Endpoint(
    "POST", "/v1/messages", Message, "anthropic.messages.create", retry_safe=False
)
# Counting computes a number and stores nothing.
MESSAGE_COUNT_TOKENS = Endpoint(
    "POST", "/v1/messages/count_tokens", MessageTokensCount, "anthropic.messages.count_tokens"
)
SKILL_LIST = Endpoint("GET", "/v1/skills", SkillList, "anthropic.skills.list")
SKILL_CREATE = Endpoint("POST", "/v1/skills", Skill, "anthropic.skills.create", retry_safe=False)
SKILL_RETRIEVE = Endpoint("GET", "/v1/skills/{skill_id}", Skill, "anthropic.skills.retrieve")
SKILL_DELETE = Endpoint("DELETE", "/v1/skills/{skill_id}", SkillDeleted, "anthropic.skills.delete")

ANTHROPIC_VERSION = "2023-06-01"
SKILLS_BETA = "skills-2025-10-02"


def _headers(params: dict[str, Any], beta: str | None = None) -> dict[str, str]:
    """Take the header parameters out of ``params``: ``anthropic-version`` (default
    ``2023-06-01``) and ``anthropic-beta`` (a list joined with commas, after ``beta``)."""
    headers = {"anthropic-version": params.pop("anthropic_version", None) or ANTHROPIC_VERSION}
    betas = params.pop("anthropic_beta", None) or []
    if isinstance(betas, str):
        betas = [betas]
    betas = [b for b in [beta, *betas] if b]
    if betas:
        headers["anthropic-beta"] = ",".join(dict.fromkeys(betas))
    return headers


@dataclass(frozen=True)
class _PageTokenStyle:
    """``page=<next_page>`` while the page says ``has_more`` (Anthropic's list form)."""

    items: str = "data"

    def first(self, params: dict[str, Any]) -> dict[str, Any]:
        return dict(params)

    def next(
        self, params: dict[str, Any], page: Any, items: Sequence[Any]
    ) -> dict[str, Any] | None:
        token = getattr(page, "next_page", None)
        if not items or not getattr(page, "has_more", False) or not token:
            return None
        if token == params.get("page"):
            return None  # a route that ignores the token would loop forever
        return {**params, "page": token}


class Messages(Resource):
    """The Messages API: ``create`` (JSON or streamed) and ``count_tokens``."""

    __slots__ = ()

    @overload
    async def create(
        self, *, stream: Literal[False] = False, **params: Unpack[MessageCreateParams]
    ) -> Message: ...

    @overload
    async def create(
        self, *, stream: Literal[True], **params: Unpack[MessageCreateParams]
    ) -> Stream[MessageStreamEvent]: ...

    @overload
    async def create(
        self, *, stream: bool, **params: Unpack[MessageCreateParams]
    ) -> Message | Stream[MessageStreamEvent]: ...

    async def create(
        self, *, stream: bool = False, **params: Any
    ) -> Message | Stream[MessageStreamEvent]:
        """Send a conversation to a model. ``POST /v1/messages``.

        Any proxy model works (the proxy bridges it). With ``stream=True`` returns a ``Stream``
        of typed events (``message_start`` ... ``message_stop``); an ``error`` event raises the
        typed error. Not retried once it may have reached the proxy.
        """
        require("anthropic.messages.create", params, "model", "max_tokens", "messages")
        body = dict(params)
        headers = _headers(body)
        if stream:
            return await self._client._stream(
                MESSAGE_CREATE,
                message_stream_event_adapter().validate_json,
                json={**body, "stream": True},
                headers=headers,
            )
        return await self._client._call(MESSAGE_CREATE, json=body, headers=headers)

    async def count_tokens(self, **params: Unpack[MessageCountTokensParams]) -> MessageTokensCount:
        """Count the input tokens of a message request without running it.
        ``POST /v1/messages/count_tokens``."""
        require("anthropic.messages.count_tokens", params, "model", "messages")
        body: dict[str, Any] = dict(params)
        headers = _headers(body)
        return await self._client._call(MESSAGE_COUNT_TOKENS, json=body, headers=headers)


class Skills(Resource):
    """The Skills API (beta): the ``anthropic-beta: skills-2025-10-02`` header is set."""

    __slots__ = ()

    def list(self, **params: Unpack[SkillListParams]) -> AsyncPager[SkillList, Skill]:
        """Skills, page by page (``next_page`` token). ``GET /v1/skills``.

        The parameters go in the query and also in a JSON body: LiteLLM 1.110.2 reads ``page``
        and ``source`` from the body only. The proxy's own registry
        (``custom_llm_provider="litellm_proxy"``) answers one page of up to ``limit``.
        """
        headers = _headers({}, SKILLS_BETA)

        async def page(query: dict[str, Any]) -> SkillList:
            return await self._client._call(SKILL_LIST, query=query, json=query, headers=headers)

        return AsyncPager(page, dict(params), _PageTokenStyle())

    async def create(self, file: FileTypes, **params: Unpack[SkillCreateParams]) -> Skill:
        """Upload a skill: ``file`` is a zip of its folder or its ``SKILL.md`` (bytes, a path,
        a binary file, or ``(filename, content)``). ``POST /v1/skills`` (multipart)."""
        if file is None:
            raise TypeError("anthropic.skills.create() missing required argument: file")
        return await self._client._call(
            SKILL_CREATE,
            form=dict(params),
            files={"files[]": file},
            headers=_headers({}, SKILLS_BETA),
        )

    async def retrieve(self, skill_id: str, **params: Unpack[SkillTargetParams]) -> Skill:
        """A skill by id. ``GET /v1/skills/{skill_id}``."""
        return await self._client._call(
            SKILL_RETRIEVE,
            path={"skill_id": skill_id},
            query=params,
            headers=_headers({}, SKILLS_BETA),
        )

    async def delete(self, skill_id: str, **params: Unpack[SkillTargetParams]) -> SkillDeleted:
        """Delete a skill (Anthropic refuses one that still has versions).
        ``DELETE /v1/skills/{skill_id}``."""
        return await self._client._call(
            SKILL_DELETE,
            path={"skill_id": skill_id},
            query=params,
            headers=_headers({}, SKILLS_BETA),
        )


class Anthropic(Resource):
    """Anthropic-native routes: ``messages`` and ``skills``."""

    __slots__ = ("__dict__",)

    messages: group[Messages] = group("anthropic:Messages")
    skills: group[Skills] = group("anthropic:Skills")
