"""client.pass_through.azure's typed methods: the deployment route below /azure/, the
api-version query, the body, the OpenAI-shaped typed result, streams, bad input refused before
I/O."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from aio_litellm import LiteLLMClient
from aio_litellm._endpoint import REGISTRY
from aio_litellm.resources.pass_through.azure import DEFAULT_API_VERSION, Azure
from aio_litellm.types.chat import ChatCompletion, ChatCompletionChunk
from aio_litellm.types.completions import Completion
from aio_litellm.types.embeddings import CreateEmbeddingResponse
from aio_litellm.types.media import ImagesResponse, Transcription

from .conftest import API_KEY, FakeProxy, chunk, reply, sse

DEPLOYMENTS = "/azure/openai/deployments/gpt-4o-prod"
MESSAGES: list[Any] = [{"role": "user", "content": "Hi"}]
CHAT = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1,
    "model": "gpt-4o",
    "choices": [
        {"index": 0, "message": {"role": "assistant", "content": "Hello"}, "finish_reason": "stop"}
    ],
    "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4},
    "prompt_filter_results": [],
}


async def test_chat_completions(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", f"{DEPLOYMENTS}/chat/completions", reply(body=CHAT))
    got = await client.pass_through.azure.chat_completions(
        "gpt-4o-prod", messages=MESSAGES, temperature=0.2, max_tokens=5
    )
    assert isinstance(got, ChatCompletion)
    assert got.choices[0].message.content == "Hello"
    assert got.usage is not None and got.usage.total_tokens == 4
    (call,) = proxy.calls()
    assert call.query == {"api-version": DEFAULT_API_VERSION}
    assert call.json() == {"messages": MESSAGES, "temperature": 0.2, "max_tokens": 5}
    assert call.headers["Authorization"] == f"Bearer {API_KEY}"


async def test_chat_completions_stream(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", f"{DEPLOYMENTS}/chat/completions", sse(chunk("Hel"), chunk("lo")))
    stream = await client.pass_through.azure.chat_completions(
        "gpt-4o-prod", stream=True, messages=MESSAGES, api_version="2025-01-01-preview"
    )
    async with stream:
        chunks = [c async for c in stream]
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == "Hello"
    (call,) = proxy.calls()
    assert call.query == {"api-version": "2025-01-01-preview"}
    assert call.json() == {"messages": MESSAGES, "stream": True}


async def test_deployment_is_one_segment(client: LiteLLMClient, proxy: FakeProxy) -> None:
    # The fake routes on the decoded path; the wire keeps the slash escaped (one segment).
    proxy.on(
        "POST",
        "/azure/openai/deployments/a/b/completions",
        reply(body={"id": "c", "choices": [{"index": 0, "text": "x"}]}),
    )
    got = await client.pass_through.azure.completions("a/b", prompt="x")
    assert isinstance(got, Completion)
    (call,) = proxy.calls()
    assert "/deployments/a%2Fb/completions" in call.raw_path


async def test_completions(client: LiteLLMClient, proxy: FakeProxy) -> None:
    body = {"id": "cmpl-1", "object": "text_completion", "choices": [{"index": 0, "text": "!"}]}
    proxy.on("POST", "/azure/openai/deployments/davinci/completions", reply(body=body))
    got = await client.pass_through.azure.completions("davinci", prompt="Say", max_tokens=1)
    assert isinstance(got, Completion)
    assert got.choices[0].text == "!"
    (call,) = proxy.calls()
    assert call.json() == {"prompt": "Say", "max_tokens": 1}
    assert call.query["api-version"] == DEFAULT_API_VERSION


async def test_embeddings(client: LiteLLMClient, proxy: FakeProxy) -> None:
    body = {
        "object": "list",
        "data": [{"object": "embedding", "index": 0, "embedding": [0.5, 0.25]}],
        "model": "text-embedding-3-small",
        "usage": {"prompt_tokens": 2, "total_tokens": 2},
    }
    proxy.on("POST", "/azure/openai/deployments/emb/embeddings", reply(body=body))
    got = await client.pass_through.azure.embeddings("emb", input=["hi"], dimensions=2)
    assert isinstance(got, CreateEmbeddingResponse)
    assert got.data[0].embedding == [0.5, 0.25]
    assert got.usage is not None and got.usage.total_tokens == 2
    assert proxy.calls()[0].json() == {"input": ["hi"], "dimensions": 2}


async def test_image_generations(client: LiteLLMClient, proxy: FakeProxy) -> None:
    body = {"created": 1, "data": [{"url": "https://img/1.png", "revised_prompt": "a cat"}]}
    proxy.on("POST", "/azure/openai/deployments/dalle/images/generations", reply(body=body))
    got = await client.pass_through.azure.images.generations("dalle", prompt="cat", n=1)
    assert isinstance(got, ImagesResponse)
    assert got.data[0].url == "https://img/1.png"
    (call,) = proxy.calls()
    assert call.json() == {"prompt": "cat", "n": 1}
    assert call.query == {"api-version": DEFAULT_API_VERSION}


async def test_audio_transcriptions(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on(
        "POST",
        "/azure/openai/deployments/whisper/audio/transcriptions",
        reply(body={"text": "hello world"}),
    )
    got = await client.pass_through.azure.audio.transcriptions(
        "whisper", file=("a.wav", b"RIFF0000", "audio/wav"), language="en"
    )
    assert isinstance(got, Transcription)
    assert got.text == "hello world"
    (call,) = proxy.calls()
    assert call.content_type == "multipart/form-data"
    assert b'name="file"; filename="a.wav"' in call.body
    assert b"RIFF0000" in call.body
    assert b'name="language"' in call.body and b"\r\nen\r\n" in call.body
    assert call.query == {"api-version": DEFAULT_API_VERSION}


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda az: az.chat_completions("d"), TypeError),
        (lambda az: az.chat_completions("", messages=MESSAGES), ValueError),
        (lambda az: az.chat_completions(None, messages=MESSAGES), ValueError),
        (lambda az: az.chat_completions("d", messages=MESSAGES, api_version=""), ValueError),
        (lambda az: az.completions("d"), TypeError),
        (lambda az: az.embeddings("d"), TypeError),
        (lambda az: az.images.generations("d"), TypeError),
        (lambda az: az.audio.transcriptions("d", file=None), TypeError),
        (lambda az: az.audio.transcriptions(" ", file=b"x"), ValueError),
    ],
)
async def test_bad_input_refused_before_io(
    client: LiteLLMClient, proxy: FakeProxy, call: Any, error: type[Exception]
) -> None:
    with pytest.raises(error):
        await call(client.pass_through.azure)
    assert proxy.calls() == []


async def test_raw_verbs_still_work(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("GET", "/azure/openai/models", reply(body={"data": []}))
    assert await client.pass_through.azure.get("openai/models") == {"data": []}


def test_every_azure_row_is_declared() -> None:
    inventory = Path(__file__).parent / "data" / "litellm-endpoints.tsv"
    with inventory.open() as f:
        rows = {
            (r["method"], r["path"])
            for r in csv.DictReader(f, delimiter="\t")
            if r["group"] == "passThrough.azure"
        }
    assert len(rows) == 5
    declared = {
        (ep.method, ep.path) for ep in REGISTRY if ep.attr.startswith("pass_through.azure.")
    }
    assert rows == declared
    assert {(ep.method, ep.path) for ep in Azure.routes.values()} == rows
