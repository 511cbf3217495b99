"""Parameters and results of ``client.responses`` (OpenAI's Responses API shape).

Stream events are a union discriminated on ``type`` with every event type openai-python knows;
an event of a type this client does not know (or of a shape it no longer matches) parses as
``UnknownResponseStreamEvent`` with all its fields kept, so a new event never breaks a stream.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated, Any, Literal, TypeAlias

import pydantic
from typing_extensions import Required, TypedDict

from .._models import BaseModel
from .._models import Response as _Result
from .common import CursorPage

__all__ = [
    "CompactedResponse",
    "InputItemListParams",
    "InputTokenCountParams",
    "InputTokenCountResponse",
    "Response",
    "ResponseAudioDeltaEvent",
    "ResponseAudioDoneEvent",
    "ResponseAudioTranscriptDeltaEvent",
    "ResponseAudioTranscriptDoneEvent",
    "ResponseCodeInterpreterCallCodeDeltaEvent",
    "ResponseCodeInterpreterCallCodeDoneEvent",
    "ResponseCodeInterpreterCallCompletedEvent",
    "ResponseCodeInterpreterCallInProgressEvent",
    "ResponseCodeInterpreterCallInterpretingEvent",
    "ResponseCompactParams",
    "ResponseCompactionCompactingEvent",
    "ResponseCompletedEvent",
    "ResponseContent",
    "ResponseContentPartAddedEvent",
    "ResponseContentPartDoneEvent",
    "ResponseCreateParams",
    "ResponseCreatedEvent",
    "ResponseCustomToolCallInputDeltaEvent",
    "ResponseCustomToolCallInputDoneEvent",
    "ResponseDeleted",
    "ResponseError",
    "ResponseErrorEvent",
    "ResponseFailedEvent",
    "ResponseFileSearchCallCompletedEvent",
    "ResponseFileSearchCallInProgressEvent",
    "ResponseFileSearchCallSearchingEvent",
    "ResponseFunctionCallArgumentsDeltaEvent",
    "ResponseFunctionCallArgumentsDoneEvent",
    "ResponseImageGenCallCompletedEvent",
    "ResponseImageGenCallGeneratingEvent",
    "ResponseImageGenCallInProgressEvent",
    "ResponseImageGenCallPartialImageEvent",
    "ResponseInProgressEvent",
    "ResponseIncompleteEvent",
    "ResponseItem",
    "ResponseItemList",
    "ResponseMcpCallArgumentsDeltaEvent",
    "ResponseMcpCallArgumentsDoneEvent",
    "ResponseMcpCallCompletedEvent",
    "ResponseMcpCallFailedEvent",
    "ResponseMcpCallInProgressEvent",
    "ResponseMcpListToolsCompletedEvent",
    "ResponseMcpListToolsFailedEvent",
    "ResponseMcpListToolsInProgressEvent",
    "ResponseOutputItemAddedEvent",
    "ResponseOutputItemDoneEvent",
    "ResponseOutputTextAnnotationAddedEvent",
    "ResponseQueuedEvent",
    "ResponseReasoningSummaryPartAddedEvent",
    "ResponseReasoningSummaryPartDoneEvent",
    "ResponseReasoningSummaryTextDeltaEvent",
    "ResponseReasoningSummaryTextDoneEvent",
    "ResponseReasoningTextDeltaEvent",
    "ResponseReasoningTextDoneEvent",
    "ResponseRefusalDeltaEvent",
    "ResponseRefusalDoneEvent",
    "ResponseRetrieveParams",
    "ResponseShellCallCommandAddedEvent",
    "ResponseShellCallCommandDeltaEvent",
    "ResponseShellCallCommandDoneEvent",
    "ResponseShellCallOutputContentDeltaEvent",
    "ResponseShellCallOutputContentDoneEvent",
    "ResponseStreamEvent",
    "ResponseTextDeltaEvent",
    "ResponseTextDoneEvent",
    "ResponseUsage",
    "ResponseWebSearchCallCompletedEvent",
    "ResponseWebSearchCallInProgressEvent",
    "ResponseWebSearchCallSearchingEvent",
    "UnknownResponseStreamEvent",
    "parse_response_stream_event",
    "response_stream_event_adapter",
]

ResponseIncludable = Literal[
    "file_search_call.results",
    "web_search_call.results",
    "web_search_call.action.sources",
    "message.input_image.image_url",
    "computer_call_output.output.image_url",
    "code_interpreter_call.outputs",
    "reasoning.encrypted_content",
    "message.output_text.logprobs",
]

ResponseInput: TypeAlias = str | Iterable[Mapping[str, Any]]
"""A string, or a list of input items (``{"role": "user", "content": "Hi"}``, function call
outputs, items of earlier responses ...)."""


# -- parameters ---------------------------------------------------------------------------------


class ResponseCreateParams(TypedDict, total=False):
    """Body of ``POST /responses`` (``stream`` is a separate argument).

    LiteLLM extras (``fallbacks``, ``num_retries``, ``tags``, ``guardrails`` ...) pass through.
    """

    model: Required[str]
    input: ResponseInput
    background: bool
    conversation: str | Mapping[str, Any]
    include: Sequence[ResponseIncludable | str]
    instructions: str
    max_output_tokens: int
    max_tool_calls: int
    metadata: Mapping[str, str]
    parallel_tool_calls: bool
    previous_response_id: str
    prompt: Mapping[str, Any]
    prompt_cache_key: str
    prompt_cache_retention: Literal["in_memory", "24h"]
    reasoning: Mapping[str, Any]
    safety_identifier: str
    service_tier: str
    store: bool
    stream_options: Mapping[str, Any]
    temperature: float
    text: Mapping[str, Any]
    tool_choice: str | Mapping[str, Any]
    tools: Iterable[Mapping[str, Any]]
    top_logprobs: int
    top_p: float
    truncation: Literal["auto", "disabled"]
    user: str
    # LiteLLM proxy extras
    fallbacks: Sequence[str | Mapping[str, Any]]
    num_retries: int
    timeout: float
    tags: Sequence[str]
    guardrails: Sequence[str]


class ResponseRetrieveParams(TypedDict, total=False):
    """Query of ``GET /responses/{response_id}``."""

    include: Sequence[ResponseIncludable | str]


class ResponseCompactParams(TypedDict, total=False):
    """Body of ``POST /responses/compact``."""

    model: Required[str]
    input: ResponseInput
    instructions: str
    previous_response_id: str
    prompt_cache_key: str
    prompt_cache_retention: Literal["in_memory", "24h"]
    service_tier: str


class InputItemListParams(TypedDict, total=False):
    """Query of ``GET /responses/{response_id}/input_items`` (``after`` is set by the pager)."""

    after: str
    include: Sequence[ResponseIncludable | str]
    limit: int
    order: Literal["asc", "desc"]


class InputTokenCountParams(TypedDict, total=False):
    """Body of ``POST /responses/input_tokens``: a Responses request, counted, not run."""

    model: Required[str]
    input: Required[ResponseInput]
    conversation: str | Mapping[str, Any]
    instructions: str
    parallel_tool_calls: bool
    previous_response_id: str
    reasoning: Mapping[str, Any]
    text: Mapping[str, Any]
    tool_choice: str | Mapping[str, Any]
    tools: Iterable[Mapping[str, Any]]
    truncation: Literal["auto", "disabled"]


# -- results ------------------------------------------------------------------------------------


class ResponseContent(BaseModel):
    """One content part: ``output_text``, ``refusal``, ``input_text``, ``reasoning_text``,
    ``summary_text`` ... (fields of the other kinds are kept as extras)."""

    type: str
    text: str | None = None
    annotations: list[Any] | None = None
    logprobs: list[Any] | None = None
    refusal: str | None = None


class ResponseItem(BaseModel):
    """An input or output item: a ``message``, a ``function_call``, ``reasoning``, a tool call.

    The common fields are typed; the rest of each kind (``action``, ``results``, ``outputs``
    ...) is kept as extras.
    """

    type: str
    id: str | None = None
    status: str | None = None
    role: str | None = None
    content: str | list[ResponseContent] | None = None
    # function_call / custom_tool_call / *_output
    call_id: str | None = None
    name: str | None = None
    arguments: str | None = None
    output: Any = None
    # reasoning
    summary: list[ResponseContent] | None = None
    encrypted_content: str | None = None


class ResponseUsage(BaseModel):
    input_tokens: int = 0
    output_tokens: int = 0
    total_tokens: int = 0
    input_tokens_details: Any = None
    output_tokens_details: Any = None


class ResponseError(BaseModel):
    code: str | None = None
    message: str = ""
    param: str | None = None
    type: str | None = None


class Response(_Result):
    """A model response (``POST /responses``, ``GET /responses/{id}``, ``.../cancel``).

    LiteLLM rewrites ``id`` into a long ``resp_...`` value that names the deployment: pass it
    back as it is (``previous_response_id``, ``retrieve``).
    """

    id: str
    object: str = "response"
    created_at: float | None = None
    status: (
        Literal["completed", "failed", "in_progress", "cancelled", "queued", "incomplete"]
        | str
        | None
    ) = None
    model: str | None = None
    output: list[ResponseItem] = []
    error: ResponseError | None = None
    incomplete_details: Any = None
    instructions: Any = None
    metadata: dict[str, Any] | None = None
    parallel_tool_calls: bool | None = None
    temperature: float | None = None
    top_p: float | None = None
    tool_choice: Any = None
    tools: list[Any] | None = None
    background: bool | None = None
    completed_at: float | None = None
    max_output_tokens: int | None = None
    previous_response_id: str | None = None
    reasoning: Any = None
    service_tier: str | None = None
    text: Any = None
    truncation: str | None = None
    usage: ResponseUsage | None = None
    user: str | None = None

    @property
    def output_text(self) -> str:
        """The text of every ``output_text`` part of every output message, joined."""
        return "".join(
            part.text or ""
            for item in self.output
            if item.type == "message" and isinstance(item.content, list)
            for part in item.content
            if part.type == "output_text"
        )


class ResponseDeleted(_Result):
    """``DELETE /responses/{response_id}``."""

    id: str
    object: str = "response"
    deleted: bool


class CompactedResponse(_Result):
    """``POST /responses/compact``: the compacted conversation, as opaque output items."""

    id: str
    object: str = "response.compaction"
    created_at: float | None = None
    output: list[ResponseItem] = []
    usage: ResponseUsage | None = None


class InputTokenCountResponse(_Result):
    """``POST /responses/input_tokens``."""

    object: str = "response.input_tokens"
    input_tokens: int


class ResponseItemList(CursorPage[ResponseItem]):
    """One page of ``GET /responses/{response_id}/input_items``."""

    data: list[ResponseItem]  # required: an answer without it is not a page


# -- stream events ------------------------------------------------------------------------------
# The payload of each event (delta, text, response, item ...) is required as in openai-python;
# the bookkeeping fields are optional because LiteLLM's own translations (a non-OpenAI model
# behind /responses) leave some of them out.


class _Event(BaseModel):
    # Built on first use (the first stream), not when the module is imported.
    model_config = pydantic.ConfigDict(defer_build=True)

    sequence_number: int | None = None


class _ItemEvent(_Event):
    item_id: str | None = None
    output_index: int | None = None


class _ContentEvent(_ItemEvent):
    content_index: int | None = None


class _ResponseEvent(_Event):
    response: Response


class _OutputItemEvent(_Event):
    output_index: int | None = None
    item: ResponseItem


class _DeltaEvent(_ItemEvent):
    delta: str


class ResponseAudioDeltaEvent(_Event):
    type: Literal["response.audio.delta"] = "response.audio.delta"
    delta: str


class ResponseAudioDoneEvent(_Event):
    type: Literal["response.audio.done"] = "response.audio.done"


class ResponseAudioTranscriptDeltaEvent(_Event):
    type: Literal["response.audio.transcript.delta"] = "response.audio.transcript.delta"
    delta: str


class ResponseAudioTranscriptDoneEvent(_Event):
    type: Literal["response.audio.transcript.done"] = "response.audio.transcript.done"


class ResponseCodeInterpreterCallCodeDeltaEvent(_DeltaEvent):
    type: Literal["response.code_interpreter_call_code.delta"] = (
        "response.code_interpreter_call_code.delta"
    )


class ResponseCodeInterpreterCallCodeDoneEvent(_ItemEvent):
    type: Literal["response.code_interpreter_call_code.done"] = (
        "response.code_interpreter_call_code.done"
    )
    code: str


class ResponseCodeInterpreterCallCompletedEvent(_ItemEvent):
    type: Literal["response.code_interpreter_call.completed"] = (
        "response.code_interpreter_call.completed"
    )


class ResponseCodeInterpreterCallInProgressEvent(_ItemEvent):
    type: Literal["response.code_interpreter_call.in_progress"] = (
        "response.code_interpreter_call.in_progress"
    )


class ResponseCodeInterpreterCallInterpretingEvent(_ItemEvent):
    type: Literal["response.code_interpreter_call.interpreting"] = (
        "response.code_interpreter_call.interpreting"
    )


class ResponseCompactionCompactingEvent(_ItemEvent):
    type: Literal["response.compaction.compacting"] = "response.compaction.compacting"


class ResponseCompletedEvent(_ResponseEvent):
    type: Literal["response.completed"] = "response.completed"


class ResponseContentPartAddedEvent(_ContentEvent):
    type: Literal["response.content_part.added"] = "response.content_part.added"
    part: ResponseContent


class ResponseContentPartDoneEvent(_ContentEvent):
    type: Literal["response.content_part.done"] = "response.content_part.done"
    part: ResponseContent


class ResponseCreatedEvent(_ResponseEvent):
    type: Literal["response.created"] = "response.created"


class ResponseErrorEvent(_Event):
    """An error reported in the stream (the stream may go on or end after it)."""

    type: Literal["error"] = "error"
    message: str
    code: str | None = None
    param: str | None = None


class ResponseFileSearchCallCompletedEvent(_ItemEvent):
    type: Literal["response.file_search_call.completed"] = "response.file_search_call.completed"


class ResponseFileSearchCallInProgressEvent(_ItemEvent):
    type: Literal["response.file_search_call.in_progress"] = "response.file_search_call.in_progress"


class ResponseFileSearchCallSearchingEvent(_ItemEvent):
    type: Literal["response.file_search_call.searching"] = "response.file_search_call.searching"


class ResponseFunctionCallArgumentsDeltaEvent(_DeltaEvent):
    type: Literal["response.function_call_arguments.delta"] = (
        "response.function_call_arguments.delta"
    )


class ResponseFunctionCallArgumentsDoneEvent(_ItemEvent):
    type: Literal["response.function_call_arguments.done"] = "response.function_call_arguments.done"
    arguments: str
    name: str | None = None


class ResponseShellCallCommandAddedEvent(_Event):
    type: Literal["response.shell_call_command.added"] = "response.shell_call_command.added"
    command: str
    command_index: int | None = None
    output_index: int | None = None


class ResponseShellCallCommandDeltaEvent(_Event):
    type: Literal["response.shell_call_command.delta"] = "response.shell_call_command.delta"
    delta: str
    command_index: int | None = None
    output_index: int | None = None
    obfuscation: str | None = None


class ResponseShellCallCommandDoneEvent(_Event):
    type: Literal["response.shell_call_command.done"] = "response.shell_call_command.done"
    command: str
    command_index: int | None = None
    output_index: int | None = None


class ResponseShellCallOutputContentDeltaEvent(_ItemEvent):
    type: Literal["response.shell_call_output_content.delta"] = (
        "response.shell_call_output_content.delta"
    )
    delta: Any
    command_index: int | None = None


class ResponseShellCallOutputContentDoneEvent(_ItemEvent):
    type: Literal["response.shell_call_output_content.done"] = (
        "response.shell_call_output_content.done"
    )
    output: list[Any]
    command_index: int | None = None


class ResponseInProgressEvent(_ResponseEvent):
    type: Literal["response.in_progress"] = "response.in_progress"


class ResponseFailedEvent(_ResponseEvent):
    type: Literal["response.failed"] = "response.failed"


class ResponseIncompleteEvent(_ResponseEvent):
    type: Literal["response.incomplete"] = "response.incomplete"


class ResponseOutputItemAddedEvent(_OutputItemEvent):
    type: Literal["response.output_item.added"] = "response.output_item.added"


class ResponseOutputItemDoneEvent(_OutputItemEvent):
    type: Literal["response.output_item.done"] = "response.output_item.done"


class ResponseReasoningSummaryPartAddedEvent(_ItemEvent):
    type: Literal["response.reasoning_summary_part.added"] = "response.reasoning_summary_part.added"
    part: ResponseContent
    summary_index: int | None = None


class ResponseReasoningSummaryPartDoneEvent(_ItemEvent):
    type: Literal["response.reasoning_summary_part.done"] = "response.reasoning_summary_part.done"
    part: ResponseContent
    summary_index: int | None = None
    status: str | None = None


class ResponseReasoningSummaryTextDeltaEvent(_DeltaEvent):
    type: Literal["response.reasoning_summary_text.delta"] = "response.reasoning_summary_text.delta"
    summary_index: int | None = None


class ResponseReasoningSummaryTextDoneEvent(_ItemEvent):
    type: Literal["response.reasoning_summary_text.done"] = "response.reasoning_summary_text.done"
    text: str
    summary_index: int | None = None


class ResponseReasoningTextDeltaEvent(_ContentEvent):
    type: Literal["response.reasoning_text.delta"] = "response.reasoning_text.delta"
    delta: str


class ResponseReasoningTextDoneEvent(_ContentEvent):
    type: Literal["response.reasoning_text.done"] = "response.reasoning_text.done"
    text: str


class ResponseRefusalDeltaEvent(_ContentEvent):
    type: Literal["response.refusal.delta"] = "response.refusal.delta"
    delta: str


class ResponseRefusalDoneEvent(_ContentEvent):
    type: Literal["response.refusal.done"] = "response.refusal.done"
    refusal: str


class ResponseTextDeltaEvent(_ContentEvent):
    """A piece of output text: ``event.delta``."""

    type: Literal["response.output_text.delta"] = "response.output_text.delta"
    delta: str
    logprobs: list[Any] | None = None


class ResponseTextDoneEvent(_ContentEvent):
    type: Literal["response.output_text.done"] = "response.output_text.done"
    text: str
    logprobs: list[Any] | None = None


class ResponseWebSearchCallCompletedEvent(_ItemEvent):
    type: Literal["response.web_search_call.completed"] = "response.web_search_call.completed"


class ResponseWebSearchCallInProgressEvent(_ItemEvent):
    type: Literal["response.web_search_call.in_progress"] = "response.web_search_call.in_progress"


class ResponseWebSearchCallSearchingEvent(_ItemEvent):
    type: Literal["response.web_search_call.searching"] = "response.web_search_call.searching"


class ResponseImageGenCallCompletedEvent(_ItemEvent):
    type: Literal["response.image_generation_call.completed"] = (
        "response.image_generation_call.completed"
    )


class ResponseImageGenCallGeneratingEvent(_ItemEvent):
    type: Literal["response.image_generation_call.generating"] = (
        "response.image_generation_call.generating"
    )


class ResponseImageGenCallInProgressEvent(_ItemEvent):
    type: Literal["response.image_generation_call.in_progress"] = (
        "response.image_generation_call.in_progress"
    )


class ResponseImageGenCallPartialImageEvent(_ItemEvent):
    type: Literal["response.image_generation_call.partial_image"] = (
        "response.image_generation_call.partial_image"
    )
    partial_image_b64: str
    partial_image_index: int | None = None
    background: str | None = None
    output_format: str | None = None
    quality: str | None = None
    size: str | None = None


class ResponseMcpCallArgumentsDeltaEvent(_DeltaEvent):
    type: Literal["response.mcp_call_arguments.delta"] = "response.mcp_call_arguments.delta"


class ResponseMcpCallArgumentsDoneEvent(_ItemEvent):
    type: Literal["response.mcp_call_arguments.done"] = "response.mcp_call_arguments.done"
    arguments: str


class ResponseMcpCallCompletedEvent(_ItemEvent):
    type: Literal["response.mcp_call.completed"] = "response.mcp_call.completed"


class ResponseMcpCallFailedEvent(_ItemEvent):
    type: Literal["response.mcp_call.failed"] = "response.mcp_call.failed"


class ResponseMcpCallInProgressEvent(_ItemEvent):
    type: Literal["response.mcp_call.in_progress"] = "response.mcp_call.in_progress"


class ResponseMcpListToolsCompletedEvent(_ItemEvent):
    type: Literal["response.mcp_list_tools.completed"] = "response.mcp_list_tools.completed"


class ResponseMcpListToolsFailedEvent(_ItemEvent):
    type: Literal["response.mcp_list_tools.failed"] = "response.mcp_list_tools.failed"


class ResponseMcpListToolsInProgressEvent(_ItemEvent):
    type: Literal["response.mcp_list_tools.in_progress"] = "response.mcp_list_tools.in_progress"


class ResponseOutputTextAnnotationAddedEvent(_ContentEvent):
    type: Literal["response.output_text.annotation.added"] = "response.output_text.annotation.added"
    annotation: Any = None
    annotation_index: int | None = None


class ResponseQueuedEvent(_ResponseEvent):
    type: Literal["response.queued"] = "response.queued"


class ResponseCustomToolCallInputDeltaEvent(_DeltaEvent):
    type: Literal["response.custom_tool_call_input.delta"] = "response.custom_tool_call_input.delta"


class ResponseCustomToolCallInputDoneEvent(_ItemEvent):
    type: Literal["response.custom_tool_call_input.done"] = "response.custom_tool_call_input.done"
    input: str


class UnknownResponseStreamEvent(_Event):
    """An event of a type this client does not know (a newer API), with all its fields kept
    as extras: ``event.model_extra``."""

    type: str


KnownResponseStreamEvent: TypeAlias = Annotated[
    (
        ResponseAudioDeltaEvent
        | ResponseAudioDoneEvent
        | ResponseAudioTranscriptDeltaEvent
        | ResponseAudioTranscriptDoneEvent
        | ResponseCodeInterpreterCallCodeDeltaEvent
        | ResponseCodeInterpreterCallCodeDoneEvent
        | ResponseCodeInterpreterCallCompletedEvent
        | ResponseCodeInterpreterCallInProgressEvent
        | ResponseCodeInterpreterCallInterpretingEvent
        | ResponseCompactionCompactingEvent
        | ResponseCompletedEvent
        | ResponseContentPartAddedEvent
        | ResponseContentPartDoneEvent
        | ResponseCreatedEvent
        | ResponseErrorEvent
        | ResponseFileSearchCallCompletedEvent
        | ResponseFileSearchCallInProgressEvent
        | ResponseFileSearchCallSearchingEvent
        | ResponseFunctionCallArgumentsDeltaEvent
        | ResponseFunctionCallArgumentsDoneEvent
        | ResponseShellCallCommandAddedEvent
        | ResponseShellCallCommandDeltaEvent
        | ResponseShellCallCommandDoneEvent
        | ResponseShellCallOutputContentDeltaEvent
        | ResponseShellCallOutputContentDoneEvent
        | ResponseInProgressEvent
        | ResponseFailedEvent
        | ResponseIncompleteEvent
        | ResponseOutputItemAddedEvent
        | ResponseOutputItemDoneEvent
        | ResponseReasoningSummaryPartAddedEvent
        | ResponseReasoningSummaryPartDoneEvent
        | ResponseReasoningSummaryTextDeltaEvent
        | ResponseReasoningSummaryTextDoneEvent
        | ResponseReasoningTextDeltaEvent
        | ResponseReasoningTextDoneEvent
        | ResponseRefusalDeltaEvent
        | ResponseRefusalDoneEvent
        | ResponseTextDeltaEvent
        | ResponseTextDoneEvent
        | ResponseWebSearchCallCompletedEvent
        | ResponseWebSearchCallInProgressEvent
        | ResponseWebSearchCallSearchingEvent
        | ResponseImageGenCallCompletedEvent
        | ResponseImageGenCallGeneratingEvent
        | ResponseImageGenCallInProgressEvent
        | ResponseImageGenCallPartialImageEvent
        | ResponseMcpCallArgumentsDeltaEvent
        | ResponseMcpCallArgumentsDoneEvent
        | ResponseMcpCallCompletedEvent
        | ResponseMcpCallFailedEvent
        | ResponseMcpCallInProgressEvent
        | ResponseMcpListToolsCompletedEvent
        | ResponseMcpListToolsFailedEvent
        | ResponseMcpListToolsInProgressEvent
        | ResponseOutputTextAnnotationAddedEvent
        | ResponseQueuedEvent
        | ResponseCustomToolCallInputDeltaEvent
        | ResponseCustomToolCallInputDoneEvent
    ),
    pydantic.Field(discriminator="type"),
]

# The tagged union picks the model from ``type`` in one lookup (no trying of each member);
# whatever it rejects (an unknown type, a changed shape) falls through to the catch-all.
ResponseStreamEvent: TypeAlias = Annotated[
    KnownResponseStreamEvent | UnknownResponseStreamEvent,
    pydantic.Field(union_mode="left_to_right"),
]
"""One event of a streamed response; narrow with ``isinstance`` or ``event.type``."""


@functools.cache
def response_stream_event_adapter() -> pydantic.TypeAdapter[ResponseStreamEvent]:
    """The one ``TypeAdapter`` over ``ResponseStreamEvent``, built on first use."""
    return pydantic.TypeAdapter(ResponseStreamEvent)


def parse_response_stream_event(data: bytes | str) -> ResponseStreamEvent:
    """Parse one event's JSON (the ``data:`` of an SSE event, a WebSocket frame) into its
    typed model; an unknown ``type`` gives an ``UnknownResponseStreamEvent``."""
    return response_stream_event_adapter().validate_json(data)
