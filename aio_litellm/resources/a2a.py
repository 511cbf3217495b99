"""``client.a2a``: agents registered with the proxy (``client.agents``), invoked through it with
the A2A protocol: JSON-RPC 2.0 over ``/a2a/{agent_id}``, streams as server-sent events. A
JSON-RPC ``error`` in an answer or in a stream's event raises ``A2AError``."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from typing_extensions import Unpack

from .. import _jsonutil
from .._endpoint import Endpoint
from .._logging import Redactor
from .._resource import Resource, require
from .._streaming import Stream
from ..types.a2a import (
    A2AError,
    AgentCard,
    DiscoveredAgent,
    DiscoverParams,
    JsonRpcResponse,
    MessageParam,
    MessageSendConfiguration,
    SendMessageResult,
    StreamEvent,
    send_message_result_adapter,
    stream_event_adapter,
)

__all__ = ["A2a"]

CARD = Endpoint("GET", "/a2a/{agent_id}/.well-known/agent.json", AgentCard, "a2a.card")
# A JSON-RPC call may act (send a message, cancel a task): a resend could act twice.
CALL = Endpoint("POST", "/a2a/{agent_id}", JsonRpcResponse, "a2a.call", retry_safe=False)
SEND: Endpoint[Any] = Endpoint(
    "POST", "/a2a/{agent_id}/message/send", JsonRpcResponse, "a2a.send_message", retry_safe=False
)
STREAM: Endpoint[Any] = Endpoint(
    "POST",
    "/a2a/{agent_id}/message/stream",
    JsonRpcResponse,
    "a2a.stream_message",
    retry_safe=False,
)
# Discovery only reads the upstream agent's card.
DISCOVER = Endpoint("POST", "/v1/a2a/discover", DiscoveredAgent, "a2a.discover")


class A2a(Resource):
    """Invoke registered agents with the A2A protocol; read their cards; discover an upstream
    agent's card before registering it."""

    __slots__ = ()

    async def card(self, agent_id: str) -> AgentCard:
        """The agent's card, its ``url`` pointing at the proxy (agent id or name).
        ``GET /a2a/{agent_id}/.well-known/agent.json``."""
        return await self._client._call(CARD, path={"agent_id": agent_id})

    async def call(
        self,
        agent_id: str,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        id: str | int | None = None,
    ) -> JsonRpcResponse:
        """Any A2A JSON-RPC method (``tasks/get``, ``tasks/cancel`` ...); ``result`` as sent.
        ``POST /a2a/{agent_id}``."""
        if not isinstance(method, str) or not method:
            raise TypeError("a2a.call() needs a JSON-RPC method name")
        body = _request(method, params or {}, id)
        result: JsonRpcResponse = await self._client._call(
            CALL,
            path={"agent_id": agent_id},
            json=body,
            parse=self._parser(CALL, agent_id, JsonRpcResponse.model_validate),
        )
        return result

    async def send_message(
        self,
        agent_id: str,
        message: MessageParam | str,
        *,
        configuration: MessageSendConfiguration | None = None,
        metadata: dict[str, Any] | None = None,
        id: str | int | None = None,
    ) -> SendMessageResult:
        """Send a message (a str: one user text part); the answer is a ``Task`` or a
        ``Message``. ``POST /a2a/{agent_id}/message/send``."""
        body = _request("message/send", _send_params(message, configuration, metadata), id)
        validate = send_message_result_adapter().validate_python
        result: SendMessageResult = await self._client._call(
            SEND,
            path={"agent_id": agent_id},
            json=body,
            parse=self._parser(SEND, agent_id, lambda env: validate(env.get("result"))),
        )
        return result

    async def stream_message(
        self,
        agent_id: str,
        message: MessageParam | str,
        *,
        configuration: MessageSendConfiguration | None = None,
        metadata: dict[str, Any] | None = None,
        id: str | int | None = None,
    ) -> Stream[StreamEvent]:
        """Send a message and stream the agent's events (``Task``, ``Message``,
        ``TaskStatusUpdateEvent``, ``TaskArtifactUpdateEvent``); an error event raises
        ``A2AError`` where it is read. ``POST /a2a/{agent_id}/message/stream``."""
        body = _request("message/stream", _send_params(message, configuration, metadata), id)
        validate = stream_event_adapter().validate_python
        return await self._client._stream(
            STREAM,
            self._parser(STREAM, agent_id, lambda env: validate(env.get("result", env))),
            path={"agent_id": agent_id},
            json=body,
        )

    async def discover(self, **params: Unpack[DiscoverParams]) -> DiscoveredAgent:
        """Fetch an upstream agent's own card by its base URL (proxy admin only; the proxy
        refuses private addresses unless allow-listed). ``POST /v1/a2a/discover``."""
        require("a2a.discover", params, "url")
        return await self._client._call(DISCOVER, json=dict(params))

    def _parser(
        self, ep: Endpoint[Any], agent_id: str, read: Callable[[dict[str, Any]], Any]
    ) -> Callable[[bytes], Any]:
        """Decode a JSON-RPC answer (or one event's): ``read`` gets the envelope; an
        ``error`` member raises ``A2AError``, worded without secrets."""
        client = self._client
        path = ep.format({"agent_id": agent_id})  # also refuses a bad id before any I/O

        def parse(content: bytes) -> Any:
            envelope = _jsonutil.loads(content)
            if not isinstance(envelope, dict):
                raise ValueError("a JSON-RPC answer must be an object")
            if envelope.get("error") is not None:
                raise _error(envelope, client._redactor, ep.method, client.base_url + path)
            return read(envelope)

        return parse


def _request(method: str, params: dict[str, Any], id: str | int | None) -> dict[str, Any]:
    if not isinstance(params, dict):
        raise TypeError(f"A2A params must be a dict, not {type(params).__name__}")
    if id is not None and (not isinstance(id, (str, int)) or isinstance(id, bool)):
        raise TypeError("a JSON-RPC id must be a str or int")
    return {
        "jsonrpc": "2.0",
        "id": uuid.uuid4().hex if id is None else id,
        "method": method,
        "params": params,
    }


def _send_params(
    message: MessageParam | str,
    configuration: MessageSendConfiguration | None,
    metadata: dict[str, Any] | None,
) -> dict[str, Any]:
    if isinstance(message, str):
        if not message:
            raise ValueError("an A2A message must not be empty")
        msg: dict[str, Any] = {"role": "user", "parts": [{"kind": "text", "text": message}]}
    elif isinstance(message, dict):
        if not message.get("parts"):
            raise TypeError("an A2A message needs a non-empty 'parts' list")
        msg = {"role": "user", **message}
    else:
        raise TypeError(f"an A2A message is a str or a dict, not {type(message).__name__}")
    msg.setdefault("kind", "message")
    msg.setdefault("messageId", uuid.uuid4().hex)
    params: dict[str, Any] = {"message": msg}
    if configuration is not None:
        params["configuration"] = dict(configuration)
    if metadata is not None:
        params["metadata"] = metadata
    return params


def _error(envelope: dict[str, Any], redact: Redactor, method: str, url: str) -> A2AError:
    err = envelope["error"]
    if isinstance(err, dict):
        code = err.get("code")
        message = err.get("message")
        data = err.get("data")
    else:
        code, message, data = None, err, None
    rid = envelope.get("id")
    return A2AError(
        redact(str(message) if message else "JSON-RPC error"),
        code=code if isinstance(code, int) and not isinstance(code, bool) else None,
        data=data,
        id=rid if isinstance(rid, (str, int)) and not isinstance(rid, bool) else None,
        method=method,
        url=redact.url(url),
    )
