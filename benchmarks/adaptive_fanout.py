"""Fixed vs adaptive in-flight limit through the real local proxy, same run.

    python benchmarks/adaptive_fanout.py [--requests 2000] [--callers 1024] [--reps 2]
        [--sweep 32,64] [--model fake-gpt|fake-slow] [--settle 20]

Starts (or finds, via LITELLM_BASE_URL) a proxy with e2e/launcher.py and sends ``--requests``
chat completions through a ``BulkRunner(concurrency=--callers)``, alternately with the limit
fixed (``adaptive=False``: every caller in flight) and adaptive (the default: the latency limit
plus AIMD on 429/503). ``fake-gpt`` answers at once (the proxy is the bottleneck); ``fake-slow``
after 2 s, as an LLM does (in-flight requests pay until the proxy's CPU is). Reports goodput
(successes per second of wall time) and the p50/p99 latency of a request on the wire, and
writes benchmarks/results/adaptive_fanout[_MODEL].json. The machine's load average is recorded
with the numbers: on a shared machine they move with it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aio_litellm import LiteLLMClient
from aio_litellm.bulk import BulkRunner
from e2e.launcher import running_stack

RESULTS = Path(__file__).resolve().parent / "results"


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def fan_out(
    client: LiteLLMClient, mode: str, requests: int, callers: int, model: str = "fake-gpt"
) -> dict[str, Any]:
    latencies: list[float] = []
    peak = 0

    async def one(i: int) -> None:
        nonlocal peak
        peak = max(peak, runner._allowed())
        began = time.monotonic()
        await client.chat.completions.create(
            model=model, messages=[{"role": "user", "content": f"hello {i}"}]
        )
        latencies.append(time.monotonic() - began)

    adaptive = mode == "adaptive"
    if mode.startswith("fixed-"):  # the sweep: a smaller fixed limit
        callers = int(mode.split("-")[1])
    runner = BulkRunner(concurrency=callers, adaptive=adaptive)
    load = os.getloadavg()[0]
    start = time.monotonic()
    result = await runner.run(one, range(requests))
    seconds = time.monotonic() - start
    errors: dict[str, int] = {}
    for outcome in result.failed:
        errors[type(outcome.error).__name__] = errors.get(type(outcome.error).__name__, 0) + 1
    return {
        "mode": mode,
        "requests": requests,
        "callers": callers,
        "seconds": round(seconds, 2),
        "succeeded": result.succeeded_count,
        "failed": result.failed_count,
        "errors": errors,
        "goodput_per_s": round(result.succeeded_count / seconds, 1),
        "p50_s": round(_percentile(latencies, 0.50), 3),
        "p99_s": round(_percentile(latencies, 0.99), 3),
        "mean_s": round(statistics.fmean(latencies), 3) if latencies else None,
        "peak_limit": peak,
        "final_limit": runner._allowed(),
        "throttled": result.throttled,
        "loadavg_1m_before": round(load, 2),
    }


async def main_async(args: argparse.Namespace) -> None:
    runs: list[dict[str, Any]] = []
    with running_stack() as stack:
        async with LiteLLMClient(
            base_url=stack.base_url,
            api_key=stack.master_key,
            max_connections=args.callers,
            max_in_flight=args.callers,
            timeout=120,
        ) as client:
            await fan_out(client, "adaptive", 50, 8)  # warm-up: connections, the proxy's caches
            modes = ["fixed", "adaptive"] + [f"fixed-{n}" for n in args.sweep]
            for _ in range(args.reps):
                for mode in modes:
                    # The proxy writes a run's spend logs in the background after it: without
                    # a pause, each run pays for the one before it.
                    await asyncio.sleep(args.settle)
                    run = await fan_out(client, mode, args.requests, args.callers, args.model)
                    print(json.dumps(run), flush=True)
                    runs.append(run)
    summary = {}
    for mode in modes:
        mine = [r for r in runs if r["mode"] == mode]
        summary[mode] = {
            "goodput_per_s": round(statistics.median(r["goodput_per_s"] for r in mine), 1),
            "p50_s": round(statistics.median(r["p50_s"] for r in mine), 3),
            "p99_s": round(statistics.median(r["p99_s"] for r in mine), 3),
            "failed": sum(r["failed"] for r in mine),
        }
    report = {
        "what": f"chat completions ({args.model}) through the local LiteLLM proxy, BulkRunner, "
        "fixed concurrency vs adaptive (the default: latency limit + AIMD), alternating in one run",
        "cpus": os.cpu_count(),
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "runs": runs,
        "median": summary,
    }
    suffix = ("" if args.model == "fake-gpt" else f"_{args.model}") + (
        "" if args.settle else "_back_to_back"
    )
    result = RESULTS / f"adaptive_fanout{suffix}.json"
    result.parent.mkdir(parents=True, exist_ok=True)
    result.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(summary))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--callers", type=int, default=1024)
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--settle", type=float, default=20.0, help="seconds idle before each run")
    parser.add_argument("--model", default="fake-gpt", help="fake-gpt (instant) or fake-slow (2 s)")
    parser.add_argument(
        "--sweep",
        type=lambda text: [int(n) for n in text.split(",") if n],
        default=[],
        help="also run these smaller fixed limits (e.g. 8,32,128): where goodput levels off",
    )
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
