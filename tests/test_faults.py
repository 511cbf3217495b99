"""Every fault scenario: the typed outcome, the retries and waits, and nothing left open."""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from aio_litellm import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    InternalServerError,
    LiteLLMClient,
    RateLimitError,
    Timeout,
)
from aio_litellm.bulk import BulkRunner

from .conftest import API_KEY, FakeSleep
from .faults import RawServer, make_app

CHAT: Any = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
FAST = Timeout(total=5, connect=1, read=0.2)


@pytest.fixture
async def faults() -> AsyncIterator[str]:
    server = TestServer(make_app({}), host="127.0.0.1")
    await server.start_server()
    yield str(server.make_url("")).rstrip("/")
    await server.close()


def assert_no_leak(client: LiteLLMClient) -> None:
    """Every slot returned, no connection checked out of the pool."""
    pool = client._pool
    assert pool.semaphore._value == pool.max_in_flight
    session = pool.session
    if session is not None and session.connector is not None:
        assert not session.connector._acquired  # type: ignore[attr-defined]


async def call(base: str, sleep: FakeSleep, **options: Any) -> tuple[Any, LiteLLMClient]:
    """One chat call; returns (result or exception, client) after closing nothing."""
    client = LiteLLMClient(base_url=base, api_key=API_KEY, sleep=sleep, **options)
    try:
        return await client.chat.completions.create(**CHAT), client
    except Exception as exc:
        return exc, client


@pytest.mark.parametrize(
    ("scenario", "waits"),
    [
        ("429-ms", [1.5]),
        ("429-seconds", [2.0]),
        ("429-provider", [7.0]),
    ],
)
async def test_retry_after_forms(
    scenario: str, waits: list[float], faults: str, sleep: FakeSleep
) -> None:
    result, client = await call(f"{faults}/{scenario}", sleep)
    assert result.raw_response.retries == 1
    assert sleep.waits == waits
    assert_no_leak(client)
    await client.aclose()


async def test_retry_after_date_and_absent(faults: str, sleep: FakeSleep) -> None:
    result, client = await call(f"{faults}/429-date", sleep)
    assert result.raw_response.retries == 1 and 0 < sleep.waits[0] <= 3
    result, client2 = await call(f"{faults}/429-absent", sleep)
    assert result.raw_response.retries == 1 and 0 <= sleep.waits[1] <= 0.5  # full jitter
    for c in (client, client2):
        assert_no_leak(c)
        await c.aclose()


async def test_absurd_retry_after_fails_fast(faults: str, sleep: FakeSleep) -> None:
    result, client = await call(f"{faults}/429-absurd", sleep)
    assert isinstance(result, RateLimitError) and result.retries == 0
    assert sleep.waits == []
    assert_no_leak(client)
    await client.aclose()


async def test_503_storm_gives_up_after_the_budget(faults: str, sleep: FakeSleep) -> None:
    result, client = await call(f"{faults}/503-storm", sleep)
    assert isinstance(result, InternalServerError) and result.retries == 2
    assert len(sleep.waits) == 2
    assert_no_leak(client)
    await client.aclose()


@pytest.mark.parametrize(
    ("scenario", "error", "match"),
    [
        ("502-html", InternalServerError, "502 Bad Gateway"),
        ("malformed-json", APIResponseValidationError, "unexpected response body"),
        ("truncated-json", APIResponseValidationError, "unexpected response body"),
        ("invalid-utf8", APIResponseValidationError, "unexpected response body"),
    ],
)
async def test_bad_bodies_are_typed_errors(
    scenario: str, error: type[Exception], match: str, faults: str, sleep: FakeSleep
) -> None:
    result, client = await call(f"{faults}/{scenario}", sleep)
    assert isinstance(result, error)
    assert match in str(result)
    assert_no_leak(client)
    await client.aclose()


@pytest.mark.parametrize("scenario", ["slow-headers", "stall-body"])
async def test_timeouts(scenario: str, faults: str, sleep: FakeSleep) -> None:
    result, client = await call(f"{faults}/{scenario}", sleep, timeout=FAST)
    assert isinstance(result, APITimeoutError) and result.sent and result.retries == 2
    assert_no_leak(client)
    await client.aclose()


async def test_connection_refused(sleep: FakeSleep) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result, client = await call(f"http://127.0.0.1:{port}", sleep)
    assert isinstance(result, APIConnectionError) and not result.sent and result.retries == 2
    assert_no_leak(client)
    await client.aclose()


@pytest.mark.parametrize("behaviour", ["reset-before-status", "reset-mid-body"])
async def test_resets(behaviour: str, sleep: FakeSleep) -> None:
    raw = RawServer(behaviour)
    base = await raw.start()
    result, client = await call(base, sleep)
    assert isinstance(result, APIConnectionError) and result.retries == 2
    assert raw.connections == 3
    assert_no_leak(client)
    await client.aclose()
    await raw.close()


async def test_reset_mid_stream(sleep: FakeSleep) -> None:
    raw = RawServer("reset-mid-stream")
    base = await raw.start()
    async with LiteLLMClient(base_url=base, sleep=sleep) as client:
        stream = await client.chat.completions.create(stream=True, **CHAT)
        got = []
        with pytest.raises(APIConnectionError):
            async for part in stream:
                got.append(part.choices[0].delta.content)
        assert got == ["a", "b"]
        assert raw.connections == 1  # a started stream is never retried
        assert_no_leak(client)
    await raw.close()


async def test_streams_without_done_and_with_an_error_event(faults: str, sleep: FakeSleep) -> None:
    async with LiteLLMClient(base_url=f"{faults}/stream-no-done", sleep=sleep) as client:
        stream = await client.chat.completions.create(stream=True, **CHAT)
        assert [c.choices[0].delta.content async for c in stream] == ["a", "b"]
        assert_no_leak(client)
    async with LiteLLMClient(base_url=f"{faults}/stream-error-event", sleep=sleep) as client:
        stream = await client.chat.completions.create(stream=True, **CHAT)
        with pytest.raises(InternalServerError, match="mid"):
            async for _ in stream:
                pass
        assert_no_leak(client)


async def test_big_bodies_and_the_size_limit(faults: str, sleep: FakeSleep) -> None:
    result, client = await call(f"{faults}/big-10mb", sleep)
    assert len(result.choices[0].message.content) == 10 * 1024 * 1024
    assert_no_leak(client)
    await client.aclose()
    result, client = await call(f"{faults}/big-10mb", sleep, max_response_size=1024 * 1024)
    assert isinstance(result, APIResponseValidationError) and "max_response_size" in str(result)
    assert_no_leak(client)
    await client.aclose()
    with pytest.raises(ValueError, match="max_response_size"):
        LiteLLMClient(base_url=faults, max_response_size=0)


async def test_gzip_is_decoded(faults: str, sleep: FakeSleep) -> None:
    result, client = await call(f"{faults}/gzip", sleep)
    assert result.choices[0].message.content == "ok"
    await client.aclose()


async def test_server_closing_idle_connections_is_invisible(sleep: FakeSleep) -> None:
    app = web.Application()

    async def ok(request: web.Request) -> web.StreamResponse:
        return web.json_response(
            {"id": "c", "choices": [{"index": 0, "message": {"content": "ok"}}]}
        )

    app.router.add_post("/chat/completions", ok)
    server = TestServer(app, host="127.0.0.1", keepalive_timeout=0.05)
    await server.start_server()
    base = str(server.make_url("")).rstrip("/")
    async with LiteLLMClient(base_url=base, sleep=sleep) as client:
        for _ in range(3):
            reply = await client.chat.completions.create(**CHAT)
            assert reply.raw_response is not None and reply.raw_response.retries == 0
            await asyncio.sleep(0.2)  # the server drops the idle connection meanwhile
        assert sleep.waits == []
        assert_no_leak(client)
    await server.close()


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
async def test_no_descriptor_leak_over_10000_requests(faults: str, sleep: FakeSleep) -> None:
    async with LiteLLMClient(
        base_url=faults, api_key=API_KEY, sleep=sleep, max_retries=0
    ) as client:
        scenarios = ["ok"] * 8 + ["502-html", "truncated-json"]

        async def one(i: int) -> Any:
            name = scenarios[i % len(scenarios)]
            return await client.with_options(base_url=f"{faults}/{name}").chat.completions.create(
                **CHAT
            )

        # Warm with every caller in flight (no slow start): the pool is full.
        await BulkRunner(concurrency=50, latency=False).run(one, range(200))
        before = open_fds()
        result = await BulkRunner(concurrency=50).run(one, range(10_000))
        after = open_fds()
        assert len(result.outcomes) == 10_000
        assert len(result.failed) == 2_000
        assert after - before <= 5, (before, after)
        assert_no_leak(client)


# -- cancellation --------------------------------------------------------------------------


async def test_cancel_a_stream_mid_iteration_releases_it(sleep: FakeSleep) -> None:
    app = web.Application()
    sent = asyncio.Event()

    async def endless(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for i in range(1_000_000):
            await response.write(
                b'data: {"id": "s", "choices": [{"index": 0, "delta": {"content": "x"}}]}\n\n'
            )
            if i == 3:
                sent.set()
            await asyncio.sleep(0.001)
        return response

    app.router.add_post("/chat/completions", endless)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    async with LiteLLMClient(
        base_url=str(server.make_url("")), sleep=sleep, max_in_flight=1
    ) as client:
        received = 0

        async def consume() -> None:
            nonlocal received
            stream = await client.chat.completions.create(stream=True, **CHAT)
            async for _ in stream:
                received += 1

        task = asyncio.create_task(consume())
        await asyncio.wait_for(sent.wait(), 5)
        while received < 3:  # noqa: ASYNC110 - polls a counter the consumer bumps
            await asyncio.sleep(0.001)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        for _ in range(5):
            await asyncio.sleep(0)
        assert_no_leak(client)
    await server.close()


async def test_cancel_a_bulk_job_of_1000_midway(faults: str, sleep: FakeSleep) -> None:
    app = web.Application()
    calls = 0

    async def slowish(request: web.Request) -> web.StreamResponse:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.01)
        return web.json_response(
            {"id": "c", "choices": [{"index": 0, "message": {"content": "ok"}}]}
        )

    app.router.add_post("/chat/completions", slowish)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    async with LiteLLMClient(base_url=str(server.make_url("")), sleep=sleep) as client:
        runner = BulkRunner(concurrency=32)
        task = asyncio.create_task(
            runner.run(lambda _: client.chat.completions.create(**CHAT), range(1000))
        )
        while calls < 300:  # noqa: ASYNC110 - polls the server's counter
            await asyncio.sleep(0.005)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        outcomes = runner.result.outcomes
        assert [o.index for o in outcomes] == list(range(len(outcomes)))  # a contiguous prefix...
        done = [o for o in outcomes if o.ok]
        cancelled = [o for o in outcomes if isinstance(o.error, asyncio.CancelledError)]
        assert len(done) + len(cancelled) == len(outcomes)  # ...of finished or interrupted items
        assert 250 <= len(done) < 1000 and cancelled
        assert_no_leak(client)
    await server.close()
