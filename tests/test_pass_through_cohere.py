"""client.pass_through.cohere's typed methods: the wire route below /cohere/, the body, the
typed result, the v2 chat stream (Cohere's named SSE events), bad input refused before I/O."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from aio_litellm import LiteLLMClient
from aio_litellm.types.pass_through.cohere import (
    ClassifyResponse,
    DetokenizeResponse,
    EmbedResponse,
    Generation,
    NonStreamedChatResponse,
    RerankResponse,
    StreamedChatResponseV2,
    TokenizeResponse,
    V2ChatResponse,
)

from .conftest import FakeProxy, reply, sse

META = {"api_version": {"version": "1"}, "billed_units": {"input_tokens": 3, "output_tokens": 2}}


async def test_chat_v1(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on(
        "POST",
        "/cohere/v1/chat",
        reply(
            body={
                "text": "Hello",
                "generation_id": "g1",
                "finish_reason": "COMPLETE",
                "meta": META,
            }
        ),
    )
    got = await client.pass_through.cohere.chat(
        message="Hi", model="command-r", chat_history=[{"role": "USER", "message": "x"}]
    )
    assert isinstance(got, NonStreamedChatResponse)
    assert (got.text, got.finish_reason) == ("Hello", "COMPLETE")
    assert got.meta is not None and got.meta.billed_units == META["billed_units"]
    assert proxy.calls()[0].json() == {
        "message": "Hi",
        "model": "command-r",
        "chat_history": [{"role": "USER", "message": "x"}],
    }


async def test_chat_v2(client: LiteLLMClient, proxy: FakeProxy) -> None:
    body = {
        "id": "c1",
        "finish_reason": "COMPLETE",
        "message": {
            "role": "assistant",
            "content": [{"type": "thinking", "thinking": "hm"}, {"type": "text", "text": "Hi!"}],
        },
        "usage": {"billed_units": {"input_tokens": 1}, "tokens": {"output_tokens": 2}},
    }
    proxy.on("POST", "/cohere/v2/chat", reply(body=body))
    messages: list[Any] = [{"role": "user", "content": "Hi"}]
    got = await client.pass_through.cohere.chat_v2(model="command-a", messages=messages)
    assert isinstance(got, V2ChatResponse)
    assert got.text == "Hi!" and got.usage is not None
    assert got.usage.tokens == {"output_tokens": 2}
    assert proxy.calls()[0].json() == {"model": "command-a", "messages": messages}


def named(event: dict[str, Any]) -> bytes:
    return f"event: {event['type']}\n".encode() + b"data: " + orjson.dumps(event) + b"\n\n"


async def test_chat_v2_stream(client: LiteLLMClient, proxy: FakeProxy) -> None:
    events = [
        {"type": "message-start", "id": "c1", "delta": {"message": {"role": "assistant"}}},
        {"type": "content-start", "index": 0, "delta": {"message": {"content": {"text": ""}}}},
        {"type": "content-delta", "index": 0, "delta": {"message": {"content": {"text": "Hel"}}}},
        {"type": "content-delta", "index": 0, "delta": {"message": {"content": {"text": "lo"}}}},
        {"type": "content-end", "index": 0},
        {"type": "message-end", "delta": {"finish_reason": "COMPLETE", "usage": {}}},
    ]
    # Cohere ends the body without [DONE].
    proxy.on("POST", "/cohere/v2/chat", sse(*[named(e) for e in events], done=False))
    stream = await client.pass_through.cohere.chat_v2(
        model="command-a", messages=[{"role": "user", "content": "Hi"}], stream=True
    )
    async with stream:
        got = [e async for e in stream]
    assert all(isinstance(e, StreamedChatResponseV2) for e in got)
    assert [e.type for e in got] == [e["type"] for e in events]
    assert "".join(e.text for e in got) == "Hello"
    assert got[-1].delta == {"finish_reason": "COMPLETE", "usage": {}}
    assert proxy.calls()[0].json()["stream"] is True


async def test_embed_rerank_classify(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on(
        "POST",
        "/cohere/v1/embed",
        reply(
            body={
                "id": "e1",
                "response_type": "embeddings_floats",
                "embeddings": [[0.1, 0.2]],
                "texts": ["a"],
                "meta": META,
            }
        ),
    )
    proxy.on(
        "POST",
        "/cohere/v1/rerank",
        reply(body={"id": "r1", "results": [{"index": 1, "relevance_score": 0.9}]}),
    )
    proxy.on(
        "POST",
        "/cohere/v1/classify",
        reply(
            body={
                "id": "k1",
                "classifications": [
                    {"input": "great", "prediction": "positive", "confidence": 0.8}
                ],
            }
        ),
    )
    cohere = client.pass_through.cohere
    embed = await cohere.embed(texts=["a"], model="embed-v4.0", input_type="search_document")
    assert isinstance(embed, EmbedResponse) and embed.embeddings == [[0.1, 0.2]]
    rerank = await cohere.rerank(query="q", documents=["x", "y"], top_n=1)
    assert isinstance(rerank, RerankResponse)
    assert (rerank.results[0].index, rerank.results[0].relevance_score) == (1, 0.9)
    classify = await cohere.classify(
        inputs=["great"], examples=[{"text": "good", "label": "positive"}]
    )
    assert isinstance(classify, ClassifyResponse)
    assert classify.classifications[0].prediction == "positive"
    embed_call, rerank_call, classify_call = proxy.calls()
    assert embed_call.json() == {
        "texts": ["a"],
        "model": "embed-v4.0",
        "input_type": "search_document",
    }
    assert rerank_call.json() == {"query": "q", "documents": ["x", "y"], "top_n": 1}
    assert classify_call.json()["inputs"] == ["great"]


async def test_embed_by_type(client: LiteLLMClient, proxy: FakeProxy) -> None:
    by_type = {"float": [[0.5]], "int8": [[3]]}
    proxy.on(
        "POST",
        "/cohere/v1/embed",
        reply(body={"response_type": "embeddings_by_type", "embeddings": by_type}),
    )
    got = await client.pass_through.cohere.embed(images=["data:image/png;base64,AA=="])
    assert got.embeddings == by_type


async def test_generate_tokenize_detokenize(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on(
        "POST",
        "/cohere/v1/generate",
        reply(body={"id": "g", "prompt": "p", "generations": [{"id": "x", "text": "done"}]}),
    )
    proxy.on(
        "POST",
        "/cohere/v1/tokenize",
        reply(body={"tokens": [1, 2], "token_strings": ["he", "llo"]}),
    )
    proxy.on("POST", "/cohere/v1/detokenize", reply(body={"text": "hello"}))
    cohere = client.pass_through.cohere
    generation = await cohere.generate(prompt="p", max_tokens=3)
    assert isinstance(generation, Generation) and generation.generations[0].text == "done"
    tokens = await cohere.tokenize(text="hello", model="command-r")
    assert isinstance(tokens, TokenizeResponse) and tokens.tokens == [1, 2]
    text = await cohere.detokenize(tokens=[1, 2], model="command-r")
    assert isinstance(text, DetokenizeResponse) and text.text == "hello"
    assert [c.path for c in proxy.calls()] == [
        "/cohere/v1/generate",
        "/cohere/v1/tokenize",
        "/cohere/v1/detokenize",
    ]
    assert proxy.calls()[2].json() == {"tokens": [1, 2], "model": "command-r"}


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("chat", {"model": "m"}),
        ("chat_v2", {"model": "m"}),
        ("chat_v2", {"messages": [{"role": "user", "content": "x"}]}),
        ("embed", {"model": "m"}),
        ("rerank", {"query": "q"}),
        ("classify", {"examples": []}),
        ("generate", {"model": "m"}),
        ("tokenize", {"text": "x"}),
        ("detokenize", {"tokens": [], "model": "m"}),
    ],
)
async def test_missing_fields_refused_before_io(
    client: LiteLLMClient, proxy: FakeProxy, name: str, params: Any
) -> None:
    with pytest.raises(TypeError):
        await getattr(client.pass_through.cohere, name)(**params)
    assert proxy.calls() == []
