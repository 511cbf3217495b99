"""``client.health``: every route it serves, what it sends and returns, the history pager."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web

from aio_litellm import InternalServerError, LiteLLMClient
from aio_litellm._endpoint import REGISTRY
from aio_litellm.resources import health

from .conftest import FakeProxy, inventory, reply

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "health.services": {"service": "datadog"},
    "health.update_deployment_warning": {"ignored": True},
}


def test_every_health_row_is_declared() -> None:
    assert health.Health
    rows = {(r["method"], r["path"]) for r in inventory() if r["group"] == "health"}
    declared = {(ep.method, ep.path) for ep in REGISTRY if ep.attr.startswith("health.")}
    assert rows == declared


async def test_probes(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/health/liveliness", reply(body="I'm alive!"))
    assert await client.health.liveliness() == "I'm alive!"
    proxy.on("GET", "/health/liveliness", reply(body=b"plain"))
    assert await client.health.liveliness() == "plain"
    proxy.on("GET", "/health/readiness", reply(body={"status": "healthy", "db": "connected"}))
    assert (await client.health.readiness()).db_connected
    details = {
        "status": "healthy",
        "db": "Not connected",
        "log_level": "WARNING",
        "use_aiohttp_transport": True,
    }
    proxy.on("GET", "/health/readiness/details", reply(body=details))
    got = await client.health.readiness_details()
    assert (got.db_connected, got.log_level, got.use_aiohttp_transport) == (False, "WARNING", True)


@pytest.mark.parametrize("name", ["liveliness", "readiness"])
async def test_options_reads_the_allow_header(
    name: str, proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("OPTIONS", f"/health/{name}", reply(body=b"", headers={"Allow": "GET, OPTIONS"}))
    got = await getattr(client.health, f"{name}_options")()
    assert got.allow == ["GET", "OPTIONS"]
    assert got.raw_response.status_code == 200


def test_options_without_an_answer_allow_nothing() -> None:
    from aio_litellm.types.health import ProbeOptions

    assert ProbeOptions().allow == []


async def test_check_backlog_latest_license(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET",
        "/health",
        reply(body={"healthy_endpoints": [{"model": "m", "model_id": "d1"}], "healthy_count": 1}),
    )
    result = await client.health.check(model_id="d1")
    assert result.healthy_endpoints[0]["model_id"] == "d1"
    assert proxy.calls()[-1].query == {"model_id": "d1"}
    proxy.on("GET", "/health/backlog", reply(body={"in_flight_requests": 2, "queued_requests": 0}))
    assert (await client.health.backlog()).in_flight_requests == 2
    latest = {
        "latest_health_checks": {
            "d1": {"model_name": "m", "status": "healthy", "response_time_ms": 12.5}
        },
        "total_models": 1,
    }
    proxy.on("GET", "/health/latest", reply(body=latest))
    assert (await client.health.latest()).latest_health_checks["d1"].response_time_ms == 12.5
    lic = {
        "has_license": False,
        "license_type": "community",
        "allowed_features": [],
        "limits": {"max_users": None},
    }
    proxy.on("GET", "/health/license", reply(body=lic))
    got = await client.health.license()
    assert (got.license_type, got.limits and got.limits.max_users) == ("community", None)


async def test_services_shared_status_warnings(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET",
        "/health/services",
        reply(body={"status": "success", "message": "Mock LLM request made"}),
    )
    assert (await client.health.services("datadog")).status == "success"
    assert proxy.calls()[-1].query == {"service": "datadog"}
    proxy.on(
        "GET",
        "/health/shared-status",
        reply(body={"shared_health_check_enabled": False, "message": "off"}),
    )
    assert (await client.health.shared_status()).shared_health_check_enabled is False
    warnings = {
        "warnings": [{"id": "no_redis", "severity": "warning", "ignore": None}],
        "ignore_available": True,
    }
    proxy.on("GET", "/health/deployment_warnings", reply(body=warnings))
    got = await client.health.deployment_warnings()
    assert [(w.id, w.severity) for w in got.warnings] == [("no_redis", "warning")]
    proxy.on(
        "PATCH",
        "/health/deployment_warnings/no/redis",
        reply(body={"id": "no/redis", "ignore": {"source": "admin", "ignored_by": "u"}}),
    )
    done = await client.health.update_deployment_warning(
        "no/redis", ignored=True, snooze_seconds=60
    )
    assert done.ignore is not None and done.ignore.ignored_by == "u"
    seen = proxy.calls()[-1]
    assert seen.raw_path == "/health/deployment_warnings/no%2Fredis"
    assert seen.json() == {"ignored": True, "snooze_seconds": 60}
    proxy.on("PATCH", "/health/deployment_warnings/w", reply(body={"id": "w", "ignore": None}))
    assert (await client.health.update_deployment_warning("w", ignored=False)).ignore is None
    assert proxy.calls()[-1].json() == {"ignored": False}


async def test_drain_sends_its_token(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/health/drain", reply(body={"status": "drained", "drained_requests": 0}))
    assert (await client.health.drain(drain_token="t0k")).status == "drained"
    assert proxy.calls()[-1].headers["X-Drain-Token"] == "t0k"
    await client.health.drain()
    assert "X-Drain-Token" not in proxy.calls()[-1].headers


async def test_test_connection_is_sent_once(proxy: FakeProxy, client: LiteLLMClient) -> None:
    body = {"mode": "chat", "litellm_params": {"model": "fake-gpt"}}
    proxy.on(
        "POST",
        "/health/test_connection",
        reply(body={"status": "error", "result": {"error": "down"}}),
    )
    got = await client.health.test_connection(**body)  # type: ignore[arg-type]
    assert (got.ok, got.result) == (False, {"error": "down"})
    assert proxy.calls()[-1].json() == body
    proxy.on("POST", "/health/test_connection", reply(500, {"error": {"message": "x"}}))
    with pytest.raises(InternalServerError):
        await client.health.test_connection(**body)  # type: ignore[arg-type]
    assert len(proxy.calls("POST", "/health/test_connection")) == 2  # one each, no retry


async def test_metrics_and_deprecated_test(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/metrics", reply(body="# HELP litellm_requests_total\n"))
    assert (await client.health.metrics()).startswith("# HELP")
    proxy.on("GET", "/test", reply(body={"route": "/test"}))
    with pytest.warns(DeprecationWarning, match="liveliness"):
        assert await client.health.test() == {"route": "/test"}


def history_pages(total: int) -> Any:
    async def handler(request: web.Request) -> web.StreamResponse:
        offset, limit = int(request.query["offset"]), int(request.query["limit"])
        page = [
            {"health_check_id": f"h{i}", "status": "healthy"}
            for i in range(offset, min(total, offset + limit))
        ]
        return web.json_response(
            {"health_checks": page, "total_records": len(page), "limit": limit, "offset": offset}
        )

    return handler


async def test_history_walks_offset_pages(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/health/history", history_pages(5))
    ids = [c.health_check_id async for c in client.health.history(limit=2, model="m")]
    assert ids == [f"h{i}" for i in range(5)]
    assert [c.query for c in proxy.calls()] == [
        {"limit": "2", "model": "m", "offset": "0"},
        {"limit": "2", "model": "m", "offset": "2"},
        {"limit": "2", "model": "m", "offset": "4"},
    ]
    first = await client.health.history()
    assert first.total_records == 5 and proxy.calls()[-1].query == {"limit": "100", "offset": "0"}


async def test_bad_input_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="service"):
        await client.health.services("")
    with pytest.raises(TypeError, match="ignored"):
        await client.health.update_deployment_warning("w")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="empty"):
        await client.health.update_deployment_warning("", ignored=True)
    assert proxy.seen == []
