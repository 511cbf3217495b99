"""``client.workflows``: runs, their events and messages: what is sent and returned."""

from __future__ import annotations

from typing import Any

import pytest

from aio_litellm import LiteLLMClient
from aio_litellm.types.workflows import WorkflowRun

from .conftest import FakeProxy, reply
from .test_memory import assert_group_declared

ROUTE_ARGS = {
    "workflows.runs.create": {"workflow_type": "w"},
    "workflows.runs.update": {"status": "running"},
    "workflows.runs.events.create": {"event_type": "e", "step_name": "s"},
    "workflows.runs.messages.create": {"role": "user", "content": "c"},
}


def run(run_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "session_id": f"s-{run_id}",
        "workflow_type": "agent",
        "status": "pending",
        "created_by": None,
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
        "input": {"task": "t"},
        "output": None,
        "metadata": None,
        **extra,
    }


def event(seq: int, **extra: Any) -> dict[str, Any]:
    return {
        "event_id": f"e{seq}",
        "run_id": "r1",
        "event_type": "step.started",
        "step_name": "plan",
        "sequence_number": seq,
        "data": {"n": seq},
        **extra,
    }


def test_every_workflows_route_is_declared() -> None:
    assert_group_declared("workflows", "workflows")


async def test_runs(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/v1/workflows/runs", reply(200, run("r1")))
    created = await client.workflows.runs.create(workflow_type="agent", input={"task": "t"})
    assert proxy.calls()[-1].json() == {"workflow_type": "agent", "input": {"task": "t"}}
    assert isinstance(created, WorkflowRun) and created.session_id == "s-r1"

    proxy.on("GET", "/v1/workflows/runs", reply(200, {"runs": [run("r1"), run("r2")], "count": 2}))
    listed = await client.workflows.runs.list(status="running,paused", limit=5)
    assert proxy.calls()[-1].query == {"status": "running,paused", "limit": "5"}
    assert [r.run_id for r in listed.runs] == ["r1", "r2"] and listed.count == 2

    proxy.on("GET", "/v1/workflows/runs/r 1", reply(200, run("r1", events=[event(3)])))
    got = await client.workflows.runs.retrieve("r 1")
    assert got.events is not None and got.events[0].sequence_number == 3

    proxy.on("PATCH", "/v1/workflows/runs/r1", reply(200, run("r1", status="completed")))
    done = await client.workflows.runs.update("r1", status="completed", output={"ok": True})
    assert proxy.calls()[-1].json() == {"status": "completed", "output": {"ok": True}}
    assert done.status == "completed"


async def test_events_and_messages(proxy: FakeProxy, client: LiteLLMClient) -> None:
    path = "/v1/workflows/runs/r1"
    proxy.on("POST", path + "/events", reply(200, event(0)))
    added = await client.workflows.runs.events.create(
        "r1", event_type="step.started", step_name="plan", data={"n": 0}
    )
    assert proxy.calls()[-1].json() == {
        "event_type": "step.started",
        "step_name": "plan",
        "data": {"n": 0},
    }
    assert added.event_id == "e0" and added.data == {"n": 0}

    proxy.on("GET", path + "/events", reply(200, {"events": [event(0), event(1)], "count": 2}))
    events = await client.workflows.runs.events.list("r1", limit=2)
    assert proxy.calls()[-1].query == {"limit": "2"}
    assert [e.sequence_number for e in events.events] == [0, 1]

    message = {"message_id": "m0", "run_id": "r1", "role": "user", "content": "hi"}
    proxy.on("POST", path + "/messages", reply(200, {**message, "sequence_number": 0}))
    sent = await client.workflows.runs.messages.create("r1", role="user", content="hi")
    assert proxy.calls()[-1].json() == {"role": "user", "content": "hi"}
    assert sent.sequence_number == 0

    proxy.on("GET", path + "/messages", reply(200, {"messages": [message], "count": 1}))
    messages = await client.workflows.runs.messages.list("r1")
    assert messages.messages[0].content == "hi" and messages.count == 1


async def test_bad_input_is_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    runs = client.workflows.runs
    with pytest.raises(TypeError, match="workflow_type"):
        await runs.create(input={})  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="status, output or metadata"):
        await runs.update("r1")
    with pytest.raises(TypeError, match="status, output or metadata"):
        await runs.update("r1", status=None)
    with pytest.raises(TypeError, match="step_name"):
        await runs.events.create("r1", event_type="e")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="content"):
        await runs.messages.create("r1", role="user")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="role"):
        await runs.messages.create("r1", content="c")  # type: ignore[call-arg]
    assert proxy.seen == []


async def test_event_data_sent_back_as_json_text(proxy: FakeProxy, client: LiteLLMClient) -> None:
    # The proxy answers a just-appended event's data as the JSON text it stored.
    path = "/v1/workflows/runs/r1/events"
    proxy.on("POST", path, reply(200, event(0, data='{"n": 1}')), reply(200, event(1, data="x{")))
    added = await client.workflows.runs.events.create("r1", event_type="e", step_name="s")
    assert added.data == {"n": 1}
    odd = await client.workflows.runs.events.create("r1", event_type="e", step_name="s")
    assert odd.data == "x{"
