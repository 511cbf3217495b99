"""``submit_batch_file`` (``run --submit``): upload, batch, poll, download, resume."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from aio_litellm import LiteLLMClient
from aio_litellm._batch_submit import SubmitSummary, submit_batch_file
from aio_litellm._jobfiles import JobFailed, UsageError

from .conftest import FakeProxy, FakeSleep, reply

CHAT = "/v1/chat/completions"


def request(custom_id: str, url: str = CHAT, **extra: Any) -> dict[str, Any]:
    body = {"model": "m", "messages": [{"role": "user", "content": custom_id}]}
    return {"custom_id": custom_id, "method": "POST", "url": url, "body": body, **extra}


def write_lines(path: Path, *lines: Any) -> Path:
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines))
    return path


def answer(custom_id: str, status: int = 200, tokens: tuple[int, int] = (3, 5)) -> dict[str, Any]:
    body: dict[str, Any] = {
        "object": "chat.completion",
        "usage": {"prompt_tokens": tokens[0], "completion_tokens": tokens[1]},
    }
    if status != 200:
        body = {"error": {"message": "bad"}}
    return {
        "id": f"r-{custom_id}",
        "custom_id": custom_id,
        "response": {"status_code": status, "request_id": "q", "body": body},
        "error": None,
    }


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def jsonl(*rows: Any) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in rows)


def batch(status: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": "batch_1",
        "object": "batch",
        "status": status,
        "input_file_id": "file-in",
        **extra,
    }


def script(proxy: FakeProxy, *states: dict[str, Any], out: bytes = b"", err: bytes = b"") -> None:
    """The proxy's answers to one submission: the upload, the create, then ``states`` as the
    successive reads of the batch, and the result files."""
    proxy.on("POST", "/files", reply(200, {"id": "file-in", "object": "file", "bytes": 1}))
    proxy.on("POST", "/batches", reply(200, batch("validating")))
    proxy.on("GET", "/batches/batch_1", *(reply(200, s) for s in states))
    octet = {"Content-Type": "application/octet-stream"}
    proxy.on("GET", "/files/file-out/content", reply(200, out, octet))
    proxy.on("GET", "/files/file-err/content", reply(200, err, octet))


DONE = {**batch("completed"), "output_file_id": "file-out", "error_file_id": "file-err"}


async def test_a_file_goes_through_upload_batch_poll_and_download(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep, tmp_path: Path
) -> None:
    source = write_lines(tmp_path / "in.jsonl", request("a"), "", request("b"), request("c"))
    script(
        proxy,
        batch("in_progress"),
        batch("finalizing"),
        DONE,
        out=jsonl(answer("a"), answer("b", tokens=(1, 2))),
        err=jsonl(answer("c", status=400)),
    )
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    seen: list[str | None] = []
    summary = await submit_batch_file(
        client,
        source,
        out,
        errors_path=errors,
        poll_every=7.5,
        metadata={"job": "n"},
        on_poll=lambda b: seen.append(b.status),
    )

    assert isinstance(summary, SubmitSummary)
    assert (summary.batch_id, summary.status, summary.total) == ("batch_1", "completed", 3)
    assert (summary.succeeded, summary.failed, summary.missing) == (2, 1, 0)
    assert (summary.prompt_tokens, summary.completion_tokens) == (4, 7)
    assert (summary.input_file_id, summary.output_file_id, summary.error_file_id) == (
        "file-in",
        "file-out",
        "file-err",
    )
    assert not summary.ok and summary.errors == []
    assert sleep.waits == [7.5, 7.5, 7.5]
    assert summary.states == ("validating", "in_progress", "finalizing", "completed")
    assert seen == list(summary.states)
    assert summary.describe().startswith(
        "batch batch_1 validating -> in_progress -> finalizing -> completed: "
        "2 ok, 1 failed, 0 missing of 3; 4 prompt + 7 completion tokens in "
    )

    upload = proxy.calls("POST", "/files")[0]
    assert upload.content_type == "multipart/form-data"
    assert b'name="purpose"' in upload.body and b"\r\n\r\nbatch\r\n" in upload.body
    assert source.read_bytes() in upload.body
    assert proxy.calls("POST", "/batches")[0].json() == {
        "input_file_id": "file-in",
        "endpoint": CHAT,
        "completion_window": "24h",
        "metadata": {"job": "n"},
    }
    assert [json.loads(x)["custom_id"] for x in out.read_text().splitlines()] == ["a", "b", "c"]
    assert [json.loads(x)["custom_id"] for x in errors.read_text().splitlines()] == ["c"]
    assert names(tmp_path) == ["errors.jsonl", "in.jsonl", "out.jsonl"]


async def test_routing_goes_to_every_call_and_no_errors_file_keeps_failures_in_output(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    source = write_lines(tmp_path / "in.jsonl", request("a"), request("b"))
    script(proxy, DONE, out=jsonl(answer("a")), err=jsonl(answer("b", status=500)))
    out = tmp_path / "out.jsonl"
    summary = await submit_batch_file(client, source, out, custom_llm_provider="azure")
    assert (summary.succeeded, summary.failed) == (1, 1)
    assert out.read_bytes() == jsonl(answer("a"), answer("b", status=500))
    assert proxy.calls("POST", "/batches")[0].json()["custom_llm_provider"] == "azure"
    assert b'name="custom_llm_provider"' in proxy.calls("POST", "/files")[0].body
    gets = [s for s in proxy.seen if s.method == "GET"]
    assert gets and all(s.query == {"custom_llm_provider": "azure"} for s in gets)


async def test_a_file_mixing_endpoints_is_refused_before_any_upload(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    source = write_lines(
        tmp_path / "in.jsonl", request("a"), request("b"), request("e", url="/v1/embeddings")
    )
    with pytest.raises(UsageError, match=r"in.jsonl:3: url /v1/embeddings differs from line 1"):
        await submit_batch_file(client, source, tmp_path / "out.jsonl")
    assert proxy.seen == []


# The live run's validator checks the lines (its messages: tests/test_batch_file.py); here, that
# a bad line stops the submission before anything is uploaded.
@pytest.mark.parametrize(
    "line",
    [
        "{not json",
        "[1, 2]",
        {"url": CHAT, "body": {}},
        request("a"),
        request("b", method="GET"),
        {"custom_id": "b", "body": {}},
        {"custom_id": "b", "url": CHAT, "body": "hi"},
    ],
)
async def test_a_bad_line_is_named_before_any_upload(
    line: Any, proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    source = write_lines(tmp_path / "in.jsonl", request("a"), line)
    with pytest.raises(UsageError, match=r"in\.jsonl:2: "):
        await submit_batch_file(client, source, tmp_path / "out.jsonl")
    assert proxy.seen == []


async def test_bad_arguments_are_refused_before_io(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    source = write_lines(tmp_path / "in.jsonl", request("a"))
    out = tmp_path / "out.jsonl"
    with pytest.raises(ValueError, match="poll_every"):
        await submit_batch_file(client, source, out, poll_every=0)
    with pytest.raises(ValueError, match="timeout"):
        await submit_batch_file(client, source, out, timeout=-1)
    with pytest.raises(UsageError, match="must differ"):
        await submit_batch_file(client, source, out, errors_path=out)
    with pytest.raises(UsageError, match="no request"):
        await submit_batch_file(client, write_lines(tmp_path / "empty.jsonl", ""), out)
    with pytest.raises(UsageError, match="no such file"):
        await submit_batch_file(client, tmp_path / "nope.jsonl", out)
    assert proxy.seen == []


async def test_a_timed_out_run_leaves_the_batch_to_a_rerun_that_does_not_submit_again(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep, tmp_path: Path
) -> None:
    source = write_lines(tmp_path / "in.jsonl", request("a"))
    out = tmp_path / "out.jsonl"
    script(proxy, batch("in_progress"), out=jsonl(answer("a")))
    with pytest.raises(JobFailed, match="batch batch_1 is still in_progress after 25 s"):
        await submit_batch_file(client, source, out, poll_every=10, timeout=25)
    assert sleep.waits == [10, 10, 10] and not out.exists()
    assert json.loads((tmp_path / "out.jsonl.submit.json").read_text())["batch_id"] == "batch_1"

    proxy.seen.clear()
    proxy.on("GET", "/batches/batch_1", reply(200, {**DONE, "error_file_id": None}))
    summary = await submit_batch_file(client, source, out, sleep=sleep)
    assert summary.ok and summary.input_file_id == "file-in"
    assert summary.states == ("completed",)
    assert [(s.method, s.path) for s in proxy.seen] == [
        ("GET", "/batches/batch_1"),
        ("GET", "/files/file-out/content"),
    ]
    assert out.read_bytes() == jsonl(answer("a"))
    assert not (tmp_path / "out.jsonl.submit.json").exists()


async def test_a_batch_record_of_another_input_or_unreadable_needs_restart(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    source = write_lines(tmp_path / "in.jsonl", request("a"))
    out = tmp_path / "out.jsonl"
    record = tmp_path / "out.jsonl.submit.json"
    record.write_text(json.dumps({"input_sha256": "0" * 64, "batch_id": "batch_old"}))
    with pytest.raises(UsageError, match="batch_old of another input"):
        await submit_batch_file(client, source, out)
    record.write_text("{torn")
    with pytest.raises(UsageError, match="not a batch record"):
        await submit_batch_file(client, source, out)
    assert proxy.seen == []

    script(proxy, {**DONE, "error_file_id": None}, out=jsonl(answer("a")))
    summary = await submit_batch_file(client, source, out, restart=True)
    assert summary.ok and len(proxy.calls("POST", "/batches")) == 1


async def test_a_failed_batch_reports_its_errors_and_every_line_missing(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    source = write_lines(tmp_path / "in.jsonl", request("a"), request("b"))
    errors = {"object": "list", "data": [{"code": "invalid_url", "message": "bad url", "line": 1}]}
    script(proxy, {**batch("failed"), "errors": errors})
    out = tmp_path / "out.jsonl"
    summary = await submit_batch_file(client, source, out, errors_path=tmp_path / "e.jsonl")
    assert (summary.status, summary.missing, summary.errors) == ("failed", 2, ["bad url"])
    assert summary.describe().endswith("; bad url")
    assert out.read_bytes() == b"" and (tmp_path / "e.jsonl").read_bytes() == b""


async def test_lines_split_across_chunks_are_joined_and_repeats_dropped(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    source = write_lines(tmp_path / "in.jsonl", request("a"), request("b"))
    data = jsonl(answer("a"), answer("a", tokens=(100, 100))) + b"\n \n"
    data += json.dumps(answer("b")).encode()

    async def dribble(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        await response.prepare(request)
        for start in range(0, len(data), 17):
            await response.write(data[start : start + 17])
        await response.write_eof()
        return response

    script(proxy, {**DONE, "error_file_id": None})
    proxy.on("GET", "/files/file-out/content", dribble)
    out = tmp_path / "out.jsonl"
    summary = await submit_batch_file(client, source, out)
    assert (summary.succeeded, summary.prompt_tokens) == (2, 6)
    assert out.read_bytes() == jsonl(answer("a"), answer("b"))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"{torn", "line 2 of the batch's file file-out is not JSON"),
        (b'{"custom_id": "a"}', "not a batch output line"),
        (json.dumps(answer("zz")).encode(), "custom_id 'zz' is not in the input"),
        (b'{"custom_id": "a", "response": [1]}', "response is not an object"),
    ],
)
async def test_a_bad_output_line_fails_the_job_and_writes_nothing(
    line: bytes, message: str, proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    source = write_lines(tmp_path / "in.jsonl", request("a"), request("b"))
    script(proxy, DONE, out=jsonl(answer("b")) + line + b"\n")
    out, errors = tmp_path / "out.jsonl", tmp_path / "e.jsonl"
    with pytest.raises(JobFailed, match=message):
        await submit_batch_file(client, source, out, errors_path=errors)
    assert names(tmp_path) == ["in.jsonl", "out.jsonl.submit.json"]


async def test_an_error_line_without_response_counts_as_failed(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    source = write_lines(tmp_path / "in.jsonl", request("a"), request("b"))
    expired = {"custom_id": "b", "response": None, "error": {"code": "batch_expired"}}
    no_usage = {**answer("a"), "response": {"status_code": 200, "body": "text"}}
    script(proxy, {**DONE, "status": "expired"}, out=jsonl(no_usage), err=jsonl(expired))
    summary = await submit_batch_file(client, source, tmp_path / "out.jsonl")
    assert (summary.status, summary.succeeded, summary.failed, summary.missing) == (
        "expired",
        1,
        1,
        0,
    )
    assert summary.prompt_tokens == 0 and not summary.ok
