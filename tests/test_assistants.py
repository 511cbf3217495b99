"""client.assistants (+ threads, messages, runs): routes, bodies, pagers, the run stream, the
deprecation warning, and bad input refused before any I/O."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from aio_litellm import (
    APIResponseValidationError,
    AsyncPager,
    InternalServerError,
    LiteLLMClient,
    RateLimitError,
    Stream,
)
from aio_litellm.types.assistants import (
    Assistant,
    AssistantDeleted,
    AssistantList,
    AssistantStreamEvent,
    ErrorObject,
    Message,
    MessageDeltaEvent,
    MessageList,
    Run,
    RunStep,
    RunStepDeltaEvent,
    Thread,
)

from .conftest import FakeProxy, reply, sse

# Every call warns; the warning itself is checked in test_every_call_warns_at_the_caller.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def assistant(n: int) -> dict[str, Any]:
    return {
        "id": f"asst_{n}",
        "object": "assistant",
        "created_at": 1700000000 + n,
        "model": "fake-gpt",
        "name": f"helper {n}",
        "instructions": "be brief",
        "tools": [{"type": "function", "function": {"name": "lookup", "parameters": {}}}],
        "metadata": {"team": "a"},
        "provider_extra": n,
    }


def page(items: list[dict[str, Any]], has_more: bool) -> dict[str, Any]:
    return {
        "object": "list",
        "data": items,
        "first_id": items[0]["id"] if items else None,
        "last_id": items[-1]["id"] if items else None,
        "has_more": has_more,
    }


def message(n: int, text: str, thread: str = "thread_1") -> dict[str, Any]:
    return {
        "id": f"msg_{n}",
        "object": "thread.message",
        "thread_id": thread,
        "role": "user",
        "status": "completed",
        "created_at": 1700000000,
        "content": [
            {"type": "text", "text": {"value": text, "annotations": []}},
            {"type": "image_file", "image_file": {"file_id": "file-1"}},
        ],
    }


def run(status: str = "completed") -> dict[str, Any]:
    return {
        "id": "run_1",
        "object": "thread.run",
        "thread_id": "thread_1",
        "assistant_id": "asst_1",
        "status": status,
        "model": "fake-gpt",
        "instructions": "",
        "tools": [],
        "created_at": 1700000000,
        "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
    }


def event(name: str, data: Any) -> bytes:
    # The proxy's framing: no "event:" line, the event name inside the JSON.
    return b"data: " + orjson.dumps({"data": data, "event": name}) + b"\n\n"


async def test_create_assistant(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/assistants", reply(200, assistant(1)))
    tools = [{"type": "function", "function": {"name": "lookup", "parameters": {}}}]
    out = await client.assistants.create(
        model="fake-gpt", name="helper 1", instructions="be brief", tools=tools, temperature=0.1
    )
    seen = proxy.calls()[0]
    assert (seen.method, seen.path) == ("POST", "/assistants")
    assert seen.json() == {
        "model": "fake-gpt",
        "name": "helper 1",
        "instructions": "be brief",
        "tools": tools,
        "temperature": 0.1,
    }
    assert isinstance(out, Assistant)
    assert out.id == "asst_1" and out.created_at == 1700000001 and out.metadata == {"team": "a"}
    assert out.tools[0].function is not None and out.tools[0].function.name == "lookup"
    assert out.model_extra == {"provider_extra": 1}
    assert out.raw_response is not None and out.raw_response.status_code == 200


async def test_create_is_not_retried(proxy: FakeProxy, client: LiteLLMClient) -> None:
    # A create that may have been applied is not sent again (a 500 may follow the insert).
    proxy.on("POST", "/assistants", reply(500, {"error": {"message": "boom"}}))
    with pytest.raises(InternalServerError):
        await client.assistants.create(model="fake-gpt")
    assert len(proxy.calls()) == 1


async def test_list_walks_pages(proxy: FakeProxy, client: LiteLLMClient) -> None:
    pages = [page([assistant(1), assistant(2)], True), page([assistant(3)], False)]
    proxy.on("GET", "/assistants", reply(200, pages[0]), reply(200, pages[1]))
    pager = client.assistants.list(limit=2, order="asc")
    assert isinstance(pager, AsyncPager) and proxy.seen == []  # nothing sent yet
    ids = [a.id async for a in pager]
    assert ids == ["asst_1", "asst_2", "asst_3"]
    assert [c.query for c in proxy.calls()] == [
        {"limit": "2", "order": "asc"},
        {"limit": "2", "order": "asc", "after": "asst_2"},
    ]


async def test_list_one_page(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/assistants", reply(200, page([assistant(7)], True)))
    first = await client.assistants.list()
    assert isinstance(first, AssistantList)
    assert first.has_more and first.last_id == "asst_7" and first.data[0].name == "helper 7"
    assert proxy.calls()[0].query == {}


async def test_list_refuses_a_repeated_first_page(proxy: FakeProxy, client: LiteLLMClient) -> None:
    # LiteLLM 1.110 drops ?after=: the provider's first page comes back again. Walking on
    # would repeat it forever; the pager stops with an error after the first page instead.
    proxy.on("GET", "/assistants", reply(200, page([assistant(1), assistant(2)], True)))
    seen: list[str] = []
    with pytest.raises(APIResponseValidationError, match="ignored after='asst_2'") as info:
        async for a in client.assistants.list():
            seen.append(a.id)
    assert seen == ["asst_1", "asst_2"]
    assert len(proxy.calls()) == 2
    assert info.value.status_code == 200 and info.value.url is not None
    assert info.value.url.endswith("/assistants?after=asst_2")


async def test_delete_escapes_the_id(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "DELETE",
        "/assistants/asst/1",
        reply(200, {"id": "asst/1", "object": "assistant.deleted", "deleted": True}),
    )
    out = await client.assistants.delete("asst/1")
    assert isinstance(out, AssistantDeleted) and out.deleted and out.id == "asst/1"
    assert proxy.calls()[0].raw_path == "/assistants/asst%2F1"


async def test_threads(proxy: FakeProxy, client: LiteLLMClient) -> None:
    body = {"id": "thread_1", "object": "thread", "created_at": 5, "metadata": {}}
    proxy.on("POST", "/threads", reply(200, body))
    proxy.on("GET", "/threads/thread_1", reply(200, {**body, "tool_resources": {}}))
    created = await client.assistants.threads.create(
        messages=[{"role": "user", "content": "hi"}], metadata={"k": "v"}
    )
    assert isinstance(created, Thread) and created.id == "thread_1" and created.created_at == 5
    assert proxy.calls()[0].json() == {
        "messages": [{"role": "user", "content": "hi"}],
        "metadata": {"k": "v"},
    }
    got = await client.assistants.threads.retrieve("thread_1")
    assert isinstance(got, Thread) and got.tool_resources is not None
    assert proxy.calls()[1].method == "GET" and proxy.calls()[1].body == b""


async def test_messages(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/threads/thread_1/messages", reply(200, message(1, "hello")))
    out = await client.assistants.threads.messages.create(
        "thread_1", role="user", content="hello", metadata={"a": "b"}
    )
    assert isinstance(out, Message)
    assert out.text == "hello" and out.content[1].image_file == {"file_id": "file-1"}
    assert proxy.calls()[0].json() == {"role": "user", "content": "hello", "metadata": {"a": "b"}}

    pages = [page([message(3, "c"), message(2, "b")], True), page([message(1, "a")], False)]
    proxy.on("GET", "/threads/thread_1/messages", reply(200, pages[0]), reply(200, pages[1]))
    texts = [m.text async for m in client.assistants.threads.messages.list("thread_1", run_id="r")]
    assert texts == ["c", "b", "a"]
    assert [c.query for c in proxy.calls("GET")] == [
        {"run_id": "r"},
        {"run_id": "r", "after": "msg_2"},
    ]
    first = await client.assistants.threads.messages.list("thread_1")
    assert isinstance(first, MessageList) and first.data[0].thread_id == "thread_1"


async def test_messages_list_repeated_page(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/threads/t/messages", reply(200, page([message(1, "a", "t")], True)))
    with pytest.raises(APIResponseValidationError, match="ignored after='msg_1'"):
        [m async for m in client.assistants.threads.messages.list("t")]


async def test_run_create(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/threads/thread_1/runs", reply(200, run()))
    out = await client.assistants.threads.runs.create(
        "thread_1", assistant_id="asst_1", additional_instructions="short"
    )
    assert isinstance(out, Run)
    assert out.status == "completed" and out.usage is not None and out.usage.total_tokens == 5
    assert proxy.calls()[0].json() == {"assistant_id": "asst_1", "additional_instructions": "short"}


async def test_run_stream_typed_events(proxy: FakeProxy, client: LiteLLMClient) -> None:
    step = {"id": "step_1", "run_id": "run_1", "type": "message_creation", "status": "completed"}
    delta = {"id": "msg_9", "delta": {"content": [{"type": "text", "text": {"value": "Hel"}}]}}
    events = [
        event("thread.created", {"id": "thread_1", "object": "thread", "created_at": 1}),
        event("thread.run.created", run("queued")),
        event("thread.run.step.created", step),
        event("thread.run.step.delta", {"id": "step_1", "delta": {"step_details": {}}}),
        event("thread.message.created", message(9, "")),
        event("thread.message.delta", delta),
        event("thread.run.completed", run()),
        event("thread.something.new", {"x": 1}),
        event("error", {"message": "late", "code": "server_error"}),
    ]
    proxy.on("POST", "/threads/thread_1/runs", sse(*events))
    stream = await client.assistants.threads.runs.create(
        "thread_1", assistant_id="asst_1", stream=True
    )
    assert isinstance(stream, Stream)
    got = [e async for e in stream]
    assert all(isinstance(e, AssistantStreamEvent) for e in got)
    kinds = [type(e.data) for e in got]
    assert kinds == [
        Thread,
        Run,
        RunStep,
        RunStepDeltaEvent,
        Message,
        MessageDeltaEvent,
        Run,
        dict,
        ErrorObject,
    ]
    assert isinstance(got[1].data, Run) and got[1].data.status == "queued"
    assert isinstance(got[5].data, MessageDeltaEvent) and got[5].data.delta.text == "Hel"
    assert got[7].data == {"x": 1} and got[7].event == "thread.something.new"
    assert isinstance(got[8].data, ErrorObject) and got[8].data.message == "late"
    assert stream.closed
    sent = proxy.calls()[0]
    assert sent.json() == {"assistant_id": "asst_1", "stream": True}
    assert sent.raw_path == "/threads/thread_1/runs"


async def test_run_stream_in_band_error(proxy: FakeProxy, client: LiteLLMClient) -> None:
    # The proxy's own failure mid-stream: {"error": {...}} raises the typed error.
    failure = {"error": {"message": "Rate limited", "code": "429", "type": "rate_limit"}}
    proxy.on(
        "POST",
        "/threads/t/runs",
        sse(
            event("thread.run.created", run("queued")), b"data: " + orjson.dumps(failure) + b"\n\n"
        ),
    )
    stream = await client.assistants.threads.runs.create("t", assistant_id="a", stream=True)
    got: list[AssistantStreamEvent] = []
    with pytest.raises(RateLimitError, match="Rate limited"):
        async for e in stream:
            got.append(e)
    assert len(got) == 1 and stream.closed


async def test_run_stream_malformed_event(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/threads/t/runs", sse(event("thread.run.created", {"status": "queued"})))
    stream = await client.assistants.threads.runs.create("t", assistant_id="a", stream=True)
    with pytest.raises(APIResponseValidationError, match="Malformed stream chunk"):
        [e async for e in stream]


async def test_run_stream_is_not_retried(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/threads/t/runs", reply(502, {"error": {"message": "bad gateway"}}))
    with pytest.raises(InternalServerError, match="bad gateway"):
        await client.assistants.threads.runs.create("t", assistant_id="a", stream=True)
    assert len(proxy.calls()) == 1


async def test_bad_input_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    threads = client.assistants.threads
    with pytest.raises(TypeError, match="model"):
        await client.assistants.create(name="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="role, content"):
        await threads.messages.create("t")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="content"):
        await threads.messages.create("t", role="user", content="")
    with pytest.raises(TypeError, match="thread_id"):
        threads.messages.list("")
    for stream in (False, True):
        with pytest.raises(TypeError, match="assistant_id"):
            await threads.runs.create("t", stream=stream)  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="must not be empty"):
        await client.assistants.delete("")
    with pytest.raises(ValueError, match="must not be empty"):
        await threads.runs.create("", assistant_id="a", stream=True)
    assert proxy.seen == []


CALLS: dict[str, Any] = {
    "assistants.create": lambda c: c.assistants.create(model="m"),
    "assistants.list": lambda c: c.assistants.list(),
    "assistants.delete": lambda c: c.assistants.delete("a"),
    "threads.create": lambda c: c.assistants.threads.create(),
    "threads.retrieve": lambda c: c.assistants.threads.retrieve("t"),
    "messages.create": lambda c: c.assistants.threads.messages.create(
        "t", role="user", content="x"
    ),
    "messages.list": lambda c: c.assistants.threads.messages.list("t"),
    "runs.create": lambda c: c.assistants.threads.runs.create("t", assistant_id="a"),
}


@pytest.mark.parametrize("name", CALLS)
async def test_every_call_warns_at_the_caller(
    name: str, proxy: FakeProxy, client: LiteLLMClient
) -> None:
    for method, path, body in [
        ("POST", "/assistants", assistant(1)),
        ("GET", "/assistants", page([], False)),
        ("DELETE", "/assistants/a", {"id": "a", "deleted": True}),
        ("POST", "/threads", {"id": "t"}),
        ("GET", "/threads/t", {"id": "t"}),
        ("POST", "/threads/t/messages", message(1, "x", "t")),
        ("GET", "/threads/t/messages", page([], False)),
        ("POST", "/threads/t/runs", run()),
    ]:
        proxy.on(method, path, reply(200, body))
    with pytest.warns(DeprecationWarning, match="use client.responses") as caught:
        await CALLS[name](client)
    assert len(caught) == 1
    # Pointed at the caller's line (here), not at the library.
    assert caught[0].filename == __file__
    assert len(proxy.seen) == 1


def test_unknown_event_keeps_object_data_only() -> None:
    known = AssistantStreamEvent.model_validate({"event": "thread.new.kind", "data": {"a": 1}})
    assert known.data == {"a": 1}
    with pytest.raises(ValueError, match="validation error"):
        AssistantStreamEvent.model_validate({"event": "thread.new.kind", "data": [1, 2]})
