"""Parameters and results of ``client.pass_through.mistral``'s typed methods (Mistral's own
API: chat, FIM, agents, embeddings, models). Names follow Mistral's TypeScript client
(``ChatCompletionResponse``, ``CompletionChunk``, ``FIMCompletionResponse`` ...)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from ..._models import BaseModel, Response

__all__ = [
    "AgentsCompletionRequest",
    "AssistantMessage",
    "ChatCompletionChoice",
    "ChatCompletionRequest",
    "ChatCompletionResponse",
    "CompletionChunk",
    "CompletionResponseStreamChoice",
    "DeltaMessage",
    "EmbeddingRequest",
    "EmbeddingResponse",
    "EmbeddingResponseData",
    "FIMCompletionRequest",
    "FIMCompletionResponse",
    "MistralMessageParam",
    "ModelCard",
    "ModelList",
    "UsageInfo",
]

# --- request shapes -------------------------------------------------------------------------


class MistralMessageParam(TypedDict, total=False):
    """One message: ``{"role": "user", "content": "Hi"}``."""

    role: Required[Literal["system", "user", "assistant", "tool"]]
    content: str | Sequence[Mapping[str, Any]] | None
    tool_calls: Sequence[Mapping[str, Any]]
    tool_call_id: str
    name: str
    prefix: bool


class _Sampling(TypedDict, total=False):
    max_tokens: int
    stop: str | Sequence[str]
    random_seed: int
    response_format: Mapping[str, Any]
    tools: Sequence[Mapping[str, Any]]
    tool_choice: str | Mapping[str, Any]
    presence_penalty: float
    frequency_penalty: float
    n: int
    prediction: Mapping[str, Any]
    parallel_tool_calls: bool
    prompt_mode: str


class ChatCompletionRequest(_Sampling, total=False):
    """Body of ``POST /v1/chat/completions`` (``stream`` is an argument of its own)."""

    model: Required[str]
    messages: Required[Sequence[MistralMessageParam]]
    temperature: float
    top_p: float
    safe_prompt: bool


class AgentsCompletionRequest(_Sampling, total=False):
    """Body of ``POST /v1/agents/completions``: an agent's id instead of a model."""

    agent_id: Required[str]
    messages: Required[Sequence[MistralMessageParam]]


class FIMCompletionRequest(TypedDict, total=False):
    """Body of ``POST /v1/fim/completions``: code between ``prompt`` and ``suffix``."""

    model: Required[str]
    prompt: Required[str]
    suffix: str
    temperature: float
    top_p: float
    max_tokens: int
    min_tokens: int
    stop: str | Sequence[str]
    random_seed: int


class EmbeddingRequest(TypedDict, total=False):
    """Body of ``POST /v1/embeddings``."""

    model: Required[str]
    input: Required[str | Sequence[str]]
    output_dimension: int
    output_dtype: Literal["float", "int8", "uint8", "binary", "ubinary"]
    encoding_format: Literal["float", "base64"]


# --- results --------------------------------------------------------------------------------


class UsageInfo(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


def _text(content: Any) -> str:
    """A message's text: a string, or the ``text`` chunks of a list (thinking left out)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            c["text"]
            for c in content
            if isinstance(c, dict) and c.get("type") == "text" and isinstance(c.get("text"), str)
        )
    return ""


class AssistantMessage(BaseModel):
    role: str = "assistant"
    content: str | list[Any] | None = None
    """A string, or chunks (``{"type": "text", ...}``, ``{"type": "thinking", ...}``)."""
    tool_calls: list[dict[str, Any]] | None = None
    prefix: bool | None = None


class ChatCompletionChoice(BaseModel):
    index: int = 0
    message: AssistantMessage = AssistantMessage()
    finish_reason: str | None = None


class ChatCompletionResponse(Response):
    """A chat, FIM or agent completion."""

    id: str | None = None
    object: str | None = None
    model: str | None = None
    created: int | None = None
    choices: list[ChatCompletionChoice] = []
    usage: UsageInfo | None = None

    @property
    def text(self) -> str:
        """The first choice's text ("" when there is none)."""
        return _text(self.choices[0].message.content) if self.choices else ""


class FIMCompletionResponse(ChatCompletionResponse):
    """A fill-in-the-middle completion (the chat shape)."""


class DeltaMessage(BaseModel):
    role: str | None = None
    content: str | list[Any] | None = None
    tool_calls: list[dict[str, Any]] | None = None


class CompletionResponseStreamChoice(BaseModel):
    index: int = 0
    delta: DeltaMessage = DeltaMessage()
    finish_reason: str | None = None


class CompletionChunk(BaseModel):
    """One event of a streamed completion; the last carries ``usage``."""

    id: str | None = None
    object: str | None = None
    model: str | None = None
    created: int | None = None
    choices: list[CompletionResponseStreamChoice] = []
    usage: UsageInfo | None = None

    @property
    def text(self) -> str:
        """The new text of the first choice."""
        return _text(self.choices[0].delta.content) if self.choices else ""


class EmbeddingResponseData(BaseModel):
    object: str = "embedding"
    embedding: list[float] | str = []
    index: int = 0


class EmbeddingResponse(Response):
    id: str | None = None
    object: str | None = None
    model: str | None = None
    data: list[EmbeddingResponseData] = []
    usage: UsageInfo | None = None


class ModelCard(BaseModel):
    id: str
    object: str = "model"
    created: int | None = None
    owned_by: str | None = None
    name: str | None = None
    description: str | None = None
    capabilities: dict[str, Any] | None = None
    max_context_length: int | None = None
    aliases: list[str] = []
    deprecation: str | None = None
    type: str | None = None


class ModelList(Response):
    object: str = "list"
    data: list[ModelCard] = []
