"""Retries: which failures, how many times, how long between, and what is never retried."""

from __future__ import annotations

import asyncio
import email.utils
import random
from typing import Any

import pytest
from aiohttp import web

from aio_litellm import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    InternalServerError,
    LiteLLMClient,
    RateLimitError,
    RetryPolicy,
    Timeout,
    parse_retry_after,
)
from aio_litellm._exceptions import make_status_error
from aio_litellm._retry import should_retry

from .conftest import API_KEY, FakeProxy, FakeSleep, reply

CHAT = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
OK_CHAT = {"id": "c", "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}}]}
KEY = {"key": "sk-new", "token": "abc"}


def error(status: int, headers: dict[str, str] | None = None) -> Any:
    return reply(status, {"error": {"message": f"status {status}", "code": str(status)}}, headers)


# -- parse_retry_after ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "250.5"}, 0.2505),
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "0.75"}, 0.75),
        ({"llm_provider-retry-after": "7"}, 7.0),
        ({"retry-after-ms": "100", "retry-after": "9"}, 0.1),  # ms wins
        ({"retry-after": "2", "llm_provider-retry-after": "9"}, 2.0),
        ({"retry-after": "-5"}, 0.0),  # never negative
        ({"retry-after": "soon"}, None),
        ({"retry-after": "nan"}, None),
        ({"retry-after": ""}, None),
        ({}, None),
    ],
)
def test_parse_retry_after_forms(headers: dict[str, str], expected: float | None) -> None:
    assert parse_retry_after(headers) == expected


def test_parse_retry_after_http_date() -> None:
    now = 1_700_000_000.0
    date = email.utils.formatdate(now + 30, usegmt=True)
    assert parse_retry_after({"retry-after": date}, now=lambda: now) == 30.0
    past = email.utils.formatdate(now - 30, usegmt=True)
    assert parse_retry_after({"retry-after": past}, now=lambda: now) == 0.0
    # A date without a zone is ambiguous: ignored rather than guessed.
    assert parse_retry_after({"retry-after": "Tue, 14 Nov 2023 22:13:50"}) is None
    assert parse_retry_after({"retry-after": "Mon, 99 Foo 2023 25:61:61 GMT"}) is None


def test_parse_retry_after_infinite_is_kept_for_the_cap() -> None:
    assert parse_retry_after({"retry-after": "inf"}) == float("inf")
    exc = make_status_error(429, _headers({"retry-after": "inf"}), None)
    assert not should_retry(exc, retry_safe=True, policy=RetryPolicy())


def _headers(values: dict[str, str]) -> Any:
    from multidict import CIMultiDict, CIMultiDictProxy

    return CIMultiDictProxy(CIMultiDict(values))


# -- statuses ------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504])
async def test_retryable_statuses_are_retried(
    status: int, proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    proxy.on("POST", "/chat/completions", error(status), reply(200, OK_CHAT))
    out = await client.chat.completions.create(**CHAT)
    assert out.id == "c"
    assert len(proxy.calls("POST", "/chat/completions")) == 2
    assert out.raw_response is not None and out.raw_response.retries == 1
    assert len(sleep.waits) == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 413, 422])
async def test_client_errors_are_not_retried(
    status: int, proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    proxy.on("POST", "/chat/completions", error(status), reply(200, OK_CHAT))
    with pytest.raises(APIStatusError) as info:
        await client.chat.completions.create(**CHAT)
    assert info.value.status_code == status
    assert len(proxy.calls()) == 1
    assert sleep.waits == []


async def test_gives_up_after_max_retries(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    proxy.on("POST", "/chat/completions", error(500))
    with pytest.raises(InternalServerError) as info:
        await client.chat.completions.create(**CHAT)
    assert len(proxy.calls()) == 3  # 1 + max_retries (2)
    assert info.value.retries == 2
    assert len(sleep.waits) == 2


async def test_max_retries_zero_sends_once(proxy: FakeProxy, sleep: FakeSleep) -> None:
    proxy.on("POST", "/chat/completions", error(503))
    async with LiteLLMClient(base_url=proxy.url, max_retries=0, sleep=sleep) as client:
        with pytest.raises(InternalServerError):
            await client.chat.completions.create(**CHAT)
    assert len(proxy.calls()) == 1


# -- waits ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "wait"),
    [
        ({"retry-after-ms": "1234"}, 1.234),
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "2.5"}, 2.5),
        ({"llm_provider-retry-after": "7"}, 7.0),
    ],
)
async def test_server_hint_sets_the_exact_wait(
    headers: dict[str, str], wait: float, proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    proxy.on("POST", "/chat/completions", error(429, headers), reply(200, OK_CHAT))
    await client.chat.completions.create(**CHAT)
    assert sleep.waits == [pytest.approx(wait)]


async def test_http_date_hint(proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep) -> None:
    import time

    date = email.utils.formatdate(time.time() + 20, usegmt=True)
    proxy.on("POST", "/chat/completions", error(503, {"retry-after": date}), reply(200, OK_CHAT))
    await client.chat.completions.create(**CHAT)
    assert len(sleep.waits) == 1 and 17 <= sleep.waits[0] <= 20


async def test_hint_beyond_cap_fails_fast(proxy: FakeProxy, sleep: FakeSleep) -> None:
    proxy.on("POST", "/chat/completions", error(429, {"retry-after": "99999999"}))
    policy = RetryPolicy(max_retries=5, max_retry_after=30)
    async with LiteLLMClient(base_url=proxy.url, retry=policy, sleep=sleep) as client:
        with pytest.raises(RateLimitError) as info:
            await client.chat.completions.create(**CHAT)
    assert sleep.waits == []
    assert len(proxy.calls()) == 1
    assert info.value.headers["retry-after"] == "99999999"


async def test_backoff_is_full_jitter_and_capped(
    proxy: FakeProxy, sleep: FakeSleep, monkeypatch: pytest.MonkeyPatch
) -> None:
    highs: list[float] = []

    def uniform(low: float, high: float) -> float:
        highs.append(high)
        assert low == 0
        return high

    monkeypatch.setattr(random, "uniform", uniform)
    proxy.on("POST", "/chat/completions", error(500))
    policy = RetryPolicy(max_retries=5, initial_backoff=0.5, max_backoff=3.0)
    async with LiteLLMClient(base_url=proxy.url, retry=policy, sleep=sleep) as client:
        with pytest.raises(InternalServerError):
            await client.chat.completions.create(**CHAT)
    # Each wait is drawn from [0, min(cap, initial * 2^n)]; uniform() returned the top.
    assert sleep.waits == [0.5, 1.0, 2.0, 3.0, 3.0]
    assert set(highs) == {0.5, 1.0, 2.0, 3.0}


@pytest.mark.parametrize(("verdict", "calls"), [("true", 2), ("false", 1)])
async def test_x_should_retry_overrides(
    verdict: str, calls: int, proxy: FakeProxy, client: LiteLLMClient
) -> None:
    # 400 is normally final and 503 normally retried: the header decides either way.
    status = 400 if verdict == "true" else 503
    proxy.on(
        "POST", "/chat/completions", error(status, {"x-should-retry": verdict}), reply(200, OK_CHAT)
    )
    if verdict == "true":
        await client.chat.completions.create(**CHAT)
    else:
        with pytest.raises(InternalServerError):
            await client.chat.completions.create(**CHAT)
    assert len(proxy.calls()) == calls


# -- unsafe creates ------------------------------------------------------------------------


async def test_unsafe_create_not_retried_after_read_timeout(
    proxy: FakeProxy, sleep: FakeSleep
) -> None:
    async def slow(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(0.5)
        return web.json_response(KEY)

    proxy.on("POST", "/key/generate", slow)
    timeout = Timeout(total=5, connect=5, read=0.05)
    async with LiteLLMClient(base_url=proxy.url, timeout=timeout, sleep=sleep) as client:
        with pytest.raises(APITimeoutError) as info:
            await client.keys.create(key_alias="a")
    assert info.value.sent is True
    assert len(proxy.calls()) == 1
    assert sleep.waits == []


async def test_safe_call_is_retried_after_read_timeout(proxy: FakeProxy, sleep: FakeSleep) -> None:
    async def slow(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(0.5)
        return web.json_response(OK_CHAT)

    proxy.on("POST", "/chat/completions", slow, reply(200, OK_CHAT))
    timeout = Timeout(total=5, connect=5, read=0.05)
    async with LiteLLMClient(base_url=proxy.url, timeout=timeout, sleep=sleep) as client:
        out = await client.chat.completions.create(**CHAT)
    assert out.raw_response is not None and out.raw_response.retries == 1


async def test_unsafe_create_not_retried_after_dropped_connection(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    async def drop(request: web.Request) -> web.StreamResponse:
        assert request.transport is not None
        request.transport.close()
        return web.Response()

    proxy.on("POST", "/key/generate", drop, reply(200, KEY))
    with pytest.raises(APIConnectionError) as info:
        await client.keys.create()
    assert info.value.sent is True
    assert len(proxy.calls()) == 1


@pytest.mark.parametrize("status", [408, 429, 503])
async def test_unsafe_create_retried_on_not_processed_statuses(
    status: int, proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/key/generate", error(status), reply(200, KEY))
    out = await client.keys.create()
    assert out.key == "sk-new"
    assert len(proxy.calls()) == 2


@pytest.mark.parametrize("status", [500, 502, 504])
async def test_unsafe_create_not_retried_on_maybe_applied_statuses(
    status: int, proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/key/generate", error(status), reply(200, KEY))
    with pytest.raises(InternalServerError):
        await client.keys.create()
    assert len(proxy.calls()) == 1


async def test_connection_refused_is_retried_even_for_creates(sleep: FakeSleep) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    async with LiteLLMClient(base_url=f"http://127.0.0.1:{port}", sleep=sleep) as client:
        with pytest.raises(APIConnectionError) as info:
            await client.keys.create()
    assert info.value.sent is False
    assert info.value.retries == 2
    assert len(sleep.waits) == 2


# -- cancellation --------------------------------------------------------------------------


async def test_cancel_during_retry_wait_propagates(proxy: FakeProxy) -> None:
    started = asyncio.Event()

    async def blocking_sleep(seconds: float) -> None:
        started.set()
        await asyncio.sleep(3600)

    proxy.on("POST", "/chat/completions", error(503))
    async with LiteLLMClient(base_url=proxy.url, sleep=blocking_sleep) as client:
        task = asyncio.create_task(client.chat.completions.create(**CHAT))
        await asyncio.wait_for(started.wait(), 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert client._pool.semaphore._value == client._pool.max_connections


async def test_cancel_during_request_propagates_and_frees_slot(proxy: FakeProxy) -> None:
    entered = asyncio.Event()

    async def hang(request: web.Request) -> web.StreamResponse:
        entered.set()
        await asyncio.sleep(3600)
        raise AssertionError

    proxy.on("POST", "/chat/completions", hang)
    async with LiteLLMClient(base_url=proxy.url, max_in_flight=1) as client:
        task = asyncio.create_task(client.chat.completions.create(**CHAT))
        await asyncio.wait_for(entered.wait(), 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert client._pool.semaphore._value == 1
        assert len(proxy.calls()) == 1  # not retried


async def test_limiter_is_acquired_per_attempt(proxy: FakeProxy, sleep: FakeSleep) -> None:
    class CountingLimiter:
        count = 0

        async def acquire(self) -> None:
            self.count += 1

    limiter = CountingLimiter()
    proxy.on("POST", "/chat/completions", error(503), error(503), reply(200, OK_CHAT))
    async with LiteLLMClient(base_url=proxy.url, limiter=limiter, sleep=sleep) as client:
        await client.chat.completions.create(**CHAT)
    assert limiter.count == 3


async def test_request_escape_hatch_post_not_retried_unless_marked_safe(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/team/new", error(502), reply(200, {"team_id": "t"}))
    with pytest.raises(InternalServerError):
        await client.request("POST", "/team/new", json={})
    proxy.on("POST", "/team/new", error(502), reply(200, {"team_id": "t"}))
    assert await client.request("POST", "/team/new", json={}, retry_safe=True) == {"team_id": "t"}
    proxy.on("GET", "/team/info", error(502), reply(200, {"team_id": "t"}))
    assert await client.request("GET", "/team/info") == {"team_id": "t"}


def test_retry_policy_validation() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        RetryPolicy(max_retries=-1)
    with pytest.raises(ValueError, match="backoff"):
        RetryPolicy(max_backoff=-1)
    with pytest.raises(ValueError, match="not both"):
        LiteLLMClient(base_url="http://x", max_retries=1, retry=RetryPolicy(max_retries=3))
    assert LiteLLMClient(base_url="http://x", api_key=API_KEY).retry.max_retries == 2
