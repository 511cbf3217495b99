"""``aio-litellm plan`` / ``apply`` (``aio_litellm._plan_cli``): output, exit statuses, and bad
input as one clear error (``UsageError``/``JobFailed``), never a traceback."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Any

import pytest

from aio_litellm import LiteLLMClient
from aio_litellm._jobfiles import JobFailed, UsageError
from aio_litellm._plan_cli import add_parser, run

from .conftest import FakeProxy
from .test_state import SPEC, FakeState


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(list(argv))


async def cli(client: LiteLLMClient, *argv: str) -> tuple[int, str]:
    out = io.StringIO()
    args = parse(*argv)
    from aio_litellm import _plan_cli

    runner = _plan_cli.run_plan if args.command == "plan" else _plan_cli.run_apply
    status = await runner(args, client, out)
    return status, out.getvalue()


def write(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data))


@pytest.fixture
def spec_file(tmp_path: Path) -> Path:
    path = tmp_path / "platform.json"
    path.write_text(json.dumps(SPEC))
    return path


async def test_plan_apply_plan_through_the_cli(
    proxy: FakeProxy, client: LiteLLMClient, spec_file: Path
) -> None:
    state = FakeState(proxy)
    status, out = await cli(client, "plan", str(spec_file))
    assert status == 0 and out.splitlines()[-1] == "Plan: 9 to create, 0 to update, 0 to delete."
    assert not state.order  # plan changes nothing
    status, out = await cli(client, "apply", str(spec_file))
    assert status == 0 and out.splitlines()[-1].startswith("Apply: 9 created, 0 updated")
    secrets = spec_file.with_suffix(".secrets.jsonl")  # the default file
    assert "2 key secret(s) written to " + str(secrets) in out
    for row in map(json.loads, secrets.read_text().splitlines()):
        assert row["key"] not in out
    status, out = await cli(client, "plan", str(spec_file))
    assert out.splitlines()[-1] == "Plan: 0 to create, 0 to update, 0 to delete."


async def test_run_dispatches_by_command(
    proxy: FakeProxy, client: LiteLLMClient, spec_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    FakeState(proxy)
    assert await run(parse("plan", str(spec_file)), client) == 0
    assert "Plan: 9 to create" in capsys.readouterr().out
    secrets = str(spec_file.parent / "k.jsonl")
    assert await run(parse("apply", str(spec_file), "--secrets-file", secrets), client) == 0
    assert "Apply: 9 created" in capsys.readouterr().out


async def test_apply_with_a_failed_change_exits_1(
    proxy: FakeProxy, client: LiteLLMClient, spec_file: Path
) -> None:
    state = FakeState(proxy)
    state.fail["/budget/new"] = 400
    status, out = await cli(client, "apply", str(spec_file))
    assert status == 1
    assert "! + budget gold: FAILED: 400: refused /budget/new" in out
    assert "! + customer cust-1: not applied: depends on budget gold, not applied" in out


async def test_saved_plan_round_trip_and_refusals(
    proxy: FakeProxy, client: LiteLLMClient, spec_file: Path, tmp_path: Path
) -> None:
    state = FakeState(proxy)
    plan_file = str(tmp_path / "p.json")
    out = (await cli(client, "plan", str(spec_file), "--out", plan_file))[1]
    assert f"Saved the plan to {plan_file}" in out
    with pytest.raises(UsageError, match="made without --prune"):
        await cli(client, "apply", str(spec_file), "--plan-file", plan_file, "--prune")
    state.users["alice"] = {"user_id": "alice"}  # changed since the plan
    with pytest.raises(JobFailed, match="live state changed"):
        await cli(client, "apply", str(spec_file), "--plan-file", plan_file)
    del state.users["alice"]
    assert (await cli(client, "apply", str(spec_file), "--plan-file", plan_file))[0] == 0
    write(spec_file, {**SPEC, "budgets": []})
    with pytest.raises(JobFailed, match="spec changed"):
        await cli(client, "apply", str(spec_file), "--plan-file", plan_file)
    (tmp_path / "bad.json").write_text("[]")
    with pytest.raises(UsageError, match="not a plan file"):
        await cli(client, "apply", str(spec_file), "--plan-file", str(tmp_path / "bad.json"))


async def test_max_deletes_refusal_is_a_job_failure(
    proxy: FakeProxy, client: LiteLLMClient, spec_file: Path
) -> None:
    FakeState(proxy)
    assert (await cli(client, "apply", str(spec_file)))[0] == 0
    write(spec_file, {"name": SPEC["name"]})
    with pytest.raises(JobFailed, match="more than max_deletes=2"):
        await cli(client, "apply", str(spec_file), "--prune", "--max-deletes", "2")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not valid JSON"),
        (json.dumps({"name": "x", "teams": [{}]}), "teams[0]: needs team_alias or team_id"),
        (json.dumps({"name": "x", "keys": [{"key_alias": "k", "team": "t"}]}), "team: 't'"),
    ],
)
@pytest.mark.parametrize("command", ["plan", "apply"])
async def test_bad_specs_are_usage_errors(
    proxy: FakeProxy,
    client: LiteLLMClient,
    tmp_path: Path,
    content: str,
    message: str,
    command: str,
) -> None:
    FakeState(proxy)
    path = tmp_path / "s.json"
    path.write_text(content)
    with pytest.raises(UsageError) as caught:
        await cli(client, command, str(path))
    assert message in str(caught.value)


def test_max_deletes_must_not_be_negative(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse("apply", "s.yaml", "--max-deletes", "-1")
    assert "must be >= 0" in capsys.readouterr().err


def test_cli_main_reports_a_missing_spec_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from aio_litellm import cli

    monkeypatch.setenv("LITELLM_API_KEY", "sk-test")
    with pytest.raises(SystemExit) as exited:  # bad input: argparse's exit, status 2
        cli.main(["--base-url", "http://127.0.0.1:9", "plan", "/nonexistent.yaml"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "/nonexistent.yaml: cannot read" in err and "Traceback" not in err
