"""client.pass_through.cursor's typed methods: Cloud Agents routes below /cursor/v0/, the
proxy's /cursor/models and /cursor/chat/completions, typed results (camelCase read as
snake_case), bad input refused before I/O."""

from __future__ import annotations

from typing import Any

import pytest

from aio_litellm import LiteLLMClient
from aio_litellm.types.chat import ChatCompletion
from aio_litellm.types.models import ModelList
from aio_litellm.types.pass_through.cursor import (
    Agent,
    AgentId,
    AgentList,
    ApiKeyInfo,
    Conversation,
    RepositoryList,
)

from .conftest import FakeProxy, reply

MESSAGES: list[Any] = [{"role": "user", "content": "Hi"}]

ROUTE_ARGS = {"pass_through.cursor.chat_completions": {"model": "m", "messages": MESSAGES}}

AGENT = {
    "id": "bc_1",
    "name": "Add README",
    "status": "RUNNING",
    "source": {"repository": "https://github.com/o/r", "ref": "main"},
    "target": {"branchName": "cursor/readme", "url": "https://cursor.com/agents?id=bc_1"},
    "createdAt": "2025-01-01T00:00:00Z",
}


async def test_me_and_repositories(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on(
        "GET",
        "/cursor/v0/me",
        reply(body={"apiKeyName": "ci", "createdAt": "2025-01-01", "userEmail": "a@b.c"}),
    )
    proxy.on(
        "GET",
        "/cursor/v0/repositories",
        reply(body={"repositories": [{"owner": "o", "name": "r", "repository": "https://x"}]}),
    )
    cursor = client.pass_through.cursor
    me = await cursor.me()
    assert isinstance(me, ApiKeyInfo)
    assert (me.api_key_name, me.user_email) == ("ci", "a@b.c")
    repos = await cursor.repositories()
    assert isinstance(repos, RepositoryList) and repos.repositories[0].name == "r"


async def test_agents_lifecycle(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", "/cursor/v0/agents", reply(body=AGENT))
    proxy.on("GET", "/cursor/v0/agents", reply(body={"agents": [AGENT], "nextCursor": "n2"}))
    proxy.on("GET", "/cursor/v0/agents/bc_1", reply(body={**AGENT, "status": "FINISHED"}))
    proxy.on(
        "GET",
        "/cursor/v0/agents/bc_1/conversation",
        reply(
            body={
                "id": "bc_1",
                "messages": [{"id": "m1", "type": "user_message", "text": "Add README"}],
            }
        ),
    )
    for tail in ("/followup", "/stop"):
        proxy.on("POST", f"/cursor/v0/agents/bc_1{tail}", reply(body={"id": "bc_1"}))
    proxy.on("DELETE", "/cursor/v0/agents/bc_1", reply(body={"id": "bc_1"}))
    agents = client.pass_through.cursor.agents
    launched = await agents.launch(
        prompt={"text": "Add README"},
        source={"repository": "https://github.com/o/r", "ref": "main"},
        target={"autoCreatePr": True},
    )
    assert isinstance(launched, Agent)
    assert launched.target is not None and launched.target.branch_name == "cursor/readme"
    assert launched.created_at == "2025-01-01T00:00:00Z"
    page = await agents.list(limit=5, cursor="n1")
    assert isinstance(page, AgentList) and page.next_cursor == "n2"
    assert page.agents[0].id == "bc_1"
    got = await agents.get("bc_1")
    assert got.status == "FINISHED"
    conversation = await agents.conversation("bc_1")
    assert isinstance(conversation, Conversation)
    assert conversation.messages[0].text == "Add README"
    followed = await agents.followup("bc_1", prompt={"text": "Also a LICENSE"})
    stopped = await agents.stop("bc_1")
    deleted = await agents.delete("bc_1")
    assert all(isinstance(r, AgentId) and r.id == "bc_1" for r in (followed, stopped, deleted))

    launch, listing, get, conv, followup, stop, delete = proxy.calls()
    assert conv.method == "GET"
    assert launch.json() == {
        "prompt": {"text": "Add README"},
        "source": {"repository": "https://github.com/o/r", "ref": "main"},
        "target": {"autoCreatePr": True},
    }
    assert listing.query == {"limit": "5", "cursor": "n1"}
    assert followup.json() == {"prompt": {"text": "Also a LICENSE"}}
    assert (get.body, stop.body, delete.body) == (b"", b"", b"")


async def test_agent_ids_stay_one_segment(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("GET", "/cursor/v0/agents/a/b", reply(body=AGENT))
    # The fake routes on the decoded path; on the wire the id is one segment.
    await client.pass_through.cursor.agents.get("a/b")
    assert proxy.calls()[0].raw_path == "/cursor/v0/agents/a%2Fb"


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda a: a.launch(prompt={"text": "x"}), TypeError),
        (lambda a: a.launch(source={"repository": "r"}), TypeError),
        (lambda a: a.followup("bc_1"), TypeError),
        (lambda a: a.get(""), ValueError),
        (lambda a: a.stop(None), TypeError),
    ],
)
async def test_bad_input_refused_before_io(
    client: LiteLLMClient, proxy: FakeProxy, call: Any, error: type[Exception]
) -> None:
    with pytest.raises(error):
        await call(client.pass_through.cursor.agents)
    assert proxy.calls() == []


async def test_models_and_chat_completions(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("GET", "/cursor/models", reply(body={"object": "list", "data": [{"id": "fake-gpt"}]}))
    proxy.on(
        "POST",
        "/cursor/chat/completions",
        reply(
            body={
                "id": "c1",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi"}}],
            }
        ),
    )
    cursor = client.pass_through.cursor
    models = await cursor.models()
    assert isinstance(models, ModelList) and models.data[0].id == "fake-gpt"
    chat = await cursor.chat_completions(model="fake-gpt", messages=MESSAGES)
    assert isinstance(chat, ChatCompletion) and chat.choices[0].message.content == "Hi"
    assert proxy.calls()[1].json() == {"model": "fake-gpt", "messages": MESSAGES}
    with pytest.raises(TypeError):
        await cursor.chat_completions(model="fake-gpt")  # type: ignore[call-arg]
    assert len(proxy.calls()) == 2
