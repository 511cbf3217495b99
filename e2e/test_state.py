"""``plan``/``apply`` against the real proxy and its database: a 5-team, 20-user, 3-budget,
10-customer, 200-key spec applied, planned again (0 changes), edited (a budget, a removed key)
and applied with prune; an organization refused without a licence, the rest still applied."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import stat
import uuid
from pathlib import Path
from typing import Any

import pytest

from aio_litellm import LiteLLMClient, NotFoundError
from aio_litellm._plan_cli import run_apply
from aio_litellm.state import MARK, apply, parse_spec, plan

from .launcher import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


def big_spec(run: str) -> dict[str, Any]:
    users = [{"user_id": f"{run}-u{i}", "max_budget": 5.0 + i} for i in range(20)]
    teams = [
        {
            "team_alias": f"{run}-t{t}",
            "max_budget": 100.0,
            "models": ["fake-gpt", "fake-embed"],
            "metadata": {"cost_center": str(t)},
            "members": [f"{run}-u{t * 4 + i}" for i in range(4)],
        }
        for t in range(5)
    ]
    keys = [
        {
            "key_alias": f"{run}-k{i}",
            "models": ["fake-gpt"],
            "max_budget": 1.0,
            **({"team": f"{run}-t{i % 5}"} if i % 2 else {"user": f"{run}-u{i % 20}"}),
        }
        for i in range(200)
    ]
    return {
        "name": run,
        "budgets": [{"budget_id": f"{run}-b{i}", "max_budget": 10.0 * (i + 1)} for i in range(3)],
        "teams": teams,
        "users": users,
        "customers": [
            {"user_id": f"{run}-c{i}", "alias": f"customer {i}", "budget": f"{run}-b{i % 3}"}
            for i in range(10)
        ],
        "keys": keys,
    }


def write(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data))


async def cleanup(client: LiteLLMClient, data: dict[str, Any]) -> None:
    # Prune takes what is marked (keys, users, teams); budgets and customers have no metadata.
    empty = parse_spec({"name": data["name"]})
    await apply(client, empty, prune=True, max_deletes=1000)
    # One at a time: the proxy deletes no customer of a list with one unknown id.
    for customer in data["customers"]:
        with contextlib.suppress(NotFoundError):
            await client.customers.delete([customer["user_id"]])
    for budget in data["budgets"]:
        await client.budgets.delete(budget["budget_id"])


async def test_apply_converges_then_edits_and_prunes(
    admin: LiteLLMClient, stack: Stack, tmp_path: Path
) -> None:
    run = f"e2e-state-{uuid.uuid4().hex[:8]}"
    data = big_spec(run)
    spec = parse_spec(data)
    secrets = tmp_path / "secrets.jsonl"
    try:
        first = await plan(admin, spec)
        assert first.lines()[-1] == "Plan: 258 to create, 0 to update, 0 to delete."
        report = await apply(admin, spec, secrets_path=secrets)
        print(f"apply of {len(data['keys'])} keys: {report.elapsed:.2f} s")
        assert report.ok, report.lines()[-10:]
        assert report.count("+") == 258  # 3 + 5 + 20 + 10, 20 members, 200 keys

        again = await plan(admin, spec)
        assert again.lines() == ["Plan: 0 to create, 0 to update, 0 to delete."]

        # The 200 secrets, and only there: a 0600 file, one working key per line.
        assert stat.S_IMODE(os.stat(secrets).st_mode) == 0o600
        rows = [json.loads(line) for line in secrets.read_text().splitlines()]
        assert sorted(r["key_alias"] for r in rows) == sorted(k["key_alias"] for k in data["keys"])
        assert not any(r["key"] in line for r in rows for line in report.lines())
        async with LiteLLMClient(base_url=stack.base_url, api_key=rows[0]["key"]) as as_key:
            reply = await as_key.chat.completions.create(
                model="fake-gpt", messages=[{"role": "user", "content": "hi"}]
            )
            assert reply.choices[0].message.content == "echo: hi"
        # What apply created is marked and named as the spec says (keys read back by hash).
        info = await admin.keys.info(rows[0]["token"])
        assert info.info["metadata"][MARK] == run

        # Edit: one budget changed, one key gone, applied with prune through the CLI.
        data["budgets"][1]["max_budget"] = 99.0
        removed = data["keys"].pop(7)
        path = tmp_path / "spec.json"
        write(path, data)
        edited = parse_spec(data)
        listed = await plan(admin, edited)
        assert listed.lines() == [
            f"~ budget {run}-b1\n    max_budget: 20.0 -> 99.0",
            f"  key {removed['key_alias']}: marked {run!r}, not in the spec (--prune deletes it)",
            "Plan: 0 to create, 1 to update, 0 to delete.",
        ]
        out = io.StringIO()
        args = argparse.Namespace(
            command="apply",
            spec=str(path),
            prune=True,
            max_deletes=1,
            secrets_file=str(secrets),
            plan_file=None,
            concurrency=16,
        )
        assert await run_apply(args, admin, out) == 0, out.getvalue()
        assert (
            out.getvalue()
            .splitlines()[-1]
            .startswith("Apply: 0 created, 1 updated, 1 deleted, 0 failed")
        )
        final = await plan(admin, edited, prune=True)
        assert final.lines() == ["Plan: 0 to create, 0 to update, 0 to delete."]
        assert [b.max_budget for b in await admin.budgets.info([f"{run}-b1"])] == [99.0]
        left = [k async for k in admin.keys.list(key_alias=removed["key_alias"])]
        assert left == []
    finally:
        await cleanup(admin, data)
    assert (await plan(admin, parse_spec(data))).creates == 258 - 1


async def test_refused_organization_is_reported_and_the_rest_applied(
    admin: LiteLLMClient, tmp_path: Path
) -> None:
    run = f"e2e-org-{uuid.uuid4().hex[:8]}"
    data = {
        "name": run,
        "organizations": [{"organization_alias": f"{run}-acme", "max_budget": 10.0}],
        "budgets": [{"budget_id": f"{run}-b", "max_budget": 5.0}],
        "teams": [
            {"team_alias": f"{run}-in-org", "organization": f"{run}-acme"},
            {"team_alias": f"{run}-free"},
        ],
        "users": [{"user_id": f"{run}-u"}],
        "customers": [],
        "keys": [
            {"key_alias": f"{run}-org-key", "team": f"{run}-in-org"},
            {"key_alias": f"{run}-free-key", "team": f"{run}-free"},
        ],
    }
    try:
        planned = await plan(admin, parse_spec(data))
        assert any(
            line.startswith("! organizations: cannot read them (403") for line in planned.lines()
        )
        report = await apply(admin, parse_spec(data), secrets_path=tmp_path / "s.jsonl")
        lines = report.lines()
        assert [(c.ref, why[:4]) for c, why in report.failed] == [
            (f"organization:{run}-acme", "403:")
        ]
        assert [c.ref for c, _ in report.skipped] == [f"team:{run}-in-org", f"key:{run}-org-key"]
        assert any("Enterprise" in line for line in lines if line.startswith("! + organization"))
        assert lines[-1].startswith("Apply: 4 created, 0 updated, 0 deleted, 1 failed, 2 not")
        done = {c.ref for c in report.done}
        assert done == {
            f"budget:{run}-b",
            f"team:{run}-free",
            f"user:{run}-u",
            f"key:{run}-free-key",
        }
        teams = {t.team_alias async for t in admin.teams.list_v2(team_alias=f"{run}-free")}
        assert f"{run}-free" in teams
    finally:
        await cleanup(admin, data)
