"""Bounds every call has: stream timeouts, slot waits, size limits on decoded bodies and
streams, the rate limiter's placement, aclose() ending what is in flight, secrets kept out of
exception chains, and memory that does not grow with ad-hoc paths (issue 16's findings)."""

from __future__ import annotations

import asyncio
import gc
import gzip
import re
import subprocess
import sys
import traceback
from collections.abc import AsyncIterator

import aiohttp
import orjson
import pytest
from aiohttp import web
from aioresponses import aioresponses

from aio_litellm import (
    APIResponseValidationError,
    APITimeoutError,
    ClientClosedError,
    LiteLLMClient,
    PoolTimeoutError,
    Timeout,
)

from .conftest import API_KEY, FakeProxy, chunk, reply, sse

CHAT = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
GUARD = 10  # seconds: a regression shows as a failure, never as a hung suite


def hang_before_headers() -> web.RequestHandler:  # type: ignore[type-arg]
    async def handler(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")

    return handler


def hang_after(*events: bytes) -> web.RequestHandler:  # type: ignore[type-arg]
    """Headers and ``events``, then silence with the connection open."""

    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for event in events:
            await response.write(event)
        await asyncio.sleep(3600)
        return response

    return handler


def slots_free(client: LiteLLMClient) -> bool:
    pool = client._pool
    return pool.semaphore._value == pool.max_in_flight


# -- stream timeouts -------------------------------------------------------------------------


async def test_a_float_timeout_bounds_a_streams_wait_for_headers(proxy: FakeProxy) -> None:
    proxy.on("POST", "/chat/completions", hang_before_headers())
    async with LiteLLMClient(base_url=proxy.url, timeout=0.3, max_retries=0) as client:
        with pytest.raises(APITimeoutError):
            await asyncio.wait_for(client.chat.completions.create(stream=True, **CHAT), GUARD)
        assert slots_free(client)


async def test_a_stream_gone_silent_mid_body_times_out(proxy: FakeProxy) -> None:
    proxy.on("POST", "/chat/completions", hang_after(chunk("a")))
    async with LiteLLMClient(base_url=proxy.url, timeout=0.3) as client:
        stream = await client.chat.completions.create(stream=True, **CHAT)
        got: list[str | None] = []

        async def read() -> None:
            async for part in stream:
                got.append(part.choices[0].delta.content)

        with pytest.raises(APITimeoutError):
            await asyncio.wait_for(read(), GUARD)
        assert got == ["a"]
        assert stream.closed and slots_free(client)


async def test_read_sets_the_idle_bound_apart_from_total(proxy: FakeProxy) -> None:
    proxy.on("POST", "/chat/completions", hang_after(chunk("a")))
    timeout = Timeout(total=3600, connect=1, read=0.2)
    async with LiteLLMClient(base_url=proxy.url, timeout=timeout) as client:
        stream = await client.chat.completions.create(stream=True, **CHAT)
        with pytest.raises(APITimeoutError):
            await asyncio.wait_for(_drain(stream), GUARD)


def test_default_options_bound_every_stream() -> None:
    # No call is unbounded by default: a stream's idle bound falls back to total.
    default = Timeout()
    assert default.stream_read == default.total == 600
    stream = default.for_aiohttp(stream=True)
    assert stream.sock_read == 600 and stream.sock_connect == 5 and stream.total is None
    assert Timeout(total=30, read=7).for_aiohttp(stream=True).sock_read == 7
    assert Timeout(total=None, read=None).for_aiohttp(stream=True).sock_read is None


async def test_soak_many_streams_on_a_hung_server_all_end_and_free_their_slots(
    proxy: FakeProxy,
) -> None:
    # 40 streams, two ways of hanging, through 8 slots, with the default options but for a
    # short total: every one ends with a timeout (the queued ones too, never hanging), and
    # nothing is left held.
    proxy.on("POST", "/chat/completions", hang_after(chunk("a")))
    proxy.on("POST", "/completions", hang_before_headers())
    async with LiteLLMClient(
        base_url=proxy.url, timeout=0.5, max_in_flight=8, max_retries=0
    ) as client:

        async def one(i: int) -> BaseException | None:
            try:
                if i % 2:
                    await _drain(
                        await client.completions.create(model="m", prompt="p", stream=True)
                    )
                else:
                    await _drain(await client.chat.completions.create(stream=True, **CHAT))
            except Exception as exc:
                return exc
            return None

        outcomes = await asyncio.wait_for(asyncio.gather(*(one(i) for i in range(40))), 30)
        assert all(isinstance(o, APITimeoutError) for o in outcomes), outcomes
        assert slots_free(client)


async def _drain(stream: AsyncIterator[object]) -> None:
    async for _ in stream:
        pass


# -- slot waits ------------------------------------------------------------------------------


async def test_waiting_for_a_slot_counts_against_total(proxy: FakeProxy) -> None:
    proxy.on("POST", "/chat/completions", hang_after(chunk("a")))
    proxy.on("GET", "/models", reply(200, {"data": []}))
    timeout = Timeout(total=0.3, read=3600)
    async with LiteLLMClient(base_url=proxy.url, max_in_flight=1, timeout=timeout) as client:
        stream = await client.chat.completions.create(stream=True, **CHAT)
        with pytest.raises(PoolTimeoutError, match="max_in_flight=1") as caught:
            await asyncio.wait_for(client.models.list(), GUARD)
        assert not caught.value.sent and caught.value.retries == 0  # queue waits not retried
        assert proxy.calls("GET", "/models") == []
        await stream.aclose()
        assert (await client.models.list()).data == []  # the slot is usable again


# -- the rate limiter ------------------------------------------------------------------------


async def test_requests_queued_for_a_slot_do_not_bank_rate_tokens(proxy: FakeProxy) -> None:
    loop = asyncio.get_running_loop()
    arrivals: list[float] = []

    async def handler(request: web.Request) -> web.StreamResponse:
        arrivals.append(loop.time())
        if len(arrivals) == 1:
            await asyncio.sleep(1.5)  # the one slot is held while the others queue
        return web.json_response({"data": []})

    proxy.on("GET", "/models", handler)
    async with LiteLLMClient(base_url=proxy.url, max_in_flight=1, rate_limit=(5, 1)) as client:
        await asyncio.wait_for(asyncio.gather(*(client.models.list() for _ in range(12))), 30)
    released = arrivals[0] + 1.5
    burst = [t for t in arrivals[1:] if t < released + 0.15]
    # A full bucket (5) may leave at once; tokens taken while queueing (11 before the fix)
    # may not.
    assert len(burst) <= 6, [round(t - arrivals[0], 2) for t in arrivals]


# -- size limits -----------------------------------------------------------------------------


async def test_the_size_limit_counts_decoded_bytes_not_gzip(proxy: FakeProxy) -> None:
    content = "x" * (4 * 1024 * 1024)
    body = orjson.dumps({"id": "c", "choices": [{"message": {"content": content}}]})
    packed = gzip.compress(body)
    assert len(packed) < 64 * 1024  # small on the wire ...
    headers = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
    proxy.on("POST", "/chat/completions", reply(200, packed, headers))
    async with LiteLLMClient(base_url=proxy.url, max_response_size=1024 * 1024) as client:
        with pytest.raises(APIResponseValidationError, match="max_response_size"):
            await client.chat.completions.create(**CHAT)  # ... too large once inflated
        assert slots_free(client)
    async with LiteLLMClient(base_url=proxy.url, max_response_size=8 * 1024 * 1024) as client:
        reply_ = await client.chat.completions.create(**CHAT)
        assert reply_.choices[0].message.content == content


async def test_a_stream_is_limited_in_total(proxy: FakeProxy) -> None:
    proxy.on(
        "POST", "/chat/completions", sse(*(chunk("x" * 1000) for _ in range(100)), pause=0.002)
    )
    async with LiteLLMClient(base_url=proxy.url, max_response_size=20_000) as client:
        stream = await client.chat.completions.create(stream=True, **CHAT)
        got = 0
        with pytest.raises(APIResponseValidationError, match="max_response_size"):
            async for _ in stream:
                got += 1
        assert 0 < got < 20 and stream.closed and slots_free(client)


async def test_a_stream_event_is_limited_in_size(proxy: FakeProxy) -> None:
    # One event that never ends (no blank line) and one endless line: both refused.
    endless_event = b"".join(b"data: " + b"y" * 1000 + b"\n" for _ in range(200))
    endless_line = b"data: " + b"z" * 200_000
    for body in (endless_event, endless_line):
        proxy.on("POST", "/chat/completions", sse(chunk("a"), body, done=False))
        async with LiteLLMClient(base_url=proxy.url, max_event_size=50_000) as client:
            stream = await client.chat.completions.create(stream=True, **CHAT)
            got = []
            with pytest.raises(APIResponseValidationError, match="max_event_size"):
                async for part in stream:
                    got.append(part.choices[0].delta.content)
            assert got == ["a"] and slots_free(client)
    with pytest.raises(ValueError, match="max_event_size"):
        LiteLLMClient(base_url=proxy.url, max_event_size=0)


# -- aclose ends what is in flight -----------------------------------------------------------


async def test_aclose_wakes_a_task_reading_a_stream(proxy: FakeProxy) -> None:
    proxy.on("POST", "/chat/completions", hang_after(chunk("a")))
    client = LiteLLMClient(base_url=proxy.url, timeout=Timeout(total=3600))
    stream = await client.chat.completions.create(stream=True, **CHAT)
    first = asyncio.Event()

    async def read() -> list[str | None]:
        got = []
        async for part in stream:
            got.append(part.choices[0].delta.content)
            first.set()
        return got

    reader = asyncio.create_task(read())
    await asyncio.wait_for(first.wait(), GUARD)
    await client.aclose()
    with pytest.raises(ClientClosedError, match="stream"):
        await asyncio.wait_for(reader, GUARD)
    assert stream.closed and slots_free(client)
    with pytest.raises(ClientClosedError):  # and it stays ended
        await stream.__anext__()


async def test_aclose_ends_calls_in_flight_and_queued(proxy: FakeProxy) -> None:
    started = asyncio.Event()

    async def slow(request: web.Request) -> web.StreamResponse:
        started.set()
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")

    proxy.on("GET", "/models", slow)
    client = LiteLLMClient(base_url=proxy.url, max_in_flight=1, timeout=Timeout(total=3600))
    calls = [asyncio.create_task(client.models.list()) for _ in range(3)]
    await asyncio.wait_for(started.wait(), GUARD)
    await client.aclose()
    outcomes = await asyncio.wait_for(asyncio.gather(*calls, return_exceptions=True), GUARD)
    assert all(isinstance(o, ClientClosedError) for o in outcomes), outcomes
    assert slots_free(client) and not client._pool.tasks


async def test_a_caller_cancelling_is_still_a_cancellation(proxy: FakeProxy) -> None:
    proxy.on("GET", "/models", hang_before_headers())
    async with LiteLLMClient(base_url=proxy.url) as client:
        call = asyncio.create_task(client.models.list())
        await asyncio.sleep(0.05)
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        assert slots_free(client) and not client._pool.tasks


# -- streams dropped without closing ---------------------------------------------------------


async def test_a_stream_advanced_with_anext_and_dropped_frees_its_slot_at_once(
    proxy: FakeProxy,
) -> None:
    proxy.on("POST", "/chat/completions", sse(chunk("a"), chunk("b")))
    async with LiteLLMClient(base_url=proxy.url, max_in_flight=1) as client:
        gc.disable()  # freed by reference counting, not by a later full collection
        try:
            stream = await client.chat.completions.create(stream=True, **CHAT)
            assert (await stream.__anext__()).choices[0].delta.content == "a"
            with pytest.warns(ResourceWarning, match="garbage-collected unclosed"):
                del stream
            assert slots_free(client)
        finally:
            gc.enable()
        # The same for a loop left early: the slot comes back without a collection.
        gc.disable()
        try:
            stream = await client.chat.completions.create(stream=True, **CHAT)
            async for _ in stream:
                break
            assert stream.closed and slots_free(client)
        finally:
            gc.enable()


# -- secrets never in an exception chain -----------------------------------------------------


@pytest.mark.parametrize(
    "failure",
    [
        aiohttp.ConnectionTimeoutError(
            f"Connection timeout to host http://proxy.test/key/info?key={API_KEY}"
        ),
        aiohttp.ClientPayloadError(f"cut off at http://proxy.test/key/info?key={API_KEY}"),
        aiohttp.ServerDisconnectedError(f"http://proxy.test/key/info?key={API_KEY}"),
    ],
)
async def test_no_secret_in_any_exception_chain(failure: Exception) -> None:
    with aioresponses() as mocked:
        mocked.get(re.compile(r"^http://proxy\.test/key/info"), exception=failure, repeat=True)
        async with LiteLLMClient(base_url="http://proxy.test", max_retries=0) as client:
            with pytest.raises(Exception) as caught:  # noqa: PT011 - the chain is the point
                await client.keys.info(API_KEY)
    error = caught.value
    assert error.__cause__ is None and error.__context__ is None
    assert API_KEY not in "".join(traceback.format_exception(error))


async def test_no_secret_in_the_chain_of_a_bad_body(proxy: FakeProxy) -> None:
    # A created key's response that does not validate quotes the secret in pydantic's error.
    secret = "sk-created-0123456789abcdefgh"
    proxy.on("POST", "/key/generate", reply(200, {"key": secret, "token": ["not", "a", "str"]}))
    async with LiteLLMClient(base_url=proxy.url) as client:
        with pytest.raises(APIResponseValidationError) as caught:
            await client.keys.create()
    assert caught.value.__cause__ is None and caught.value.__context__ is None
    assert secret not in "".join(traceback.format_exception(caught.value))


# -- memory ----------------------------------------------------------------------------------


async def test_the_url_cache_does_not_grow_with_ad_hoc_paths(proxy: FakeProxy) -> None:
    proxy.on("GET", "/x", reply(200, {}))
    async with LiteLLMClient(base_url=proxy.url) as client:
        for i in range(5000):
            client._url(f"/team/{i}", None, None)
        assert len(client._urls) <= 2048
        assert str(client._url("/team/4999", None, None)).endswith("/team/4999")


def test_a_long_sse_line_costs_linear_time() -> None:
    # 32 MiB in 8 KiB pieces: re-joining the buffer on every piece (quadratic) takes minutes.
    code = (
        "from aio_litellm import SSEDecoder\n"
        "d = SSEDecoder()\n"
        "piece = b'x' * 8192\n"
        "assert d.feed(b'data: ') == []\n"
        "for _ in range(4096):\n"
        "    assert d.feed(piece) == []\n"
        "(event,) = d.feed(b'\\n\\n')\n"
        "assert len(event.data) == 4096 * 8192\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)
