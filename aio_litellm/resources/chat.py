"""``client.chat.completions``: chat completions, JSON or streamed."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any, Literal, overload

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._resource import Resource, group, require
from .._streaming import Stream
from ..types.chat import (
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionCreateParams,
    parse_chunk,
)

__all__ = ["Chat", "ChatCompletions"]

# Generation has no side effect a second send could duplicate, so every failure is retryable.
CREATE = Endpoint("POST", "/chat/completions", ChatCompletion, "chat.completions.create")
QUEUE = Endpoint("POST", "/queue/chat/completions", ChatCompletion, "chat.completions.queue")


class ChatCompletions(Resource):
    __slots__ = ()

    @overload
    async def create(
        self, *, stream: Literal[False] = False, **params: Unpack[ChatCompletionCreateParams]
    ) -> ChatCompletion: ...

    @overload
    async def create(
        self, *, stream: Literal[True], **params: Unpack[ChatCompletionCreateParams]
    ) -> Stream[ChatCompletionChunk]: ...

    @overload
    async def create(
        self, *, stream: bool, **params: Unpack[ChatCompletionCreateParams]
    ) -> ChatCompletion | Stream[ChatCompletionChunk]: ...

    async def create(
        self, *, stream: bool = False, **params: Any
    ) -> ChatCompletion | Stream[ChatCompletionChunk]:
        """Create a chat completion. ``POST /chat/completions``.

        With ``stream=True`` returns a ``Stream``: ``async for chunk in stream``. A stream is
        retried only until its response starts.
        """
        return await self._send(CREATE, stream, params)

    @overload
    async def queue(
        self,
        *,
        stream: Literal[False] = False,
        priority: int | None = None,
        **params: Unpack[ChatCompletionCreateParams],
    ) -> ChatCompletion: ...

    @overload
    async def queue(
        self,
        *,
        stream: Literal[True],
        priority: int | None = None,
        **params: Unpack[ChatCompletionCreateParams],
    ) -> Stream[ChatCompletionChunk]: ...

    @overload
    async def queue(
        self,
        *,
        stream: bool,
        priority: int | None = None,
        **params: Unpack[ChatCompletionCreateParams],
    ) -> ChatCompletion | Stream[ChatCompletionChunk]: ...

    async def queue(
        self, *, stream: bool = False, priority: int | None = None, **params: Any
    ) -> ChatCompletion | Stream[ChatCompletionChunk]:
        """A chat completion through the proxy's scheduler queue (experimental in LiteLLM).
        ``POST /queue/chat/completions``.

        Same request and result as ``create``. ``priority`` orders waiting requests (lower
        first); the proxy refuses a request without one (400) unless it sets
        ``router_settings.default_priority``. It echoes the priority used in the
        ``x-litellm-priority`` response header (``raw_response.headers``, ``stream.response``).
        """
        if priority is not None:
            params["priority"] = priority
        return await self._send(QUEUE, stream, params)

    def _send(
        self, ep: Endpoint[ChatCompletion], stream: bool, params: dict[str, Any]
    ) -> Awaitable[ChatCompletion | Stream[ChatCompletionChunk]]:
        # A plain function handing back the pipeline's coroutine: one await level less on the
        # hottest path. The common case (both present) costs two lookups, not a scan.
        if not (params.get("model") and params.get("messages")):
            require(ep.attr, params, "model", "messages")
        if stream:
            return self._client._stream(ep, parse_chunk, json={**params, "stream": True})
        return self._client._call(ep, json=params)


class Chat(Resource):
    __slots__ = ("__dict__",)

    completions: group[ChatCompletions] = group("chat:ChatCompletions")
