"""``client.traces``: trace reads and their pager, OTLP ingest (JSON or raw bytes), Lens."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web

from aio_litellm import APIStatusError, LiteLLMClient
from aio_litellm.types.traces import Trace

from .conftest import FakeProxy, reply
from .test_memory import assert_group_declared

ROUTE_ARGS = {
    "traces.query": {"sql": "select 1"},
    "traces.ingest": {"json": {"resourceSpans": []}},
    "traces.ingest_logs": {"content": b"\x0a\x00"},
}


def summary(trace_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "trace_id": trace_id,
        "trace_ref": f"ref-{trace_id}",
        "name": "run",
        "status": "ok",
        "span_count": 2,
        "spend": None,
        "models": ["m"],
        **extra,
    }


def test_every_traces_route_is_declared() -> None:
    assert_group_declared("traces", "traces")


async def test_list_walks_cursor(proxy: FakeProxy, client: LiteLLMClient) -> None:
    async def pages(request: web.Request) -> web.StreamResponse:
        if request.query.get("cursor") == "c2":
            return web.json_response({"data": [summary("t3")], "next_cursor": None})
        return web.json_response({"data": [summary("t1"), summary("t2")], "next_cursor": "c2"})

    proxy.on("GET", "/v1/traces", pages)
    ids = [t.trace_id async for t in client.traces.list(start_ms=1, end_ms=2)]
    assert ids == ["t1", "t2", "t3"]
    assert [c.query for c in proxy.calls()] == [
        {"start_ms": "1", "end_ms": "2"},
        {"start_ms": "1", "end_ms": "2", "cursor": "c2"},
    ]


async def test_reads(proxy: FakeProxy, client: LiteLLMClient) -> None:
    agents = {"agents": [{"name": "a", "runs": 3, "failed_runs": 1, "last_seen": "2026"}]}
    proxy.on("GET", "/v1/traces/agents", reply(200, agents))
    got_agents = await client.traces.agents(start_ms=5)
    assert got_agents.agents[0].failed_runs == 1
    assert proxy.calls()[-1].query == {"start_ms": "5"}

    trace = {
        "summary": summary("t1"),
        "agents": [{"name": "a", "parent_agent": None, "invocations": 1}],
        "spans": [{"span_id": "s1", "name": "llm", "type": "llm", "status": "ok"}],
        "next_cursor": "n",
    }
    proxy.on("GET", "/v1/traces/t1", reply(200, trace))
    got = await client.traces.retrieve("t1", trace_ref="ref-t1", page_size=10)
    assert isinstance(got, Trace) and got.spans[0].span_id == "s1" and got.next_cursor == "n"
    assert proxy.calls()[-1].query == {"trace_ref": "ref-t1", "page_size": "10"}

    span = {"span_id": "s1", "input": "i", "output": "o", "attributes": {"k": "v"}}
    proxy.on("GET", "/v1/traces/t1/spans/s1", reply(200, span))
    detail = await client.traces.retrieve_span("t1", "s1")
    assert detail.attributes == {"k": "v"} and detail.output == "o"

    error = {"span_id": "s1", "message": "boom", "total_chars": 4, "next_cursor": None}
    proxy.on("GET", "/v1/traces/t1/spans/s1/error", reply(200, error))
    page = await client.traces.span_error("t1", "s1", cursor="c")
    assert page.message == "boom" and proxy.calls()[-1].query == {"cursor": "c"}

    proxy.on("POST", "/v1/traces/query", reply(200, {"data": [{"n": 1}]}))
    rows = await client.traces.query("select 1 as n")
    assert proxy.calls()[-1].json() == {"sql": "select 1 as n"} and rows.data == [{"n": 1}]

    proxy.on("GET", "/v1/traces/query/help", reply(200, {"dialect": "sqlite", "gotchas": ["g"]}))
    help_ = await client.traces.query_help()
    assert help_.dialect == "sqlite" and help_.gotchas == ["g"]


async def test_ingest_json_or_bytes(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/v1/traces", reply(200, {"partialSuccess": {}}))
    answer = await client.traces.ingest({"resourceSpans": []})
    seen = proxy.calls()[-1]
    assert seen.json() == {"resourceSpans": []} and seen.content_type == "application/json"
    assert answer == b'{"partialSuccess":{}}'

    proxy.on("POST", "/v1/logs", reply(200, b"\x00", {"Content-Type": "application/x-protobuf"}))
    assert await client.traces.ingest_logs(content=b"\x0a\x01") == b"\x00"
    seen = proxy.calls()[-1]
    assert seen.body == b"\x0a\x01" and seen.content_type == "application/x-protobuf"
    await client.traces.ingest_logs(content=bytearray(b"{}"), content_type="application/json")
    assert proxy.calls()[-1].content_type == "application/json"

    # This proxy version refuses every export with 410: the typed error, sent once.
    proxy.on("POST", "/v1/traces", reply(410, {"detail": "Send traces to Lens"}))
    with pytest.raises(APIStatusError) as gone:
        await client.traces.ingest(content=b"x")
    assert gone.value.status_code == 410


async def test_lens(proxy: FakeProxy, client: LiteLLMClient) -> None:
    service = {"url": "", "connected": False, "configured": False, "status": {"release": ""}}
    proxy.on("GET", "/lens/service", reply(200, service))
    got = await client.traces.lens.service()
    assert got.connected is False and got.status is not None

    for verb in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        proxy.on(verb, "/lens", reply(200, [{"verb": verb}]))
    assert await client.traces.lens.get("/v1/projects/", query={"q": "x"}) == [{"verb": "GET"}]
    assert proxy.calls()[-1].query == {"q": "x", "path": "v1/projects"}
    assert await client.traces.lens.post("v1/p", json={"a": 1}) == [{"verb": "POST"}]
    assert proxy.calls()[-1].json() == {"a": 1}
    assert await client.traces.lens.put("v1/p", json={"a": 2}) == [{"verb": "PUT"}]
    assert await client.traces.lens.patch(json={"a": 3}) == [{"verb": "PATCH"}]
    assert proxy.calls()[-1].query == {"path": ""}
    assert await client.traces.lens.delete("v1/p") == [{"verb": "DELETE"}]
    assert proxy.calls()[-1].body == b""


async def test_bad_input_is_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    traces = client.traces
    with pytest.raises(TypeError, match="sql"):
        await traces.query("")
    with pytest.raises(TypeError, match="json or content"):
        await traces.ingest()
    with pytest.raises(TypeError, match="json or content"):
        await traces.ingest({"resourceSpans": []}, content=b"x")
    with pytest.raises(TypeError, match="must be bytes"):
        await traces.ingest_logs(content="text")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a str"):
        await traces.lens.get(1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not in query"):
        await traces.lens.get("a", query={"path": "b"})
    with pytest.raises(ValueError, match="empty"):
        await traces.retrieve("")
    assert proxy.seen == []
