"""Assistants, threads, messages and runs through the real proxy (``assistant_settings``) to the
fake provider (e2e/fake_routes/assistants.py)."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from aio_litellm import APIResponseValidationError, LiteLLMClient, NotFoundError
from aio_litellm.types.assistants import Message, MessageDeltaEvent, Run

# The Assistants API warns on every call (checked by the unit tests).
pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


async def test_assistant_thread_messages_and_runs(admin: LiteLLMClient) -> None:
    tools = [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}}]
    assistant = await admin.assistants.create(
        model="fake-gpt", name="helper", instructions="be brief", tools=tools, metadata={"t": "1"}
    )
    assert assistant.id.startswith("asst_") and assistant.model == "fake-gpt"
    assert assistant.name == "helper" and assistant.instructions == "be brief"
    assert assistant.tools[0].function is not None and assistant.tools[0].function.name == "lookup"
    assert assistant.metadata == {"t": "1"}
    assert assistant.raw_response is not None and assistant.raw_response.status_code == 200

    # LiteLLM 1.110 drops the body of a thread create: the thread starts empty.
    thread = await admin.assistants.threads.create(
        messages=[{"role": "user", "content": "dropped"}], metadata={"k": "v"}
    )
    assert thread.id.startswith("thread_") and thread.metadata == {}
    assert (await admin.assistants.threads.retrieve(thread.id)).id == thread.id
    assert (await admin.assistants.threads.messages.list(thread.id)).data == []

    text = f"hello {uuid.uuid4().hex[:8]}"
    sent = await admin.assistants.threads.messages.create(thread.id, role="user", content=text)
    assert isinstance(sent, Message) and sent.thread_id == thread.id and sent.text == text

    run = await admin.assistants.threads.runs.create(thread.id, assistant_id=assistant.id)
    assert isinstance(run, Run)
    # The proxy polled the provider's run until it ended.
    assert run.status == "completed" and run.thread_id == thread.id
    assert run.assistant_id == assistant.id
    assert run.usage is not None and run.usage.total_tokens == 5

    stream = await admin.assistants.threads.runs.create(
        thread.id, assistant_id=assistant.id, stream=True
    )
    async with stream:
        events = [e async for e in stream]
    names = [e.event for e in events]
    assert names[0] == "thread.run.created" and names[-1] == "thread.run.completed"
    assert isinstance(events[0].data, Run) and events[0].data.status == "queued"
    deltas = [e.data for e in events if isinstance(e.data, MessageDeltaEvent)]
    assert len(deltas) == len(f"echo: {text}".split(" "))
    assert "".join(d.delta.text for d in deltas) == f"echo: {text}"
    completed = [e.data for e in events if e.event == "thread.message.completed"]
    assert isinstance(completed[0], Message) and completed[0].text == f"echo: {text}"

    messages = await admin.assistants.threads.messages.list(thread.id)
    assert [(m.role, m.text) for m in messages.data] == [  # newest first
        ("assistant", f"echo: {text}"),
        ("assistant", f"echo: {text}"),
        ("user", text),
    ]

    deleted = await admin.assistants.delete(assistant.id)
    assert deleted.deleted and deleted.id == assistant.id
    with pytest.raises(NotFoundError):
        await admin.assistants.delete(assistant.id)


async def test_list_is_the_first_page_only(admin: LiteLLMClient) -> None:
    # The proxy sends the provider limit=20, newest first, whatever the client asks: with more
    # than 20 assistants the pager cannot reach the rest, and says so rather than loop.
    created = await asyncio.gather(
        *(admin.assistants.create(model="fake-gpt", name=f"bulk {i}") for i in range(21))
    )
    first = await admin.assistants.list(limit=5, order="asc")
    assert len(first.data) == 20 and first.has_more
    ids = [a.id for a in first.data]
    assert ids == sorted(ids, reverse=True)  # newest first: order="asc" did not get through
    assert max(a.id for a in created) == ids[0]
    seen = 0
    with pytest.raises(APIResponseValidationError, match="ignored after="):
        async for _ in admin.assistants.list():
            seen += 1
    assert seen == 20
    await asyncio.gather(*(admin.assistants.delete(a.id) for a in created))
