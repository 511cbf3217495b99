"""Transport failures that a real server cannot easily produce, mocked with aioresponses: each
maps to the typed error with the right ``sent`` flag, and retry safety follows from it.

(aioresponses 0.7.9 cannot build successful responses for aiohttp 3.14, so it is used for raised
exceptions only; successes and recoveries are tested against real servers.)"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator

import aiohttp
import pytest
from aioresponses import aioresponses

from aio_litellm import APIConnectionError, APITimeoutError, LiteLLMClient

from .conftest import FakeSleep

BASE = "http://proxy.test"
KEY_URL = re.compile(r"^http://proxy\.test/key/generate$")
MODELS_URL = re.compile(r"^http://proxy\.test/models")


@pytest.fixture
def mocked() -> Iterator[aioresponses]:
    with aioresponses() as m:
        yield m


def conn_key() -> aiohttp.client_reqrep.ConnectionKey:
    return aiohttp.client_reqrep.ConnectionKey("proxy.test", 80, False, True, None, None, None)


@pytest.mark.parametrize(
    ("exc", "kind", "sent"),
    [
        (
            aiohttp.ClientConnectorError(conn_key(), OSError(111, "refused")),
            APIConnectionError,
            False,
        ),
        (aiohttp.ConnectionTimeoutError("connect"), APITimeoutError, False),
        (aiohttp.ServerDisconnectedError(), APIConnectionError, True),
        (aiohttp.ClientOSError(104, "reset by peer"), APIConnectionError, True),
        (aiohttp.ClientPayloadError("cut"), APIConnectionError, True),
        (asyncio.TimeoutError(), APITimeoutError, True),
        (aiohttp.SocketTimeoutError("read"), APITimeoutError, True),
    ],
)
async def test_mapping_and_retry_safety(
    exc: Exception,
    kind: type[APIConnectionError],
    sent: bool,
    mocked: aioresponses,
    sleep: FakeSleep,
) -> None:
    # A create is retried only when the failure proves the request never left.
    for _ in range(3):
        mocked.post(KEY_URL, exception=exc)
    async with LiteLLMClient(base_url=BASE, sleep=sleep) as client:
        with pytest.raises(kind) as info:
            await client.keys.create()
    assert type(info.value) is kind
    assert info.value.sent is sent
    assert info.value.retries == (0 if sent else 2)
    # A read is retried either way.
    for _ in range(3):
        mocked.get(MODELS_URL, exception=exc)
    async with LiteLLMClient(base_url=BASE, sleep=sleep) as client:
        with pytest.raises(kind) as info:
            await client.models.list()
    assert info.value.retries == 2


async def test_unknown_exceptions_pass_through(mocked: aioresponses, sleep: FakeSleep) -> None:
    mocked.get(MODELS_URL, exception=RuntimeError("a bug, not the network"))
    async with LiteLLMClient(base_url=BASE, sleep=sleep) as client:
        with pytest.raises(RuntimeError, match="a bug"):
            await client.models.list()
        assert client._pool.semaphore._value == client._pool.max_in_flight
