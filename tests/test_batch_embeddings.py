"""Batch embedding: chunking, order, partial failure, numpy or lists, streamed input."""

from __future__ import annotations

import base64
import struct
import tracemalloc
from collections.abc import Iterator
from typing import Any

import numpy as np
import orjson
import pytest
from aiohttp import web

from aio_litellm import LiteLLMClient
from aio_litellm.resources.embeddings import approx_tokens, chunk_texts

from .conftest import FakeProxy, FakeSleep

DIM = 4


def vec(text: str) -> list[float]:
    n = int(text.split("-")[-1]) if "-" in text else len(text)
    return [float(n), float(n) / 2, -float(n), 0.25]


def embedder(fail_marker: str = "FAIL") -> Any:
    async def handler(request: web.Request) -> web.StreamResponse:
        body = orjson.loads(await request.read())
        texts = body["input"]
        if any(fail_marker in t for t in texts):
            return web.json_response({"error": {"message": "bad batch", "code": "400"}}, status=400)
        data = [
            {
                "index": i,
                "embedding": base64.b64encode(struct.pack(f"<{DIM}f", *vec(t))).decode(),
            }
            for i, t in enumerate(texts)
        ]
        return web.json_response({"data": data, "model": body["model"]})

    return handler


async def collect(agen: Any) -> list[Any]:
    return [x async for x in agen]


async def test_chunking_by_count_and_tokens() -> None:
    texts = ["a" * 40, "b" * 40, "c" * 400, "d", "e", "f"]  # 11, 11, 101, 1, 1, 1 tokens
    groups = await collect(chunk_texts(texts, batch_size=2, max_batch_tokens=30))
    assert groups == [(0, texts[0:2], 22), (2, [texts[2]], 101), (3, ["d", "e"], 2), (5, ["f"], 1)]
    assert approx_tokens("x" * 8) == 3
    assert await collect(chunk_texts([], 10, 10)) == []
    with pytest.raises(TypeError, match="text 1"):
        await collect(chunk_texts(["ok", 42], 10, 10))  # type: ignore[list-item]


async def test_batch_in_order_with_numpy(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/embeddings", embedder())
    texts = [f"t-{i}" for i in range(1000)]
    out = await client.embeddings.batch(
        texts, model="emb", batch_size=64, concurrency=8, as_numpy=True
    )
    assert out.ok and out.requests == 16
    assert out.vectors.shape == (1000, DIM) and out.vectors.dtype == np.float32
    np.testing.assert_array_equal(out.vectors, np.array([vec(t) for t in texts], dtype=np.float32))
    sent = [orjson.loads(c.body) for c in proxy.calls()]
    assert all(b["encoding_format"] == "base64" and len(b["input"]) <= 64 for b in sent)
    assert sorted(t for b in sent for t in b["input"]) == sorted(texts)  # each text sent once


async def test_failed_chunk_reports_its_range_and_the_rest_return(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    proxy.on("POST", "/embeddings", embedder())
    texts = [f"t-{i}" for i in range(100)]
    texts[25] = "FAIL-25"
    out = await client.embeddings.batch(texts, model="emb", batch_size=10, as_numpy=True)
    assert not out.ok
    assert [(f.start, f.end) for f in out.failures] == [(20, 30)]
    assert "bad batch" in str(out.failures[0].error)
    assert np.isnan(out.vectors[20:30]).all()
    assert not np.isnan(out.vectors[:20]).any() and not np.isnan(out.vectors[30:]).any()
    np.testing.assert_array_equal(out.vectors[31], vec("t-31"))
    listed = await client.embeddings.batch(texts, model="emb", batch_size=10)
    assert listed.vectors[20:30] == [None] * 10
    assert listed.vectors[19] == vec("t-19") and len(listed.vectors) == 100


async def test_streamed_input_and_batches_as_they_come(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/embeddings", embedder())
    pulled = 0

    def texts() -> Iterator[str]:
        nonlocal pulled
        for i in range(5000):
            pulled += 1
            yield f"t-{i}"

    starts = []
    async for batch in client.embeddings.batch_iter(
        texts(), model="emb", batch_size=50, concurrency=4
    ):
        starts.append(batch.start)
        assert batch.ok and batch.vectors[0] == vec(f"t-{batch.start}")
        assert pulled <= batch.end + 50 * 64 + 50  # bounded read-ahead, not the whole input
    assert starts == list(range(0, 5000, 50))


async def test_mismatched_vector_count_is_a_batch_failure(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    async def short(request: web.Request) -> web.StreamResponse:
        return web.json_response({"data": [{"index": 0, "embedding": [1.0, 2.0]}]})

    proxy.on("POST", "/embeddings", short)
    out = await client.embeddings.batch(["a", "b"], model="emb")
    assert "1 vectors for 2 texts" in str(out.failures[0].error)


async def test_batch_bad_arguments(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="model"):
        await client.embeddings.batch(["a"], model="")
    with pytest.raises(ValueError, match="batch_size"):
        await client.embeddings.batch(["a"], model="m", batch_size=0)
    assert proxy.seen == []
    empty = await client.embeddings.batch([], model="m", as_numpy=True)
    assert empty.vectors.shape == (0, 0) and empty.ok


async def test_batch_iter_holds_only_the_window_not_every_vector(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    texts, dim = 600, 32_768  # 128 KiB a vector: 75 MiB for the whole job
    vector = base64.b64encode(np.arange(dim, dtype="<f4").tobytes()).decode()
    # One body shared by every answer (one text a request): the server side allocates nothing
    # per request, so the peak measures the client.
    answer = orjson.dumps({"data": [{"index": 0, "embedding": vector}]})

    async def handler(request: web.Request) -> web.StreamResponse:
        proxy.seen.clear()  # the fake proxy's request log would grow with the job
        return web.Response(body=answer, content_type="application/json")

    proxy.on("POST", "/embeddings", handler)
    tracemalloc.start()
    try:
        seen = 0
        async for batch in client.embeddings.batch_iter(
            (f"t-{i}" for i in range(texts)), model="emb", batch_size=1, as_numpy=True
        ):
            assert batch.ok and batch.vectors.shape == (1, dim)
            seen += len(batch.texts)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seen == texts
    # At most 64 batches in flight or waiting for an earlier one: 8 MiB of vectors.
    assert peak < 16 * 2**20, f"peak {peak / 2**20:.1f} MiB for {texts * dim * 4 / 2**20:.1f} MiB"
