"""RedisLimiter: the Lua script's pacing against a real redis-server, a budget shared by four
worker processes, and what happens when Redis dies and comes back (fail closed / fail open)."""

from __future__ import annotations

import asyncio
import bisect
import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio as aioredis
from aiohttp import web
from aiohttp.test_utils import TestServer
from redis.exceptions import ConnectionError as RedisConnectionError

from aio_litellm import LiteLLMClient
from aio_litellm.redis_limiter import DEFAULT_PREFIX, RedisLimiter
from tests.conftest import API_KEY, FakeProxy, reply
from tests.redis_server import RedisServer, redis_server_fixture  # noqa: F401 - a fixture

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
async def rclient(redis_server: RedisServer) -> AsyncIterator[aioredis.Redis]:
    client = aioredis.Redis.from_url(redis_server.url)
    await client.flushdb()
    yield client
    await client.aclose()


class Waits:
    """A sleep that records what it was asked and returns at once."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


def spaced(waits: list[float], step: float, start: int = 0) -> None:
    """Each wait is ``step`` more than the last (give or take Redis's clock moving meanwhile)."""
    for i, wait in enumerate(waits):
        assert wait == pytest.approx((i + start) * step, abs=0.03), waits


# --- the script's semantics, on the real server -------------------------------------------


async def test_requests_are_spaced_evenly(rclient: aioredis.Redis) -> None:
    waits = Waits()
    limiter = RedisLimiter(rclient, "job", (10, 1), sleep=waits)
    for _ in range(5):
        await limiter.acquire()
    assert waits.seconds[0] == pytest.approx(0.1, abs=0.03)  # the first one did not sleep
    assert len(waits.seconds) == 4
    spaced(waits.seconds, 0.1, start=1)
    assert limiter.key == f"{DEFAULT_PREFIX}job:requests"
    ttl = await rclient.pttl(limiter.key)
    assert 1000 < ttl <= 1500 + 1000  # kept only while it matters
    assert "job:requests" in repr(limiter) and "(10, 1)" in repr(limiter)


async def test_amounts_reserve_that_many_units(rclient: aioredis.Redis) -> None:
    waits = Waits()
    limiter = RedisLimiter(rclient, "tok", (1000, 1), tokens=True, sleep=waits)
    await limiter.acquire(500)
    await limiter.acquire(250)
    await limiter.acquire(1)
    assert waits.seconds == [pytest.approx(0.5, abs=0.03), pytest.approx(0.75, abs=0.03)]
    assert limiter.key == f"{DEFAULT_PREFIX}tok:tokens"


async def test_keys_are_separate_budgets_and_same_keys_share(
    redis_server: RedisServer, rclient: aioredis.Redis
) -> None:
    waits = Waits()
    a1 = RedisLimiter(rclient, "a", (10, 1), sleep=waits)
    second = aioredis.Redis.from_url(redis_server.url)
    try:
        a2 = RedisLimiter(second, "a", (10, 1), sleep=waits)  # another connection, same budget
        b = RedisLimiter(rclient, "b", (10, 1), sleep=waits)
        a_tokens = RedisLimiter(rclient, "a", (10, 1), tokens=True, sleep=waits)
        other_prefix = RedisLimiter(rclient, "a", (10, 1), prefix="other:", sleep=waits)
        await a1.acquire()
        await a2.acquire()
        await a1.acquire()
        assert waits.seconds == [pytest.approx(0.1, abs=0.03), pytest.approx(0.2, abs=0.03)]
        for limiter in (b, a_tokens, other_prefix):
            await limiter.acquire()  # an idle budget of its own: no wait
        assert len(waits.seconds) == 2
    finally:
        await second.aclose()


async def test_burst_lets_that_many_go_at_once(rclient: aioredis.Redis) -> None:
    waits = Waits()
    limiter = RedisLimiter(rclient, "burst", (10, 1), burst=3, sleep=waits)
    for _ in range(5):
        await limiter.acquire()
    spaced(waits.seconds, 0.1, start=1)  # three at once, then one every 0.1 s
    assert len(waits.seconds) == 2


async def test_real_time_pacing(rclient: aioredis.Redis) -> None:
    limiter = RedisLimiter(rclient, "clock", (50, 1))
    start = time.monotonic()
    await asyncio.gather(*(limiter.acquire() for _ in range(21)))
    assert 0.38 <= time.monotonic() - start < 0.6  # 20 intervals of 20 ms after the first


async def test_from_url_opens_and_closes_its_client(
    redis_server: RedisServer, rclient: aioredis.Redis
) -> None:
    async with RedisLimiter(redis_server.url, "url", (100, 1)) as limiter:
        await limiter.acquire()
        assert await rclient.exists(limiter.key) == 1
        assert len(await rclient.client_list()) == 2
    for _ in range(50):  # the server notices the close a moment later
        if len(await rclient.client_list()) == 1:
            break
        await asyncio.sleep(0.01)
    assert len(await rclient.client_list()) == 1


async def test_a_given_client_is_not_closed(rclient: aioredis.Redis) -> None:
    limiter = RedisLimiter(rclient, "mine", (100, 1))
    await limiter.aclose()
    assert await rclient.ping()


async def test_paces_a_client_through_limiter(proxy: FakeProxy, rclient: aioredis.Redis) -> None:
    proxy.on("GET", "/health/liveliness", reply(200, "I'm alive!"))
    limiter = RedisLimiter(rclient, "client", (20, 1))
    async with LiteLLMClient(base_url=proxy.url, api_key=API_KEY, limiter=limiter) as client:
        start = time.monotonic()
        answers = await asyncio.gather(*(client.health.liveliness() for _ in range(6)))
        elapsed = time.monotonic() - start
    assert answers == ["I'm alive!"] * 6
    assert len(proxy.calls("GET", "/health/liveliness")) == 6
    assert 0.23 <= elapsed < 0.6  # five 50 ms intervals


@pytest.mark.parametrize(
    ("args", "kwargs", "error"),
    [
        (("", (1, 1)), {}, ValueError),
        (("k", [1, 1]), {}, TypeError),
        (("k", (0, 1)), {}, ValueError),
        (("k", (1, 0)), {}, ValueError),
        (("k", (1, float("inf"))), {}, ValueError),
        (("k", (10, 1)), {"burst": 0}, ValueError),
        (("k", (10, 1)), {"burst": 11}, ValueError),
        (("k", (10, 1)), {"retry_interval": 0}, ValueError),
    ],
)
def test_bad_settings_are_refused(
    args: tuple[Any, ...], kwargs: dict[str, Any], error: type
) -> None:
    with pytest.raises(error):
        RedisLimiter(Stub(), *args, **kwargs)


def test_a_client_must_be_a_redis() -> None:
    with pytest.raises(TypeError, match="redis"):
        RedisLimiter(object(), "k", (1, 1))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "error"),
    [
        (0, ValueError),
        (-1, ValueError),
        (float("nan"), ValueError),
        (True, TypeError),
        ("1", TypeError),
    ],
)
async def test_bad_amounts_are_refused_before_io(amount: Any, error: type) -> None:
    stub = Stub()
    with pytest.raises(error):
        await RedisLimiter(stub, "k", (1, 1)).acquire(amount)
    assert stub.calls == 0


# --- Redis unreachable, scripted ----------------------------------------------------------


class Stub:
    """Stands for a redis client: its script fails while ``down`` and otherwise waits 0."""

    def __init__(self, down: int = 0) -> None:
        self.down = down
        self.calls = 0

    def register_script(self, source: str) -> Any:
        assert "redis.call('TIME')" in source

        async def script(keys: list[str], args: list[Any]) -> int:
            self.calls += 1
            if self.down:
                self.down -= 1
                raise RedisConnectionError("Error 111 connecting to 127.0.0.1:1. Refused.")
            return 0

        return script


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_fail_closed_waits_and_retries_with_one_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    stub, waits = Stub(down=8), Waits()
    limiter = RedisLimiter(stub, "k", (10, 1), sleep=waits, clock=Clock())
    with caplog.at_level(logging.WARNING, logger="aio_litellm"):
        await limiter.acquire()
    assert stub.calls == 9  # it got its turn from Redis in the end
    assert waits.seconds == [0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 2.0, 2.0]  # backoff, capped
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "Redis unreachable (ConnectionError), waiting for it" in messages[0]
    assert "reachable again" in messages[1]


async def test_fail_open_paces_locally_and_tries_redis_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    stub, waits, clock = Stub(down=2), Waits(), Clock()
    limiter = RedisLimiter(
        stub, "k", (10, 1), fail_open=True, retry_interval=1.0, sleep=waits, clock=clock
    )
    with caplog.at_level(logging.WARNING, logger="aio_litellm"):
        await limiter.acquire()  # Redis fails: local limiter, idle, no wait
        await limiter.acquire()  # within retry_interval: local, 0.1 s after the first
        await limiter.acquire()
        assert stub.calls == 1
        assert waits.seconds == [pytest.approx(0.1), pytest.approx(0.2)]
        clock.now += 1.0  # time to try Redis again: still down, local again
        await limiter.acquire()
        assert stub.calls == 2
        clock.now += 1.0
        await limiter.acquire()  # Redis is back
    assert stub.calls == 3
    assert len(waits.seconds) == 2
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "pacing locally at the same rate" in messages[0]
    assert "reachable again after 2.0 s" in messages[1]


# --- four worker processes, one budget ------------------------------------------------------


class Counter:
    """A server on 127.0.0.1 that records when each request arrived (wall clock)."""

    def __init__(self) -> None:
        self.arrivals: list[float] = []

    async def handle(self, request: web.Request) -> web.Response:
        self.arrivals.append(time.time())
        return web.json_response("I'm alive!")


@pytest.fixture
async def counter() -> AsyncIterator[tuple[Counter, str]]:
    counter = Counter()
    app = web.Application()
    app.router.add_get("/health/liveliness", counter.handle)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    yield counter, str(server.make_url("")).rstrip("/")
    await server.close()


async def _workers(
    n: int, redis_url: str, base_url: str, key: str, seconds: float
) -> tuple[float, list[dict[str, int]]]:
    """Start n workers; once all are up, tell them when to begin. Returns (start, reports)."""
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.test_redis_limiter",
            redis_url,
            base_url,
            key,
            repr(seconds),
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        for _ in range(n)
    ]
    for proc in procs:  # interpreters start slowly on a busy machine: wait for all of them
        assert proc.stdout is not None
        assert await asyncio.wait_for(proc.stdout.readline(), 60) == b"ready\n"
    start_at = time.time() + 0.3
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write(f"{start_at!r}\n".encode())
        await proc.stdin.drain()
    outputs = await asyncio.gather(*(proc.communicate() for proc in procs))
    assert [proc.returncode for proc in procs] == [0] * n
    return start_at, [json.loads(out) for out, _ in outputs]


def busiest_second(arrivals: list[float]) -> int:
    """The most arrivals in any one-second window (each window starting at an arrival)."""
    times = sorted(arrivals)
    return max((bisect.bisect_left(times, t + 1.0) - i for i, t in enumerate(times)), default=0)


async def test_four_processes_share_100_per_second(redis_server: RedisServer) -> None:
    # The counting server runs in a process of its own, so that this one (pytest, coverage)
    # cannot delay its timestamps: a pause there would bunch arrivals that were evenly spaced.
    counting = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.test_redis_limiter", "count", cwd=ROOT,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert counting.stdout is not None
    port = int(await asyncio.wait_for(counting.stdout.readline(), 60))
    seconds = 10.0
    start_at, done = await _workers(
        4, redis_server.url, f"http://127.0.0.1:{port}", "four", seconds
    )
    out, _ = await counting.communicate(b"")  # end of input: it prints what it counted
    arrivals: list[float] = json.loads(out)
    assert sum(d["errors"] for d in done) == 0
    assert sum(d["done"] for d in done) == len(arrivals)  # nothing lost or unaccounted
    assert all(d["done"] > 100 for d in done), done  # every worker had a share
    inside = [t for t in arrivals if start_at <= t < start_at + seconds]
    per_second = [sum(start_at + i <= t < start_at + i + 1 for t in inside) for i in range(10)]
    assert abs(len(inside) - 1000) <= 50, (per_second, done)
    assert busiest_second(arrivals) <= 105, per_second


async def test_redis_killed_and_restarted_mid_run(
    tmp_path: Path, counter: tuple[Counter, str], caplog: pytest.LogCaptureFixture
) -> None:
    """Fail closed: nothing is sent while Redis is down, every call completes once it is back.
    Fail open: calls go on at the local rate while it is down. Nothing is lost either way."""
    server, base_url = counter
    with RedisServer(tmp_path / "redis") as redis, caplog.at_level(logging.WARNING):
        for fail_open in (False, True):
            server.arrivals.clear()
            caplog.clear()
            limiter = RedisLimiter(redis.url, f"restart-{fail_open}", (50, 1), fail_open=fail_open)
            async with (
                limiter,
                LiteLLMClient(
                    base_url=base_url, api_key=API_KEY, limiter=limiter, max_in_flight=4
                ) as client,
            ):
                calls = [asyncio.create_task(client.health.liveliness()) for _ in range(200)]
                await asyncio.sleep(1.0)
                redis.kill()
                killed = time.time()
                await asyncio.sleep(1.5)
                restarted = time.time()
                redis.start()
                answers = await asyncio.gather(*calls)
            assert answers == ["I'm alive!"] * 200  # nothing lost
            assert len(server.arrivals) == 200
            during = [t for t in server.arrivals if killed + 0.1 < t < restarted]
            if fail_open:
                assert 40 <= len(during) <= 80  # paced locally, about 50/s for 1.4 s
            else:
                assert during == []  # fail closed: nothing left while Redis was down
                assert max(server.arrivals) > restarted
            messages = [r.getMessage() for r in caplog.records if r.name == "aio_litellm"]
            assert any("Redis unreachable" in m for m in messages)
            assert any("reachable again" in m for m in messages)
            assert busiest_second(server.arrivals) <= 58  # a handful more at each switch


# --- the worker process of the shared-budget test -------------------------------------------


async def _worker(redis_url: str, base_url: str, key: str, seconds: float) -> None:
    done = errors = 0
    async with (
        RedisLimiter(redis_url, key, (100, 1)) as limiter,
        LiteLLMClient(base_url=base_url, api_key=API_KEY, limiter=limiter, max_retries=0) as client,
    ):
        # One call before the start: connections open and lazy imports done, as in a running job.
        await client.health.liveliness()
        done += 1
        print("ready", flush=True)
        line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        start_at = float(line)
        await asyncio.sleep(max(0.0, start_at - time.time()))

        async def caller() -> None:
            nonlocal done, errors
            while time.time() < start_at + seconds:
                try:
                    await client.health.liveliness()
                    done += 1
                except Exception:  # counted: the test wants none
                    errors += 1

        await asyncio.gather(*(caller() for _ in range(4)))
    print(json.dumps({"done": done, "errors": errors}))


class _Counting(asyncio.Protocol):
    """The counting server's connection: stamps each request as its head arrives, answers it."""

    ANSWER = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n"
        b'"I\'m alive!"'
    )

    def __init__(self, arrivals: list[float]) -> None:
        self.arrivals = arrivals
        self.buffer = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        now = time.time()
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:  # GETs without bodies, one after another
            _, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            self.arrivals.append(now)
            self.transport.write(self.ANSWER)


async def _count() -> None:
    """Serve on a free port (printed first) until stdin closes, then print the arrival times."""
    arrivals: list[float] = []
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _Counting(arrivals), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()
    print(json.dumps(arrivals))


if __name__ == "__main__":
    if sys.argv[1] == "count":
        asyncio.run(_count())
    else:
        url, base, name, length = sys.argv[1:5]
        asyncio.run(_worker(url, base, name, float(length)))
