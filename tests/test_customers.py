"""``client.customers``: what each method sends, what it returns, the paged list, the activity
resources, refusals, ``create_many`` (retry-safe by ``user_id``) and ``block_many``."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import (
    BadRequestError,
    CreateConflict,
    InternalServerError,
    LiteLLMClient,
    NotFoundError,
    UnprocessableEntityError,
)
from aio_litellm.bulk import BulkRunner, ItemSkipped
from aio_litellm.resources.customers import END_USER_ACTIVITY, CustomerNotBlocked
from aio_litellm.types.customers import Customer

from .conftest import FakeProxy, reply

START, END = "2025-01-01", "2025-01-31"
RANGE = {"start_date": START, "end_date": END}

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    # tests/test_activity.py gives the range to every ``.daily_activity.`` method; these are the
    # customers' second activity resource.
    **{ep.attr: RANGE for ep in vars(END_USER_ACTIVITY).values() if ep is not None},
    "customers.delete": {"user_ids": ["v1"]},
    "customers.block": {"user_ids": ["v1"]},
    "customers.unblock": {"user_ids": ["v1"]},
    "customers.update": {"user_id": "v1"},
    "customers.create": {"user_id": "v1"},
}


def customer(user_id: str, **extra: Any) -> dict[str, Any]:
    return {"user_id": user_id, "blocked": False, "alias": None, "spend": 0.0, **extra}


async def test_create_info_update(proxy: FakeProxy, client: LiteLLMClient) -> None:
    table = {"budget_id": "bud-1", "max_budget": 5.0, "created_at": "2025-01-01"}
    proxy.on(
        "POST", "/customer/new", reply(200, customer("c1", alias="Ann", litellm_budget_table=table))
    )
    created = await client.customers.create(user_id="c1", alias="Ann", max_budget=5.0)
    assert isinstance(created, Customer) and created.alias == "Ann"
    assert created.litellm_budget_table is not None
    assert created.litellm_budget_table.max_budget == 5.0
    assert proxy.calls()[-1].json() == {"user_id": "c1", "alias": "Ann", "max_budget": 5.0}

    proxy.on("GET", "/customer/info", reply(200, customer("c1", spend=None)))
    info = await client.customers.info("c1")
    assert info.user_id == "c1" and info.spend is None
    assert proxy.calls()[-1].query == {"end_user_id": "c1"}

    proxy.on("POST", "/customer/update", reply(200, customer("c1", blocked=True)))
    updated = await client.customers.update(user_id="c1", blocked=True, max_budget=9.0)
    assert updated.blocked is True
    assert proxy.calls()[-1].json() == {"user_id": "c1", "blocked": True, "max_budget": 9.0}


async def test_create_is_not_retried(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/customer/new", reply(502, {"error": {"message": "bad gateway"}}))
    with pytest.raises(InternalServerError):
        await client.customers.create(user_id="c1")
    assert len(proxy.calls()) == 1


async def test_delete_block_unblock(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "POST",
        "/customer/delete",
        reply(200, {"deleted_customers": 2, "message": "Successfully deleted"}),
    )
    deleted = await client.customers.delete(["c1", "c2"])
    assert deleted.deleted_customers == 2
    assert proxy.calls()[-1].json() == {"user_ids": ["c1", "c2"]}

    blocked_rows = [customer("c1", blocked=True), customer("c2", blocked=True)]
    proxy.on("POST", "/customer/block", reply(200, {"blocked_users": blocked_rows}))
    blocked = await client.customers.block(("c1", "c2"))
    assert [c.user_id for c in blocked.blocked_users] == ["c1", "c2"]
    assert all(isinstance(c, Customer) and c.blocked for c in blocked.blocked_users)
    assert proxy.calls()[-1].json() == {"user_ids": ["c1", "c2"]}

    proxy.on("POST", "/customer/unblock", reply(200, {"blocked_users": ["c2"]}))
    unblocked = await client.customers.unblock(["c1"])
    assert unblocked.blocked_users == ["c2"]
    assert proxy.calls()[-1].json() == {"user_ids": ["c1"]}


async def test_bad_input_is_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    for method in (client.customers.delete, client.customers.block, client.customers.unblock):
        with pytest.raises(TypeError, match="non-empty list of user_ids"):
            await method("c1")
        with pytest.raises(TypeError, match="non-empty list of user_ids"):
            await method([])
    with pytest.raises(TypeError, match="user_id"):
        await client.customers.create(alias="no id")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="user_id"):
        await client.customers.update(user_id="", alias="x")
    with pytest.raises(TypeError, match="end_user_id"):
        await client.customers.info("")
    with pytest.raises(TypeError, match="not a str"):
        await client.customers.block_many("c1")
    with pytest.raises(TypeError, match="non-empty string ids"):
        await client.customers.block_many(["c1", ""])
    with pytest.raises(ValueError, match="batch_size"):
        await client.customers.block_many(["c1"], batch_size=0)
    assert proxy.seen == []


async def test_list_walks_pages_of_a_bare_array(proxy: FakeProxy, client: LiteLLMClient) -> None:
    rows = [customer(f"c{i}") for i in range(5)]

    async def pages(request: web.Request) -> web.StreamResponse:
        page, size = int(request.query["page"]), int(request.query.get("page_size", 50))
        return web.json_response(rows[(page - 1) * size : page * size])

    proxy.on("GET", "/customer/list", pages)
    first = await client.customers.list(page_size=2, search="c")
    assert [c.user_id for c in first] == ["c0", "c1"]
    assert all(isinstance(c, Customer) for c in first)
    walked = [c.user_id async for c in client.customers.list(page_size=2, search="c")]
    assert walked == [f"c{i}" for i in range(5)]
    seen = proxy.calls("GET", "/customer/list")
    # The short third page ends the walk.
    assert [s.query["page"] for s in seen] == ["1", "1", "2", "3"]
    assert seen[0].query == {"page": "1", "page_size": "2", "search": "c"}

    # Without page_size the walk ends on the first empty page.
    proxy.seen.clear()
    assert len([c async for c in client.customers.list()]) == 5
    assert [s.query["page"] for s in proxy.calls()] == ["1", "2"]


async def test_activity_resources(proxy: FakeProxy, client: LiteLLMClient) -> None:
    day = {"date": "2025-01-01", "metrics": {"spend": 1.5}}
    body = {"results": [day], "metadata": {"total_spend": 1.5, "page": 1, "total_pages": 1}}
    proxy.on("GET", "/customer/daily/activity", reply(200, body))
    days = [
        d
        async for d in client.customers.daily_activity.list(
            end_user_ids="c1,c2", start_date=START, end_date=END
        )
    ]
    assert [d.date for d in days] == ["2025-01-01"]
    assert proxy.calls()[-1].query["end_user_ids"] == "c1,c2"

    proxy.on("GET", "/end_user/daily/activity/aggregated", reply(200, body))
    agg = await client.customers.end_user_activity.aggregated(start_date=START, end_date=END)
    assert agg.metadata.total_spend == 1.5
    assert proxy.calls()[-1].path == "/end_user/daily/activity/aggregated"
    # /end_user/daily/activity is an alias of /customer's: no list of its own.
    with pytest.raises(AttributeError, match="no days route"):
        client.customers.end_user_activity.list(start_date=START, end_date=END)


class CustomerTable:
    """The proxy's customers as /customer/new, /customer/info and /customer/block use them."""

    def __init__(self, proxy: FakeProxy) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.block_calls: list[list[str]] = []
        self.fail_block: set[str] = set()  # a batch holding one of these answers 500
        self.forget: set[str] = set()  # answered as blocked=False
        proxy.on("POST", "/customer/new", self.new)
        proxy.on("GET", "/customer/info", self.info)
        proxy.on("POST", "/customer/block", self.block)

    async def new(self, request: web.Request) -> web.StreamResponse:
        body = orjson.loads(await request.read())
        user_id = body["user_id"]
        if user_id == "refused":
            return web.json_response({"error": {"message": "bad", "code": "422"}}, status=422)
        if user_id in self.rows:
            message = f"Customer already exists, passed user_id={user_id}."
            return web.json_response({"error": {"message": message, "code": "400"}}, status=400)
        budget = {k: body.pop(k) for k in ("max_budget", "tpm_limit") if k in body}
        self.rows[user_id] = {**customer(user_id), **body, "litellm_budget_table": budget or None}
        return web.json_response(self.rows[user_id])

    async def info(self, request: web.Request) -> web.StreamResponse:
        user_id = request.query["end_user_id"]
        if user_id not in self.rows:
            message = f"End User Id={user_id} does not exist in db"
            return web.json_response({"error": {"message": message, "code": "404"}}, status=404)
        return web.json_response(self.rows[user_id])

    async def block(self, request: web.Request) -> web.StreamResponse:
        ids = orjson.loads(await request.read())["user_ids"]
        self.block_calls.append(ids)
        if self.fail_block & set(ids):
            return web.json_response({"error": {"message": "db down"}}, status=500)
        rows = [customer(i, blocked=i not in self.forget) for i in ids]
        return web.json_response({"blocked_users": rows})


async def test_create_many_is_safe_to_repeat(proxy: FakeProxy, client: LiteLLMClient) -> None:
    table = CustomerTable(proxy)
    table.rows["old"] = {
        **customer("old", alias="Old"),
        "litellm_budget_table": {"budget_id": "bx", "max_budget": 5.0},
    }
    specs: list[Any] = [
        {"user_id": "new", "alias": "New", "max_budget": 1.0},
        {"user_id": "old", "alias": "Old", "max_budget": 5},  # as stored, budget included
        {"user_id": "old", "alias": "Old", "max_budget": 7.0},  # another budget
        {"user_id": "refused"},
        {"alias": "no id"},
        {"user_id": "last"},
    ]
    result = await client.customers.create_many(specs, concurrency=2)
    assert [o.item for o in result.outcomes] == specs
    assert [o.ok for o in result.outcomes] == [True, True, False, False, False, True]
    assert result.outcomes[1].value is not None and result.outcomes[1].value.alias == "Old"
    conflict = result.outcomes[2].error
    assert isinstance(conflict, CreateConflict) and conflict.fields == ("max_budget",)
    assert "customer 'old'" in str(conflict)
    assert isinstance(result.outcomes[3].error, UnprocessableEntityError)
    assert isinstance(result.outcomes[4].error, ValueError)
    assert set(table.rows) == {"new", "old", "last"}

    # A duplicate the proxy cannot find is the create's own error.
    proxy.on("GET", "/customer/info", reply(404, {"error": {"message": "gone", "code": "404"}}))
    again = await client.customers.create_many([{"user_id": "new"}])
    assert isinstance(again.outcomes[0].error, BadRequestError)


async def test_block_many_one_outcome_per_id(proxy: FakeProxy, client: LiteLLMClient) -> None:
    table = CustomerTable(proxy)
    table.fail_block = {"c4"}
    table.forget = {"c1"}
    ids = [f"c{i}" for i in range(7)]
    result = await client.customers.block_many(ids, batch_size=3)
    # Batches of 3; a block is an upsert, so the failing batch was retried (twice).
    batches = [["c0", "c1", "c2"], ["c3", "c4", "c5"], ["c6"]]
    assert sorted(table.block_calls) == sorted([*batches, batches[1], batches[1]])
    assert [o.item for o in result.outcomes] == ids
    assert [o.index for o in result.outcomes] == list(range(7))
    assert [o.ok for o in result.outcomes] == [True, False, True, False, False, False, True]
    assert isinstance(result.outcomes[1].error, CustomerNotBlocked)
    assert all(isinstance(result.outcomes[i].error, InternalServerError) for i in (3, 4, 5))
    assert result.outcomes[6].value is not None and result.outcomes[6].value.blocked
    assert (result.succeeded_count, result.failed_count, result.ok) == (3, 4, False)

    # A job stopped early reports the ids it never sent as skipped.
    table.block_calls.clear()
    stopped = await client.customers.block_many(
        ["c3", "c4", "c5", "c6"], batch_size=1, runner=BulkRunner(concurrency=1, max_errors=1)
    )
    assert table.block_calls == [["c3"], ["c4"], ["c4"], ["c4"]]  # c5, c6 never sent
    assert [o.ok for o in stopped.outcomes] == [True, False, False, False]
    assert isinstance(stopped.outcomes[3].error, ItemSkipped)
    assert (stopped.failed_count, stopped.skipped_count) == (1, 2)


async def test_info_of_an_unknown_customer(proxy: FakeProxy, client: LiteLLMClient) -> None:
    CustomerTable(proxy)
    with pytest.raises(NotFoundError, match="does not exist"):
        await client.customers.info("nobody")
