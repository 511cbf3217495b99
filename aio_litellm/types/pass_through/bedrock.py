"""Parameters and results of ``client.pass_through.bedrock``'s typed methods: Bedrock Runtime's
Converse and InvokeModel, guardrails, and the agent runtime (knowledge bases, agents).

The wire format is AWS's camelCase (``stopReason``, ``inputTokens``); request TypedDicts keep it,
the result models expose snake_case attributes and accept either spelling. Names follow the AWS
SDK for JavaScript (``ConverseResponse``, ``ContentBlockDeltaEvent`` ...).
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypeAlias

import pydantic
from typing_extensions import Required, TypedDict

from .._camel import CamelModel, CamelResponse

__all__ = [
    "AgentChunkEvent",
    "AgentEvent",
    "ApplyGuardrailParams",
    "ApplyGuardrailResponse",
    "BedrockMessage",
    "BedrockMessageParam",
    "ContentBlockDeltaEvent",
    "ContentBlockStartEvent",
    "ContentBlockStopEvent",
    "ConverseMetrics",
    "ConverseOutput",
    "ConverseParams",
    "ConverseResponse",
    "ConverseStreamEvent",
    "ConverseStreamMetadataEvent",
    "InferenceConfigParam",
    "InvokeAgentEvent",
    "InvokeAgentParams",
    "KnowledgeBaseRetrievalResult",
    "MessageStartEvent",
    "MessageStopEvent",
    "RetrieveAndGenerateParams",
    "RetrieveAndGenerateResponse",
    "RetrieveParams",
    "RetrieveResponse",
    "TokenUsage",
    "UnknownConverseStreamEvent",
]


# --- request shapes -------------------------------------------------------------------------


class BedrockMessageParam(TypedDict):
    """One turn: ``{"role": "user", "content": [{"text": "Hi"}]}`` (content blocks: ``text``,
    ``image``, ``document``, ``toolUse``, ``toolResult``, ``cachePoint`` ...)."""

    role: Literal["user", "assistant"]
    content: Sequence[Mapping[str, Any]]


class InferenceConfigParam(TypedDict, total=False):
    maxTokens: int
    temperature: float
    topP: float
    stopSequences: Sequence[str]


class ConverseParams(TypedDict, total=False):
    """Body of ``POST model/{modelId}/converse`` (and ``converse-stream``)."""

    messages: Required[Sequence[BedrockMessageParam]]
    system: Sequence[Mapping[str, Any]]
    """System blocks: ``[{"text": "..."}]`` (or ``guardContent``, ``cachePoint``)."""
    inferenceConfig: InferenceConfigParam
    toolConfig: Mapping[str, Any]
    """``{"tools": [{"toolSpec": {...}}], "toolChoice": {...}}``."""
    guardrailConfig: Mapping[str, Any]
    additionalModelRequestFields: Mapping[str, Any]
    additionalModelResponseFieldPaths: Sequence[str]
    promptVariables: Mapping[str, Any]
    requestMetadata: Mapping[str, str]
    performanceConfig: Mapping[str, Any]


class ApplyGuardrailParams(TypedDict, total=False):
    """Body of ``POST guardrail/{id}/version/{version}/apply``."""

    source: Required[Literal["INPUT", "OUTPUT"]]
    content: Required[Sequence[Mapping[str, Any]]]
    """``[{"text": {"text": "..."}}]`` (or ``image``)."""
    outputScope: Literal["INTERVENTIONS", "FULL"]


class RetrieveParams(TypedDict, total=False):
    """Body of ``POST knowledgebases/{id}/retrieve``."""

    retrievalQuery: Required[Mapping[str, Any]]
    """``{"text": "..."}``."""
    retrievalConfiguration: Mapping[str, Any]
    guardrailConfiguration: Mapping[str, Any]
    nextToken: str


class RetrieveAndGenerateParams(TypedDict, total=False):
    """Body of ``POST retrieveAndGenerate``."""

    input: Required[Mapping[str, Any]]
    """``{"text": "..."}``."""
    retrieveAndGenerateConfiguration: Mapping[str, Any]
    """``{"type": "KNOWLEDGE_BASE", "knowledgeBaseConfiguration": {...}}``."""
    sessionConfiguration: Mapping[str, Any]
    sessionId: str


class InvokeAgentParams(TypedDict, total=False):
    """Body of ``POST agents/{agentId}/agentAliases/{aliasId}/sessions/{sessionId}/text``."""

    inputText: str
    enableTrace: bool
    endSession: bool
    sessionState: Mapping[str, Any]
    memoryId: str
    bedrockModelConfigurations: Mapping[str, Any]
    streamingConfigurations: Mapping[str, Any]
    promptCreationConfigurations: Mapping[str, Any]
    sourceArn: str


# --- Converse results -----------------------------------------------------------------------


class TokenUsage(CamelModel):
    input_tokens: int | None = None
    output_tokens: int | None = None
    total_tokens: int | None = None
    cache_read_input_tokens: int | None = None
    cache_write_input_tokens: int | None = None


class ConverseMetrics(CamelModel):
    latency_ms: int | None = None


class BedrockMessage(CamelModel):
    role: str | None = None
    content: list[dict[str, Any]] = pydantic.Field(default_factory=list)

    @property
    def text(self) -> str:
        """The text blocks joined (tool calls, reasoning and images left out)."""
        return "".join(b["text"] for b in self.content if isinstance(b.get("text"), str))


class ConverseOutput(CamelModel):
    message: BedrockMessage | None = None


class ConverseResponse(CamelResponse):
    """The answer of ``converse``."""

    output: ConverseOutput | None = None
    stop_reason: str | None = None
    usage: TokenUsage | None = None
    metrics: ConverseMetrics | None = None
    additional_model_response_fields: Any = None
    trace: Any = None
    performance_config: Any = None

    @property
    def text(self) -> str:
        """The answer's text (``output.message``'s text blocks joined)."""
        message = self.output.message if self.output else None
        return message.text if message else ""


# --- ConverseStream events: each frame's ``:event-type`` header names its class -------------


class MessageStartEvent(CamelModel):
    type: Literal["messageStart"] = "messageStart"
    role: str | None = None


class ContentBlockStartEvent(CamelModel):
    type: Literal["contentBlockStart"] = "contentBlockStart"
    content_block_index: int = 0
    start: dict[str, Any] = pydantic.Field(default_factory=dict)
    """``{"toolUse": {"toolUseId", "name"}}`` when a tool call starts."""


class ContentBlockDeltaEvent(CamelModel):
    type: Literal["contentBlockDelta"] = "contentBlockDelta"
    content_block_index: int = 0
    delta: dict[str, Any] = pydantic.Field(default_factory=dict)
    """``{"text": ...}``, ``{"toolUse": {"input": ...}}`` or ``{"reasoningContent": ...}``."""

    @property
    def text(self) -> str:
        value = self.delta.get("text")
        return value if isinstance(value, str) else ""


class ContentBlockStopEvent(CamelModel):
    type: Literal["contentBlockStop"] = "contentBlockStop"
    content_block_index: int = 0


class MessageStopEvent(CamelModel):
    type: Literal["messageStop"] = "messageStop"
    stop_reason: str | None = None
    additional_model_response_fields: Any = None


class ConverseStreamMetadataEvent(CamelModel):
    type: Literal["metadata"] = "metadata"
    usage: TokenUsage | None = None
    metrics: ConverseMetrics | None = None
    trace: Any = None


class UnknownConverseStreamEvent(CamelModel):
    """An event type this client does not know yet (its fields kept)."""

    type: str


ConverseStreamEvent: TypeAlias = (
    MessageStartEvent
    | ContentBlockStartEvent
    | ContentBlockDeltaEvent
    | ContentBlockStopEvent
    | MessageStopEvent
    | ConverseStreamMetadataEvent
    | UnknownConverseStreamEvent
)

CONVERSE_STREAM_EVENTS: dict[str, type[CamelModel]] = {
    "messageStart": MessageStartEvent,
    "contentBlockStart": ContentBlockStartEvent,
    "contentBlockDelta": ContentBlockDeltaEvent,
    "contentBlockStop": ContentBlockStopEvent,
    "messageStop": MessageStopEvent,
    "metadata": ConverseStreamMetadataEvent,
}


# --- guardrails and the agent runtime -------------------------------------------------------


class ApplyGuardrailResponse(CamelResponse):
    """The answer of ``guardrails.apply``: ``action`` is ``NONE`` or ``GUARDRAIL_INTERVENED``."""

    action: str | None = None
    action_reason: str | None = None
    outputs: list[dict[str, Any]] = pydantic.Field(default_factory=list)
    assessments: list[dict[str, Any]] = pydantic.Field(default_factory=list)
    usage: dict[str, Any] | None = None
    guardrail_coverage: dict[str, Any] | None = None


class KnowledgeBaseRetrievalResult(CamelModel):
    content: dict[str, Any] = pydantic.Field(default_factory=dict)
    """``{"type": "TEXT", "text": ...}``."""
    location: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None
    score: float | None = None


class RetrieveResponse(CamelResponse):
    retrieval_results: list[KnowledgeBaseRetrievalResult] = pydantic.Field(default_factory=list)
    next_token: str | None = None
    guardrail_action: str | None = None


class RetrieveAndGenerateResponse(CamelResponse):
    session_id: str | None = None
    output: dict[str, Any] = pydantic.Field(default_factory=dict)
    """``{"text": ...}``."""
    citations: list[dict[str, Any]] = pydantic.Field(default_factory=list)
    guardrail_action: str | None = None


class AgentChunkEvent(CamelModel):
    """A piece of the agent's answer (a ``chunk`` frame, its base64 ``bytes`` decoded)."""

    type: Literal["chunk"] = "chunk"
    data: bytes = b""
    attribution: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "replace")


class AgentEvent(CamelModel):
    """Any other agent event (``trace``, ``returnControl``, ``files`` ...), its fields kept."""

    type: str


InvokeAgentEvent: TypeAlias = AgentChunkEvent | AgentEvent


def decode_b64(value: Any) -> bytes:
    """A ``bytes`` member of a frame's JSON (base64 text); ValueError when it is not."""
    if not isinstance(value, str):
        raise ValueError(f"expected base64 text in 'bytes', got {type(value).__name__}")
    return base64.b64decode(value, validate=True)
