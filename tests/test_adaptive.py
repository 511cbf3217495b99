"""The latency-based in-flight limit: against simulated servers whose latency grows with load
past a knee. Time is simulated (an injected clock, a virtual-time event loop): nothing sleeps."""

from __future__ import annotations

import asyncio
import heapq
import random
import selectors
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import pytest

from aio_litellm._adaptive import LatencyLimit
from aio_litellm._retry import THROTTLE_LISTENER
from aio_litellm.bulk import BulkRunner

T = TypeVar("T")
BASE = 0.010  # the server's latency up to its knee, seconds


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def server_latency(in_flight: int, knee: int, noise: float) -> float:
    """Up to ``knee`` requests are served in parallel; past it the rest queue."""
    return BASE * max(1.0, in_flight / knee) * (1 + noise)


def simulate(
    limit: LatencyLimit,
    clock: Clock,
    knee: Callable[[float], int],
    until: float,
    *,
    seed: int = 7,
) -> tuple[list[tuple[float, int]], int, int]:
    """A closed loop of callers always keeping ``limit.limit`` requests in flight.

    Returns (time, limit) after each answer, the answers and the highest number in flight.
    """
    rnd = random.Random(seed)
    pending: list[tuple[float, int, float]] = []
    in_flight = peak = answers = 0
    trace: list[tuple[float, int]] = []
    serial = 0
    while True:
        while in_flight < limit.limit:
            in_flight += 1
            serial += 1
            rtt = server_latency(in_flight, knee(clock.now), 0.2 * rnd.random())
            heapq.heappush(pending, (clock.now + rtt, serial, limit.start()))
        peak = max(peak, in_flight)
        at, _, started = heapq.heappop(pending)
        if at > until:
            return trace, answers, peak
        clock.now = at
        limit.done(started, in_flight)
        in_flight -= 1
        answers += 1
        trace.append((at, limit.limit))


def limits_between(trace: list[tuple[float, int]], start: float, end: float) -> list[int]:
    return [n for t, n in trace if start <= t < end]


@pytest.mark.parametrize("knee", [8, 32, 128])
def test_converges_near_the_knee_and_keeps_the_server_busy(knee: int) -> None:
    clock = Clock()
    limit = LatencyLimit(1024, clock=clock)
    trace, answers, _ = simulate(limit, clock, lambda _: knee, until=20.0)
    settled = limits_between(trace, 5.0, 20.0)
    # Between the knee (no queue) and the tolerance (1.5x the baseline latency): never far off.
    assert knee * 0.8 <= min(settled) and max(settled) <= knee * 1.7 + 4
    capacity = knee / (BASE * 1.1)  # answers/s at the knee, mean noise included
    assert answers / 20.0 > 0.95 * capacity


def test_a_fixed_limit_past_the_knee_only_adds_latency() -> None:
    # What the adaptive limit avoids: the same goodput at 1024 in flight, 30x the latency.
    fixed_latency = server_latency(1024, 32, 0)
    clock = Clock()
    limit = LatencyLimit(1024, clock=clock)
    simulate(limit, clock, lambda _: 32, until=10.0)
    assert limit.recent is not None and limit.recent * 10 < fixed_latency


def test_recovers_after_the_load_drops() -> None:
    # Other clients take most of the server between t=10 s and t=20 s.
    clock = Clock()
    limit = LatencyLimit(1024, clock=clock)
    trace, _, _ = simulate(limit, clock, lambda t: 16 if 10 <= t < 20 else 96, until=30.0)
    before, during, after = (
        limits_between(trace, 5, 10),
        limits_between(trace, 13, 20),
        limits_between(trace, 25, 30),
    )
    assert min(before) >= 96 * 0.8
    assert max(during) <= 16 * 1.7 + 4
    assert min(after) >= 96 * 0.8 and max(after) <= 96 * 1.7 + 10


def test_never_exceeds_the_maximum_nor_goes_below_the_minimum() -> None:
    clock = Clock()
    limit = LatencyLimit(40, minimum=12, clock=clock)
    trace, _, peak = simulate(limit, clock, lambda t: 2 if t < 5 else 500, until=10.0)
    assert peak <= 40 and max(n for _, n in trace) == 40  # a fast server: up to the maximum
    assert min(n for _, n in trace) == 12  # a slow one (knee 2): down to the minimum


def test_grows_only_while_the_limit_is_used() -> None:
    clock = Clock()
    limit = LatencyLimit(100, initial=20, window=4, clock=clock)
    for _ in range(40):  # fast answers, but never more than 5 out: no reason to grow
        limit.done(limit.start(), 5)
    assert limit.limit == 20
    for _ in range(10):
        limit.done(limit.start(), 20)
    assert limit.limit > 20


def test_answers_to_requests_sent_before_a_change_are_not_counted() -> None:
    clock = Clock()
    limit = LatencyLimit(100, initial=16, window=4, clock=clock)
    old = limit.start()
    clock.now = 1.0
    for _ in range(8):
        limit.done(limit.start(), 16)
    assert limit.limit == 20  # 16 + sqrt(16)
    clock.now = 5.0
    for _ in range(50):  # a slow answer sent before the change says nothing about the new load
        limit.done(old, 20)
    assert limit.limit == 20 and limit.recent == 0.0


def test_the_baseline_is_the_lowest_window_of_the_last_memory_seconds() -> None:
    clock = Clock()
    limit = LatencyLimit(2, window=1, memory=10.0, clock=clock)

    def answer(rtt: float) -> None:
        started = clock.now
        clock.now += rtt
        limit.done(started, 8)

    answer(0.1)
    answer(0.3)
    assert (limit.baseline, limit.limit) == (0.1, 1)  # 3x the baseline: halved (at most)
    answer(0.2)
    assert limit.baseline == 0.1
    clock.now += 11.0  # the server's unloaded latency changed for good: accepted after memory
    answer(0.25)
    assert limit.baseline == 0.25 and limit.recent == 0.25


def test_backoff_halves_within_bounds() -> None:
    limit = LatencyLimit(64, minimum=3, initial=10, clock=Clock())
    limit.backoff()
    assert limit.limit == 5
    limit.backoff()
    assert limit.limit == 3


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"maximum": 0}, "minimum <= maximum"),
        ({"maximum": 4, "minimum": 5}, "minimum <= maximum"),
        ({"maximum": 4, "tolerance": 0.9}, "tolerance"),
        ({"maximum": 4, "window": 0}, "window"),
        ({"maximum": 4, "memory": 0}, "memory"),
    ],
)
def test_bad_options(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        LatencyLimit(**kwargs)


# --- wired into BulkRunner, on an event loop whose clock is virtual ---------------------------


class _VirtualSelector(selectors.SelectSelector):
    """Never blocks: waiting for ``timeout`` moves the loop's clock on by that much."""

    def __init__(self) -> None:
        super().__init__()
        self.now = 0.0

    def select(self, timeout: float | None = None) -> list[Any]:
        if timeout is None:
            raise AssertionError("the simulation would wait forever")
        self.now += max(timeout, 0.0)
        return []


def run_virtual(coro: Callable[[], Coroutine[Any, Any, T]]) -> T:
    selector = _VirtualSelector()

    class Loop(asyncio.SelectorEventLoop):
        def time(self) -> float:
            return selector.now

    loop = Loop(selector)
    try:
        return loop.run_until_complete(coro())
    finally:
        loop.close()


class SimServer:
    """Latency grows with the requests in flight past ``knee``; ``throttle_at``: the answers
    (by number) that come back as a 429 through the client's throttle hook."""

    def __init__(
        self, knee: int, throttle_at: frozenset[int] = frozenset(), slow_after: int | None = None
    ) -> None:
        self.knee = knee
        self.slow_after = slow_after  # from this answer on, the knee is 1
        self.in_flight = self.peak = self.answers = 0
        self.throttle_at = throttle_at

    async def call(self, item: int) -> int:
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            slow = self.slow_after is not None and self.answers >= self.slow_after
            knee = 1 if slow else self.knee
            await asyncio.sleep(server_latency(self.in_flight, knee, 0.1 * (item % 3)))
            self.answers += 1
            if self.answers in self.throttle_at:
                listener = THROTTLE_LISTENER.get()
                assert listener is not None
                listener()
            return item
        finally:
            self.in_flight -= 1


def test_bulk_runner_converges_near_the_knee_on_its_own() -> None:
    server = SimServer(knee=48)
    seen: list[int] = []

    async def job() -> BulkRunner:
        loop = asyncio.get_running_loop()
        runner = BulkRunner(
            concurrency=512,
            latency=True,
            clock=loop.time,
            on_progress=lambda p: seen.append(p.concurrency),
        )
        result = await runner.run(server.call, range(6000))
        assert result.ok and result.values == list(range(6000))
        return runner

    runner = run_virtual(job)
    assert runner.latency_limit is not None
    assert server.peak <= 512
    settled = seen[3000:]
    assert min(settled) >= 48 * 0.8 and max(settled) <= 48 * 1.7 + 4
    assert runner.limit.limit == 512  # no 429: the AIMD limit never moved


def test_a_429_halves_the_limit_in_force_through_the_aimd() -> None:
    server = SimServer(knee=48, throttle_at=frozenset({3000}))
    seen: list[int] = []

    async def job() -> BulkRunner:
        loop = asyncio.get_running_loop()
        runner = BulkRunner(
            concurrency=512,
            latency=True,
            clock=loop.time,
            on_progress=lambda p: seen.append(p.concurrency),
        )
        result = await runner.run(server.call, range(3200))
        assert result.ok and result.throttled == 1
        return runner

    runner = run_virtual(job)
    before, after = seen[2998], seen[2999]  # the progress reports around the 429's answer
    assert runner.limit.generation == 1
    # Cut from the limit in force (the latency one, well under 512), not from 512.
    assert before < 100 and after == before // 2
    assert max(seen[2999:3030]) <= before // 2 + 1
    assert runner.limit.limit < 64


def test_latency_off_by_default_starts_at_the_full_concurrency() -> None:
    server = SimServer(knee=8)

    async def job() -> BulkRunner:
        loop = asyncio.get_running_loop()
        runner = BulkRunner(concurrency=100, clock=loop.time)
        await runner.run(server.call, range(300))
        return runner

    runner = run_virtual(job)
    assert runner.latency_limit is None and server.peak == 100


def test_latency_alone_keeps_a_few_in_flight() -> None:
    # Fast at first, then every request past the first queues.
    server = SimServer(knee=64, slow_after=600)

    async def job(concurrency: int) -> list[int]:
        seen: list[int] = []
        loop = asyncio.get_running_loop()
        runner = BulkRunner(
            concurrency=concurrency,
            latency=True,
            clock=loop.time,
            on_progress=lambda p: seen.append(p.concurrency),
        )
        await runner.run(server.call, range(1500))
        return seen

    seen = run_virtual(lambda: job(64))
    assert max(seen[:600]) >= 48 and min(seen[1000:]) == 4  # Envoy-like floor, not serial
    server.answers = 0
    assert set(run_virtual(lambda: job(2))) == {2}  # never above the concurrency asked for
