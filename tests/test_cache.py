"""``client.cache``: wire routes, bodies, typed results, refusals before I/O, the proxy's
errors when it has no (Redis) cache, and that every inventory row of the group is declared."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from aio_litellm import InternalServerError, LiteLLMClient
from aio_litellm._routes import all_endpoints
from aio_litellm.types.cache import CachePing, CacheSettings, RedisInfo

from .conftest import FakeProxy, reply

INVENTORY = Path(__file__).parent / "data" / "litellm-endpoints.tsv"

# Arguments beyond the path parameters, for tests/test_routes.py.
ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "cache.settings.update": {"cache_settings": {"type": "redis"}},
    "cache.settings.test": {"cache_settings": {"type": "redis"}},
}

OK = {"status": "success"}


def test_every_inventory_row_is_declared() -> None:
    with INVENTORY.open() as f:
        rows = {
            (r["method"], r["path"])
            for r in csv.DictReader(f, delimiter="\t")
            if r["group"] == "cache"
        }
    declared = {(ep.method, ep.path) for ep in all_endpoints() if ep.attr.startswith("cache.")}
    assert len(rows) == 7
    assert rows <= declared


async def test_ping_delete_flush_info(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET",
        "/cache/ping",
        reply(
            200,
            {
                "status": "healthy",
                "cache_type": "redis",
                "ping_response": True,
                "set_cache_response": "success",
                "litellm_cache_params": "{}",
                "health_check_cache_params": {"host": "r"},
            },
        ),
    )
    proxy.on("POST", "/cache/delete", reply(200, OK))
    proxy.on("POST", "/cache/flushall", reply(200, OK))
    proxy.on(
        "GET",
        "/cache/redis/info",
        reply(200, {"num_clients": 1, "clients": [{"id": "1"}], "info": {"redis_version": "7"}}),
    )
    ping = await client.cache.ping()
    assert isinstance(ping, CachePing)
    assert (ping.status, ping.ping_response, ping.health_check_cache_params) == (
        "healthy",
        True,
        {"host": "r"},
    )
    assert (await client.cache.delete(["k1", "k2"])).status == "success"
    assert (await client.cache.flushall()).status == "success"
    info = await client.cache.redis_info()
    assert isinstance(info, RedisInfo) and info.info == {"redis_version": "7"}
    assert info.num_clients == 1
    assert proxy.seen[1].json() == {"keys": ["k1", "k2"]}


async def test_delete_refuses_bad_keys(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="not a str"):
        await client.cache.delete("k1")
    with pytest.raises(TypeError, match="non-empty"):
        await client.cache.delete([])
    assert proxy.seen == []


async def test_no_cache_is_a_typed_error(proxy: FakeProxy, client: LiteLLMClient) -> None:
    body = {
        "error": {"message": "Cache not initialized", "type": "cache_ping_error", "code": "503"}
    }
    proxy.on("GET", "/cache/ping", reply(503, body))
    with pytest.raises(InternalServerError) as err:
        await client.cache.ping()
    assert err.value.status_code == 503


async def test_settings(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET",
        "/cache/settings",
        reply(
            200,
            {
                "fields": [{"field_name": "redis_type", "options": ["node"]}],
                "current_values": {"type": "redis"},
                "redis_type_descriptions": {"node": "one"},
            },
        ),
    )
    proxy.on(
        "POST",
        "/cache/settings",
        reply(200, {"message": "saved", "status": "success", "settings": {"password": "***"}}),
    )
    proxy.on(
        "POST",
        "/cache/settings/test",
        reply(200, {"status": "failed", "message": "no", "error": "refused"}),
    )
    got = await client.cache.settings.retrieve()
    assert isinstance(got, CacheSettings) and got.current_values == {"type": "redis"}
    assert got.redis_type_descriptions == {"node": "one"}
    saved = await client.cache.settings.update(cache_settings={"type": "redis", "password": "p"})
    assert saved.settings == {"password": "***"}
    tested = await client.cache.settings.test(cache_settings={"type": "redis"})
    assert (tested.status, tested.error) == ("failed", "refused")
    assert proxy.seen[1].json() == {"cache_settings": {"type": "redis", "password": "p"}}
    assert proxy.seen[2].json() == {"cache_settings": {"type": "redis"}}
    with pytest.raises(TypeError, match="cache_settings"):
        await client.cache.settings.update()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="cache_settings"):
        await client.cache.settings.test()  # type: ignore[call-arg]
    assert len(proxy.seen) == 3
