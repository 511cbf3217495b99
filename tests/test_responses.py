"""client.responses (create, stream of typed events, retrieve, delete, cancel, compact, input
items, input tokens) and client.chat.completions.queue: what each sends and returns."""

from __future__ import annotations

import typing
from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import InternalServerError, LiteLLMClient
from aio_litellm.types import responses as rt
from aio_litellm.types.chat import (
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionMessageParam,
)

from .conftest import FakeProxy, FakeSleep, chunk, reply, sse

RID = "resp_bGl0ZWxsbTpjdXN0b21fbGxtX3Byb3ZpZGVyOm9wZW5haTttb2RlbF9pZDpmYWtl/+=="

RESPONSE = {
    "id": RID,
    "object": "response",
    "created_at": 1741476542,
    "status": "completed",
    "model": "fake-gpt",
    "output": [
        {
            "type": "reasoning",
            "id": "rs_1",
            "summary": [{"type": "summary_text", "text": "thinking"}],
        },
        {
            "type": "message",
            "id": "msg_1",
            "status": "completed",
            "role": "assistant",
            "content": [
                {"type": "output_text", "text": "Hello", "annotations": []},
                {"type": "refusal", "refusal": "no"},
                {"type": "output_text", "text": " world", "annotations": []},
            ],
        },
        {
            "type": "function_call",
            "id": "fc_1",
            "call_id": "call_1",
            "name": "lookup",
            "arguments": '{"q": 1}',
        },
    ],
    "usage": {"input_tokens": 5, "output_tokens": 2, "total_tokens": 7},
    "parallel_tool_calls": True,
    "tools": [],
    "brand_new_field": {"kept": True},
}


def sse_event(body: dict[str, Any]) -> bytes:
    """One Responses SSE event as the proxy frames it: an ``event:`` line, then ``data:``."""
    kind: str = body["type"]
    return b"event: " + kind.encode() + b"\ndata: " + orjson.dumps(body) + b"\n\n"


# -- create -------------------------------------------------------------------------------------


async def test_create_sends_the_body_and_types_the_response(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/responses", reply(200, RESPONSE, {"x-litellm-call-id": "call-9"}))
    out = await client.responses.create(
        model="fake-gpt",
        input=[{"role": "user", "content": "Hi"}],
        instructions="be brief",
        max_output_tokens=50,
        metadata={"k": "v"},
        tags=["t1"],
    )
    assert proxy.calls()[0].json() == {
        "model": "fake-gpt",
        "input": [{"role": "user", "content": "Hi"}],
        "instructions": "be brief",
        "max_output_tokens": 50,
        "metadata": {"k": "v"},
        "tags": ["t1"],
    }
    assert isinstance(out, rt.Response)
    assert out.id == RID and out.status == "completed" and out.created_at == 1741476542
    # Only the output_text parts of messages, in order; the refusal and reasoning are not text.
    assert out.output_text == "Hello world"
    reasoning, message, call = out.output
    assert reasoning.summary is not None and reasoning.summary[0].text == "thinking"
    assert isinstance(message.content, list) and message.content[1].refusal == "no"
    assert (call.call_id, call.name, call.arguments) == ("call_1", "lookup", '{"q": 1}')
    assert out.usage is not None and out.usage.total_tokens == 7
    assert out.model_extra == {"brand_new_field": {"kept": True}}
    assert out.raw_response is not None and out.raw_response.request_id == "call-9"


async def test_create_is_not_resent_once_it_may_have_reached_the_proxy(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    proxy.on("POST", "/responses", reply(500, {"error": {"message": "boom"}}), reply(200, RESPONSE))
    with pytest.raises(InternalServerError):
        await client.responses.create(model="fake-gpt", input="Hi")
    assert len(proxy.calls()) == 1 and sleep.waits == []


async def test_create_refuses_a_call_without_model_before_io(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(TypeError, match=r"responses.create\(\) missing .*model"):
        await client.responses.create(input="Hi")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="model"):
        await client.responses.create(model="", input="Hi", stream=True)
    assert proxy.seen == []


# -- streams ------------------------------------------------------------------------------------


def _stream_events() -> list[dict[str, Any]]:
    created = {"id": RID, "object": "response", "status": "in_progress", "output": []}
    item = {"type": "message", "id": "msg_1", "role": "assistant", "content": []}
    delta = {"item_id": "msg_1", "output_index": 0, "content_index": 0}
    return [
        {"type": "response.created", "sequence_number": 0, "response": created},
        {"type": "response.output_item.added", "output_index": 0, "item": item},
        {"type": "response.output_text.delta", "sequence_number": 2, "delta": "Hel", **delta},
        # LiteLLM's own translations leave sequence numbers and logprobs out.
        {"type": "response.output_text.delta", "delta": "lo", **delta},
        {"type": "response.future_event.added", "sequence_number": 4, "payload": {"x": [1]}},
        {"type": "response.output_text.done", "text": "Hello", "logprobs": [], **delta},
        {"type": "response.completed", "response": {**RESPONSE, "output": [item]}},
    ]


async def test_stream_yields_typed_events_and_ends_at_the_end_of_the_body(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/responses", sse(*map(sse_event, _stream_events()), done=False))
    stream = await client.responses.create(model="fake-gpt", input="Hi", stream=True)
    events = [event async for event in stream]
    assert proxy.calls()[0].json() == {"model": "fake-gpt", "input": "Hi", "stream": True}
    assert [type(e).__name__ for e in events] == [
        "ResponseCreatedEvent",
        "ResponseOutputItemAddedEvent",
        "ResponseTextDeltaEvent",
        "ResponseTextDeltaEvent",
        "UnknownResponseStreamEvent",
        "ResponseTextDoneEvent",
        "ResponseCompletedEvent",
    ]
    created, added, d1, d2, unknown, done, completed = events
    assert isinstance(created, rt.ResponseCreatedEvent) and created.response.id == RID
    assert isinstance(added, rt.ResponseOutputItemAddedEvent) and added.item.id == "msg_1"
    assert isinstance(d1, rt.ResponseTextDeltaEvent) and isinstance(d2, rt.ResponseTextDeltaEvent)
    assert d1.delta + d2.delta == "Hello"
    assert (d1.sequence_number, d2.sequence_number, d2.logprobs) == (2, None, None)
    # A type this client does not know keeps everything it carried.
    assert isinstance(unknown, rt.UnknownResponseStreamEvent)
    assert unknown.type == "response.future_event.added" and unknown.sequence_number == 4
    assert unknown.model_extra == {"payload": {"x": [1]}}
    assert isinstance(done, rt.ResponseTextDoneEvent) and done.text == "Hello"
    assert isinstance(completed, rt.ResponseCompletedEvent)
    assert completed.response.output_text == "" and completed.response.status == "completed"
    assert stream.closed


async def test_stream_error_event_is_yielded_typed(proxy: FakeProxy, client: LiteLLMClient) -> None:
    error = {"type": "error", "code": "server_error", "message": "upstream died", "param": None}
    failed = {"type": "response.failed", "response": {"id": RID, "status": "failed"}}
    proxy.on("POST", "/responses", sse(sse_event(error), sse_event(failed), done=False))
    stream = await client.responses.create(model="fake-gpt", input="Hi", stream=True)
    got = [event async for event in stream]
    assert isinstance(got[0], rt.ResponseErrorEvent)
    assert (got[0].code, got[0].message) == ("server_error", "upstream died")
    assert isinstance(got[1], rt.ResponseFailedEvent) and got[1].response.status == "failed"


async def test_leaving_a_stream_early_gives_its_slot_back(proxy: FakeProxy) -> None:
    events = [sse_event(e) for e in _stream_events()]
    proxy.on("POST", "/responses", sse(*events, done=False, pause=0.01))
    proxy.on("GET", f"/responses/{RID}", reply(200, RESPONSE))
    async with LiteLLMClient(base_url=proxy.url, max_in_flight=1, timeout=5) as client:
        stream = await client.responses.create(model="fake-gpt", input="Hi", stream=True)
        async for event in stream:
            assert isinstance(event, rt.ResponseCreatedEvent)
            break
        assert stream.closed
        # With one slot, this would wait forever if the stream still held it.
        assert (await client.responses.retrieve(RID)).id == RID


def _sample(annotation: Any) -> Any:
    """A value of the (required) field type, enough for the model to accept it."""
    if annotation is str:
        return "x"
    if annotation is rt.Response:
        return {"id": "r"}
    if annotation in (rt.ResponseItem, rt.ResponseContent):
        return {"type": "t"}
    if typing.get_origin(annotation) is list:
        return []
    return None


KNOWN = typing.get_args(typing.get_args(rt.KnownResponseStreamEvent)[0])


def test_the_union_has_every_openai_event_type_once() -> None:
    types = [cls.model_fields["type"].default for cls in KNOWN]
    assert len(types) == len(set(types)) == 59  # openai-python's ResponseStreamEvent
    assert {"response.created", "response.output_text.delta", "error", "response.queued"} <= set(
        types
    )


@pytest.mark.parametrize("cls", KNOWN, ids=lambda cls: cls.__name__)
def test_each_event_type_parses_to_its_model(cls: type[Any]) -> None:
    fields = cls.model_fields
    body = {name: _sample(f.annotation) for name, f in fields.items() if f.is_required()}
    body["type"] = fields["type"].default
    body["sequence_number"] = 7
    event = rt.parse_response_stream_event(orjson.dumps(body))
    assert type(event) is cls
    assert event.sequence_number == 7
    # Missing its payload, a known type still parses (as the catch-all) instead of failing.
    required = [name for name, f in fields.items() if f.is_required()]
    if required:
        del body[required[0]]
        fallback = rt.parse_response_stream_event(orjson.dumps(body))
        assert type(fallback) is rt.UnknownResponseStreamEvent
        assert fallback.type == fields["type"].default


def test_an_event_without_a_type_is_a_validation_error() -> None:
    with pytest.raises(ValueError, match="type"):
        rt.parse_response_stream_event(b'{"delta": "x"}')


# -- retrieve, delete, cancel, compact ----------------------------------------------------------


async def test_retrieve_escapes_the_id_and_sends_include(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("GET", f"/responses/{RID}", reply(200, RESPONSE))
    out = await client.responses.retrieve(
        RID, include=["reasoning.encrypted_content", "message.output_text.logprobs"]
    )
    assert out.id == RID and out.output_text == "Hello world"
    seen = proxy.calls()[0]
    # The id's "/" and "=" stay inside one path segment.
    assert seen.raw_path.split("?")[0] == "/responses/" + RID.replace("/", "%2F").replace(
        "+", "%2B"
    ).replace("=", "%3D")
    assert seen.raw_path.count("include=") == 2
    with pytest.raises(ValueError, match="empty"):
        await client.responses.retrieve("")
    assert len(proxy.seen) == 1


async def test_delete_and_cancel(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "DELETE", "/responses/r1", reply(200, {"id": "r1", "object": "response", "deleted": 1})
    )
    proxy.on("POST", "/responses/r1/cancel", reply(200, {**RESPONSE, "status": "cancelled"}))
    deleted = await client.responses.delete("r1")
    assert isinstance(deleted, rt.ResponseDeleted) and deleted.deleted is True
    cancelled = await client.responses.cancel("r1")
    assert isinstance(cancelled, rt.Response) and cancelled.status == "cancelled"
    assert [(s.method, s.path, s.body) for s in proxy.seen] == [
        ("DELETE", "/responses/r1", b""),
        ("POST", "/responses/r1/cancel", b""),
    ]


async def test_compact(proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep) -> None:
    body = {
        "id": "cmp_1",
        "object": "response.compaction",
        "created_at": 5,
        "output": [{"type": "compaction", "id": "cp_1", "encrypted_content": "gAAA"}],
        "usage": {"input_tokens": 9, "output_tokens": 1, "total_tokens": 10},
    }
    # Compaction stores nothing, so a 502 is retried.
    proxy.on("POST", "/responses/compact", reply(502, {}), reply(200, body))
    out = await client.responses.compact(model="fake-gpt", input=[{"role": "user", "content": "a"}])
    assert isinstance(out, rt.CompactedResponse)
    assert out.output[0].encrypted_content == "gAAA" and out.usage is not None
    assert len(proxy.calls()) == 2 and len(sleep.waits) == 1
    assert proxy.calls()[-1].json() == {
        "model": "fake-gpt",
        "input": [{"role": "user", "content": "a"}],
    }
    with pytest.raises(TypeError, match="model"):
        await client.responses.compact(input="x")  # type: ignore[call-arg]
    assert len(proxy.seen) == 2


# -- input items, input tokens ------------------------------------------------------------------


def _item(n: int) -> dict[str, Any]:
    return {
        "type": "message",
        "id": f"msg_{n}",
        "role": "user",
        "content": [{"type": "input_text", "text": f"t{n}"}],
    }


async def test_input_items_pager_walks_every_page(proxy: FakeProxy, client: LiteLLMClient) -> None:
    pages = {
        None: {"data": [_item(1), _item(2)], "first_id": "msg_1", "last_id": "msg_2"},
        "msg_2": {"data": [_item(3), _item(4)], "first_id": "msg_3", "last_id": "msg_4"},
        "msg_4": {"data": [_item(5)], "first_id": "msg_5", "last_id": "msg_5"},
    }

    async def handler(request: web.Request) -> web.StreamResponse:
        after = request.query.get("after")
        page = {"object": "list", **pages[after], "has_more": after != "msg_4"}
        return web.json_response(page)

    proxy.on("GET", "/responses/r1/input_items", handler)
    pager = client.responses.input_items.list("r1", limit=2, order="asc")
    first = await pager
    assert isinstance(first, rt.ResponseItemList) and first.has_more and first.last_id == "msg_2"
    items = [item async for item in pager]
    assert [i.id for i in items] == [f"msg_{n}" for n in range(1, 6)]
    assert all(isinstance(i, rt.ResponseItem) for i in items)
    content = items[0].content
    assert isinstance(content, list) and content[0].text == "t1"
    queries = [s.query for s in proxy.seen[1:]]
    assert queries == [
        {"limit": "2", "order": "asc"},
        {"limit": "2", "order": "asc", "after": "msg_2"},
        {"limit": "2", "order": "asc", "after": "msg_4"},
    ]
    # The same parameters as a JSON body: the one the proxy forwards upstream.
    assert [s.json() for s in proxy.seen[1:]] == [
        {"limit": 2, "order": "asc"},
        {"limit": 2, "order": "asc", "after": "msg_2"},
        {"limit": 2, "order": "asc", "after": "msg_4"},
    ]


async def test_input_items_needs_a_response_id_before_io(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(TypeError, match="response_id"):
        client.responses.input_items.list("")
    assert proxy.seen == []


async def test_input_tokens_count(proxy: FakeProxy, client: LiteLLMClient) -> None:
    body = {"object": "response.input_tokens", "input_tokens": 12, "litellm_count_source": "x"}
    proxy.on("POST", "/responses/input_tokens", reply(200, body))
    out = await client.responses.input_tokens.count(
        model="fake-gpt", input="How many tokens?", instructions="be brief"
    )
    assert isinstance(out, rt.InputTokenCountResponse)
    assert out.input_tokens == 12 and out.model_extra == {"litellm_count_source": "x"}
    assert proxy.calls()[0].json() == {
        "model": "fake-gpt",
        "input": "How many tokens?",
        "instructions": "be brief",
    }
    with pytest.raises(TypeError, match="input"):
        await client.responses.input_tokens.count(model="fake-gpt")  # type: ignore[call-arg]
    assert len(proxy.seen) == 1


# -- chat.completions.queue ---------------------------------------------------------------------

COMPLETION = {
    "id": "c1",
    "object": "chat.completion",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "queued hi"}}],
}
MESSAGES: list[ChatCompletionMessageParam] = [{"role": "user", "content": "hi"}]


async def test_queue_sends_priority_and_returns_a_completion(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on(
        "POST",
        "/queue/chat/completions",
        reply(200, COMPLETION, {"x-litellm-priority": "0"}),
    )
    out = await client.chat.completions.queue(
        model="fake-gpt",
        messages=MESSAGES,
        priority=0,
        temperature=0.5,
    )
    assert isinstance(out, ChatCompletion) and out.choices[0].message.content == "queued hi"
    assert out.raw_response is not None and out.raw_response.headers["x-litellm-priority"] == "0"
    assert proxy.calls()[0].json() == {
        "model": "fake-gpt",
        "messages": MESSAGES,
        "temperature": 0.5,
        "priority": 0,
    }


async def test_queue_stream_and_bad_input(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/queue/chat/completions", sse(chunk("que"), chunk("ued")))
    stream = await client.chat.completions.queue(model="fake-gpt", messages=MESSAGES, stream=True)
    chunks = [c async for c in stream]
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == "queued"
    # No priority given: none sent.
    assert proxy.calls()[0].json() == {"model": "fake-gpt", "messages": MESSAGES, "stream": True}
    with pytest.raises(TypeError, match=r"chat.completions.queue\(\) missing .*messages"):
        await client.chat.completions.queue(model="fake-gpt")  # type: ignore[call-overload]
    assert len(proxy.seen) == 1


async def test_connect_is_a_typed_websocket_session(proxy: FakeProxy) -> None:
    # WEBSOCKET /responses: response.create frames in, the typed stream events out.
    got: list[Any] = []
    seen: dict[str, Any] = {}

    async def handler(request: web.Request) -> web.StreamResponse:
        seen.update(query=dict(request.query), auth=request.headers.get("Authorization"))
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        got.append(orjson.loads((await ws.receive()).data))
        base = {"item_id": "m1", "output_index": 0, "content_index": 0, "logprobs": []}
        for n, text in enumerate(["Hel", "lo"]):
            delta = {"type": "response.output_text.delta", "sequence_number": n, "delta": text}
            await ws.send_json({**delta, **base})
        await ws.send_json({"type": "response.brand_new", "x": 1})
        await ws.close()
        return ws

    proxy.on("GET", "/responses", handler)
    async with (
        LiteLLMClient(base_url=proxy.url, api_key="sk-test-123456") as client,
        client.responses.connect(model="m") as session,
    ):
        assert client._pool.semaphore._value == client._pool.max_in_flight - 1  # held while open
        await session.send({"type": "response.create", "input": "hi"})
        events = [event async for event in session]  # until the server closes
    assert got == [{"type": "response.create", "input": "hi"}]
    assert seen == {"query": {"model": "m"}, "auth": "Bearer sk-test-123456"}
    assert [type(e) for e in events[:2]] == [rt.ResponseTextDeltaEvent] * 2
    assert "".join(e.delta for e in events[:2]) == "Hello"
    assert isinstance(events[2], rt.UnknownResponseStreamEvent)
    assert client._pool.semaphore._value == client._pool.max_in_flight
