"""First measurement: client CPU per request, aio_litellm next to bare aiohttp + orjson.

    python benchmarks/quick_cpu.py [--requests 2000] [--concurrency 64] [--reps 3]

Each (client, workload) runs in a fresh process, in interleaved order (A B A B ...), against
a fixed-body upstream in another process; server and client are pinned to different cores
when the machine has two. Reported: client CPU (user + system, getrusage) per request, the
median over repetitions, and the ratio to bare aiohttp + orjson. openai's AsyncOpenAI is
included when it is installed. The full benchmark (more peers, streams, concurrency sweep,
chart) is its own piece of work.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import time
from array import array
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CHAT = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say something."}]}
EMBED = {"model": "text-embedding-3-small", "input": ["some text to embed"] * 16}


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def run_bare(base: str, workload: str, n: int, c: int) -> None:
    import base64

    import aiohttp
    import orjson

    connector = aiohttp.TCPConnector(limit=c)
    headers = {"Authorization": "Bearer sk-bench", "Content-Type": "application/json"}
    async with aiohttp.ClientSession(connector=connector) as session:
        sem = asyncio.Semaphore(c)

        async def one() -> Any:
            async with sem:
                if workload == "chat":
                    async with session.post(
                        base + "/chat/completions", data=orjson.dumps(CHAT), headers=headers
                    ) as r:
                        return orjson.loads(await r.read())
                body = orjson.dumps({**EMBED, "encoding_format": "base64"})
                async with session.post(base + "/embeddings", data=body, headers=headers) as r:
                    data = orjson.loads(await r.read())
                out = []
                for item in data["data"]:
                    values = array("f")
                    values.frombytes(base64.b64decode(item["embedding"]))
                    out.append(values.tolist())
                return out

        await asyncio.gather(*(one() for _ in range(n)))


async def run_aio_litellm(base: str, workload: str, n: int, c: int) -> None:
    from aio_litellm import LiteLLMClient

    async with LiteLLMClient(base_url=base, api_key="sk-bench", max_connections=c) as client:
        if workload == "chat":
            calls = (client.chat.completions.create(**CHAT) for _ in range(n))  # type: ignore[arg-type]
        else:
            calls = (client.embeddings.create(**EMBED) for _ in range(n))  # type: ignore[arg-type]
        await asyncio.gather(*calls)


async def run_openai(base: str, workload: str, n: int, c: int) -> None:
    from openai import AsyncOpenAI

    # Its default pool (1,000 connections) is larger than any concurrency used here.
    async with AsyncOpenAI(base_url=base, api_key="sk-bench") as client:
        sem = asyncio.Semaphore(c)

        async def one() -> Any:
            async with sem:
                if workload == "chat":
                    return await client.chat.completions.create(**CHAT)  # type: ignore[call-overload]
                return await client.embeddings.create(**EMBED)

        await asyncio.gather(*(one() for _ in range(n)))


RUNNERS = {
    "bare aiohttp+orjson": run_bare,
    "aio_litellm": run_aio_litellm,
    "openai AsyncOpenAI": run_openai,
}


def child(client: str, base: str, workload: str, n: int, c: int) -> None:
    if hasattr(os, "sched_setaffinity") and os.cpu_count() and os.cpu_count() > 1:  # type: ignore[operator]
        os.sched_setaffinity(0, {0})
    runner = RUNNERS[client]
    asyncio.run(runner(base, workload, max(50, n // 10), c))  # warm-up: imports, connections
    start_cpu, start = cpu(), time.perf_counter()
    asyncio.run(runner(base, workload, n, c))
    used, wall = cpu() - start_cpu, time.perf_counter() - start
    print(json.dumps({"cpu_us": used / n * 1e6, "rps": n / wall}))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--base", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        client, workload, _ = args.child
        child(client, args.base, workload, args.requests, args.concurrency)
        return

    clients = ["bare aiohttp+orjson", "aio_litellm"]
    try:
        import openai  # noqa: F401

        clients.append("openai AsyncOpenAI")
    except ImportError:
        print("(openai not installed: AsyncOpenAI skipped)")
    port = free_port()
    server = subprocess.Popen([sys.executable, str(HERE / "upstream.py"), str(port)])
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(server.pid, {1})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        results: dict[tuple[str, str], list[float]] = {}
        for workload in ("chat", "embeddings-base64"):
            for _rep in range(args.reps):
                for client in clients:  # interleaved: A B A B ...
                    out = subprocess.run(
                        [
                            sys.executable,
                            __file__,
                            "--child",
                            client,
                            workload,
                            "x",
                            "--base",
                            base,
                            "--requests",
                            str(args.requests),
                            "--concurrency",
                            str(args.concurrency),
                        ],
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    results.setdefault((workload, client), []).append(
                        json.loads(out.stdout)["cpu_us"]
                    )
        print(
            f"\nclient CPU per request, median of {args.reps} runs of {args.requests} "
            f"requests at concurrency {args.concurrency}\n"
        )
        print("| workload | client | CPU µs/request | ratio to bare |")
        print("|---|---|---:|---:|")
        for workload in ("chat", "embeddings-base64"):
            floor = statistics.median(results[(workload, "bare aiohttp+orjson")])
            for client in clients:
                value = statistics.median(results[(workload, client)])
                print(f"| {workload} | {client} | {value:,.0f} | {value / floor:.2f}x |")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
