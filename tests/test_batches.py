"""``client.batches``: what each method sends and what it returns."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web

from aio_litellm import APIStatusError, LiteLLMClient
from aio_litellm.types.batches import Batch, BatchList

from .conftest import FakeProxy, FakeSleep, reply


def batch_json(batch_id: str, status: str = "validating", **extra: Any) -> dict[str, Any]:
    return {
        "id": batch_id,
        "object": "batch",
        "endpoint": "/v1/chat/completions",
        "input_file_id": "file-in",
        "completion_window": "24h",
        "status": status,
        "created_at": 1700000000,
        "request_counts": {"total": 3, "completed": 1, "failed": 0},
        "errors": {"object": "list", "data": [{"code": "bad", "line": 2, "message": "m"}]},
        **extra,
    }


async def test_create_sends_json_and_is_not_retried(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    proxy.on("POST", "/batches", reply(200, batch_json("batch_1", usage={"total_tokens": 7})))
    out = await client.batches.create(
        input_file_id="file-in",
        endpoint="/v1/chat/completions",
        completion_window="24h",
        metadata={"job": "nightly"},
        output_expires_after={"anchor": "created_at", "seconds": 7200},
        model="fake-gpt",
        custom_llm_provider="openai",
    )
    assert isinstance(out, Batch)
    assert (out.id, out.status, out.input_file_id) == ("batch_1", "validating", "file-in")
    assert out.request_counts is not None and out.request_counts.total == 3
    assert out.errors is not None and out.errors.data is not None
    assert out.errors.data[0].line == 2
    assert out.usage is not None and out.usage.total_tokens == 7
    assert proxy.calls()[0].json() == {
        "input_file_id": "file-in",
        "endpoint": "/v1/chat/completions",
        "completion_window": "24h",
        "metadata": {"job": "nightly"},
        "output_expires_after": {"anchor": "created_at", "seconds": 7200},
        "model": "fake-gpt",
        "custom_llm_provider": "openai",
    }
    proxy.on("POST", "/batches", reply(502, {"error": {"message": "upstream"}}))
    with pytest.raises(APIStatusError):
        await client.batches.create(
            input_file_id="f", endpoint="/v1/embeddings", completion_window="24h"
        )
    assert len(proxy.calls()) == 2 and sleep.waits == []  # a 502 may have started the batch


async def test_create_refuses_missing_arguments_before_io(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(TypeError, match="completion_window"):
        await client.batches.create(input_file_id="f", endpoint="/v1/chat/completions")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="input_file_id"):
        await client.batches.create(input_file_id="", endpoint="e", completion_window="24h")
    assert proxy.seen == []


async def test_retrieve_and_cancel(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    batch_id = "batch/../x"
    proxy.on("GET", f"/batches/{batch_id}", reply(503, {}), reply(200, batch_json(batch_id)))
    proxy.on("POST", f"/batches/{batch_id}/cancel", reply(200, batch_json(batch_id, "cancelling")))
    got = await client.batches.retrieve(batch_id, custom_llm_provider="azure")
    assert got.id == batch_id and got.raw_response is not None and got.raw_response.retries == 1
    cancelled = await client.batches.cancel(batch_id)
    assert cancelled.status == "cancelling"
    get, _, cancel = proxy.calls()
    assert get.raw_path == "/batches/batch%2F..%2Fx?custom_llm_provider=azure"
    assert (cancel.method, cancel.raw_path, cancel.body) == (
        "POST",
        "/batches/batch%2F..%2Fx/cancel",
        b"",
    )
    with pytest.raises(TypeError, match="batch_id"):
        await client.batches.cancel("")
    assert len(proxy.seen) == 3


async def test_list_walks_the_cursor(proxy: FakeProxy, client: LiteLLMClient) -> None:
    pages = {
        None: {"data": [batch_json("b1"), batch_json("b2")], "has_more": True, "last_id": "b2"},
        "b2": {"data": [batch_json("b3")], "has_more": False, "last_id": "b3"},
    }

    async def page(request: web.Request) -> web.StreamResponse:
        return web.json_response({"object": "list", **pages[request.query.get("after")]})

    proxy.on("GET", "/batches", page)
    pager = client.batches.list(limit=2, target_model_names="fake-gpt")
    seen = [b async for b in pager]
    assert [b.id for b in seen] == ["b1", "b2", "b3"] and all(isinstance(b, Batch) for b in seen)
    assert [c.query for c in proxy.calls()] == [
        {"limit": "2", "target_model_names": "fake-gpt"},
        {"limit": "2", "target_model_names": "fake-gpt", "after": "b2"},
    ]
    pages_seen = [p async for p in client.batches.list().pages()]
    assert [type(p) for p in pages_seen] == [BatchList, BatchList]
