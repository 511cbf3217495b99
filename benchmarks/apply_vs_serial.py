"""``apply`` of the 200-key spec next to the same objects created one at a time.

    python benchmarks/apply_vs_serial.py [--keys 200] [--concurrency 16]

Starts (or finds, via LITELLM_BASE_URL and LITELLM_MASTER_KEY) a proxy with a database via
e2e/launcher.py. The spec is the e2e one: 3 budgets, 5 teams, 20 users (4 members per team),
10 customers and --keys keys. Measured in one run, each with its own names: ``apply`` (bulk,
dependency order), a ``plan`` right after it (must show 0 changes), and the same objects made
with sequential awaits (one create, one member add, one key at a time). Both are cleaned up.
Writes benchmarks/results/apply_vs_serial.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aio_litellm import LiteLLMClient, NotFoundError
from aio_litellm.resources.keys import new_key
from aio_litellm.state import MARK, apply, parse_spec, plan
from e2e.launcher import running_stack
from e2e.test_state import big_spec

RESULTS = Path(__file__).resolve().parent / "results" / "apply_vs_serial.json"


def spec_with(run: str, keys: int) -> dict[str, Any]:
    data = big_spec(run)
    data["keys"] = (data["keys"] * (keys // len(data["keys"]) + 1))[:keys]
    data["keys"] = [{**k, "key_alias": f"{run}-k{i}"} for i, k in enumerate(data["keys"])]
    return data


async def serial(client: LiteLLMClient, data: dict[str, Any]) -> float:
    """The spec's objects, one await after another (what one-object-at-a-time tools do)."""
    mark = {MARK: data["name"]}
    start = time.monotonic()
    for budget in data["budgets"]:
        await client.budgets.create(**budget)
    team_ids: dict[str, str] = {}
    for team in data["teams"]:
        fields = {k: v for k, v in team.items() if k != "members"}
        team_id = str(uuid.uuid4())
        team_ids[team["team_alias"]] = team_id
        fields["metadata"] = {**fields["metadata"], **mark}
        await client.teams.create(**fields, team_id=team_id)
    for user in data["users"]:
        await client.users.create(**user, metadata=mark, auto_create_key=False)
    for customer in data["customers"]:
        fields = {k: v for k, v in customer.items() if k != "budget"}
        await client.customers.create(**fields, budget_id=customer["budget"])
    for team in data["teams"]:
        for member in team["members"]:
            await client.teams.member_add(
                team_ids[team["team_alias"]], [{"user_id": member, "role": "user"}]
            )
    for key in data["keys"]:
        fields = {k: v for k, v in key.items() if k not in ("team", "user")}
        if "team" in key:
            fields["team_id"] = team_ids[key["team"]]
        if "user" in key:
            fields["user_id"] = key["user"]
        await client.keys.create(**fields, key=new_key(), metadata=mark)
    return time.monotonic() - start


async def cleanup(client: LiteLLMClient, data: dict[str, Any]) -> None:
    await apply(client, parse_spec({"name": data["name"]}), prune=True, max_deletes=10_000)
    for customer in data["customers"]:
        with contextlib.suppress(NotFoundError):
            await client.customers.delete([customer["user_id"]])
    for budget in data["budgets"]:
        await client.budgets.delete(budget["budget_id"])


async def measure(base_url: str, master_key: str, keys: int, concurrency: int) -> dict[str, Any]:
    tag = uuid.uuid4().hex[:8]
    bulk, one_by_one = spec_with(f"bench-apply-{tag}", keys), spec_with(f"bench-serial-{tag}", keys)
    objects = sum(len(bulk[s]) for s in ("budgets", "teams", "users", "customers", "keys"))
    members = sum(len(t["members"]) for t in bulk["teams"])
    async with LiteLLMClient(base_url=base_url, api_key=master_key, timeout=120) as client:
        try:
            with tempfile.TemporaryDirectory() as tmp:
                report = await apply(
                    client,
                    parse_spec(bulk),
                    secrets_path=Path(tmp) / "secrets.jsonl",
                    concurrency=concurrency,
                )
            if not report.ok:
                raise SystemExit("apply failed:\n" + "\n".join(report.lines()[-5:]))
            started = time.monotonic()
            after = await plan(client, parse_spec(bulk))
            plan_s = time.monotonic() - started
            serial_s = await serial(client, one_by_one)
        finally:
            await cleanup(client, bulk)
            await cleanup(client, one_by_one)
    return {
        "objects": objects,
        "members": members,
        "keys": keys,
        "concurrency": concurrency,
        "apply_s": round(report.elapsed, 2),
        "serial_s": round(serial_s, 2),
        "speedup": round(serial_s / report.elapsed, 2),
        "plan_after_apply_s": round(plan_s, 2),
        "plan_after_apply": after.lines()[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    if not 1 <= args.keys <= 1000:
        raise SystemExit("--keys: 1 to 1000 (the benchmark is bounded)")
    with running_stack() as stack:
        if stack.mode not in ("db", "external"):
            raise SystemExit("needs a proxy with a database")
        result = asyncio.run(measure(stack.base_url, stack.master_key, args.keys, args.concurrency))
    result["proxy"] = "local LiteLLM 1.110.2 with its database (e2e/launcher.py)"
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
