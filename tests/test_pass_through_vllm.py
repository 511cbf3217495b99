"""client.pass_through.vllm's typed methods (vLLM's OpenAI API): the wire route below /vllm/,
the body, the project's OpenAI result types, the chat stream, bad input refused before I/O."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import orjson
import pytest

from aio_litellm import LiteLLMClient
from aio_litellm._endpoint import REGISTRY
from aio_litellm.resources.pass_through import vllm as _vllm_module  # noqa: F401  (registers)
from aio_litellm.types.chat import ChatCompletion, ChatCompletionChunk
from aio_litellm.types.completions import Completion
from aio_litellm.types.embeddings import CreateEmbeddingResponse
from aio_litellm.types.models import ModelList

from .conftest import FakeProxy, chunk, reply, sse

MESSAGES: list[Any] = [{"role": "user", "content": "Hi"}]

CHAT = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "model": "m",
    "choices": [
        {"index": 0, "message": {"role": "assistant", "content": "Hello"}, "finish_reason": "stop"}
    ],
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    "prompt_logprobs": None,
}

INVENTORY = Path(__file__).parent / "data" / "litellm-endpoints.tsv"
PROVIDERS = ("cursor", "cohere", "mistral", "vllm", "vertex_ai")


def test_every_inventory_row_of_these_providers_is_declared() -> None:
    import aio_litellm.resources.pass_through.cohere
    import aio_litellm.resources.pass_through.cursor
    import aio_litellm.resources.pass_through.mistral
    import aio_litellm.resources.pass_through.vertex_ai  # noqa: F401

    with INVENTORY.open() as f:
        rows = [
            (r["method"], r["path"])
            for r in csv.DictReader(f, delimiter="\t")
            if r["group"] in {f"passThrough.{p}" for p in PROVIDERS}
        ]
    declared = {(ep.method, ep.path) for ep in REGISTRY}
    assert len(rows) == 33
    assert [row for row in rows if row not in declared] == []


async def test_chat_completions(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", "/vllm/v1/chat/completions", reply(body=CHAT))
    got = await client.pass_through.vllm.chat.completions.create(
        model="m", messages=MESSAGES, max_tokens=5
    )
    assert isinstance(got, ChatCompletion)
    assert got.choices[0].message.content == "Hello"
    assert got.usage is not None and got.usage.total_tokens == 2
    assert got.raw_response is not None
    (call,) = proxy.calls()
    assert call.json() == {"model": "m", "messages": MESSAGES, "max_tokens": 5}


async def test_chat_completions_stream(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", "/vllm/v1/chat/completions", sse(chunk("Hel"), chunk("lo")))
    stream = await client.pass_through.vllm.chat.completions.create(
        model="m", messages=MESSAGES, stream=True
    )
    async with stream:
        chunks = [c async for c in stream]
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == "Hello"
    assert proxy.calls()[0].json()["stream"] is True


async def test_completions_embeddings_models(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on(
        "POST",
        "/vllm/v1/completions",
        reply(body={"id": "c1", "choices": [{"index": 0, "text": "done"}], "model": "m"}),
    )
    proxy.on(
        "POST",
        "/vllm/v1/embeddings",
        reply(body={"data": [{"index": 0, "embedding": [0.5, 1.0]}], "model": "m"}),
    )
    proxy.on("GET", "/vllm/v1/models", reply(body={"data": [{"id": "m", "owned_by": "vllm"}]}))
    vllm = client.pass_through.vllm
    completion = await vllm.completions.create(model="m", prompt="Say", max_tokens=3)
    assert isinstance(completion, Completion) and completion.choices[0].text == "done"
    embeddings = await vllm.embeddings.create(model="m", input=["a"], dimensions=2)
    assert isinstance(embeddings, CreateEmbeddingResponse)
    assert embeddings.data[0].embedding == [0.5, 1.0]
    models = await vllm.models.list()
    assert isinstance(models, ModelList) and models.data[0].id == "m"
    completion_call, embedding_call, models_call = proxy.calls()
    assert completion_call.json() == {"model": "m", "prompt": "Say", "max_tokens": 3}
    assert embedding_call.json() == {"model": "m", "input": ["a"], "dimensions": 2}
    assert models_call.body == b""


async def test_raw_verbs_still_work(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", "/vllm/tokenize", reply(body={"tokens": [1, 2]}))
    assert await client.pass_through.vllm.post("tokenize", json={"prompt": "x"}) == {
        "tokens": [1, 2]
    }


@pytest.mark.parametrize(
    ("call", "params"),
    [
        ("chat", {"model": "m"}),
        ("chat", {"messages": MESSAGES}),
        ("chat", {"model": "", "messages": MESSAGES}),
        ("completions", {"model": "m"}),
        ("embeddings", {"input": "x"}),
    ],
)
async def test_missing_fields_refused_before_io(
    client: LiteLLMClient, proxy: FakeProxy, call: str, params: Any
) -> None:
    vllm = client.pass_through.vllm
    method: Any = {
        "chat": vllm.chat.completions.create,
        "completions": vllm.completions.create,
        "embeddings": vllm.embeddings.create,
    }[call]
    with pytest.raises(TypeError, match="missing required"):
        await method(**params)
    with pytest.raises(TypeError):
        stream_params: Any = {"model": "m"}
        await vllm.chat.completions.create(stream=True, **stream_params)
    assert proxy.calls() == []


async def test_error_event_in_stream(client: LiteLLMClient, proxy: FakeProxy) -> None:
    error = b"data: " + orjson.dumps({"error": {"message": "boom", "code": 500}}) + b"\n\n"
    proxy.on("POST", "/vllm/v1/chat/completions", sse(chunk("a"), error, done=False))
    stream = await client.pass_through.vllm.chat.completions.create(
        model="m", messages=MESSAGES, stream=True
    )
    with pytest.raises(Exception, match="boom"):
        async with stream:
            [c async for c in stream]
