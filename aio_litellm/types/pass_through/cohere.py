"""Parameters and results of ``client.pass_through.cohere``'s typed methods (Cohere's own API:
chat v1 and v2, embed, rerank, classify, generate, tokenize, detokenize). Names follow Cohere's
TypeScript client (``NonStreamedChatResponse``, ``V2ChatResponse``, ``StreamedChatResponseV2``
...)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from ..._models import BaseModel, Response

__all__ = [
    "ApiMeta",
    "ChatRequest",
    "ClassifyRequest",
    "ClassifyResponse",
    "ClassifyResult",
    "DetokenizeRequest",
    "DetokenizeResponse",
    "EmbedRequest",
    "EmbedResponse",
    "GenerateRequest",
    "Generation",
    "GeneratedText",
    "NonStreamedChatResponse",
    "RerankRequest",
    "RerankResponse",
    "RerankResult",
    "StreamedChatResponseV2",
    "TokenizeRequest",
    "TokenizeResponse",
    "V2AssistantMessage",
    "V2ChatRequest",
    "V2ChatResponse",
    "V2Usage",
]

# --- request shapes -------------------------------------------------------------------------


class _Sampling(TypedDict, total=False):
    max_tokens: int
    temperature: float
    seed: int
    stop_sequences: Sequence[str]
    frequency_penalty: float
    presence_penalty: float
    k: int
    p: float


class ChatRequest(_Sampling, total=False):
    """Body of ``POST /v1/chat``: one ``message`` and the history before it."""

    message: Required[str]
    model: str
    preamble: str
    chat_history: Sequence[Mapping[str, Any]]
    conversation_id: str
    documents: Sequence[Mapping[str, Any]]
    connectors: Sequence[Mapping[str, Any]]
    tools: Sequence[Mapping[str, Any]]
    tool_results: Sequence[Mapping[str, Any]]
    response_format: Mapping[str, Any]
    safety_mode: str


class V2ChatRequest(_Sampling, total=False):
    """Body of ``POST /v2/chat`` (``stream`` is an argument of its own)."""

    model: Required[str]
    messages: Required[Sequence[Mapping[str, Any]]]
    """``{"role": "user", "content": "Hi"}`` (roles: system, user, assistant, tool)."""
    tools: Sequence[Mapping[str, Any]]
    documents: Sequence[str | Mapping[str, Any]]
    citation_options: Mapping[str, Any]
    response_format: Mapping[str, Any]
    safety_mode: str
    logprobs: bool
    tool_choice: str
    thinking: Mapping[str, Any]


class EmbedRequest(TypedDict, total=False):
    """Body of ``POST /v1/embed``: ``texts`` or ``images``."""

    texts: Sequence[str]
    images: Sequence[str]
    model: str
    input_type: Literal["search_document", "search_query", "classification", "clustering", "image"]
    embedding_types: Sequence[Literal["float", "int8", "uint8", "binary", "ubinary", "base64"]]
    truncate: Literal["NONE", "START", "END"]


class RerankRequest(TypedDict, total=False):
    """Body of ``POST /v1/rerank``."""

    query: Required[str]
    documents: Required[Sequence[str | Mapping[str, Any]]]
    model: str
    top_n: int
    rank_fields: Sequence[str]
    return_documents: bool
    max_chunks_per_doc: int


class ClassifyRequest(TypedDict, total=False):
    """Body of ``POST /v1/classify``."""

    inputs: Required[Sequence[str]]
    examples: Sequence[Mapping[str, str]]
    """``{"text": ..., "label": ...}`` pairs (or a fine-tuned ``model``)."""
    model: str
    preset: str
    truncate: Literal["NONE", "START", "END"]


class GenerateRequest(_Sampling, total=False):
    """Body of ``POST /v1/generate`` (Cohere's legacy completion)."""

    prompt: Required[str]
    model: str
    num_generations: int
    truncate: Literal["NONE", "START", "END"]
    preset: str
    end_sequences: Sequence[str]
    return_likelihoods: Literal["GENERATION", "ALL", "NONE"]
    raw_prompting: bool


class TokenizeRequest(TypedDict):
    """Body of ``POST /v1/tokenize``."""

    text: str
    model: str


class DetokenizeRequest(TypedDict):
    """Body of ``POST /v1/detokenize``."""

    tokens: Sequence[int]
    model: str


# --- results --------------------------------------------------------------------------------


class ApiMeta(BaseModel):
    """``api_version``, ``billed_units`` (``input_tokens``, ``output_tokens`` ...), ``tokens``,
    ``warnings``."""

    api_version: dict[str, Any] | None = None
    billed_units: dict[str, Any] | None = None
    tokens: dict[str, Any] | None = None
    warnings: list[str] | None = None


class NonStreamedChatResponse(Response):
    """The answer of ``POST /v1/chat``."""

    text: str = ""
    generation_id: str | None = None
    response_id: str | None = None
    finish_reason: str | None = None
    citations: list[dict[str, Any]] | None = None
    documents: list[dict[str, Any]] | None = None
    tool_calls: list[dict[str, Any]] | None = None
    chat_history: list[dict[str, Any]] | None = None
    meta: ApiMeta | None = None


class V2AssistantMessage(BaseModel):
    role: str = "assistant"
    content: list[dict[str, Any]] = []
    """Blocks: ``{"type": "text", "text": ...}``, ``{"type": "thinking", ...}``."""
    tool_calls: list[dict[str, Any]] | None = None
    tool_plan: str | None = None
    citations: list[dict[str, Any]] | None = None


class V2Usage(BaseModel):
    billed_units: dict[str, Any] | None = None
    tokens: dict[str, Any] | None = None


class V2ChatResponse(Response):
    """The answer of ``POST /v2/chat``."""

    id: str | None = None
    finish_reason: str | None = None
    message: V2AssistantMessage = V2AssistantMessage()
    usage: V2Usage | None = None
    logprobs: list[dict[str, Any]] | None = None

    @property
    def text(self) -> str:
        """The message's text blocks, joined."""
        return "".join(
            str(b.get("text", "")) for b in self.message.content if b.get("type") == "text"
        )


class StreamedChatResponseV2(BaseModel):
    """One event of a streamed ``/v2/chat``: ``type`` is ``message-start``, ``content-start``,
    ``content-delta``, ``content-end``, ``tool-plan-delta``, ``tool-call-*``, ``citation-*``
    or ``message-end`` (whose ``delta`` holds ``finish_reason`` and ``usage``)."""

    type: str
    id: str | None = None
    index: int | None = None
    delta: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        """A ``content-delta``'s new text ("" for other events)."""
        if self.type != "content-delta" or not self.delta:
            return ""
        content = (self.delta.get("message") or {}).get("content") or {}
        text = content.get("text") if isinstance(content, dict) else None
        return text if isinstance(text, str) else ""


class EmbedResponse(Response):
    """``response_type`` ``embeddings_floats``: ``embeddings`` is a list of vectors;
    ``embeddings_by_type`` (``embedding_types`` asked): a mapping type -> vectors."""

    id: str | None = None
    response_type: str | None = None
    embeddings: list[list[float]] | dict[str, Any] = []
    texts: list[str] | None = None
    meta: ApiMeta | None = None


class RerankResult(BaseModel):
    index: int
    relevance_score: float
    document: dict[str, Any] | None = None


class RerankResponse(Response):
    id: str | None = None
    results: list[RerankResult] = []
    meta: ApiMeta | None = None


class ClassifyResult(BaseModel):
    id: str | None = None
    input: str | None = None
    prediction: str | None = None
    predictions: list[str] = []
    confidence: float | None = None
    confidences: list[float] = []
    labels: dict[str, Any] = {}
    classification_type: str | None = None


class ClassifyResponse(Response):
    id: str | None = None
    classifications: list[ClassifyResult] = []
    meta: ApiMeta | None = None


class GeneratedText(BaseModel):
    id: str | None = None
    text: str = ""
    index: int | None = None
    likelihood: float | None = None
    token_likelihoods: list[dict[str, Any]] | None = None
    finish_reason: str | None = None


class Generation(Response):
    """The answer of ``POST /v1/generate``."""

    id: str | None = None
    prompt: str | None = None
    generations: list[GeneratedText] = []
    meta: ApiMeta | None = None


class TokenizeResponse(Response):
    tokens: list[int] = []
    token_strings: list[str] = []
    meta: ApiMeta | None = None


class DetokenizeResponse(Response):
    text: str = ""
    meta: ApiMeta | None = None
