"""``run`` (a batch file sent live) next to the cookbook approach, through the real local proxy.

    python benchmarks/run_vs_cookbook.py [--lines 2000] [--concurrency 32]

Starts a proxy with e2e/launcher.py (its ports and stack folder from the environment: PROXY_PORT,
PG_PORT, UPSTREAM_PORT, DBSHIM_DIR) and sends, in one run, the same N OpenAI Batch chat lines
against ``fake-gpt`` two ways at the same concurrency:

- ``run``: the library form, ``aio_litellm.batch_file.run_batch_file`` (validation, resumable
  output, token accounting, adaptive concurrency). Where that module is missing, a
  ``BulkRunner`` over ``client.chat.completions.create`` writing output lines stands in, and
  the result says so.
- the cookbook: ``asyncio.gather`` over ``AsyncOpenAI(base_url=proxy)`` behind a semaphore,
  each result appended to the output file as it completes.

Requests/s of each and their ratio go to benchmarks/results/run_vs_cookbook.json, with the
machine's load average before and after (the machine may be shared). 127.0.0.1 only; at most
``--lines`` x 2 requests plus a warm-up of 20 each.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aio_litellm import LiteLLMClient
from e2e.launcher import running_stack

RESULTS = Path(__file__).parent / "results" / "run_vs_cookbook.json"
MODEL = "fake-gpt"
WARMUP = 20


def write_input(path: Path, n: int, tag: str) -> list[dict[str, Any]]:
    lines = [
        {
            "custom_id": f"{tag}-{i}",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {
                "model": MODEL,
                "messages": [{"role": "user", "content": f"line {i} of {tag}: say something"}],
            },
        }
        for i in range(n)
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return lines


def read_lines(path: Path) -> list[Any]:
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


async def via_run(client: LiteLLMClient, source: Path, out: Path, concurrency: int) -> int:
    """The library form of ``run``; the number of failed lines."""
    try:
        from aio_litellm.batch_file import run_batch_file
    except ImportError:
        return await via_bulk_runner(client, source, out, concurrency)
    summary = await run_batch_file(client, source, out, concurrency=concurrency, restart=True)
    return int(summary.failed)


async def via_bulk_runner(client: LiteLLMClient, source: Path, out: Path, concurrency: int) -> int:
    """Stand-in for ``run`` when aio_litellm.batch_file is absent."""
    from aio_litellm.bulk import BulkRunner

    lines = read_lines(source)
    with out.open("wb") as f:

        async def one(line: dict[str, Any]) -> None:
            reply = await client.chat.completions.create(**line["body"])
            row = {"custom_id": line["custom_id"], "response": {"status_code": 200}, "error": None}
            row["response"]["body"] = reply.model_dump()
            f.write(json.dumps(row).encode() + b"\n")

        result = await BulkRunner(concurrency=concurrency).run(one, lines)
    return sum(1 for o in result.outcomes if o.error is not None)


async def via_cookbook(base_url: str, key: str, source: Path, out: Path, concurrency: int) -> int:
    """``asyncio.gather`` with a semaphore over ``AsyncOpenAI``, results written as they come."""
    from openai import AsyncOpenAI

    lines = read_lines(source)
    semaphore = asyncio.Semaphore(concurrency)
    failed = 0
    async with AsyncOpenAI(base_url=base_url + "/v1", api_key=key, max_retries=2) as client:
        with out.open("w") as f:

            async def one(line: dict[str, Any]) -> None:
                nonlocal failed
                async with semaphore:
                    try:
                        reply = await client.chat.completions.create(**line["body"])
                        row = [line["body"], reply.model_dump()]
                    except Exception as exc:  # the cookbook records the error and goes on
                        failed += 1
                        row = [line["body"], [str(exc)]]
                f.write(json.dumps(row) + "\n")

            await asyncio.gather(*(one(line) for line in lines))
    return failed


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    if not 1 <= args.lines <= 5000:
        raise SystemExit("--lines must be between 1 and 5000 (a bounded benchmark)")
    has_library_run = True
    try:
        import aio_litellm.batch_file  # noqa: F401
    except ImportError:
        has_library_run = False
    results: list[dict[str, Any]] = []
    load_before = os.getloadavg()
    with running_stack() as stack, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if "127.0.0.1" not in stack.base_url and "localhost" not in stack.base_url:
            raise SystemExit(f"not a local proxy: {stack.base_url}")
        async with LiteLLMClient(
            base_url=stack.base_url, api_key=stack.master_key, max_connections=args.concurrency
        ) as client:
            jobs = {
                "run (aio_litellm.batch_file.run_batch_file)"
                if has_library_run
                else "run stand-in (BulkRunner; batch_file missing)": lambda s, o: via_run(
                    client, s, o, args.concurrency
                ),
                "cookbook (asyncio.gather + semaphore over AsyncOpenAI)": lambda s, o: via_cookbook(
                    stack.base_url, stack.master_key, s, o, args.concurrency
                ),
            }
            for job in jobs.values():  # warm-up: connections, the proxy's caches
                tag = uuid.uuid4().hex[:8]
                write_input(folder / f"w-{tag}.jsonl", WARMUP, tag)
                await job(folder / f"w-{tag}.jsonl", folder / f"w-{tag}.out.jsonl")
            for name, job in jobs.items():
                tag = uuid.uuid4().hex[:8]
                source, out = folder / f"{tag}.jsonl", folder / f"{tag}.out.jsonl"
                write_input(source, args.lines, tag)
                cpu, start = _cpu(), time.monotonic()
                failed = await job(source, out)
                seconds = time.monotonic() - start
                results.append(
                    {
                        "approach": name,
                        "requests": args.lines,
                        "failed": failed,
                        "output_lines": len(read_lines(out)),
                        "seconds": round(seconds, 3),
                        "requests_per_s": round(args.lines / seconds, 1),
                        "client_cpu_s": round(_cpu() - cpu, 2),
                    }
                )
                print(json.dumps(results[-1]), file=sys.stderr)
    run_rps, cookbook_rps = results[0]["requests_per_s"], results[1]["requests_per_s"]
    return {
        "what": "N OpenAI Batch chat lines against fake-gpt through the real local proxy",
        "model": MODEL,
        "lines": args.lines,
        "concurrency": args.concurrency,
        "library_run": has_library_run,
        "results": results,
        "ratio_run_to_cookbook": round(run_rps / cookbook_rps, 3),
        "machine": {
            "cpus": os.cpu_count(),
            "loadavg_before": [round(x, 2) for x in load_before],
            "loadavg_after": [round(x, 2) for x in os.getloadavg()],
            "note": "shared machine: other jobs may have run at the same time",
        },
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    report = asyncio.run(main_async(parser.parse_args()))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
