"""``aio-litellm run``: arguments, exit statuses, one-line errors."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import orjson
import pytest

from aio_litellm import LiteLLMClient, _run_cli
from aio_litellm._jobfiles import EXIT_FAILED, EXIT_OK, JobFailed, UsageError

from .conftest import FakeProxy, reply


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="aio-litellm")
    _run_cli.add_parser(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(["run", *argv])


def chat(i: int, model: str = "gpt") -> dict[str, Any]:
    return {
        "custom_id": f"c-{i}",
        "method": "POST",
        "url": "/v1/chat/completions",
        "body": {"model": model, "messages": [{"role": "user", "content": f"hi {i}"}]},
    }


def write(path: Path, lines: list[Any]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(x) + b"\n" for x in lines))
    return path


ANSWER = {"choices": [], "usage": {"prompt_tokens": 2, "completion_tokens": 1}}


def test_defaults_and_options(tmp_path: Path) -> None:
    args = parse("in.jsonl", "--out", "o.jsonl")
    assert (args.input, args.out, args.errors, args.rpm, args.tpm) == (
        "in.jsonl",
        "o.jsonl",
        None,
        None,
        None,
    )
    assert args.concurrency == 32 and not (args.ordered or args.dry_run or args.restart)
    args = parse(
        "in.jsonl",
        "--out=o.jsonl",
        "--rpm=600",
        "--tpm",
        "1e5",
        "--concurrency=4",
        "--ordered",
        "--dry-run",
        "--exact-tokens",
        "--errors=e.jsonl",
        "--quiet",
        "--restart",
    )
    assert (args.rpm, args.tpm, args.concurrency, args.errors) == (600.0, 100000.0, 4, "e.jsonl")
    assert args.ordered and args.dry_run and args.exact_tokens and args.quiet and args.restart


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--rpm=abc", "expected a number, got 'abc'"),
        ("--tpm=0", "must be > 0"),
        ("--concurrency=0", "must be >= 1"),
        ("--concurrency=x", "expected an integer, got 'x'"),
    ],
)
def test_bad_options_exit_2_with_one_line(
    option: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        parse("in.jsonl", "--out", "o.jsonl", option)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


async def test_run_exit_0_and_summary(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    proxy.on("POST", "/chat/completions", reply(200, ANSWER))
    source = write(tmp_path / "in.jsonl", [chat(1), chat(2)])
    out = tmp_path / "out.jsonl"
    status = await _run_cli.run(parse(str(source), "--out", str(out), "--quiet"), client)
    assert status == EXIT_OK
    assert len(out.read_bytes().splitlines()) == 2
    err = capsys.readouterr().err
    assert "run: 2 succeeded, 0 failed, 0 already done, of 2 lines" in err
    assert "tokens: 4 prompt, 2 completion" in err


async def test_run_exit_1_when_a_line_failed(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    proxy.on("POST", "/chat/completions", reply(400, {"error": {"message": "no such model"}}))
    source = write(tmp_path / "in.jsonl", [chat(1)])
    errors = tmp_path / "bad.jsonl"
    args = parse(str(source), "--out", str(tmp_path / "o.jsonl"), "--errors", str(errors))
    assert await _run_cli.run(args, client) == EXIT_FAILED
    assert b"no such model" in errors.read_bytes()
    assert f"failed lines -> {errors}" in capsys.readouterr().err


async def test_bad_input_is_a_usage_error_of_one_line(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    source = write(tmp_path / "in.jsonl", [chat(1), {**chat(2), "body": [1]}])
    with pytest.raises(UsageError) as caught:
        await _run_cli.run(parse(str(source), "--out", str(tmp_path / "o.jsonl")), client)
    assert str(caught.value) == f"{source}:2: body must be a JSON object, not list"
    assert proxy.calls() == []


async def test_dry_run_prints_the_estimate(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "in.jsonl", [chat(1)])
    args = parse(str(source), "--out", str(tmp_path / "o.jsonl"), "--dry-run")
    assert await _run_cli.run(args, client) == EXIT_OK
    assert proxy.calls() == []
    assert "1 lines valid, 1 to send (0 already done), 2 tokens (estimated)" in (
        capsys.readouterr().err
    )


async def test_an_unreachable_token_counter_is_one_line(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    proxy.on("POST", "/utils/token_counter", reply(401, {"error": {"message": "bad key"}}))
    source = write(tmp_path / "in.jsonl", [chat(1)])
    args = parse(str(source), "--out", str(tmp_path / "o.jsonl"), "--dry-run", "--exact-tokens")
    with pytest.raises(JobFailed) as caught:
        await _run_cli.run(args, client)
    assert "bad key" in str(caught.value) and "\n" not in str(caught.value)
    assert str(caught.value).endswith("nothing was sent")


async def test_submit_runs_the_file_as_a_provider_batch(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from .test_batch_submit import DONE, answer, jsonl, request, script, write_lines

    source = write_lines(tmp_path / "in.jsonl", request("a"), request("b"))
    script(proxy, DONE, out=jsonl(answer("a")), err=jsonl(answer("b", status=400)))
    out = tmp_path / "out.jsonl"
    code = await _run_cli.run(parse(str(source), "--out", str(out), "--submit"), client)
    assert code == 1  # one line failed
    assert [orjson.loads(x)["custom_id"] for x in out.read_bytes().splitlines()] == ["a", "b"]
    errors = tmp_path / "out.errors.jsonl"
    assert [orjson.loads(x)["custom_id"] for x in errors.read_bytes().splitlines()] == ["b"]
    assert "batch_1" in capsys.readouterr().err


async def test_submit_refuses_live_only_options(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(orjson.dumps(chat(1)) + b"\n")
    args = parse(str(source), "--out", str(tmp_path / "o.jsonl"), "--submit", "--rpm", "60")
    with pytest.raises(UsageError, match="--rpm apply to a live run only"):
        await _run_cli.run(args, client)
    assert proxy.seen == []
