"""Cost against the real proxy: estimates, the model cost map and its reload schedule, the
cost settings, subscription accounts, and the prompt-caching requests' pager."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from aio_litellm import InternalServerError, LiteLLMClient, NotFoundError

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


async def test_estimate(admin: LiteLLMClient) -> None:
    estimate = await admin.cost.estimate(
        model="gpt-4o", input_tokens=1000, output_tokens=100, num_requests_per_day=10
    )
    assert estimate.cost_per_request == pytest.approx(
        estimate.input_cost_per_request + estimate.output_cost_per_request
    )
    assert estimate.cost_per_request > 0 and estimate.provider == "openai"
    assert estimate.daily_cost == pytest.approx(10 * estimate.cost_per_request)
    assert estimate.monthly_cost is None
    # fake-gpt is priced by the config: 1e-6 a prompt token, 2e-6 a completion token.
    configured = await admin.cost.estimate(model="fake-gpt", input_tokens=10, output_tokens=10)
    assert configured.cost_per_request == pytest.approx(10 * 1e-6 + 10 * 2e-6)
    unpriced = await admin.cost.estimate(model="fake-gpt-2", input_tokens=10, output_tokens=10)
    assert unpriced.cost_per_request == 0.0


async def test_predict_cache_names_unknown_deployments(admin: LiteLLMClient) -> None:
    with pytest.raises(NotFoundError, match="Deployment not found"):
        await admin.cost.predict_cache(
            current_deployment_id=f"none-{uuid.uuid4().hex[:8]}",
            candidate_deployment_id=f"none-{uuid.uuid4().hex[:8]}",
            request={"model": "fake-gpt", "messages": [{"role": "user", "content": "x"}]},
        )


async def test_prompt_caching_requests(admin: LiteLLMClient) -> None:
    now = datetime.now(timezone.utc)
    window = {"start_date": (now - timedelta(days=1)).isoformat(), "end_date": now.isoformat()}
    first = await admin.cost.prompt_caching_requests(**window, page_size=5)
    assert first.page_size == 5 and len(first.requests) <= 5
    assert first.has_more == (first.next_cursor is not None)
    walked = [r async for r in admin.cost.prompt_caching_requests(**window, page_size=5)]
    assert len(walked) == len({r.request_id for r in walked})


async def test_model_cost_map_and_its_reload_schedule(admin: LiteLLMClient) -> None:
    cost_map = admin.cost.model_cost_map
    source = await cost_map.source()
    assert source.source in ("local", "remote") and (source.model_count or 0) > 0
    reloaded = await cost_map.reload()  # from the bundled map: the proxy runs offline
    assert reloaded.status == "success" and (reloaded.models_count or 0) > 0
    try:
        scheduled = await cost_map.schedule_reload(24)
        assert scheduled.interval_hours == 24
        status = await cost_map.reload_status()
        assert status.scheduled and status.interval_hours == 24 and status.next_run
    finally:
        assert (await cost_map.cancel_reload()).status == "success"
    status = await cost_map.reload_status()
    assert not status.scheduled and status.next_run is None


async def set_or_refused(setter: Callable[[Any], Awaitable[Any]], value: Any) -> Any:
    """``setter(value)``'s answer, or ``None`` when the proxy refuses every settings change
    because it does not store its config in the database (no ``STORE_MODEL_IN_DB``: 500)."""
    try:
        return await setter(value)
    except InternalServerError as exc:
        if "STORE_MODEL_IN_DB" not in str(exc):
            raise
        return None


async def test_cost_settings(admin: LiteLLMClient) -> None:
    cost = admin.cost
    blocking = (await cost.block_unpriced.get()).enabled
    assert isinstance(blocking, bool)
    discounts = (await cost.discount_config.get()).values
    margins = (await cost.margin_config.get()).values
    assert isinstance(discounts, dict) and isinstance(margins, dict)
    changes: list[tuple[Callable[[Any], Awaitable[Any]], Any, Any, Callable[[Any], Any]]] = [
        # fake-gpt has no price: whatever happens, other tests need it served again after.
        (cost.block_unpriced.set, not blocking, blocking, lambda r: r.enabled),
        (cost.discount_config.set, {"openai": 0.05}, discounts, lambda r: r.values),
        (cost.margin_config.set, {"global": 0.1}, margins, lambda r: r.values),
    ]
    for setter, value, before, read in changes:
        try:
            updated = await set_or_refused(setter, value)
            assert updated is None or read(updated) == value
        finally:
            restored = await set_or_refused(setter, before)
        assert restored is None or read(restored) == before


async def test_subscription_account_lifecycle(admin: LiteLLMClient) -> None:
    accounts = admin.cost.subscription_accounts
    account_id = f"e2e-{uuid.uuid4().hex[:12]}"
    created = await accounts.create(
        custom_llm_provider="chatgpt",
        account_id=account_id,
        monthly_fee=20.0,
        currency="USD",
        billing_period_start="2025-01-01",
    )
    try:
        assert created.account_id == account_id and created.monthly_fee == 20.0
        updated = await accounts.update(
            subscription_account_id=created.subscription_account_id, monthly_fee=25.0, label="e2e"
        )
        assert updated.monthly_fee == 25.0 and updated.label == "e2e"
        usage = await accounts.usage("2025-01-01", "2025-01-31")
        mine = [a for a in usage.accounts if a.account_id == account_id]
        assert len(mine) == 1 and mine[0].fixed_cost == 25.0
        assert mine[0].fee is not None and mine[0].fee.label == "e2e"
        assert [(p.start, p.end) for p in mine[0].billing_periods] == [("2025-01-01", "2025-01-31")]
    finally:
        deleted = await accounts.delete(created.subscription_account_id)
    assert deleted.subscription_account_id == created.subscription_account_id
    with pytest.raises(NotFoundError):
        await accounts.delete(created.subscription_account_id)
