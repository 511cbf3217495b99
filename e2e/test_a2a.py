"""A2A through the real proxy: an agent registered with the proxy pointing at our echo agent
(e2e/a2a_agent.py), its card, a message sent and one streamed, discovery, JSON-RPC refusals;
and the client straight against the echo agent (a real SSE stream, an error event in it).

Two things of the proxy 1.110.2 as this suite runs it decide what the proxy part can show:
- it refuses 127.0.0.1 as SSRF unless ``litellm_settings.user_url_allowed_hosts`` lists it:
  discovery is asserted refused (400) unless the suite's config allows it;
- it invokes agents only with the ``a2a-sdk`` package (its ``extra-proxy`` extra), which the
  launcher installs into the proxy's environment.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any, cast

import pytest

from aio_litellm import BadRequestError, LiteLLMClient, NotFoundError
from aio_litellm.types import a2a as t

from .a2a_agent import AGENT_NAME, FAIL, card, start_agent
from .launcher import CONFIG

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]

LOOPBACK_ALLOWED = "user_url_allowed_hosts" in CONFIG.read_text()


@pytest.fixture
async def agent_url() -> AsyncIterator[str]:
    runner, url = await start_agent()
    try:
        yield url
    finally:
        await runner.cleanup()


@pytest.fixture
async def agent(admin: LiteLLMClient, agent_url: str) -> AsyncIterator[Any]:
    created = await admin.agents.create(
        agent_name=f"e2e-a2a-{uuid.uuid4().hex[:12]}",
        agent_card_params=cast(Any, card(agent_url)),
    )
    try:
        yield created
    finally:
        await admin.agents.delete(created.agent_id)


async def test_card_points_at_the_proxy(admin: LiteLLMClient, agent: Any) -> None:
    got = await admin.a2a.card(agent.agent_id)
    assert isinstance(got, t.AgentCard)
    assert got.name == AGENT_NAME and [s.id for s in got.skills] == ["echo"]
    assert got.capabilities.streaming is True
    # The proxy rewrites the card's url to itself, so clients go through it.
    assert got.url.rstrip("/").endswith(f"/a2a/{agent.agent_id}")
    assert got.url.startswith(admin.base_url)
    by_name = await admin.a2a.card(agent.agent_name)
    assert by_name.name == AGENT_NAME


async def test_send_and_stream_through_the_proxy(admin: LiteLLMClient, agent: Any) -> None:
    word = uuid.uuid4().hex
    got = await admin.a2a.send_message(agent.agent_id, f"hello {word}")
    assert isinstance(got, (t.Message, t.Task))
    text = got.text if isinstance(got, t.Message) else repr(got)
    assert f"echo: hello {word}" in text
    events = [e async for e in await admin.a2a.stream_message(agent.agent_id, f"hi {word}")]
    assert events, "the proxy relayed no event"
    finals = [e for e in events if isinstance(e, t.TaskStatusUpdateEvent) and e.final]
    assert finals and finals[-1].status.state == "completed"
    artifacts = [e for e in events if isinstance(e, t.TaskArtifactUpdateEvent)]
    assert artifacts and artifacts[0].artifact.text == f"echo: hi {word}"


async def test_discover(admin: LiteLLMClient, agent_url: str) -> None:
    if LOOPBACK_ALLOWED:
        got = await admin.a2a.discover(url=agent_url)
        assert got.agent_card.name == AGENT_NAME and got.agent_card.url == agent_url
        return
    with pytest.raises(BadRequestError) as refused:  # 127.0.0.1 refused as SSRF
        await admin.a2a.discover(url=agent_url)
    assert agent_url.rstrip("/") in refused.value.message


async def test_unknown_agent_and_method(admin: LiteLLMClient, agent: Any) -> None:
    missing = f"no-such-agent-{uuid.uuid4().hex[:8]}"
    with pytest.raises(NotFoundError) as info:
        await admin.a2a.send_message(missing, "hi")
    assert info.value.error_code == "-32000" and missing in info.value.message
    with pytest.raises(NotFoundError):
        await admin.a2a.card(missing)
    with pytest.raises(BadRequestError) as bad:
        await admin.a2a.call(agent.agent_id, "no/such/method")
    assert bad.value.error_code == "-32601"


# -- the client straight against the echo agent: what the proxy would relay ------------------


@pytest.fixture
async def direct(agent_url: str) -> AsyncIterator[LiteLLMClient]:
    async with LiteLLMClient(base_url=agent_url.rstrip("/"), api_key="sk-unused") as client:
        yield client


async def test_echo_agent_send_and_stream(direct: LiteLLMClient) -> None:
    got = await direct.a2a.send_message("echo", "hello")
    assert isinstance(got, t.Message) and got.text == "echo: hello"
    events = [e async for e in await direct.a2a.stream_message("echo", "hello")]
    assert [type(e) for e in events] == [
        t.Task,
        t.TaskStatusUpdateEvent,
        t.TaskArtifactUpdateEvent,
        t.TaskStatusUpdateEvent,
    ]
    artifact, done = events[2], events[3]
    assert (
        isinstance(artifact, t.TaskArtifactUpdateEvent) and artifact.artifact.text == "echo: hello"
    )
    assert isinstance(done, t.TaskStatusUpdateEvent) and done.final
    assert done.status.state == "completed"


async def test_echo_agent_errors_are_typed(direct: LiteLLMClient) -> None:
    events: list[t.StreamEvent] = []
    stream = await direct.a2a.stream_message("echo", FAIL, id="s-1")
    with pytest.raises(t.A2AError) as info:
        async for event in stream:
            events.append(event)
    assert (info.value.code, info.value.id, info.value.message) == (
        -32603,
        "s-1",
        "the echo failed",
    )
    assert [type(e) for e in events] == [t.Task] and stream.closed
    with pytest.raises(t.A2AError) as refused:  # a JSON-RPC error in a 200 answer
        await direct.a2a.call("echo", "tasks/get", {"id": "t"})
    assert refused.value.code == -32601
