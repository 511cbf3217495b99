"""Types of ``client.anthropic``: Anthropic's Messages API (``/v1/messages``) and Skills API
(``/v1/skills``) as the proxy serves them.

Shapes follow the anthropic SDK. Content blocks, stream events and their deltas are unions
keyed by ``type``; a type this client does not know arrives as the ``Unknown...`` model with all
its fields kept, so a newer API never breaks a call or a stream.
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal, TypeAlias

import pydantic
from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response

__all__ = [
    "ContentBlock",
    "ContentBlockDeltaEvent",
    "ContentBlockStartEvent",
    "ContentBlockStopEvent",
    "InputJSONDelta",
    "Message",
    "MessageCountTokensParams",
    "MessageCreateParams",
    "MessageDeltaEvent",
    "MessageDeltaInfo",
    "MessageParam",
    "MessageStartEvent",
    "MessageStopEvent",
    "MessageStreamEvent",
    "MessageTokensCount",
    "PingEvent",
    "RawContentBlockDelta",
    "RedactedThinkingBlock",
    "ServerToolUseBlock",
    "SignatureDelta",
    "Skill",
    "SkillCreateParams",
    "SkillDeleted",
    "SkillList",
    "SkillListParams",
    "SkillTargetParams",
    "TextBlock",
    "TextDelta",
    "ThinkingBlock",
    "ThinkingDelta",
    "ToolUseBlock",
    "UnknownContentBlock",
    "UnknownDelta",
    "UnknownMessageStreamEvent",
    "Usage",
    "message_stream_event_adapter",
    "parse_message_stream_event",
]


# -- request parameters (hand-written: the OpenAPI document has no body schema) ---------------


class MessageParam(TypedDict):
    """One turn of the conversation: ``content`` is a string or a list of content blocks."""

    role: Literal["user", "assistant"]
    content: str | list[dict[str, Any]]


class _HeaderParams(TypedDict, total=False):
    anthropic_version: str
    """Sent as the ``anthropic-version`` header (default ``2023-06-01``)."""
    anthropic_beta: str | list[str]
    """Sent as the ``anthropic-beta`` header (a list is joined with commas)."""


class MessageCountTokensParams(_HeaderParams, total=False):
    """Body of ``POST /v1/messages/count_tokens``."""

    model: Required[str]
    messages: Required[list[MessageParam]]
    system: str | list[dict[str, Any]]
    tools: list[dict[str, Any]]
    tool_choice: dict[str, Any]
    thinking: dict[str, Any]
    mcp_servers: list[dict[str, Any]]
    context_management: dict[str, Any]


class MessageCreateParams(MessageCountTokensParams, total=False):
    """Body of ``POST /v1/messages`` (``stream`` is the method's own argument)."""

    max_tokens: Required[int]
    metadata: dict[str, Any]
    stop_sequences: list[str]
    temperature: float
    top_p: float
    top_k: int
    service_tier: str
    container: str | dict[str, Any]
    output_format: dict[str, Any]


class SkillTargetParams(TypedDict, total=False):
    """Where the proxy sends a skills call."""

    custom_llm_provider: str
    """Whose skills: ``anthropic`` (the proxy's default) or ``litellm_proxy``."""
    model: str
    """A proxy model name, to pick the provider account."""


class SkillListParams(SkillTargetParams, total=False):
    """Query of ``GET /v1/skills``."""

    limit: int
    page: str
    """The ``next_page`` token of the previous page (the pager sets it)."""
    source: Literal["custom", "anthropic"]
    query: str
    """``litellm_proxy`` only: rank the skills by similarity to this text (needs the proxy's
    ``skill_search_embedding_model``); one page, each with ``search_score``."""
    top_k: int
    """With ``query``: how many skills."""


class SkillCreateParams(SkillTargetParams, total=False):
    """Form fields of ``POST /v1/skills`` besides the uploaded file."""

    display_title: str
    description: str
    """``litellm_proxy`` only (Anthropic reads it from ``SKILL.md``)."""
    instructions: str
    """``litellm_proxy`` only."""


# -- messages ----------------------------------------------------------------------------------


class _Block(BaseModel):
    type: str


class TextBlock(_Block):
    type: Literal["text"] = "text"
    text: str = ""
    citations: list[dict[str, Any]] | None = None


class ToolUseBlock(_Block):
    type: Literal["tool_use"] = "tool_use"
    id: str
    name: str
    input: Any = None


class ServerToolUseBlock(_Block):
    type: Literal["server_tool_use"] = "server_tool_use"
    id: str
    name: str
    input: Any = None


class ThinkingBlock(_Block):
    type: Literal["thinking"] = "thinking"
    thinking: str = ""
    signature: str | None = None


class RedactedThinkingBlock(_Block):
    type: Literal["redacted_thinking"] = "redacted_thinking"
    data: str = ""


class UnknownContentBlock(_Block):
    """A content block of a type this client does not know; its fields are in
    ``block.model_extra``."""


_KnownContentBlock: TypeAlias = Annotated[
    TextBlock | ToolUseBlock | ServerToolUseBlock | ThinkingBlock | RedactedThinkingBlock,
    pydantic.Field(discriminator="type"),
]
# The tagged union picks the model from ``type``; what it rejects falls to the catch-all.
ContentBlock: TypeAlias = Annotated[
    _KnownContentBlock | UnknownContentBlock, pydantic.Field(union_mode="left_to_right")
]
"""One block of a message's ``content``; narrow with ``isinstance`` or ``block.type``."""


class Usage(BaseModel):
    input_tokens: int | None = None
    output_tokens: int | None = None
    cache_creation_input_tokens: int | None = None
    cache_read_input_tokens: int | None = None
    server_tool_use: dict[str, Any] | None = None
    service_tier: str | None = None


class Message(Response):
    """A model's answer: ``POST /v1/messages``."""

    id: str = ""
    type: str = "message"
    role: str = "assistant"
    model: str | None = None
    content: list[ContentBlock] = []
    stop_reason: str | None = None
    """``end_turn``, ``max_tokens``, ``stop_sequence``, ``tool_use``, ``pause_turn``,
    ``refusal``."""
    stop_sequence: str | None = None
    usage: Usage | None = None

    @property
    def text(self) -> str:
        """The text of all text blocks, joined."""
        return "".join(block.text for block in self.content if isinstance(block, TextBlock))


class MessageTokensCount(Response):
    """``POST /v1/messages/count_tokens``."""

    input_tokens: int


# -- stream events -----------------------------------------------------------------------------


class _Delta(BaseModel):
    type: str


class TextDelta(_Delta):
    type: Literal["text_delta"] = "text_delta"
    text: str = ""


class InputJSONDelta(_Delta):
    type: Literal["input_json_delta"] = "input_json_delta"
    partial_json: str = ""


class ThinkingDelta(_Delta):
    type: Literal["thinking_delta"] = "thinking_delta"
    thinking: str = ""


class SignatureDelta(_Delta):
    type: Literal["signature_delta"] = "signature_delta"
    signature: str = ""


class UnknownDelta(_Delta):
    """A delta of a type this client does not know (``citations_delta``...)."""


RawContentBlockDelta: TypeAlias = Annotated[
    Annotated[
        TextDelta | InputJSONDelta | ThinkingDelta | SignatureDelta,
        pydantic.Field(discriminator="type"),
    ]
    | UnknownDelta,
    pydantic.Field(union_mode="left_to_right"),
]


class _Event(BaseModel):
    type: str


class MessageStartEvent(_Event):
    type: Literal["message_start"] = "message_start"
    message: Message


class ContentBlockStartEvent(_Event):
    type: Literal["content_block_start"] = "content_block_start"
    index: int
    content_block: ContentBlock


class ContentBlockDeltaEvent(_Event):
    type: Literal["content_block_delta"] = "content_block_delta"
    index: int
    delta: RawContentBlockDelta


class ContentBlockStopEvent(_Event):
    type: Literal["content_block_stop"] = "content_block_stop"
    index: int


class MessageDeltaInfo(BaseModel):
    stop_reason: str | None = None
    stop_sequence: str | None = None


class MessageDeltaEvent(_Event):
    type: Literal["message_delta"] = "message_delta"
    delta: MessageDeltaInfo = MessageDeltaInfo()
    usage: Usage | None = None


class MessageStopEvent(_Event):
    type: Literal["message_stop"] = "message_stop"


class PingEvent(_Event):
    type: Literal["ping"] = "ping"


class UnknownMessageStreamEvent(_Event):
    """An event of a type this client does not know; its fields are in ``event.model_extra``."""


_KnownMessageStreamEvent: TypeAlias = Annotated[
    MessageStartEvent
    | ContentBlockStartEvent
    | ContentBlockDeltaEvent
    | ContentBlockStopEvent
    | MessageDeltaEvent
    | MessageStopEvent
    | PingEvent,
    pydantic.Field(discriminator="type"),
]
MessageStreamEvent: TypeAlias = Annotated[
    _KnownMessageStreamEvent | UnknownMessageStreamEvent,
    pydantic.Field(union_mode="left_to_right"),
]
"""One event of a streamed message; narrow with ``isinstance`` or ``event.type``. (An
``error`` event is not one: it raises the typed error.)"""


@functools.cache
def message_stream_event_adapter() -> pydantic.TypeAdapter[MessageStreamEvent]:
    """The one ``TypeAdapter`` over ``MessageStreamEvent``, built on first use."""
    return pydantic.TypeAdapter(MessageStreamEvent)


def parse_message_stream_event(data: bytes | str) -> MessageStreamEvent:
    """Parse one event's JSON into its typed model."""
    return message_stream_event_adapter().validate_json(data)


# -- skills ------------------------------------------------------------------------------------


class Skill(Response):
    id: str
    type: str = "skill"
    display_title: str | None = None
    latest_version: str | None = None
    source: str | None = None
    """``custom`` or ``anthropic``."""
    description: str | None = None
    search_score: float | None = None
    """Set by a ``list(query=...)`` search."""
    created_at: str | None = None
    updated_at: str | None = None


class SkillList(Response):
    data: list[Skill] = []
    has_more: bool = False
    next_page: str | None = None


class SkillDeleted(Response):
    id: str
    type: str = "skill_deleted"
