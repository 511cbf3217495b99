"""A tiny A2A agent for the e2e suite: its card, ``message/send`` (an echo) and
``message/stream`` (server-sent events: the task, working, the echo as an artifact, completed;
for the text ``fail``, the task then a JSON-RPC error event),
JSON-RPC 2.0 at its root. It also answers on the proxy's ``/a2a/{agent_id}*`` paths, so the
client can be pointed at it directly.

    python -m e2e.a2a_agent [port]     # serve until interrupted
"""

from __future__ import annotations

import json
import sys
import uuid
from typing import Any

from aiohttp import web

__all__ = ["AGENT_NAME", "FAIL", "start_agent"]

AGENT_NAME = "aio-litellm-echo"
FAIL = "fail"  # the text that makes a stream end in a JSON-RPC error event


def card(url: str) -> dict[str, Any]:
    return {
        "protocolVersion": "0.3.0",
        "name": AGENT_NAME,
        "description": "Echoes what it is sent.",
        "url": url,
        "version": "1.0.0",
        "preferredTransport": "JSONRPC",
        "capabilities": {"streaming": True, "pushNotifications": False},
        "defaultInputModes": ["text"],
        "defaultOutputModes": ["text"],
        "skills": [{"id": "echo", "name": "Echo", "description": "Echo", "tags": ["echo"]}],
    }


def _text(params: dict[str, Any]) -> str:
    parts = (params.get("message") or {}).get("parts") or []
    return "".join(p.get("text", "") for p in parts if isinstance(p, dict))


def _answer(rid: Any, result: Any = None, error: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"jsonrpc": "2.0", "id": rid}
    if error is not None:
        body["error"] = error
    else:
        body["result"] = result
    return body


def _events(rid: Any, params: dict[str, Any]) -> list[dict[str, Any]]:
    """The task, working, the echo, completed; for the text ``fail``, the task then an error."""
    task, ctx = uuid.uuid4().hex, uuid.uuid4().hex
    state = {"taskId": task, "contextId": ctx}
    text = _text(params)
    first = _answer(
        rid, {"kind": "task", "id": task, "contextId": ctx, "status": {"state": "submitted"}}
    )
    if text == FAIL:
        return [first, _answer(rid, error={"code": -32603, "message": "the echo failed"})]
    echo = {"artifactId": "echo", "parts": [{"kind": "text", "text": f"echo: {text}"}]}
    results = [
        {"kind": "status-update", **state, "status": {"state": "working"}, "final": False},
        {"kind": "artifact-update", **state, "artifact": echo, "lastChunk": True},
        {"kind": "status-update", **state, "status": {"state": "completed"}, "final": True},
    ]
    return [first, *(_answer(rid, r) for r in results)]


async def _card(request: web.Request) -> web.Response:
    return web.json_response(card(str(request.url.origin()) + "/"))


async def _rpc(request: web.Request) -> web.StreamResponse:
    body = await request.json()
    rid, method = body.get("id"), body.get("method")
    params = body.get("params") or {}
    if method == "message/send":
        message = {
            "kind": "message",
            "messageId": uuid.uuid4().hex,
            "role": "agent",
            "parts": [{"kind": "text", "text": f"echo: {_text(params)}"}],
        }
        return web.json_response(_answer(rid, message))
    if method == "message/stream":
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for event in _events(rid, params):
            await response.write(f"data: {json.dumps(event)}\n\n".encode())
        await response.write_eof()
        return response
    # JSON-RPC errors travel with a 200, as A2A servers send them.
    error = {"code": -32601, "message": f"Method '{method}' not found"}
    return web.json_response(_answer(rid, error=error))


def app() -> web.Application:
    application = web.Application()
    for prefix in ("", "/a2a/{agent_id}"):
        application.router.add_get(prefix + "/.well-known/agent.json", _card)
        application.router.add_get(prefix + "/.well-known/agent-card.json", _card)
        application.router.add_post(prefix + "/message/send", _rpc)
        application.router.add_post(prefix + "/message/stream", _rpc)
        application.router.add_post(prefix or "/", _rpc)
    return application


async def start_agent(host: str = "127.0.0.1", port: int = 0) -> tuple[web.AppRunner, str]:
    """Serve the agent on ``host`` (a free port unless given); returns its runner and base URL
    (``runner.cleanup()`` stops it)."""
    runner = web.AppRunner(app())
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = runner.addresses[0][1]
    return runner, f"http://{host}:{bound}/"


if __name__ == "__main__":  # pragma: no cover - manual use
    web.run_app(app(), host="127.0.0.1", port=int(sys.argv[1]) if len(sys.argv) > 1 else 8765)
