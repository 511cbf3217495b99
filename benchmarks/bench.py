"""Client benchmark: aio_litellm side by side with bare aiohttp, openai and the litellm SDK.

    python benchmarks/bench.py [--quick] [--reps 3] [--concurrency 1,64,1024]

An upstream serves fixed OpenAI-shaped bodies (nginx when installed, pinned to one core; the
aiohttp stand-in from static_upstream.py otherwise), so the clients are what is measured. Every
(client, workload, concurrency) runs in a fresh process pinned to the other core, in
interleaved order (A B A B ...), ``--reps`` times. Each run records requests/s, client CPU
per request (getrusage), p50/p99 latency and peak RSS. Written to ``benchmarks/results/``:
``raw.jsonl`` (every run), ``report.md`` (least CPU, median rates; ratios to the floor and to
AsyncOpenAI) and ``cpu.png`` (CPU per request by client and workload).

Peers that are not installed are skipped with a note: openai (``pip install -e '.[bench]'``),
its aiohttp transport, and the litellm SDK (run from the e2e proxy's virtualenv when found).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import random
import resource
import shutil
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from array import array
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"

WORKLOADS = {
    # name: (description, requests per run)
    "chat": ("chat, ~600 B JSON", 1000),
    "embed-float": ("embeddings, 16 x 1536 floats as JSON", 60),
    "embed-b64": ("embeddings, same, base64", 300),
    "stream": ("stream of 200 chunks (per chunk)", 60),
    "admin": ("LiteLLM /key/list page (100 keys)", 1000),
}
CLIENTS = [
    "floor aiohttp+orjson",
    "aiohttp+orjson line reader",
    "aiohttp+json line reader",
    "aio_litellm",
    "openai AsyncOpenAI",
    "openai AsyncOpenAI+aiohttp",
    "litellm SDK",
]
FLOOR, PEER = "floor aiohttp+orjson", "openai AsyncOpenAI"
MIN_CPU = 0.5  # seconds of client CPU a measured run takes at least (in rounds of n requests)
MAX_WALL = 30.0  # ... unless it has run this long
CHAT = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say something."}]}
EMBED = {"model": "text-embedding-3-small", "input": ["some text to embed"] * 16}
DIM, COUNT, CHUNKS = 1536, 16, 200


# -- the fixed bodies ----------------------------------------------------------------------


def write_bodies(root: Path) -> None:
    """Files laid out so that ``POST {base}/...`` of each workload's base path hits them."""
    rng = random.Random(7)
    vectors = [[rng.uniform(-1, 1) for _ in range(DIM)] for _ in range(COUNT)]
    chat = {
        "id": "chatcmpl-bench0000000000000000000000",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "gpt-4o-mini-2024-07-18",
        "system_fingerprint": "fp_0000000000",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "logprobs": None,
                "message": {
                    "role": "assistant",
                    "content": "The quick brown fox jumps over the lazy dog. " * 3,
                    "refusal": None,
                },
            }
        ],
        "usage": {"prompt_tokens": 12, "completion_tokens": 30, "total_tokens": 42},
    }

    def embeddings(encode: bool) -> dict[str, Any]:
        data = [
            {
                "object": "embedding",
                "index": i,
                "embedding": base64.b64encode(struct.pack(f"<{DIM}f", *v)).decode()
                if encode
                else v,
            }
            for i, v in enumerate(vectors)
        ]
        return {
            "object": "list",
            "model": "text-embedding-3-small",
            "data": data,
            "usage": {"prompt_tokens": 64, "total_tokens": 64},
        }

    chunks = []
    for i in range(CHUNKS):
        delta = {"role": "assistant", "content": ""} if i == 0 else {"content": f"tok{i} "}
        finish = "stop" if i == CHUNKS - 1 else None  # the litellm SDK insists on one
        body = {
            "id": "chatcmpl-bench",
            "object": "chat.completion.chunk",
            "created": 1_700_000_000,
            "model": "gpt-4o-mini",
            "system_fingerprint": "fp_0",
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
        }
        chunks.append(b"data: " + json.dumps(body, separators=(",", ":")).encode() + b"\n\n")
    keys = {
        "keys": [f"{i:064x}" for i in range(100)],
        "total_count": 100_000,
        "current_page": 1,
        "total_pages": 1000,
    }
    files = {
        "chat/chat/completions": json.dumps(chat).encode(),
        "embed-float/embeddings": json.dumps(embeddings(False)).encode(),
        "embed-b64/embeddings": json.dumps(embeddings(True)).encode(),
        "stream/chat/completions": b"".join(chunks) + b"data: [DONE]\n\n",
        "admin/key/list": json.dumps(keys).encode(),
    }
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


NGINX_CONF = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    keepalive_requests 10000000;
    keepalive_timeout 60s;
    client_body_buffer_size 1m;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        default_type application/json;
        # Static files answer POST with 405; turn that into the file itself.
        error_page 405 =200 $uri;
        location /stream/ {{ default_type text/event-stream; error_page 405 =200 $uri; }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_upstream(tmp: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    tmp.chmod(0o755)  # nginx's workers run as an unprivileged user
    root = tmp / "www"
    write_bodies(root)
    port = free_port()
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if nginx:
        conf = tmp / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, root=root))
        proc = subprocess.Popen([nginx, "-c", str(conf), "-e", str(tmp / "error.log")])
        kind = "nginx"
    else:
        proc = subprocess.Popen(
            [sys.executable, str(HERE / "static_upstream.py"), str(root), str(port)]
        )
        kind = "aiohttp (nginx not installed: apt-get install nginx-light)"
    if (os.cpu_count() or 1) > 1 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(proc.pid, {1})
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    return proc, f"http://127.0.0.1:{port}", kind


# -- the clients (run in child processes) --------------------------------------------------


async def count(stream: Any) -> int:
    """Consume a stream the way the bare clients do: look at each chunk, keep none."""
    n = 0
    async for _ in stream:
        n += 1
    return n


def decode_b64(data: dict[str, Any]) -> list[list[float]]:
    out = []
    for item in data["data"]:
        values = array("f")
        values.frombytes(base64.b64decode(item["embedding"]))
        out.append(values.tolist())
    return out


async def floor(base: str, workload: str) -> Callable[[], Awaitable[Any]]:
    """The least work that still gets the answer: read the body, ``orjson.loads`` it, pick the
    value out of the dicts. The stream reads whatever has arrived, splits on blank lines, parses
    each ``data:`` event and reads its delta; no SSE rules beyond that, no objects."""
    import aiohttp
    import orjson

    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), read_bufsize=2**22)
    h = {"Authorization": "Bearer sk-bench", "Content-Type": "application/json"}
    loads, dumps = orjson.loads, orjson.dumps
    chat_url, emb_url = base + "/chat/completions", base + "/embeddings"
    keys_url = base + "/key/list?page=1&size=100"

    async def one() -> Any:
        if workload == "chat":
            async with session.post(chat_url, data=dumps(CHAT), headers=h) as r:
                raw = await r.read()
            return loads(raw)["choices"][0]["message"]["content"]
        if workload == "embed-float":
            body = {**EMBED, "encoding_format": "float"}
            async with session.post(emb_url, data=dumps(body), headers=h) as r:
                raw = await r.read()
            return [item["embedding"] for item in loads(raw)["data"]]
        if workload == "embed-b64":
            body = {**EMBED, "encoding_format": "base64"}
            async with session.post(emb_url, data=dumps(body), headers=h) as r:
                raw = await r.read()
            return decode_b64(loads(raw))
        if workload == "stream":
            n = 0
            buf = b""
            async with session.post(chat_url, data=dumps({**CHAT, "stream": True}), headers=h) as r:
                async for data in r.content.iter_any():
                    buf += data
                    *events, buf = buf.split(b"\n\n")
                    for event in events:
                        if event.startswith(b"data: "):
                            if event[6:] == b"[DONE]":
                                return n
                            loads(event[6:])["choices"][0]["delta"].get("content")
                            n += 1
            return n
        async with session.get(keys_url, headers=h) as r:
            raw = await r.read()
        return loads(raw)["keys"]

    one.session = session  # type: ignore[attr-defined]
    return one


async def line_reader(
    base: str, workload: str, loads: Callable[[bytes], Any], dumps: Callable[[Any], bytes]
) -> Callable[[], Awaitable[Any]]:
    """aiohttp with a JSON library, parsing whole bodies; streams read line by line
    (``async for line in r.content``: one await and one bytes object per line, blank lines
    included), which costs several µs a chunk more than the floor's buffer split."""
    import aiohttp

    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), read_bufsize=2**22)
    headers = {"Authorization": "Bearer sk-bench", "Content-Type": "application/json"}
    chat, emb = dumps(CHAT), dumps({**EMBED, "encoding_format": "float"})
    emb64 = dumps({**EMBED, "encoding_format": "base64"})
    stream_body = dumps({**CHAT, "stream": True})

    async def one() -> Any:
        if workload == "chat":
            async with session.post(base + "/chat/completions", data=chat, headers=headers) as r:
                return loads(await r.read())
        if workload == "embed-float":
            async with session.post(base + "/embeddings", data=emb, headers=headers) as r:
                return loads(await r.read())
        if workload == "embed-b64":
            async with session.post(base + "/embeddings", data=emb64, headers=headers) as r:
                return decode_b64(loads(await r.read()))
        if workload == "stream":
            n = 0
            async with session.post(
                base + "/chat/completions", data=stream_body, headers=headers
            ) as r:
                async for line in r.content:
                    if line.startswith(b"data: ") and line[6:12] != b"[DONE]":
                        loads(line[6:])
                        n += 1
            return n
        async with session.get(base + "/key/list?page=1&size=100", headers=headers) as r:
            return loads(await r.read())

    one.session = session  # type: ignore[attr-defined]
    return one


async def make_client(name: str, base: str, workload: str) -> Callable[[], Awaitable[Any]]:
    if name == "floor aiohttp+orjson":
        return await floor(base, workload)
    if name == "aiohttp+orjson line reader":
        import orjson

        return await line_reader(base, workload, orjson.loads, orjson.dumps)
    if name == "aiohttp+json line reader":
        return await line_reader(base, workload, json.loads, lambda o: json.dumps(o).encode())
    if name == "aio_litellm":
        from aio_litellm import LiteLLMClient

        client = LiteLLMClient(base_url=base, api_key="sk-bench", max_connections=2048)
        await client.__aenter__()

        async def one() -> Any:
            if workload == "chat":
                reply = await client.chat.completions.create(**CHAT)  # type: ignore[arg-type]
                return reply.choices[0].message.content
            if workload == "embed-float":
                return await client.embeddings.create(encoding_format="float", **EMBED)  # type: ignore[arg-type]
            if workload == "embed-b64":
                return await client.embeddings.create(**EMBED)  # type: ignore[arg-type]
            if workload == "stream":
                stream = await client.chat.completions.create(stream=True, **CHAT)  # type: ignore[arg-type]
                n = 0
                async for chunk in stream:
                    chunk.choices[0].delta.content  # noqa: B018 - the typed read is measured
                    n += 1
                return n
            page = await client.keys.list(size=100)
            return page.keys

        return one
    if name.startswith("openai"):
        from openai import AsyncOpenAI

        kwargs: dict[str, Any] = {}
        if name.endswith("+aiohttp"):
            from openai import DefaultAioHttpClient

            kwargs["http_client"] = DefaultAioHttpClient()
        client_ = AsyncOpenAI(base_url=base, api_key="sk-bench", max_retries=0, **kwargs)
        if workload == "admin":
            raise LookupError("no /key/list in openai's client")

        async def one_openai() -> Any:
            if workload == "chat":
                return await client_.chat.completions.create(**CHAT)  # type: ignore[call-overload]
            if workload == "embed-float":
                return await client_.embeddings.create(encoding_format="float", **EMBED)  # type: ignore[arg-type]
            if workload == "embed-b64":
                return await client_.embeddings.create(**EMBED)  # type: ignore[arg-type]
            stream = await client_.chat.completions.create(stream=True, **CHAT)  # type: ignore[call-overload]
            return await count(stream)

        return one_openai
    if name == "litellm SDK":
        import litellm  # type: ignore[import-not-found]

        if workload == "admin":
            raise LookupError("no /key/list in the litellm SDK")
        common = {"api_base": base, "api_key": "sk-bench", "num_retries": 0}

        async def one_litellm() -> Any:
            if workload == "chat":
                return await litellm.acompletion(
                    model="openai/gpt-4o-mini", messages=CHAT["messages"], **common
                )
            if workload == "stream":
                stream = await litellm.acompletion(
                    model="openai/gpt-4o-mini", messages=CHAT["messages"], stream=True, **common
                )
                return await count(stream)
            fmt = "float" if workload == "embed-float" else "base64"
            return await litellm.aembedding(
                model="openai/text-embedding-3-small",
                input=EMBED["input"],
                encoding_format=fmt,
                **common,
            )

        return one_litellm
    raise LookupError(name)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def measure(name: str, base: str, workload: str, n: int, concurrency: int) -> dict[str, Any]:
    one = await make_client(name, base, workload)
    sem = asyncio.Semaphore(concurrency)
    latencies: list[float] = []

    async def timed() -> None:
        async with sem:
            t = time.perf_counter()
            await one()
            latencies.append(time.perf_counter() - t)

    await asyncio.gather(
        *(timed() for _ in range(max(20, n // 10)))
    )  # warm-up: connections, caches
    latencies.clear()
    # Rounds of n requests until the run has used MIN_CPU seconds of CPU: a fast client gets
    # enough work for the CPU clock's resolution and the machine's noise to matter little.
    done, cpu, wall = 0, cpu_seconds(), time.perf_counter()
    while True:
        await asyncio.gather(*(timed() for _ in range(n)))
        done += n
        if cpu_seconds() - cpu >= MIN_CPU or time.perf_counter() - wall >= MAX_WALL:
            break
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    latencies.sort()
    per = CHUNKS if workload == "stream" else 1
    return {
        "requests": done,
        "rps": done / wall,
        "cpu_us": cpu / (done * per) * 1e6,
        "p50_ms": latencies[len(latencies) // 2] * 1e3,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1e3,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def child(name: str, base: str, workload: str, n: int, concurrency: int) -> None:
    if (os.cpu_count() or 1) > 1 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
    try:
        result = asyncio.run(measure(name, base, workload, n, concurrency))
    except (ImportError, LookupError) as exc:
        result = {"skipped": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(result))


# -- orchestration -------------------------------------------------------------------------


def interpreter(client: str) -> str | None:
    """The Python that has this client: ours, or (litellm SDK) the e2e proxy's virtualenv."""
    if client != "litellm SDK":
        return sys.executable
    for venv in (
        ROOT / ".e2e" / "proxy-venv",
        Path(os.environ.get("DBSHIM_DIR", "/tmp/dbshim/stack")) / "venv",
    ):
        python = venv / "bin" / "python"
        if python.exists():
            return str(python)
    return None


def run_child(client: str, base: str, workload: str, n: int, concurrency: int) -> dict[str, Any]:
    python = interpreter(client)
    if python is None:
        return {
            "skipped": "litellm SDK not installed (run `make e2e` once to install the proxy venv)"
        }
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [python, __file__, "--child", client, workload, str(n), str(concurrency), base],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    if out.returncode != 0:
        last = out.stderr.strip().splitlines()[-1] if out.stderr.strip() else out.returncode
        return {"skipped": f"failed: {last}"}
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def report(rows: list[dict[str, Any]], concurrencies: list[int], upstream: str, reps: int) -> str:
    def runs(client: str, workload: str, c: int, key: str) -> list[float]:
        return [
            r[key]
            for r in rows
            if r["client"] == client
            and r["workload"] == workload
            and r["concurrency"] == c
            and key in r
        ]

    def med(client: str, workload: str, c: int, key: str) -> float | None:
        found = runs(client, workload, c, key)
        return statistics.median(found) if found else None

    def least(client: str, workload: str, c: int, key: str) -> float | None:
        found = runs(client, workload, c, key)
        return min(found) if found else None

    lines = [
        f"Client benchmark — upstream: {upstream}; {os.cpu_count()} cores, server and client "
        f"pinned to different cores; {reps} interleaved runs, each client in its own process. "
        "CPU per request is the least of the runs (on a shared VM the machine's noise only "
        "ever adds time); throughput and latency are medians.",
        "",
        "Floor (`floor aiohttp+orjson`): the least work that still gets the answer — "
        "`session.post(url, data=orjson.dumps(body))`, `await r.read()`, `orjson.loads`, read "
        "`choices[0].message.content` (keys: `keys`; embeddings: the vectors); a stream reads "
        "`r.content.iter_any()`, splits on blank lines, `orjson.loads` each `data:` event and "
        "reads `choices[0].delta.content`. The `line reader` clients are the previous floor "
        "(`async for line in r.content`: one await per line). aio_litellm reads the same field "
        "through its typed results: stream chunks are msgspec Structs decoded and type-checked "
        "from their bytes in one pass (`aio_litellm._structs.StructView`); a chat completion and "
        "a key page are typed views over the parsed JSON (`aio_litellm._models.View`: hot fields "
        "checked at parse, the rest on read or by `validate_all()`).",
        "",
        "### Client CPU per request (µs; per chunk for the stream) at concurrency 64",
        "",
        "| workload | "
        + " | ".join(CLIENTS)
        + " | aio_litellm / floor | AsyncOpenAI / aio_litellm |",
        "|---|" + "---:|" * (len(CLIENTS) + 2),
    ]
    c0 = 64 if 64 in concurrencies else concurrencies[0]
    for workload, (label, _) in WORKLOADS.items():
        cells = []
        for client in CLIENTS:
            value = least(client, workload, c0, "cpu_us")
            cells.append(
                "—" if value is None else f"{value:,.1f}" if value < 100 else f"{value:,.0f}"
            )
        ours, floor, peer = (least(c, workload, c0, "cpu_us") for c in ("aio_litellm", FLOOR, PEER))
        ratio = f"{ours / floor:.2f}x" if ours and floor else "—"
        gain = f"{peer / ours:.1f}x" if ours and peer else "—"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {ratio} | {gain} |")
    lines += [
        "",
        "### Throughput (requests/s) by concurrency",
        "",
        "| workload | client | "
        + " | ".join(f"C={c}" for c in concurrencies)
        + " | C=max / C=64 |",
        "|---|---|" + "---:|" * (len(concurrencies) + 1),
    ]
    for workload, (label, _) in WORKLOADS.items():
        for client in CLIENTS:
            values = [med(client, workload, c, "rps") for c in concurrencies]
            if all(v is None for v in values):
                continue
            base64_ = med(client, workload, 64, "rps")
            flat = f"{values[-1] / base64_:.0%}" if values[-1] and base64_ else "—"
            lines.append(
                f"| {label} | {client} | "
                + " | ".join("—" if v is None else f"{v:,.0f}" for v in values)
                + f" | {flat} |"
            )
    lines += [
        "",
        "### Latency p50 / p99 (ms) and peak RSS (MB) at concurrency 64",
        "",
        "| workload | client | p50 | p99 | RSS |",
        "|---|---|---:|---:|---:|",
    ]
    for workload, (label, _) in WORKLOADS.items():
        for client in CLIENTS:
            p50 = med(client, workload, c0, "p50_ms")
            if p50 is None:
                continue
            p99, rss = med(client, workload, c0, "p99_ms"), med(client, workload, c0, "rss_mb")
            lines.append(f"| {label} | {client} | {p50:.2f} | {p99:.2f} | {rss:.0f} |")
    skipped = sorted(
        {f"{r['client']} ({r['workload']}): {r['skipped']}" for r in rows if "skipped" in r}
    )
    if skipped:
        lines += ["", "Skipped:", *[f"- {s}" for s in skipped]]
    return "\n".join(lines) + "\n"


def chart(rows: list[dict[str, Any]], path: Path, concurrency: int) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, axes = plt.subplots(1, len(WORKLOADS), figsize=(4 * len(WORKLOADS), 4.5))
    for ax, (workload, (label, _)) in zip(axes, WORKLOADS.items(), strict=True):
        names, values = [], []
        for client in CLIENTS:
            v = [
                r["cpu_us"]
                for r in rows
                if r["client"] == client
                and r["workload"] == workload
                and r["concurrency"] == concurrency
                and "cpu_us" in r
            ]
            if v:
                names.append(client.replace(" ", "\n", 1))
                values.append(min(v))  # as the report: the least of the runs
        colors = ["#2a7" if n.startswith("aio") else "#888" for n in names]
        ax.bar(range(len(values)), values, color=colors)
        ax.set_xticks(range(len(values)), names, rotation=60, ha="right", fontsize=7)
        if values and max(values) > 10 * min(values):
            ax.set_yscale("log")  # peers differ by orders of magnitude
        else:
            ax.set_ylim(bottom=0)
        ax.set_title(label, fontsize=9)
        ax.set_ylabel(
            "client CPU µs per request" + (" (per chunk)" if workload == "stream" else ""),
            fontsize=8,
        )
    fig.suptitle(
        f"Client CPU per request at concurrency {concurrency} "
        "(log scale where peers differ 10x or more; lower is better)"
    )
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return True


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--concurrency", default="1,64,1024")
    parser.add_argument("--quick", action="store_true", help="a tenth of the requests, C=64 only")
    parser.add_argument("--clients", default=",".join(CLIENTS))
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument(
        "--report-only", action="store_true", help="redo report and chart from raw.jsonl"
    )
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.report_only:
        rows = [json.loads(line) for line in (RESULTS / "raw.jsonl").read_text().splitlines()]
        concurrencies = sorted({r["concurrency"] for r in rows})
        reps = len({r["rep"] for r in rows})
        (RESULTS / "report.md").write_text(report(rows, concurrencies, "nginx", reps))
        chart(rows, RESULTS / "cpu.png", 64 if 64 in concurrencies else concurrencies[0])
        return
    if args.child:
        name, workload, n, c, base = args.child
        child(name, base, workload, int(n), int(c))
        return
    concurrencies = [64] if args.quick else [int(c) for c in args.concurrency.split(",")]
    clients = [c for c in CLIENTS if c in args.clients.split(",")]
    workloads = [w for w in WORKLOADS if w in args.workloads.split(",")]
    RESULTS.mkdir(exist_ok=True)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        upstream, base, kind = start_upstream(Path(tmp))
        try:
            for workload in workloads:
                n = WORKLOADS[workload][1] // (10 if args.quick else 1)
                for c in concurrencies:
                    for rep in range(args.reps):
                        for client in clients:  # interleaved: A B C ... A B C ...
                            # Enough requests to fill concurrency c, within 4x the base count.
                            count = max(n, min(c, 4 * n))
                            result = run_child(client, f"{base}/{workload}", workload, count, c)
                            row = {
                                "client": client,
                                "workload": workload,
                                "concurrency": c,
                                "rep": rep,
                                **result,
                            }
                            rows.append(row)
                            print(json.dumps(row), flush=True)
        finally:
            upstream.terminate()
            upstream.wait()
    (RESULTS / "raw.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    text = report(rows, concurrencies, kind, args.reps)
    (RESULTS / "report.md").write_text(text)
    if chart(rows, RESULTS / "cpu.png", 64 if 64 in concurrencies else concurrencies[0]):
        print(f"chart: {RESULTS / 'cpu.png'}", file=sys.stderr)
    print(text)


if __name__ == "__main__":
    main()
