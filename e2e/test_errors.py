"""Errors as the real proxy sends them, and retries that follow its hints."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from aio_litellm import (
    APIConnectionError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    LiteLLMClient,
    RateLimitError,
    Timeout,
)

from .conftest import Provider
from .launcher import Stack

pytestmark = pytest.mark.e2e


class RecordingSleep:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)  # returns at once: the tests need not wait a real second


def user(text: str) -> list[Any]:
    return [{"role": "user", "content": text}]


async def test_no_key_is_401(stack: Stack) -> None:
    async with LiteLLMClient(base_url=stack.base_url) as client:
        with pytest.raises(AuthenticationError) as info:
            await client.chat.completions.create(model="fake-gpt", messages=user("x"))
    assert info.value.status_code == 401
    assert info.value.error_type == "auth_error"
    assert info.value.error_code == "401"


async def test_bad_key(stack: Stack, has_db: bool) -> None:
    bad = "sk-not-a-real-key-" + uuid.uuid4().hex
    async with LiteLLMClient(base_url=stack.base_url, api_key=bad) as client:
        with pytest.raises((AuthenticationError, BadRequestError)) as info:
            await client.chat.completions.create(model="fake-gpt", messages=user("x"))
    # With a database the proxy looks the key up (401); without one: 400, no_db_connection.
    assert info.value.status_code == (401 if has_db else 400)
    assert bad not in str(info.value)


async def test_unknown_model_is_400(admin: LiteLLMClient) -> None:
    with pytest.raises(BadRequestError) as info:
        await admin.chat.completions.create(model="no-such-model", messages=user("x"))
    assert "no-such-model" in info.value.message
    assert info.value.error_type == "invalid_request_error"
    assert isinstance(info.value.body, dict) and "error" in info.value.body


async def test_provider_429_is_retried_after_the_providers_hint(
    stack: Stack, provider: Provider
) -> None:
    sleep = RecordingSleep()
    text = f"flaky {uuid.uuid4().hex}"
    async with LiteLLMClient(
        base_url=stack.base_url, api_key=stack.master_key, sleep=sleep
    ) as client:
        reply = await client.chat.completions.create(model="fake-flaky", messages=user(text))
    assert reply.choices[0].message.content == f"echo: {text}"
    # The proxy passes the provider's Retry-After only as llm_provider-retry-after.
    assert sleep.waits == [1.0]
    assert reply.raw_response is not None and reply.raw_response.retries == 1


async def test_provider_429_without_retries_shows_the_hint(admin: LiteLLMClient) -> None:
    client = admin.with_options(max_retries=0)
    with pytest.raises(RateLimitError) as info:
        await client.chat.completions.create(model="fake-ratelimited", messages=user("x"))
    assert info.value.headers["llm_provider-retry-after"] == "1"
    assert info.value.retries == 0
    assert info.value.request_id


async def test_provider_429_on_a_stream_before_any_byte(stack: Stack) -> None:
    sleep = RecordingSleep()
    text = f"flaky stream {uuid.uuid4().hex}"
    async with LiteLLMClient(
        base_url=stack.base_url, api_key=stack.master_key, sleep=sleep
    ) as client:
        stream = await client.chat.completions.create(
            model="fake-flaky", messages=user(text), stream=True
        )
        content = "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
    assert content == f"echo: {text}"
    assert sleep.waits == [1.0]


async def test_provider_500(admin: LiteLLMClient, provider: Provider) -> None:
    sleep = RecordingSleep()
    client = admin.with_options(max_retries=1)
    client._sleep = sleep
    before = provider.count("/v1/chat/completions", "fake-servererror")
    with pytest.raises(InternalServerError) as info:
        await client.chat.completions.create(model="fake-servererror", messages=user("x"))
    assert info.value.status_code == 500
    assert "fake provider had an error" in info.value.message
    assert info.value.retries == 1
    assert provider.count("/v1/chat/completions", "fake-servererror") - before == 2


async def test_provider_400_is_not_retried(admin: LiteLLMClient, provider: Provider) -> None:
    before = provider.count("/v1/chat/completions", "fake-badrequest")
    with pytest.raises(BadRequestError):
        await admin.chat.completions.create(model="fake-badrequest", messages=user("x"))
    assert provider.count("/v1/chat/completions", "fake-badrequest") - before == 1


async def test_read_timeout_on_a_slow_provider(stack: Stack) -> None:
    timeout = Timeout(total=10, connect=5, read=0.5)
    async with LiteLLMClient(
        base_url=stack.base_url, api_key=stack.master_key, timeout=timeout, max_retries=0
    ) as client:
        with pytest.raises(APIConnectionError):
            await client.chat.completions.create(model="fake-slow", messages=user("x"))


async def test_stream_cut_by_the_provider(admin: LiteLLMClient) -> None:
    # The proxy reports the provider's broken stream as an in-band error event after the
    # chunks it did get: the client yields those, then raises the typed error.
    stream = await admin.with_options(max_retries=0).chat.completions.create(
        model="fake-streamcut", messages=user("one two three four five six"), stream=True
    )
    got: list[str] = []
    with pytest.raises(InternalServerError) as info:
        async for chunk in stream:
            got.append(chunk.choices[0].delta.content or "")
    assert "".join(got).startswith("echo:")
    assert "Connection error" in info.value.message
    assert stream.closed
