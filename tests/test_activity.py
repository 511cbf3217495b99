"""Daily activity (``aio_litellm._activity``), through the teams' and users' groups: what each
method sends, the pagers' walks, typed results, and dates refused before any I/O."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from aiohttp import web

from aio_litellm import LiteLLMClient
from aio_litellm._activity import DailyActivity
from aio_litellm.resources.teams import ACTIVITY as TEAM_ACTIVITY
from aio_litellm.types.activity import DailySpend, KeyActivity, UserSpend

from .conftest import FakeProxy, reply

RANGE = {"start_date": "2026-01-01", "end_date": "2026-01-31"}


def day(n: int) -> dict[str, Any]:
    return {
        "date": f"2026-01-{n:02d}",
        "metrics": {"spend": n / 10, "api_requests": n},
        "breakdown": {"models": {"fake-gpt": {"metrics": {"spend": n / 10}}}},
    }


def key(n: int) -> dict[str, Any]:
    return {"api_key": f"hash{n}", "metrics": {"spend": n}, "metadata": {"key_alias": f"k{n}"}}


def days_by_page(total: int) -> Any:
    """``/daily/activity``: ``page``/``page_size``, the page count in ``metadata``."""

    async def handler(request: web.Request) -> web.StreamResponse:
        page, size = int(request.query["page"]), int(request.query.get("page_size", "10"))
        items = [day(n) for n in range(1, total + 1)][(page - 1) * size : page * size]
        pages = -(-total // size)
        return web.json_response(
            {"results": items, "metadata": {"page": page, "total_pages": pages, "total_spend": 9}}
        )

    return handler


def by_offset(field: str, total_field: str, rows: list[dict[str, Any]]) -> Any:
    """``.../aggregated/keys`` and ``/users``: ``offset``/``limit`` and a total."""

    async def handler(request: web.Request) -> web.StreamResponse:
        offset, limit = int(request.query["offset"]), int(request.query.get("limit", "50"))
        return web.json_response(
            {
                field: rows[offset : offset + limit],
                total_field: len(rows),
                "offset": offset,
                "limit": limit,
            }
        )

    return handler


async def test_days_page_by_page(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/team/daily/activity", days_by_page(5))
    activity = client.teams.daily_activity
    first = await activity.list(**RANGE, team_ids="t1,t2", page_size=2)
    assert [d.date for d in first.results] == ["2026-01-01", "2026-01-02"]
    assert first.metadata.total_pages == 3 and first.metadata.total_spend == 9
    assert proxy.calls()[0].query == {**RANGE, "team_ids": "t1,t2", "page": "1", "page_size": "2"}

    every = [d async for d in activity.list(**RANGE, page_size=2)]
    assert all(isinstance(d, DailySpend) for d in every)
    assert [d.metrics["api_requests"] for d in every] == [1, 2, 3, 4, 5]
    # The walk stops at metadata.total_pages: three requests, not a fourth empty one.
    assert [c.query["page"] for c in proxy.calls()[1:]] == ["1", "2", "3"]


async def test_aggregated_and_the_user_route(proxy: FakeProxy, client: LiteLLMClient) -> None:
    body = {"results": [day(3)], "metadata": {"total_spend": 0.3, "total_api_requests": 3}}
    proxy.on("GET", "/team/daily/activity/aggregated", reply(200, body))
    proxy.on("GET", "/user/daily/activity", reply(200, {"results": [day(4)]}))
    page = await client.teams.daily_activity.aggregated(**RANGE, timezone=-60, api_key_limit=5)
    assert page.results[0].breakdown["models"]["fake-gpt"]["metrics"]["spend"] == 0.3
    assert page.metadata.total_api_requests == 3 and page.metadata.page == 1
    assert proxy.calls()[0].query == {**RANGE, "timezone": "-60", "api_key_limit": "5"}

    days = [d async for d in client.users.daily_activity.list(**RANGE, user_id="u1")]
    assert [d.date for d in days] == ["2026-01-04"]
    assert proxy.calls()[1].path == "/user/daily/activity"
    assert proxy.calls()[1].query["user_id"] == "u1"


async def test_keys_by_offset(proxy: FakeProxy, client: LiteLLMClient) -> None:
    rows = [key(n) for n in range(5)]
    proxy.on(
        "GET", "/team/daily/activity/aggregated/keys", by_offset("api_keys", "total_api_keys", rows)
    )
    pager = client.teams.daily_activity.keys(**RANGE, limit=2)
    first = await pager
    assert first.total_api_keys == 5 and first.limit == 2
    assert isinstance(first.api_keys[0], KeyActivity) and first.api_keys[0].api_key == "hash0"
    walked = [k.api_key async for k in pager]
    assert walked == [f"hash{n}" for n in range(5)]
    assert [c.query["offset"] for c in proxy.calls()] == ["0", "0", "2", "4"]


async def test_search_and_model_top_keys(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/team/daily/activity/aggregated/search", reply(200, {"api_keys": [key(1)]}))
    top = {"model": "fake-gpt", "by_model_group": True, "api_keys": [key(2), key(3)]}
    proxy.on("GET", "/team/daily/activity/aggregated/model_top_keys", reply(200, top))
    activity = client.teams.daily_activity

    found = await activity.search("prod", **RANGE, limit=3)
    assert [k.metadata["key_alias"] for k in found.api_keys] == ["k1"]
    assert proxy.calls()[0].query == {**RANGE, "search": "prod", "limit": "3"}

    keys = await activity.model_top_keys("fake-gpt", **RANGE)
    assert keys.model == "fake-gpt" and [k.api_key for k in keys.api_keys] == ["hash2", "hash3"]
    # The proxy's own default: by model group.
    assert proxy.calls()[1].query == {**RANGE, "model_group": "fake-gpt", "by_model_group": "true"}
    await activity.model_top_keys("fake-gpt", by_model_group=False, **RANGE)
    assert proxy.calls()[2].query["by_model_group"] == "false"


async def test_export_streams_the_body(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Any
) -> None:
    csv = b"date,entity_id,spend\r\n2026-01-01,t1,0.5\r\n"
    proxy.on("GET", "/team/daily/activity/export", reply(200, csv, {"Content-Type": "text/csv"}))
    download = client.teams.daily_activity.export(**RANGE, export_type="daily_with_keys")
    assert proxy.seen == []  # nothing sent before it is awaited
    assert await download.read() == csv
    assert proxy.calls()[0].query == {**RANGE, "export_type": "daily_with_keys"}

    target = tmp_path / "usage.json"
    proxy.on("GET", "/user/daily/activity/export", reply(200, b"[]"))
    assert await client.users.daily_activity.export(**RANGE, format="json").save(target) == 2
    assert target.read_bytes() == b"[]" and proxy.calls()[1].query["format"] == "json"


async def test_users_and_cache_leakage_keys(proxy: FakeProxy, client: LiteLLMClient) -> None:
    users = [{"user_id": f"u{n}", "spend": n, "api_requests": 2 * n} for n in range(3)]
    proxy.on(
        "GET", "/user/daily/activity/aggregated/users", by_offset("users", "total_users", users)
    )
    leaks = {"api_keys": [key(7)]}
    proxy.on("GET", "/user/daily/activity/aggregated/cache_leakage_keys", reply(200, leaks))
    activity = client.users.daily_activity

    walked = [u async for u in activity.users(**RANGE, limit=2)]
    assert all(isinstance(u, UserSpend) for u in walked)
    assert [(u.user_id, u.api_requests) for u in walked] == [("u0", 0), ("u1", 2), ("u2", 4)]
    # The second page is short: the walk ends there.
    assert [c.query["offset"] for c in proxy.calls()] == ["0", "2"]

    leaking = await activity.cache_leakage_keys(**RANGE, limit=1)
    assert leaking.api_keys[0].api_key == "hash7"
    assert proxy.calls()[-1].query == {**RANGE, "limit": "1"}


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("aggregated", ()),
        ("search", ("x",)),
        ("model_top_keys", ("fake-gpt",)),
        ("cache_leakage_keys", ()),
    ],
)
async def test_a_range_is_required(
    method: str, args: tuple[str, ...], proxy: FakeProxy, client: LiteLLMClient
) -> None:
    call: Any = getattr(client.users.daily_activity, method)
    with pytest.raises(TypeError, match="start_date' and 'end_date'"):
        await call(*args)
    with pytest.raises(TypeError, match=r"missing required argument\(s\): end_date"):
        await call(*args, start_date="2026-01-01", end_date="")
    assert proxy.seen == []


async def test_pagers_and_export_check_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    activity: Any = client.users.daily_activity
    for method in ("list", "keys", "users", "export"):
        with pytest.raises(TypeError, match="start_date, end_date"):
            getattr(activity, method)(start_date="", end_date=None)  # refused at the call
    with pytest.raises(TypeError, match="search"):
        await activity.search("", **RANGE)
    with pytest.raises(TypeError, match="model_group"):
        await activity.model_top_keys("", **RANGE)
    assert proxy.seen == []


async def test_a_route_the_entity_lacks(client: LiteLLMClient) -> None:
    class NoDays(DailyActivity):
        __slots__ = ()
        routes = dataclasses.replace(TEAM_ACTIVITY, days=None)

    activity: Any = NoDays(client)
    with pytest.raises(AttributeError, match="no days route for NoDays"):
        activity.list(**RANGE)
    # Teams have no per-user page; the user-only methods are not on their class.
    assert not hasattr(client.teams.daily_activity, "users")
    assert TEAM_ACTIVITY.users is None and TEAM_ACTIVITY.cache_leakage_keys is None
