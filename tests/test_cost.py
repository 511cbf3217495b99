"""``client.cost``: what each method sends, what it returns, the prompt-caching requests'
keyset pager, retry safety, bad input refused before any request."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web

from aio_litellm import APIStatusError, LiteLLMClient
from aio_litellm.types.cost import (
    CachePrediction,
    CostEstimate,
    PromptCachingRequest,
    SubscriptionAccount,
)

from .conftest import FakeProxy, reply

DAYS = {"start_date": "2025-01-01", "end_date": "2025-01-31"}

# What methods need beyond their path parameters (tests/test_routes.py calls each one).
ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "cost.estimate": {"model": "m", "input_tokens": 10, "output_tokens": 5},
    "cost.predict_cache": {
        "current_deployment_id": "d1",
        "candidate_deployment_id": "d2",
        "request": {"model": "m", "messages": []},
    },
    "cost.prompt_caching_requests": DAYS,
    "cost.model_cost_map.schedule_reload": {"hours": 6},
    "cost.block_unpriced.set": {"enabled": True},
    "cost.discount_config.set": {"config": {"openai": 0.05}},
    "cost.margin_config.set": {"config": {"global": 0.1}},
    "cost.subscription_accounts.create": {
        "custom_llm_provider": "chatgpt",
        "account_id": "acct",
        "monthly_fee": 20.0,
        "currency": "USD",
        "billing_period_start": "2025-01-01",
    },
    "cost.subscription_accounts.update": {"subscription_account_id": "sa1", "monthly_fee": 25.0},
    "cost.subscription_accounts.usage": DAYS,
}

ACCOUNT = {
    "subscription_account_id": "sa1",
    "custom_llm_provider": "chatgpt",
    "account_id": "acct",
    "monthly_fee": 20.0,
    "currency": "USD",
    "billing_period_start": "2025-01-01",
    "created_at": "2025-01-01T00:00:00Z",
    "created_by": "admin",
    "updated_at": "2025-01-01T00:00:00Z",
    "updated_by": "admin",
}


async def test_estimate_and_predict_cache(proxy: FakeProxy, client: LiteLLMClient) -> None:
    estimate = {
        "model": "fake-gpt",
        "input_tokens": 1000,
        "output_tokens": 500,
        "cost_per_request": 0.02,
        "input_cost_per_request": 0.01,
        "output_cost_per_request": 0.01,
        "daily_cost": 2.0,
        "monthly_cost": None,
        "provider": "openai",
    }
    proxy.on("POST", "/cost/estimate", reply(200, estimate))
    arm = {"deployment_id": "d1", "cache_state": "warm", "estimate": {"cost": 0.1}}
    prediction = {
        "stay": arm,
        "switch": {**arm, "deployment_id": "d2", "cache_state": "unknown"},
        "switch_delta": 0.05,
        "cache_rebuild_penalty": None,
    }
    proxy.on("POST", "/cost/predict-cache", reply(200, prediction))
    result = await client.cost.estimate(
        model="fake-gpt", input_tokens=1000, output_tokens=500, num_requests_per_day=100
    )
    assert isinstance(result, CostEstimate) and result.daily_cost == 2.0
    assert proxy.calls()[-1].json() == {
        "model": "fake-gpt",
        "input_tokens": 1000,
        "output_tokens": 500,
        "num_requests_per_day": 100,
    }
    request = {"model": "fake-claude", "messages": [{"role": "user", "content": "x"}]}
    cache = await client.cost.predict_cache(
        current_deployment_id="d1", candidate_deployment_id="d2", request=request
    )
    assert isinstance(cache, CachePrediction) and cache.switch.deployment_id == "d2"
    assert cache.stay.cache_state == "warm" and cache.switch_delta == 0.05
    assert proxy.calls()[-1].json()["request"] == request


async def test_estimate_and_predict_refuse_missing_fields(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(TypeError, match="output_tokens"):
        await client.cost.estimate(model="m", input_tokens=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="request"):
        await client.cost.predict_cache(current_deployment_id="a", candidate_deployment_id="b")  # type: ignore[call-arg]
    assert proxy.seen == []


def request_row(i: int) -> dict[str, Any]:
    return {
        "request_id": f"req-{i}",
        "start_time": f"2025-01-0{9 - i}T10:00:00Z",
        "model": "fake-claude",
        "gateway_injected": i % 2 == 0,
        "cache_read_tokens": 100 * i,
        "cache_creation_tokens": 0,
        "spend": 0.01,
        "net_savings": 0.002,
    }


async def test_prompt_caching_requests_follow_the_keyset(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    rows = [request_row(i) for i in range(5)]

    async def handler(request: web.Request) -> web.StreamResponse:
        after = request.query.get("cursor_request_id")
        start = next(i for i, r in enumerate(rows) if r["request_id"] == after) + 1 if after else 0
        size = int(request.query["page_size"])
        chunk = rows[start : start + size]
        more = start + size < len(rows)
        cursor = {"start_time": chunk[-1]["start_time"], "request_id": chunk[-1]["request_id"]}
        return web.json_response(
            {
                "requests": chunk,
                "page_size": size,
                "has_more": more,
                "next_cursor": cursor if more else None,
            }
        )

    proxy.on("GET", "/cost_optimization/prompt_caching/requests", handler)
    pager = client.cost.prompt_caching_requests(**DAYS, page_size=2, filter="hits")
    found = [r async for r in pager]
    assert [r.request_id for r in found] == [r["request_id"] for r in rows]
    assert isinstance(found[1], PromptCachingRequest) and found[1].cache_read_tokens == 100
    queries = [c.query for c in proxy.calls()]
    assert queries[0] == {**DAYS, "page_size": "2", "filter": "hits"}
    assert queries[1] == {
        **DAYS,
        "page_size": "2",
        "filter": "hits",
        "cursor_start_time": "2025-01-08T10:00:00Z",
        "cursor_request_id": "req-1",
    }
    assert len(queries) == 3  # the third page said has_more: false
    first = await pager
    assert first.has_more and first.next_cursor is not None
    assert first.next_cursor.request_id == "req-1"


async def test_prompt_caching_requests_stop_on_a_repeated_cursor(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    page = {
        "requests": [request_row(1)],
        "page_size": 1,
        "has_more": True,
        "next_cursor": {"start_time": "2025-01-08T10:00:00Z", "request_id": "req-1"},
    }
    proxy.on("GET", "/cost_optimization/prompt_caching/requests", reply(200, page))
    found = [r async for r in client.cost.prompt_caching_requests(**DAYS)]
    assert len(found) == 2 and len(proxy.calls()) == 2  # the same page again: no third request


async def test_prompt_caching_requests_refuse_bad_input(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(TypeError, match="end_date"):
        client.cost.prompt_caching_requests(start_date="2025-01-01")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="together"):
        client.cost.prompt_caching_requests(**DAYS, cursor_request_id="req-1")
    assert proxy.seen == []


async def test_model_cost_map(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET",
        "/model/cost_map/source",
        reply(200, {"source": "local", "is_env_forced": True, "model_count": 2000}),
    )
    proxy.on(
        "POST",
        "/reload/model_cost_map",
        reply(502, {"detail": "fetch failed"}),
        reply(200, {"status": "success", "models_count": 2001}),
    )
    scheduled = {"status": "success", "interval_hours": 6}
    proxy.on("POST", "/schedule/model_cost_map_reload", reply(200, scheduled))
    proxy.on("DELETE", "/schedule/model_cost_map_reload", reply(200, {"status": "success"}))
    proxy.on(
        "GET",
        "/schedule/model_cost_map_reload/status",
        reply(200, {"scheduled": True, "interval_hours": 6, "next_run": "2025-01-01T06:00:00"}),
    )
    cost_map = client.cost.model_cost_map
    assert (await cost_map.source()).model_count == 2000
    assert (await cost_map.reload()).models_count == 2001  # a reload is safe to send again
    assert len(proxy.calls("POST", "/reload/model_cost_map")) == 2
    assert (await cost_map.schedule_reload(6)).interval_hours == 6
    assert proxy.calls()[-1].query == {"hours": "6"}
    assert (await cost_map.cancel_reload()).status == "success"
    status = await cost_map.reload_status()
    assert status.scheduled and status.next_run == "2025-01-01T06:00:00"
    for bad in (0, -1, True, 1.5):
        with pytest.raises(ValueError, match="positive int"):
            await cost_map.schedule_reload(bad)  # type: ignore[arg-type]
    assert len(proxy.calls()) == 6


async def test_cost_settings(proxy: FakeProxy, client: LiteLLMClient) -> None:
    path = "/config/block_requests_for_models_without_pricing"
    proxy.on("GET", path, reply(200, {"enabled": False}))
    proxy.on("PATCH", path, reply(200, {"enabled": True}))
    proxy.on("GET", "/config/cost_discount_config", reply(200, {"values": {"openai": 0.05}}))
    updated = {"message": "ok", "status": "success", "values": {"openai": 0.1}}
    proxy.on("PATCH", "/config/cost_discount_config", reply(200, updated))
    proxy.on("GET", "/config/cost_margin_config", reply(200, {"values": {}}))
    proxy.on("PATCH", "/config/cost_margin_config", reply(200, {**updated, "values": {}}))
    cost = client.cost
    assert (await cost.block_unpriced.get()).enabled is False
    assert (await cost.block_unpriced.set(True)).enabled is True
    assert proxy.calls()[-1].json() == {"enabled": True}
    assert (await cost.discount_config.get()).values == {"openai": 0.05}
    assert (await cost.discount_config.set({"openai": 0.1})).values == {"openai": 0.1}
    assert proxy.calls()[-1].json() == {"openai": 0.1}  # the mapping is the whole body
    assert (await cost.margin_config.get()).values == {}
    margins = {"global": 0.05, "anthropic": {"fixed_amount": 0.001}}
    await cost.margin_config.set(margins)
    assert proxy.calls()[-1].json() == margins
    with pytest.raises(TypeError, match="bool"):
        await cost.block_unpriced.set("yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="mapping"):
        await cost.discount_config.set([("openai", 0.1)])  # type: ignore[arg-type]
    assert len(proxy.calls()) == 6


async def test_subscription_accounts(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/subscription_accounts/new", reply(502, {"detail": "lost"}))
    proxy.on("POST", "/subscription_accounts/update", reply(200, {**ACCOUNT, "monthly_fee": 25.0}))
    proxy.on("POST", "/subscription_accounts/delete", reply(200, ACCOUNT))
    usage = {
        **DAYS,
        "subscription_providers": ["chatgpt"],
        "accounts": [
            {
                "custom_llm_provider": "chatgpt",
                "account_id": "acct",
                "deployments": ["d1"],
                "fee": ACCOUNT,
                "billing_periods": [{"start": "2025-01-01", "end": "2025-01-31"}],
                "fixed_cost": 20.0,
            }
        ],
    }
    proxy.on("GET", "/subscription_accounts/usage", reply(200, usage))
    accounts = client.cost.subscription_accounts
    create = ROUTE_ARGS["cost.subscription_accounts.create"]
    with pytest.raises(APIStatusError):
        await accounts.create(**create)
    assert len(proxy.calls()) == 1  # a create is sent once
    assert proxy.calls()[0].json() == create
    updated = await accounts.update(subscription_account_id="sa1", label=None)
    assert isinstance(updated, SubscriptionAccount) and updated.monthly_fee == 25.0
    assert proxy.calls()[-1].json() == {"subscription_account_id": "sa1", "label": None}
    assert (await accounts.delete("sa1")).subscription_account_id == "sa1"
    assert proxy.calls()[-1].json() == {"subscription_account_id": "sa1"}
    result = await accounts.usage("2025-01-01", "2025-01-31")
    assert result.accounts[0].fee is not None and result.accounts[0].fixed_cost == 20.0
    assert result.accounts[0].billing_periods[0].end == "2025-01-31"
    assert proxy.calls()[-1].query == DAYS
    with pytest.raises(TypeError, match="currency"):
        await accounts.create(custom_llm_provider="chatgpt", account_id="a", monthly_fee=1.0)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="subscription_account_id"):
        await accounts.update(monthly_fee=1.0)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="subscription_account_id"):
        await accounts.delete("")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        await accounts.usage("2025-13-01", "2025-01-31")
    assert len(proxy.calls()) == 4
