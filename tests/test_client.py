"""Construction, options, lifecycle and the shared pool."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from aio_litellm import APIResponseValidationError, ClientClosedError, LiteLLMClient, Timeout

from .conftest import API_KEY, FakeProxy, Handler, reply


def slow_models(seconds: float) -> Handler:
    async def slow(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(seconds)
        return web.json_response({"data": []})

    return slow


def test_env_defaults_and_trailing_slash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LITELLM_BASE_URL", "http://proxy.local:4000///")
    monkeypatch.setenv("LITELLM_API_KEY", "sk-from-env-123456")
    client = LiteLLMClient()
    assert client.base_url == "http://proxy.local:4000"
    assert client.api_key == "sk-from-env-123456"
    explicit = LiteLLMClient(base_url="https://x.example/litellm/", api_key="sk-explicit-99999")
    assert explicit.base_url == "https://x.example/litellm"
    assert explicit.api_key == "sk-explicit-99999"


@pytest.mark.parametrize(
    ("base_url", "match"),
    [
        (None, "base_url is required"),
        ("", "base_url is required"),
        ("proxy:4000", "http"),
        ("ftp://proxy", "http"),
        ("http://proxy/?a=1", "query"),
    ],
)
def test_bad_base_url(base_url: str | None, match: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LITELLM_BASE_URL", raising=False)
    with pytest.raises(ValueError, match=match):
        LiteLLMClient(base_url=base_url)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"max_connections": 0}, "max_connections"),
        ({"max_in_flight": 0}, "max_in_flight"),
        ({"rate_limit": (0, 1)}, "rate_limit"),
        ({"rate_limit": (1, 1), "limiter": object()}, "not both"),
        ({"timeout": -1}, "timeout total"),
    ],
)
def test_bad_options(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        LiteLLMClient(base_url="http://x", **kwargs)  # type: ignore[arg-type]


def test_repr_hides_the_key() -> None:
    client = LiteLLMClient(base_url="http://x", api_key=API_KEY)
    assert API_KEY not in repr(client)
    assert "sk-...ef" in repr(client)
    assert "api_key=None" in repr(LiteLLMClient(base_url="http://x"))
    assert API_KEY not in repr(client.keys)


async def test_headers_sent(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/models", reply(200, {"data": []}))
    await client.models.list()
    seen = proxy.calls()[0]
    assert seen.headers["Authorization"] == f"Bearer {API_KEY}"
    assert seen.headers["Accept"] == "application/json"
    assert seen.headers["User-Agent"].startswith("aio-litellm/")
    assert "Content-Type" not in seen.headers


async def test_no_key_no_authorization(proxy: FakeProxy) -> None:
    proxy.on("GET", "/health/liveliness", reply(200, "I'm alive!"))
    async with LiteLLMClient(base_url=proxy.url) as client:
        assert await client.health.liveliness() == "I'm alive!"
    assert "Authorization" not in proxy.calls()[0].headers


async def test_closed_client_refuses_requests(proxy: FakeProxy) -> None:
    client = LiteLLMClient(base_url=proxy.url)
    await client.aclose()
    assert client.is_closed
    with pytest.raises(ClientClosedError):
        await client.models.list()
    with pytest.raises(ClientClosedError):
        async with client:
            pass
    with pytest.raises(ClientClosedError):
        client.with_options(timeout=1)
    assert proxy.seen == []


async def test_with_options_shares_the_pool(proxy: FakeProxy) -> None:
    proxy.on("GET", "/models", reply(200, {"data": []}))
    async with LiteLLMClient(
        base_url=proxy.url, api_key=API_KEY, default_headers={"X-A": "1"}
    ) as client:
        other = client.with_options(
            api_key="sk-other-key-000000", max_retries=5, timeout=3, default_headers={"X-B": "2"}
        )
        assert other._pool is client._pool
        assert other.retry.max_retries == 5 and client.retry.max_retries == 2
        assert other.timeout.total == 3 and client.timeout.total == 600
        await other.models.list()
        await client.models.list()
        first, second = proxy.calls()
        assert first.headers["Authorization"] == "Bearer sk-other-key-000000"
        assert first.headers["X-A"] == "1" and first.headers["X-B"] == "2"
        assert second.headers["Authorization"] == f"Bearer {API_KEY}"
        assert "X-B" not in second.headers
        # Closing a copy closes only the copy.
        await other.aclose()
        with pytest.raises(ClientClosedError):
            await other.models.list()
        await client.models.list()
        assert len(proxy.peers) == 1  # one keep-alive connection served all three
    with pytest.raises(ClientClosedError):
        await other.with_options(timeout=None).models.list()


async def test_injected_session_is_used_and_not_closed(proxy: FakeProxy) -> None:
    proxy.on("GET", "/models", reply(200, {"data": []}))
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=7)) as session:
        async with LiteLLMClient(base_url=proxy.url, session=session) as client:
            assert client._pool.semaphore._value == 7
            await client.models.list()
        assert not session.closed
        assert client.is_closed


async def test_unclosed_client_warns() -> None:
    client = LiteLLMClient(base_url="http://127.0.0.1:9")
    await client.__aenter__()
    session = client._pool.session
    assert session is not None
    # The client is collected (and warns) the moment its last reference goes.
    with pytest.warns(ResourceWarning, match="unclosed LiteLLMClient"):  # noqa: PT031
        del client
        gc.collect()
    await session.close()


async def test_never_used_client_does_not_warn() -> None:
    client = LiteLLMClient(base_url="http://127.0.0.1:9")
    del client
    gc.collect()  # filterwarnings=error would fail the test on a warning


async def test_max_in_flight_bounds_concurrency(proxy: FakeProxy) -> None:
    proxy.on("GET", "/models", slow_models(0.02))
    async with LiteLLMClient(base_url=proxy.url, max_in_flight=3) as client:
        await asyncio.gather(*(client.models.list() for _ in range(12)))
    assert proxy.max_in_flight == 3
    assert len(proxy.calls()) == 12


async def test_queueing_is_not_charged_to_connect_timeout(proxy: FakeProxy) -> None:
    # One slot, a connect timeout far shorter than the time the second call waits for it.
    proxy.on("GET", "/models", slow_models(0.3))
    timeout = Timeout(total=2, connect=0.05, read=2)
    async with LiteLLMClient(
        base_url=proxy.url, max_in_flight=1, max_connections=1, timeout=timeout, max_retries=0
    ) as client:
        results = await asyncio.gather(*(client.models.list() for _ in range(3)))
    assert len(results) == 3


async def test_pool_wait_inside_aiohttp_is_not_a_connect_timeout(proxy: FakeProxy) -> None:
    # The caller's own session with one connection, and more in flight than it has: the wait
    # happens in aiohttp's pool, which must not count as connecting.
    proxy.on("GET", "/models", slow_models(0.3))
    timeout = Timeout(total=5, connect=0.05, read=5)
    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=1))
    async with (
        session,
        LiteLLMClient(
            base_url=proxy.url, session=session, max_in_flight=3, timeout=timeout, max_retries=0
        ) as client,
    ):
        results = await asyncio.gather(*(client.models.list() for _ in range(3)))
    assert len(results) == 3


async def test_rate_limit_option_builds_a_limiter(proxy: FakeProxy) -> None:
    from aiolimiter import AsyncLimiter

    proxy.on("GET", "/models", reply(200, {"data": []}))
    async with LiteLLMClient(base_url=proxy.url, rate_limit=(100, 1)) as client:
        assert isinstance(client._pool.limiter, AsyncLimiter)
        await client.models.list()


async def test_request_rejects_unknown_options(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="query"):
        await client.request("GET", "/models", query={"a": 1})  # type: ignore[call-arg]
    assert proxy.seen == []


@pytest.mark.parametrize(
    "query",
    [
        {"page": 1, "size": 100, "skip": None},
        {"a b": "c d/e?&=#", "l": [1, "x y", True], "f": False, "u": "ünï", "n": -3, "x": 2.5},
        {"key": "sk-abc", "empty": "", "tuple": ("a", "b")},
    ],
)
def test_query_encoding_is_urlencode_of_the_non_none_values(query: dict[str, object]) -> None:
    from urllib.parse import urlencode

    from aio_litellm._urls import encode_query

    pairs = [
        (k, "true" if v is True else "false" if v is False else str(v))
        for k, value in query.items()
        if value is not None
        for v in (value if isinstance(value, (list, tuple)) else (value,))
    ]
    assert encode_query(query) == urlencode(pairs)


async def test_a_list_of_models_is_validated_item_by_item(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    from aio_litellm._models import BaseModel as ResultModel

    class Budget(ResultModel):
        budget_id: str
        max_budget: float | None = None

    proxy.on("GET", "/budget/list", reply(200, [{"budget_id": "b1", "max_budget": 5, "x": 1}]))
    (budget,) = await client.request("GET", "/budget/list", cast_to=list[Budget])
    assert (
        isinstance(budget, Budget) and budget.max_budget == 5.0 and budget.model_extra == {"x": 1}
    )
    proxy.on("GET", "/budget/list", reply(200, [{"max_budget": 5}]))
    with pytest.raises(APIResponseValidationError, match="budget_id"):
        await client.request("GET", "/budget/list", cast_to=list[Budget])
    # A model nested in a union is found too (the proxy answers [null] for an unknown user).
    proxy.on("GET", "/budget/list", reply(200, [None, {"budget_id": "b2"}]))
    assert await client.request("GET", "/budget/list", cast_to=list[Budget | None]) == [
        None,
        Budget(budget_id="b2"),
    ]
    # Plain JSON containers stay plain JSON.
    proxy.on("GET", "/budget/list", reply(200, [{"budget_id": "b1"}]))
    assert await client.request("GET", "/budget/list", cast_to=list[dict[str, Any]]) == [
        {"budget_id": "b1"}
    ]
