"""Parameters and results of ``client.assistants`` (OpenAI's Assistants API, deprecated for
Responses): assistants, threads, messages, runs and the events of a streamed run.

Models follow openai-python's (``openai.types.beta``); fields the proxy may omit are optional
and unknown fields are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import pydantic
from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response
from .common import CursorPage

__all__ = [
    "Assistant",
    "AssistantCreateParams",
    "AssistantDeleted",
    "AssistantList",
    "AssistantListParams",
    "AssistantStreamEvent",
    "AssistantTool",
    "ErrorObject",
    "FunctionDefinition",
    "Message",
    "MessageContent",
    "MessageCreateParams",
    "MessageDelta",
    "MessageDeltaEvent",
    "MessageList",
    "MessageListParams",
    "MessageParam",
    "Run",
    "RunCreateParams",
    "RunStep",
    "RunStepDeltaEvent",
    "RunUsage",
    "Text",
    "Thread",
    "ThreadCreateParams",
    "ToolResources",
]

Metadata = Mapping[str, str]


# -- parameters ---------------------------------------------------------------------------------


class AssistantCreateParams(TypedDict, total=False):
    """Body of ``POST /assistants``."""

    model: Required[str]
    name: str | None
    description: str | None
    instructions: str | None
    metadata: Metadata | None
    tools: Iterable[Mapping[str, Any]]
    """``{"type": "code_interpreter"}``, ``{"type": "file_search"}``, or
    ``{"type": "function", "function": {"name": ..., "parameters": {...}}}``."""
    tool_resources: Mapping[str, Any] | None
    response_format: str | Mapping[str, Any] | None
    reasoning_effort: str | None
    temperature: float | None
    top_p: float | None


class _CursorParams(TypedDict, total=False):
    after: str
    """The id of the last object of the previous page (``async for`` sets it)."""
    before: str
    limit: int
    order: Literal["asc", "desc"]


class AssistantListParams(_CursorParams, total=False):
    """Query of ``GET /assistants``."""


class MessageParam(TypedDict, total=False):
    """A message to put on a thread: ``{"role": "user", "content": "Hi"}``."""

    role: Required[Literal["user", "assistant"]]
    content: Required[str | Sequence[Mapping[str, Any]]]
    attachments: Sequence[Mapping[str, Any]] | None
    metadata: Metadata | None


class ThreadCreateParams(TypedDict, total=False):
    """Body of ``POST /threads``."""

    messages: Iterable[MessageParam]
    metadata: Metadata | None
    tool_resources: Mapping[str, Any] | None


class MessageCreateParams(TypedDict, total=False):
    """Body of ``POST /threads/{thread_id}/messages``."""

    role: Required[Literal["user", "assistant"]]
    content: Required[str | Sequence[Mapping[str, Any]]]
    attachments: Sequence[Mapping[str, Any]] | None
    metadata: Metadata | None


class MessageListParams(_CursorParams, total=False):
    """Query of ``GET /threads/{thread_id}/messages``."""

    run_id: str


class RunCreateParams(TypedDict, total=False):
    """Body of ``POST /threads/{thread_id}/runs`` (``stream`` is a separate argument)."""

    assistant_id: Required[str]
    additional_instructions: str | None
    additional_messages: Iterable[MessageParam] | None
    instructions: str | None
    include: Sequence[str]
    max_completion_tokens: int | None
    max_prompt_tokens: int | None
    metadata: Metadata | None
    model: str | None
    parallel_tool_calls: bool
    reasoning_effort: str | None
    response_format: str | Mapping[str, Any] | None
    temperature: float | None
    tool_choice: str | Mapping[str, Any] | None
    tools: Iterable[Mapping[str, Any]] | None
    top_p: float | None
    truncation_strategy: Mapping[str, Any] | None


# -- results ------------------------------------------------------------------------------------


class FunctionDefinition(BaseModel):
    name: str
    description: str | None = None
    parameters: dict[str, Any] | None = None
    strict: bool | None = None


class AssistantTool(BaseModel):
    """``code_interpreter``, ``file_search`` or ``function`` (then ``function`` is set)."""

    type: str
    function: FunctionDefinition | None = None
    file_search: dict[str, Any] | None = None


class ToolResources(BaseModel):
    code_interpreter: dict[str, Any] | None = None
    file_search: dict[str, Any] | None = None


class Assistant(Response):
    """An assistant: a model with instructions and tools."""

    id: str
    object: str = "assistant"
    created_at: int | None = None
    model: str | None = None
    name: str | None = None
    description: str | None = None
    instructions: str | None = None
    metadata: dict[str, str] | None = None
    tools: list[AssistantTool] = []
    tool_resources: ToolResources | None = None
    response_format: Any = None
    temperature: float | None = None
    top_p: float | None = None


class AssistantDeleted(Response):
    """``DELETE /assistants/{assistant_id}``."""

    id: str
    deleted: bool
    object: str = "assistant.deleted"


class AssistantList(CursorPage[Assistant]):
    """One page of ``GET /assistants``."""

    data: list[Assistant]  # required: an answer without it is not a page


class Thread(Response):
    """A conversation an assistant runs on."""

    id: str
    object: str = "thread"
    created_at: int | None = None
    metadata: dict[str, str] | None = None
    tool_resources: ToolResources | None = None


class Text(BaseModel):
    value: str
    annotations: list[dict[str, Any]] = []


class MessageContent(BaseModel):
    """One block of a message: ``type`` says which of the other fields is set (``text``,
    ``image_file``, ``image_url``, ``refusal``)."""

    type: str
    text: Text | None = None
    image_file: dict[str, Any] | None = None
    image_url: dict[str, Any] | None = None
    refusal: str | None = None


class Message(Response):
    """A message of a thread."""

    id: str
    object: str = "thread.message"
    thread_id: str | None = None
    role: str | None = None
    content: list[MessageContent] = []
    status: str | None = None
    created_at: int | None = None
    completed_at: int | None = None
    incomplete_at: int | None = None
    incomplete_details: dict[str, Any] | None = None
    assistant_id: str | None = None
    run_id: str | None = None
    attachments: list[dict[str, Any]] | None = None
    metadata: dict[str, str] | None = None

    @property
    def text(self) -> str:
        """The text blocks of the message, joined."""
        return "".join(block.text.value for block in self.content if block.text is not None)


class MessageList(CursorPage[Message]):
    """One page of ``GET /threads/{thread_id}/messages``."""

    data: list[Message]  # required: an answer without it is not a page


class RunUsage(BaseModel):
    completion_tokens: int = 0
    prompt_tokens: int = 0
    total_tokens: int = 0


class Run(Response):
    """A run of an assistant on a thread. The proxy answers a run created without
    ``stream`` once it has ended (it polls the provider until then)."""

    id: str
    object: str = "thread.run"
    thread_id: str | None = None
    assistant_id: str | None = None
    status: str | None = None
    """queued, in_progress, requires_action, cancelling, cancelled, failed, completed,
    incomplete or expired."""
    model: str | None = None
    instructions: str | None = None
    tools: list[AssistantTool] = []
    created_at: int | None = None
    started_at: int | None = None
    completed_at: int | None = None
    cancelled_at: int | None = None
    failed_at: int | None = None
    expires_at: int | None = None
    last_error: dict[str, Any] | None = None
    incomplete_details: dict[str, Any] | None = None
    required_action: dict[str, Any] | None = None
    usage: RunUsage | None = None
    metadata: dict[str, str] | None = None
    max_completion_tokens: int | None = None
    max_prompt_tokens: int | None = None
    parallel_tool_calls: bool | None = None
    response_format: Any = None
    tool_choice: Any = None
    truncation_strategy: dict[str, Any] | None = None
    temperature: float | None = None
    top_p: float | None = None


class RunStep(BaseModel):
    """A step of a run (a message created, tools called)."""

    id: str
    object: str = "thread.run.step"
    run_id: str | None = None
    thread_id: str | None = None
    assistant_id: str | None = None
    type: str | None = None
    status: str | None = None
    step_details: dict[str, Any] | None = None
    created_at: int | None = None
    completed_at: int | None = None
    usage: RunUsage | None = None


class RunStepDeltaEvent(BaseModel):
    id: str
    object: str = "thread.run.step.delta"
    delta: dict[str, Any] = {}


class MessageDelta(BaseModel):
    role: str | None = None
    content: list[dict[str, Any]] = []

    @property
    def text(self) -> str:
        """The text this delta adds."""
        return "".join(
            str((part.get("text") or {}).get("value") or "")
            for part in self.content
            if part.get("type") == "text"
        )


class MessageDeltaEvent(BaseModel):
    id: str
    object: str = "thread.message.delta"
    delta: MessageDelta


class ErrorObject(BaseModel):
    message: str | None = None
    code: str | None = None
    type: str | None = None
    param: str | None = None


EventData = (
    Run
    | RunStep
    | RunStepDeltaEvent
    | Message
    | MessageDeltaEvent
    | Thread
    | ErrorObject
    | dict[str, Any]
)

# The model of ``data`` by event name (OpenAI's AssistantStreamEvent union); an event not
# listed keeps its data as plain JSON.
_EVENT_DATA: dict[str, type[pydantic.BaseModel]] = {
    "thread.created": Thread,
    "thread.run.step.delta": RunStepDeltaEvent,
    "thread.message.delta": MessageDeltaEvent,
    "error": ErrorObject,
}
_PREFIX_DATA: tuple[tuple[str, type[pydantic.BaseModel]], ...] = (
    ("thread.run.step.", RunStep),
    ("thread.run.", Run),
    ("thread.message.", Message),
)


def _data_model(event: str) -> type[pydantic.BaseModel] | None:
    model = _EVENT_DATA.get(event)
    if model is not None:
        return model
    for prefix, cls in _PREFIX_DATA:
        if event.startswith(prefix):
            return cls
    return None


class AssistantStreamEvent(BaseModel):
    """One event of a streamed run: ``event`` names it (``thread.run.created``,
    ``thread.message.delta``, ``thread.run.completed`` ...) and ``data`` is the matching model:
    ``Run`` for ``thread.run.*``, ``RunStep`` / ``RunStepDeltaEvent`` for
    ``thread.run.step.*``, ``Message`` / ``MessageDeltaEvent`` for ``thread.message.*``,
    ``Thread`` for ``thread.created``, ``ErrorObject`` for ``error``; plain JSON otherwise."""

    event: str
    data: EventData

    @pydantic.field_validator("data", mode="wrap")
    @classmethod
    def _typed_data(
        cls,
        value: Any,
        handler: pydantic.ValidatorFunctionWrapHandler,
        info: pydantic.ValidationInfo,
    ) -> Any:
        model = _data_model(str(info.data.get("event", "")))
        if model is not None:
            return model.model_validate(value)
        if isinstance(value, dict):
            return value  # an event this client does not know: its data as sent
        return handler(value)
