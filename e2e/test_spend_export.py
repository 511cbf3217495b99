"""``aio-litellm spend export`` against the real proxy: requests made through a new key come
out in the export once each, across pages, and in the totals per key and per tag.
"""

from __future__ import annotations

import asyncio
import csv
import datetime
import os
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import orjson
import pytest

from aio_litellm import LiteLLMClient
from aio_litellm._spend_export import parse_instant
from aio_litellm.resources.keys import hash_key

from .launcher import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]

REQUESTS = 5


async def cli(stack: Stack, *argv: str) -> tuple[int, str]:
    env = {**os.environ, "LITELLM_BASE_URL": stack.base_url, "LITELLM_API_KEY": stack.master_key}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "aio_litellm",
        *argv,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(proc.communicate(), timeout=300)
    return proc.returncode or 0, err.decode()


def read_jsonl(path: Path) -> list[Any]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


async def test_export_has_each_request_once(
    admin: LiteLLMClient, stack: Stack, tmp_path: Path
) -> None:
    run = uuid.uuid4().hex[:12]
    tag = f"e2e-export-{run}"
    key = await admin.keys.create(models=["fake-embed"], key_alias=f"export-{run}")
    token = hash_key(key.key)
    try:
        async with LiteLLMClient(base_url=stack.base_url, api_key=key.key) as as_key:
            for i in range(REQUESTS):
                await as_key.embeddings.create(
                    model="fake-embed", input=[f"text {i}"], metadata={"tags": [tag]}
                )
        today = datetime.datetime.now(datetime.timezone.utc).date()
        # Yesterday too: the requests may straddle midnight (UTC).
        days = [str(today - datetime.timedelta(days=1)), str(today)]
        deadline = time.monotonic() + 120
        while True:
            logs = [
                log
                async for log in admin.spend.logs(
                    start_date=days[0],
                    end_date=str(today + datetime.timedelta(days=1)),
                    api_key=token,
                    page_size=100,
                )
            ]
            if len(logs) >= REQUESTS or time.monotonic() > deadline:
                break
            await asyncio.sleep(3)
        assert len(logs) == REQUESTS, "the proxy did not write the spend logs in 120 s"
        expected = {log.request_id for log in logs}

        out = tmp_path / "spend.jsonl"
        span = ["--from", days[0], "--to", days[1]]
        code, err = await cli(
            # Small pages, so the export crosses many page boundaries; not tiny: the export
            # reads every log of the two days, and a database that served a benchmark today
            # holds tens of thousands.
            stack,
            "spend",
            "export",
            *span,
            "--out",
            str(out),
            "--page-size",
            "25",
        )
        assert code == 0, err
        rows = read_jsonl(out)
        ours = [r for r in rows if r["api_key"] == token]
        assert sorted(r["request_id"] for r in ours) == sorted(expected)  # each once
        assert len({r["request_id"] for r in rows}) == len(rows) > 2  # more than one page
        assert all(r["model_group"] == "fake-embed" for r in ours)
        instants = [parse_instant(r["startTime"]) for r in rows]
        assert None not in instants  # the client reads the proxy's times: days split exactly
        assert instants == sorted(instants)  # type: ignore[type-var]
        assert "not over yet" in err  # today: a rerun would fetch it again
        assert stack.master_key not in err and key.key not in err

        totals = tmp_path / "by-key.csv"
        chart = tmp_path / "by-key.png"
        code, err = await cli(
            stack,
            "spend",
            "export",
            *span,
            "--by",
            "key",
            "--out",
            str(totals),
            "--chart",
            str(chart),
            "--page-size",
            "25",  # as above: every log of the two days is read
        )
        assert code == 0, err
        mine = [r for r in read_csv(totals) if r["group"] == token]
        assert sum(int(r["requests"]) for r in mine) == REQUESTS
        assert {r["label"] for r in mine} == {f"export-{run}"}
        assert sum(float(r["spend"]) for r in mine) == pytest.approx(sum(g.spend for g in logs))
        assert chart.read_bytes()[:4] == b"\x89PNG"

        by_tag = tmp_path / "by-tag.jsonl"
        code, err = await cli(stack, "spend", "export", *span, "--by", "tag", "--out", str(by_tag))
        assert code == 0, err
        tagged = [r for r in read_jsonl(by_tag) if r["group"] == tag]
        assert sum(r["requests"] for r in tagged) == REQUESTS
    finally:
        await admin.keys.delete([key.key])
