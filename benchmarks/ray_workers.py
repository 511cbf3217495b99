"""Embedding throughput on a local Ray cluster with 1 vs 2 workers, through the real local proxy.

    python benchmarks/ray_workers.py [--texts 20000] [--reps 2]

Starts (or finds, via LITELLM_BASE_URL) a proxy with e2e/launcher.py and a local Ray (``num_cpus``
= the machine's CPUs), then embeds ``--texts`` texts (fake-embed: the fake provider answers at
once, so the proxy and the machine are what is measured) with ``aio_litellm.ray_data
.embed_dataset`` and 1 or 2 workers, alternately, after one warm-up run of each. The same texts
through one in-process ``client.embeddings.batch`` (no Ray) are the baseline. Writes
benchmarks/results/ray_workers.json with the machine's CPUs and load average: on a shared
machine the numbers move with it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import ray
import ray.data

from aio_litellm import LiteLLMClient
from aio_litellm.ray_data import ClientSpec, embed_dataset
from e2e.launcher import Stack, running_stack

RESULT = Path(__file__).resolve().parent / "results" / "ray_workers.json"
MODEL = "fake-embed"


def texts_of(n: int) -> list[str]:
    return [f"benchmark text {i}: {'lorem ipsum ' * (i % 9)}{i * 7919 % 1000}" for i in range(n)]


def ray_run(spec: ClientSpec, texts: list[str], workers: int) -> dict[str, Any]:
    source = ray.data.from_items([{"text": t} for t in texts]).materialize()
    load = os.getloadavg()[0]
    start = time.monotonic()
    rows = embed_dataset(source, spec, model=MODEL, concurrency=workers).count()
    seconds = time.monotonic() - start
    assert rows == len(texts)
    return {
        "mode": f"ray, {workers} worker{'s' if workers > 1 else ''}",
        "workers": workers,
        "texts": len(texts),
        "seconds": round(seconds, 2),
        "texts_per_s": round(len(texts) / seconds),
        "loadavg_1m_before": round(load, 2),
    }


async def in_process(stack: Stack, texts: list[str]) -> dict[str, Any]:
    load = os.getloadavg()[0]
    async with LiteLLMClient(base_url=stack.base_url, api_key=stack.master_key) as client:
        start = time.monotonic()
        out = await client.embeddings.batch(texts, model=MODEL, as_numpy=True)
        seconds = time.monotonic() - start
    assert out.ok
    return {
        "mode": "in process, no Ray",
        "workers": 0,
        "texts": len(texts),
        "seconds": round(seconds, 2),
        "texts_per_s": round(len(texts) / seconds),
        "loadavg_1m_before": round(load, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=20_000)
    parser.add_argument("--reps", type=int, default=2)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="ray")
    texts = texts_of(args.texts)
    runs: list[dict[str, Any]] = []
    with running_stack() as stack:
        spec = ClientSpec(base_url=stack.base_url, api_key=stack.master_key)
        ray.init(
            num_cpus=os.cpu_count(),
            include_dashboard=False,
            object_store_memory=200 * 1024 * 1024,
            log_to_driver=False,
        )
        ray.data.DataContext.get_current().enable_progress_bars = False
        try:
            for workers in (1, 2):  # warm-up: actors' imports, connections, the proxy's caches
                ray_run(spec, texts[:2000], workers)
            for _ in range(args.reps):
                for workers in (1, 2):
                    runs.append(ray_run(spec, texts, workers))
                    print(json.dumps(runs[-1]), flush=True)
                runs.append(asyncio.run(in_process(stack, texts)))
                print(json.dumps(runs[-1]), flush=True)
        finally:
            ray.shutdown()
    median = {
        mode: round(statistics.median(r["texts_per_s"] for r in runs if r["mode"] == mode))
        for mode in dict.fromkeys(r["mode"] for r in runs)
    }
    report = {
        "what": f"{args.texts} texts embedded ({MODEL}, 128 a request) through the local LiteLLM "
        "proxy by aio_litellm.ray_data.embed_dataset on a local Ray, 1 vs 2 workers, "
        "alternating in one run; in-process client.embeddings.batch as the baseline",
        "cpus": os.cpu_count(),
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "runs": runs,
        "median_texts_per_s": median,
    }
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(median))


if __name__ == "__main__":
    main()
