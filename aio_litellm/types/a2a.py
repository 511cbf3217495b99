"""Parameters, results and the error of ``client.a2a``: agents invoked through the proxy with
the A2A protocol (JSON-RPC 2.0, protocol 0.3 wire shapes: camelCase, objects tagged by
``kind``). Shapes follow ``a2a.compat.v0_3.types`` as the proxy 1.110.2 serves them."""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal, TypeAlias

import pydantic
from typing_extensions import Required, TypedDict

from .._exceptions import A2AError
from .._models import BaseModel, Response
from .params.a2a import V1A2aDiscoverParams

__all__ = [
    "A2AError",
    "AgentCapabilities",
    "AgentCard",
    "AgentCardSkill",
    "Artifact",
    "DataPart",
    "DiscoverParams",
    "DiscoveredAgent",
    "FilePart",
    "JsonRpcResponse",
    "Message",
    "MessageParam",
    "MessageSendConfiguration",
    "Part",
    "SendMessageResult",
    "StreamEvent",
    "Task",
    "TaskArtifactUpdateEvent",
    "TaskStatus",
    "TaskStatusUpdateEvent",
    "TextPart",
    "UnknownA2AObject",
    "UnknownPart",
    "send_message_result_adapter",
    "stream_event_adapter",
]

DiscoverParams = V1A2aDiscoverParams


# -- request parameters ----------------------------------------------------------------------


class MessageParam(TypedDict, total=False):
    """A message to send: ``parts`` like ``[{"kind": "text", "text": "Hi"}]``. ``messageId`` and
    ``kind`` are filled in when missing; ``role`` defaults to ``"user"``."""

    parts: Required[list[dict[str, Any]]]
    role: Literal["user", "agent"]
    messageId: str
    kind: Literal["message"]
    contextId: str
    taskId: str
    referenceTaskIds: list[str]
    extensions: list[str]
    metadata: dict[str, Any]


class MessageSendConfiguration(TypedDict, total=False):
    """``configuration`` of a ``message/send`` or ``message/stream`` call."""

    acceptedOutputModes: list[str]
    blocking: bool
    historyLength: int
    pushNotificationConfig: dict[str, Any]


# -- results -----------------------------------------------------------------------------------


class _Part(BaseModel):
    kind: str
    metadata: dict[str, Any] | None = None


class TextPart(_Part):
    kind: Literal["text"] = "text"
    text: str = ""


class FilePart(_Part):
    """A file, inline (``file["bytes"]``, base64) or by ``file["uri"]``."""

    kind: Literal["file"] = "file"
    file: dict[str, Any] = {}


class DataPart(_Part):
    kind: Literal["data"] = "data"
    data: dict[str, Any] = {}


class UnknownPart(BaseModel):
    """A part of a kind this client does not know; its fields are in ``part.model_extra``."""

    kind: str | None = None


Part: TypeAlias = Annotated[
    Annotated[TextPart | FilePart | DataPart, pydantic.Field(discriminator="kind")] | UnknownPart,
    pydantic.Field(union_mode="left_to_right"),
]
"""One part of a message or artifact; narrow with ``isinstance`` or ``part.kind``."""


def _text_of(parts: list[Part]) -> str:
    return "".join(p.text for p in parts if isinstance(p, TextPart))


class Message(Response):
    """A message from the user or the agent."""

    kind: Literal["message"] = "message"
    messageId: str = ""
    role: str = ""
    parts: list[Part] = []
    contextId: str | None = None
    taskId: str | None = None
    referenceTaskIds: list[str] | None = None
    extensions: list[str] | None = None
    metadata: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        """The text parts, joined."""
        return _text_of(self.parts)


class TaskStatus(BaseModel):
    """``state``: submitted, working, input-required, completed, canceled, failed, rejected,
    auth-required or unknown."""

    state: str = "unknown"
    message: Message | None = None
    timestamp: str | None = None


class Artifact(BaseModel):
    """An output of a task."""

    artifactId: str = ""
    name: str | None = None
    description: str | None = None
    parts: list[Part] = []
    extensions: list[str] | None = None
    metadata: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        """The text parts, joined."""
        return _text_of(self.parts)


class Task(Response):
    """A unit of work the agent runs: its status, outputs (``artifacts``) and ``history``."""

    kind: Literal["task"] = "task"
    id: str = ""
    contextId: str = ""
    status: TaskStatus = TaskStatus()
    artifacts: list[Artifact] | None = None
    history: list[Message] | None = None
    metadata: dict[str, Any] | None = None


class TaskStatusUpdateEvent(Response):
    """A streamed change of a task's status; ``final`` marks the last event of the stream."""

    kind: Literal["status-update"] = "status-update"
    taskId: str = ""
    contextId: str = ""
    status: TaskStatus = TaskStatus()
    final: bool = False
    metadata: dict[str, Any] | None = None


class TaskArtifactUpdateEvent(Response):
    """A streamed artifact, or a piece of one (``append``: add to the artifact of the same
    ``artifactId``; ``lastChunk``: it is complete)."""

    kind: Literal["artifact-update"] = "artifact-update"
    taskId: str = ""
    contextId: str = ""
    artifact: Artifact = Artifact()
    append: bool | None = None
    lastChunk: bool | None = None
    metadata: dict[str, Any] | None = None


class UnknownA2AObject(Response):
    """A result or event of a kind this client does not know (or an A2A 1.0 shape, which has
    no ``kind``); its fields are in ``model_extra``."""

    kind: str | None = None


SendMessageResult: TypeAlias = Annotated[
    Annotated[Task | Message, pydantic.Field(discriminator="kind")] | UnknownA2AObject,
    pydantic.Field(union_mode="left_to_right"),
]
"""What ``message/send`` answers: a ``Task`` or a direct ``Message``."""

StreamEvent: TypeAlias = Annotated[
    Annotated[
        Task | Message | TaskStatusUpdateEvent | TaskArtifactUpdateEvent,
        pydantic.Field(discriminator="kind"),
    ]
    | UnknownA2AObject,
    pydantic.Field(union_mode="left_to_right"),
]
"""One event of ``message/stream``; narrow with ``isinstance`` or ``event.kind``. (A JSON-RPC
error event is not one: it raises ``A2AError``.)"""


@functools.cache
def send_message_result_adapter() -> pydantic.TypeAdapter[SendMessageResult]:
    return pydantic.TypeAdapter(SendMessageResult)


@functools.cache
def stream_event_adapter() -> pydantic.TypeAdapter[StreamEvent]:
    return pydantic.TypeAdapter(StreamEvent)


class JsonRpcResponse(Response):
    """A JSON-RPC 2.0 answer whose ``result`` is left as sent (an ``error`` raises instead)."""

    jsonrpc: str = "2.0"
    id: str | int | None = None
    result: Any = None


class AgentCapabilities(BaseModel):
    streaming: bool | None = None
    pushNotifications: bool | None = None
    stateTransitionHistory: bool | None = None
    extensions: list[dict[str, Any]] | None = None


class AgentCardSkill(BaseModel):
    id: str = ""
    name: str = ""
    description: str = ""
    tags: list[str] = []
    examples: list[str] | None = None
    inputModes: list[str] | None = None
    outputModes: list[str] | None = None


class AgentCard(Response):
    """An agent's A2A card. Served by the proxy, its ``url`` points at the proxy's
    ``/a2a/{agent_id}``, not at the agent."""

    name: str = ""
    description: str = ""
    url: str = ""
    version: str = ""
    protocolVersion: str | None = None
    capabilities: AgentCapabilities = AgentCapabilities()
    defaultInputModes: list[str] = []
    defaultOutputModes: list[str] = []
    skills: list[AgentCardSkill] = []
    preferredTransport: str | None = None
    additionalInterfaces: list[dict[str, Any]] | None = None
    provider: dict[str, Any] | None = None
    iconUrl: str | None = None
    documentationUrl: str | None = None
    securitySchemes: dict[str, Any] | None = None
    security: list[dict[str, list[str]]] | None = None
    supportsAuthenticatedExtendedCard: bool | None = None


class DiscoveredAgent(Response):
    """Answer of ``POST /v1/a2a/discover``: the upstream agent's own card, as it serves it."""

    url: str = ""
    agent_card: AgentCard = AgentCard()
