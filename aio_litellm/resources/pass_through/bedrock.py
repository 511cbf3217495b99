"""``client.pass_through.bedrock``: raw verbs below ``/bedrock/``, and Bedrock's own API typed.

The proxy routes ``/bedrock/*`` two ways. Paths holding ``agents/``, ``knowledgebases/``,
``retrieveAndGenerate/`` (and flows, rerank ...) go to ``bedrock-agent-runtime.<region>`` signed
with the proxy's AWS credentials; everything else is a Bedrock Runtime call whose model must be a
``model_name`` of the proxy's model list (a raw Bedrock model id is refused with a 400): the
proxy swaps in the deployment's model and credentials.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from typing_extensions import Unpack

from ... import _jsonutil
from ..._eventstream import EventStream, EventStreamMessage
from ..._resource import Resource, group, require
from ..._urls import SubPath
from ...types.pass_through.bedrock import (
    CONVERSE_STREAM_EVENTS,
    AgentChunkEvent,
    AgentEvent,
    ApplyGuardrailParams,
    ApplyGuardrailResponse,
    ConverseParams,
    ConverseResponse,
    ConverseStreamEvent,
    InvokeAgentEvent,
    InvokeAgentParams,
    RetrieveAndGenerateParams,
    RetrieveAndGenerateResponse,
    RetrieveParams,
    RetrieveResponse,
    UnknownConverseStreamEvent,
    decode_b64,
)
from . import BEDROCK, FullProvider

__all__ = ["Bedrock", "BedrockAgents", "BedrockGuardrails", "BedrockKnowledgeBases"]

EVENT_STREAM = "application/vnd.amazon.eventstream"


def _object(message: EventStreamMessage, event_type: str) -> dict[str, Any]:
    payload = message.json()
    if not isinstance(payload, dict):
        raise ValueError(f"a {event_type} event must be a JSON object")
    return payload


def converse_stream_event(message: EventStreamMessage) -> ConverseStreamEvent | None:
    """A ``converse-stream`` frame as its typed event (``:event-type`` names the class)."""
    event_type = message.event_type
    if event_type is None:
        return None
    payload = _object(message, event_type)
    cls = CONVERSE_STREAM_EVENTS.get(event_type, UnknownConverseStreamEvent)
    # The header names the event; the payload carries no tag of its own.
    event: ConverseStreamEvent = cls.model_validate({**payload, "type": event_type})  # type: ignore[assignment]
    return event


def invoke_stream_chunk(message: EventStreamMessage) -> dict[str, Any] | None:
    """An ``invoke-with-response-stream`` ``chunk`` frame's inner JSON (the model provider's own
    event, e.g. Anthropic's ``content_block_delta``); other frames are skipped."""
    if message.event_type != "chunk":
        return None
    payload = message.json()
    inner = payload.get("bytes") if isinstance(payload, dict) else None
    event = _jsonutil.loads(decode_b64(inner))
    if not isinstance(event, dict):
        raise ValueError("a chunk's bytes must hold a JSON object")
    return event


def agent_event(message: EventStreamMessage) -> InvokeAgentEvent | None:
    """An agent answer's frame: ``chunk`` (its bytes decoded) or any other event, typed."""
    event_type = message.event_type
    if event_type is None:
        return None
    payload = _object(message, event_type)
    if event_type == "chunk":
        return AgentChunkEvent(
            data=decode_b64(payload.get("bytes", "")), attribution=payload.get("attribution")
        )
    return AgentEvent.model_validate({**payload, "type": event_type})


def _body(method: str, params: Mapping[str, Any], *required: str) -> dict[str, Any]:
    require(method, params, *required)
    return dict(params)


class Bedrock(FullProvider):
    """Bedrock: ``converse``, ``converse_stream``, ``invoke``, ``invoke_with_response_stream``
    typed; ``guardrails``, ``knowledge_bases``, ``agents``; raw verbs for the rest."""

    routes = BEDROCK

    guardrails: group[BedrockGuardrails] = group("pass_through.bedrock:BedrockGuardrails")
    knowledge_bases: group[BedrockKnowledgeBases] = group(
        "pass_through.bedrock:BedrockKnowledgeBases"
    )
    agents: group[BedrockAgents] = group("pass_through.bedrock:BedrockAgents")

    async def converse(self, model: str, **params: Unpack[ConverseParams]) -> ConverseResponse:
        """A conversation turn: ``POST /bedrock/model/{model}/converse``. ``model`` is a
        ``model_name`` of the proxy's model list."""
        body = _body("converse", params, "messages")
        path = self._path("model/{model}/converse", model=model)
        return await self.request("POST", path, json=body, cast_to=ConverseResponse)

    async def converse_stream(
        self, model: str, **params: Unpack[ConverseParams]
    ) -> EventStream[ConverseStreamEvent]:
        """A conversation turn streamed as typed events: ``POST
        /bedrock/model/{model}/converse-stream`` (an AWS event stream). Events:
        ``MessageStartEvent``, ``ContentBlockDeltaEvent`` and the rest, ``metadata`` last."""
        body = _body("converse_stream", params, "messages")
        path = self._path("model/{model}/converse-stream", model=model)
        return await self._event_stream(path, body, converse_stream_event)

    async def invoke(self, model: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """The model provider's native body and answer: ``POST /bedrock/model/{model}/invoke``.
        For an Anthropic model, its ``messages`` body with ``anthropic_version``."""
        path = self._path("model/{model}/invoke", model=model)
        result: dict[str, Any] = await self.request(
            "POST", path, json=_mapping("invoke", body), cast_to=dict[str, Any]
        )
        return result

    async def invoke_with_response_stream(
        self, model: str, body: Mapping[str, Any]
    ) -> EventStream[dict[str, Any]]:
        """``invoke`` streamed: ``POST /bedrock/model/{model}/invoke-with-response-stream``.
        Yields each ``chunk`` frame's base64 ``bytes`` decoded: the provider's own JSON event."""
        body = _mapping("invoke_with_response_stream", body)
        path = self._path("model/{model}/invoke-with-response-stream", model=model)
        return await self._event_stream(path, body, invoke_stream_chunk)

    async def _event_stream(
        self,
        path: SubPath,
        body: Mapping[str, Any],
        parse: Callable[[EventStreamMessage], Any],
    ) -> EventStream[Any]:
        raw = await self.open("POST", path, json=body, headers={"Accept": EVENT_STREAM})
        return EventStream(raw, parse)


def _mapping(method: str, body: Any) -> dict[str, Any]:
    if not isinstance(body, Mapping):
        raise TypeError(f"{method}() body must be a mapping, not {type(body).__name__}")
    return dict(body)


class _Part(Resource):
    """A sub-group of ``Bedrock``: its calls go through the provider's route."""

    __slots__ = ()

    @property
    def _bedrock(self) -> Bedrock:
        return Bedrock(self._client)


class BedrockGuardrails(_Part):
    __slots__ = ()

    async def apply(
        self, guardrail_id: str, version: str, **params: Unpack[ApplyGuardrailParams]
    ) -> ApplyGuardrailResponse:
        """Check content against a guardrail: ``POST
        /bedrock/guardrail/{id}/version/{version}/apply``. LiteLLM 1.110.2 routes only model
        paths to Bedrock Runtime, so its proxy answers this with a 400."""
        body = _body("apply", params, "source", "content")
        bedrock = self._bedrock
        path = bedrock._path(
            "guardrail/{guardrail_id}/version/{version}/apply",
            guardrail_id=guardrail_id,
            version=version,
        )
        return await bedrock.request("POST", path, json=body, cast_to=ApplyGuardrailResponse)


class BedrockKnowledgeBases(_Part):
    __slots__ = ()

    async def retrieve(
        self, knowledge_base_id: str, **params: Unpack[RetrieveParams]
    ) -> RetrieveResponse:
        """Query a knowledge base: ``POST /bedrock/knowledgebases/{id}/retrieve`` (agent
        runtime)."""
        body = _body("retrieve", params, "retrievalQuery")
        bedrock = self._bedrock
        path = bedrock._path("knowledgebases/{kb}/retrieve", kb=knowledge_base_id)
        return await bedrock.request("POST", path, json=body, cast_to=RetrieveResponse)

    async def retrieve_and_generate(
        self, **params: Unpack[RetrieveAndGenerateParams]
    ) -> RetrieveAndGenerateResponse:
        """Query a knowledge base and answer from it: ``POST /bedrock/retrieveAndGenerate/``.
        The trailing slash is what LiteLLM 1.110.2 matches to route it to the agent runtime."""
        body = _body("retrieve_and_generate", params, "input")
        return await self._bedrock.request(
            "POST", "retrieveAndGenerate/", json=body, cast_to=RetrieveAndGenerateResponse
        )


class BedrockAgents(_Part):
    __slots__ = ()

    async def invoke(
        self,
        agent_id: str,
        alias_id: str,
        session_id: str,
        **params: Unpack[InvokeAgentParams],
    ) -> EventStream[InvokeAgentEvent]:
        """A turn to an agent: ``POST
        /bedrock/agents/{agent}/agentAliases/{alias}/sessions/{session}/text`` (agent runtime).
        Its answer streams as ``chunk`` events (text) and ``trace`` or other events."""
        bedrock = self._bedrock
        path = bedrock._path(
            "agents/{agent}/agentAliases/{alias}/sessions/{session}/text",
            agent=agent_id,
            alias=alias_id,
            session=session_id,
        )
        return await bedrock._event_stream(path, dict(params), agent_event)
