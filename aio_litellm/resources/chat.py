"""``client.chat.completions``: chat completions, JSON or streamed."""

from __future__ import annotations

from typing import Any, Literal, overload

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._resource import Resource, group, require
from .._streaming import Stream
from ..types.chat import ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParams

__all__ = ["Chat", "ChatCompletions"]

# Generation has no side effect a second send could duplicate, so every failure is retryable.
CREATE = Endpoint("POST", "/chat/completions", ChatCompletion, "chat.completions.create")


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
        require("chat.completions.create", params, "model", "messages")
        if stream:
            return await self._client._stream(
                CREATE, ChatCompletionChunk.model_validate_json, json={**params, "stream": True}
            )
        return await self._client._call(CREATE, json=params)


class Chat(Resource):
    __slots__ = ("__dict__",)

    completions: group[ChatCompletions] = group("chat:ChatCompletions")
