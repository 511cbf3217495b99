"""The proxy killed and restarted in the middle of a bulk key creation: nothing lost, nothing
created twice."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import pytest

from aio_litellm import LiteLLMClient, RetryPolicy
from aio_litellm.bulk import BulkRunner, Progress
from aio_litellm.resources.keys import new_key

from .launcher import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]

N = 1000


async def test_bulk_create_survives_a_proxy_kill(
    stack: Stack, capsys: pytest.CaptureFixture[str]
) -> None:
    if not stack.can_restart:
        pytest.skip(f"a {stack.mode} proxy is not restarted by this suite")
    run = uuid.uuid4().hex[:8]
    # Secrets chosen up front, as the CLI does: a second pass for the failures reuses them.
    specs: list[Any] = [{"key_alias": f"kill-{run}-{i}", "key": new_key()} for i in range(N)]
    done = asyncio.Event()

    def progress(p: Progress) -> None:
        if p.done >= 200:
            done.set()

    async with LiteLLMClient(
        base_url=stack.base_url, api_key=stack.master_key, retry=RetryPolicy(max_retries=3)
    ) as client:
        runner = BulkRunner(concurrency=16, on_progress=progress)
        job = asyncio.create_task(client.keys.create_many(specs, runner=runner))
        await asyncio.wait_for(done.wait(), 120)
        outage = await asyncio.to_thread(stack.restart_proxy, 2.0)
        first = await job

        assert len(first.outcomes) == N  # every item accounted for
        failed = [o.item for o in first.outcomes if not o.ok]
        second = await client.keys.create_many(failed) if failed else None
        assert second is None or second.ok, second.failed[:3] if second else None

        keys = [
            k
            async for k in client.keys.list(
                search=f"kill-{run}-", size=100, return_full_object=True
            )
        ]
        aliases = [k["key_alias"] for k in keys if isinstance(k, dict)]
        duplicates = len(aliases) - len(set(aliases))
        lost = N - len(set(aliases))
        tokens = {k["token"] for k in keys if isinstance(k, dict)}
        summary = {
            "items": N,
            "created_first_pass": N - len(failed),
            "failed_first_pass": len(failed),
            "failure_kinds": sorted({type(o.error).__name__ for o in first.outcomes if o.error}),
            "proxy_down_s": round(outage, 1),
            "duplicates": duplicates,
            "lost": lost,
        }
        with capsys.disabled():
            print("\nproxy-kill result: " + json.dumps(summary))
        assert duplicates == 0 and lost == 0
        assert len(tokens) == N
        await client.keys.delete_many([s["key"] for s in specs], batch_size=100)
