"""``client.pass_through.cohere``: raw verbs below ``/cohere/``, and Cohere's API typed (the
proxy sends the path below the prefix to ``COHERE_API_BASE`` with its own Cohere key)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, overload

from typing_extensions import Unpack

from ..._streaming import Stream
from ...types.pass_through.cohere import (
    ChatRequest,
    ClassifyRequest,
    ClassifyResponse,
    DetokenizeRequest,
    DetokenizeResponse,
    EmbedRequest,
    EmbedResponse,
    GenerateRequest,
    Generation,
    NonStreamedChatResponse,
    RerankRequest,
    RerankResponse,
    StreamedChatResponseV2,
    TokenizeRequest,
    TokenizeResponse,
    V2ChatRequest,
    V2ChatResponse,
)
from . import COHERE, FullProvider
from ._provider import checked_body, sse_or_json

__all__ = ["Cohere"]

T = TypeVar("T")


class Cohere(FullProvider):
    """Cohere: ``chat`` (v1), ``chat_v2`` (+ its SSE stream), ``embed``, ``rerank``,
    ``classify``, ``generate``, ``tokenize``, ``detokenize`` typed; raw verbs for the rest."""

    __slots__ = ()
    routes = COHERE

    async def _post(
        self, method: str, path: str, params: Mapping[str, Any], cast_to: type[T], *required: str
    ) -> T:
        body = checked_body(method, params, *required)
        return await self.request("POST", path, json=body, cast_to=cast_to)

    async def chat(self, **params: Unpack[ChatRequest]) -> NonStreamedChatResponse:
        """A chat turn (Cohere's v1 API): ``POST /cohere/v1/chat``."""
        return await self._post("chat", "v1/chat", params, NonStreamedChatResponse, "message")

    @overload
    async def chat_v2(
        self, *, stream: Literal[False] = False, **params: Unpack[V2ChatRequest]
    ) -> V2ChatResponse: ...

    @overload
    async def chat_v2(
        self, *, stream: Literal[True], **params: Unpack[V2ChatRequest]
    ) -> Stream[StreamedChatResponseV2]: ...

    @overload
    async def chat_v2(
        self, *, stream: bool, **params: Unpack[V2ChatRequest]
    ) -> V2ChatResponse | Stream[StreamedChatResponseV2]: ...

    async def chat_v2(
        self, *, stream: bool = False, **params: Any
    ) -> V2ChatResponse | Stream[StreamedChatResponseV2]:
        """A chat turn (v2 API): ``POST /cohere/v2/chat``. With ``stream=True`` a ``Stream`` of
        ``StreamedChatResponseV2`` events, ``message-end`` last (no ``[DONE]``)."""
        body = checked_body("chat_v2", params, "model", "messages")
        return await sse_or_json(
            self,
            "v2/chat",
            body,
            V2ChatResponse,
            StreamedChatResponseV2.model_validate_json,
            stream,
        )

    async def embed(self, **params: Unpack[EmbedRequest]) -> EmbedResponse:
        """Embeddings of ``texts`` (or ``images``): ``POST /cohere/v1/embed``."""
        if not params.get("texts") and not params.get("images"):
            raise TypeError("embed() needs texts or images")
        return await self._post("embed", "v1/embed", params, EmbedResponse)

    async def rerank(self, **params: Unpack[RerankRequest]) -> RerankResponse:
        """Order ``documents`` by relevance to ``query``: ``POST /cohere/v1/rerank``."""
        return await self._post("rerank", "v1/rerank", params, RerankResponse, "query", "documents")

    async def classify(self, **params: Unpack[ClassifyRequest]) -> ClassifyResponse:
        """Label each of ``inputs``: ``POST /cohere/v1/classify``."""
        return await self._post("classify", "v1/classify", params, ClassifyResponse, "inputs")

    async def generate(self, **params: Unpack[GenerateRequest]) -> Generation:
        """A completion of ``prompt`` (Cohere's legacy API): ``POST /cohere/v1/generate``."""
        return await self._post("generate", "v1/generate", params, Generation, "prompt")

    async def tokenize(self, **params: Unpack[TokenizeRequest]) -> TokenizeResponse:
        """``text`` as ``model``'s tokens: ``POST /cohere/v1/tokenize``."""
        return await self._post(
            "tokenize", "v1/tokenize", params, TokenizeResponse, "text", "model"
        )

    async def detokenize(self, **params: Unpack[DetokenizeRequest]) -> DetokenizeResponse:
        """``tokens`` back to text: ``POST /cohere/v1/detokenize``."""
        return await self._post(
            "detokenize", "v1/detokenize", params, DetokenizeResponse, "tokens", "model"
        )
