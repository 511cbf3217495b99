"""``client.pass_through.mistral``: raw verbs below ``/mistral/``, and Mistral's API typed.

The proxy appends the whole path below ``/mistral/`` to ``MISTRAL_API_BASE``, so the typed
methods send ``v1/...``: the base is the host (``https://api.mistral.ai``), without ``/v1``.
"""

from __future__ import annotations

from typing import Any, Literal, overload

from typing_extensions import Unpack

from ..._resource import Resource, group
from ..._streaming import Stream
from ...types.pass_through.mistral import (
    AgentsCompletionRequest,
    ChatCompletionRequest,
    ChatCompletionResponse,
    CompletionChunk,
    EmbeddingRequest,
    EmbeddingResponse,
    FIMCompletionRequest,
    FIMCompletionResponse,
    ModelList,
)
from . import MISTRAL, FullProvider
from ._provider import checked_body, sse_or_json

__all__ = [
    "Mistral",
    "MistralAgents",
    "MistralAgentsCompletions",
    "MistralChat",
    "MistralChatCompletions",
    "MistralEmbeddings",
    "MistralFim",
    "MistralFimCompletions",
    "MistralModels",
]

_parse_chunk = CompletionChunk.model_validate_json


class _Part(Resource):
    """A sub-group of ``Mistral``: its calls go through the provider's route."""

    __slots__ = ()

    @property
    def _mistral(self) -> Mistral:
        return Mistral(self._client)


class MistralChatCompletions(_Part):
    __slots__ = ()

    @overload
    async def create(
        self, *, stream: Literal[False] = False, **params: Unpack[ChatCompletionRequest]
    ) -> ChatCompletionResponse: ...

    @overload
    async def create(
        self, *, stream: Literal[True], **params: Unpack[ChatCompletionRequest]
    ) -> Stream[CompletionChunk]: ...

    @overload
    async def create(
        self, *, stream: bool, **params: Unpack[ChatCompletionRequest]
    ) -> ChatCompletionResponse | Stream[CompletionChunk]: ...

    async def create(
        self, *, stream: bool = False, **params: Any
    ) -> ChatCompletionResponse | Stream[CompletionChunk]:
        """A chat completion: ``POST /mistral/v1/chat/completions``. With ``stream=True`` a
        ``Stream`` of ``CompletionChunk``."""
        body = checked_body("chat.completions.create", params, "model", "messages")
        return await sse_or_json(
            self._mistral, "v1/chat/completions", body, ChatCompletionResponse, _parse_chunk, stream
        )


class MistralFimCompletions(_Part):
    __slots__ = ()

    @overload
    async def create(
        self, *, stream: Literal[False] = False, **params: Unpack[FIMCompletionRequest]
    ) -> FIMCompletionResponse: ...

    @overload
    async def create(
        self, *, stream: Literal[True], **params: Unpack[FIMCompletionRequest]
    ) -> Stream[CompletionChunk]: ...

    @overload
    async def create(
        self, *, stream: bool, **params: Unpack[FIMCompletionRequest]
    ) -> FIMCompletionResponse | Stream[CompletionChunk]: ...

    async def create(
        self, *, stream: bool = False, **params: Any
    ) -> FIMCompletionResponse | Stream[CompletionChunk]:
        """Fill in the middle (code between ``prompt`` and ``suffix``):
        ``POST /mistral/v1/fim/completions``."""
        body = checked_body("fim.completions.create", params, "model", "prompt")
        return await sse_or_json(
            self._mistral, "v1/fim/completions", body, FIMCompletionResponse, _parse_chunk, stream
        )


class MistralAgentsCompletions(_Part):
    __slots__ = ()

    @overload
    async def create(
        self, *, stream: Literal[False] = False, **params: Unpack[AgentsCompletionRequest]
    ) -> ChatCompletionResponse: ...

    @overload
    async def create(
        self, *, stream: Literal[True], **params: Unpack[AgentsCompletionRequest]
    ) -> Stream[CompletionChunk]: ...

    @overload
    async def create(
        self, *, stream: bool, **params: Unpack[AgentsCompletionRequest]
    ) -> ChatCompletionResponse | Stream[CompletionChunk]: ...

    async def create(
        self, *, stream: bool = False, **params: Any
    ) -> ChatCompletionResponse | Stream[CompletionChunk]:
        """A turn to a Mistral agent (``agent_id``): ``POST /mistral/v1/agents/completions``."""
        body = checked_body("agents.completions.create", params, "agent_id", "messages")
        return await sse_or_json(
            self._mistral,
            "v1/agents/completions",
            body,
            ChatCompletionResponse,
            _parse_chunk,
            stream,
        )


class MistralEmbeddings(_Part):
    __slots__ = ()

    async def create(self, **params: Unpack[EmbeddingRequest]) -> EmbeddingResponse:
        """Embeddings: ``POST /mistral/v1/embeddings``."""
        body = checked_body("embeddings.create", params, "model", "input")
        return await self._mistral.request(
            "POST", "v1/embeddings", json=body, cast_to=EmbeddingResponse
        )


class MistralModels(_Part):
    __slots__ = ()

    async def list(self) -> ModelList:
        """The models of the account: ``GET /mistral/v1/models``."""
        return await self._mistral.request("GET", "v1/models", cast_to=ModelList)


class MistralChat(_Part):
    completions: group[MistralChatCompletions] = group(
        "pass_through.mistral:MistralChatCompletions"
    )


class MistralFim(_Part):
    completions: group[MistralFimCompletions] = group("pass_through.mistral:MistralFimCompletions")


class MistralAgents(_Part):
    completions: group[MistralAgentsCompletions] = group(
        "pass_through.mistral:MistralAgentsCompletions"
    )


class Mistral(FullProvider):
    """Mistral: ``chat``, ``fim``, ``agents`` completions (+ streams), ``embeddings``,
    ``models`` typed; raw verbs for the rest."""

    routes = MISTRAL

    chat: group[MistralChat] = group("pass_through.mistral:MistralChat")
    fim: group[MistralFim] = group("pass_through.mistral:MistralFim")
    agents: group[MistralAgents] = group("pass_through.mistral:MistralAgents")
    embeddings: group[MistralEmbeddings] = group("pass_through.mistral:MistralEmbeddings")
    models: group[MistralModels] = group("pass_through.mistral:MistralModels")
