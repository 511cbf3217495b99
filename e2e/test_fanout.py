"""Fan-out helpers and the CLI against the real proxy."""

from __future__ import annotations

import asyncio
import os
import sys
import uuid
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pytest

from aio_litellm import LiteLLMClient
from aio_litellm.bulk import BulkRunner

from .fake_provider import vector
from .launcher import Stack

pytestmark = pytest.mark.e2e


async def test_batch_embed_10000_texts(admin: LiteLLMClient) -> None:
    texts = [f"document {i} about {i % 97}" for i in range(10_000)]
    out = await admin.embeddings.batch(
        texts, model="fake-embed", batch_size=100, concurrency=16, as_numpy=True
    )
    assert out.ok and out.requests == 100
    assert out.vectors.shape == (10_000, 16)
    for i in (0, 4321, 9999):
        np.testing.assert_array_equal(out.vectors[i], np.array(vector(texts[i]), dtype=np.float32))


async def test_many_callers_are_held_where_more_in_flight_pays(stack: Stack) -> None:
    # 1,024 callers, the default adaptive limit: it starts at 32 and doubles only after
    # windows of several latencies that paid, so the proxy never sees every caller at once.
    in_flight = peak = 0
    async with LiteLLMClient(
        base_url=stack.base_url,
        api_key=stack.master_key,
        max_connections=1024,
        max_in_flight=1024,
        timeout=120,
    ) as client:

        async def one(i: int) -> str:
            nonlocal in_flight, peak
            in_flight += 1
            peak = max(peak, in_flight)
            try:
                answer = await client.chat.completions.create(
                    model="fake-gpt", messages=[{"role": "user", "content": f"hello {i}"}]
                )
            finally:
                in_flight -= 1
            return answer.id

        runner = BulkRunner(concurrency=1024)
        result = await runner.run(one, range(800))
    assert result.ok and len(set(result.values)) == 800
    latency = runner.latency_limit
    assert latency is not None and latency.windows >= 2 and latency.rate
    assert 32 <= peak <= 256


@pytest.mark.usefixtures("db")
async def test_bulk_create_and_delete_500_keys(admin: LiteLLMClient) -> None:
    run = uuid.uuid4().hex[:8]
    specs: list[Any] = [
        {"key_alias": f"bulk-{run}-{i}", "metadata": {"run": run}} for i in range(500)
    ]
    created = await admin.keys.create_many(specs, concurrency=16)
    assert created.ok, created.failed[:3]
    secrets = [o.value.key for o in created.outcomes if o.value is not None]
    assert len(set(secrets)) == 500
    aliases = [a async for a in admin.keys.aliases(search=f"bulk-{run}-", size=100)]
    assert len(aliases) == 500  # exactly once each
    # A rerun of the same specs with the same secrets creates nothing new.
    again = await admin.keys.create_many(
        [{**spec, "key": secret} for spec, secret in zip(specs[:20], secrets[:20], strict=True)]
    )
    assert again.ok
    assert len([a async for a in admin.keys.aliases(search=f"bulk-{run}-", size=100)]) == 500
    deleted = await admin.keys.delete_many(secrets, batch_size=100)
    assert deleted.ok and len(deleted.outcomes) == 500
    assert [a async for a in admin.keys.aliases(search=f"bulk-{run}-")] == []


@pytest.mark.usefixtures("db")
async def test_teams_users_members(admin: LiteLLMClient) -> None:
    run = uuid.uuid4().hex[:8]
    users = await admin.users.create_many([{"user_id": f"u-{run}-{i}"} for i in range(5)])
    assert users.ok, users.failed[:1]
    team_id = f"t-{run}"
    teams = await admin.teams.create_many([{"team_id": team_id, "team_alias": f"alias-{run}"}])
    assert teams.ok
    again = await admin.teams.create_many([{"team_id": team_id, "team_alias": f"alias-{run}"}])
    assert again.ok  # already exists as asked: success
    members: list[Any] = [{"user_id": f"u-{run}-{i}", "role": "user"} for i in range(5)]
    added = await admin.teams.add_members(team_id, members, batch_size=2)
    assert added.ok, added.failed[:1]
    assert (await admin.teams.add_members(team_id, members[:2])).ok
    await admin.teams.delete([team_id])
    await admin.users.delete([f"u-{run}-{i}" for i in range(5)])


async def cli(stack: Stack, *argv: str) -> tuple[int, str]:
    env = {**os.environ, "LITELLM_BASE_URL": stack.base_url, "LITELLM_API_KEY": stack.master_key}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "aio_litellm",
        *argv,
        "--quiet",
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await proc.communicate()
    assert proc.returncode is not None
    return proc.returncode, err.decode()


async def test_cli_embed_round_trip(stack: Stack, tmp_path: Path) -> None:
    source = tmp_path / "texts.txt"
    texts = [f"line {i}" for i in range(1000)]
    source.write_text("\n".join(texts) + "\n")
    code, err = await cli(
        stack, "embed", str(source), "--model", "fake-embed", "--out", str(tmp_path / "v.npy")
    )
    assert code == 0, err
    np.testing.assert_array_equal(
        np.load(tmp_path / "v.npy"), np.array([vector(t) for t in texts], np.float32)
    )


@pytest.mark.usefixtures("db")
async def test_cli_keys_round_trip(stack: Stack, admin: LiteLLMClient, tmp_path: Path) -> None:
    run = uuid.uuid4().hex[:8]
    specs = tmp_path / "specs.csv"
    specs.write_text("key_alias,max_budget\n" + "".join(f"cli-{run}-{i},{i}\n" for i in range(50)))
    created = tmp_path / "created.jsonl"
    code, err = await cli(stack, "keys", "create", "--from", str(specs), "--out", str(created))
    assert code == 0, err
    rows = [orjson.loads(line) for line in created.read_bytes().splitlines()]
    assert [r["index"] for r in rows] == list(range(50)) and all(r["ok"] for r in rows)
    info = await admin.keys.info(rows[7]["token"])
    assert info.info["key_alias"] == f"cli-{run}-7" and info.info["max_budget"] == 7.0
    listed = tmp_path / "keys.jsonl"
    assert (await cli(stack, "keys", "list", "--out", str(listed)))[0] == 0
    assert {r["token"] for r in rows} <= {
        orjson.loads(line) for line in listed.read_bytes().splitlines()
    }
    code, err = await cli(stack, "keys", "delete", "--from", str(created))
    assert code == 0, err
    assert [a async for a in admin.keys.aliases(search=f"cli-{run}-")] == []
