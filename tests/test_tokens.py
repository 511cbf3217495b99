"""Exact token counts from the proxy (``TokenCounter``) and the batch helper batching by them."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import LiteLLMClient
from aio_litellm._tokens import TokenCounter
from aio_litellm.resources.embeddings import chunk_texts

from .conftest import FakeProxy, reply
from .test_batch_embeddings import embedder


def word_counter(counted: list[str]) -> Any:
    """``/utils/token_counter`` answering one token a word (the local estimate is 4 chars)."""

    async def handler(request: web.Request) -> web.StreamResponse:
        body = orjson.loads(await request.read())
        counted.append(body["prompt"])
        assert body["model"] == "emb"
        return web.json_response({"total_tokens": len(body["prompt"].split()), "model_used": "m"})

    return handler


async def test_counts_are_exact_cached_and_in_order(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    counted: list[str] = []
    proxy.on("POST", "/utils/token_counter", word_counter(counted))
    counter = TokenCounter(client, "emb", concurrency=2, cache_size=2)
    assert await counter.count_many(["a b c", "d", "a b c", "x y"]) == [3, 1, 3, 2]
    assert counter.calls == 3 and sorted(counted) == ["a b c", "d", "x y"]
    assert await counter.count("z z z z") == 4  # evicts the oldest of a full cache
    assert await counter.count("a b c") == 3
    assert counter.calls == 5
    assert await counter.count("z z z z") == 4  # still cached
    assert counter.calls == 5
    uncached = TokenCounter(client, "emb", cache_size=0)
    assert [await uncached.count("d"), await uncached.count("d")] == [1, 1]
    assert uncached.calls == 2


async def test_bad_input_and_a_failed_count(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="model"):
        TokenCounter(client, "")
    with pytest.raises(ValueError, match="concurrency"):
        TokenCounter(client, "m", concurrency=0)
    counter = TokenCounter(client, "m")
    with pytest.raises(TypeError, match="str"):
        await counter.count(b"bytes")  # type: ignore[arg-type]
    proxy.on(
        "POST",
        "/utils/token_counter",
        reply(body={"total_tokens": 0, "error": True, "error_message": "no tokenizer"}),
    )
    with pytest.raises(ValueError, match="no tokenizer"):
        await counter.count("x")
    assert len(proxy.seen) == 1


async def test_chunking_by_exact_counts(proxy: FakeProxy, client: LiteLLMClient) -> None:
    counted: list[str] = []
    proxy.on("POST", "/utils/token_counter", word_counter(counted))
    # Short words: the estimate (4 chars a token) would put all of them in one batch of 4.
    texts = ["a b c d e", "f g h i j", "k", "l m n o p q"]
    counter = TokenCounter(client, "emb")
    groups = [g async for g in chunk_texts(texts, 10, 10, counter)]
    assert groups == [(0, texts[0:2], 10), (2, texts[2:], 7)]
    estimated = [g async for g in chunk_texts(texts, 10, 10)]
    assert estimated == [(0, texts, 10)]


async def test_batch_iter_with_exact_tokens(proxy: FakeProxy, client: LiteLLMClient) -> None:
    counted: list[str] = []
    proxy.on("POST", "/utils/token_counter", word_counter(counted))
    proxy.on("POST", "/embeddings", embedder())
    texts = [f"word{i} " * 3 for i in range(5)]  # 3 words each, estimated 5 tokens each
    batches = [
        b
        async for b in client.embeddings.batch_iter(
            texts, model="emb", max_batch_tokens=7, exact_tokens=True
        )
    ]
    assert [(b.start, len(b.texts), b.tokens) for b in batches] == [(0, 2, 6), (2, 2, 6), (4, 1, 3)]
    assert all(b.ok for b in batches) and len(counted) == 5
    plain = [b async for b in client.embeddings.batch_iter(texts, model="emb", max_batch_tokens=7)]
    assert [b.tokens for b in plain] == [5, 5, 5, 5, 5]  # one a request by the estimate
