"""``client.tags``: what each method sends, what it returns, pagers, analytics, refusals."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web

from aio_litellm import InternalServerError, LiteLLMClient
from aio_litellm.types.tags import PerUserAnalyticsPage, Tag, TagResponse

from .conftest import FakeProxy, reply

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "tags.create": {"name": "v1"},
    "tags.update": {"name": "v1"},
    "tags.info": {"names": ["v1"]},
    "tags.summary": {"start_date": "2025-01-01", "end_date": "2025-01-31"},
}


def tag(name: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "description": f"about {name}",
        "models": ["fake-gpt"],
        "model_info": {"id-1": "fake-gpt"},
        "created_at": "2025-01-01T00:00:00",
        "updated_at": "2025-01-01T00:00:00",
        "created_by": "admin",
        **extra,
    }


async def test_create_update_delete(proxy: FakeProxy, client: LiteLLMClient) -> None:
    answer = {"message": "Tag t1 created successfully", "tag": tag("t1")}
    proxy.on("POST", "/tag/new", reply(200, answer))
    created = await client.tags.create(
        name="t1", description="about t1", models=["fake-gpt"], max_budget=2.0
    )
    assert isinstance(created, TagResponse) and isinstance(created.tag, Tag)
    assert (created.tag.name, created.tag.description) == ("t1", "about t1")
    assert proxy.calls()[-1].json() == {
        "name": "t1",
        "description": "about t1",
        "models": ["fake-gpt"],
        "max_budget": 2.0,
    }

    proxy.on("POST", "/tag/new", reply(500, {"detail": "400: Tag t1 already exists"}))
    with pytest.raises(InternalServerError, match="already exists"):
        await client.tags.create(name="t1")
    assert len(proxy.calls("POST", "/tag/new")) == 2  # a create is not resent

    proxy.on("POST", "/tag/update", reply(200, {"message": "updated", "tag": tag("t1")}))
    updated = await client.tags.update(name="t1", description="new", spend=0.0)
    assert updated.message == "updated"
    assert proxy.calls()[-1].json() == {"name": "t1", "description": "new", "spend": 0.0}

    proxy.on("POST", "/tag/delete", reply(200, {"message": "Tag t1 deleted successfully"}))
    deleted = await client.tags.delete("t1")
    assert deleted.message == "Tag t1 deleted successfully"
    assert proxy.calls()[-1].json() == {"name": "t1"}


async def test_info_and_list(proxy: FakeProxy, client: LiteLLMClient) -> None:
    budget = {"budget_id": "b1", "max_budget": 2.0}
    proxy.on("POST", "/tag/info", reply(200, {"t1": tag("t1", litellm_budget_table=budget)}))
    info = await client.tags.info(["t1"])
    assert isinstance(info["t1"], Tag)
    assert info["t1"].litellm_budget_table is not None
    assert info["t1"].litellm_budget_table.max_budget == 2.0
    assert proxy.calls()[-1].json() == {"names": ["t1"]}

    dynamic = {"name": "seen", "description": "spend tag", "models": None, "created_at": "x"}
    proxy.on("GET", "/tag/list", reply(200, [tag("t1"), dynamic]))
    listed = [t async for t in client.tags.list(start_date="2025-01-01", end_date="2025-01-31")]
    assert [t.name for t in listed] == ["t1", "seen"]
    assert listed[1].models is None
    assert proxy.calls()[-1].query == {"start_date": "2025-01-01", "end_date": "2025-01-31"}
    assert len(proxy.calls("GET", "/tag/list")) == 1
    assert [t.name for t in await client.tags.list()] == ["t1", "seen"]


async def test_analytics(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/tag/distinct", reply(200, {"results": [{"tag": "User-Agent: curl"}]}))
    assert (await client.tags.distinct()).results[0].tag == "User-Agent: curl"

    summary = {
        "tag": "t1",
        "unique_users": 2,
        "total_requests": 5,
        "successful_requests": 4,
        "failed_requests": 1,
        "total_tokens": 50,
        "total_spend": 0.25,
    }
    proxy.on("GET", "/tag/summary", reply(200, {"results": [summary]}))
    got = await client.tags.summary(
        start_date="2025-01-01", end_date="2025-01-31", tag_filters=["t1", "t2"]
    )
    assert got.results[0].total_spend == 0.25 and got.results[0].failed_requests == 1
    assert proxy.calls()[-1].raw_path.split("?")[1] == (
        "start_date=2025-01-01&end_date=2025-01-31&tag_filters=t1&tag_filters=t2"
    )

    active = {"tag": "t1", "active_users": 3, "date": "2025-01-01"}
    for route, method in (
        ("/tag/dau", client.tags.dau),
        ("/tag/wau", client.tags.wau),
        ("/tag/mau", client.tags.mau),
    ):
        proxy.on("GET", route, reply(200, {"results": [active]}))
        users = await method(tag_filter="t1")
        assert users.results[0].active_users == 3
        assert (proxy.calls()[-1].path, proxy.calls()[-1].query) == (route, {"tag_filter": "t1"})


async def test_user_agent_analytics_pages(proxy: FakeProxy, client: LiteLLMClient) -> None:
    users = [{"user_id": f"u{i}", "spend": i} for i in range(5)]

    async def pages(request: web.Request) -> web.StreamResponse:
        page, size = int(request.query["page"]), int(request.query["page_size"])
        body = {
            "results": users[(page - 1) * size : page * size],
            "total_count": 5,
            "page": page,
            "page_size": size,
            "total_pages": 3,
        }
        return web.json_response(body)

    proxy.on("GET", "/tag/user-agent/per-user-analytics", pages)
    pager = client.tags.user_agent_analytics(page_size=2, tag_filter="t1")
    first = await pager
    assert isinstance(first, PerUserAnalyticsPage) and first.total_pages == 3
    assert [u.user_id async for u in pager] == [f"u{i}" for i in range(5)]
    assert [s.query["page"] for s in proxy.calls()] == ["1", "1", "2", "3"]


async def test_daily_activity_and_export(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/tag/daily/activity/export", reply(200, b"date,spend\n2025-01-01,1\n"))
    download = await client.tags.daily_activity.export(
        tags="t1", format="csv", start_date="2025-01-01", end_date="2025-01-31"
    )
    assert await download.read() == b"date,spend\n2025-01-01,1\n"
    assert proxy.calls()[-1].query == {
        "tags": "t1",
        "format": "csv",
        "start_date": "2025-01-01",
        "end_date": "2025-01-31",
    }


async def test_bad_input_is_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="non-empty list of names"):
        await client.tags.info("t1")
    with pytest.raises(TypeError, match="name"):
        await client.tags.create(name="")
    with pytest.raises(TypeError, match="name"):
        await client.tags.update(name="")
    with pytest.raises(TypeError, match="name"):
        await client.tags.delete("")
    with pytest.raises(TypeError, match="end_date"):
        await client.tags.summary(start_date="2025-01-01")  # type: ignore[call-arg]
    assert proxy.seen == []
