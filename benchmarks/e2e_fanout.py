"""Fan-out through the real local proxy: aio_litellm's helpers next to plain asyncio.gather.

    python benchmarks/e2e_fanout.py [--texts 20000] [--keys 500]

Starts (or finds, via LITELLM_BASE_URL) a proxy with e2e/launcher.py. Measures, in one run:
batch embedding texts/s (``client.embeddings.batch`` vs ``asyncio.gather`` over openai's
``AsyncOpenAI.embeddings.create`` with the same batches) and, with a database, bulk key
creation keys/s (``client.keys.create_many`` vs ``asyncio.gather`` over ``client.keys.create``).
The proxy is the bottleneck here; the numbers say how close each client gets to it and what
happens to errors.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aio_litellm import LiteLLMClient
from e2e.demo import corpus
from e2e.launcher import running_stack

BATCH = 100


async def embed_aio(client: LiteLLMClient, texts: list[str]) -> tuple[float, int]:
    start = time.monotonic()
    out = await client.embeddings.batch(texts, model="fake-embed", batch_size=BATCH, concurrency=64)
    return time.monotonic() - start, sum(len(b.texts) for b in out.failures)


async def embed_openai(base_url: str, key: str, texts: list[str]) -> tuple[float, int]:
    from openai import AsyncOpenAI

    async with AsyncOpenAI(base_url=base_url, api_key=key) as client:
        chunks = [texts[i : i + BATCH] for i in range(0, len(texts), BATCH)]
        start = time.monotonic()
        results = await asyncio.gather(
            *(client.embeddings.create(model="fake-embed", input=c) for c in chunks),
            return_exceptions=True,
        )
        failed = sum(
            len(c) for c, r in zip(chunks, results, strict=True) if isinstance(r, BaseException)
        )
        return time.monotonic() - start, failed


async def keys_aio(client: LiteLLMClient, n: int) -> tuple[float, int, list[str]]:
    run = uuid.uuid4().hex[:8]
    start = time.monotonic()
    out = await client.keys.create_many([{"key_alias": f"bench-{run}-{i}"} for i in range(n)])
    return time.monotonic() - start, len(out.failed), [o.value.key for o in out.outcomes if o.value]


async def keys_gather(client: LiteLLMClient, n: int) -> tuple[float, int, list[str]]:
    run = uuid.uuid4().hex[:8]
    start = time.monotonic()
    results = await asyncio.gather(
        *(client.keys.create(key_alias=f"gather-{run}-{i}") for i in range(n)),
        return_exceptions=True,
    )
    keys = [r.key for r in results if not isinstance(r, BaseException)]
    return time.monotonic() - start, n - len(keys), keys


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def main_async(args: argparse.Namespace) -> None:
    texts = corpus(args.texts)
    lines = [
        "| workload | client | items | seconds | items/s | client CPU s | failed |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    with running_stack() as stack:
        async with LiteLLMClient(
            base_url=stack.base_url, api_key=stack.master_key, max_connections=1024
        ) as client:
            for _ in range(args.reps):
                for name, job in (
                    ("aio_litellm embeddings.batch", lambda: embed_aio(client, texts)),
                    (
                        "asyncio.gather over AsyncOpenAI",
                        lambda: embed_openai(stack.base_url, stack.master_key, texts),
                    ),
                ):
                    cpu = _cpu()
                    seconds, failed = await job()
                    lines.append(
                        f"| batch embedding | {name} | {len(texts):,} | {seconds:.2f} | "
                        f"{len(texts) / seconds:,.0f} | {_cpu() - cpu:.2f} | {failed} |"
                    )
            if (await client.health.readiness()).db_connected:
                for name, fn in (
                    ("aio_litellm keys.create_many", keys_aio),
                    ("asyncio.gather over keys.create", keys_gather),
                ):
                    cpu = _cpu()
                    seconds, failed, keys = await fn(client, args.keys)
                    lines.append(
                        f"| key creation | {name} | {args.keys:,} | {seconds:.2f} | "
                        f"{args.keys / seconds:,.0f} | {_cpu() - cpu:.2f} | {failed} |"
                    )
                    await client.keys.delete_many(keys)
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=20_000)
    parser.add_argument("--keys", type=int, default=500)
    parser.add_argument("--reps", type=int, default=2)
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
