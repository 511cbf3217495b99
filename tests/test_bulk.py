"""The fan-out runner: order, policies, cancellation, adaptive concurrency, rate, progress."""

from __future__ import annotations

import asyncio
import contextlib
import io
import itertools
import random
import time
import tracemalloc
from collections.abc import AsyncIterator, Iterator

import pytest
from aiohttp import web

from aio_litellm import LiteLLMClient, RateLimitError, RetryPolicy
from aio_litellm.bulk import AdaptiveLimit, BulkRunner, ItemSkipped, Outcome, Progress

from .conftest import FakeProxy, FakeSleep


async def double_slowly(x: int) -> int:
    await asyncio.sleep(random.uniform(0, 0.005))
    return 2 * x


async def fail_on_odd(x: int) -> int:
    await asyncio.sleep(random.uniform(0, 0.002))
    if x % 2:
        raise ValueError(f"odd {x}")
    return x


async def test_outcomes_in_input_order() -> None:
    result = await BulkRunner(concurrency=8).run(double_slowly, range(200))
    assert [o.index for o in result.outcomes] == list(range(200))
    assert result.values == [2 * x for x in range(200)]
    assert result.ok and len(result.succeeded) == 200


async def test_stream_yields_in_order_while_running() -> None:
    seen = [o.index async for o in BulkRunner(concurrency=16).stream(double_slowly, range(100))]
    assert seen == list(range(100))


async def test_collect_all_keeps_every_error() -> None:
    result = await BulkRunner(concurrency=4).run(fail_on_odd, range(20))
    assert len(result.outcomes) == 20
    assert [o.index for o in result.failed] == list(range(1, 20, 2))
    assert all(isinstance(o.error, ValueError) for o in result.failed)
    assert str(result.failed[0].error) == "odd 1"
    with pytest.raises(ValueError, match="odd 1"):
        result.raise_first()


@pytest.mark.parametrize("max_errors", [1, 3])
async def test_stop_after_errors_skips_the_rest(max_errors: int) -> None:
    result = await BulkRunner(concurrency=2, max_errors=max_errors).run(fail_on_odd, range(50))
    assert len(result.outcomes) == 50  # nothing dropped
    assert [o.index for o in result.outcomes] == list(range(50))
    failed = [o for o in result.failed if not isinstance(o.error, ItemSkipped)]
    skipped = [o for o in result.failed if isinstance(o.error, ItemSkipped)]
    assert max_errors <= len(failed) <= max_errors + 1  # in-flight ones may still finish
    assert skipped and skipped[-1].index == 49
    assert all(o.item == o.index for o in result.outcomes)


async def test_generators_are_pulled_lazily() -> None:
    pulled = 0

    def items() -> Iterator[int]:
        nonlocal pulled
        for i in range(10_000):
            pulled += 1
            yield i

    runner = BulkRunner(concurrency=4)
    async for outcome in runner.stream(double_slowly, items()):
        if outcome.index == 10:
            # At most the reorder window (>= 64) beyond what was reported.
            assert pulled <= 11 + 64
            break


async def test_async_iterables_and_progress() -> None:
    async def items() -> AsyncIterator[int]:
        for i in range(30):
            yield i

    reports: list[Progress] = []
    out = io.StringIO()
    runner = BulkRunner(concurrency=5, on_progress=reports.append, progress=True, progress_file=out)
    result = await runner.run(fail_on_odd, items(), total=30)
    assert len(reports) == 30
    assert reports[-1].done == 30 and reports[-1].failed == 15 and reports[-1].total == 30
    assert reports[-1].per_second > 0
    assert "30/30 items" in out.getvalue() and "15 failed" in out.getvalue()
    assert len(result.outcomes) == 30


async def test_cancelling_the_caller_cancels_in_flight_and_keeps_partial_outcomes() -> None:
    started: list[int] = []
    release = asyncio.Event()

    async def slow(x: int) -> int:
        started.append(x)
        if x >= 5:
            await release.wait()  # never set: these are in flight when the caller is cancelled
        return x

    runner = BulkRunner(concurrency=8, adaptive=False)
    task = asyncio.create_task(runner.run(slow, range(1000)))
    while len(started) < 13:  # noqa: ASYNC110 - polls a plain list the tasks append to
        await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    outcomes = runner.result.outcomes
    assert [o.index for o in outcomes] == sorted(o.index for o in outcomes)
    assert [o.value for o in outcomes if o.ok] == [0, 1, 2, 3, 4]
    interrupted = [o for o in outcomes if not o.ok]
    assert interrupted and all(isinstance(o.error, asyncio.CancelledError) for o in interrupted)
    assert {o.index for o in outcomes} == set(started)  # every started item accounted for


async def test_cancel_releases_client_connections(proxy: FakeProxy) -> None:
    entered = 0

    async def hang(request: web.Request) -> web.StreamResponse:
        nonlocal entered
        entered += 1
        await asyncio.sleep(3600)
        raise AssertionError

    proxy.on("GET", "/models", hang)
    async with LiteLLMClient(base_url=proxy.url, max_in_flight=16) as client:
        runner = BulkRunner(concurrency=16)
        task = asyncio.create_task(runner.run(lambda _: client.models.list(), range(100)))
        while entered < 16:  # noqa: ASYNC110 - polls a counter the server bumps
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert client._pool.semaphore._value == 16
        assert len(runner.result.outcomes) == 16


def test_aimd_arithmetic() -> None:
    limit = AdaptiveLimit(16, minimum=2)
    limit.on_throttle(started_in=0)
    assert (limit.limit, limit.generation) == (8, 1)
    limit.on_throttle(started_in=0)  # started before the cut: already answered
    assert limit.limit == 8
    limit.on_throttle(started_in=1)
    limit.on_throttle(started_in=2)
    limit.on_throttle(started_in=3)
    assert limit.limit == 2  # never below the minimum
    for _ in range(2):
        limit.on_success()
    assert limit.limit == 3  # +1 after a run of `limit` successes
    fixed = AdaptiveLimit(16, adaptive=False)
    fixed.on_throttle(0)
    assert fixed.limit == 16 and fixed.throttled == 1
    with pytest.raises(ValueError, match="minimum"):
        AdaptiveLimit(2, minimum=3)


async def test_adaptive_concurrency_converges_under_429_bursts(
    proxy: FakeProxy, sleep: FakeSleep
) -> None:
    capacity = 4
    rejected = 0
    active = 0

    async def limited(request: web.Request) -> web.StreamResponse:
        nonlocal rejected, active
        if active >= capacity:
            rejected += 1
            return web.json_response(
                {"error": {"message": "slow down"}}, status=429, headers={"retry-after-ms": "5"}
            )
        active += 1
        try:
            await asyncio.sleep(0.005)
            return web.json_response({"data": []})
        finally:
            active -= 1

    async def run(adaptive: bool) -> tuple[int, int, int]:
        nonlocal rejected
        rejected = 0
        async with LiteLLMClient(
            base_url=proxy.url, retry=RetryPolicy(max_retries=50), sleep=asyncio.sleep
        ) as client:
            runner = BulkRunner(concurrency=32, adaptive=adaptive)
            result = await runner.run(lambda _: client.models.list(), range(300))
            assert result.ok, result.failed[:1]
            return rejected, runner.limit.limit, result.throttled

    proxy.on("GET", "/models", limited)
    fixed_rejections, fixed_limit, _ = await run(adaptive=False)
    adaptive_rejections, adaptive_limit, throttled = await run(adaptive=True)
    assert fixed_limit == 32
    assert adaptive_limit < 32
    assert throttled == adaptive_rejections > 0
    assert adaptive_rejections * 3 < fixed_rejections  # far fewer wasted attempts


async def test_rate_limits_starts() -> None:
    start = time.monotonic()
    await BulkRunner(concurrency=50, rate=(5, 0.1)).run(double_slowly, range(15))
    # 5 at once, then 50/s for the other 10.
    assert time.monotonic() - start >= 0.15


async def test_token_rate_charges_cost_capped_at_capacity() -> None:
    start = time.monotonic()
    # Each item costs more than the bucket holds: charged as a full bucket (100 units), so the
    # second and third wait for a refill of 0.1 s each instead of failing.
    costs: list[str] = ["a" * 10_000, "b" * 10_000, "c" * 10_000, ""]
    runner = BulkRunner(concurrency=10, token_rate=(100, 0.1), cost=len)
    result = await runner.run(lambda s: asyncio.sleep(0, s), costs)
    assert result.values == costs
    assert time.monotonic() - start >= 0.15


def test_bad_runner_options() -> None:
    with pytest.raises(ValueError, match="max_errors"):
        BulkRunner(max_errors=0)
    with pytest.raises(ValueError, match="cost"):
        BulkRunner(token_rate=(10, 1))
    with pytest.raises(ValueError, match="rate"):
        BulkRunner(rate=(0, 1))


async def test_throttle_from_the_clients_own_retries_is_seen(
    proxy: FakeProxy, sleep: FakeSleep
) -> None:
    proxy.on(
        "GET",
        "/models",
        lambda r: _json(429),
        lambda r: _json(200),
    )
    async with LiteLLMClient(base_url=proxy.url, sleep=sleep) as client:
        runner = BulkRunner(concurrency=4)
        result = await runner.run(lambda _: client.models.list(), [1])
    assert result.ok and result.throttled == 1 and runner.limit.limit == 2


async def _json(status: int) -> web.Response:
    return web.json_response({"data": []} if status == 200 else {"error": {}}, status=status)


async def test_errors_keep_their_type(proxy: FakeProxy, sleep: FakeSleep) -> None:
    proxy.on("GET", "/models", lambda r: _json(429))
    async with LiteLLMClient(base_url=proxy.url, sleep=sleep, max_retries=1) as client:
        result = await BulkRunner(concurrency=2).run(lambda _: client.models.list(), range(3))
    assert [type(o.error) for o in result.outcomes] == [RateLimitError] * 3


# -- memory: a stream keeps nothing but what is in flight and the reorder window ----------


async def test_stream_holds_only_the_window_not_every_outcome() -> None:
    items, size = 20_000, 4096

    async def big(x: int) -> bytes:
        for _ in range(x % 3):  # finish out of order: the reorder window is used
            await asyncio.sleep(0)
        return bytes(size)

    runner = BulkRunner(concurrency=16)
    tracemalloc.start()
    try:
        count = 0
        async for outcome in runner.stream(big, range(items)):
            count += len(outcome.value or b"") == size
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == items
    assert peak < 8 * 2**20, f"peak {peak / 2**20:.1f} MiB for {items * size / 2**20:.0f} MiB"
    result = runner.result
    assert result.outcomes == []  # stream keeps none: the counts say what happened
    assert (result.succeeded_count, result.failed_count, result.skipped_count) == (items, 0, 0)
    assert result.ok and result.unread_from is None and result.elapsed > 0


async def test_run_keeps_outcomes_and_counts_them() -> None:
    result = await BulkRunner(concurrency=4, max_errors=2).run(fail_on_odd, range(40))
    counts = (result.succeeded_count, result.failed_count, result.skipped_count)
    assert counts == (
        len(result.succeeded),
        len([o for o in result.failed if not isinstance(o.error, ItemSkipped)]),
        len([o for o in result.failed if isinstance(o.error, ItemSkipped)]),
    )
    assert sum(counts) == len(result.outcomes) == 40
    assert not result.ok and result.unread_from is None  # a range is read to its end


async def test_a_stream_closed_early_says_where_reading_stopped() -> None:
    async def instant(x: int) -> int:
        return x

    source = iter(range(10_000))
    runner = BulkRunner(concurrency=4, adaptive=False)
    async with contextlib.aclosing(runner.stream(instant, source)) as outcomes:
        async for _ in outcomes:
            break  # 4 were started, and finished, before the first was reported
    result = runner.result
    assert result.unread_from == 4 == next(source)  # the iterator is left positioned there
    assert result.succeeded_count == 4  # counted, though the consumer saw only one
    assert result.outcomes == [] and not result.ok


# -- no hang: every started item ends as an outcome ---------------------------------------


class Fatal(BaseException):
    """Not an Exception: an operation may still raise it."""


async def test_a_cancelled_error_the_runner_did_not_cause_is_the_items_outcome() -> None:
    cancelled_elsewhere: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    cancelled_elsewhere.cancel()

    async def op(x: int) -> int:
        await asyncio.sleep(0)
        if x == 1:
            raise asyncio.CancelledError("raised by the operation")
        if x == 3:
            await cancelled_elsewhere  # someone else's cancelled future
        if x == 5:
            task = asyncio.current_task()
            assert task is not None
            asyncio.get_running_loop().call_soon(task.cancel)  # someone else cancels the task
            await asyncio.sleep(10)
        if x == 7:
            raise Fatal
        return x

    result = await asyncio.wait_for(BulkRunner(concurrency=4).run(op, range(10)), 5)
    assert [o.index for o in result.outcomes] == list(range(10))
    errors = {o.index: o.error for o in result.outcomes if not o.ok}
    assert sorted(errors) == [1, 3, 5, 7]
    assert all(isinstance(errors[i], asyncio.CancelledError) for i in (1, 3, 5))
    assert "raised by the operation" in str(errors[1])
    assert isinstance(errors[7], Fatal)
    assert result.values[8] == 8 and result.failed_count == 4


async def test_an_endless_source_is_not_drained_after_max_errors() -> None:
    pulled = 0

    def endless() -> Iterator[int]:
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            if pulled > 10_000:
                raise AssertionError("the runner drained an endless source")
            yield i

    source = endless()
    runner = BulkRunner(concurrency=4, max_errors=1)
    result = await asyncio.wait_for(runner.run(fail_on_odd, source), 5)
    assert result.unread_from == pulled < 100  # stopped reading at once
    assert next(source) == result.unread_from  # left positioned at the first unread item
    assert [o.index for o in result.outcomes] == list(range(result.unread_from))
    assert not result.ok and result.failed_count >= 1


async def test_an_endless_async_source_ends_the_stream_promptly() -> None:
    async def endless() -> AsyncIterator[int]:
        for i in itertools.count():
            await asyncio.sleep(0)
            yield i

    async def collect() -> list[Outcome[int, int]]:
        return [o async for o in runner.stream(fail_on_odd, endless())]

    runner = BulkRunner(concurrency=4, max_errors=1)
    outcomes = await asyncio.wait_for(collect(), 5)
    assert [o.index for o in outcomes] == list(range(len(outcomes)))
    assert runner.result.unread_from == len(outcomes) < 100


async def test_an_iterator_with_total_is_reported_skipped_up_to_total() -> None:
    source = iter(range(100))
    runner = BulkRunner(concurrency=2, max_errors=1)
    result = await asyncio.wait_for(runner.run(fail_on_odd, source, total=50), 5)
    assert [o.index for o in result.outcomes] == list(range(50))
    assert result.skipped_count > 40 and isinstance(result.outcomes[-1].error, ItemSkipped)
    assert result.unread_from == 50 and next(source) == 50
    short = await BulkRunner(concurrency=2, max_errors=1).run(fail_on_odd, iter(range(9)), total=50)
    assert len(short.outcomes) == 9 and short.unread_from is None  # read to its end, not to 50


async def test_items_waiting_for_the_rate_limit_are_skipped_not_run_after_max_errors() -> None:
    called: list[int] = []

    async def op(x: int) -> int:
        called.append(x)
        if x == 0:
            raise ValueError("first fails")
        return x

    runner = BulkRunner(concurrency=4, rate=(2, 0.2), max_errors=1)
    result = await asyncio.wait_for(runner.run(op, range(4)), 5)
    assert called == [0, 1]  # 2 and 3 were waiting for a slot when the job stopped
    assert [type(o.error) for o in result.outcomes] == [ValueError, type(None)] + [ItemSkipped] * 2


async def test_a_long_run_of_skips_lets_the_event_loop_run() -> None:
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0)

    background = asyncio.create_task(ticker())
    runner = BulkRunner(concurrency=1, max_errors=1)
    at_first_skip = None
    async for outcome in runner.stream(fail_on_odd, range(1, 5_000)):
        if at_first_skip is None and isinstance(outcome.error, ItemSkipped):
            at_first_skip = ticks
    background.cancel()
    assert at_first_skip is not None and ticks > at_first_skip
    assert runner.result.skipped_count == 4_998 and runner.result.unread_from is None


async def test_rate_and_token_rate_take_a_limiter_of_yours() -> None:
    class Recording:
        def __init__(self) -> None:
            self.amounts: list[float] = []

        async def acquire(self, amount: float = 1) -> None:
            self.amounts.append(amount)

    requests, tokens = Recording(), Recording()
    runner = BulkRunner(concurrency=2, rate=requests, token_rate=tokens, cost=lambda n: n * 1000)

    async def double(n: int) -> int:
        return 2 * n

    result = await runner.run(double, [1, 2, 3])
    assert result.values == [2, 4, 6]
    assert requests.amounts == [1, 1, 1]
    assert sorted(tokens.amounts) == [1000, 2000, 3000]  # no cap: the limiter takes any amount
    with pytest.raises(TypeError, match="limiter with acquire"):
        BulkRunner(rate=object())  # type: ignore[arg-type]
