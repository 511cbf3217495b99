"""aio_litellm.ray_data: the workers called on batches as Ray Data calls them, without Ray."""

from __future__ import annotations

import asyncio
import base64
import pickle
import struct
import threading
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any, cast

import orjson
import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from aiohttp import web

from aio_litellm import BadRequestError, LiteLLMClient
from aio_litellm.batch_file import BatchFileError
from aio_litellm.ray_data import (
    ClientSpec,
    EmbedWorker,
    LimiterSpec,
    RunWorker,
    embed_dataset,
    run_dataset,
)
from aio_litellm.redis_limiter import RedisLimiter
from tests.conftest import API_KEY, FakeProxy, reply
from tests.redis_server import RedisServer, redis_server_fixture  # noqa: F401 - a fixture

if TYPE_CHECKING:
    import ray.data

DIM = 3


def vec(text: str) -> list[float]:
    n = float(len(text))
    return [n, n / 2, -n]


async def embedder(request: web.Request) -> web.StreamResponse:
    body = orjson.loads(await request.read())
    if any("FAIL" in t for t in body["input"]):
        return web.json_response({"error": {"message": "bad batch", "code": "400"}}, status=400)
    data = [
        {"index": i, "embedding": base64.b64encode(struct.pack(f"<{DIM}f", *vec(t))).decode()}
        for i, t in enumerate(body["input"])
    ]
    return web.json_response({"data": data, "model": body["model"]})


@pytest.fixture
def spec(proxy: FakeProxy) -> ClientSpec:
    return ClientSpec(base_url=proxy.url, api_key=API_KEY, max_retries=0)


@pytest.fixture
async def closing() -> AsyncIterator[list[Any]]:
    workers: list[Any] = []
    yield workers
    for worker in workers:
        await worker.aclose()


async def test_embed_vectors_in_order_errors_kept_client_reused_and_closed(
    proxy: FakeProxy, spec: ClientSpec
) -> None:
    proxy.on("POST", "/embeddings", embedder)
    worker = EmbedWorker(spec, model="emb", batch_size=2, concurrency=3)
    texts = ["a", "bb", "ccc", "FAIL", "eeeee", "ffffff", "g"]
    out = await worker({"id": list(range(7)), "text": texts})
    assert out.column_names == ["id", "text", "embedding", "embedding_error"]
    assert out.column("id").to_pylist() == list(range(7))
    vectors = out.column("embedding").to_pylist()
    errors = out.column("embedding_error").to_pylist()
    for i, text in enumerate(texts):
        failed = i in (2, 3)  # the request of "ccc" and "FAIL"
        assert vectors[i] == (None if failed else vec(text))
        assert (errors[i] is not None) == failed
    assert errors[2].startswith("BadRequestError: ") and "bad batch" in errors[2]
    assert out.schema.field("embedding").type == pa.list_(pa.float32())
    client = worker._client
    assert client is not None
    second = await worker(pa.table({"text": ["xy"]}))  # a pyarrow batch; the same client
    assert second.column("embedding").to_pylist() == [vec("xy")] and worker._client is client
    assert all(c.headers["Authorization"] == f"Bearer {API_KEY}" for c in proxy.calls())
    await worker.aclose()
    assert client.is_closed and worker._client is None
    await worker.aclose()  # idempotent


async def test_embed_on_error_raise(proxy: FakeProxy, spec: ClientSpec) -> None:
    proxy.on("POST", "/embeddings", embedder)
    worker = EmbedWorker(spec, model="emb", on_error="raise", batch_size=1)
    try:
        out = await worker({"text": ["ok"]})
        assert out.column("embedding_error").to_pylist() == [None]
        with pytest.raises(BadRequestError, match="bad batch"):
            await worker({"text": ["ok", "FAIL"]})
    finally:
        await worker.aclose()


async def test_embed_bad_input_refused_before_any_request(
    proxy: FakeProxy, spec: ClientSpec, closing: list[Any]
) -> None:
    with pytest.raises(TypeError, match="model"):
        EmbedWorker(spec, model="")
    with pytest.raises(TypeError, match="model"):
        EmbedWorker(spec, model=None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="on_error"):
        EmbedWorker(spec, model="emb", on_error="drop")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="ClientSpec"):
        EmbedWorker({"base_url": proxy.url}, model="emb")  # type: ignore[arg-type]
    worker = EmbedWorker(spec, model="emb", column="body")
    closing.append(worker)
    with pytest.raises(KeyError, match=r"no column 'body' \(columns: \['text'\]\)"):
        await worker({"text": ["a"]})
    worker.column = "text"
    with pytest.raises(TypeError, match=r"text\[1\] is NoneType, not str"):
        await worker({"text": ["a", None]})
    empty = await worker({"text": pa.array([], pa.string())})
    assert empty.num_rows == 0 and empty.column_names == ["text", "embedding", "embedding_error"]
    assert proxy.seen == [] and worker._client is None


def test_specs_hide_secrets_and_pickle() -> None:
    limiter = LimiterSpec("redis://:s3cret-pw@redis.internal:6379/0", "job", rate=(100, 1))
    spec = ClientSpec(base_url="http://proxy:4000", api_key=API_KEY, limiter=limiter)
    text = repr(spec)
    assert API_KEY not in text and "s3cret-pw" not in text
    assert "redis://***@redis.internal:6379/0" in text and "rate=(100, 1)" in text
    assert pickle.loads(pickle.dumps(spec)) == spec
    plain = LimiterSpec("redis://127.0.0.1:6379/0", "job", rate=(5, 60))
    assert repr(plain) == "LimiterSpec('redis://127.0.0.1:6379/0', 'job', rate=(5, 60))"


def chat_line(i: int) -> dict[str, Any]:
    body = {"model": "m", "messages": [{"role": "user", "content": f"hi {i}"}]}
    return {"custom_id": f"r{i}", "method": "POST", "url": "/v1/chat/completions", "body": body}


def as_text(row: dict[str, Any]) -> dict[str, Any]:
    """The row with its body as JSON text (one Arrow type for every kind of body)."""
    body = row["body"]
    return {**row, "body": body if isinstance(body, str) else orjson.dumps(body).decode()}


async def test_run_answers_as_run_output_lines(proxy: FakeProxy, spec: ClientSpec) -> None:
    answer = {"id": "c", "choices": [], "usage": {"prompt_tokens": 2, "completion_tokens": 1}}
    proxy.on("POST", "/chat/completions", reply(200, answer, {"x-litellm-call-id": "req-1"}))
    proxy.on("POST", "/embeddings", reply(400, {"error": {"message": "nope", "code": "400"}}))
    rows = [chat_line(i) for i in range(5)]
    rows[1]["body"] = orjson.dumps(rows[1]["body"]).decode()  # JSON text is accepted too
    rows[3] = {
        "custom_id": "e3",
        "method": "POST",
        "url": "/v1/embeddings",
        "body": {"model": "m", "input": "x"},
    }
    columns = {k: [as_text(r)[k] for r in rows] for k in ("custom_id", "method", "url", "body")}
    worker = RunWorker(spec, concurrency=2)
    try:
        out = await worker(columns)
    finally:
        await worker.aclose()
    assert out.column("custom_id").to_pylist() == ["r0", "r1", "r2", "e3", "r4"]
    assert out.column("status_code").to_pylist() == [200, 200, 200, 400, 200]
    ids = out.column("id").to_pylist()
    assert all(i.startswith("batch_req_") for i in ids) and len(set(ids)) == 5
    response = orjson.loads(out.column("response")[0].as_py())
    assert response["status_code"] == 200 and response["body"] == answer
    errors = out.column("error").to_pylist()
    assert errors[:3] == [None] * 3 and errors[4] is None
    assert orjson.loads(errors[3]) == {"code": "400", "message": "nope"}
    assert len(proxy.calls("POST", "/chat/completions")) == 4


async def test_run_raise_and_no_response(proxy: FakeProxy) -> None:
    spec = ClientSpec(base_url="http://127.0.0.1:9", api_key=API_KEY, max_retries=0)
    keep = RunWorker(spec)
    out = await keep({"custom_id": ["a"], "url": ["/v1/chat/completions"],
                      "body": [orjson.dumps(chat_line(0)["body"]).decode()]})  # fmt: skip
    await keep.aclose()
    assert out.column("status_code").to_pylist() == [None]
    assert out.column("response").to_pylist() == [None]
    assert orjson.loads(out.column("error")[0].as_py())["code"] == "APIConnectionError"
    strict = RunWorker(spec, on_error="raise")
    try:
        with pytest.raises(RuntimeError, match="custom_id 'a' failed"):
            await strict({"custom_id": ["a"], "url": ["/v1/chat/completions"],
                          "body": [orjson.dumps(chat_line(0)["body"]).decode()]})  # fmt: skip
    finally:
        await strict.aclose()


async def test_run_object_bodies_and_unexpected_errors_kept(
    proxy: FakeProxy, spec: ClientSpec, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy.on("POST", "/chat/completions", reply(200, {"id": "c"}))
    worker = RunWorker(spec)
    rows = [chat_line(0), chat_line(1)]  # bodies of one shape: an Arrow struct column is fine
    try:
        out = await worker(pa.Table.from_pylist(rows))
        assert out.column("status_code").to_pylist() == [200, 200]
        assert orjson.loads(proxy.calls()[0].body) == rows[0]["body"]

        async def broken(*args: Any, **kwargs: Any) -> Any:
            raise LookupError("not an API error")

        monkeypatch.setattr(LiteLLMClient, "request_raw", broken)
        out = await worker(pa.Table.from_pylist(rows[:1]))
    finally:
        await worker.aclose()
    error = orjson.loads(out.column("error")[0].as_py())
    assert error == {"code": "LookupError", "message": "not an API error"}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([chat_line(0), chat_line(0)], "batch row:2: duplicate custom_id 'r0'"),
        ([{**chat_line(0), "url": "/v1/nope"}], "batch row:1: unknown url"),
        ([{**chat_line(0), "body": "{not json"}], "batch row:1: body is not JSON"),
        ([{**chat_line(0), "custom_id": None}], "batch row:1: missing custom_id"),
    ],
)
async def test_run_bad_rows_refused_before_any_request(
    proxy: FakeProxy, spec: ClientSpec, rows: list[dict[str, Any]], message: str
) -> None:
    worker = RunWorker(spec)
    batch = pa.Table.from_pylist([as_text(r) for r in rows])
    with pytest.raises(BatchFileError, match=message):
        await worker(batch)
    assert proxy.seen == [] and worker._client is None
    with pytest.raises(ValueError, match="concurrency"):
        RunWorker(spec, concurrency=0)


async def test_each_worker_builds_the_shared_limiters_and_closes_them(
    proxy: FakeProxy, redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy.on("POST", "/embeddings", embedder)
    closed: list[RedisLimiter] = []
    aclose = RedisLimiter.aclose

    async def spy(self: RedisLimiter) -> None:
        closed.append(self)
        await aclose(self)

    monkeypatch.setattr(RedisLimiter, "aclose", spy)
    budget = LimiterSpec(redis_server.url, "ray-unit", rate=(1000, 1))
    spec = ClientSpec(base_url=proxy.url, api_key=API_KEY, limiter=budget)
    workers = [EmbedWorker(spec, model="emb", batch_size=1, token_limiter=budget) for _ in "ab"]
    outs = await asyncio.gather(*(w({"text": ["a", "bb"]}) for w in workers))
    assert all(out.column("embedding").to_pylist() == [vec("a"), vec("bb")] for out in outs)
    built = [w._limiters for w in workers]
    assert all(isinstance(lim, RedisLimiter) for pair in built for lim in pair)
    assert built[0][0] is not built[1][0]  # one limiter per worker, one budget in Redis
    assert {getattr(pair[0], "key", None) for pair in built} == {
        "aio_litellm:rate:ray-unit:requests"
    }
    assert {getattr(pair[1], "key", None) for pair in built} == {"aio_litellm:rate:ray-unit:tokens"}
    assert all(w._client is not None and w._client._pool.limiter is p[0]
               for w, p in zip(workers, built, strict=True))  # fmt: skip
    for worker in workers:
        await worker.aclose()
    assert sorted(map(id, closed)) == sorted(id(lim) for pair in built for lim in pair)


async def test_close_from_another_thread_as_ray_does(proxy: FakeProxy, spec: ClientSpec) -> None:
    """Ray Data runs async callables on a loop of its own thread and calls ``__del__`` from
    the actor's main thread when the actor ends."""
    proxy.on("POST", "/embeddings", embedder)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        worker = EmbedWorker(spec, model="emb")
        EmbedWorker.close(worker)  # nothing opened yet
        out = await asyncio.wrap_future(
            asyncio.run_coroutine_threadsafe(worker({"text": ["abc"]}), loop)
        )
        assert out.column("embedding").to_pylist() == [vec("abc")]
        client = worker._client
        assert client is not None
        await asyncio.to_thread(worker.__del__)
        assert client.is_closed and worker._client is None

        async def close_on_its_own_loop() -> None:
            await worker({"text": ["d"]})
            opened = worker._client
            worker.close()  # cannot wait on its own thread: scheduled
            await asyncio.sleep(0.05)
            assert opened is not None and opened.is_closed

        await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(close_on_its_own_loop(), loop))
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()
    worker.close()  # the loop is closed: nothing to do


class FakeDataset:
    def map_batches(self, fn: Any, **kwargs: Any) -> dict[str, Any]:
        return {"fn": fn, **kwargs}


def test_dataset_functions_map_batches_with_an_actor_pool(spec: ClientSpec) -> None:
    ds = cast("ray.data.Dataset", FakeDataset())
    mapped: Any = embed_dataset(ds, spec, model="emb", column="t", concurrency=3, dimensions=8)
    assert mapped["fn"] is EmbedWorker and mapped["fn_constructor_args"] == (spec,)
    assert mapped["fn_constructor_kwargs"] == {"model": "emb", "column": "t", "dimensions": 8}
    assert (
        mapped["compute"].min_size == mapped["compute"].max_size == 3 and mapped["num_cpus"] == 0.25
    )
    assert mapped["batch_format"] == "pyarrow" and mapped["batch_size"] == 1024
    with pytest.raises(TypeError, match="model"):
        embed_dataset(ds, spec, model="")  # refused before Ray builds any worker
    with pytest.raises(ValueError, match="on_error"):
        run_dataset(ds, spec, on_error="ignore")
    mapped = run_dataset(ds, spec, concurrency=2, batch_size=10, on_error="raise")
    assert mapped["fn"] is RunWorker and mapped["fn_constructor_kwargs"] == {"on_error": "raise"}
    assert mapped["compute"].max_size == 2 and mapped["batch_size"] == 10
