"""Exact attempt counts: N configured retries put at most N+1 requests on the wire.

aiohttp silently sends an idempotent request a second time when a pooled connection fails
under it; the client turns that off, so every attempt the server sees is one the client
counted (``retries``), logged and passed through its limiter. A raw TCP server counts what
arrives and drops connections without answering (a FIN, or an RST), on fresh connections and
on pooled ones that have already answered a request.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import struct
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any, Literal

import aiohttp
import pytest

from aio_litellm import APIConnectionError, LiteLLMClient

from .conftest import FakeSleep

Reset = Literal["close", "rst"]
METHODS = ("GET", "PUT", "DELETE", "POST")


class ResettingServer:
    """Answers ``/warm`` at once (keep-alive) and drops the connection on the first
    ``resets`` requests for any other path (None: all of them), then answers those too."""

    def __init__(self, mode: Reset, resets: int | None) -> None:
        self.mode = mode
        self.resets = resets
        self.counts: Counter[tuple[str, str]] = Counter()
        # Per request to a target path: whether it came on a connection that had already
        # answered a request (so the test knows it exercised a pooled connection).
        self.reused: list[bool] = []
        self.connections = 0
        self._server: asyncio.Server | None = None
        self.port = 0

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    def sent(self, method: str) -> int:
        """Requests for the target path received with ``method``."""
        return self.counts[(method, "/target")]

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        answered = 0
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                length = 0
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    if name.strip().lower() == "content-length":
                        length = int(value)
                if length:
                    await reader.readexactly(length)
                self.counts[(method, path)] += 1
                if path != "/warm":
                    self.reused.append(answered > 0)
                    if self.resets is None or self.resets > 0:
                        if self.resets is not None:
                            self.resets -= 1
                        self._drop(writer)
                        return
                body = b'{"ok": true}'
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: %d\r\nConnection: keep-alive\r\n\r\n%s" % (len(body), body)
                )
                await writer.drain()
                answered += 1
        finally:
            if not writer.is_closing():
                writer.close()

    def _drop(self, writer: asyncio.StreamWriter) -> None:
        if self.mode == "rst":
            sock = writer.get_extra_info("socket")
            # Linger on with a zero timeout: close() sends RST instead of FIN.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.close()


class CountingLimiter:
    def __init__(self) -> None:
        self.acquired = 0

    async def acquire(self) -> None:
        self.acquired += 1


@pytest.fixture
async def servers() -> AsyncIterator[list[ResettingServer]]:
    started: list[ResettingServer] = []
    yield started
    for server in started:
        await server.stop()


async def make_server(
    servers: list[ResettingServer], mode: Reset, resets: int | None
) -> ResettingServer:
    server = ResettingServer(mode, resets)
    await server.start()
    servers.append(server)
    return server


def client_for(server: ResettingServer, max_retries: int, **kw: Any) -> LiteLLMClient:
    return LiteLLMClient(
        base_url=f"http://127.0.0.1:{server.port}",
        api_key="sk-attempts",
        max_retries=max_retries,
        limiter=kw.pop("limiter", None),
        sleep=FakeSleep(),
        timeout=5.0,
        **kw,
    )


def retry_logs(caplog: pytest.LogCaptureFixture) -> int:
    return sum(1 for r in caplog.records if r.getMessage().startswith("retrying "))


def body_for(method: str) -> dict[str, Any]:
    return {"json": {"x": 1}} if method in ("PUT", "POST") else {}


@pytest.mark.parametrize("mode", ["close", "rst"])
@pytest.mark.parametrize("pooled", [False, True], ids=["fresh", "pooled"])
@pytest.mark.parametrize("max_retries", [0, 1, 2])
@pytest.mark.parametrize("method", METHODS)
async def test_resets_reach_the_server_once_per_counted_attempt(
    servers: list[ResettingServer],
    caplog: pytest.LogCaptureFixture,
    method: str,
    max_retries: int,
    pooled: bool,
    mode: Reset,
) -> None:
    server = await make_server(servers, mode, resets=None)
    limiter = CountingLimiter()
    caplog.set_level(logging.INFO, logger="aio_litellm")
    async with client_for(server, max_retries, limiter=limiter) as client:
        if pooled:
            await client.request_raw("GET", "/warm")
        with pytest.raises(APIConnectionError) as info:
            await client.request_raw(method, "/target", **body_for(method))
    # POST may have been applied: never sent twice unless the caller says it is safe.
    expected = 1 if method == "POST" else max_retries + 1
    assert server.sent(method) == expected
    assert info.value.retries == expected - 1
    assert retry_logs(caplog) == expected - 1
    assert limiter.acquired == expected + pooled  # the warm-up GET took one too
    assert info.value.sent is True
    # The first attempt really went over the connection that had answered the warm-up.
    assert server.reused[0] is pooled
    assert not any(server.reused[1:])


@pytest.mark.parametrize("mode", ["close", "rst"])
@pytest.mark.parametrize("pooled", [False, True], ids=["fresh", "pooled"])
@pytest.mark.parametrize("max_retries", [0, 1, 2])
async def test_post_marked_retry_safe_gets_every_attempt(
    servers: list[ResettingServer],
    caplog: pytest.LogCaptureFixture,
    max_retries: int,
    pooled: bool,
    mode: Reset,
) -> None:
    server = await make_server(servers, mode, resets=None)
    caplog.set_level(logging.INFO, logger="aio_litellm")
    async with client_for(server, max_retries) as client:
        if pooled:
            await client.request_raw("GET", "/warm")
        with pytest.raises(APIConnectionError) as info:
            await client.request_raw("POST", "/target", json={"x": 1}, retry_safe=True)
    assert server.sent("POST") == max_retries + 1
    assert info.value.retries == max_retries
    assert retry_logs(caplog) == max_retries
    assert server.reused[0] is pooled


@pytest.mark.parametrize("mode", ["close", "rst"])
@pytest.mark.parametrize("pooled", [False, True], ids=["fresh", "pooled"])
@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
async def test_a_retry_that_succeeds_is_counted_in_the_response(
    servers: list[ResettingServer],
    caplog: pytest.LogCaptureFixture,
    method: str,
    pooled: bool,
    mode: Reset,
) -> None:
    # One reset, then an answer: the server sees two requests and the client says one retry
    # (aiohttp's own silent retry would have made that "0 retries" on a pooled connection).
    server = await make_server(servers, mode, resets=1)
    limiter = CountingLimiter()
    caplog.set_level(logging.INFO, logger="aio_litellm")
    async with client_for(server, 2, limiter=limiter) as client:
        if pooled:
            await client.request_raw("GET", "/warm")
        info = await client.request_raw(method, "/target", **body_for(method))
    assert info.status_code == 200
    assert info.json() == {"ok": True}
    assert server.sent(method) == 2
    assert info.retries == 1
    assert retry_logs(caplog) == 1
    assert limiter.acquired == 2 + pooled
    assert server.reused[0] is pooled


async def test_a_session_of_yours_gets_exact_attempts_too(
    servers: list[ResettingServer],
) -> None:
    server = await make_server(servers, "close", resets=None)
    async with (
        aiohttp.ClientSession() as session,
        client_for(server, 1, session=session) as client,
    ):
        await client.request_raw("GET", "/warm")
        with pytest.raises(APIConnectionError) as info:
            await client.request_raw("GET", "/target")
    assert not session._retry_connection  # set on your session, which stays yours to close
    assert server.sent("GET") == 2
    assert info.value.retries == 1
    assert server.reused == [True, False]
