"""client.pass_through.vertex_ai's typed methods: the wire route below
/vertex_ai/v1/projects/{p}/locations/{l}/, the body, typed results, the SSE stream, bad input
refused before I/O."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from aio_litellm import LiteLLMClient
from aio_litellm.types.pass_through.vertex_ai import (
    BatchPredictionJob,
    EmbedContentResponse,
    GenerateContentResponse,
    ListBatchPredictionJobsResponse,
    PredictResponse,
)

from .conftest import FakeProxy, reply, sse

BASE = "/vertex_ai/v1/projects/proj/locations/us-central1"
MODELS = BASE + "/publishers/google/models"
CONTENTS: list[Any] = [{"role": "user", "parts": [{"text": "Hi"}]}]


def gemini(text: str) -> dict[str, Any]:
    return {
        "candidates": [{"content": {"role": "model", "parts": [{"text": text}]}}],
        "usageMetadata": {"totalTokenCount": 4},
    }


async def test_generate_content(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", MODELS + "/gemini-2.0-flash:generateContent", reply(body=gemini("Hello")))
    got = await client.pass_through.vertex_ai.generate_content(
        "proj",
        "us-central1",
        "gemini-2.0-flash",
        contents=CONTENTS,
        generationConfig={"maxOutputTokens": 5},
    )
    assert isinstance(got, GenerateContentResponse) and got.text == "Hello"
    assert got.usage_metadata is not None and got.usage_metadata.total_token_count == 4
    assert proxy.calls()[0].json() == {
        "contents": CONTENTS,
        "generationConfig": {"maxOutputTokens": 5},
    }


async def test_stream_generate_content(client: LiteLLMClient, proxy: FakeProxy) -> None:
    events = [b"data: " + orjson.dumps(gemini(t)) + b"\n\n" for t in ("Hel", "lo")]
    proxy.on("POST", MODELS + "/gemini-2.0-flash:streamGenerateContent", sse(*events, done=False))
    stream = await client.pass_through.vertex_ai.stream_generate_content(
        "proj", "us-central1", "gemini-2.0-flash", contents=CONTENTS
    )
    async with stream:
        chunks = [c async for c in stream]
    assert "".join(c.text for c in chunks) == "Hello"
    assert proxy.calls()[0].query == {"alt": "sse"}


async def test_embed_content_and_predict(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on(
        "POST",
        MODELS + "/gemini-embedding-001:embedContent",
        reply(body={"embedding": {"values": [0.1, 0.2]}, "usageMetadata": {"x": 1}}),
    )
    proxy.on(
        "POST",
        MODELS + "/text-embedding-005:predict",
        reply(body={"predictions": [{"embeddings": {"values": [1.0]}}], "deployedModelId": "d"}),
    )
    vertex = client.pass_through.vertex_ai
    embedded = await vertex.embed_content(
        "proj",
        "us-central1",
        "gemini-embedding-001",
        content={"parts": [{"text": "a"}]},
        taskType="RETRIEVAL_DOCUMENT",
    )
    assert isinstance(embedded, EmbedContentResponse)
    assert embedded.embedding is not None and embedded.embedding.values == [0.1, 0.2]
    assert embedded.usage_metadata == {"x": 1}
    predicted = await vertex.predict(
        "proj", "us-central1", "text-embedding-005", instances=[{"content": "a"}]
    )
    assert isinstance(predicted, PredictResponse) and predicted.deployed_model_id == "d"
    assert proxy.calls()[1].json() == {"instances": [{"content": "a"}]}


async def test_batch_prediction_jobs(client: LiteLLMClient, proxy: FakeProxy) -> None:
    job = {
        "name": "projects/proj/locations/us-central1/batchPredictionJobs/123",
        "displayName": "nightly",
        "state": "JOB_STATE_PENDING",
        "createTime": "2025-01-01T00:00:00Z",
    }
    jobs = BASE + "/batchPredictionJobs"
    proxy.on("POST", jobs, reply(body=job))
    proxy.on("GET", jobs, reply(body={"batchPredictionJobs": [job], "nextPageToken": "t2"}))
    proxy.on("GET", jobs + "/123", reply(body={**job, "state": "JOB_STATE_SUCCEEDED"}))
    proxy.on("POST", jobs + "/123:cancel", reply(body={}))
    proxy.on("DELETE", jobs + "/123", reply(body={"name": "operations/1", "done": True}))
    batch = client.pass_through.vertex_ai.batch_prediction_jobs
    params: Any = {
        "displayName": "nightly",
        "model": "publishers/google/models/gemini-2.0-flash-001",
        "inputConfig": {"instancesFormat": "jsonl", "gcsSource": {"uris": ["gs://b/in.jsonl"]}},
        "outputConfig": {
            "predictionsFormat": "jsonl",
            "gcsDestination": {"outputUriPrefix": "gs://b"},
        },
    }
    created = await batch.create("proj", "us-central1", **params)
    assert isinstance(created, BatchPredictionJob)
    assert (created.id, created.display_name) == ("123", "nightly")
    page = await batch.list("proj", "us-central1", pageSize=10, pageToken="t1")
    assert isinstance(page, ListBatchPredictionJobsResponse)
    assert (
        page.next_page_token == "t2" and page.batch_prediction_jobs[0].state == "JOB_STATE_PENDING"
    )
    got = await batch.get("proj", "us-central1", "123")
    assert got.state == "JOB_STATE_SUCCEEDED" and got.create_time == "2025-01-01T00:00:00Z"
    assert await batch.cancel("proj", "us-central1", "123") == {}
    assert (await batch.delete("proj", "us-central1", "123"))["done"] is True
    create, listing, _, cancel, _ = proxy.calls()
    assert create.json() == params
    assert listing.query == {"pageSize": "10", "pageToken": "t1"}
    assert cancel.raw_path == jobs + "/123:cancel"
    assert BatchPredictionJob().id is None


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda v: v.generate_content("p", "l", "m"), TypeError),
        (lambda v: v.stream_generate_content("p", "l", "m", contents=[]), TypeError),
        (lambda v: v.embed_content("p", "l", "m"), TypeError),
        (lambda v: v.predict("p", "l", "m"), TypeError),
        (lambda v: v.generate_content("", "l", "m", contents=CONTENTS), ValueError),
        (lambda v: v.batch_prediction_jobs.create("p", "l", displayName="x"), TypeError),
        (lambda v: v.batch_prediction_jobs.get("p", "l", ""), ValueError),
    ],
)
async def test_bad_input_refused_before_io(
    client: LiteLLMClient, proxy: FakeProxy, call: Any, error: type[Exception]
) -> None:
    with pytest.raises(error):
        await call(client.pass_through.vertex_ai)
    assert proxy.calls() == []


async def test_ids_stay_one_segment(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", MODELS + "/a/b:generateContent", reply(body=gemini("x")))
    # The fake routes on the decoded path; on the wire the model is one segment.
    await client.pass_through.vertex_ai.generate_content(
        "proj", "us-central1", "a/b", contents=CONTENTS
    )
    assert proxy.calls()[0].raw_path == MODELS + "/a%2Fb:generateContent"
