"""``client.mcp`` transports: the proxy's MCP endpoints spoken as HTTP (streamable HTTP, the
legacy SSE transport and the mounted sub-app), one JSON-RPC message a call."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from .. import _jsonutil
from .._endpoint import Endpoint
from .._pipeline import NOT_GIVEN
from .._resource import Resource, require
from .._streaming import SSEDecoder, Stream
from ..types.mcp import (
    JsonRpcMessage,
    McpReply,
)

__all__ = [
    "McpMount",
    "McpProxyTransport",
    "McpSse",
    "McpTransport",
    "NamedMcpTransport",
    "ToolsetMcpTransport",
    "transport_routes",
]

# -- the MCP transport ----------------------------------------------------------------------

_VERBS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
# A JSON-RPC request may call a tool: POST (and PATCH) are never sent twice.
_UNSAFE_VERBS = frozenset({"POST", "PATCH"})
_ACCEPT = "application/json, text/event-stream"


def transport_routes(path: str, attr: str) -> dict[str, Endpoint[Any]]:
    """The endpoints of one MCP streamable-HTTP route, one per HTTP verb
    (``{verb}`` -> ``Endpoint(verb, path, ..., "{attr}.{verb.lower()}")``)."""
    return {
        verb: Endpoint(
            verb, path, McpReply, f"{attr}.{verb.lower()}", retry_safe=verb not in _UNSAFE_VERBS
        )
        for verb in _VERBS
    }


AGGREGATE = transport_routes("/mcp", "mcp.transport")
PROXY = transport_routes("/mcp/proxy", "mcp.proxy")
PER_SERVER = transport_routes("/{mcp_server_name}/mcp", "mcp.server_transport")
PER_TOOLSET = transport_routes("/toolset/{toolset_name}/mcp", "mcp.toolset_transport")
SSE_CONNECT = Endpoint("GET", "/mcp/sse", McpReply, "mcp.sse.connect")
SSE_SEND = Endpoint("POST", "/mcp/sse/messages", McpReply, "mcp.sse.send", retry_safe=False)
# The /mcp sub-app's own mounts: whatever method the caller names.
MOUNT = Endpoint("ANY", "/mcp/", McpReply, "mcp.mount.request", retry_safe=False)
MOUNT_SERVER = Endpoint(
    "ANY", "/mcp/{mcp_server_name}/mcp", McpReply, "mcp.mount.server_request", retry_safe=False
)


def _headers(session_id: str | None, accept: str = _ACCEPT) -> dict[str, str]:
    headers = {"Accept": accept}
    if session_id is not None:
        if not isinstance(session_id, str) or not session_id:
            raise TypeError("session_id must be a non-empty str")
        headers["mcp-session-id"] = session_id
    return headers


def _message(message: JsonRpcMessage | None, *, required: bool = True) -> Any:
    """The JSON body of a transport call: a JSON-RPC message, ``jsonrpc`` filled in."""
    if message is None and not required:
        return None
    if not isinstance(message, Mapping):
        raise TypeError(f"an MCP message must be a JSON-RPC dict, not {type(message).__name__}")
    return {"jsonrpc": "2.0", **message}


def _decode(data: str | bytes) -> Any:
    """One JSON-RPC payload: parsed JSON, or the text when it is not JSON (the legacy SSE
    transport's ``endpoint`` event is a bare URL)."""
    try:
        return _jsonutil.loads(data)
    except _jsonutil.JSONDecodeError:
        return data if isinstance(data, str) else data.decode("utf-8", "replace")


def _parse_reply(content: bytes) -> McpReply:
    """A transport answer: JSON; or, from a ``text/event-stream`` answer (what a
    streamable-HTTP server may send instead), the JSON-RPC response among its ``message``
    events (the notifications sent before it skipped), else the first one; or the text."""
    body = content.strip()
    if not body:
        return McpReply(message=None)
    if body[:1] in (b"{", b"["):
        return McpReply(message=_jsonutil.loads(body))
    messages = [
        _decode(event.data)
        for event in SSEDecoder().feed(body + b"\n\n")
        if event.event in (None, "message")
    ]
    for message in messages:
        if isinstance(message, dict) and ("result" in message or "error" in message):
            return McpReply(message=message)
    return McpReply(message=messages[0] if messages else body.decode("utf-8", "replace"))


class _TransportBase(Resource):
    """The calls shared by the transport routes; ``routes`` is a ``transport_routes`` table."""

    __slots__ = ()

    routes: ClassVar[dict[str, Endpoint[Any]]]

    def _path(self, name: str | None) -> dict[str, str] | None:
        params = self.routes["GET"].params
        return {params[0]: name} if params and name is not None else None

    async def _send(
        self, verb: str, name: str | None, body: Any, session_id: str | None
    ) -> McpReply:
        return await self._client._call(
            self.routes[verb],
            path=self._path(name),
            json=NOT_GIVEN if body is None else body,
            headers=_headers(session_id),
            parse=_parse_reply,
        )

    async def _open(self, name: str | None, session_id: str | None) -> Stream[Any]:
        return await self._client._stream(
            self.routes["GET"],
            _decode,
            path=self._path(name),
            headers=_headers(session_id, "text/event-stream"),
        )


class McpTransport(_TransportBase):
    """The aggregate MCP endpoint (``/mcp``): every tool the key may use, one MCP server.

    ``post`` sends one JSON-RPC message and returns the answer (``reply.session_id`` is the
    session to pass back on later calls). ``get`` opens the server's event stream: it never
    ends by itself, so close it (``async with``) or bound it with a deadline.
    """

    __slots__ = ()
    routes = AGGREGATE

    async def post(self, message: JsonRpcMessage, *, session_id: str | None = None) -> McpReply:
        """Send one JSON-RPC message and return the answer."""
        return await self._send("POST", None, _message(message), session_id)

    async def get(self, *, session_id: str | None = None) -> Stream[Any]:
        """Open the server-to-client event stream (never ends by itself)."""
        return await self._open(None, session_id)

    async def delete(self, *, session_id: str | None = None) -> McpReply:
        """End the session ``session_id``."""
        return await self._send("DELETE", None, None, session_id)

    async def put(
        self, message: JsonRpcMessage | None = None, *, session_id: str | None = None
    ) -> McpReply:
        """``PUT`` (not part of the MCP transport: the answer says what the server does)."""
        return await self._send("PUT", None, _message(message, required=False), session_id)

    async def patch(
        self, message: JsonRpcMessage | None = None, *, session_id: str | None = None
    ) -> McpReply:
        """``PATCH`` (not part of the MCP transport: the answer says what the server does)."""
        return await self._send("PATCH", None, _message(message, required=False), session_id)

    async def head(self, *, session_id: str | None = None) -> McpReply:
        """``HEAD``: status and headers only (``reply.raw_response``)."""
        return await self._send("HEAD", None, None, session_id)

    async def options(self, *, session_id: str | None = None) -> McpReply:
        """``OPTIONS``: status and headers (``reply.raw_response``)."""
        return await self._send("OPTIONS", None, None, session_id)


class McpProxyTransport(McpTransport):
    """The fixed three-tool MCP proxy surface (``/mcp/proxy``); calls as on ``mcp.transport``."""

    __slots__ = ()
    routes = PROXY


class NamedMcpTransport(_TransportBase):
    """An MCP endpoint of one name: ``/{mcp_server_name}/mcp`` (a server alias, toolset, access
    group tag, or a comma-separated list) or ``/toolset/{toolset_name}/mcp``. The calls are
    those of ``mcp.transport`` with the name first; ``get`` never ends by itself either."""

    __slots__ = ()
    routes = PER_SERVER

    async def post(
        self, name: str, message: JsonRpcMessage, *, session_id: str | None = None
    ) -> McpReply:
        """Send one JSON-RPC message to the named endpoint."""
        return await self._send("POST", name, _message(message), session_id)

    async def get(self, name: str, *, session_id: str | None = None) -> Stream[Any]:
        """Open the named endpoint's event stream (never ends by itself)."""
        return await self._open(name, session_id)

    async def delete(self, name: str, *, session_id: str | None = None) -> McpReply:
        """End a session on the named endpoint."""
        return await self._send("DELETE", name, None, session_id)

    async def put(
        self, name: str, message: JsonRpcMessage | None = None, *, session_id: str | None = None
    ) -> McpReply:
        """``PUT`` on the named endpoint (not part of the MCP transport)."""
        return await self._send("PUT", name, _message(message, required=False), session_id)

    async def patch(
        self, name: str, message: JsonRpcMessage | None = None, *, session_id: str | None = None
    ) -> McpReply:
        """``PATCH`` on the named endpoint (not part of the MCP transport)."""
        return await self._send("PATCH", name, _message(message, required=False), session_id)

    async def head(self, name: str, *, session_id: str | None = None) -> McpReply:
        """``HEAD`` on the named endpoint: status and headers only."""
        return await self._send("HEAD", name, None, session_id)

    async def options(self, name: str, *, session_id: str | None = None) -> McpReply:
        """``OPTIONS`` on the named endpoint: status and headers."""
        return await self._send("OPTIONS", name, None, session_id)


class ToolsetMcpTransport(NamedMcpTransport):
    """A toolset as its own MCP endpoint (``/toolset/{toolset_name}/mcp``)."""

    __slots__ = ()
    routes = PER_TOOLSET


class McpSse(Resource):
    """The legacy HTTP+SSE transport: ``connect`` opens ``GET /mcp/sse``, whose first event is
    the ``endpoint`` (a URL holding ``session_id``) and whose later events carry the answers to
    what ``send`` posts. The stream never ends by itself: close it or use a deadline."""

    __slots__ = ()

    async def connect(self) -> Stream[Any]:
        """Open the legacy SSE stream (events parsed as JSON, else text). ``GET /mcp/sse``."""
        return await self._client._stream(
            SSE_CONNECT, _decode, headers={"Accept": "text/event-stream"}
        )

    async def send(self, session_id: str, message: JsonRpcMessage) -> McpReply:
        """Post one message to a legacy SSE session; the answer arrives on its stream (this
        returns the 202). ``POST /mcp/sse/messages``."""
        require("mcp.sse.send", {"session_id": session_id}, "session_id")
        return await self._client._call(
            SSE_SEND,
            query={"session_id": session_id},
            json=_message(message),
            headers=_headers(None),
            parse=_parse_reply,
        )


class McpMount(Resource):
    """The ``/mcp`` sub-app's streamable-HTTP mounts, which take any method. GET opens an
    endless stream there: use ``mcp.transport.get`` / ``mcp.server_transport.get`` instead."""

    __slots__ = ()

    async def request(
        self,
        method: str,
        message: JsonRpcMessage | None = None,
        *,
        session_id: str | None = None,
    ) -> McpReply:
        """Send ``method`` to the mount. ``ANY /mcp/``."""
        return await self._any(MOUNT, method, None, message, session_id)

    async def server_request(
        self,
        method: str,
        mcp_server_name: str,
        message: JsonRpcMessage | None = None,
        *,
        session_id: str | None = None,
    ) -> McpReply:
        """Send ``method`` to one server's mount. ``ANY /mcp/{mcp_server_name}/mcp``."""
        path = {"mcp_server_name": mcp_server_name}
        return await self._any(MOUNT_SERVER, method, path, message, session_id)

    async def _any(
        self,
        ep: Endpoint[McpReply],
        method: str,
        path: dict[str, str] | None,
        message: JsonRpcMessage | None,
        session_id: str | None,
    ) -> McpReply:
        verb = method.upper() if isinstance(method, str) else ""
        if verb not in _VERBS:
            raise ValueError(f"method must be one of {', '.join(_VERBS)}, not {method!r}")
        if verb == "GET":
            raise ValueError("GET opens a stream that never ends: use mcp.transport.get()")
        body = _message(message, required=verb == "POST")
        # An ANY route has no method of its own for ``_call`` to send: the request is built
        # here with the caller's, retried by the same rule as the transport routes.
        pipeline = self._client
        req = pipeline._build(
            verb,
            ep.path,
            path,
            None,
            NOT_GIVEN if body is None else body,
            None,
            None,
            _headers(session_id),
            verb not in _UNSAFE_VERBS,
            False,
        )
        reply, info = await pipeline._send(req)
        result: McpReply = pipeline._parse(_parse_reply, reply.content, info)
        return result
