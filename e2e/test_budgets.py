"""Budgets against the proxy's real database: the lifecycle, both lists, settings, bulk creation
at 200, and the provider budgets route without a provider budget config."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from aio_litellm import BadRequestError, CreateConflict, InternalServerError, LiteLLMClient
from aio_litellm.bulk import BulkRunner

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


async def test_budget_lifecycle(admin: LiteLLMClient) -> None:
    budget_id = f"e2e-budget-{uuid.uuid4().hex[:12]}"
    created = await admin.budgets.create(
        budget_id=budget_id, max_budget=5.0, tpm_limit=1000, budget_duration="30d"
    )
    try:
        assert (created.budget_id, created.max_budget, created.tpm_limit) == (budget_id, 5.0, 1000)
        assert created.budget_reset_at is not None  # the proxy sets it from the duration

        with pytest.raises(BadRequestError, match="already exists"):
            await admin.budgets.create(budget_id=budget_id)

        [info] = await admin.budgets.info([budget_id, "e2e-no-such-budget"])
        assert (info.budget_id, info.budget_duration) == (budget_id, "30d")

        listed = [b.budget_id async for b in admin.budgets.list()]
        assert listed.count(budget_id) == 1

        settings = {s.field_name: s for s in await admin.budgets.settings(budget_id)}
        assert settings["max_budget"].field_value == 5.0
        assert settings["tpm_limit"].field_value == 1000

        updated = await admin.budgets.update(budget_id=budget_id, max_budget=8.0, rpm_limit=10)
        assert (updated.max_budget, updated.rpm_limit, updated.tpm_limit) == (8.0, 10, 1000)
        assert (await admin.budgets.info([budget_id]))[0].max_budget == 8.0
    finally:
        deleted = await admin.budgets.delete(budget_id)
    assert deleted is not None and deleted.budget_id == budget_id
    assert await admin.budgets.info([budget_id]) == []
    assert await admin.budgets.delete(budget_id) is None  # nothing left to delete


async def test_create_many_200_and_the_paged_list(admin: LiteLLMClient) -> None:
    run = uuid.uuid4().hex[:10]
    specs: list[Any] = [
        {"budget_id": f"e2e-bulk-{run}-{i:03d}", "max_budget": float(i), "budget_duration": "7d"}
        for i in range(200)
    ]
    ids = [s["budget_id"] for s in specs]
    try:
        created = await admin.budgets.create_many(specs, concurrency=16)
        assert created.ok, created.failed[:2]
        assert [o.value.budget_id for o in created.outcomes if o.value] == ids

        again = await admin.budgets.create_many(specs, concurrency=16)
        assert again.ok, again.failed[:2]  # every one already there as asked
        changed: Any = {**specs[5], "budget_duration": "1d"}
        other = await admin.budgets.create_many([changed])
        conflict = other.outcomes[0].error
        assert isinstance(conflict, CreateConflict) and conflict.fields == ("budget_duration",)

        # /management/v1/budgets: paged, sorted and filtered by the proxy.
        pager = admin.budgets.list_v2(q=f"e2e-bulk-{run}", sort="budget_id", page_size=60)
        first = await pager
        assert first.meta.total_count == 200 and first.meta.total_pages == 4
        assert [b.budget_id async for b in pager] == ids
        rich = admin.budgets.list_v2(
            q=f"e2e-bulk-{run}", sort="-max_budget", filters={"max_budget": {"gte": 190}}
        )
        assert [b.budget_id async for b in rich] == ids[:189:-1]
        with pytest.raises(BadRequestError, match="not a valid float"):
            await admin.budgets.list_v2(filters={"max_budget": {"gte": "lots"}})
    finally:
        deleted = await BulkRunner(concurrency=16).run(admin.budgets.delete, ids)
    assert deleted.ok
    assert await admin.budgets.info(ids) == []


async def test_provider_budgets_need_a_provider_budget_config(admin: LiteLLMClient) -> None:
    with pytest.raises(InternalServerError, match="No provider budget config found"):
        await admin.budgets.provider_budgets()
