"""Shared fixtures: a scripted fake proxy on loopback (real aiohttp server), a fake sleep."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from aio_litellm import LiteLLMClient

API_KEY = "sk-test-0123456789abcdef"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


# The route inventory of the pinned LiteLLM, made by tools/gen_inventory.py.
INVENTORY = Path(__file__).parent / "data" / "litellm-endpoints.tsv"


def inventory() -> list[dict[str, str]]:
    """The inventory's rows (group, method, path, aliases, source_file, include_in_schema ...)."""
    lines = INVENTORY.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    path: str  # decoded path, as the router sees it
    raw_path: str  # path and query as sent on the wire
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    content_type: str

    def json(self) -> Any:
        return orjson.loads(self.body)


def reply(status: int = 200, body: Any = None, headers: dict[str, str] | None = None) -> Handler:
    """A handler answering with JSON (or raw bytes/str) once."""

    async def handler(request: web.Request) -> web.StreamResponse:
        if isinstance(body, bytes):
            return web.Response(status=status, body=body, headers=headers)
        if isinstance(body, str):
            return web.Response(status=status, text=body, headers=headers)
        return web.Response(
            status=status,
            body=orjson.dumps(body if body is not None else {}),
            content_type="application/json",
            headers=headers,
        )

    return handler


def chunk(content: str, index: int = 0) -> bytes:
    body = {"id": "s", "choices": [{"index": index, "delta": {"content": content}}]}
    return b"data: " + orjson.dumps(body) + b"\n\n"


def sse(
    *events: bytes, done: bool = True, pause: float = 0.0, cut: bool = False, linger: float = 0.0
) -> Handler:
    """An SSE endpoint sending ``events``, then ``[DONE]`` unless ``done=False``; ``pause``
    between events, ``cut`` drops the connection instead of ending, ``linger`` delays the end."""

    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for event in events:
            await response.write(event)
            if pause:
                await asyncio.sleep(pause)
        if cut:
            assert request.transport is not None
            request.transport.close()
            return response
        if done:
            await response.write(b"data: [DONE]\n\n")
        if linger:
            # The chunked terminator comes late: only a drain after [DONE] keeps the connection.
            await asyncio.sleep(linger)
        await response.write_eof()
        return response

    return handler


@dataclass
class FakeProxy:
    """Answers each (method, path) from a script of handlers; the last one repeats."""

    server: TestServer | None = None
    seen: list[Seen] = field(default_factory=list)
    scripts: dict[tuple[str, str], list[Handler]] = field(default_factory=dict)
    peers: set[Any] = field(default_factory=set)
    in_flight: int = 0
    max_in_flight: int = 0

    @property
    def url(self) -> str:
        assert self.server is not None
        return str(self.server.make_url("")).rstrip("/")

    def on(self, method: str, path: str, *handlers: Handler) -> None:
        self.scripts[(method, path)] = list(handlers)

    def calls(self, method: str | None = None, path: str | None = None) -> list[Seen]:
        return [
            s
            for s in self.seen
            if (method is None or s.method == method) and (path is None or s.path == path)
        ]

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        # The client's address and port name its TCP connection: keep-alive reuse shows as
        # fewer distinct peers.
        self.peers.add(request.transport.get_extra_info("peername") if request.transport else None)
        self.seen.append(
            Seen(
                request.method,
                request.path,
                request.raw_path,
                dict(request.query),
                dict(request.headers),
                body,
                request.content_type,
            )
        )
        script = self.scripts.get((request.method, request.path))
        if not script:
            return web.json_response(
                {"error": {"message": f"no route {request.path}", "code": "404"}}, status=404
            )
        handler = script.pop(0) if len(script) > 1 else script[0]
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await handler(request)
        finally:
            self.in_flight -= 1


class FakeSleep:
    """Records the waits the client asks for and returns at once."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        await asyncio.sleep(0)


@pytest.fixture
async def proxy() -> AsyncIterator[FakeProxy]:
    fake = FakeProxy()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", fake._dispatch)

    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    fake.server = server
    yield fake
    await server.close()


@pytest.fixture
def sleep() -> FakeSleep:
    return FakeSleep()


@pytest.fixture
async def client(proxy: FakeProxy, sleep: FakeSleep) -> AsyncIterator[LiteLLMClient]:
    async with LiteLLMClient(base_url=proxy.url, api_key=API_KEY, sleep=sleep) as c:
        yield c
