"""``client.audit``: the filtered, paged list and one entry."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import LiteLLMClient, NotFoundError
from aio_litellm.types.audit import AuditLog

from .conftest import FakeProxy, reply


def entry(i: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"log-{i}",
        "updated_at": "2026-11-27T13:00:00Z",
        "changed_by": "admin",
        "changed_by_api_key": "hash",
        "action": "updated",
        "table_name": "LiteLLM_VerificationToken",
        "object_id": f"tok-{i}",
        "before_value": {"max_budget": 1},
        "updated_values": {"max_budget": 2},
        **extra,
    }


async def test_list_filters_and_walks_pages(proxy: FakeProxy, client: LiteLLMClient) -> None:
    rows = [entry(i) for i in range(5)]

    async def pages(request: web.Request) -> web.StreamResponse:
        page, size = int(request.query["page"]), int(request.query.get("page_size", 10))
        body = {
            "audit_logs": rows[(page - 1) * size : page * size],
            "total": len(rows),
            "page": page,
            "page_size": size,
            "total_pages": -(-len(rows) // size),
        }
        return web.Response(body=orjson.dumps(body), content_type="application/json")

    proxy.on("GET", "/audit", pages)
    logs = client.audit.list(page_size=2, table_name="LiteLLM_VerificationToken", sort_order="asc")
    ids = [log.id async for log in logs]
    assert ids == [f"log-{i}" for i in range(5)]
    assert [s.query for s in proxy.seen] == [
        {
            "page": str(p),
            "page_size": "2",
            "table_name": "LiteLLM_VerificationToken",
            "sort_order": "asc",
        }
        for p in (1, 2, 3)
    ]
    first = await client.audit.list(page_size=2, object_team_id=None)
    assert (first.total, first.page, first.page_size, first.total_pages) == (5, 1, 2, 3)
    assert isinstance(first.audit_logs[0], AuditLog)
    assert first.audit_logs[0].updated_values == {"max_budget": 2}
    assert proxy.seen[-1].query == {"page": "1", "page_size": "2"}  # None filters are not sent


async def test_an_empty_log_is_one_request(proxy: FakeProxy, client: LiteLLMClient) -> None:
    empty = {"audit_logs": [], "total": 0, "page": 1, "page_size": 10, "total_pages": 0}
    proxy.on("GET", "/audit", reply(200, empty))
    assert [log async for log in client.audit.list()] == []
    assert len(proxy.seen) == 1


async def test_retrieve(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/audit/log 1", reply(200, entry(1, before_value=None)))
    got = await client.audit.retrieve("log 1")
    assert (got.id, got.action, got.object_id, got.before_value) == (
        "log-1",
        "updated",
        "tok-1",
        None,
    )
    assert proxy.seen[0].raw_path == "/audit/log%201"
    proxy.on("GET", "/audit/nope", reply(404, {"detail": {"message": "Audit log with ID nope"}}))
    with pytest.raises(NotFoundError, match="Audit log with ID nope"):
        await client.audit.retrieve("nope")
    with pytest.raises(ValueError, match="empty"):
        await client.audit.retrieve("")
    assert len(proxy.seen) == 2
