"""Parameters and results of ``client.chat.completions`` (OpenAI's chat completions shape)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import orjson
from typing_extensions import Required, TypedDict

from .._models import ResponseView, ShapeError, View, _ViewList
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
    id: str
    object: str = "chat.completion"
    created: int | None = None
    model: str | None = None
    choices: list[Choice]
    usage: CompletionUsage | None = None
    system_fingerprint: str | None = None

    @classmethod
    def _check(cls, data: dict[str, Any]) -> None:
        super()._check(data)
        _check_choices(cls, data, "message")


class ChoiceDelta(View):
    role: str | None = None
    content: str | None = None
    tool_calls: list[Any] | None = None
    function_call: Any = None
    reasoning_content: str | None = None


class ChunkChoice(View):
    _eager = ("delta",)
    index: int = 0
    delta: ChoiceDelta
    finish_reason: str | None = None
    logprobs: Any = None


class ChatCompletionChunk(View):
    """One event of a streamed chat completion."""

    _eager = ("choices",)
    id: str
    object: str = "chat.completion.chunk"
    created: int | None = None
    model: str | None = None
    choices: list[ChunkChoice]
    usage: CompletionUsage | None = None
    system_fingerprint: str | None = None

    @classmethod
    def _check(cls, data: dict[str, Any]) -> None:
        # Per chunk, only what every reader reads: choices[i].delta and its content. The
        # rest is checked when read.
        _check_choices(cls, data, "delta")


def _check_choices(cls: type, data: dict[str, Any], part: str) -> None:
    """``choices`` is a list of objects, each with a ``part`` object whose ``content`` is a
    string or null: the fields every reader reads, checked when the body is parsed. In the
    same pass they become views (what every reader reads next), so reading them builds
    nothing."""
    choices = data.get("choices")
    if type(choices) is not list:
        raise ShapeError(f"{cls.__name__}.choices: expected a list, got {_kind(choices)}")
    choice_cls, inner_cls = _PARTS[part]
    views = _ViewList()
    for choice in choices:
        inner = choice.get(part) if type(choice) is dict else None
        if type(inner) is not dict:
            raise ShapeError(
                f"{cls.__name__}.choices[].{part}: expected an object, got "
                f"{_kind(inner if type(choice) is dict else choice)}"
            )
        content = inner.get("content")
        if content is not None and type(content) is not str:
            raise ShapeError(
                f"{cls.__name__}.choices[].{part}.content: expected a string or null, got "
                f"{_kind(content)}"
            )
        inner_view = _new(inner_cls)
        inner_view.__dict__ = inner
        choice[part] = inner_view
        choice_view = _new(choice_cls)
        choice_view.__dict__ = choice
        views.append(choice_view)
    data["choices"] = views


def _kind(value: Any) -> str:
    return "nothing" if value is None else f"a {type(value).__name__}"


_loads = orjson.loads


def parse_chunk(raw: bytes) -> ChatCompletionChunk:
    """One stream event's data as a ``ChatCompletionChunk``: ``orjson.loads`` and the hot
    check inline (the per-chunk path: ``_check_choices`` for deltas, unrolled). Raises
    ``ValueError`` on a malformed chunk."""
    data = _loads(raw)
    if type(data) is not dict:
        raise ShapeError(f"ChatCompletionChunk: expected a JSON object, got {_kind(data)}")
    choices = data.get("choices")
    if "id" not in data or type(choices) is not list:
        if "id" not in data:
            raise ShapeError("ChatCompletionChunk.id: field required, missing")
        raise ShapeError(f"ChatCompletionChunk.choices: expected a list, got {_kind(choices)}")
    # The choices become views in place, in the parsed list (one object fewer a chunk): the
    # instance's dict shadows the eager field, so the list is never taken for an unbuilt one.
    for index, choice in enumerate(choices):
        delta = choice.get("delta") if type(choice) is dict else None
        if type(delta) is not dict or (
            (content := delta.get("content")) is not None and type(content) is not str
        ):
            _check_choices(ChatCompletionChunk, {"choices": [choice]}, "delta")  # raises: why
        delta_view = _new(ChoiceDelta)
        delta_view.__dict__ = delta  # type: ignore[assignment]
        choice["delta"] = delta_view
        choice_view = _new(ChunkChoice)
        choice_view.__dict__ = choice
        choices[index] = choice_view
    chunk = _new(ChatCompletionChunk)
    chunk.__dict__ = data
    return chunk


_new = object.__new__
_PARTS: dict[str, tuple[type[View], type[View]]] = {
    "message": (Choice, ChatCompletionMessage),
    "delta": (ChunkChoice, ChoiceDelta),
}
