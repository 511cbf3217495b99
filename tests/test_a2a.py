"""``client.a2a``: the JSON-RPC envelope sent, typed results and stream events, JSON-RPC errors
raised typed (in an answer and inside a stream), refusals before I/O, and that every
inventory row of the group is declared."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import orjson
import pytest

from aio_litellm import APIResponseValidationError, LiteLLMClient, NotFoundError
from aio_litellm._routes import all_endpoints
from aio_litellm.types import a2a as t

from .conftest import API_KEY, FakeProxy, reply, sse

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "a2a.call": {"method": "tasks/get", "params": {"id": "t1"}},
    "a2a.send_message": {"message": "hi"},
    "a2a.stream_message": {"message": "hi"},
    "a2a.discover": {"url": "https://agent.example"},
}

INVENTORY = Path(__file__).parent / "data" / "litellm-endpoints.tsv"

TASK = {
    "kind": "task",
    "id": "t1",
    "contextId": "c1",
    "status": {"state": "completed", "timestamp": "2026-01-01T00:00:00Z"},
    "artifacts": [
        {
            "artifactId": "a1",
            "parts": [{"kind": "text", "text": "he"}, {"kind": "text", "text": "y"}],
        }
    ],
    "history": [{"kind": "message", "messageId": "m0", "role": "user", "parts": []}],
}
MESSAGE = {
    "kind": "message",
    "messageId": "m1",
    "role": "agent",
    "parts": [
        {"kind": "text", "text": "echo: hi"},
        {"kind": "data", "data": {"n": 1}},
        {"kind": "file", "file": {"uri": "https://f.example/x", "mimeType": "text/plain"}},
        {"kind": "hologram", "beam": 3},
    ],
    "contextId": "c1",
}


def envelope(result: Any = None, *, error: Any = None, id: Any = "r1") -> dict[str, Any]:
    body: dict[str, Any] = {"jsonrpc": "2.0", "id": id}
    if error is not None:
        body["error"] = error
    else:
        body["result"] = result
    return body


def event(body: dict[str, Any]) -> bytes:
    return b"data: " + orjson.dumps(body) + b"\n\n"


def test_every_inventory_row_is_declared() -> None:
    with INVENTORY.open() as f:
        rows = {
            (r["method"], r["path"])
            for r in csv.DictReader(f, delimiter="\t")
            if r["group"] == "a2a"
        }
    declared = {(ep.method, ep.path) for ep in all_endpoints() if ep.attr.startswith("a2a.")}
    assert len(rows) == 5
    assert rows <= declared


async def test_card_is_typed(proxy: FakeProxy, client: LiteLLMClient) -> None:
    card = {
        "name": "Echo",
        "url": "http://proxy/a2a/ag-1",
        "version": "1",
        "protocolVersion": "0.3.0",
        "capabilities": {"streaming": True},
        "skills": [{"id": "echo", "name": "Echo", "description": "d", "tags": ["x"]}],
        "defaultInputModes": ["text"],
        "newField": 1,
    }
    proxy.on("GET", "/a2a/ag 1/.well-known/agent.json", reply(200, card))
    out = await client.a2a.card("ag 1")
    assert isinstance(out, t.AgentCard)
    assert out.capabilities.streaming is True
    assert [s.id for s in out.skills] == ["echo"]
    assert out.model_extra == {"newField": 1}
    assert proxy.seen[0].raw_path == "/a2a/ag%201/.well-known/agent.json"
    assert out.raw_response is not None and out.raw_response.status_code == 200


async def test_send_message_wraps_a_text_and_types_a_task(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/a2a/ag-1/message/send", reply(200, envelope(TASK)))
    out = await client.a2a.send_message(
        "ag-1", "hi", configuration={"blocking": True}, metadata={"m": 1}, id=7
    )
    assert isinstance(out, t.Task)
    assert out.status.state == "completed"
    assert out.artifacts is not None and out.artifacts[0].text == "hey"
    assert out.history is not None and isinstance(out.history[0], t.Message)
    assert out.raw_response is not None
    sent = proxy.seen[0].json()
    message = sent["params"].pop("message")
    assert sent == {
        "jsonrpc": "2.0",
        "id": 7,
        "method": "message/send",
        "params": {"configuration": {"blocking": True}, "metadata": {"m": 1}},
    }
    assert message["role"] == "user" and message["kind"] == "message"
    assert message["parts"] == [{"kind": "text", "text": "hi"}]
    assert len(message["messageId"]) == 32


async def test_send_message_keeps_a_given_message_and_types_a_message(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/a2a/ag-1/message/send", reply(200, envelope(MESSAGE)))
    msg: t.MessageParam = {
        "parts": [{"kind": "text", "text": "x"}],
        "messageId": "mine",
        "role": "agent",
        "contextId": "c1",
    }
    out = await client.a2a.send_message("ag-1", msg)
    assert isinstance(out, t.Message)
    text, data, file, unknown = out.parts
    assert isinstance(text, t.TextPart) and out.text == "echo: hi"
    assert isinstance(data, t.DataPart) and data.data == {"n": 1}
    assert isinstance(file, t.FilePart) and file.file["uri"] == "https://f.example/x"
    assert isinstance(unknown, t.UnknownPart) and unknown.model_extra == {"beam": 3}
    sent = proxy.seen[0].json()
    assert sent["params"]["message"] == {**msg, "kind": "message"}
    assert isinstance(sent["id"], str) and sent["id"]


async def test_send_message_unknown_result_kind_is_kept(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/a2a/ag-1/message/send", reply(200, envelope({"task": {"id": "t"}})))
    out = await client.a2a.send_message("ag-1", "hi")
    assert isinstance(out, t.UnknownA2AObject) and out.model_extra == {"task": {"id": "t"}}


async def test_jsonrpc_error_in_a_200_raises_a2a_error(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    error = {"code": -32602, "message": f"bad key {API_KEY}", "data": {"field": "parts"}}
    proxy.on("POST", "/a2a/ag-1/message/send", reply(200, envelope(error=error, id=3)))
    with pytest.raises(t.A2AError) as info:
        await client.a2a.send_message("ag-1", "hi")
    err = info.value
    assert (err.code, err.data, err.id) == (-32602, {"field": "parts"}, 3)
    assert API_KEY not in str(err) and "[redacted]" in err.message
    assert str(err).startswith("A2A error -32602: ")
    assert err.method == "POST" and err.url is not None
    assert err.url.endswith("/a2a/ag-1/message/send")


async def test_call_error_without_an_object(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/a2a/ag-1", reply(200, envelope(error="boom", id=True)))
    with pytest.raises(t.A2AError) as info:
        await client.a2a.call("ag-1", "tasks/cancel", {"id": "t1"})
    assert (info.value.code, info.value.message, info.value.id) == (None, "boom", None)


async def test_call_error_with_an_empty_message(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/a2a/ag-1", reply(200, envelope(error={"code": True})))
    with pytest.raises(t.A2AError) as info:
        await client.a2a.call("ag-1", "tasks/get")
    assert (info.value.code, info.value.message) == (None, "JSON-RPC error")


async def test_call_returns_the_envelope(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/a2a/ag-1", reply(200, envelope(TASK, id="x")))
    out = await client.a2a.call("ag-1", "tasks/get", {"id": "t1"}, id="x")
    assert isinstance(out, t.JsonRpcResponse)
    assert (out.id, out.result["id"]) == ("x", "t1")
    assert proxy.seen[0].json() == {
        "jsonrpc": "2.0",
        "id": "x",
        "method": "tasks/get",
        "params": {"id": "t1"},
    }


async def test_a_non_object_answer_is_a_validation_error(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/a2a/ag-1", reply(200, [1, 2]))
    with pytest.raises(APIResponseValidationError):
        await client.a2a.call("ag-1", "tasks/get")


async def test_an_error_status_stays_status_typed(proxy: FakeProxy, client: LiteLLMClient) -> None:
    body = envelope(error={"code": -32000, "message": "Agent 'x' not found"})
    proxy.on("POST", "/a2a/x/message/send", reply(404, body))
    with pytest.raises(NotFoundError) as info:
        await client.a2a.send_message("x", "hi")
    assert info.value.error_code == "-32000" and "not found" in info.value.message


async def test_stream_message_yields_typed_events(proxy: FakeProxy, client: LiteLLMClient) -> None:
    status = {
        "kind": "status-update",
        "taskId": "t1",
        "contextId": "c1",
        "status": {"state": "working"},
        "final": False,
    }
    artifact = {
        "kind": "artifact-update",
        "taskId": "t1",
        "contextId": "c1",
        "artifact": {"artifactId": "a1", "parts": [{"kind": "text", "text": "ec"}]},
        "append": False,
        "lastChunk": True,
    }
    done = {**status, "status": {"state": "completed"}, "final": True}
    events = [envelope(x) for x in (TASK, status, artifact, MESSAGE, done)]
    # A bare event (no envelope) is read as the event itself.
    proxy.on(
        "POST",
        "/a2a/ag-1/message/stream",
        sse(*(event(e) for e in events), event({"kind": "mystery", "x": 1}), done=False),
    )
    stream = await client.a2a.stream_message("ag-1", "hi", id="s1")
    got = [e async for e in stream]
    assert [type(e) for e in got] == [
        t.Task,
        t.TaskStatusUpdateEvent,
        t.TaskArtifactUpdateEvent,
        t.Message,
        t.TaskStatusUpdateEvent,
        t.UnknownA2AObject,
    ]
    assert isinstance(got[2], t.TaskArtifactUpdateEvent) and got[2].artifact.text == "ec"
    assert isinstance(got[4], t.TaskStatusUpdateEvent) and got[4].final
    sent = proxy.seen[0].json()
    assert (sent["method"], sent["id"]) == ("message/stream", "s1")


async def test_error_event_raises_where_it_is_read(proxy: FakeProxy, client: LiteLLMClient) -> None:
    error = envelope(error={"code": -32603, "message": "Streaming error: upstream gone"})
    proxy.on(
        "POST",
        "/a2a/ag-1/message/stream",
        sse(event(envelope(TASK)), event(error), event(envelope(MESSAGE)), done=False),
    )
    got: list[Any] = []
    async with await client.a2a.stream_message("ag-1", "hi") as stream:
        with pytest.raises(t.A2AError) as info:
            async for e in stream:
                got.append(e)
        assert stream.closed
    assert [type(e) for e in got] == [t.Task]
    assert info.value.code == -32603 and "upstream gone" in info.value.message
    assert info.value.url is not None and info.value.url.endswith("/message/stream")


async def test_discover(proxy: FakeProxy, client: LiteLLMClient) -> None:
    card = {"name": "Up", "url": "https://agent.example/rpc", "skills": []}
    proxy.on(
        "POST", "/v1/a2a/discover", reply(200, {"url": "https://agent.example", "agent_card": card})
    )
    out = await client.a2a.discover(
        url="https://agent.example", discovery_mode="well_known_fallback"
    )
    assert isinstance(out, t.DiscoveredAgent)
    assert out.agent_card.name == "Up" and out.agent_card.url == "https://agent.example/rpc"
    assert proxy.seen[0].json() == {
        "url": "https://agent.example",
        "discovery_mode": "well_known_fallback",
    }


@pytest.mark.parametrize(
    ("call", "exc"),
    [
        (lambda c: c.a2a.discover(), TypeError),
        (lambda c: c.a2a.discover(url=""), TypeError),
        (lambda c: c.a2a.call("ag", ""), TypeError),
        (lambda c: c.a2a.call("ag", "tasks/get", ["x"]), TypeError),
        (lambda c: c.a2a.call("ag", "tasks/get", id=1.5), TypeError),
        (lambda c: c.a2a.call("ag", "tasks/get", id=False), TypeError),
        (lambda c: c.a2a.call("", "tasks/get"), ValueError),
        (lambda c: c.a2a.call(None, "tasks/get"), TypeError),
        (lambda c: c.a2a.send_message("ag", ""), ValueError),
        (lambda c: c.a2a.send_message("ag", {"parts": []}), TypeError),
        (lambda c: c.a2a.send_message("ag", 5), TypeError),
        (lambda c: c.a2a.stream_message("ag", {"role": "user"}), TypeError),
        (lambda c: c.a2a.card(""), ValueError),
    ],
)
async def test_bad_input_is_refused_before_io(
    proxy: FakeProxy, client: LiteLLMClient, call: Any, exc: type[Exception]
) -> None:
    with pytest.raises(exc):
        await call(client)
    assert proxy.seen == []
