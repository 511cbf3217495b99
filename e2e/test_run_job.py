"""``run_batch_file`` (``aio-litellm run``) against the real proxy: a 2,000-line mixed file run,
killed with SIGKILL partway, resumed; then a changed body is run again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import orjson
import pytest

from aio_litellm import LiteLLMClient
from aio_litellm.batch_file import run_batch_file

from .fake_provider import vector
from .launcher import Stack

pytestmark = [pytest.mark.e2e]

_LINES = 2000

_SCRIPT = """
import asyncio, sys
from aio_litellm import LiteLLMClient
from aio_litellm.batch_file import run_batch_file

async def main():
    async with LiteLLMClient(base_url=sys.argv[1], api_key=sys.argv[2]) as client:
        await run_batch_file(client, sys.argv[3], sys.argv[4], concurrency=8)

asyncio.run(main())
"""


def _line(i: int, run: str) -> dict[str, Any]:
    text = f"request {i} of {run}"
    if i % 3 == 2:
        return {
            "custom_id": f"r-{i}",
            "method": "POST",
            "url": "/v1/embeddings",
            "body": {"model": "fake-embed", "input": text},
        }
    model = "fake-badrequest" if i in (7, 1500) else "fake-gpt"
    return {
        "custom_id": f"r-{i}",
        "method": "POST",
        "url": "/v1/chat/completions",
        "body": {"model": model, "messages": [{"role": "user", "content": text}]},
    }


def _write(path: Path, lines: list[dict[str, Any]]) -> None:
    path.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))


def _records(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(raw) for raw in path.read_bytes().splitlines()]


def _complete_lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _run_and_kill(stack: Stack, source: Path, out: Path, *, at: int) -> int:
    """Run the job in another process, SIGKILL it once ``at`` answers are written; the number
    of complete lines it left."""
    script = out.with_name("job.py")
    script.write_text(_SCRIPT)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    log = out.with_name("job.log")
    with log.open("wb") as stderr:
        job = subprocess.Popen(
            [sys.executable, str(script), stack.base_url, stack.master_key, str(source), str(out)],
            env=env,
            stderr=stderr,
        )
        deadline = time.monotonic() + 120
        while _complete_lines(out) < at and job.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        running = job.poll() is None
        job.send_signal(signal.SIGKILL)
        job.wait()
    assert running, log.read_text()
    return _complete_lines(out)


async def test_run_killed_and_resumed(stack: Stack, admin: LiteLLMClient, tmp_path: Path) -> None:
    run = uuid.uuid4().hex[:8]
    lines = [_line(i, run) for i in range(_LINES)]
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write(source, lines)
    partial = _run_and_kill(stack, source, out, at=300)
    assert 300 <= partial < _LINES

    summary = await run_batch_file(admin, source, out, concurrency=16, ordered=True)
    # Only what the killed job had not written (or wrote torn, or failed) was sent again.
    assert summary.already_done >= partial - 3  # the 2 bad requests and a torn last line
    assert summary.sent == _LINES - summary.already_done
    records = _records(out)
    assert [r["custom_id"] for r in records] == [line["custom_id"] for line in lines]
    for line, record in zip(lines, records, strict=True):
        body = line["body"]
        answer = record["response"]["body"]
        if body["model"] == "fake-badrequest":
            assert record["response"]["status_code"] == 400 and record["error"] is not None
        elif line["url"] == "/v1/embeddings":
            assert record["response"]["status_code"] == 200 and record["error"] is None
            assert answer["data"][0]["embedding"] == pytest.approx(vector(body["input"]))
        else:
            assert record["response"]["status_code"] == 200 and record["error"] is None
            expected = "echo: " + body["messages"][0]["content"]
            assert answer["choices"][0]["message"]["content"] == expected
            assert record["response"]["request_id"]
    errors = _records(tmp_path / "out.errors.jsonl")
    assert sorted(r["custom_id"] for r in errors) == ["r-1500", "r-7"]
    assert summary.failed == 2 and summary.statuses["400"] == 2
    assert summary.prompt_tokens > 0 and summary.completion_tokens > 0
    assert summary.cost > 0  # fake-gpt is priced: the proxy's x-litellm-response-cost

    # Changed bodies (another model) are run again and replace their stale answers.
    old_id = records[0]["id"]
    lines[0]["body"]["model"] = "fake-gpt-2"
    lines[3]["body"]["messages"][0]["content"] = "changed"
    _write(source, lines)
    again = await run_batch_file(admin, source, out, concurrency=4, ordered=True)
    assert again.sent == 4  # the two changed lines and the two bad requests
    records = _records(out)
    assert len(records) == _LINES and len({r["custom_id"] for r in records}) == _LINES
    assert records[0]["id"] != old_id and records[0]["response"]["status_code"] == 200
    assert records[3]["response"]["body"]["choices"][0]["message"]["content"] == "echo: changed"


async def test_run_dry_run_counts_with_the_proxy(admin: LiteLLMClient, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    _write(source, [_line(i, "dry") for i in range(6)])
    rough = await run_batch_file(admin, source, tmp_path / "out.jsonl", dry_run=True)
    exact = await run_batch_file(
        admin, source, tmp_path / "out.jsonl", dry_run=True, exact_tokens=True
    )
    assert rough.estimated_tokens > 0 and exact.estimated_tokens > 0
    assert not (tmp_path / "out.jsonl").exists()
