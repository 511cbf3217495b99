"""client.pass_through.mistral's typed methods: the wire route below /mistral/v1/, the body,
the typed result, streams of CompletionChunk, bad input refused before I/O."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from aio_litellm import LiteLLMClient
from aio_litellm.types.pass_through.mistral import (
    ChatCompletionResponse,
    CompletionChunk,
    EmbeddingResponse,
    FIMCompletionResponse,
    ModelList,
)

from .conftest import FakeProxy, reply, sse

MESSAGES: list[Any] = [{"role": "user", "content": "Hi"}]


def answer(content: Any) -> dict[str, Any]:
    return {
        "id": "cmpl-1",
        "object": "chat.completion",
        "model": "mistral-small-latest",
        "created": 1,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
    }


def event(content: Any, usage: Any = None) -> bytes:
    data = {"id": "c", "model": "m", "choices": [{"index": 0, "delta": {"content": content}}]}
    if usage:
        data["usage"] = usage
    return b"data: " + orjson.dumps(data) + b"\n\n"


async def test_chat(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", "/mistral/v1/chat/completions", reply(body=answer("Hello")))
    got = await client.pass_through.mistral.chat.completions.create(
        model="mistral-small-latest", messages=MESSAGES, safe_prompt=True
    )
    assert isinstance(got, ChatCompletionResponse)
    assert got.text == "Hello" and got.choices[0].finish_reason == "stop"
    assert got.usage is not None and got.usage.total_tokens == 5
    (call,) = proxy.calls()
    assert call.json() == {
        "model": "mistral-small-latest",
        "messages": MESSAGES,
        "safe_prompt": True,
    }


async def test_chat_content_chunks(client: LiteLLMClient, proxy: FakeProxy) -> None:
    # Reasoning models answer a list of chunks: the text ones make ``text``.
    content = [{"type": "thinking", "thinking": []}, {"type": "text", "text": "42"}]
    proxy.on("POST", "/mistral/v1/chat/completions", reply(body=answer(content)))
    got = await client.pass_through.mistral.chat.completions.create(model="m", messages=MESSAGES)
    assert got.text == "42"
    proxy.on("POST", "/mistral/v1/chat/completions", reply(body={"choices": []}))
    empty = await client.pass_through.mistral.chat.completions.create(model="m", messages=MESSAGES)
    assert empty.text == "" and empty.usage is None


async def test_chat_stream(client: LiteLLMClient, proxy: FakeProxy) -> None:
    usage = {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}
    proxy.on(
        "POST",
        "/mistral/v1/chat/completions",
        sse(event("Hel"), event("lo"), event("", usage)),
    )
    stream = await client.pass_through.mistral.chat.completions.create(
        model="m", messages=MESSAGES, stream=True
    )
    async with stream:
        chunks = [c async for c in stream]
    assert all(isinstance(c, CompletionChunk) for c in chunks)
    assert "".join(c.text for c in chunks) == "Hello"
    assert chunks[-1].usage is not None and chunks[-1].usage.total_tokens == 5
    assert proxy.calls()[0].json()["stream"] is True


async def test_fim_and_agents(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", "/mistral/v1/fim/completions", reply(body=answer("return a + b")))
    proxy.on("POST", "/mistral/v1/agents/completions", reply(body=answer("agent says")))
    mistral = client.pass_through.mistral
    fim = await mistral.fim.completions.create(
        model="codestral-latest", prompt="def add(a, b):", suffix="\n"
    )
    assert isinstance(fim, FIMCompletionResponse) and fim.text == "return a + b"
    agent = await mistral.agents.completions.create(agent_id="ag_1", messages=MESSAGES)
    assert agent.text == "agent says"
    fim_call, agent_call = proxy.calls()
    assert fim_call.json() == {
        "model": "codestral-latest",
        "prompt": "def add(a, b):",
        "suffix": "\n",
    }
    assert agent_call.json() == {"agent_id": "ag_1", "messages": MESSAGES}

    proxy.on("POST", "/mistral/v1/fim/completions", sse(event("x")))
    stream = await mistral.fim.completions.create(model="c", prompt="p", stream=True)
    async with stream:
        assert [c.text async for c in stream] == ["x"]
    proxy.on("POST", "/mistral/v1/agents/completions", sse(event("y")))
    stream = await mistral.agents.completions.create(agent_id="a", messages=MESSAGES, stream=True)
    async with stream:
        assert [c.text async for c in stream] == ["y"]


async def test_embeddings_and_models(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on(
        "POST",
        "/mistral/v1/embeddings",
        reply(
            body={
                "id": "e1",
                "object": "list",
                "model": "mistral-embed",
                "data": [{"object": "embedding", "embedding": [0.1, 0.2], "index": 0}],
                "usage": {"prompt_tokens": 2, "total_tokens": 2},
            }
        ),
    )
    proxy.on(
        "GET",
        "/mistral/v1/models",
        reply(
            body={
                "object": "list",
                "data": [{"id": "mistral-small-latest", "capabilities": {"completion_chat": True}}],
            }
        ),
    )
    mistral = client.pass_through.mistral
    got = await mistral.embeddings.create(model="mistral-embed", input=["a"])
    assert isinstance(got, EmbeddingResponse) and got.data[0].embedding == [0.1, 0.2]
    models = await mistral.models.list()
    assert isinstance(models, ModelList)
    assert models.data[0].capabilities == {"completion_chat": True}
    assert proxy.calls()[0].json() == {"model": "mistral-embed", "input": ["a"]}


@pytest.mark.parametrize(
    ("call", "params"),
    [
        ("chat", {"model": "m"}),
        ("fim", {"model": "m"}),
        ("agents", {"messages": MESSAGES}),
        ("embeddings", {"model": "m"}),
    ],
)
async def test_missing_fields_refused_before_io(
    client: LiteLLMClient, proxy: FakeProxy, call: str, params: Any
) -> None:
    mistral = client.pass_through.mistral
    method: Any = {
        "chat": mistral.chat.completions.create,
        "fim": mistral.fim.completions.create,
        "agents": mistral.agents.completions.create,
        "embeddings": mistral.embeddings.create,
    }[call]
    with pytest.raises(TypeError, match="missing required"):
        await method(**params)
    assert proxy.calls() == []
