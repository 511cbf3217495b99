"""Files, batches and fine-tuning through the real proxy (``files_settings`` and
``finetune_settings`` point at the fake provider, e2e/fake_routes/files.py)."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from aio_litellm import ConflictError, InternalServerError, LiteLLMClient, NotFoundError

pytestmark = pytest.mark.e2e


def request_line(custom_id: str, text: str) -> bytes:
    body = {"model": "fake-gpt", "messages": [{"role": "user", "content": text}]}
    line = {"custom_id": custom_id, "method": "POST", "url": "/v1/chat/completions", "body": body}
    return json.dumps(line).encode() + b"\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def test_file_lifecycle_streamed_both_ways(admin: LiteLLMClient, tmp_path: Path) -> None:
    source = tmp_path / f"notes-{uuid.uuid4().hex[:8]}.bin"
    with source.open("wb") as f:
        for i in range(64):  # 4 MiB
            f.write(hashlib.sha256(str(i).encode()).digest() * 2048)
    created = await admin.files.create(file=source, purpose="user_data")
    assert (created.filename, created.bytes, created.purpose) == (
        source.name,
        source.stat().st_size,
        "user_data",
    )
    got = await admin.files.retrieve(created.id)
    assert got.id == created.id and got.bytes == created.bytes
    listed = [f.id async for f in admin.files.list(purpose="user_data")]
    assert created.id in listed

    target = tmp_path / "copy.bin"
    written = await admin.files.content_stream(created.id).save(target)
    assert written == source.stat().st_size and digest(target) == digest(source)
    assert await admin.files.content(created.id) == source.read_bytes()

    deleted = await admin.files.delete(created.id)
    assert deleted.id == created.id and deleted.deleted
    with pytest.raises(NotFoundError):
        await admin.files.retrieve(created.id)


async def test_async_iterable_upload_arrives_whole(admin: LiteLLMClient) -> None:
    lines = [request_line(f"g{i}", f"line {i}") for i in range(200)]

    async def produce() -> AsyncIterator[bytes]:
        for line in lines:
            yield line

    created = await admin.files.create(file=("generated.jsonl", produce()), purpose="batch")
    assert created.bytes == sum(map(len, lines))
    assert await admin.files.content(created.id) == b"".join(lines)
    await admin.files.delete(created.id)


async def test_batch_runs_and_its_output_is_readable(admin: LiteLLMClient) -> None:
    texts = {f"req-{i}": f"hello {uuid.uuid4().hex[:6]}" for i in range(3)}
    data = b"".join(request_line(custom_id, text) for custom_id, text in texts.items())
    upload = await admin.files.create(file=("input.jsonl", data), purpose="batch")

    batch = await admin.batches.create(
        input_file_id=upload.id,
        endpoint="/v1/chat/completions",
        completion_window="24h",
        metadata={"suite": "e2e"},
    )
    assert batch.status == "validating" and batch.input_file_id == upload.id
    done = await admin.batches.retrieve(batch.id)
    assert done.status == "completed" and done.output_file_id
    assert done.request_counts is not None and done.request_counts.completed == len(texts)

    output = await admin.files.content(done.output_file_id)
    replies: dict[str, Any] = {}
    for line in output.splitlines():
        row = json.loads(line)
        replies[row["custom_id"]] = row["response"]["body"]["choices"][0]["message"]["content"]
    assert replies == {custom_id: f"echo: {text}" for custom_id, text in texts.items()}

    with pytest.raises(ConflictError):  # the provider's 409 comes through as it is
        await admin.batches.cancel(batch.id)
    running = await admin.batches.create(
        input_file_id=upload.id, endpoint="/v1/chat/completions", completion_window="24h"
    )
    cancelled = await admin.batches.cancel(running.id)
    assert cancelled.id == running.id and cancelled.status == "cancelled"

    # The proxy passes limit/after through: one batch a page, walked by the cursor.
    pages = [page async for page in admin.batches.list(limit=1).pages()]
    assert len(pages) >= 2 and all(len(page.data) == 1 for page in pages)
    walked = [page.data[0].id for page in pages]
    assert running.id in walked and batch.id in walked and len(set(walked)) == len(walked)


@pytest.mark.parametrize("method", ["create", "retrieve", "list", "cancel"])
async def test_fine_tuning_is_refused_without_a_licence(admin: LiteLLMClient, method: str) -> None:
    # LiteLLM answers every fine-tuning route 500 "Only premium users" without an enterprise
    # licence (a refusal, so nothing to retry).
    client = admin.with_options(max_retries=0)
    jobs = client.fine_tuning.jobs
    calls: dict[str, Any] = {
        "create": lambda: jobs.create(
            model="fake-gpt", training_file="file-x", custom_llm_provider="openai"
        ),
        "retrieve": lambda: jobs.retrieve("ftjob-x", custom_llm_provider="openai"),
        "list": lambda: jobs.list(custom_llm_provider="openai"),
        "cancel": lambda: jobs.cancel("ftjob-x", custom_llm_provider="openai"),
    }
    with pytest.raises(InternalServerError, match="Only premium users") as info:
        await calls[method]()
    assert info.value.status_code == 500
