"""The main job (``make demo``): aio_litellm's fan-out work against a real local LiteLLM proxy.

Starts the proxy the way the e2e suite does (``e2e/launcher.py``: an existing one from
``LITELLM_BASE_URL``, else the database stack, else the pinned proxy in its own virtualenv),
then runs:

1. batch embedding of a generated corpus (base64 on the wire, ordered float32 matrix);
2. a burst of concurrent chat calls through a rate limit, some against a provider that answers
   429 first (the client waits as the proxy's ``llm_provider-retry-after`` says);
3. with a database: bulk creation of virtual keys (retry-safe) and their clean-up.

It says on stderr what it starts and how long that takes (the first run installs the proxy
stack: a few minutes), prints a summary (items, throughput, retries, failures) and stops what
it started.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from aio_litellm import LiteLLMClient
from aio_litellm.bulk import BulkRunner

from . import launcher
from .launcher import running_stack

WORDS = [
    "proxy",
    "client",
    "async",
    "batch",
    "vector",
    "token",
    "budget",
    "team",
    "key",
    "model",
    "stream",
    "retry",
    "limit",
    "gateway",
    "latency",
    "throughput",
    "embedding",
    "request",
    "response",
    "header",
    "cache",
    "spend",
]


def corpus(n: int) -> list[str]:
    """``n`` deterministic sentences."""
    return [
        " ".join(WORDS[(i * 7 + j * 3) % len(WORDS)] for j in range(8 + i % 9)) for i in range(n)
    ]


def row(name: str, items: int, seconds: float, detail: str) -> str:
    return f"| {name} | {items:,} | {seconds:.2f} s | {items / seconds:,.0f}/s | {detail} |"


async def embed_demo(client: LiteLLMClient, n: int) -> str:
    texts = corpus(n)
    started = time.monotonic()
    out = await client.embeddings.batch(
        texts, model="fake-embed", batch_size=100, concurrency=16, as_numpy=True
    )
    seconds = time.monotonic() - started
    detail = (
        f"{out.requests} requests, matrix {out.vectors.shape[0]}x{out.vectors.shape[1]} float32, "
        f"{len(out.failures)} failed batches"
    )
    return row("batch embedding", n, seconds, detail)


async def chat_demo(client: LiteLLMClient, n: int, rate: float) -> str:
    retries = 0

    async def ask(i: int) -> str:
        nonlocal retries
        # One call in ten goes to a provider that answers 429 with a 1 s hint the first time.
        model = "fake-flaky" if i % 10 == 0 else "fake-gpt"
        content = f"question {i} {uuid.uuid4().hex[:6]}"
        reply = await client.chat.completions.create(
            model=model, messages=[{"role": "user", "content": content}]
        )
        if reply.raw_response is not None:
            retries += reply.raw_response.retries
        text = reply.choices[0].message.content or ""
        if text != f"echo: {content}":
            raise AssertionError(f"unexpected reply {text!r}")
        return text

    runner = BulkRunner(concurrency=64, rate=(rate, 1.0))
    started = time.monotonic()
    result = await runner.run(ask, range(n))
    seconds = time.monotonic() - started
    detail = f"rate limit {rate:.0f}/s, {retries} retries after 429s, {len(result.failed)} failed"
    return row("chat burst", n, seconds, detail)


async def keys_demo(client: LiteLLMClient, n: int) -> str:
    run = uuid.uuid4().hex[:8]
    specs: list[Any] = [
        {
            "key_alias": f"demo-{run}-{i}",
            "models": ["fake-gpt"],
            "max_budget": 1.0,
            "metadata": {"demo": run},
        }
        for i in range(n)
    ]
    started = time.monotonic()
    created = await client.keys.create_many(specs, concurrency=16)
    seconds = time.monotonic() - started
    secrets = [o.value.key for o in created.outcomes if o.value is not None]
    deleted = await client.keys.delete_many(secrets, batch_size=100)
    detail = (
        f"{len(created.failed)} failed; clean-up deleted {len(deleted.succeeded)} "
        f"in {deleted.elapsed:.2f} s"
    )
    return row("bulk key creation", n, seconds, detail)


def say(message: str) -> None:
    """A progress line on stderr (the table goes to stdout)."""
    print(f"demo: {message}", file=sys.stderr, flush=True)


def what_starts() -> str:
    """What ``running_stack()`` is about to do, and how long that takes, in words."""
    if os.environ.get("LITELLM_BASE_URL"):
        return f"using the proxy at {os.environ['LITELLM_BASE_URL']} (LITELLM_BASE_URL)"
    start_sh = Path(os.environ.get("AIO_LITELLM_DB_STACK", launcher.DEFAULT_DB_STACK))
    if start_sh.exists():
        installed = Path(os.environ.get("DBSHIM_DIR", "/tmp/dbshim/stack"), "venv", "bin")
        if installed.exists():
            return "starting the proxy stack (Postgres, fake provider, LiteLLM proxy: ~30 s)..."
        return (
            "starting the proxy stack (first run installs it: Postgres, LiteLLM proxy and its "
            "Prisma client, a few minutes)..."
        )
    venv = Path(os.environ.get("AIO_LITELLM_PROXY_VENV", launcher.ROOT / ".e2e" / "proxy-venv"))
    if (venv / "bin" / "litellm").exists():
        return "starting the pinned LiteLLM proxy (no database: ~20 s)..."
    return f"installing the pinned LiteLLM proxy into {venv} (first run: a few minutes)..."


@contextlib.contextmanager
def announced_stack(every: float = 15.0) -> Iterator[launcher.Stack]:
    """``running_stack()`` with word of what it starts, a line every ``every`` seconds until
    it is up (the launcher itself is silent while it installs), and the time it took."""
    say(what_starts())
    started = time.monotonic()
    up = threading.Event()

    def heartbeat() -> None:
        while not up.wait(every):
            say(f"still starting ({time.monotonic() - started:.0f} s)...")

    threading.Thread(target=heartbeat, daemon=True).start()
    try:
        with running_stack() as stack:
            up.set()
            say(
                f"proxy ready in {time.monotonic() - started:.1f} s: {stack.mode} at "
                f"{stack.base_url} {_timings(stack.timings)}".rstrip()
            )
            try:
                yield stack
            finally:
                say("stopping the proxy stack...")
                stopping = time.monotonic()
        say(f"stopped in {time.monotonic() - stopping:.1f} s")
    finally:
        up.set()


async def main_async(args: argparse.Namespace) -> int:
    with announced_stack() as stack:
        async with LiteLLMClient(base_url=stack.base_url, api_key=stack.master_key) as client:
            ready = await client.health.readiness()
            say(f"embedding {args.texts:,} texts...")
            rows = [await embed_demo(client, args.texts)]
            say(f"{args.chats:,} chat calls at {args.rate:.0f}/s...")
            rows.append(await chat_demo(client, args.chats, args.rate))
            if ready.db_connected:
                say(f"creating and deleting {args.keys:,} keys...")
                rows.append(await keys_demo(client, args.keys))
            else:
                rows.append(
                    "| bulk key creation | - | - | - | skipped: the proxy has no database |"
                )
    print("\n| job | items | time | throughput | detail |\n|---|---:|---:|---:|---|")
    print("\n".join(rows))
    return 0


def _timings(timings: dict[str, float]) -> str:
    return "(" + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()) + ")" if timings else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=20_000, help="texts to embed")
    parser.add_argument("--chats", type=int, default=300, help="chat calls in the burst")
    parser.add_argument("--rate", type=float, default=200.0, help="chat calls per second")
    parser.add_argument("--keys", type=int, default=300, help="keys to create and delete")
    raise SystemExit(asyncio.run(main_async(parser.parse_args())))


if __name__ == "__main__":
    main()
