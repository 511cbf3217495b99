"""Parameters and results of ``client.chat.completions`` (OpenAI's chat completions shape)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import msgspec
from typing_extensions import Required, TypedDict

from .._models import ResponseView, ShapeError, View, _ViewList
from .._structs import StructView, strict_twin
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
    "ChunkUsage",
    "parse_chunk",
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


class ChatCompletionMessageToolCall(View):
    id: str | None = None
    type: str | None = None
    function: Any = None


class ChatCompletionMessage(View):
    role: str | None = None
    content: str | None = None
    tool_calls: list[ChatCompletionMessageToolCall] | None = None
    function_call: Any = None
    reasoning_content: str | None = None


class Choice(View):
    _eager = ("message",)
    index: int = 0
    message: ChatCompletionMessage
    finish_reason: str | None = None
    logprobs: Any = None


class ChatCompletion(ResponseView):
    """A chat completion (``stream=False``)."""

    _eager = ("choices",)
    _prebuilt = ("choices",)
    id: str
    object: str = "chat.completion"
    created: int | None = None
    model: str | None = None
    choices: list[Choice]
    usage: CompletionUsage | None = None
    system_fingerprint: str | None = None

    @classmethod
    def _check(cls, data: dict[str, Any]) -> None:
        """``choices`` is a list of objects, each with a ``message`` object whose ``content``
        is a string or null: the fields every reader reads, checked when the body is parsed.
        In the same pass they become views (what every reader reads next), so reading them
        builds nothing. One function: it runs once a call."""
        if not data.keys() >= cls._required_set:
            super()._check(data)  # raises, naming what is missing
        choices = data["choices"]
        if type(choices) is not list:
            raise ShapeError(f"{cls.__name__}.choices: expected a list, got {_kind(choices)}")
        views = _ViewList()
        for choice in choices:
            message = choice.get("message") if type(choice) is dict else None
            if type(message) is not dict:
                raise ShapeError(
                    f"{cls.__name__}.choices[].message: expected an object, got "
                    f"{_kind(message if type(choice) is dict else choice)}"
                )
            content = message.get("content")
            if content is not None and type(content) is not str:
                raise ShapeError(
                    f"{cls.__name__}.choices[].message.content: expected a string or null, got "
                    f"{_kind(content)}"
                )
            message_view = _new(ChatCompletionMessage)
            message_view.__dict__ = message
            choice["message"] = message_view
            choice_view = _new(Choice)
            choice_view.__dict__ = choice
            views.append(choice_view)
        data["choices"] = views


class ChoiceDelta(StructView):
    role: str | None = None
    content: str | None = None
    tool_calls: list[Any] | None = None
    function_call: Any = None
    reasoning_content: str | None = None
    refusal: str | None = None
    audio: Any = None
    provider_specific_fields: Any = None
    thinking_blocks: Any = None
    annotations: Any = None


class ChunkChoice(StructView):
    delta: ChoiceDelta
    index: int = 0
    finish_reason: str | None = None
    logprobs: Any = None


class ChunkUsage(StructView):
    """Token counts, on the last chunk when ``stream_options={"include_usage": True}``."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    prompt_tokens_details: Any = None
    completion_tokens_details: Any = None
    cost: float | None = None  # the proxy's, in USD


class ChatCompletionChunk(StructView):
    """One event of a streamed chat completion, decoded and checked from its bytes in one pass
    (``msgspec``): every declared field has its type; unknown fields are kept
    (``model_extra``)."""

    id: str
    choices: list[ChunkChoice]
    object: str = "chat.completion.chunk"
    created: int | None = None
    model: str | None = None
    usage: ChunkUsage | None = None
    system_fingerprint: str | None = None
    service_tier: str | None = None
    provider_specific_fields: Any = None
    citations: Any = None


_StrictChoiceDelta = strict_twin(ChoiceDelta)
_StrictChunkChoice = strict_twin(ChunkChoice, delta=_StrictChoiceDelta)
_StrictChunkUsage = strict_twin(ChunkUsage)
_StrictChatCompletionChunk = strict_twin(
    ChatCompletionChunk,
    choices=list[_StrictChunkChoice],  # type: ignore[valid-type]
    usage=(_StrictChunkUsage | None, None),
)


def _kind(value: Any) -> str:
    return "nothing" if value is None else f"a {type(value).__name__}"


def parse_chunk(raw: bytes) -> ChatCompletionChunk:
    """One stream event's data as a ``ChatCompletionChunk`` (the per-chunk path). Raises
    ``ValueError`` on a malformed chunk."""
    try:
        return _decode_strict(raw)
    except msgspec.DecodeError as exc:
        return ChatCompletionChunk.refused(raw, exc)  # unknown fields kept, or the error


_new = object.__new__

_decode_strict = msgspec.json.Decoder(_StrictChatCompletionChunk).decode
