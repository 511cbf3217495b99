"""Customers (end users) against the proxy's real database: the lifecycle with a budget,
blocking, bulk creation and blocking at scale, and the spend of requests naming a customer."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import time
import uuid
from typing import Any

import pytest

from aio_litellm import (
    BadRequestError,
    CreateConflict,
    LiteLLMClient,
    NotFoundError,
)

from .launcher import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


def run_id() -> str:
    return uuid.uuid4().hex[:10]


async def test_customer_lifecycle_with_a_budget(admin: LiteLLMClient) -> None:
    run = run_id()
    budget_id, user_id = f"e2e-bud-{run}", f"e2e-cust-{run}"
    await admin.budgets.create(budget_id=budget_id, max_budget=7.5, budget_duration="30d")
    try:
        created = await admin.customers.create(user_id=user_id, alias="Ann", budget_id=budget_id)
        assert (created.user_id, created.alias, created.blocked) == (user_id, "Ann", False)

        info = await admin.customers.info(user_id)
        assert info.budget_id == budget_id
        assert info.litellm_budget_table is not None
        assert info.litellm_budget_table.max_budget == 7.5
        assert info.litellm_budget_table.budget_duration == "30d"

        found = [c async for c in admin.customers.list(search=run, page_size=10)]
        assert [c.user_id for c in found] == [user_id]

        with pytest.raises(BadRequestError, match="already exists"):
            await admin.customers.create(user_id=user_id)

        updated = await admin.customers.update(user_id=user_id, alias="Bea", models=["fake-gpt"])
        assert (updated.alias, updated.models) == ("Bea", ["fake-gpt"])

        blocked = await admin.customers.block([user_id])
        assert [(c.user_id, c.blocked) for c in blocked.blocked_users] == [(user_id, True)]
        assert (await admin.customers.info(user_id)).blocked is True
        # /customer/unblock only edits the enterprise blocked-user list, absent here.
        with pytest.raises(BadRequestError, match="Blocked user check was never set"):
            await admin.customers.unblock([user_id])
        await admin.customers.update(user_id=user_id, blocked=False)
        assert (await admin.customers.info(user_id)).blocked is False

        deleted = await admin.customers.delete([user_id])
        assert deleted.deleted_customers == 1
        with pytest.raises(NotFoundError):
            await admin.customers.info(user_id)
    finally:
        with contextlib.suppress(NotFoundError):
            await admin.customers.delete([user_id])
        await admin.budgets.delete(budget_id)


async def test_list_pages_through_customers(admin: LiteLLMClient) -> None:
    run = run_id()
    ids = [f"e2e-page-{run}-{i:02d}" for i in range(7)]
    assert (await admin.customers.create_many([{"user_id": i} for i in ids])).ok
    try:
        first = await admin.customers.list(search=run, page_size=3)
        assert [c.user_id for c in first] == ids[:3]  # ordered by user id
        walked = [c.user_id async for c in admin.customers.list(search=run, page_size=3)]
        assert walked == ids
    finally:
        await admin.customers.delete(ids)


async def test_create_many_and_block_many_at_200(admin: LiteLLMClient) -> None:
    run = run_id()
    specs: list[Any] = [
        {"user_id": f"e2e-bulk-{run}-{i:03d}", "alias": f"a{i}", "max_budget": float(i % 5)}
        for i in range(200)
    ]
    ids = [s["user_id"] for s in specs]
    try:
        created = await admin.customers.create_many(specs, concurrency=16)
        assert created.ok, created.failed[:2]
        assert [o.value.user_id for o in created.outcomes if o.value] == ids
        listed = [c.user_id async for c in admin.customers.list(search=f"e2e-bulk-{run}")]
        assert listed == ids  # every one, once

        # A rerun creates nothing and succeeds: each already exists with its values (the
        # budget compared through the customer's budget).
        again = await admin.customers.create_many(specs, concurrency=16)
        assert again.ok, again.failed[:2]
        changed: Any = {**specs[3], "max_budget": 99.0}
        other = await admin.customers.create_many([changed])
        conflict = other.outcomes[0].error
        assert isinstance(conflict, CreateConflict) and conflict.fields == ("max_budget",)

        blocked = await admin.customers.block_many(ids, batch_size=64)
        assert blocked.ok and [o.item for o in blocked.outcomes] == ids
        assert all(o.value is not None and o.value.blocked for o in blocked.outcomes)
        assert (await admin.customers.info(ids[150])).blocked is True
        # Blocking is an upsert: blocking again is fine, unknown ids become blocked customers.
        extra = f"e2e-bulk-{run}-new"
        assert (await admin.customers.block_many([ids[0], extra])).ok
        ids.append(extra)
    finally:
        await admin.customers.delete(ids)
    assert [c async for c in admin.customers.list(search=f"e2e-bulk-{run}")] == []


async def test_spend_of_a_customer_shows_in_its_activity(
    admin: LiteLLMClient, stack: Stack
) -> None:
    run = run_id()
    user_id = f"e2e-spender-{run}"
    key = await admin.keys.create(models=["fake-gpt"])
    try:
        async with LiteLLMClient(base_url=stack.base_url, api_key=key.key) as as_key:
            for _ in range(2):
                await as_key.chat.completions.create(
                    model="fake-gpt", messages=[{"role": "user", "content": "hi"}], user=user_id
                )
        today = datetime.datetime.now(datetime.timezone.utc).date()
        start, end = (
            str(today - datetime.timedelta(days=1)),
            str(today + datetime.timedelta(days=1)),
        )
        # Spend is written by a background job: poll, with a deadline.
        deadline = time.monotonic() + 90
        while True:
            page = await admin.customers.daily_activity.list(
                end_user_ids=user_id, start_date=start, end_date=end
            )
            if page.results or time.monotonic() > deadline:
                break
            await asyncio.sleep(3)
        assert page.results, "the proxy did not write the customer's daily spend in 90 s"
        assert page.metadata.total_api_requests == 2
        same = await admin.customers.end_user_activity.aggregated(
            end_user_ids=user_id, start_date=start, end_date=end
        )
        assert same.metadata.total_api_requests == 2
        # The spend job created the customer the requests named.
        assert (await admin.customers.info(user_id)).user_id == user_id
    finally:
        await admin.keys.delete([key.key])
        with contextlib.suppress(NotFoundError):
            await admin.customers.delete([user_id])
