"""Parameters and results of ``client.chat.completions`` (OpenAI's chat completions shape)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response
from .common import CompletionUsage

if TYPE_CHECKING:
    from .model_names import ChatModelName

__all__ = [
    "ChatCompletion",
    "ChatCompletionChunk",
    "ChatCompletionCreateParams",
    "ChatCompletionMessage",
    "ChatCompletionMessageParam",
    "ChatCompletionMessageToolCall",
    "Choice",
    "ChoiceDelta",
    "ChunkChoice",
]


class ChatCompletionMessageParam(TypedDict, total=False):
    """One message of the conversation: ``{"role": "user", "content": "Hi"}``."""

    role: Required[Literal["system", "user", "assistant", "tool", "function", "developer"]]
    content: str | Sequence[Mapping[str, Any]] | None
    name: str
    tool_calls: Sequence[Mapping[str, Any]]
    tool_call_id: str


class ChatCompletionCreateParams(TypedDict, total=False):
    """Body of ``POST /chat/completions`` (``stream`` is a separate argument).

    LiteLLM-specific fields (``fallbacks``, ``num_retries``, ``metadata``, ``tags``,
    ``guardrails``, ``caching`` ...) are passed through to the proxy.
    """

    model: Required[ChatModelName]
    """A model of the proxy's config; known provider names complete in IDEs."""
    messages: Required[Iterable[ChatCompletionMessageParam]]
    audio: Mapping[str, Any]
    frequency_penalty: float
    logit_bias: Mapping[str, int]
    logprobs: bool
    max_completion_tokens: int
    max_tokens: int
    metadata: Mapping[str, Any]
    modalities: Sequence[str]
    n: int
    parallel_tool_calls: bool
    prediction: Mapping[str, Any]
    presence_penalty: float
    reasoning_effort: Literal["minimal", "low", "medium", "high"]
    response_format: Mapping[str, Any]
    seed: int
    service_tier: str
    stop: str | Sequence[str]
    store: bool
    stream_options: Mapping[str, Any]
    temperature: float
    tool_choice: str | Mapping[str, Any]
    tools: Iterable[Mapping[str, Any]]
    top_logprobs: int
    top_p: float
    user: str
    web_search_options: Mapping[str, Any]
    # LiteLLM proxy extras
    fallbacks: Sequence[str | Mapping[str, Any]]
    num_retries: int
    timeout: float
    tags: Sequence[str]
    guardrails: Sequence[str]
    caching: bool
    cache: Mapping[str, Any]


class ChatCompletionMessageToolCall(BaseModel):
    id: str | None = None
    type: str | None = None
    function: Any = None


class ChatCompletionMessage(BaseModel):
    role: str | None = None
    content: str | None = None
    tool_calls: list[ChatCompletionMessageToolCall] | None = None
    function_call: Any = None
    reasoning_content: str | None = None


class Choice(BaseModel):
    index: int = 0
    message: ChatCompletionMessage
    finish_reason: str | None = None
    logprobs: Any = None


class ChatCompletion(Response):
    """A chat completion (``stream=False``)."""

    id: str
    object: str = "chat.completion"
    created: int | None = None
    model: str | None = None
    choices: list[Choice]
    usage: CompletionUsage | None = None
    system_fingerprint: str | None = None


class ChoiceDelta(BaseModel):
    role: str | None = None
    content: str | None = None
    tool_calls: list[Any] | None = None
    function_call: Any = None
    reasoning_content: str | None = None


class ChunkChoice(BaseModel):
    index: int = 0
    delta: ChoiceDelta
    finish_reason: str | None = None
    logprobs: Any = None


class ChatCompletionChunk(BaseModel):
    """One event of a streamed chat completion."""

    id: str
    object: str = "chat.completion.chunk"
    created: int | None = None
    model: str | None = None
    choices: list[ChunkChoice]
    usage: CompletionUsage | None = None
    system_fingerprint: str | None = None
