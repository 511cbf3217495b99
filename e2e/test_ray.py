"""aio_litellm.ray_data on a local Ray cluster, through the real proxy, with a Redis budget."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pytest
import ray
import ray.data
import redis.asyncio as aioredis

from aio_litellm import LiteLLMClient
from aio_litellm.batch_file import run_batch_file
from aio_litellm.ray_data import ClientSpec, LimiterSpec, embed_dataset, run_dataset
from tests.redis_server import RedisServer, redis_server_fixture  # noqa: F401 - a fixture

from .fake_provider import vector
from .launcher import Stack

pytestmark = [
    pytest.mark.e2e,
    # Ray Data 2.60 warns about its own defaults when it copies its DataContext.
    pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context"),
]

RATE = 60.0  # requests per second for both workers together: it binds (~160 requests)


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        object_store_memory=200 * 1024 * 1024,
        log_to_driver=False,
    )
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        yield
    finally:
        ray.shutdown()


@pytest.fixture
async def rclient(redis_server: RedisServer) -> AsyncIterator[aioredis.Redis]:
    client = aioredis.Redis.from_url(redis_server.url)
    await client.config_resetstat()
    yield client
    await client.aclose()


def spec_for(stack: Stack, limiter: LimiterSpec | None = None) -> ClientSpec:
    return ClientSpec(base_url=stack.base_url, api_key=stack.master_key, limiter=limiter)


async def _connected(rclient: aioredis.Redis) -> int:
    clients: int = (await rclient.info("clients"))["connected_clients"]
    return clients


@pytest.mark.usefixtures("local_ray")
async def test_two_workers_embed_20000_texts_sharing_one_budget(
    stack: Stack,
    admin: LiteLLMClient,
    provider: Any,
    redis_server: RedisServer,
    rclient: aioredis.Redis,
) -> None:
    texts = [f"ray row {i}: {'lorem ipsum ' * (i % 7)}{i * 7919 % 1000}" for i in range(20_000)]
    source = ray.data.from_items([{"i": i, "text": t} for i, t in enumerate(texts)])
    limiter = LimiterSpec(redis_server.url, f"ray-e2e-{uuid.uuid4().hex[:8]}", (RATE, 1))
    before = provider.count("/v1/embeddings", "fake-embed")
    started = time.monotonic()
    rows = embed_dataset(
        source, spec_for(stack, limiter), model="fake-embed", concurrency=2
    ).take_all()
    elapsed = time.monotonic() - started
    sent = provider.count("/v1/embeddings", "fake-embed") - before

    rows.sort(key=lambda r: r["i"])
    assert [r["text"] for r in rows] == texts
    assert all(r["embedding_error"] is None for r in rows)
    got = np.array([r["embedding"] for r in rows], dtype=np.float32)
    want = await admin.embeddings.batch(texts, model="fake-embed", as_numpy=True)
    assert want.ok
    np.testing.assert_array_equal(got, want.vectors)
    np.testing.assert_array_equal(got[12_345], np.array(vector(texts[12_345]), np.float32))

    # Every request reserved its turn in the one budget, so the job could not go faster than
    # the budget allows.
    stats = await rclient.info("commandstats")
    # (A first EVALSHA of the script may fail with NOSCRIPT and be sent again: not counted.)
    evalsha = stats["cmdstat_evalsha"]
    reserved = evalsha["calls"] - evalsha.get("failed_calls", 0)
    assert reserved == sent > 100
    assert elapsed >= (sent - 1) / RATE
    # Ray ends the actors gracefully: each worker closes its client and its Redis connection.
    for _ in range(75):
        if await _connected(rclient) == 1:
            break
        await asyncio.sleep(0.2)
    assert await _connected(rclient) == 1
    print(f"\n20,000 texts, 2 workers, {sent} requests at <= {RATE:g}/s: {elapsed:.1f} s")


def mixed_lines(n: int) -> list[dict[str, Any]]:
    lines = []
    for i in range(n):
        body: dict[str, Any]
        if i % 3 == 0:
            url, body = "/v1/embeddings", {"model": "fake-embed", "input": f"text {i}"}
        elif i % 10 == 1:
            url, body = "/v1/chat/completions", {"model": "no-such-model", "messages": []}
        else:
            messages = [{"role": "user", "content": f"question {i}"}]
            url, body = "/v1/chat/completions", {"model": "fake-gpt", "messages": messages}
        lines.append({"custom_id": f"q{i}", "method": "POST", "url": url, "body": body})
    return lines


@pytest.mark.usefixtures("local_ray")
async def test_run_dataset_answers_like_run(
    stack: Stack, admin: LiteLLMClient, tmp_path: Path
) -> None:
    lines = mixed_lines(300)
    # Bodies of different shapes: JSON text, so Arrow does not merge them into one struct.
    rows = [{**line, "body": orjson.dumps(line["body"]).decode()} for line in lines]
    out = run_dataset(ray.data.from_items(rows), spec_for(stack), concurrency=2).take_all()
    mine = {r["custom_id"]: r for r in out}
    assert len(mine) == 300

    path = tmp_path / "in.jsonl"
    path.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))
    await run_batch_file(admin, path, tmp_path / "out.jsonl")
    theirs = [orjson.loads(raw) for raw in (tmp_path / "out.jsonl").read_bytes().splitlines()]
    assert len(theirs) == 300
    for record in theirs:
        row = mine[record["custom_id"]]
        assert row["id"] == record["id"]
        assert row["status_code"] == record["response"]["status_code"]
        error = orjson.loads(row["error"]) if row["error"] else None
        assert (error and error["code"]) == (record["error"] and record["error"]["code"])
        if record["error"] is None:
            body = orjson.loads(row["response"])["body"]
            assert body.keys() == record["response"]["body"].keys()
    statuses = sorted({r["status_code"] for r in out})
    assert statuses == [200, 400]
