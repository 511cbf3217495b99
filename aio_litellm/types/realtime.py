"""Parameters, results and WebSocket events of ``client.realtime``.

REST: client secrets, transcription sessions, translation client secrets. WebSocket: the
client and server events of ``/realtime`` (every type of openai-python's ``types/realtime``),
of ``/realtime/translations`` and of ``/live/sessions`` (openai-python's ``types/live``). Every
model keeps fields it does not declare; an event of a type not listed here parses into
``UnknownEvent`` with all its fields. Client events default their ``type``, so
``InputAudioBufferAppendEvent(audio=b64)`` is complete.

Deeply nested configuration (audio formats, turn detection, tools, prompts) is typed as plain
JSON objects: the proxy passes it through untouched and providers extend it often.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, get_args

from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response
from .._websocket import UnknownEvent, WebSocketSession

__all__ = [
    "ClientSecret",
    "ClientSecretCreateParams",
    "ClientSecretCreateResponse",
    "ContentPart",
    "ConversationCreatedEvent",
    "ConversationItem",
    "ConversationItemAdded",
    "ConversationItemCreateEvent",
    "ConversationItemCreatedEvent",
    "ConversationItemDeleteEvent",
    "ConversationItemDeletedEvent",
    "ConversationItemDone",
    "ConversationItemInputAudioTranscriptionCompletedEvent",
    "ConversationItemInputAudioTranscriptionDeltaEvent",
    "ConversationItemInputAudioTranscriptionFailedEvent",
    "ConversationItemInputAudioTranscriptionSegment",
    "ConversationItemRetrieveEvent",
    "ConversationItemRetrieved",
    "ConversationItemTruncateEvent",
    "ConversationItemTruncatedEvent",
    "ExpiresAfterParam",
    "InputAudioBufferAppendEvent",
    "InputAudioBufferClearEvent",
    "InputAudioBufferClearedEvent",
    "InputAudioBufferCommitEvent",
    "InputAudioBufferCommittedEvent",
    "InputAudioBufferDtmfEventReceivedEvent",
    "InputAudioBufferSpeechStartedEvent",
    "InputAudioBufferSpeechStoppedEvent",
    "InputAudioBufferTimeoutTriggered",
    "JSONObject",
    "LiveClientEvent",
    "LiveConnection",
    "LiveCommentaryAppendEvent",
    "LiveCommentaryAppendedEvent",
    "LiveContextWindow",
    "LiveDecisionCreateEvent",
    "LiveDecisionEvent",
    "LiveDecisionItemCreateEvent",
    "LiveDecisionItemCreatedEvent",
    "LiveDecisionItemDeleteEvent",
    "LiveDecisionItemDeletedEvent",
    "LiveDelegation",
    "LiveDelegationCreatedEvent",
    "LiveError",
    "LiveErrorEvent",
    "LiveInfoEvent",
    "LiveInputAudioAppendEvent",
    "LiveInputAudioMuteEvent",
    "LiveInputAudioMutedEvent",
    "LiveInputAudioUnmuteEvent",
    "LiveInputAudioUnmutedEvent",
    "LiveInputTranscriptDeltaEvent",
    "LiveInstructionsAppendEvent",
    "LiveInstructionsAppendedEvent",
    "LiveOutputAudioDeltaEvent",
    "LiveOutputAudioFixturePlayEvent",
    "LiveOutputAudioFixturePlayedEvent",
    "LiveOutputAudioFixturePlayingEvent",
    "LiveOutputTranscriptDeltaEvent",
    "LiveResponseCreateEvent",
    "LiveResponseEvent",
    "LiveResponseItemCreateEvent",
    "LiveServerEvent",
    "LiveSession",
    "LiveSessionCloseEvent",
    "LiveSessionClosedEvent",
    "LiveSessionConfig",
    "LiveSessionInputAudioAppend",
    "LiveSessionStartEvent",
    "LiveSessionStartedEvent",
    "LiveSessionUpdateConfig",
    "LiveSessionUpdateEvent",
    "LiveSessionUpdatedEvent",
    "LiveSessionUsage",
    "LiveSessionUsageUpdatedEvent",
    "LiveThinkingAppendEvent",
    "LiveThinkingAppendedEvent",
    "LiveTransportAnswered",
    "LiveTransportDtmfReceived",
    "LiveTransportDtmfSend",
    "LiveTransportDtmfSent",
    "LiveTransportFailed",
    "LiveTransportRinging",
    "LogProbProperties",
    "McpListToolsCompleted",
    "McpListToolsFailed",
    "McpListToolsInProgress",
    "OutputAudioBufferClearEvent",
    "OutputAudioBufferCleared",
    "OutputAudioBufferStarted",
    "OutputAudioBufferStopped",
    "RateLimit",
    "RateLimitsUpdatedEvent",
    "RealtimeClientEvent",
    "RealtimeConnection",
    "RealtimeConversation",
    "RealtimeError",
    "RealtimeErrorEvent",
    "RealtimeResponse",
    "RealtimeResponseCreateParams",
    "RealtimeResponseStatus",
    "RealtimeResponseUsage",
    "RealtimeServerEvent",
    "RealtimeSession",
    "RealtimeSessionParam",
    "RealtimeTranslationClientEvent",
    "RealtimeTranslationClientSecretCreateResponse",
    "RealtimeTranslationInputAudioBufferAppendEvent",
    "RealtimeTranslationInputTranscriptDeltaEvent",
    "RealtimeTranslationOutputAudioDeltaEvent",
    "RealtimeTranslationOutputTranscriptDeltaEvent",
    "RealtimeTranslationServerEvent",
    "RealtimeTranslationSession",
    "RealtimeTranslationSessionCloseEvent",
    "RealtimeTranslationSessionClosedEvent",
    "RealtimeTranslationSessionCreatedEvent",
    "RealtimeTranslationSessionParam",
    "RealtimeTranslationSessionUpdate",
    "RealtimeTranslationSessionUpdateEvent",
    "RealtimeTranslationSessionUpdatedEvent",
    "ResponseAudioDeltaEvent",
    "ResponseAudioDoneEvent",
    "ResponseAudioTranscriptDeltaEvent",
    "ResponseAudioTranscriptDoneEvent",
    "ResponseCancelEvent",
    "ResponseContentPartAddedEvent",
    "ResponseContentPartDoneEvent",
    "ResponseCreateEvent",
    "ResponseCreatedEvent",
    "ResponseDoneEvent",
    "ResponseFunctionCallArgumentsDeltaEvent",
    "ResponseFunctionCallArgumentsDoneEvent",
    "ResponseMcpCallArgumentsDelta",
    "ResponseMcpCallArgumentsDone",
    "ResponseMcpCallCompleted",
    "ResponseMcpCallFailed",
    "ResponseMcpCallInProgress",
    "ResponseOutputItemAddedEvent",
    "ResponseOutputItemDoneEvent",
    "ResponseTextDeltaEvent",
    "ResponseTextDoneEvent",
    "SessionCreatedEvent",
    "SessionUpdateEvent",
    "SessionUpdatedEvent",
    "TranscriptionSession",
    "TranscriptionSessionCreateParams",
    "TranscriptionUsage",
    "TranslationClientSecretCreateParams",
    "TranslationConnection",
    "UnknownEvent",
    "event_models",
]

JSONObject = dict[str, Any]

# -- REST parameters -------------------------------------------------------------------------


class ExpiresAfterParam(TypedDict, total=False):
    """When a client secret expires: ``seconds`` (10-7200) after ``anchor``."""

    anchor: Literal["created_at"]
    seconds: int


class RealtimeSessionParam(TypedDict, total=False):
    """A realtime (``type="realtime"``) or transcription (``type="transcription"``) session."""

    type: Literal["realtime", "transcription"]
    model: str
    instructions: str
    audio: Mapping[str, Any]
    include: Sequence[str]
    max_output_tokens: int | Literal["inf"]
    output_modalities: Sequence[Literal["text", "audio"]]
    parallel_tool_calls: bool
    prompt: Mapping[str, Any]
    reasoning: Mapping[str, Any]
    tool_choice: str | Mapping[str, Any]
    tools: Sequence[Mapping[str, Any]]
    tracing: str | Mapping[str, Any]
    truncation: str | Mapping[str, Any]


class ClientSecretCreateParams(TypedDict, total=False):
    """``client.realtime.client_secrets.create(...)``."""

    session: RealtimeSessionParam
    expires_after: ExpiresAfterParam
    model: str
    """LiteLLM: the proxy model to route to when ``session`` names none (not sent upstream)."""


class TranscriptionSessionCreateParams(TypedDict, total=False):
    """``client.realtime.transcription_sessions.create(...)``."""

    model: str
    """LiteLLM: the proxy model to route to (else ``input_audio_transcription.model``)."""
    input_audio_format: Literal["pcm16", "g711_ulaw", "g711_alaw"]
    input_audio_transcription: Mapping[str, Any]
    input_audio_noise_reduction: Mapping[str, Any] | None
    turn_detection: Mapping[str, Any] | None
    include: Sequence[str]
    modalities: Sequence[Literal["text", "audio"]]
    client_secret: Mapping[str, Any]
    audio: Mapping[str, Any]


class RealtimeTranslationSessionParam(TypedDict, total=False):
    """A translation session: the model and its input/output audio."""

    model: Required[str]
    audio: Mapping[str, Any]


class TranslationClientSecretCreateParams(TypedDict, total=False):
    """``client.realtime.translations.client_secrets.create(...)``."""

    session: Required[RealtimeTranslationSessionParam]
    expires_after: ExpiresAfterParam


# -- shared nested models --------------------------------------------------------------------


class RealtimeError(BaseModel):
    """What went wrong, in an ``error`` event (or a failed transcription or response)."""

    message: str = ""
    type: str | None = None
    code: str | None = None
    param: str | None = None
    event_id: str | None = None
    """The client event that caused it, when one did."""


class ContentPart(BaseModel):
    """One part of an item's content: ``input_text``, ``input_audio``, ``input_image``,
    ``output_text``, ``output_audio`` (or ``text``/``audio`` in response parts)."""

    type: str | None = None
    text: str | None = None
    audio: str | None = None
    """Base64 audio."""
    transcript: str | None = None
    image_url: str | None = None
    detail: str | None = None


class ConversationItem(BaseModel):
    """An item of a realtime conversation. One model for every kind, told apart by ``type``
    (``message`` with a ``role``, ``function_call``, ``function_call_output``, ``mcp_call``,
    ``mcp_list_tools``, ``mcp_approval_request``, ``mcp_approval_response``)."""

    type: str
    id: str | None = None
    object: str | None = None
    status: Literal["completed", "incomplete", "in_progress"] | None = None
    role: Literal["system", "user", "assistant"] | None = None
    content: list[ContentPart] | None = None
    call_id: str | None = None
    name: str | None = None
    arguments: str | None = None
    output: str | None = None
    server_label: str | None = None
    approval_request_id: str | None = None
    approve: bool | None = None
    reason: str | None = None
    tools: list[JSONObject] | None = None
    error: JSONObject | None = None


class RealtimeConversation(BaseModel):
    id: str | None = None
    object: str | None = None


class RateLimit(BaseModel):
    name: str | None = None
    limit: int | None = None
    remaining: int | None = None
    reset_seconds: float | None = None


class LogProbProperties(BaseModel):
    token: str
    logprob: float
    bytes: list[int] = []


class TranscriptionUsage(BaseModel):
    """Tokens (``type="tokens"``) or seconds (``type="duration"``) a transcription used."""

    type: str
    input_tokens: int | None = None
    output_tokens: int | None = None
    total_tokens: int | None = None
    input_token_details: JSONObject | None = None
    seconds: float | None = None


class RealtimeResponseStatus(BaseModel):
    type: str | None = None
    reason: str | None = None
    error: RealtimeError | None = None


class RealtimeResponseUsage(BaseModel):
    input_tokens: int | None = None
    output_tokens: int | None = None
    total_tokens: int | None = None
    input_token_details: JSONObject | None = None
    output_token_details: JSONObject | None = None


class RealtimeResponse(BaseModel):
    """A model response in a realtime conversation (``response.created``/``response.done``)."""

    id: str | None = None
    object: str | None = None
    status: Literal["completed", "cancelled", "failed", "incomplete", "in_progress"] | None = None
    status_details: RealtimeResponseStatus | None = None
    output: list[ConversationItem] | None = None
    usage: RealtimeResponseUsage | None = None
    conversation_id: str | None = None
    metadata: dict[str, str] | None = None
    output_modalities: list[str] | None = None
    max_output_tokens: int | str | None = None
    audio: JSONObject | None = None


class RealtimeResponseCreateParams(BaseModel):
    """What ``response.create`` may set for this one response."""

    instructions: str | None = None
    conversation: str | None = None
    input: list[ConversationItem] | None = None
    output_modalities: list[str] | None = None
    max_output_tokens: int | str | None = None
    metadata: dict[str, str] | None = None
    audio: JSONObject | None = None
    parallel_tool_calls: bool | None = None
    prompt: JSONObject | None = None
    reasoning: JSONObject | None = None
    tool_choice: str | JSONObject | None = None
    tools: list[JSONObject] | None = None


class ClientSecret(BaseModel):
    value: str
    expires_at: int | None = None


class RealtimeSession(BaseModel):
    """A realtime or transcription session's configuration (``type`` tells which)."""

    type: str | None = None
    id: str | None = None
    object: str | None = None
    model: str | None = None
    instructions: str | None = None
    output_modalities: list[str] | None = None
    audio: JSONObject | None = None
    include: list[str] | None = None
    max_output_tokens: int | str | None = None
    parallel_tool_calls: bool | None = None
    prompt: JSONObject | None = None
    reasoning: JSONObject | None = None
    tool_choice: str | JSONObject | None = None
    tools: list[JSONObject] | None = None
    tracing: str | JSONObject | None = None
    truncation: str | JSONObject | None = None
    expires_at: int | None = None
    client_secret: ClientSecret | None = None


class RealtimeTranslationSession(BaseModel):
    """A translation session: audio in, translated audio and transcripts out."""

    id: str | None = None
    type: str | None = None
    model: str | None = None
    expires_at: int | None = None
    audio: JSONObject | None = None


class RealtimeTranslationSessionUpdate(BaseModel):
    """What ``session.update`` may change in a translation session."""

    audio: JSONObject | None = None


# -- REST results ----------------------------------------------------------------------------


class ClientSecretCreateResponse(Response):
    """``POST /realtime/client_secrets``. ``value`` is the proxy's encrypted token (not the
    upstream key): pass it back as it is, e.g. to ``calls.create``."""

    value: str
    expires_at: int | None = None
    session: RealtimeSession | None = None


class TranscriptionSession(Response):
    """``POST /realtime/transcription_sessions``. ``client_secret.value`` is the proxy's
    encrypted token."""

    client_secret: ClientSecret | None = None
    id: str | None = None
    object: str | None = None
    expires_at: int | None = None
    input_audio_format: str | None = None
    input_audio_transcription: JSONObject | None = None
    modalities: list[str] | None = None
    turn_detection: JSONObject | None = None
    include: list[str] | None = None
    audio: JSONObject | None = None


class RealtimeTranslationClientSecretCreateResponse(Response):
    """``POST /realtime/translations/client_secrets``."""

    value: str
    expires_at: int | None = None
    session: RealtimeTranslationSession | None = None


# -- /live/sessions nested models ------------------------------------------------------------


class LiveSessionConfig(BaseModel):
    """The ``session`` of ``session.start``: the model and the Live session's settings."""

    model: str
    instructions: str | None = None
    audio: JSONObject | None = None
    client: JSONObject | None = None
    delegation: JSONObject | None = None
    input: list[JSONObject] | None = None
    safety_identifier: str | None = None
    store: bool | None = None
    triggers: list[JSONObject] | None = None


class LiveSessionUpdateConfig(BaseModel):
    """What ``session.update`` may change in a Live session."""

    delegation: JSONObject | None = None
    triggers: list[JSONObject] | None = None


class LiveSession(BaseModel):
    """A Live session as the server reports it."""

    id: str | None = None
    model: str | None = None
    status: str | None = None
    expires_at: int | None = None
    instructions: str | None = None
    audio: JSONObject | None = None
    client: JSONObject | None = None
    delegation: JSONObject | None = None
    input: list[JSONObject] | None = None
    safety_identifier: str | None = None
    store: bool | None = None
    triggers: list[JSONObject] | None = None


class LiveSessionUsage(BaseModel):
    seconds: float | None = None
    active_seconds: int | None = None
    paused_seconds: int | None = None


class LiveContextWindow(BaseModel):
    usage_ratio: float | None = None


class LiveError(BaseModel):
    message: str = ""
    type: str | None = None
    code: str | None = None
    param: str | None = None
    client_event_id: str | None = None


class LiveDelegation(BaseModel):
    id: str | None = None
    type: str | None = None
    target: str | None = None
    response_id: str | None = None


# -- /realtime server events -----------------------------------------------------------------


class ConversationCreatedEvent(BaseModel):
    """``conversation.created``: Returned when a conversation is created. Emitted right after
    session creation."""

    type: Literal["conversation.created"] = "conversation.created"
    conversation: RealtimeConversation
    event_id: str | None = None


class ConversationItemCreatedEvent(BaseModel):
    """``conversation.item.created``: Returned when a conversation item is created."""

    type: Literal["conversation.item.created"] = "conversation.item.created"
    item: ConversationItem
    event_id: str | None = None
    previous_item_id: str | None = None


class ConversationItemDeletedEvent(BaseModel):
    """``conversation.item.deleted``: Returned when an item in the conversation is deleted by the
    client with a `conversation.item.delete` event."""

    type: Literal["conversation.item.deleted"] = "conversation.item.deleted"
    item_id: str
    event_id: str | None = None


class ConversationItemInputAudioTranscriptionCompletedEvent(BaseModel):
    """``conversation.item.input_audio_transcription.completed``: This event is the output of audio
    transcription for user audio written to the user audio buffer."""

    type: Literal["conversation.item.input_audio_transcription.completed"] = (
        "conversation.item.input_audio_transcription.completed"
    )
    content_index: int
    item_id: str
    transcript: str
    usage: TranscriptionUsage
    event_id: str | None = None
    languages: list[dict[str, Any]] | None = None
    logprobs: list[LogProbProperties] | None = None


class ConversationItemInputAudioTranscriptionDeltaEvent(BaseModel):
    """``conversation.item.input_audio_transcription.delta``: Returned when the text value of an
    input audio transcription content part is updated with incremental transcription results."""

    type: Literal["conversation.item.input_audio_transcription.delta"] = (
        "conversation.item.input_audio_transcription.delta"
    )
    item_id: str
    event_id: str | None = None
    content_index: int | None = None
    delta: str | None = None
    logprobs: list[LogProbProperties] | None = None


class ConversationItemInputAudioTranscriptionFailedEvent(BaseModel):
    """``conversation.item.input_audio_transcription.failed``: Returned when input audio
    transcription is configured, and a transcription request for a user message failed."""

    type: Literal["conversation.item.input_audio_transcription.failed"] = (
        "conversation.item.input_audio_transcription.failed"
    )
    content_index: int
    error: RealtimeError
    item_id: str
    event_id: str | None = None


class ConversationItemRetrieved(BaseModel):
    """``conversation.item.retrieved``: Returned when a conversation item is retrieved with
    `conversation.item.retrieve`."""

    type: Literal["conversation.item.retrieved"] = "conversation.item.retrieved"
    item: ConversationItem
    event_id: str | None = None


class ConversationItemTruncatedEvent(BaseModel):
    """``conversation.item.truncated``: Returned when an earlier assistant audio message item is
    truncated by the client with a `conversation.item.truncate` event."""

    type: Literal["conversation.item.truncated"] = "conversation.item.truncated"
    audio_end_ms: int
    content_index: int
    item_id: str
    event_id: str | None = None


class RealtimeErrorEvent(BaseModel):
    """``error``: Returned when an error occurs, which could be a client problem or a server
    problem."""

    type: Literal["error"] = "error"
    error: RealtimeError
    event_id: str | None = None


class InputAudioBufferClearedEvent(BaseModel):
    """``input_audio_buffer.cleared``: Returned when the input audio buffer is cleared by the
    client with a `input_audio_buffer.clear` event."""

    type: Literal["input_audio_buffer.cleared"] = "input_audio_buffer.cleared"
    event_id: str | None = None


class InputAudioBufferCommittedEvent(BaseModel):
    """``input_audio_buffer.committed``: Returned when an input audio buffer is committed, either
    by the client or automatically in server VAD mode."""

    type: Literal["input_audio_buffer.committed"] = "input_audio_buffer.committed"
    item_id: str
    event_id: str | None = None
    previous_item_id: str | None = None


class InputAudioBufferDtmfEventReceivedEvent(BaseModel):
    """``input_audio_buffer.dtmf_event_received``: **SIP Only:** Returned when an DTMF event is
    received."""

    type: Literal["input_audio_buffer.dtmf_event_received"] = (
        "input_audio_buffer.dtmf_event_received"
    )
    event: str
    received_at: int


class InputAudioBufferSpeechStartedEvent(BaseModel):
    """``input_audio_buffer.speech_started``: Sent by the server when in `server_vad` mode to
    indicate that speech has been detected in the audio buffer."""

    type: Literal["input_audio_buffer.speech_started"] = "input_audio_buffer.speech_started"
    audio_start_ms: int
    item_id: str
    event_id: str | None = None


class InputAudioBufferSpeechStoppedEvent(BaseModel):
    """``input_audio_buffer.speech_stopped``: Returned in `server_vad` mode when the server detects
    the end of speech in the audio buffer."""

    type: Literal["input_audio_buffer.speech_stopped"] = "input_audio_buffer.speech_stopped"
    audio_end_ms: int
    item_id: str
    event_id: str | None = None


class RateLimitsUpdatedEvent(BaseModel):
    """``rate_limits.updated``: Emitted at the beginning of a Response to indicate the updated rate
    limits."""

    type: Literal["rate_limits.updated"] = "rate_limits.updated"
    rate_limits: list[RateLimit]
    event_id: str | None = None


class ResponseAudioDeltaEvent(BaseModel):
    """``response.output_audio.delta``: Returned when the model-generated audio is updated."""

    type: Literal["response.output_audio.delta"] = "response.output_audio.delta"
    content_index: int
    delta: str
    item_id: str
    output_index: int
    response_id: str
    event_id: str | None = None


class ResponseAudioDoneEvent(BaseModel):
    """``response.output_audio.done``: Returned when the model-generated audio is done."""

    type: Literal["response.output_audio.done"] = "response.output_audio.done"
    content_index: int
    item_id: str
    output_index: int
    response_id: str
    event_id: str | None = None


class ResponseAudioTranscriptDeltaEvent(BaseModel):
    """``response.output_audio_transcript.delta``: Returned when the model-generated transcription
    of audio output is updated."""

    type: Literal["response.output_audio_transcript.delta"] = (
        "response.output_audio_transcript.delta"
    )
    content_index: int
    delta: str
    item_id: str
    output_index: int
    response_id: str
    event_id: str | None = None


class ResponseAudioTranscriptDoneEvent(BaseModel):
    """``response.output_audio_transcript.done``: Returned when the model-generated transcription
    of audio output is done streaming. Also emitted when a Response is interrupted, incomplete,
    or cancelled."""

    type: Literal["response.output_audio_transcript.done"] = "response.output_audio_transcript.done"
    content_index: int
    item_id: str
    output_index: int
    response_id: str
    transcript: str
    event_id: str | None = None


class ResponseContentPartAddedEvent(BaseModel):
    """``response.content_part.added``: Returned when a new content part is added to an assistant
    message item during response generation."""

    type: Literal["response.content_part.added"] = "response.content_part.added"
    content_index: int
    item_id: str
    output_index: int
    part: ContentPart
    response_id: str
    event_id: str | None = None


class ResponseContentPartDoneEvent(BaseModel):
    """``response.content_part.done``: Returned when a content part is done streaming in an
    assistant message item. Also emitted when a Response is interrupted, incomplete, or
    cancelled."""

    type: Literal["response.content_part.done"] = "response.content_part.done"
    content_index: int
    item_id: str
    output_index: int
    part: ContentPart
    response_id: str
    event_id: str | None = None


class ResponseCreatedEvent(BaseModel):
    """``response.created``: Returned when a new Response is created."""

    type: Literal["response.created"] = "response.created"
    response: RealtimeResponse
    event_id: str | None = None


class ResponseDoneEvent(BaseModel):
    """``response.done``: Returned when a Response is done streaming."""

    type: Literal["response.done"] = "response.done"
    response: RealtimeResponse
    event_id: str | None = None


class ResponseFunctionCallArgumentsDeltaEvent(BaseModel):
    """``response.function_call_arguments.delta``: Returned when the model-generated function call
    arguments are updated."""

    type: Literal["response.function_call_arguments.delta"] = (
        "response.function_call_arguments.delta"
    )
    call_id: str
    delta: str
    item_id: str
    output_index: int
    response_id: str
    event_id: str | None = None


class ResponseFunctionCallArgumentsDoneEvent(BaseModel):
    """``response.function_call_arguments.done``: Returned when the model-generated function call
    arguments are done streaming. Also emitted when a Response is interrupted, incomplete, or
    cancelled."""

    type: Literal["response.function_call_arguments.done"] = "response.function_call_arguments.done"
    arguments: str
    call_id: str
    item_id: str
    name: str
    output_index: int
    response_id: str
    event_id: str | None = None


class ResponseOutputItemAddedEvent(BaseModel):
    """``response.output_item.added``: Returned when a new Item is created during Response
    generation."""

    type: Literal["response.output_item.added"] = "response.output_item.added"
    item: ConversationItem
    output_index: int
    response_id: str
    event_id: str | None = None


class ResponseOutputItemDoneEvent(BaseModel):
    """``response.output_item.done``: Returned when an Item is done streaming."""

    type: Literal["response.output_item.done"] = "response.output_item.done"
    item: ConversationItem
    output_index: int
    response_id: str
    event_id: str | None = None


class ResponseTextDeltaEvent(BaseModel):
    """``response.output_text.delta``: Returned when the text value of an "output_text" content
    part is updated."""

    type: Literal["response.output_text.delta"] = "response.output_text.delta"
    content_index: int
    delta: str
    item_id: str
    output_index: int
    response_id: str
    event_id: str | None = None


class ResponseTextDoneEvent(BaseModel):
    """``response.output_text.done``: Returned when the text value of an "output_text" content part
    is done streaming."""

    type: Literal["response.output_text.done"] = "response.output_text.done"
    content_index: int
    item_id: str
    output_index: int
    response_id: str
    text: str
    event_id: str | None = None


class SessionCreatedEvent(BaseModel):
    """``session.created``: Returned when a Session is created."""

    type: Literal["session.created"] = "session.created"
    session: RealtimeSession
    event_id: str | None = None


class SessionUpdatedEvent(BaseModel):
    """``session.updated``: Returned when a session is updated with a `session.update` event,
    unless there is an error."""

    type: Literal["session.updated"] = "session.updated"
    session: RealtimeSession
    event_id: str | None = None


class OutputAudioBufferStarted(BaseModel):
    """``output_audio_buffer.started``: **WebRTC/SIP Only:** Emitted when the server begins
    streaming audio to the client."""

    type: Literal["output_audio_buffer.started"] = "output_audio_buffer.started"
    response_id: str
    event_id: str | None = None


class OutputAudioBufferStopped(BaseModel):
    """``output_audio_buffer.stopped``: **WebRTC/SIP Only:** Emitted when the output audio buffer
    has been completely drained on the server, and no more audio is forthcoming."""

    type: Literal["output_audio_buffer.stopped"] = "output_audio_buffer.stopped"
    response_id: str
    event_id: str | None = None


class OutputAudioBufferCleared(BaseModel):
    """``output_audio_buffer.cleared``: **WebRTC/SIP Only:** Emitted when the output audio buffer
    is cleared."""

    type: Literal["output_audio_buffer.cleared"] = "output_audio_buffer.cleared"
    response_id: str
    event_id: str | None = None


class ConversationItemAdded(BaseModel):
    """``conversation.item.added``: Sent by the server when an Item is added to the default
    Conversation."""

    type: Literal["conversation.item.added"] = "conversation.item.added"
    item: ConversationItem
    event_id: str | None = None
    previous_item_id: str | None = None


class ConversationItemDone(BaseModel):
    """``conversation.item.done``: Returned when a conversation item is finalized."""

    type: Literal["conversation.item.done"] = "conversation.item.done"
    item: ConversationItem
    event_id: str | None = None
    previous_item_id: str | None = None


class InputAudioBufferTimeoutTriggered(BaseModel):
    """``input_audio_buffer.timeout_triggered``: Returned when the Server VAD timeout is triggered
    for the input audio buffer."""

    type: Literal["input_audio_buffer.timeout_triggered"] = "input_audio_buffer.timeout_triggered"
    audio_end_ms: int
    audio_start_ms: int
    item_id: str
    event_id: str | None = None


class ConversationItemInputAudioTranscriptionSegment(BaseModel):
    """``conversation.item.input_audio_transcription.segment``: Returned when an input audio
    transcription segment is identified for an item."""

    type: Literal["conversation.item.input_audio_transcription.segment"] = (
        "conversation.item.input_audio_transcription.segment"
    )
    id: str
    content_index: int
    end: float
    item_id: str
    speaker: str
    start: float
    text: str
    event_id: str | None = None


class McpListToolsInProgress(BaseModel):
    """``mcp_list_tools.in_progress``: Returned when listing MCP tools is in progress for an
    item."""

    type: Literal["mcp_list_tools.in_progress"] = "mcp_list_tools.in_progress"
    item_id: str
    event_id: str | None = None


class McpListToolsCompleted(BaseModel):
    """``mcp_list_tools.completed``: Returned when listing MCP tools has completed for an item."""

    type: Literal["mcp_list_tools.completed"] = "mcp_list_tools.completed"
    item_id: str
    event_id: str | None = None


class McpListToolsFailed(BaseModel):
    """``mcp_list_tools.failed``: Returned when listing MCP tools has failed for an item."""

    type: Literal["mcp_list_tools.failed"] = "mcp_list_tools.failed"
    item_id: str
    event_id: str | None = None


class ResponseMcpCallArgumentsDelta(BaseModel):
    """``response.mcp_call_arguments.delta``: Returned when MCP tool call arguments are updated
    during response generation."""

    type: Literal["response.mcp_call_arguments.delta"] = "response.mcp_call_arguments.delta"
    delta: str
    item_id: str
    output_index: int
    response_id: str
    event_id: str | None = None
    obfuscation: str | None = None


class ResponseMcpCallArgumentsDone(BaseModel):
    """``response.mcp_call_arguments.done``: Returned when MCP tool call arguments are finalized
    during response generation."""

    type: Literal["response.mcp_call_arguments.done"] = "response.mcp_call_arguments.done"
    arguments: str
    item_id: str
    output_index: int
    response_id: str
    event_id: str | None = None


class ResponseMcpCallInProgress(BaseModel):
    """``response.mcp_call.in_progress``: Returned when an MCP tool call has started and is in
    progress."""

    type: Literal["response.mcp_call.in_progress"] = "response.mcp_call.in_progress"
    item_id: str
    output_index: int
    event_id: str | None = None


class ResponseMcpCallCompleted(BaseModel):
    """``response.mcp_call.completed``: Returned when an MCP tool call has completed
    successfully."""

    type: Literal["response.mcp_call.completed"] = "response.mcp_call.completed"
    item_id: str
    output_index: int
    event_id: str | None = None


class ResponseMcpCallFailed(BaseModel):
    """``response.mcp_call.failed``: Returned when an MCP tool call has failed."""

    type: Literal["response.mcp_call.failed"] = "response.mcp_call.failed"
    item_id: str
    output_index: int
    event_id: str | None = None


# -- /realtime client events -----------------------------------------------------------------


class ConversationItemCreateEvent(BaseModel):
    """``conversation.item.create``: Add a new Item to the Conversation's context, including
    messages, function calls, and function call responses."""

    type: Literal["conversation.item.create"] = "conversation.item.create"
    item: ConversationItem
    event_id: str | None = None
    previous_item_id: str | None = None


class ConversationItemDeleteEvent(BaseModel):
    """``conversation.item.delete``: Send this event when you want to remove any item from the
    conversation history."""

    type: Literal["conversation.item.delete"] = "conversation.item.delete"
    item_id: str
    event_id: str | None = None


class ConversationItemRetrieveEvent(BaseModel):
    """``conversation.item.retrieve``: Send this event when you want to retrieve the server's
    representation of a specific item in the conversation history."""

    type: Literal["conversation.item.retrieve"] = "conversation.item.retrieve"
    item_id: str
    event_id: str | None = None


class ConversationItemTruncateEvent(BaseModel):
    """``conversation.item.truncate``: Send this event to truncate a previous assistant message's
    audio."""

    type: Literal["conversation.item.truncate"] = "conversation.item.truncate"
    audio_end_ms: int
    content_index: int
    item_id: str
    event_id: str | None = None


class InputAudioBufferAppendEvent(BaseModel):
    """``input_audio_buffer.append``: Send this event to append audio bytes to the input audio
    buffer."""

    type: Literal["input_audio_buffer.append"] = "input_audio_buffer.append"
    audio: str
    event_id: str | None = None


class InputAudioBufferClearEvent(BaseModel):
    """``input_audio_buffer.clear``: Send this event to clear the audio bytes in the buffer."""

    type: Literal["input_audio_buffer.clear"] = "input_audio_buffer.clear"
    event_id: str | None = None


class OutputAudioBufferClearEvent(BaseModel):
    """``output_audio_buffer.clear``: **WebRTC/SIP Only:** Emit to cut off the current audio
    response."""

    type: Literal["output_audio_buffer.clear"] = "output_audio_buffer.clear"
    event_id: str | None = None


class InputAudioBufferCommitEvent(BaseModel):
    """``input_audio_buffer.commit``: Send this event to commit the user input audio buffer, which
    will create a new user message item in the conversation."""

    type: Literal["input_audio_buffer.commit"] = "input_audio_buffer.commit"
    event_id: str | None = None


class ResponseCancelEvent(BaseModel):
    """``response.cancel``: Send this event to cancel an in-progress response."""

    type: Literal["response.cancel"] = "response.cancel"
    event_id: str | None = None
    response_id: str | None = None


class ResponseCreateEvent(BaseModel):
    """``response.create``: This event instructs the server to create a Response, which means
    triggering model inference. When in Server VAD mode, the server will create Responses
    automatically."""

    type: Literal["response.create"] = "response.create"
    event_id: str | None = None
    response: RealtimeResponseCreateParams | None = None


class SessionUpdateEvent(BaseModel):
    """``session.update``: Send this event to update the session's configuration. The client may
    send this event at any time to update any field except for `voice` and `model`."""

    type: Literal["session.update"] = "session.update"
    session: RealtimeSession
    event_id: str | None = None


# -- /realtime/translations events -----------------------------------------------------------


class RealtimeTranslationSessionCreatedEvent(BaseModel):
    """``session.created``: Returned when a translation session is created."""

    type: Literal["session.created"] = "session.created"
    session: RealtimeTranslationSession
    event_id: str | None = None


class RealtimeTranslationSessionUpdatedEvent(BaseModel):
    """``session.updated``: Returned when a translation session is updated with a `session.update`
    event, unless there is an error."""

    type: Literal["session.updated"] = "session.updated"
    session: RealtimeTranslationSession
    event_id: str | None = None


class RealtimeTranslationSessionClosedEvent(BaseModel):
    """``session.closed``: Returned when a realtime translation session is closed."""

    type: Literal["session.closed"] = "session.closed"
    event_id: str | None = None


class RealtimeTranslationInputTranscriptDeltaEvent(BaseModel):
    """``session.input_transcript.delta``: Returned when optional source-language transcript text
    is available."""

    type: Literal["session.input_transcript.delta"] = "session.input_transcript.delta"
    delta: str
    event_id: str | None = None
    elapsed_ms: int | None = None


class RealtimeTranslationOutputTranscriptDeltaEvent(BaseModel):
    """``session.output_transcript.delta``: Returned when translated transcript text is
    available."""

    type: Literal["session.output_transcript.delta"] = "session.output_transcript.delta"
    delta: str
    event_id: str | None = None
    elapsed_ms: int | None = None


class RealtimeTranslationOutputAudioDeltaEvent(BaseModel):
    """``session.output_audio.delta``: Returned when translated output audio is available."""

    type: Literal["session.output_audio.delta"] = "session.output_audio.delta"
    delta: str
    event_id: str | None = None
    channels: int | None = None
    elapsed_ms: int | None = None
    format: Literal["pcm16"] | None = None
    sample_rate: int | None = None


class RealtimeTranslationSessionUpdateEvent(BaseModel):
    """``session.update``: Send this event to update the translation session configuration."""

    type: Literal["session.update"] = "session.update"
    session: RealtimeTranslationSessionUpdate
    event_id: str | None = None


class RealtimeTranslationInputAudioBufferAppendEvent(BaseModel):
    """``session.input_audio_buffer.append``: Send this event to append audio bytes to the
    translation session input audio buffer."""

    type: Literal["session.input_audio_buffer.append"] = "session.input_audio_buffer.append"
    audio: str
    event_id: str | None = None


class RealtimeTranslationSessionCloseEvent(BaseModel):
    """``session.close``: Gracefully close the realtime translation session."""

    type: Literal["session.close"] = "session.close"
    event_id: str | None = None


# -- /live/sessions events -------------------------------------------------------------------


class LiveSessionStartedEvent(BaseModel):
    """``session.started``: Returned when a Live session has started."""

    type: Literal["session.started"] = "session.started"
    session: LiveSession
    event_id: str | None = None
    client_event_id: str | None = None


class LiveSessionUpdatedEvent(BaseModel):
    """``session.updated``: Returned when a Live session update is accepted."""

    type: Literal["session.updated"] = "session.updated"
    session: LiveSession
    event_id: str | None = None
    client_event_id: str | None = None


class LiveInputAudioMutedEvent(BaseModel):
    """``session.input_audio.muted``: Acknowledges a session.input_audio.mute command."""

    type: Literal["session.input_audio.muted"] = "session.input_audio.muted"
    event_id: str | None = None
    client_event_id: str | None = None


class LiveInputAudioUnmutedEvent(BaseModel):
    """``session.input_audio.unmuted``: Acknowledges a session.input_audio.unmute command, removing
    the independent input mute. An active audio fixture still pauses inference until playback
    finishes."""

    type: Literal["session.input_audio.unmuted"] = "session.input_audio.unmuted"
    event_id: str | None = None
    client_event_id: str | None = None


class LiveOutputAudioFixturePlayingEvent(BaseModel):
    """``session.output_audio.fixture.playing``: The existing playback path has accepted the
    validated audio fixture."""

    type: Literal["session.output_audio.fixture.playing"] = "session.output_audio.fixture.playing"
    event_id: str | None = None
    client_event_id: str | None = None


class LiveOutputAudioFixturePlayedEvent(BaseModel):
    """``session.output_audio.fixture.played``: The complete audio fixture has drained from the
    server mixer and normal inference has resumed."""

    type: Literal["session.output_audio.fixture.played"] = "session.output_audio.fixture.played"
    event_id: str | None = None
    client_event_id: str | None = None


class LiveInstructionsAppendedEvent(BaseModel):
    """``session.instructions.appended``: Returned when a session.instructions.append command is
    accepted into the Live session timeline."""

    type: Literal["session.instructions.appended"] = "session.instructions.appended"
    end_ms: int
    start_ms: int
    event_id: str | None = None
    client_event_id: str | None = None


class LiveThinkingAppendedEvent(BaseModel):
    """``session.thinking.appended``: Returned when a session.thinking.append command is accepted
    into the Live session timeline. Acknowledges the added reasoning context without
    guaranteeing any spoken output."""

    type: Literal["session.thinking.appended"] = "session.thinking.appended"
    end_ms: int
    start_ms: int
    event_id: str | None = None
    client_event_id: str | None = None


class LiveCommentaryAppendedEvent(BaseModel):
    """``session.commentary.appended``: Returned when a session.commentary.append command is
    accepted into the Live session timeline."""

    type: Literal["session.commentary.appended"] = "session.commentary.appended"
    end_ms: int
    start_ms: int
    event_id: str | None = None
    client_event_id: str | None = None


class LiveSessionInputAudioAppend(BaseModel):
    """``session.input_audio.append``: Input audio received from the primary transport and
    reflected to a Live sideband connection before model-input muting."""

    type: Literal["session.input_audio.append"] = "session.input_audio.append"
    audio: str


class LiveOutputAudioDeltaEvent(BaseModel):
    """``session.output_audio.delta``: An audio chunk generated by the Live model."""

    type: Literal["session.output_audio.delta"] = "session.output_audio.delta"
    delta: str
    end_ms: int | None = None
    start_ms: int | None = None


class LiveInputTranscriptDeltaEvent(BaseModel):
    """``session.input_transcript.delta``: A transcript fragment for user input audio in the Live
    session."""

    type: Literal["session.input_transcript.delta"] = "session.input_transcript.delta"
    delta: str
    end_ms: int
    start_ms: int
    event_id: str | None = None
    client_event_id: str | None = None


class LiveOutputTranscriptDeltaEvent(BaseModel):
    """``session.output_transcript.delta``: A transcript fragment for assistant output audio in the
    Live session."""

    type: Literal["session.output_transcript.delta"] = "session.output_transcript.delta"
    delta: str
    end_ms: int
    start_ms: int
    event_id: str | None = None
    client_event_id: str | None = None


class LiveDelegationCreatedEvent(BaseModel):
    """``session.delegation.created``: Returned when the Live model delegates work to your
    application, Responses, or Decisions."""

    type: Literal["session.delegation.created"] = "session.delegation.created"
    delegation: LiveDelegation
    offset_ms: int
    event_id: str | None = None
    client_event_id: str | None = None


class LiveDecisionEvent(BaseModel):
    """``decision.event``: A Decision API event for a Live delegation or transcript trigger."""

    type: Literal["decision.event"] = "decision.event"
    event: dict[str, Any]
    delegation_id: str | None = None
    event_id: str | None = None
    source_event_id: str | None = None
    source_event_type: (
        Literal["session.input_transcript.delta", "session.output_transcript.delta"] | None
    ) = None
    trigger_id: str | None = None


class LiveDecisionItemCreatedEvent(BaseModel):
    """``decision.item.created``: An input item was appended for future decisions."""

    type: Literal["decision.item.created"] = "decision.item.created"
    item: dict[str, Any]
    event_id: str | None = None
    client_event_id: str | None = None


class LiveDecisionItemDeletedEvent(BaseModel):
    """``decision.item.deleted``: An input item was removed from future decisions."""

    type: Literal["decision.item.deleted"] = "decision.item.deleted"
    item_id: str
    event_id: str | None = None
    client_event_id: str | None = None


class LiveResponseEvent(BaseModel):
    """``response.event``: A streaming Responses API event from a backend delegated to by the Live
    session."""

    type: Literal["response.event"] = "response.event"
    event: dict[str, Any]
    event_id: str | None = None
    client_event_id: str | None = None
    delegation_id: str | None = None


class LiveSessionUsageUpdatedEvent(BaseModel):
    """``session.usage.updated``: Reports cumulative Live audio usage and, when available, the most
    recent context-window usage. Delegated Responses token usage is reported separately in
    response.event events."""

    type: Literal["session.usage.updated"] = "session.usage.updated"
    usage: LiveSessionUsage
    event_id: str | None = None
    client_event_id: str | None = None
    context_window: LiveContextWindow | None = None


class LiveSessionClosedEvent(BaseModel):
    """``session.closed``: Returned after the Live session finishes finalizing, with the close
    reason, final session snapshot, and cumulative audio usage."""

    type: Literal["session.closed"] = "session.closed"
    reason: Literal["close_requested", "expired", "content", "remote_hangup", "connection_lost"]
    session: LiveSession
    usage: LiveSessionUsage
    event_id: str | None = None
    client_event_id: str | None = None


class LiveErrorEvent(BaseModel):
    """``error``: Reports an error in the Live session, such as an invalid client command."""

    type: Literal["error"] = "error"
    error: LiveError
    event_id: str | None = None
    client_event_id: str | None = None


class LiveInfoEvent(BaseModel):
    """``info``: An informational notice about the Live session, such as the event permissions
    applied to a frontend data channel."""

    type: Literal["info"] = "info"
    code: str
    message: str
    event_id: str | None = None
    client_event_id: str | None = None


class LiveTransportDtmfReceived(BaseModel):
    """``transport.dtmf.received``: A SIP DTMF keypress received from the caller."""

    type: Literal["transport.dtmf.received"] = "transport.dtmf.received"
    event: str
    event_id: str | None = None


class LiveTransportDtmfSend(BaseModel):
    """``transport.dtmf.send``: Legacy SIP DTMF delivery notification retained for SDK
    compatibility and saved events."""

    type: Literal["transport.dtmf.send"] = "transport.dtmf.send"
    event: str
    event_id: str | None = None
    client_event_id: str | None = None


class LiveTransportDtmfSent(BaseModel):
    """``transport.dtmf.sent``: A SIP DTMF keypress successfully sent to the SIP trunk."""

    type: Literal["transport.dtmf.sent"] = "transport.dtmf.sent"
    event: str
    event_id: str | None = None
    client_event_id: str | None = None


class LiveTransportRinging(BaseModel):
    """``transport.ringing``: The outbound SIP provider leg is ringing or providing early media."""

    type: Literal["transport.ringing"] = "transport.ringing"
    session_id: str
    event_id: str | None = None


class LiveTransportAnswered(BaseModel):
    """``transport.answered``: The outbound SIP provider leg answered and media is established."""

    type: Literal["transport.answered"] = "transport.answered"
    session_id: str
    event_id: str | None = None


class LiveTransportFailed(BaseModel):
    """``transport.failed``: An asynchronous outbound SIP setup failure."""

    type: Literal["transport.failed"] = "transport.failed"
    error: LiveError
    session_id: str
    event_id: str | None = None


class LiveSessionStartEvent(BaseModel):
    """``session.start``: Start a Live session on a primary WebSocket."""

    type: Literal["session.start"] = "session.start"
    session: LiveSessionConfig
    event_id: str | None = None


class LiveSessionUpdateEvent(BaseModel):
    """``session.update``: Update the delegation settings or transcript triggers of an active Live
    session."""

    type: Literal["session.update"] = "session.update"
    session: LiveSessionUpdateConfig
    event_id: str | None = None


class LiveInputAudioAppendEvent(BaseModel):
    """``session.input_audio.append``: Send audio to a Live session over its primary WebSocket."""

    type: Literal["session.input_audio.append"] = "session.input_audio.append"
    audio: str
    event_id: str | None = None


class LiveInputAudioMuteEvent(BaseModel):
    """``session.input_audio.mute``: Mute audio input to the Live model without closing the
    session."""

    type: Literal["session.input_audio.mute"] = "session.input_audio.mute"
    event_id: str | None = None


class LiveInputAudioUnmuteEvent(BaseModel):
    """``session.input_audio.unmute``: Resume audio input to a Live model after muting it."""

    type: Literal["session.input_audio.unmute"] = "session.input_audio.unmute"
    event_id: str | None = None


class LiveOutputAudioFixturePlayEvent(BaseModel):
    """``session.output_audio.fixture.play``: Play one complete audio fixture through the session
    output."""

    type: Literal["session.output_audio.fixture.play"] = "session.output_audio.fixture.play"
    audio: str
    event_id: str | None = None


class LiveInstructionsAppendEvent(BaseModel):
    """``session.instructions.append``: Append developer instructions to the Live conversation
    while it is running, optionally associating them with an existing client delegation."""

    type: Literal["session.instructions.append"] = "session.instructions.append"
    content: str
    delegation_id: str | None = None
    event_id: str | None = None


class LiveThinkingAppendEvent(BaseModel):
    """``session.thinking.append``: Provide silent reasoning or progress context to the Live model,
    optionally for an existing client delegation. Rejected while an audio fixture is active."""

    type: Literal["session.thinking.append"] = "session.thinking.append"
    content: str
    delegation_id: str | None = None
    event_id: str | None = None


class LiveCommentaryAppendEvent(BaseModel):
    """``session.commentary.append``: Provide context the Live model can communicate to the user,
    optionally for an existing client delegation. Rejected while an audio fixture is active."""

    type: Literal["session.commentary.append"] = "session.commentary.append"
    content: str
    delegation_id: str | None = None
    event_id: str | None = None


class LiveDecisionCreateEvent(BaseModel):
    """``decision.create``: Evaluate the configured questions using the current conversation and
    Decision inputs. Reusing an event_id is rejected for the lifetime of the session."""

    type: Literal["decision.create"] = "decision.create"
    event_id: str


class LiveDecisionItemCreateEvent(BaseModel):
    """``decision.item.create``: Append an input item for future decisions without starting an
    evaluation or changing Live voice context."""

    type: Literal["decision.item.create"] = "decision.item.create"
    item: dict[str, Any]
    event_id: str | None = None


class LiveDecisionItemDeleteEvent(BaseModel):
    """``decision.item.delete``: Delete an input item from future decisions without starting an
    evaluation or changing Live voice context."""

    type: Literal["decision.item.delete"] = "decision.item.delete"
    item_id: str
    event_id: str | None = None


class LiveResponseItemCreateEvent(BaseModel):
    """``response.item.create``: Add an input item to the Live session's Responses backend."""

    type: Literal["response.item.create"] = "response.item.create"
    item: dict[str, Any]
    event_id: str | None = None


class LiveResponseCreateEvent(BaseModel):
    """``response.create``: Request a response from the Live session's Responses backend, or
    continue a delegated response waiting for tool results. Requires Responses delegation."""

    type: Literal["response.create"] = "response.create"
    event_id: str | None = None


class LiveSessionCloseEvent(BaseModel):
    """``session.close``: Request that the Live session close."""

    type: Literal["session.close"] = "session.close"
    event_id: str | None = None


# -- the unions ------------------------------------------------------------------------------

RealtimeServerEvent = (
    ConversationCreatedEvent
    | ConversationItemCreatedEvent
    | ConversationItemDeletedEvent
    | ConversationItemInputAudioTranscriptionCompletedEvent
    | ConversationItemInputAudioTranscriptionDeltaEvent
    | ConversationItemInputAudioTranscriptionFailedEvent
    | ConversationItemRetrieved
    | ConversationItemTruncatedEvent
    | RealtimeErrorEvent
    | InputAudioBufferClearedEvent
    | InputAudioBufferCommittedEvent
    | InputAudioBufferDtmfEventReceivedEvent
    | InputAudioBufferSpeechStartedEvent
    | InputAudioBufferSpeechStoppedEvent
    | RateLimitsUpdatedEvent
    | ResponseAudioDeltaEvent
    | ResponseAudioDoneEvent
    | ResponseAudioTranscriptDeltaEvent
    | ResponseAudioTranscriptDoneEvent
    | ResponseContentPartAddedEvent
    | ResponseContentPartDoneEvent
    | ResponseCreatedEvent
    | ResponseDoneEvent
    | ResponseFunctionCallArgumentsDeltaEvent
    | ResponseFunctionCallArgumentsDoneEvent
    | ResponseOutputItemAddedEvent
    | ResponseOutputItemDoneEvent
    | ResponseTextDeltaEvent
    | ResponseTextDoneEvent
    | SessionCreatedEvent
    | SessionUpdatedEvent
    | OutputAudioBufferStarted
    | OutputAudioBufferStopped
    | OutputAudioBufferCleared
    | ConversationItemAdded
    | ConversationItemDone
    | InputAudioBufferTimeoutTriggered
    | ConversationItemInputAudioTranscriptionSegment
    | McpListToolsInProgress
    | McpListToolsCompleted
    | McpListToolsFailed
    | ResponseMcpCallArgumentsDelta
    | ResponseMcpCallArgumentsDone
    | ResponseMcpCallInProgress
    | ResponseMcpCallCompleted
    | ResponseMcpCallFailed
    | UnknownEvent
)
"""What the server sends on ``/realtime``."""

RealtimeClientEvent = (
    ConversationItemCreateEvent
    | ConversationItemDeleteEvent
    | ConversationItemRetrieveEvent
    | ConversationItemTruncateEvent
    | InputAudioBufferAppendEvent
    | InputAudioBufferClearEvent
    | OutputAudioBufferClearEvent
    | InputAudioBufferCommitEvent
    | ResponseCancelEvent
    | ResponseCreateEvent
    | SessionUpdateEvent
    | UnknownEvent
)
"""What a client sends on ``/realtime`` (or a dict with ``type``)."""

RealtimeTranslationServerEvent = (
    RealtimeErrorEvent
    | RealtimeTranslationSessionCreatedEvent
    | RealtimeTranslationSessionUpdatedEvent
    | RealtimeTranslationSessionClosedEvent
    | RealtimeTranslationInputTranscriptDeltaEvent
    | RealtimeTranslationOutputTranscriptDeltaEvent
    | RealtimeTranslationOutputAudioDeltaEvent
    | UnknownEvent
)
"""What the server sends on ``/realtime/translations``."""

RealtimeTranslationClientEvent = (
    RealtimeTranslationSessionUpdateEvent
    | RealtimeTranslationInputAudioBufferAppendEvent
    | RealtimeTranslationSessionCloseEvent
    | UnknownEvent
)
"""What a client sends on ``/realtime/translations``."""

LiveServerEvent = (
    LiveSessionStartedEvent
    | LiveSessionUpdatedEvent
    | LiveInputAudioMutedEvent
    | LiveInputAudioUnmutedEvent
    | LiveOutputAudioFixturePlayingEvent
    | LiveOutputAudioFixturePlayedEvent
    | LiveInstructionsAppendedEvent
    | LiveThinkingAppendedEvent
    | LiveCommentaryAppendedEvent
    | LiveSessionInputAudioAppend
    | LiveOutputAudioDeltaEvent
    | LiveInputTranscriptDeltaEvent
    | LiveOutputTranscriptDeltaEvent
    | LiveDelegationCreatedEvent
    | LiveDecisionEvent
    | LiveDecisionItemCreatedEvent
    | LiveDecisionItemDeletedEvent
    | LiveResponseEvent
    | LiveSessionUsageUpdatedEvent
    | LiveSessionClosedEvent
    | LiveErrorEvent
    | LiveInfoEvent
    | LiveTransportDtmfReceived
    | LiveTransportDtmfSend
    | LiveTransportDtmfSent
    | LiveTransportRinging
    | LiveTransportAnswered
    | LiveTransportFailed
    | UnknownEvent
)
"""What the server sends on ``/live/sessions``."""

LiveClientEvent = (
    LiveSessionStartEvent
    | LiveSessionUpdateEvent
    | LiveInputAudioAppendEvent
    | LiveInputAudioMuteEvent
    | LiveInputAudioUnmuteEvent
    | LiveOutputAudioFixturePlayEvent
    | LiveInstructionsAppendEvent
    | LiveThinkingAppendEvent
    | LiveCommentaryAppendEvent
    | LiveDecisionCreateEvent
    | LiveDecisionItemCreateEvent
    | LiveDecisionItemDeleteEvent
    | LiveResponseItemCreateEvent
    | LiveResponseCreateEvent
    | LiveSessionCloseEvent
    | UnknownEvent
)
"""What a client sends on ``/live/sessions``."""

RealtimeConnection = WebSocketSession[RealtimeServerEvent, RealtimeClientEvent]
"""An open ``client.realtime.connect()`` session (for annotations)."""
TranslationConnection = WebSocketSession[
    RealtimeTranslationServerEvent, RealtimeTranslationClientEvent
]
"""An open ``client.realtime.translations.connect()`` session."""
LiveConnection = WebSocketSession[LiveServerEvent, LiveClientEvent]
"""An open ``client.realtime.live.connect()`` session."""


def event_models(union: Any) -> tuple[type[BaseModel], ...]:
    """The event models of one of the unions above, without ``UnknownEvent``."""
    return tuple(m for m in get_args(union) if m is not UnknownEvent)
