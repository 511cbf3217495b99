"""``client.budgets``: what each method sends, what it returns, pagers, refusals, and
``create_many`` (retry-safe by ``budget_id``)."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import BadRequestError, CreateConflict, InternalServerError, LiteLLMClient
from aio_litellm.types.budgets import Budget, BudgetPage, BudgetSetting, ProviderBudgets

from .conftest import FakeProxy, reply

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "budgets.info": {"budget_ids": ["v1"]},
    "budgets.update": {"budget_id": "v1"},
}


def budget(budget_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "budget_id": budget_id,
        "max_budget": 10.0,
        "tpm_limit": 1000,
        "budget_duration": "30d",
        "budget_reset_at": "2030-01-01T00:00:00Z",
        "created_at": "2025-01-01T00:00:00Z",
        "updated_at": "2025-01-01T00:00:00Z",
        "created_by": "admin",
        **extra,
    }


async def test_create_sends_the_limits_and_is_not_retried(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/budget/new", reply(200, budget("b1", x_new=1)))
    created = await client.budgets.create(budget_id="b1", max_budget=10.0, tpm_limit=1000)
    assert isinstance(created, Budget)
    assert (created.budget_id, created.max_budget, created.tpm_limit) == ("b1", 10.0, 1000)
    assert created.model_extra == {"x_new": 1}
    assert created.raw_response is not None and created.raw_response.status_code == 200
    assert proxy.calls()[0].json() == {"budget_id": "b1", "max_budget": 10.0, "tpm_limit": 1000}

    proxy.on("POST", "/budget/new", reply(500, {"error": {"message": "db down"}}))
    with pytest.raises(InternalServerError):
        await client.budgets.create(budget_id="b2")
    assert len(proxy.calls("POST", "/budget/new")) == 2  # once each: a create is not resent


async def test_info_settings_and_provider_budgets(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/budget/info", reply(200, [budget("b1"), budget("b2", max_budget=None)]))
    found = await client.budgets.info(["b1", "b2"])
    assert [b.budget_id for b in found] == ["b1", "b2"]
    assert all(isinstance(b, Budget) for b in found) and found[1].max_budget is None
    assert proxy.calls()[-1].json() == {"budgets": ["b1", "b2"]}

    setting = {
        "field_name": "max_budget",
        "field_type": "Float",
        "field_description": "Requests fail past it",
        "field_value": 10.0,
        "stored_in_db": True,
        "field_default_value": None,
    }
    proxy.on("GET", "/budget/settings", reply(200, [setting]))
    settings = await client.budgets.settings("b1")
    assert isinstance(settings[0], BudgetSetting)
    assert (settings[0].field_name, settings[0].field_value) == ("max_budget", 10.0)
    assert proxy.calls()[-1].query == {"budget_id": "b1"}

    providers = {"openai": {"budget_limit": 5.0, "time_period": "1d", "spend": 0.5}}
    proxy.on("GET", "/provider/budgets", reply(200, {"providers": providers}))
    answer = await client.budgets.provider_budgets()
    assert isinstance(answer, ProviderBudgets)
    assert answer.providers["openai"].budget_limit == 5.0
    assert answer.providers["openai"].spend == 0.5


async def test_update_and_delete(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/budget/update", reply(200, budget("b1", max_budget=20.0)))
    updated = await client.budgets.update(budget_id="b1", max_budget=20.0)
    assert updated.max_budget == 20.0
    assert proxy.calls()[-1].json() == {"budget_id": "b1", "max_budget": 20.0}

    proxy.on("POST", "/budget/delete", reply(200, budget("b1")))
    deleted = await client.budgets.delete("b1")
    assert isinstance(deleted, Budget) and deleted.budget_id == "b1"
    assert proxy.calls()[-1].json() == {"id": "b1"}

    proxy.on("POST", "/budget/delete", reply(200, b"null"))  # what the proxy says for no row
    assert await client.budgets.delete("gone") is None


async def test_bad_input_is_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="non-empty list of budget_ids"):
        await client.budgets.info("b1")
    with pytest.raises(TypeError, match="non-empty list of budget_ids"):
        await client.budgets.info([])
    with pytest.raises(TypeError, match="budget_id"):
        await client.budgets.update(max_budget=1.0)
    with pytest.raises(TypeError, match="id"):
        await client.budgets.delete("")
    with pytest.raises(TypeError, match="budget_id"):
        await client.budgets.settings("")
    assert proxy.seen == []


async def test_list_is_one_bare_array(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/budget/list", reply(200, [budget("b1"), budget("b2")]))
    first = await client.budgets.list()
    assert [b.budget_id for b in first] == ["b1", "b2"]
    assert [b.budget_id async for b in client.budgets.list()] == ["b1", "b2"]
    assert all(isinstance(b, Budget) for b in first)
    assert len(proxy.calls("GET", "/budget/list")) == 2  # one per walk: no second page


async def test_list_v2_walks_pages_with_filters(proxy: FakeProxy, client: LiteLLMClient) -> None:
    rows = [budget(f"b{i}") for i in range(5)]

    async def pages(request: web.Request) -> web.StreamResponse:
        page, size = int(request.query["page"]), int(request.query["page_size"])
        meta = {"total_count": 5, "page": page, "page_size": size, "total_pages": 3}
        data = rows[(page - 1) * size : page * size]
        return web.json_response({"data": data, "meta": meta, "links": {"self": "x"}})

    proxy.on("GET", "/management/v1/budgets", pages)
    pager = client.budgets.list_v2(
        page_size=2,
        sort="-max_budget",
        q="b",
        filters={"budget_duration": {"in": ["7d", "30d"]}, "max_budget": {"gte": 1}},
    )
    first = await pager
    assert isinstance(first, BudgetPage) and first.meta.total_pages == 3
    assert [b.budget_id for b in first.data] == ["b0", "b1"]
    assert [b.budget_id async for b in pager] == [f"b{i}" for i in range(5)]
    seen = proxy.calls("GET", "/management/v1/budgets")
    assert [s.query["page"] for s in seen] == ["1", "1", "2", "3"]
    assert seen[0].query == {
        "page": "1",
        "page_size": "2",
        "sort": "-max_budget",
        "q": "b",
        "filter[budget_duration][in]": "7d,30d",
        "filter[max_budget][gte]": "1",
    }


class BudgetStore:
    """The proxy's budget table as /budget/new and /budget/info use it: a second create with
    an id answers 400 "already exists"; a negative budget 400 of its own. Can apply a create
    and then drop the connection."""

    def __init__(self, proxy: FakeProxy) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.creates = 0
        self.drop_after_apply: set[int] = set()
        proxy.on("POST", "/budget/new", self.new)
        proxy.on("POST", "/budget/info", self.info)

    async def new(self, request: web.Request) -> web.StreamResponse:
        self.creates += 1
        body = orjson.loads(await request.read())
        if (body.get("max_budget") or 0) < 0:
            message = (
                f"max_budget must be a non-negative finite number. Received: {body['max_budget']}"
            )
            return web.json_response({"error": {"message": message, "code": "400"}}, status=400)
        if body["budget_id"] in self.rows:
            message = f"Budget with id '{body['budget_id']}' already exists."
            return web.json_response({"error": {"message": message, "code": "400"}}, status=400)
        row = self.rows[body["budget_id"]] = {**body, "budget_reset_at": "2030-01-01"}
        if self.creates in self.drop_after_apply:
            assert request.transport is not None
            request.transport.close()
        return web.json_response(row)

    async def info(self, request: web.Request) -> web.StreamResponse:
        ids = orjson.loads(await request.read())["budgets"]
        return web.json_response([self.rows[i] for i in ids if i in self.rows])


async def test_create_many_is_safe_to_repeat(proxy: FakeProxy, client: LiteLLMClient) -> None:
    store = BudgetStore(proxy)
    store.rows["b-old"] = {"budget_id": "b-old", "max_budget": 5.0, "budget_duration": "1d"}
    specs: list[Any] = [
        {"budget_id": "b0", "max_budget": 1.0},
        {"budget_id": "b-old", "max_budget": 5, "budget_duration": "1d"},  # same values
        {"budget_id": "b-old", "max_budget": 6.0},  # other values
        {"budget_id": "b3", "max_budget": -1.0},  # refused by the proxy
        {"max_budget": 1.0},  # no identity
        {"budget_id": "b5", "tpm_limit": 10},
    ]
    result = await client.budgets.create_many(specs, concurrency=3)
    assert [o.item for o in result.outcomes] == specs
    assert [o.ok for o in result.outcomes] == [True, True, False, False, False, True]
    assert result.outcomes[1].value is not None and result.outcomes[1].value.max_budget == 5.0
    conflict = result.outcomes[2].error
    assert isinstance(conflict, CreateConflict) and conflict.fields == ("max_budget",)
    assert isinstance(result.outcomes[3].error, BadRequestError)
    assert "non-negative" in str(result.outcomes[3].error)
    assert isinstance(result.outcomes[4].error, ValueError)
    assert store.rows["b-old"]["max_budget"] == 5.0  # left as it was
    assert set(store.rows) == {"b0", "b-old", "b5"}


async def test_create_many_resends_a_create_that_lost_its_answer(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    store = BudgetStore(proxy)
    store.drop_after_apply = {1}
    result = await client.budgets.create_many([{"budget_id": "b1", "max_budget": 2.0}])
    assert result.ok
    value = result.outcomes[0].value
    assert value is not None and (value.budget_id, value.max_budget) == ("b1", 2.0)
    assert store.creates == 2  # applied, answer lost, sent again: "already exists" is success
