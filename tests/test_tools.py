"""``client.tools``: what each method sends, what it returns, the logs pager, refusals."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web

from aio_litellm import LiteLLMClient
from aio_litellm.types.tools import Tool, ToolDetail

from .conftest import FakeProxy, reply
from .test_memory import assert_group_declared

ROUTE_ARGS = {
    "tools.set_policy": {"tool_name": "t", "input_policy": "trusted"},
    "tools.delete_override": {"team_id": "team"},
}


def tool(name: str, **extra: Any) -> dict[str, Any]:
    return {
        "tool_id": f"id-{name}",
        "tool_name": name,
        "origin": "mcp",
        "input_policy": "untrusted",
        "output_policy": "untrusted",
        "call_count": 3,
        "user": {"user_id": "u1", "user_email": None},
        **extra,
    }


def test_every_tools_route_is_declared() -> None:
    assert_group_declared("tools", "tools")


async def test_list_options_spend(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/v1/tool/list", reply(200, {"tools": [tool("a"), tool("b")], "total": 2}))
    listed = await client.tools.list(input_policy="blocked")
    assert proxy.calls()[-1].query == {"input_policy": "blocked"}
    assert [t.tool_name for t in listed.tools] == ["a", "b"] and listed.total == 2
    assert listed.tools[0].user is not None and listed.tools[0].user.user_id == "u1"

    option = {"value": "trusted", "label": "Trusted", "description": "d"}
    proxy.on(
        "GET",
        "/v1/tool/policy/options",
        reply(200, {"input_policies": [option], "output_policies": [option]}),
    )
    options = await client.tools.policy_options()
    assert options.input_policies[0].value == "trusted"

    spend = {
        "by_tool": [{"tool_name": "a", "spend": 1.5, "call_count": 2, "total_tokens": 9}],
        "daily": [{"date": "2026-01-02", "tool_name": "a", "spend": 1.5, "call_count": 2}],
        "start_date": "2026-01-01",
        "end_date": "2026-01-31",
    }
    proxy.on("GET", "/v1/tool/spend", reply(200, spend))
    got = await client.tools.spend(start_date="2026-01-01", end_date="2026-01-31")
    assert proxy.calls()[-1].query == {"start_date": "2026-01-01", "end_date": "2026-01-31"}
    assert got.by_tool[0].spend == 1.5 and got.daily[0].date == "2026-01-02"


async def test_policy_retrieve_detail(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "POST",
        "/v1/tool/policy",
        reply(200, {"tool_name": "a", "input_policy": "blocked", "updated": True, "team_id": "t"}),
    )
    done = await client.tools.set_policy(tool_name="a", input_policy="blocked", team_id="t")
    assert proxy.calls()[-1].json() == {"tool_name": "a", "input_policy": "blocked", "team_id": "t"}
    assert done.updated is True and done.team_id == "t"

    proxy.on("GET", "/v1/tool/srv/do it", reply(200, tool("srv/do it")))
    got = await client.tools.retrieve("srv/do it")
    assert isinstance(got, Tool) and got.tool_name == "srv/do it"
    assert proxy.calls()[-1].raw_path == "/v1/tool/srv%2Fdo%20it"

    override = {"override_id": "o1", "tool_name": "a", "team_id": "t", "input_policy": "blocked"}
    proxy.on("GET", "/v1/tool/a/detail", reply(200, {"tool": tool("a"), "overrides": [override]}))
    detail = await client.tools.detail("a")
    assert isinstance(detail, ToolDetail) and detail.tool is not None
    assert detail.overrides[0].override_id == "o1"


async def test_delete_override(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("DELETE", "/v1/tool/a/overrides", reply(200, {"deleted": True, "tool_name": "a"}))
    gone = await client.tools.delete_override("a", key_hash="h")
    assert proxy.calls()[-1].query == {"key_hash": "h"} and gone.deleted is True
    await client.tools.delete_override("a", team_id="t")
    assert proxy.calls()[-1].query == {"team_id": "t"}

    with pytest.raises(TypeError, match="exactly one"):
        await client.tools.delete_override("a")
    with pytest.raises(TypeError, match="exactly one"):
        await client.tools.delete_override("a", team_id="t", key_hash="h")
    with pytest.raises(TypeError, match="tool_name"):
        await client.tools.set_policy(input_policy="trusted")  # type: ignore[call-arg]
    assert len(proxy.seen) == 2


async def test_logs_walk_pages(proxy: FakeProxy, client: LiteLLMClient) -> None:
    logs = [{"id": f"r{i}", "timestamp": "2026-01-01T00:00:00", "spend": 0.1} for i in range(3)]

    async def pages(request: web.Request) -> web.StreamResponse:
        page, size = int(request.query["page"]), int(request.query["page_size"])
        chunk = logs[(page - 1) * size : page * size]
        body = {"logs": chunk, "total": len(logs), "page": page, "page_size": size}
        return web.json_response(body)

    proxy.on("GET", "/v1/tool/a/logs", pages)
    ids = [entry.id async for entry in client.tools.logs("a", page_size=2, start_date="2026-01-01")]
    assert ids == ["r0", "r1", "r2"]
    assert proxy.calls()[0].query == {"page": "1", "page_size": "2", "start_date": "2026-01-01"}
    assert len(proxy.calls()) == 2  # the short second page ends the walk
    first = await client.tools.logs("a", page_size=2)
    assert first.total == 3 and first.page == 1
