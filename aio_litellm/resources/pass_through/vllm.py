"""``client.pass_through.vllm``: raw verbs below ``/vllm/``, and vLLM's OpenAI API typed.

A body whose ``model`` is a ``model_name`` of the proxy's model list goes to that deployment;
any other goes to ``VLLM_API_BASE`` (the proxy's environment) at the path below the prefix.
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar, overload

from typing_extensions import Unpack

from ..._resource import Resource, group
from ..._streaming import Stream
from ...types.chat import parse_chunk
from ...types.pass_through.vllm import (
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionCreateParams,
    Completion,
    CompletionCreateParams,
    CreateEmbeddingResponse,
    ModelList,
    VllmEmbeddingCreateParams,
)
from . import VLLM, FullProvider
from ._provider import checked_body, sse_or_json

__all__ = [
    "Vllm",
    "VllmChat",
    "VllmChatCompletions",
    "VllmCompletions",
    "VllmEmbeddings",
    "VllmModels",
]

T = TypeVar("T")
C = TypeVar("C")


class _Part(Resource):
    """A sub-group of ``Vllm``: its calls go through the provider's route."""

    __slots__ = ()

    @property
    def _vllm(self) -> Vllm:
        return Vllm(self._client)


class VllmChatCompletions(_Part):
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
        """A chat completion: ``POST /vllm/v1/chat/completions``. With ``stream=True`` a
        ``Stream`` of ``ChatCompletionChunk``."""
        body = checked_body("chat.completions.create", params, "model", "messages")
        return await sse_or_json(
            self._vllm, "v1/chat/completions", body, ChatCompletion, parse_chunk, stream
        )


class VllmChat(_Part):
    completions: group[VllmChatCompletions] = group("pass_through.vllm:VllmChatCompletions")


class VllmCompletions(_Part):
    __slots__ = ()

    async def create(self, **params: Unpack[CompletionCreateParams]) -> Completion:
        """A text completion: ``POST /vllm/v1/completions``."""
        body = checked_body("completions.create", params, "model", "prompt")
        return await self._vllm.request("POST", "v1/completions", json=body, cast_to=Completion)


class VllmEmbeddings(_Part):
    __slots__ = ()

    async def create(
        self, **params: Unpack[VllmEmbeddingCreateParams]
    ) -> CreateEmbeddingResponse[Any]:
        """Embeddings: ``POST /vllm/v1/embeddings`` (vectors as floats, or base64 strings with
        ``encoding_format="base64"``)."""
        body = checked_body("embeddings.create", params, "model", "input")
        return await self._vllm.request(
            "POST", "v1/embeddings", json=body, cast_to=CreateEmbeddingResponse[Any]
        )


class VllmModels(_Part):
    __slots__ = ()

    async def list(self) -> ModelList:
        """The served models: ``GET /vllm/v1/models``."""
        return await self._vllm.request("GET", "v1/models", cast_to=ModelList)


class Vllm(FullProvider):
    """vLLM: ``chat.completions``, ``completions``, ``embeddings``, ``models`` typed; raw verbs
    for the rest (``tokenize``, ``pooling`` ...)."""

    routes = VLLM

    chat: group[VllmChat] = group("pass_through.vllm:VllmChat")
    completions: group[VllmCompletions] = group("pass_through.vllm:VllmCompletions")
    embeddings: group[VllmEmbeddings] = group("pass_through.vllm:VllmEmbeddings")
    models: group[VllmModels] = group("pass_through.vllm:VllmModels")
