"""A fault-injection server for the reliability tests: loopback only, one behaviour per path.

Raw-socket faults (resets before the status line, mid-body) come from a plain asyncio server;
HTTP-level faults from aiohttp handlers. Every scenario is reachable as
``POST {url}/{scenario}/chat/completions`` so a real client call exercises it.
"""

from __future__ import annotations

import asyncio
import email.utils
import gzip
import time
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from aiohttp import web

from .conftest import chunk, sse

OK_CHAT = {"id": "c", "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}}]}
OK_BODY = orjson.dumps(OK_CHAT)


class RawServer:
    """Speaks just enough HTTP to misbehave at the byte level."""

    def __init__(self, behaviour: str) -> None:
        self.behaviour = behaviour
        self.server: asyncio.Server | None = None
        self.connections = 0

    async def start(self) -> str:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            await reader.readuntil(b"\r\n\r\n")
            if self.behaviour == "reset-before-status":
                pass
            elif self.behaviour == "reset-mid-body":
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 1000\r\n\r\n" + OK_BODY[:20]
                )
                await writer.drain()
            elif self.behaviour == "reset-mid-stream":
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                    b"Transfer-Encoding: chunked\r\n\r\n"
                )
                data = chunk("a") + chunk("b")
                writer.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.transport.abort()  # RST, not FIN

    async def close(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(
        status=status, body=orjson.dumps(body), content_type="application/json", headers=headers
    )


def error(status: int, headers: dict[str, str] | None = None) -> web.Response:
    return json_response(
        status, {"error": {"message": f"fault {status}", "code": str(status)}}, headers
    )


def scenarios(state: dict[str, int]) -> dict[str, Handler]:
    """HTTP-level faults; ``state`` counts calls per scenario (for fail-then-succeed ones)."""

    def first_then_ok(make: Callable[[], web.StreamResponse], name: str, times: int = 1) -> Handler:
        async def handler(request: web.Request) -> web.StreamResponse:
            state[name] = state.get(name, 0) + 1
            return make() if state[name] <= times else json_response(200, OK_CHAT)

        return handler

    async def slow_headers(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(5)
        return json_response(200, OK_CHAT)

    async def stall_body(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        response.content_length = len(OK_BODY)
        await response.prepare(request)
        await response.write(OK_BODY[:10])
        await asyncio.sleep(5)
        await response.write(OK_BODY[10:])
        return response

    async def truncated_json(request: web.Request) -> web.StreamResponse:
        return web.Response(body=OK_BODY[:-5], content_type="application/json")

    async def malformed_json(request: web.Request) -> web.StreamResponse:
        return web.Response(body=b"{'id': oops}", content_type="application/json")

    async def invalid_utf8(request: web.Request) -> web.StreamResponse:
        return web.Response(
            body=b'{"id": "\xff\xfe", "choices": []}', content_type="application/json"
        )

    async def big(request: web.Request) -> web.StreamResponse:
        content = "x" * (10 * 1024 * 1024)
        body = {
            **OK_CHAT,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}],
        }
        return json_response(200, body)

    async def gzipped(request: web.Request) -> web.StreamResponse:
        return web.Response(
            body=gzip.compress(OK_BODY),
            headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        )

    async def html_502(request: web.Request) -> web.StreamResponse:
        return web.Response(
            status=502,
            text="<html><body><h1>502 Bad Gateway</h1></body></html>",
            content_type="text/html",
        )

    date = email.utils.formatdate(time.time() + 3, usegmt=True)
    return {
        "ok": first_then_ok(lambda: json_response(200, OK_CHAT), "ok", times=0),
        "slow-headers": slow_headers,
        "stall-body": stall_body,
        "429-ms": first_then_ok(lambda: error(429, {"retry-after-ms": "1500"}), "429-ms"),
        "429-seconds": first_then_ok(lambda: error(429, {"retry-after": "2"}), "429-seconds"),
        "429-date": first_then_ok(lambda: error(429, {"retry-after": date}), "429-date"),
        "429-provider": first_then_ok(
            lambda: error(429, {"llm_provider-retry-after": "7"}), "429-provider"
        ),
        "429-absent": first_then_ok(lambda: error(429), "429-absent"),
        "429-absurd": first_then_ok(lambda: error(429, {"retry-after": "99999999"}), "429-absurd"),
        "503-storm": first_then_ok(lambda: error(503), "503-storm", times=100),
        "502-html": html_502,
        "malformed-json": malformed_json,
        "truncated-json": truncated_json,
        "invalid-utf8": invalid_utf8,
        "stream-no-done": sse(chunk("a"), chunk("b"), done=False),
        "stream-error-event": sse(
            chunk("a"), b'data: {"error": {"message": "mid", "code": "500"}}\n\n', done=False
        ),
        "big-10mb": big,
        "gzip": gzipped,
    }


def make_app(state: dict[str, int]) -> web.Application:
    app = web.Application()
    handlers = scenarios(state)

    async def dispatch(request: web.Request) -> web.StreamResponse:
        name = request.match_info["scenario"]
        await request.read()
        return await handlers[name](request)

    app.router.add_route("*", "/{scenario}/{tail:.*}", dispatch)
    return app
