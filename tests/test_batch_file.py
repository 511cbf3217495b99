"""run_batch_file: input validation, the OpenAI Batch output, limits, resume after a kill."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import LiteLLMClient
from aio_litellm._batch_lines import (
    BatchFileError,
    estimate_tokens,
    output_line,
    read_output,
    validate_file,
)
from aio_litellm._jobfiles import UsageError
from aio_litellm.batch_file import RunSummary, _TokenBudget, errors_path, run_batch_file

from .conftest import FakeProxy, FakeSleep, reply


def chat_line(i: int, model: str = "gpt", text: str | None = None) -> dict[str, Any]:
    return {
        "custom_id": f"c-{i}",
        "method": "POST",
        "url": "/v1/chat/completions",
        "body": {"model": model, "messages": [{"role": "user", "content": text or f"hi {i}"}]},
    }


def write(path: Path, lines: list[Any]) -> Path:
    path.write_bytes(
        b"".join((x if isinstance(x, bytes) else orjson.dumps(x)) + b"\n" for x in lines)
    )
    return path


def records(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def echo(headers: dict[str, str] | None = None, delay: Any = None) -> Any:
    """A chat answer echoing the last message, with usage (1 prompt token a word)."""

    async def handler(request: web.Request) -> web.Response:
        body = await request.json()
        text = body["messages"][-1]["content"]
        if delay is not None:
            await asyncio.sleep(delay(text))
        answer = {
            "id": "x",
            "model": body["model"],
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "re " + text}}],
            "usage": {"prompt_tokens": len(text.split()), "completion_tokens": 3},
        }
        return web.json_response(
            answer, headers={"x-litellm-call-id": "call-" + text, **(headers or {})}
        )

    return handler


# -- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (b"{not json", "not JSON"),
        (b"[1, 2]", "must be a JSON object, not list"),
        (orjson.dumps({"url": "/v1/embeddings", "body": {}}), "missing custom_id"),
        (orjson.dumps({"custom_id": 5, "url": "/v1/embeddings", "body": {}}), "must be a string"),
        (orjson.dumps(chat_line(1)), "duplicate custom_id 'c-1' (first on line 1)"),
        (orjson.dumps({**chat_line(9), "method": "GET"}), "method must be POST"),
        (orjson.dumps({**chat_line(9), "url": "/v1/nope"}), "unknown url '/v1/nope'"),
        (orjson.dumps({**chat_line(9), "url": None}), "unknown url None"),
        (orjson.dumps({**chat_line(9), "body": "text"}), "body must be a JSON object, not str"),
        (orjson.dumps({**chat_line(9), "body": {"stream": True}}), "body.stream"),
    ],
)
def test_each_malformed_line_is_named_with_its_number(
    tmp_path: Path, bad: bytes, message: str
) -> None:
    path = write(tmp_path / "in.jsonl", [chat_line(1), b"", bad, chat_line(2)])
    with pytest.raises(BatchFileError) as caught:
        validate_file(path)
    assert f"{path}:3: " in str(caught.value)  # the blank line 2 still counts
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, UsageError)


def test_empty_or_missing_input(tmp_path: Path) -> None:
    with pytest.raises(BatchFileError, match="no requests"):
        validate_file(write(tmp_path / "in.jsonl", [b"  "]))
    with pytest.raises(BatchFileError, match="no such file"):
        validate_file(tmp_path / "absent.jsonl")


def test_valid_lines(tmp_path: Path) -> None:
    line = {"custom_id": "e", "url": "/embeddings", "body": {"model": "m", "input": "x"}}
    parsed = validate_file(write(tmp_path / "in.jsonl", [chat_line(1), line]))
    assert [(p.line, p.custom_id, p.route) for p in parsed] == [
        (1, "c-1", "/chat/completions"),
        (2, "e", "/embeddings"),
    ]
    assert parsed[1].method == "POST"  # the default
    assert parsed[0].output_id.startswith("batch_req_") and len(parsed[0].output_id) == 42
    # The version of a line: any change of its body (model included) changes it.
    other = validate_file(write(tmp_path / "b.jsonl", [chat_line(1, model="gpt-2")]))
    assert other[0].digest != parsed[0].digest


async def test_a_bad_line_sends_nothing(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    proxy.on("POST", "/chat/completions", echo())
    path = write(tmp_path / "in.jsonl", [chat_line(1), chat_line(2), {"custom_id": "x"}])
    with pytest.raises(BatchFileError, match=":3: unknown url"):
        await run_batch_file(client, path, tmp_path / "out.jsonl")
    assert proxy.calls() == []
    assert not (tmp_path / "out.jsonl").exists()


async def test_bad_arguments(client: LiteLLMClient, tmp_path: Path) -> None:
    path = write(tmp_path / "in.jsonl", [chat_line(1)])
    with pytest.raises(ValueError, match="rpm"):
        await run_batch_file(client, path, tmp_path / "o.jsonl", rpm=0)
    with pytest.raises(ValueError, match="concurrency"):
        await run_batch_file(client, path, tmp_path / "o.jsonl", concurrency=0)
    with pytest.raises(BatchFileError, match="neither the input"):
        await run_batch_file(client, path, path)
    with pytest.raises(BatchFileError, match="neither the input"):
        await run_batch_file(client, path, tmp_path / "o.jsonl", errors=tmp_path / "o.jsonl")


# -- output --------------------------------------------------------------------------------


async def test_output_lines_in_batch_format(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    proxy.on("POST", "/chat/completions", echo({"x-litellm-response-cost": "0.25"}))
    embedding = {"object": "list", "data": [{"embedding": [0.5]}], "usage": {"prompt_tokens": 2}}
    proxy.on("POST", "/embeddings", reply(200, embedding, {"x-litellm-call-id": "e1"}))
    emb = {"custom_id": "e", "url": "/v1/embeddings", "body": {"model": "m", "input": "a b"}}
    path = write(tmp_path / "in.jsonl", [chat_line(1), emb])
    out = tmp_path / "out.jsonl"
    summary = await run_batch_file(client, path, out, ordered=True)
    lines = validate_file(path)
    assert records(out) == [
        {
            "id": lines[0].output_id,
            "custom_id": "c-1",
            "response": {
                "status_code": 200,
                "request_id": "call-hi 1",
                "body": {
                    "id": "x",
                    "model": "gpt",
                    "choices": [
                        {"index": 0, "message": {"role": "assistant", "content": "re hi 1"}}
                    ],
                    "usage": {"prompt_tokens": 2, "completion_tokens": 3},
                },
            },
            "error": None,
        },
        {
            "id": lines[1].output_id,
            "custom_id": "e",
            "response": {"status_code": 200, "request_id": "e1", "body": embedding},
            "error": None,
        },
    ]
    sent = proxy.calls("POST", "/chat/completions")[0]
    assert sent.json() == chat_line(1)["body"]
    assert (summary.succeeded, summary.failed, summary.sent, summary.total) == (2, 0, 2, 2)
    assert summary.statuses == {"200": 2}
    assert (summary.prompt_tokens, summary.completion_tokens) == (4, 3)
    assert summary.cost == 0.25
    assert summary.ok and errors_path(out).read_bytes() == b""
    assert summary.percentile(50) > 0 and summary.percentile(99) >= summary.percentile(50)
    report = summary.report()
    assert "2 succeeded, 0 failed" in report and "200: 2" in report and "$0.250000" in report
    assert "4 prompt, 3 completion" in report and "p99" in report


async def test_errors_are_not_retried_and_go_to_the_errors_file(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    bad = {"error": {"message": "bad model", "type": "invalid_request_error", "code": "400"}}
    proxy.on("POST", "/chat/completions", reply(400, bad, {"x-litellm-call-id": "c9"}))
    path = write(tmp_path / "in.jsonl", [chat_line(1)])
    out, err = tmp_path / "out.jsonl", tmp_path / "failed.jsonl"
    summary = await run_batch_file(client, path, out, errors=err)
    assert len(proxy.calls()) == 1  # a 400 is never retried
    [record] = records(out)
    assert record["response"] == {"status_code": 400, "request_id": "c9", "body": bad}
    assert record["error"]["code"] == "400" and "bad model" in record["error"]["message"]
    assert records(err) == [record]
    assert summary.failed == 1 and not summary.ok and summary.statuses == {"400": 1}
    assert f"failed lines -> {err}" in summary.report()


async def test_retries_follow_the_client_rules(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep, tmp_path: Path
) -> None:
    busy = {"error": {"message": "slow down"}}
    proxy.on("POST", "/chat/completions", reply(429, busy), reply(500, busy), echo())
    proxy.on("POST", "/responses", reply(500, busy), reply(200, {"id": "resp"}))
    resp = {"custom_id": "r", "url": "/v1/responses", "body": {"model": "m", "input": "x"}}
    path = write(tmp_path / "in.jsonl", [chat_line(1), resp])
    summary = await run_batch_file(client, path, tmp_path / "out.jsonl", ordered=True)
    # chat is retry-safe: a 429 and a 500 retried; /responses stores state: a 500 is not.
    assert len(proxy.calls("POST", "/chat/completions")) == 3
    assert len(proxy.calls("POST", "/responses")) == 1
    chat, responses = records(tmp_path / "out.jsonl")
    assert chat["response"]["status_code"] == 200
    assert responses["response"]["status_code"] == 500 and responses["error"]
    assert summary.statuses == {"200": 1, "500": 1}
    assert len(sleep.waits) == 2


async def test_no_response_and_unexpected_errors_are_failed_lines(
    client: LiteLLMClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aio_litellm._exceptions import APIConnectionError

    calls: list[str] = []

    async def broken(method: str, path: str, **options: Any) -> Any:
        calls.append(path)
        if path == "/chat/completions":
            raise APIConnectionError("connection refused")
        raise RuntimeError("boom")

    monkeypatch.setattr(client, "request_raw", broken)
    emb = {"custom_id": "e", "url": "/v1/embeddings", "body": {"model": "m", "input": "x"}}
    path = write(tmp_path / "in.jsonl", [chat_line(1), emb])
    summary = await run_batch_file(client, path, tmp_path / "out.jsonl", ordered=True)
    chat, other = records(tmp_path / "out.jsonl")
    assert chat["response"] is None and chat["error"]["code"] == "APIConnectionError"
    assert other["response"] is None
    assert other["error"] == {"code": "RuntimeError", "message": "boom"}
    assert summary.failed == 2 and summary.statuses == {"no response": 2}


async def test_a_body_that_is_not_json_is_kept_as_text(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    proxy.on("POST", "/chat/completions", reply(200, "plain words"))
    path = write(tmp_path / "in.jsonl", [chat_line(1)])
    await run_batch_file(client, path, tmp_path / "out.jsonl")
    assert records(tmp_path / "out.jsonl")[0]["response"]["body"] == "plain words"


async def test_ordered_rewrites_the_completion_order(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    # Later lines answer sooner: the output is in completion order unless --ordered.
    proxy.on("POST", "/chat/completions", echo(delay=lambda text: 0.05 * (5 - int(text[3:]))))
    path = write(tmp_path / "in.jsonl", [chat_line(i) for i in range(5)])
    await run_batch_file(client, path, tmp_path / "a.jsonl", concurrency=5)
    ids = [r["custom_id"] for r in records(tmp_path / "a.jsonl")]
    assert sorted(ids) == [f"c-{i}" for i in range(5)] and ids != sorted(ids)
    await run_batch_file(client, path, tmp_path / "b.jsonl", concurrency=5, ordered=True)
    assert [r["custom_id"] for r in records(tmp_path / "b.jsonl")] == [f"c-{i}" for i in range(5)]


# -- resume --------------------------------------------------------------------------------


@pytest.mark.parametrize("kept", [0, 1, 4, 9])
async def test_resume_after_a_kill_mid_line(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path, kept: int
) -> None:
    proxy.on("POST", "/chat/completions", echo())
    path = write(tmp_path / "in.jsonl", [chat_line(i) for i in range(10)])
    out = tmp_path / "out.jsonl"
    await run_batch_file(client, path, out)
    full = out.read_bytes().splitlines(keepends=True)
    # A kill -9 leaves `kept` complete lines and half of the next one.
    out.write_bytes(b"".join(full[:kept]) + full[kept][: len(full[kept]) // 2])
    before = len(proxy.calls())
    summary = await run_batch_file(client, path, out)
    assert len(proxy.calls()) - before == 10 - kept  # the torn line is sent again, no other
    assert summary.already_done == kept and summary.sent == 10 - kept
    ids = [r["custom_id"] for r in records(out)]
    assert sorted(ids) == sorted(f"c-{i}" for i in range(10))  # each exactly once
    again = await run_batch_file(client, path, out)
    assert again.sent == 0 and again.already_done == 10
    assert "0 succeeded, 0 failed, 10 already done" in again.report()


async def test_a_changed_body_runs_again_and_replaces_its_line(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    proxy.on("POST", "/chat/completions", echo())
    lines = [chat_line(i) for i in range(4)]
    path = write(tmp_path / "in.jsonl", lines)
    out = tmp_path / "out.jsonl"
    await run_batch_file(client, path, out)
    lines[2] = chat_line(2, model="gpt-2")  # the same custom_id, another model
    write(path, lines)
    summary = await run_batch_file(client, path, out, ordered=True)
    assert summary.sent == 1 and summary.already_done == 3
    assert proxy.calls()[-1].json()["model"] == "gpt-2"
    result = records(out)
    assert [r["custom_id"] for r in result] == ["c-0", "c-1", "c-2", "c-3"]
    assert result[2]["response"]["body"]["model"] == "gpt-2"
    assert result[2]["id"] == validate_file(path)[2].output_id


async def test_failed_lines_are_sent_again(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    proxy.on("POST", "/chat/completions", reply(400, {"error": {"message": "no"}}), echo())
    path = write(tmp_path / "in.jsonl", [chat_line(1)])
    out = tmp_path / "out.jsonl"
    first = await run_batch_file(client, path, out)
    assert first.failed == 1 and len(records(errors_path(out))) == 1
    second = await run_batch_file(client, path, out)
    assert second.succeeded == 1 and second.already_done == 0
    assert [r["response"]["status_code"] for r in records(out)] == [200]
    assert errors_path(out).read_bytes() == b""


async def test_duplicate_answers_are_reduced_to_one(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    proxy.on("POST", "/chat/completions", echo())
    path = write(tmp_path / "in.jsonl", [chat_line(1), chat_line(2)])
    out = tmp_path / "out.jsonl"
    await run_batch_file(client, path, out, ordered=True)
    first = out.read_bytes().splitlines(keepends=True)[0]
    out.write_bytes(out.read_bytes() + first)
    summary = await run_batch_file(client, path, out)
    assert summary.sent == 0
    assert [r["custom_id"] for r in records(out)] == ["c-1", "c-2"]


async def test_an_output_of_another_input_is_refused(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    proxy.on("POST", "/chat/completions", echo())
    out = tmp_path / "out.jsonl"
    await run_batch_file(client, write(tmp_path / "a.jsonl", [chat_line(1)]), out)
    other = write(tmp_path / "b.jsonl", [chat_line(2)])
    with pytest.raises(BatchFileError, match="custom_id 'c-1', which the input does not have"):
        await run_batch_file(client, other, out)
    assert len(records(out)) == 1  # nothing pruned
    summary = await run_batch_file(client, other, out, restart=True)
    assert summary.succeeded == 1 and [r["custom_id"] for r in records(out)] == ["c-2"]


def test_a_torn_last_line_is_not_a_record(tmp_path: Path) -> None:
    path = write(tmp_path / "out.jsonl", [{"custom_id": "a"}])
    path.write_bytes(path.read_bytes() + b'{"custom_id": "b"')
    assert [record for _, _, record in read_output(path)] == [{"custom_id": "a"}]


async def test_usage_of_the_responses_shape_and_junk(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    proxy.on(
        "POST",
        "/responses",
        reply(200, {"usage": {"input_tokens": 5, "output_tokens": 2}}),
        reply(200, {"usage": {"input_tokens": "five"}}),
    )
    lines = [
        {"custom_id": f"r{i}", "url": "/v1/responses", "body": {"model": "m", "input": "x"}}
        for i in range(2)
    ]
    summary = await run_batch_file(
        client, write(tmp_path / "in.jsonl", lines), tmp_path / "o.jsonl", concurrency=1
    )
    assert (summary.prompt_tokens, summary.completion_tokens, summary.succeeded) == (5, 2, 2)


def test_a_foreign_output_line_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "out.jsonl", [{"custom_id": "a"}, [1]])
    with pytest.raises(BatchFileError, match=":2: not a batch output line"):
        list(read_output(path))
    write(path, [b"{oops"])
    with pytest.raises(BatchFileError, match=":1: not a batch output line"):
        list(read_output(path))


# -- tokens, limits and feedback -----------------------------------------------------------


def test_token_estimate() -> None:
    body = {"model": "a-long-model-name", "messages": [{"role": "user", "content": "x" * 40}]}
    assert estimate_tokens(body) == 11  # 40 chars / 4 + 1, the model name not counted
    assert estimate_tokens({**body, "max_tokens": 100, "n": 2}) == 211
    assert estimate_tokens({"input": ["abcd", "efgh"], "max_output_tokens": 5}) == 9


async def test_dry_run_estimates_and_sends_nothing(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    lines = [chat_line(1, text="x" * 40), {**chat_line(2), "body": {"messages": ["y" * 8]}}]
    path = write(tmp_path / "in.jsonl", lines)
    summary = await run_batch_file(client, path, tmp_path / "out.jsonl", dry_run=True)
    assert proxy.calls() == [] and not (tmp_path / "out.jsonl").exists()
    assert summary.estimated_tokens == 11 + 3 and summary.total == 2
    assert "2 lines valid, 2 to send" in summary.report() and "estimated" in summary.report()


async def test_dry_run_exact_tokens_asks_the_proxy(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    proxy.on("POST", "/utils/token_counter", reply(200, {"total_tokens": 7}))
    proxy.on("POST", "/chat/completions", echo())
    no_model = {"custom_id": "n", "url": "/v1/completions", "body": {"prompt": "abcd"}}
    lines = [chat_line(1), {**chat_line(2), "body": {**chat_line(2)["body"], "max_tokens": 5}}]
    path = write(tmp_path / "in.jsonl", [*lines, no_model])
    out = tmp_path / "out.jsonl"
    await run_batch_file(client, write(tmp_path / "one.jsonl", [chat_line(1)]), out)
    summary = await run_batch_file(client, path, out, dry_run=True, exact_tokens=True)
    # Counted by the proxy (7 each, + the allowance of max_tokens); no model: the estimate.
    assert summary.estimated_tokens == 7 + 12 + 2
    counted = proxy.calls("POST", "/utils/token_counter")
    assert counted[0].json() == {"model": "gpt", "prompt": "hi 1"}
    assert summary.already_done == 1 and "counted by the proxy" in summary.report()
    restarted = await run_batch_file(client, path, out, dry_run=True, restart=True)
    assert restarted.already_done == 0


async def test_exact_tokens_in_a_live_run(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    proxy.on("POST", "/utils/token_counter", reply(200, {"total_tokens": 9}))
    proxy.on("POST", "/chat/completions", echo())
    path = write(tmp_path / "in.jsonl", [chat_line(1)])
    summary = await run_batch_file(client, path, tmp_path / "o.jsonl", exact_tokens=True)
    assert summary.estimated_tokens == 9 and summary.succeeded == 1


class Clock:
    """A fake monotonic clock moved by the fake sleep."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


async def test_token_budget_waits_and_is_corrected(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    monkeypatch.setattr("aio_litellm.batch_file.time.monotonic", clock)
    budget = _TokenBudget(600, clock.sleep)  # 10 tokens a second
    await budget.take(500)
    assert clock.waits == []
    await budget.take(200)  # 100 left: 100 more tokens to wait for
    assert clock.waits == [pytest.approx(10.0)]
    budget.correct(100)  # the answer used 100 more than estimated: owed
    await budget.take(50)
    assert clock.waits[-1] == pytest.approx(15.0)
    budget.correct(-10_000)  # far fewer: given back, up to the capacity
    assert budget.level == 600
    await budget.take(5_000)  # more than a minute's worth: capped at the capacity
    assert budget.level == 0


async def test_tpm_is_corrected_by_usage(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    monkeypatch.setattr("aio_litellm.batch_file.time.monotonic", clock)

    async def big(request: web.Request) -> web.Response:
        usage = {"prompt_tokens": 50, "completion_tokens": 10, "total_tokens": 60}
        return web.json_response({"choices": [], "usage": usage})

    proxy.on("POST", "/chat/completions", big)
    path = write(tmp_path / "in.jsonl", [chat_line(i) for i in range(3)])
    summary = await run_batch_file(
        client, path, tmp_path / "o.jsonl", tpm=60, concurrency=1, sleep=clock.sleep
    )
    # Each line is estimated at 2 tokens but uses 60, a minute's budget (1 token a second):
    # the first empties the bucket, so the second waits for its 2; the second leaves it 58 in
    # debt, so the third waits 60 s.
    assert summary.estimated_tokens == 6 and summary.prompt_tokens == 150
    assert clock.waits == [pytest.approx(2.0), pytest.approx(60.0)]


async def test_ratelimit_headers_slow_the_job_down(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    waits: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        waits.append(seconds)

    headers = {"x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "7"}
    proxy.on("POST", "/chat/completions", echo(headers), echo())
    path = write(tmp_path / "in.jsonl", [chat_line(i) for i in range(2)])
    summary = await run_batch_file(
        client, path, tmp_path / "o.jsonl", concurrency=1, sleep=fake_sleep
    )
    assert summary.slowdowns == 1 and summary.succeeded == 2
    assert len(waits) >= 1 and 6 < waits[0] <= 7  # the second request waited for the reset


async def test_low_remaining_tokens_slow_the_job_down(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    waits: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        waits.append(seconds)

    plenty = {"x-ratelimit-remaining-requests": "1000", "x-ratelimit-remaining-tokens": "1e6"}
    low = {"x-ratelimit-remaining-tokens": "1", "x-ratelimit-remaining-requests": "junk"}
    out_of = {"x-ratelimit-remaining-tokens": "0"}
    proxy.on("POST", "/chat/completions", echo(plenty), echo(low), echo(out_of), echo())
    path = write(tmp_path / "in.jsonl", [chat_line(i) for i in range(4)])
    summary = await run_batch_file(
        client, path, tmp_path / "o.jsonl", concurrency=1, sleep=fake_sleep
    )
    assert summary.slowdowns == 2  # plenty left: no slowdown; low and zero: one each
    assert len(waits) == 1 and 0 < waits[0] <= 1.0  # no reset header: a second


def test_output_line_without_answer(tmp_path: Path) -> None:
    [line] = validate_file(write(tmp_path / "in.jsonl", [chat_line(1)]))
    error = {"code": "timeout", "message": "no answer"}
    record = output_line(line, status_code=None, request_id=None, body=None, error=error)
    assert record == {"id": line.output_id, "custom_id": "c-1", "response": None, "error": error}


def test_summary_without_requests() -> None:
    summary = RunSummary()
    assert summary.percentile(99) == 0.0
    assert "statuses: none" in summary.report() and "0.0 requests/s" in summary.report()


def test_low_remaining_requests_halve_the_requests_in_flight(client: LiteLLMClient) -> None:
    from aio_litellm.batch_file import _Job
    from aio_litellm.bulk import BulkRunner

    job = _Job(client, RunSummary(), None, rpm=None, tpm=None, sleep=asyncio.sleep)
    job.runner = BulkRunner(concurrency=32)
    job._feedback({"x-ratelimit-remaining-requests": "100"}, 1)
    assert job.runner.limit.limit == 32 and job.pause_until == 0.0
    job._feedback({"x-ratelimit-remaining-requests": "20"}, 1)  # less than a round of 32
    assert job.runner.limit.limit == 16
    job._feedback({"x-ratelimit-remaining-tokens": "100"}, 10)  # 100 < 10 tokens x 16
    assert job.runner.limit.limit == 8 and job.summary.slowdowns == 2
    assert job.pause_until == 0.0  # low, not exhausted: no pause
