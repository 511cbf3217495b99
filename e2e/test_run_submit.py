"""``run --submit`` through the real proxy: the file uploaded with ``/v1/files``, run as a
``/v1/batches`` batch by the fake provider (e2e/fake_routes/files.py), polled and downloaded."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from aio_litellm import LiteLLMClient
from aio_litellm._batch_submit import submit_batch_file
from aio_litellm._jobfiles import JobFailed, UsageError

pytestmark = pytest.mark.e2e


def chat_line(custom_id: str, text: str, model: str = "fake-gpt") -> dict[str, Any]:
    body = {"model": model, "messages": [{"role": "user", "content": text}]}
    return {"custom_id": custom_id, "method": "POST", "url": "/v1/chat/completions", "body": body}


def write(path: Path, lines: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


def rows(path: Path) -> dict[str, Any]:
    return {row["custom_id"]: row for row in map(json.loads, path.read_text().splitlines())}


async def test_a_chat_file_runs_as_a_batch_through_its_states(
    admin: LiteLLMClient, tmp_path: Path
) -> None:
    run = uuid.uuid4().hex[:8]
    texts = {f"{run}-{i}": f"hello {i} {run}" for i in range(200)}
    lines = [chat_line(cid, text) for cid, text in texts.items()]
    lines.append(chat_line(f"{run}-bad", "refused", model="fake-badrequest"))
    source = write(tmp_path / "in.jsonl", lines)
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"

    summary = await submit_batch_file(
        admin,
        source,
        out,
        errors_path=errors,
        poll_every=0.05,
        metadata={"fake_in_progress_reads": "2"},
    )
    assert summary.states == ("validating", "in_progress", "completed")
    assert (summary.status, summary.total, summary.succeeded) == ("completed", 201, 200)
    assert (summary.failed, summary.missing) == (1, 0)
    assert summary.prompt_tokens == 200 and summary.completion_tokens == 400

    got = rows(out)
    assert set(got) == {*texts, f"{run}-bad"}  # every custom_id exactly once
    for cid, text in texts.items():
        response = got[cid]["response"]
        assert response["status_code"] == 200 and got[cid]["error"] is None
        assert response["body"]["choices"][0]["message"]["content"] == f"echo: {text}"
    assert list(rows(errors)) == [f"{run}-bad"]
    assert rows(errors)[f"{run}-bad"]["response"]["status_code"] == 400

    batch = await admin.batches.retrieve(summary.batch_id)
    assert batch.status == "completed" and batch.output_file_id == summary.output_file_id
    assert batch.input_file_id == summary.input_file_id
    assert await admin.files.content(summary.input_file_id or "") == source.read_bytes()


async def test_an_embeddings_file_is_its_own_batch(admin: LiteLLMClient, tmp_path: Path) -> None:
    lines = [
        {
            "custom_id": f"e{i}",
            "method": "POST",
            "url": "/v1/embeddings",
            "body": {"model": "fake-embed", "input": ["x" * i, "yy"]},
        }
        for i in range(1, 6)
    ]
    out = tmp_path / "out.jsonl"
    summary = await submit_batch_file(admin, write(tmp_path / "in.jsonl", lines), out)
    assert summary.ok and summary.succeeded == 5
    assert (await admin.batches.retrieve(summary.batch_id)).endpoint == "/v1/embeddings"
    vectors = {
        cid: [d["embedding"] for d in row["response"]["body"]["data"]]
        for cid, row in rows(out).items()
    }
    assert vectors == {f"e{i}": [[float(i)], [2.0]] for i in range(1, 6)}


async def test_a_mixed_file_is_refused_before_anything_is_uploaded(
    admin: LiteLLMClient, tmp_path: Path
) -> None:
    before = [f.id async for f in admin.files.list(purpose="batch")]
    lines = [
        chat_line("c1", "hi"),
        {"custom_id": "e1", "method": "POST", "url": "/v1/embeddings", "body": {"input": "x"}},
    ]
    with pytest.raises(UsageError, match=r"in.jsonl:2: url /v1/embeddings differs"):
        await submit_batch_file(admin, write(tmp_path / "in.jsonl", lines), tmp_path / "o.jsonl")
    assert [f.id async for f in admin.files.list(purpose="batch")] == before


async def test_a_run_that_stops_waiting_is_resumed_without_a_second_batch(
    admin: LiteLLMClient, tmp_path: Path
) -> None:
    source = write(tmp_path / "in.jsonl", [chat_line(f"r{i}", f"resume {i}") for i in range(10)])
    out = tmp_path / "out.jsonl"
    with pytest.raises(JobFailed, match="still in_progress"):
        await submit_batch_file(
            admin,
            source,
            out,
            poll_every=0.05,
            timeout=0.1,
            metadata={"fake_in_progress_reads": "5"},
        )
    record = json.loads((tmp_path / "out.jsonl.submit.json").read_text())
    summary = await submit_batch_file(admin, source, out, poll_every=0.05)
    assert summary.batch_id == record["batch_id"] and summary.ok
    assert summary.states[-1] == "completed" and "validating" not in summary.states
    assert set(rows(out)) == {f"r{i}" for i in range(10)}
    assert not (tmp_path / "out.jsonl.submit.json").exists()
