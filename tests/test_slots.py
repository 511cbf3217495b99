"""The concurrency slots (``aio_litellm._slots.Slots``): FIFO hand-off, no barging, and no slot
lost or doubled when a waiter is cancelled at any point."""

from __future__ import annotations

import asyncio

import pytest

from aio_litellm._slots import Slots


async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_free_slots_are_taken_without_waiting() -> None:
    slots = Slots(2)
    assert not slots.locked()
    assert await slots.acquire()
    assert await slots.acquire()
    assert slots._value == 0 and slots.locked()
    slots.release()
    assert slots._value == 1 and not slots.locked()


def test_needs_at_least_one_slot() -> None:
    with pytest.raises(ValueError, match="n >= 1"):
        Slots(0)


async def test_waiters_are_served_in_arrival_order() -> None:
    slots = Slots(1)
    await slots.acquire()
    order: list[int] = []

    async def waiter(i: int) -> None:
        await slots.acquire()
        order.append(i)

    tasks = [asyncio.create_task(waiter(i)) for i in range(4)]
    await _settle()
    assert order == [] and len(slots._waiters) == 4
    for expected in range(4):
        slots.release()
        await _settle()
        assert order == list(range(expected + 1))
    slots.release()
    assert slots._value == 1 and not slots._waiters
    await asyncio.gather(*tasks)


async def test_a_newcomer_does_not_barge_past_a_woken_waiter() -> None:
    slots = Slots(1)
    await slots.acquire()
    first = asyncio.create_task(slots.acquire())
    await _settle()
    slots.release()  # handed to `first`, which has not run yet
    assert slots._value == 0 and slots.locked()  # nobody waits, yet no slot is free...
    newcomer = asyncio.create_task(slots.acquire())
    await _settle()
    assert first.done() and not newcomer.done()  # ...but the slot is first's, not free
    slots.release()
    await _settle()
    assert newcomer.done()
    slots.release()
    assert slots._value == 1


async def test_a_cancelled_waiter_leaves_the_line() -> None:
    slots = Slots(1)
    await slots.acquire()
    gone = asyncio.create_task(slots.acquire())
    kept = asyncio.create_task(slots.acquire())
    await _settle()
    gone.cancel()
    await _settle()
    assert gone.cancelled() and len(slots._waiters) == 1
    slots.release()
    await _settle()
    assert kept.done()
    slots.release()
    assert slots._value == 1 and not slots._waiters


async def test_a_release_skips_a_waiter_cancelled_before_it_ran() -> None:
    slots = Slots(1)
    await slots.acquire()
    gone = asyncio.create_task(slots.acquire())
    await _settle()
    gone.cancel()  # its future is cancelled now; the task has not seen it yet
    slots.release()  # drops the cancelled waiter and frees the slot
    await _settle()
    assert gone.cancelled()
    assert slots._value == 1 and not slots._waiters


async def test_a_waiter_cancelled_after_the_hand_off_passes_its_slot_on() -> None:
    slots = Slots(1)
    await slots.acquire()
    handed = asyncio.create_task(slots.acquire())
    nxt = asyncio.create_task(slots.acquire())
    await _settle()
    slots.release()  # handed the slot...
    handed.cancel()  # ...and cancelled before it could use it
    await _settle()
    assert handed.cancelled()
    assert nxt.done()  # the slot went on to the next in line
    slots.release()
    assert slots._value == 1 and not slots._waiters


async def test_locked_ignores_waiters_that_are_done() -> None:
    slots = Slots(1)
    await slots.acquire()
    gone = asyncio.create_task(slots.acquire())
    await _settle()
    assert slots.locked()
    gone.cancel()
    slots.release()
    await _settle()
    assert not slots.locked()


async def test_many_tasks_never_exceed_the_slots() -> None:
    slots = Slots(3)
    inside = 0
    peak = 0

    async def work(i: int) -> None:
        nonlocal inside, peak
        await slots.acquire()
        inside += 1
        peak = max(peak, inside)
        try:
            await asyncio.sleep(0.001 * (i % 3))
        finally:
            inside -= 1
            slots.release()

    tasks = [asyncio.create_task(work(i)) for i in range(60)]
    await asyncio.sleep(0.002)
    for task in tasks[::7]:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    assert peak == 3
    assert slots._value == 3 and not slots._waiters
