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
from aio_litellm.bulk import LATENCY_FLOOR, BulkRunner

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
    serve: Callable[[int, float], float] | None = None,
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
            noise = 0.2 * rnd.random()
            rtt = (
                serve(in_flight, noise)
                if serve
                else server_latency(in_flight, knee(clock.now), noise)
            )
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


def median(values: list[int]) -> float:
    return sorted(values)[len(values) // 2]


@pytest.mark.parametrize("knee", [8, 32, 128])
def test_converges_on_the_knee_and_keeps_the_server_busy(knee: int) -> None:
    clock = Clock()
    limit = LatencyLimit(1024, clock=clock)
    trace, answers, _ = simulate(limit, clock, lambda _: knee, until=40.0)
    settled = limits_between(trace, 10.0, 40.0)
    # Held at the knee; a probe a window at twice and at half of it every 10 s.
    assert median(settled) == knee
    assert knee / 2 <= min(settled) and max(settled) <= 2 * knee
    assert sum(n == knee for n in settled) > 0.8 * len(settled)
    capacity = knee / (BASE * 1.1)  # answers/s at the knee, mean noise included
    assert answers / 40.0 > 0.85 * capacity


def test_a_fixed_limit_past_the_knee_only_adds_latency() -> None:
    # What the adaptive limit avoids: the same goodput at 1024 in flight, 30x the latency.
    fixed_latency = server_latency(1024, 32, 0)
    clock = Clock()
    limit = LatencyLimit(1024, clock=clock)
    simulate(limit, clock, lambda _: 32, until=10.0)
    assert limit.recent is not None and limit.recent * 10 < fixed_latency


WAIT, CAP = 0.09, 70.0  # about the local LiteLLM proxy's


def overlapping(in_flight: int, noise: float) -> float:
    """A server whose requests mostly wait on things that overlap (a proxy awaiting its
    database and its provider) and whose CPU is the limit: latency grows from the first
    requests in flight, and so does the throughput, up to ``CAP`` answers a second."""
    return (WAIT + in_flight / CAP) * (1 + noise)


def test_grows_while_the_throughput_pays_for_the_latency() -> None:
    def run(**options: Any) -> tuple[float, list[int]]:
        clock = Clock()
        limit = LatencyLimit(1024, clock=clock, **options)
        trace, answers, _ = simulate(limit, clock, lambda _: 0, until=60.0, serve=overlapping)
        assert limit.rate is not None and limit.rate > 0
        return answers / 60.0, limits_between(trace, 20.0, 60.0)

    goodput, settled = run()
    # Latency grows from the first request here: a limit that held it would stay at 16.
    assert median(settled) >= 64
    assert goodput > 0.85 * CAP / 1.1  # most of what the server can serve...
    assert max(settled) <= 128  # ...without the queue a fixed 1,024 would pile up
    assert overlapping(median(settled), 0) < overlapping(1024, 0) / 10
    greedy, more = run(min_gain=0.01)  # a gain any growth gives: 4x as far, for a tenth more
    assert median(more) >= 4 * median(settled) and greedy < goodput * 1.15


def test_recovers_after_the_load_drops() -> None:
    # Other clients take most of the server between t=10 s and t=20 s.
    clock = Clock()
    limit = LatencyLimit(1024, clock=clock)
    trace, _, _ = simulate(limit, clock, lambda t: 16 if 10 <= t < 20 else 96, until=45.0)
    before, during, after = (
        limits_between(trace, 5, 10),
        limits_between(trace, 13, 20),
        limits_between(trace, 35, 45),
    )
    assert median(before) >= 96
    assert median(during) <= 32  # cut in proportion to the latency, then probed down
    assert median(after) >= 96  # found again by the next probes


def test_never_exceeds_the_maximum_nor_goes_below_the_minimum() -> None:
    clock = Clock()
    limit = LatencyLimit(40, minimum=12, clock=clock)
    trace, _, peak = simulate(limit, clock, lambda t: 2 if t < 5 else 500, until=30.0)
    assert min(n for t, n in trace if t < 5) == 12  # a slow server (knee 2): the minimum
    assert peak <= 40 and max(n for _, n in trace) == 40  # a fast one: up to the maximum


def test_does_not_move_while_the_callers_leave_the_limit_unused() -> None:
    clock = Clock()
    limit = LatencyLimit(100, initial=20, window=4, min_seconds=0, clock=clock)
    for _ in range(100):  # never more than 5 out: no evidence about 20
        clock.now += 0.01
        limit.done(limit.start(), 5)
    assert limit.limit == 20 and limit.phase == "up"
    for _ in range(20):
        limit.done(limit.start(), 20)
    assert limit.limit == 40  # the first window at the limit: probe up


def test_answers_to_requests_sent_before_a_change_are_not_counted() -> None:
    clock = Clock()
    limit = LatencyLimit(100, initial=16, window=4, min_seconds=0, clock=clock)
    old = limit.start()
    clock.now = 1.0
    for _ in range(17):  # the first answer opens the window, 16 more fill it
        limit.done(limit.start(), 16)
    assert limit.limit == 32
    clock.now = 5.0
    for _ in range(100):  # a slow answer sent before the change says nothing about the new load
        limit.done(old, 32)
    assert limit.limit == 32 and limit.recent == 0.0


def window(limit: LatencyLimit, clock: Clock, rtt: float) -> None:
    """Answers at the current limit's steady pace (``limit`` in flight, each taking ``rtt``:
    ``limit / rtt`` a second) until a window closes."""
    windows = limit.windows
    for _ in range(100_000):
        clock.now += rtt / limit.limit
        limit.done(clock.now - rtt, limit.limit)
        if limit.windows > windows:
            return
    raise AssertionError("no window closed")


def test_probes_up_then_down_then_holds_and_cuts_when_latency_grows() -> None:
    clock = Clock()
    limit = LatencyLimit(1024, initial=16, window=4, min_seconds=0, probe_every=10, clock=clock)
    window(limit, clock, 0.1)  # 160/s at 16: the first window -> probe 32
    assert (limit.limit, limit.phase) == (32, "up")
    window(limit, clock, 0.1)  # 320/s: paid -> 64
    assert limit.limit == 64
    window(limit, clock, 0.2)  # 320/s: no more -> back to 32, then try 16
    assert (limit.limit, limit.phase) == (16, "down")
    window(limit, clock, 0.1)  # 160/s: half the rate -> back to 32 and hold
    assert (limit.limit, limit.phase) == (32, "hold")
    window(limit, clock, 0.1)  # the reference latency
    assert limit.reference == pytest.approx(0.1)
    window(limit, clock, 0.15)  # within the tolerance (2x): held
    assert limit.limit == 32
    window(limit, clock, 0.4)  # 4x: cut in proportion, to half at most
    assert limit.limit == 16 and limit.reference == pytest.approx(0.1)
    clock.now += 10
    window(limit, clock, 0.1)  # probe time: up again
    assert (limit.limit, limit.phase) == (32, "up")


def test_a_window_spans_several_latencies() -> None:
    # A proxy that answers in rounds (every request in flight at once, a latency apart) is
    # counted over whole rounds: from the first answer of one to the first of another; two
    # rounds a window while the limit first climbs, four once it has found its level.
    clock = Clock()
    limit = LatencyLimit(100, initial=8, window=4, min_seconds=0, clock=clock)

    def rounds(count: int, size: int) -> None:  # a round every 0.5 s
        for _ in range(count):
            clock.now += 0.5
            for _ in range(size):
                limit.done(clock.now - 0.5, size)

    rounds(2, 8)  # the window opens at the first answer (0.5 s)
    assert limit.windows == 0  # 0.5 s: under 2 latencies
    clock.now += 0.5
    limit.done(clock.now - 0.5, 8)
    assert limit.windows == 1 and limit.rate == 16.0  # 2 rounds of 8 in 1 s, exactly
    assert limit.limit == 16
    limit.backoff()  # held at 8 from now on
    rounds(4, 8)
    assert limit.windows == 1  # 1.5 s: under 4 latencies
    clock.now += 0.5
    limit.done(clock.now - 0.5, 8)
    assert limit.windows == 2 and limit.rate == 16.0  # 4 rounds in 2 s


def test_after_a_cut_the_old_limits_answers_are_not_the_new_limits_throughput() -> None:
    clock = Clock()
    limit = LatencyLimit(500, initial=128, window=4, min_seconds=0, clock=clock)
    old = [limit.start() for _ in range(128)]
    clock.now = 0.1
    limit.backoff()  # 128 -> 64, while 128 are out
    assert limit.limit == 64
    clock.now = 0.2
    for started in old[:100]:  # they drain: 100 answers before the first to the new limit
        limit.done(started, 128)
    clock.now = 0.9
    limit.done(0.1, 64)  # the first answer to the new limit opens its window...
    for started in old[100:]:
        limit.done(started, 64)  # ...and the answers in it count, whenever sent
    while limit.windows == 0:  # then the new limit's pace: 64 every 0.8 s
        clock.now += 0.8 / 64
        limit.done(clock.now - 0.8, 64)
    # About 80 a second; counting the 100 drained before would say about 110.
    assert limit.rate is not None and 80 <= limit.rate < 90


def test_backoff_halves_within_bounds_and_holds() -> None:
    limit = LatencyLimit(64, minimum=3, initial=10, clock=Clock())
    limit.backoff()
    assert limit.limit == 5 and limit.phase == "hold"
    limit.backoff()
    assert limit.limit == 3


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"maximum": 0}, "minimum <= maximum"),
        ({"maximum": 4, "minimum": 5}, "minimum <= maximum"),
        ({"maximum": 4, "tolerance": 0.9}, "tolerance"),
        ({"maximum": 4, "window": 0}, "window"),
        ({"maximum": 4, "min_gain": 0}, "min_gain"),
        ({"maximum": 4, "min_seconds": -1}, "min_seconds"),
        ({"maximum": 4, "cycles": -1}, "cycles"),
        ({"maximum": 4, "probe_every": 0}, "probe_every"),
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
        result = await runner.run(server.call, range(40000))
        assert result.ok and result.values == list(range(40000))
        return runner

    runner = run_virtual(job)
    assert runner.latency_limit is not None
    assert server.peak <= 512
    settled = seen[20000:]
    assert median(settled) == 64 and min(settled) >= 32 and max(settled) <= 128
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


def test_latency_on_by_default_and_off_on_request() -> None:
    async def job(server: SimServer, **options: Any) -> BulkRunner:
        loop = asyncio.get_running_loop()
        runner = BulkRunner(concurrency=100, clock=loop.time, **options)
        await runner.run(server.call, range(300))
        return runner

    server = SimServer(knee=8)
    runner = run_virtual(lambda: job(server))
    assert runner.latency_limit is not None and server.peak < 100  # a slow start, then follows
    server = SimServer(knee=8)
    runner = run_virtual(lambda: job(server, latency=False))
    assert runner.latency_limit is None and server.peak == 100  # every caller in flight
    server = SimServer(knee=8)
    runner = run_virtual(lambda: job(server, adaptive=False))
    assert runner.latency_limit is None and server.peak == 100  # fixed means fixed


def test_latency_alone_never_goes_below_the_floor() -> None:
    # Fast at first, then every request past the first queues.
    server = SimServer(knee=64, slow_after=12000)

    async def job(concurrency: int) -> list[int]:
        seen: list[int] = []
        loop = asyncio.get_running_loop()
        runner = BulkRunner(
            concurrency=concurrency,
            latency=True,
            clock=loop.time,
            on_progress=lambda p: seen.append(p.concurrency),
        )
        await runner.run(server.call, range(16000))
        return seen

    seen = run_virtual(lambda: job(64))
    assert max(seen[:12000]) == 64
    # Down to the floor, not serial: BulkRunner's default concurrency, however slow the server.
    assert min(seen[12000:]) == LATENCY_FLOOR == median(seen[14000:])
    server.answers = 0
    assert set(run_virtual(lambda: job(2))) == {2}  # never above the concurrency asked for
