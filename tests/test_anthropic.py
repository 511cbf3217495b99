"""client.anthropic.messages (create, stream of typed events, count_tokens) and
client.anthropic.skills (list pager, multipart create, retrieve, delete): what each sends and
returns."""

from __future__ import annotations

import email.parser
import email.policy
from pathlib import Path
from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import InternalServerError, LiteLLMClient, RateLimitError
from aio_litellm._routes import all_endpoints
from aio_litellm.types import anthropic as at

from .conftest import FakeProxy, FakeSleep, reply, sse

INVENTORY = Path(__file__).resolve().parent / "data" / "litellm-endpoints.tsv"

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "anthropic.messages.create": {
        "model": "m",
        "max_tokens": 1,
        "messages": [{"role": "user", "content": "x"}],
    },
    "anthropic.messages.count_tokens": {
        "model": "m",
        "messages": [{"role": "user", "content": "x"}],
    },
    "anthropic.skills.create": {"file": b"zip"},
}

USER: list[at.MessageParam] = [{"role": "user", "content": "Hi"}]

MESSAGE = {
    "id": "msg_1",
    "type": "message",
    "role": "assistant",
    "model": "fake-gpt",
    "content": [
        {"type": "thinking", "thinking": "hmm", "signature": "sig"},
        {"type": "text", "text": "Hello"},
        {"type": "tool_use", "id": "toolu_1", "name": "lookup", "input": {"q": 1}},
        {"type": "text", "text": " world"},
        {"type": "brand_new_block", "payload": 7},
    ],
    "stop_reason": "tool_use",
    "stop_sequence": None,
    "usage": {"input_tokens": 5, "output_tokens": 2},
}


def test_every_inventory_row_of_the_group_is_declared() -> None:
    lines = INVENTORY.read_text(encoding="utf-8").splitlines()
    rows = {
        (cols[1], cols[2])
        for cols in (line.split("\t") for line in lines[1:])
        if cols[0].startswith("anthropic.")
    }
    declared = {(ep.method, ep.path) for ep in all_endpoints() if ep.attr.startswith("anthropic.")}
    assert len(rows) == 6
    assert rows <= declared


# -- messages -----------------------------------------------------------------------------------


async def test_create_sends_the_body_and_headers_and_types_the_message(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    proxy.on("POST", "/v1/messages", reply(200, MESSAGE))
    out = await client.anthropic.messages.create(
        model="fake-gpt", max_tokens=50, messages=USER, system="be brief", temperature=0.5
    )
    seen = proxy.calls()[0]
    assert seen.json() == {
        "model": "fake-gpt",
        "max_tokens": 50,
        "messages": USER,
        "system": "be brief",
        "temperature": 0.5,
    }
    assert seen.headers["anthropic-version"] == "2023-06-01"
    assert "anthropic-beta" not in seen.headers
    assert isinstance(out, at.Message)
    thinking, text, tool, _, unknown = out.content
    assert isinstance(thinking, at.ThinkingBlock) and thinking.signature == "sig"
    assert isinstance(text, at.TextBlock) and text.text == "Hello"
    assert isinstance(tool, at.ToolUseBlock) and tool.input == {"q": 1}
    assert isinstance(unknown, at.UnknownContentBlock)
    assert unknown.type == "brand_new_block" and unknown.model_extra == {"payload": 7}
    assert out.text == "Hello world" and out.stop_reason == "tool_use"
    assert out.usage is not None and out.usage.input_tokens == 5


async def test_create_header_overrides_and_no_retry(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    proxy.on("POST", "/v1/messages", reply(500, {"error": "boom"}), reply(200, MESSAGE))
    with pytest.raises(InternalServerError):
        await client.anthropic.messages.create(
            model="m",
            max_tokens=1,
            messages=USER,
            anthropic_version="2099-01-01",
            anthropic_beta=["a-1", "b-2"],
        )
    seen = proxy.calls()
    assert len(seen) == 1 and sleep.waits == []  # a model call is never sent twice
    assert seen[0].headers["anthropic-version"] == "2099-01-01"
    assert seen[0].headers["anthropic-beta"] == "a-1,b-2"
    assert "anthropic_version" not in seen[0].json() and "anthropic_beta" not in seen[0].json()


@pytest.mark.parametrize("missing", ["model", "max_tokens", "messages"])
async def test_create_refuses_missing_arguments_before_io(
    proxy: FakeProxy, client: LiteLLMClient, missing: str
) -> None:
    args: dict[str, Any] = {"model": "m", "max_tokens": 5, "messages": USER}
    del args[missing]
    with pytest.raises(TypeError, match=missing):
        await client.anthropic.messages.create(**args)
    assert proxy.seen == []


def event(body: dict[str, Any]) -> bytes:
    """One Anthropic SSE event: an ``event:`` line naming the type, then ``data:``."""
    return b"event: " + str(body["type"]).encode() + b"\ndata: " + orjson.dumps(body) + b"\n\n"


STREAM: list[dict[str, Any]] = [
    {"type": "message_start", "message": {**MESSAGE, "content": [], "stop_reason": None}},
    {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
    {"type": "ping"},
    {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "He"}},
    {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "y"}},
    {"type": "content_block_delta", "index": 0, "delta": {"type": "citations_delta", "c": 1}},
    {"type": "content_block_stop", "index": 0},
    {
        "type": "content_block_start",
        "index": 1,
        "content_block": {"type": "tool_use", "id": "t", "name": "f", "input": {}},
    },
    {
        "type": "content_block_delta",
        "index": 1,
        "delta": {"type": "input_json_delta", "partial_json": '{"a"'},
    },
    {"type": "content_block_stop", "index": 1},
    {"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": 3}},
    {"type": "future_event", "x": 1},
    {"type": "message_stop"},
]


async def test_stream_yields_typed_events_and_ends_at_the_end_of_the_body(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/v1/messages", sse(*map(event, STREAM), done=False))
    stream = await client.anthropic.messages.create(
        model="m", max_tokens=5, messages=USER, stream=True
    )
    events = [e async for e in stream]
    assert proxy.calls()[0].json()["stream"] is True
    assert proxy.calls()[0].headers["anthropic-version"] == "2023-06-01"
    assert [e.type for e in events] == [e["type"] for e in STREAM]
    start = events[0]
    assert isinstance(start, at.MessageStartEvent) and start.message.id == "msg_1"
    block = events[1]
    assert isinstance(block, at.ContentBlockStartEvent)
    assert isinstance(block.content_block, at.TextBlock)
    assert isinstance(events[2], at.PingEvent)
    text = "".join(
        e.delta.text
        for e in events
        if isinstance(e, at.ContentBlockDeltaEvent) and isinstance(e.delta, at.TextDelta)
    )
    assert text == "Hey"
    unknown_delta = events[5]
    assert isinstance(unknown_delta, at.ContentBlockDeltaEvent)
    assert isinstance(unknown_delta.delta, at.UnknownDelta)
    assert unknown_delta.delta.type == "citations_delta"
    json_delta = events[8]
    assert isinstance(json_delta, at.ContentBlockDeltaEvent)
    assert isinstance(json_delta.delta, at.InputJSONDelta)
    assert json_delta.delta.partial_json == '{"a"'
    assert isinstance(events[6], at.ContentBlockStopEvent) and events[6].index == 0
    delta = events[10]
    assert isinstance(delta, at.MessageDeltaEvent) and delta.delta.stop_reason == "end_turn"
    assert delta.usage is not None and delta.usage.output_tokens == 3
    assert isinstance(events[11], at.UnknownMessageStreamEvent)
    assert events[11].model_extra == {"x": 1}
    assert isinstance(events[12], at.MessageStopEvent)


async def test_stream_error_event_raises_the_typed_error_after_the_events_before_it(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    error = {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
    proxy.on("POST", "/v1/messages", sse(*map(event, [*STREAM[:4], error]), done=False))
    stream = await client.anthropic.messages.create(
        model="m", max_tokens=5, messages=USER, stream=True
    )
    seen: list[str] = []
    with pytest.raises(InternalServerError, match="Overloaded"):
        async for e in stream:
            seen.append(e.type)
    assert seen == [e["type"] for e in STREAM[:4]]


async def test_stream_error_event_with_a_status_code_maps_to_its_class(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    error = {"type": "error", "error": {"type": "rate_limit_error", "message": "slow", "code": 429}}
    proxy.on("POST", "/v1/messages", sse(event(error), done=False))
    stream = await client.anthropic.messages.create(
        model="m", max_tokens=5, messages=USER, stream=True
    )
    with pytest.raises(RateLimitError):
        async for _ in stream:
            pass


async def test_count_tokens(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/v1/messages/count_tokens", reply(200, {"input_tokens": 12}))
    out = await client.anthropic.messages.count_tokens(
        model="m", messages=USER, tools=[{"name": "f"}], anthropic_beta="token-counting"
    )
    seen = proxy.calls()[0]
    assert seen.json() == {"model": "m", "messages": USER, "tools": [{"name": "f"}]}
    assert seen.headers["anthropic-beta"] == "token-counting"
    assert seen.headers["anthropic-version"] == "2023-06-01"
    assert isinstance(out, at.MessageTokensCount) and out.input_tokens == 12
    with pytest.raises(TypeError, match="messages"):
        await client.anthropic.messages.count_tokens(model="m", messages=[])
    assert len(proxy.seen) == 1


# -- skills -------------------------------------------------------------------------------------


def skill(n: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"skill_{n}",
        "type": "skill",
        "display_title": f"Skill {n}",
        "source": "custom",
        "created_at": "2025-10-02T00:00:00Z",
        "updated_at": "2025-10-02T00:00:00Z",
        **extra,
    }


def skill_pages(total: int) -> Any:
    """A /v1/skills that pages by ``page`` token in the JSON body (as LiteLLM reads it)."""

    async def handler(request: web.Request) -> web.Response:
        body = orjson.loads(await request.read() or b"{}")
        size = int(body.get("limit", 2))
        start = int(body.get("page", "p0")[1:])
        end = start + size
        page = {
            "data": [skill(i) for i in range(start, min(end, total))],
            "has_more": end < total,
            "next_page": f"p{end}" if end < total else None,
        }
        return web.json_response(page)

    return handler


async def test_skill_list_walks_pages_by_token(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/v1/skills", skill_pages(5))
    pager = client.anthropic.skills.list(limit=2, source="custom")
    first = await pager
    assert isinstance(first, at.SkillList) and [s.id for s in first.data] == ["skill_0", "skill_1"]
    assert first.has_more and first.next_page == "p2"
    ids = [s.id async for s in client.anthropic.skills.list(limit=2, source="custom")]
    assert ids == [f"skill_{i}" for i in range(5)]
    calls = proxy.calls("GET", "/v1/skills")
    assert [c.query.get("page") for c in calls[1:]] == [None, "p2", "p4"]
    assert calls[-1].json() == {"limit": 2, "source": "custom", "page": "p4"}
    assert all(c.headers["anthropic-beta"] == "skills-2025-10-02" for c in calls)


async def test_skill_list_stops_when_the_token_is_ignored(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    same = {"data": [skill(0)], "has_more": True, "next_page": "p1"}
    proxy.on("GET", "/v1/skills", reply(200, same), reply(200, same), reply(200, same))
    ids = [s.id async for s in client.anthropic.skills.list()]
    assert ids == ["skill_0", "skill_0"]
    assert len(proxy.calls()) == 2


def parts(seen_body: bytes, content_type: str) -> dict[str, tuple[str | None, Any]]:
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + seen_body)
    return {
        str(p.get_param("name", header="content-disposition")): (
            p.get_filename(),
            p.get_payload(decode=True),
        )
        for p in message.iter_parts()
    }


async def test_skill_create_is_multipart_with_the_beta_header(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    proxy.on("POST", "/v1/skills", reply(200, skill(1, latest_version="v1")))
    out = await client.anthropic.skills.create(
        ("my-skill.zip", b"PK\x03\x04", "application/zip"), display_title="My skill"
    )
    seen = proxy.calls()[0]
    assert seen.content_type == "multipart/form-data"
    assert seen.headers["anthropic-beta"] == "skills-2025-10-02"
    assert parts(seen.body, seen.headers["Content-Type"]) == {
        "display_title": (None, b"My skill"),
        "files[]": ("my-skill.zip", b"PK\x03\x04"),
    }
    assert isinstance(out, at.Skill) and out.id == "skill_1" and out.latest_version == "v1"
    with pytest.raises(TypeError, match="file"):
        await client.anthropic.skills.create(None)  # type: ignore[arg-type]
    assert len(proxy.seen) == 1


async def test_skill_retrieve_and_delete(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/v1/skills/skill 1", reply(200, skill(1)))
    proxy.on("DELETE", "/v1/skills/skill 1", reply(200, {"id": "skill 1", "type": "skill_deleted"}))
    got = await client.anthropic.skills.retrieve("skill 1", model="claude-acct")
    assert isinstance(got, at.Skill) and got.display_title == "Skill 1"
    gone = await client.anthropic.skills.delete("skill 1")
    assert isinstance(gone, at.SkillDeleted) and gone.id == "skill 1"
    get, delete = proxy.calls()
    assert get.raw_path == "/v1/skills/skill%201?model=claude-acct"
    assert delete.raw_path == "/v1/skills/skill%201"
    assert get.headers["anthropic-beta"] == delete.headers["anthropic-beta"] == "skills-2025-10-02"
    with pytest.raises(ValueError, match="empty"):
        await client.anthropic.skills.retrieve("")
    assert len(proxy.seen) == 2


async def test_skill_list_of_the_proxy_registry_is_one_page(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    # litellm_proxy says has_more when the page is full, but gives no token to go on with.
    full = {"data": [skill(0), skill(1)], "has_more": True, "next_page": None}
    proxy.on("GET", "/v1/skills", reply(200, full))
    pager = client.anthropic.skills.list(custom_llm_provider="litellm_proxy", limit=2)
    assert [s.id async for s in pager] == ["skill_0", "skill_1"]
    (seen,) = proxy.calls()
    assert seen.query == {"custom_llm_provider": "litellm_proxy", "limit": "2"}


def test_parse_message_stream_event_types_one_event() -> None:
    out = at.parse_message_stream_event(b'{"type": "content_block_stop", "index": 2}')
    assert isinstance(out, at.ContentBlockStopEvent) and out.index == 2
    with pytest.raises(ValueError, match="type"):
        at.parse_message_stream_event(b'{"no_type": 1}')
